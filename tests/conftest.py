"""Shared fixtures: hand-built Docs need only a blank vocabulary; real pipelines load once."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp_fr():
    from kg.nlp import load_pipeline

    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en():
    from kg.nlp import load_pipeline

    return load_pipeline("en")


@pytest.fixture(scope="session")
def seed_graph():
    import kg

    return kg.build_graph([SEEDS])


@pytest.fixture(scope="session", autouse=True)
def _session_store_in_a_temporary_folder(tmp_path_factory):
    """Session and module fixtures run before per-test ones: they get a temporary store too."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-session-store")))
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-session-cache")))
        yield


@pytest.fixture(autouse=True)
def _store_in_a_temporary_folder(_session_store_in_a_temporary_folder, tmp_path_factory, monkeypatch):
    """Every store a test opens by default lands in a fresh temporary folder, never in the
    user's ~/.cache: the default folder follows $KG_CACHE_DIR (inherited by subprocesses too)."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-store")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(scope="session", autouse=True)
def _home_store_untouched():
    """Fail the session if anything wrote a store under the user's home."""
    home = Path.home() / ".cache" / "kg"

    def state():
        return sorted((p.name, p.stat().st_mtime_ns) for p in home.glob("*")) if home.is_dir() else None

    before = state()
    yield
    assert state() == before, f"a test wrote to {home}: stores belong in temporary folders"

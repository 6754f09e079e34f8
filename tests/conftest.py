"""Shared fixtures: hand-built Docs need only a blank vocabulary; real pipelines load once."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def cache_in_a_temporary_folder(tmp_path_factory):
    """Builds that use the default cache (the CLI's) write it under pytest's temporary folder."""
    import os

    saved = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield
    if saved is None:
        del os.environ["KG_CACHE_DIR"]
    else:
        os.environ["KG_CACHE_DIR"] = saved


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

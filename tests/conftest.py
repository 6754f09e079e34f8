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

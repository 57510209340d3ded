"""Small shared fixtures: the founding example's facts, an embedded store in tmp_path, a CLI runner.

Topic modules keep their own fixtures (``tests/<topic>_fixtures.py``); this file stays small.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.load import load_files
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEED_FACTS = ROOT / "examples" / "facts" / "2025-03-15-putin-witkoff.facts.json"


@pytest.fixture
def seed_facts() -> Path:
    """The founding example's facts file (its article text lies in examples/articles)."""
    return SEED_FACTS


@pytest.fixture
def store(tmp_path):
    """An empty embedded store in a fresh folder."""
    return open_store(str(tmp_path / "store"))


@pytest.fixture
def seed_store(store, seed_facts):
    """The embedded store with the founding example loaded."""
    load_files(store, [seed_facts])
    return store


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()

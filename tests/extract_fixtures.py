"""Fixtures for the extraction tests: the spaCy pipeline, loaded once per test session."""
from __future__ import annotations

import datetime as _dt

import pytest

from kg.articles import Article


@pytest.fixture(scope="session")
def nlp():
    """kg's pipeline (the model plus its paragraph rule)."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def facts(nlp):
    """facts(text, date=...) -> the facts document of a short constructed article."""
    from kg.extract import extract

    def run(text: str, date: str | None = "2025-03-15") -> dict:
        day = _dt.date.fromisoformat(date) if date else None
        return extract(Article(text=text, key="t.txt", file="t.txt", date=day), nlp=nlp)

    return run

"""Fixtures of the reference-data tests: a fresh store per test and the fixture files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harmonized_customs import refdata

DATA = Path(__file__).resolve().parent.parent / "data" / "refdata"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty store in a temporary directory, forgotten after the test."""
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "data"))
    refdata.reset()
    yield tmp_path / "data"
    refdata.reset()


@pytest.fixture
def data_dir() -> Path:
    """The folder of reference-data fixture files."""
    return DATA

"""Shared helpers of the ``mx-pedimento-m3`` tests: the fixture files and reading them."""

from __future__ import annotations

from pathlib import Path

from harmonized_customs.countries.mx import pedimento_m3
from harmonized_customs.format_registry import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "mx" / "m3"
GOOD = sorted(p for p in DATA.iterdir() if p.is_file() and p.name.startswith("m"))
MALFORMED = DATA / "malformed"


def read_path(path: Path) -> list[ReadResult]:
    """Every result of reading one fixture file."""
    return list(pedimento_m3.read(path.read_bytes(), path.name))

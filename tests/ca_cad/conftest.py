"""Paths of the composed CAD fixtures (``tests/data/ca/ca-cad``, described in its README)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "ca" / "ca-cad"
VALID = sorted((DATA / "valid").glob("*.json"))
INVALID = sorted(p for p in (DATA / "invalid").glob("*.json") if p.name != "expected.json")
REJECTED = sorted(p for p in (DATA / "rejected").glob("*.json") if p.name != "expected.json")

"""A check's pass over the M3 records with a filter that refuses repeats (``once=True``).

Such a filter refuses a (code, pointer) it was asked about before, so the fields that repeat a
value an earlier record checked at the same place are not checked again: the issues the filter
accepts are those of the full pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.countries.mx import m3_write
from harmonized_customs.countries.mx.m3_layout import layout
from harmonized_customs.issues import Issue
from harmonized_customs.model import Declaration

from .conftest import GOOD

ROOT = Path(__file__).resolve().parents[2]


def _declarations() -> list[tuple[str, Declaration]]:
    """The declarations of the M3 fixtures, of the other Mexican fixtures and of the examples."""
    paths = [*GOOD, *sorted((ROOT / "examples").glob("*.json"))]
    paths += sorted(p for p in (ROOT / "tests" / "data" / "mx").rglob("*") if p.is_file())
    results = [(path, n, r) for path in paths for n, r in enumerate(hc.read(path))]
    return [
        (f"{path.name}#{n}", r.document)
        for path, n, r in results
        if isinstance(r.document, Declaration)
    ]


DECLARATIONS = _declarations()
_TRAILER = "/national/mx/archivo/"
"""Record 801's values: asked of the filter only with ``once``."""


def _refusing_repeats() -> Callable[[str, str], bool]:
    """A filter like a check's: each (code, pointer) accepted the first time only."""
    seen: set[tuple[str, str]] = set()

    def wanted(code: str, pointer: str) -> bool:
        if (code, pointer) in seen:
            return False
        seen.add((code, pointer))
        return True

    return wanted


def _compared(issues: Iterable[Issue]) -> list[Issue]:
    """The blocking issues, record 801's left out."""
    return [i for i in issues if i.blocking and not i.pointer.startswith(_TRAILER)]


@pytest.mark.parametrize(("name", "declaration"), DECLARATIONS, ids=[n for n, _ in DECLARATIONS])
def test_once_finds_what_a_filter_of_repeats_accepts(name: str, declaration: Declaration) -> None:
    every = m3_write.required_issues(declaration, _refusing_repeats())
    once = m3_write.required_issues(declaration, _refusing_repeats(), once=True)
    assert _compared(once) == _compared(every)


def test_once_leaves_out_the_trailers_problems_the_filter_refuses() -> None:
    def outside(code: str, pointer: str) -> bool:
        return not pointer.startswith(_TRAILER)

    asked = 0
    for _, declaration in DECLARATIONS:
        every = m3_write.required_issues(declaration, outside)
        asked += len([i for i in every if i.pointer.startswith(_TRAILER)])
        once = m3_write.required_issues(declaration, outside, once=True)
        assert not [i for i in once if i.pointer.startswith(_TRAILER)]
    assert asked


def test_the_records_repeating_a_value_check_it_no_more() -> None:
    records = layout().records
    assert "pedimento" not in m3_write._unrepeated(records["505"]).by_name
    assert {"patente", "aduana_seccion"}.isdisjoint(m3_write._unrepeated(records["501"]).by_name)
    assert {"fraccion", "partida"}.isdisjoint(m3_write._unrepeated(records["554"]).by_name)
    assert m3_write._unrepeated(records["500"]) is records["500"]
    assert "fraccion" in m3_write._unrepeated(records["551"]).by_name


def test_a_repeated_field_of_another_kind_is_checked_again() -> None:
    first = layout().records["500"].field("pedimento")
    assert m3_write._same_problems(first, first)
    longer = first.__class__(**{**vars(first), "length": first.length + 1})
    assert not m3_write._same_problems(first, longer)
    optional = first.__class__(**{**vars(first), "required": False})
    assert not m3_write._same_problems(optional, first)

"""``lost_against_dump`` and ``NotCarried``: what the whole dump and ``not_carried`` give."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.losses import NotCarried, lost_against, lost_against_dump, not_carried
from harmonized_customs.model import Declaration
from strategies import declarations


def _same(written: Any, original: Any) -> bool:
    if isinstance(written, str) and isinstance(original, str):
        return written.split() == original.split()
    return bool(written == original)


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Declaration, dict[str, Any], set[str]]:
    """A declaration, a read-back (fields kept, dropped, changed or emptied), reported nodes."""
    declaration = draw(declarations(max_goods=3))
    dump = declaration.model_dump(exclude_defaults=True)
    kept = draw(st.sets(st.sampled_from(sorted(dump))))
    changed = draw(st.sets(st.sampled_from(sorted(kept)))) if kept else set()
    emptied = draw(st.sets(st.sampled_from(sorted(changed)))) if changed else set()
    back = {
        name: ({} if name in emptied else "changed") if name in changed else dump[name]
        for name in sorted(kept)
    }
    reported = draw(st.sets(st.sampled_from(sorted(f"/{name}" for name in dump)), max_size=2))
    return declaration, back, reported


@given(_cases(), st.booleans())
def test_same_nodes_as_against_the_whole_dump(
    case: tuple[Declaration, dict[str, Any], set[str]], keep_empty: bool
) -> None:
    declaration, back, reported = case
    whole = declaration.model_dump(exclude_defaults=True)
    expected = lost_against(whole, back, same=_same, reported=reported, keep_empty=keep_empty)
    found = lost_against_dump(
        declaration, back, same=_same, reported=reported, keep_empty=keep_empty
    )
    assert found == expected


def test_fields_the_read_back_lacks_are_lost_whole() -> None:
    declaration = Declaration.model_validate_json(
        '{"direction": "import", "declaration_date": "2026-01-02", "goods_items": [{'
        '"line_number": 1, "description": "Nuts", "origin_country": "CA",'
        '"classification": {"hs6": "731816"}, "net_weight_kg": "2.5",'
        '"value": {"amount": "4.00", "currency": "CAD"}}]}'
    )
    back = {"direction": "import", "goods_items": [{"line_number": 1, "description": " Nuts"}]}
    assert lost_against_dump(declaration, back, same=_same, keep_empty=True) == [
        "/declaration_date",
        "/goods_items/0/classification",
        "/goods_items/0/origin_country",
        "/goods_items/0/net_weight_kg",
        "/goods_items/0/value",
    ]


@given(st.lists(st.sampled_from(["", "/exporter", "/goods_items/3/value", "/x~1y"]), max_size=5))
def test_not_carried_issues_are_not_carried_s(pointers: list[str]) -> None:
    made = NotCarried(format_name="us-abi-ae", target="US").issues(pointers)
    assert made == not_carried(pointers, format_name="us-abi-ae", target="US")
    assert len({id(issue.ctx) for issue in made}) == len(made)  # each its own values

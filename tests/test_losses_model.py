"""``unused_in_model``: the same nodes as ``unused`` of the dump without defaults."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from harmonized_customs.losses import unused, unused_in_model
from harmonized_customs.model import Declaration
from harmonized_customs.pointers import ancestry, leaves
from strategies import declarations

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mx-to-us-usmca.json"


def _used(draw: st.DrawFn, declaration: Declaration) -> set[str]:
    found = sorted(leaves(declaration.model_dump(exclude_defaults=True)))
    picked = draw(st.lists(st.sampled_from(found), max_size=12)) if found else []
    used: set[str] = set()
    for pointer in picked:
        nodes = [pointer, *ancestry(pointer)]
        used.add(draw(st.sampled_from(nodes)))
    return used


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Declaration, set[str]]:
    declaration = draw(declarations())
    return declaration, _used(draw, declaration)


@settings(max_examples=150, deadline=None)
@given(_cases())
def test_same_nodes_as_the_dump_without_defaults(case: tuple[Declaration, set[str]]) -> None:
    declaration, used = case
    dump = declaration.model_dump(exclude_defaults=True)
    assert unused_in_model(declaration, used) == unused(dump, used)


def test_a_field_given_its_default_is_absent() -> None:
    base = Declaration.model_validate_json(EXAMPLE.read_bytes())
    same = base.model_copy(update={"national": type(base.national)()})
    assert "/national" in unused_in_model(base, ())
    assert "/national" not in unused_in_model(same, ())

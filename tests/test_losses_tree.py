"""``unused_in_tree``: the same nodes as ``unused_in_model`` of the same pointers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from harmonized_customs.losses import UseTree, unused_in_model, unused_in_tree, use, use_tree
from harmonized_customs.model import Declaration
from harmonized_customs.pointers import ancestry, leaves
from strategies import declarations


def _used(draw: st.DrawFn, declaration: Declaration) -> list[str]:
    found = sorted(leaves(declaration.model_dump(exclude_defaults=True)))
    picked = draw(st.lists(st.sampled_from(found), max_size=12)) if found else []
    return [draw(st.sampled_from([pointer, *ancestry(pointer)])) for pointer in picked]


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Declaration, list[str], list[str]]:
    declaration = draw(declarations())
    return declaration, _used(draw, declaration), _used(draw, declaration)[:2]


@settings(max_examples=150, deadline=None)
@given(_cases())
def test_same_nodes_as_unused_in_model(case: tuple[Declaration, list[str], list[str]]) -> None:
    declaration, used, reported = case
    tree = use_tree(used)
    assert unused_in_tree(declaration, tree) == unused_in_model(declaration, used)
    expected = unused_in_model(declaration, used, reported=reported)
    assert unused_in_tree(declaration, tree, reported=reported) == expected


def test_a_node_used_whole_stays_whole() -> None:
    tree: UseTree = {}
    use(tree, "value", "amount")
    use(tree, "value")
    use(tree, "value", "currency")
    assert tree == {"value": True}


def test_list_indexes_are_numbers_and_the_root_marks_nothing() -> None:
    assert use_tree(["", "/goods_items/0/description", "/otros/07"]) == {
        "goods_items": {0: {"description": True}},
        "otros": {"07": True},
    }

"""JSON pointer helpers shared by readers, writers and the rule engine."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.pointers import (
    ancestry,
    branches,
    escape,
    join,
    leaves,
    outermost_absent,
    outermost_uncovered,
    within,
)


def test_escape_follows_rfc_6901() -> None:
    assert escape("a/b~c") == "a~1b~0c"
    assert join(["goods_items", 0, "a/b"]) == "/goods_items/0/a~1b"


def test_leaves_of_a_document() -> None:
    document = {"a": {"b": 1, "c": [2, {"d": 3}]}, "e": {}}
    assert leaves(document) == {"/a/b": 1, "/a/c/0": 2, "/a/c/1/d": 3}
    assert leaves(document, keep_empty=True)["/e"] == {}


def test_ancestry_branches_and_outermost_absent() -> None:
    assert ancestry("/a/b/c") == ["/a", "/a/b", "/a/b/c"]
    present = branches(["/a/b/c", "/x"])
    assert present == {"/a", "/a/b", "/a/b/c", "/x"}
    assert outermost_absent("/a/z/q", present) == "/a/z"
    assert outermost_absent("/a/b/c", present) == "/a/b/c"


def test_ancestry_of_unusual_pointers() -> None:
    assert ancestry("") == []
    assert ancestry("/a/") == ["/a", "/a/"]
    assert ancestry("/a//b") == ["/a", "/a/", "/a//b"]
    assert ancestry("a/b") == ["a/b"]
    assert branches(["/a/", "/a//b", "/a/x"]) == {"/a", "/a/", "/a//b", "/a/x"}


def test_outermost_uncovered_stops_at_a_covered_ancestor() -> None:
    present = branches(["/a/b/c"])
    assert outermost_uncovered("/a/z/q", present, set()) == "/a/z"
    assert outermost_uncovered("/a/z/q", present, {"/a/z"}) is None
    assert outermost_uncovered("/a/z/q", present, {"/a"}) is None
    assert outermost_uncovered("/a/z/q", present, {"/a/z/q/r"}) == "/a/z"
    assert outermost_uncovered("/a/b/c", present, set()) == "/a/b/c"


def test_within_finds_the_pointer_or_an_ancestor_in_any_place() -> None:
    pointer = "/goods_items/3/value"
    assert within(pointer, {"/goods_items/3"})
    assert within(pointer, set(), {pointer})
    assert not within(pointer, {"/goods_items/30", "/goods_items/3/value/x"}, {"/invoices"})
    assert not within(pointer)
    assert within("goods_items/3/value", {"goods_items/3"})


_POINTERS = st.text(alphabet="/ab0", max_size=8)


@given(_POINTERS, st.lists(st.sets(_POINTERS, max_size=4), max_size=3))
def test_within_is_membership_of_an_ancestor(pointer: str, places: list[set[str]]) -> None:
    expected = any(each in place for each in ancestry(pointer) for place in places)
    assert within(pointer, *places) == expected

"""The one loss reporter: outermost absent nodes, once, with one target/wco_id policy."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs.format_registry import get_format
from harmonized_customs.issues import get_issue_code
from harmonized_customs.losses import (
    lost_against,
    lost_in_document,
    lost_in_read_back,
    lost_in_use,
    not_carried,
    outermost_lost,
    unused,
)
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import branches, leaves

FORMATS = {"us-abi-ae": "US", "ca-cad": "CA", "mx-pedimento-m3": "MX"}


def test_a_lost_block_is_reported_once_at_its_top() -> None:
    before = {"/exporter/name": "ACME", "/exporter/address/city": "Laredo", "/a/b": 1}
    after = {"/a/b": 1}
    assert lost_in_read_back(before, after) == ["/exporter"]


def test_a_changed_value_is_lost_where_it_differs() -> None:
    before = {"/goods_items/0/description": "bolts", "/goods_items/0/line_number": 1}
    after = {"/goods_items/0/description": "nuts", "/goods_items/0/line_number": 1}
    assert lost_in_read_back(before, after) == ["/goods_items/0/description"]


def test_same_decides_equality() -> None:
    before = {"/d": "two  words"}
    after = {"/d": "two words"}
    assert lost_in_read_back(before, after) == ["/d"]
    assert lost_in_read_back(before, after, same=lambda a, b: a.split() == b.split()) == []


def test_empty_object_is_carried_when_anything_under_it_came_back() -> None:
    assert lost_in_read_back({"/transport": {}}, {"/transport/mode": "3"}) == []
    assert lost_in_read_back({"/transport": {}}, {"/other": 1}) == ["/transport"]


def test_ignored_and_already_reported_nodes_are_left_out() -> None:
    before = {"/x/y": 1, "/z": 2, "/w/v": 3}
    assert lost_in_read_back(before, {}, ignore={"/z"}, reported={"/w"}) == ["/x"]


def test_used_pointers_or_their_ancestors_carry_leaves() -> None:
    before = ["/importer/name", "/importer/address/city", "/seller/name", "/goods_items/0/hs6"]
    used = {"/importer/name", "/goods_items/0"}
    assert lost_in_use(before, used) == ["/importer/address", "/seller"]


def test_outermost_lost_skips_nodes_under_one_given() -> None:
    present = branches(["/a/keep"])
    assert outermost_lost(["/b/c", "/b/d", "/a/x/y", "/a/x/z"], present) == ["/b", "/a/x"]


def test_outermost_lost_gives_each_changed_sibling_once() -> None:
    present = branches(["/a/x", "/a/y", "/a/z"])
    lost = ["/a/x", "/a/y", "/a/w/1", "/a/w/2", "/a/z"]
    assert outermost_lost(lost, present, ["/a/z"]) == ["/a/x", "/a/y", "/a/w"]


def test_outermost_lost_covers_the_children_of_a_reported_node() -> None:
    present = branches(["/a/b/keep"])
    assert outermost_lost(["/a/b/c", "/a/b/d", "/a/e"], present, ["/a/b"]) == ["/a/e"]


def test_outermost_lost_children_of_a_changed_value_are_covered() -> None:
    present = branches(["/a/b/c", "/a/b/d"])
    assert outermost_lost(["/a/b/c", "/a/b", "/a/b/d"], present) == ["/a/b/c", "/a/b"]


def test_lost_in_use_asks_each_ancestor() -> None:
    before = ["/a/b/c", "/a/b/d", "/a/e/f", "/g"]
    assert lost_in_use(before, ["/a/b"]) == ["/a/e", "/g"]
    assert lost_in_use(before, ["/a"]) == ["/g"]
    assert lost_in_use(before, ["/a/b/c"], reported=["/g"]) == ["/a/b/d", "/a/e"]


def test_unused_walks_to_what_lost_in_use_finds() -> None:
    document = {
        "importer": {"name": "ACME", "address": {"city": "Laredo", "lines": ["1 Main"]}},
        "seller": {"name": "B", "ids": [{"value": "1"}, {"value": "2"}]},
        "empty": {"list": []},
        "items": [{"a": 1, "b": 2}, {"a": 3, "b": None}],
    }
    used = ["/importer/name", "/items/0/a", "/items/1"]
    expected = ["/importer/address", "/seller", "/items/0/b"]
    assert lost_in_use(leaves(document), used) == expected
    assert unused(document, used) == expected
    assert unused(document, used, reported=["/seller"]) == ["/importer/address", "/items/0/b"]


def test_lost_in_document_is_lost_in_read_back_in_one_walk() -> None:
    document = {
        "schema_version": "1",
        "importer": {"name": "ACME", "address": {"city": "Laredo"}, "contact": {}},
        "items": [{"a": 1, "b": "x  y"}, {"a": 2}],
    }
    after = {"/importer/name": "ACME", "/importer/contact": {}, "/items/0/b": "x y"}
    ignore = ["/schema_version"]

    def spaced(written: Any, original: Any) -> bool:
        return bool(written.split() == original.split())

    for keep_empty in (False, True):
        before = leaves(document, keep_empty=keep_empty)
        expected = lost_in_read_back(before, after, same=spaced, ignore=ignore)
        found = lost_in_document(document, after, same=spaced, ignore=ignore, keep_empty=keep_empty)
        assert found == expected
    assert expected == ["/importer/address", "/items/0/a", "/items/1"]
    assert lost_in_document(document, after) == [
        "/schema_version",
        *expected[:2],
        "/items/0/b",
        "/items/1",
    ]


_KEYS = st.sampled_from(["0", "1", "01", "a", "b", "a/b", "a~1b", "~"])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from(["", "x", "1.0"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(_JSON, _JSON, st.lists(st.sampled_from(["/0", "/a", "/a/0", "/1/b", "/a~1b"]), max_size=2))
def test_lost_against_is_lost_in_document_of_the_leaves(
    document: Any, back: Any, ignore: list[str]
) -> None:
    expected = lost_in_document(document, leaves(back), ignore=ignore)
    assert lost_against(document, back, ignore=ignore) == expected

    def loose(written: Any, original: Any) -> bool:
        return str(written) == str(original)

    expected = lost_in_document(document, leaves(back), ignore=ignore, same=loose)
    assert lost_against(document, back, ignore=ignore, same=loose) == expected


_NODES = st.sampled_from(["/0", "/a", "/a/0", "/1/b", "/a~1b", "/b/a"])


@settings(max_examples=400, deadline=None)
@given(
    _JSON,
    _JSON,
    st.lists(_NODES, max_size=2),
    st.lists(_NODES, max_size=2),
    st.tuples(st.booleans(), st.booleans()),
)
def test_lost_against_reported_and_empty_objects_are_lost_in_document(
    document: Any, back: Any, ignore: list[str], reported: list[str], flags: tuple[bool, bool]
) -> None:
    keep_empty, loose = flags

    def same(written: Any, original: Any) -> bool:
        return str(written) == str(original) if loose else bool(written == original)

    after = leaves(back, keep_empty=keep_empty)
    options: dict[str, Any] = {"ignore": ignore, "reported": reported, "keep_empty": keep_empty}
    expected = lost_in_document(document, after, same=same, **options)
    assert lost_against(document, back, same=same, **options) == expected


def test_lost_against_keeps_empty_objects_and_skips_reported() -> None:
    document = {"a": {}, "b": {"c": "x", "d": "y"}, "e": {}, "f": {"g": {}, "h": 1}}
    back = {"a": {}, "b": {"d": "z"}, "f": {"g": {}}}
    assert lost_against(document, back) == ["/b/c", "/b/d", "/f"]
    found = lost_against(document, back, reported=["/b/d"], keep_empty=True)
    assert found == ["/b/c", "/e", "/f/h"]


def test_lost_against_compares_side_by_side() -> None:
    document = {"a": [1, {"b": "x"}], "c": {"d": 2}, "e": [], "v": "1"}
    back = {"a": {"0": 1, "1": {"b": "y"}}, "c": {"d": {}}, "v": "1"}
    assert lost_against(document, back, ignore=["/v"]) == ["/a/1/b", "/c"]


def test_policy_target_and_wco_id() -> None:
    [issue] = not_carried(["/importer/name"], format_name="us-abi-ae", target="US")
    assert (issue.code, issue.target, issue.wco_id) == ("value_not_carried", "US", "R037")
    assert issue.ctx == {"format": "us-abi-ae"}
    assert issue.severity == get_issue_code("value_not_carried").severity


@pytest.mark.parametrize(
    "pointer",
    [
        "/importer/name",
        "/goods_items/12/origin_country",
        "/goods_items/12",
        "/goods_items/x1/a",
        "",
    ],
)
def test_a_loss_issue_is_the_issue_of_its_code(pointer: str) -> None:
    [issue] = not_carried([pointer], format_name="ca-cad", target="CA")
    shape = pointer.replace("/goods_items/12", "/goods_items/0")
    expected = hc.Issue.of(
        "value_not_carried",
        pointer,
        target="CA",
        wco_id=wco_id_for_pointer(shape),
        format="ca-cad",
    )
    assert issue == expected
    assert repr(issue) == repr(expected)


def test_a_loss_on_any_line_has_the_wco_id_of_the_first() -> None:
    first, other = not_carried(
        ["/goods_items/0/origin_country", "/goods_items/731/origin_country"],
        format_name="us-abi-ae",
        target="US",
    )
    assert first.wco_id is not None
    assert other.wco_id == first.wco_id


def test_many_losses_take_linear_time() -> None:
    def run(size: int) -> float:
        before = {f"/goods_items/{n}/x/{k}": k for n in range(size) for k in range(5)}
        reported = [f"/goods_items/{n}/other" for n in range(size)]
        start = time.perf_counter()
        assert len(lost_in_read_back(before, {}, reported=reported)) == 1
        lost = lost_in_read_back(before, {"/goods_items/0/y": 1}, reported=reported)
        assert len(lost) == size
        return time.perf_counter() - start

    small, large = run(2_000), run(20_000)
    assert large < small * 40  # 10 times the size; a quadratic scan would be ~100 times


@pytest.mark.parametrize(("name", "target"), sorted(FORMATS.items()))
def test_every_writer_follows_the_policy(name: str, target: str, examples_dir: Path) -> None:
    writer = get_format(name).writer
    assert writer is not None
    issues = writer(hc.load(examples_dir / "complete-us-import.json")).issues
    lost = [i for i in issues if i.code == "value_not_carried"]
    assert lost, name
    assert all(i.target == target for i in lost)
    assert any(i.wco_id for i in lost)
    pointers = [i.pointer for i in lost]
    assert len(pointers) == len(set(pointers))


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(_KEYS, _JSON, max_size=4),
    st.dictionaries(_KEYS, _JSON, max_size=2),
    st.lists(_NODES, max_size=2),
    st.lists(_NODES, max_size=2),
    st.booleans(),
)
def test_lost_against_a_read_back_that_keeps_blocks_whole(
    document: dict[str, Any],
    changes: dict[str, Any],
    ignore: list[str],
    reported: list[str],
    keep_empty: bool,
) -> None:
    """A read-back made of the document's own blocks, some changed: blocks equal, others not."""
    back = {**document, **changes}
    after = leaves(back, keep_empty=keep_empty)
    options: dict[str, Any] = {"ignore": ignore, "reported": reported, "keep_empty": keep_empty}
    expected = lost_in_document(document, after, **options)
    assert lost_against(document, back, **options) == expected
    nested, nested_back = {"a": document, "b": [document, back]}, {"a": back, "b": [back, document]}
    expected = lost_in_document(nested, leaves(nested_back, keep_empty=keep_empty), **options)
    assert lost_against(nested, nested_back, **options) == expected

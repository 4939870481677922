"""``lost_against_alike`` and ``NotCarried``: what ``lost_against`` and ``not_carried`` give."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from harmonized_customs.issues import Issue, Target
from harmonized_customs.losses import (
    NotCarried,
    lost_against,
    lost_against_alike,
    not_carried,
    not_carried_by,
)
from harmonized_customs.model import CargoReport, Declaration
from harmonized_customs.model.wco import wco_id_for_pointer
from strategies import declarations


def _same(written: Any, original: Any) -> bool:
    """Equal, texts compared word by word (a ``same`` that holds for equal texts)."""
    if isinstance(written, str) and isinstance(original, str):
        return written.split() == original.split()
    return bool(written == original)


def _respaced(value: Any) -> Any:
    """``value`` with each text's spaces doubled and its integers moved by one."""
    if isinstance(value, dict):
        return {key: _respaced(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_respaced(child) for child in value]
    if isinstance(value, str):
        return value.replace(" ", "  ")
    if type(value) is int:
        return value + 1
    return value


@st.composite
def _cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], set[str]]:
    """A dump, a read-back (fields kept, respaced, dropped, changed or emptied), reported nodes."""
    declaration: Declaration = draw(declarations(max_goods=3))
    dump = declaration.model_dump(exclude_defaults=True)
    kept = draw(st.sets(st.sampled_from(sorted(dump))))
    back: dict[str, Any] = {}
    for name in sorted(kept):
        how = draw(st.sampled_from(["same", "respaced", "changed", "emptied"]))
        value = dump[name]
        back[name] = {"same": value, "respaced": _respaced(value), "changed": "x", "emptied": {}}[
            how
        ]
    reported = draw(st.sets(st.sampled_from(sorted(f"/{name}" for name in dump)), max_size=2))
    return dump, back, reported


@given(_cases(), st.booleans())
def test_same_nodes_as_lost_against(
    case: tuple[dict[str, Any], dict[str, Any], set[str]], keep_empty: bool
) -> None:
    dump, back, reported = case
    expected = lost_against(dump, back, same=_same, reported=reported, keep_empty=keep_empty)
    found = lost_against_alike(dump, back, same=_same, reported=reported, keep_empty=keep_empty)
    assert found == expected


def test_an_equal_text_is_not_asked_of_same() -> None:
    asked: list[Any] = []

    def same(written: Any, original: Any) -> bool:
        asked.append(original)
        return bool(written == original)

    document = {"a": "x", "b": 1, "c": "y"}
    assert lost_against_alike(document, {"a": "x", "b": 2, "c": "z"}, same=same) == ["/b", "/c"]
    assert asked == [1, "y"]


_POINTERS = (
    "",
    "/exporter",
    "/goods_items/3/value",
    "/x~1y",
    "/goods_items/12",
    "/goods_items/",
    "/goods_items/x/value",
    "/goods_items/\u0663/value",
    "/goods_items/0/seller/name",
    "/goods_items/7/seller/name",
)
"""Pointers of the declaration and of goods lines, with indexes that are not a line's."""


def _policy(
    pointers: list[str],
    format_name: str,
    target: Target,
    model: type[BaseModel] | None = None,
) -> list[Issue]:
    """The policy written out: each issue made alone, its WCO ID asked for its own pointer."""
    made = []
    for pointer in pointers:
        one = Issue.of("value_not_carried", pointer, target=target, format=format_name)
        made.append(
            Issue(
                code=one.code,
                severity=one.severity,
                pointer=pointer,
                target=target,
                wco_id=wco_id_for_pointer(pointer, model),
                ctx=dict(one.ctx),
                authority=one.authority,
            )
        )
    return made


@given(st.lists(st.sampled_from(_POINTERS), max_size=8))
def test_not_carried_issues_are_not_carried_s(pointers: list[str]) -> None:
    made = NotCarried(format_name="us-abi-ae", target="US").issues(pointers)
    assert made == _policy(pointers, "us-abi-ae", "US")
    assert not_carried(pointers, format_name="us-abi-ae", target="US") == made
    assert made == NotCarried(format_name="us-abi-ae", target="US").issues(pointers[::-1])[::-1]
    assert len({id(issue.ctx) for issue in made}) == len(made)  # each its own values


def test_wco_ids_of_lines_and_of_the_declaration_stay_apart() -> None:
    made = NotCarried(format_name="ca-cad", target="CA")
    pointers = ["/goods_items/0/seller", "/seller", "/goods_items/12/seller", "/goods_items/1"]
    for _ in range(2):  # the second time from what was remembered
        assert made.issues(pointers) == _policy(pointers, "ca-cad", "CA")


def test_not_carried_by_is_made_once_per_format_target_and_model() -> None:
    made = not_carried_by("mx-pedimento-m3", "MX")
    assert not_carried_by("mx-pedimento-m3", "MX") is made
    assert not_carried_by("mx-pedimento-m3", "MX", CargoReport) is not made
    assert not_carried_by("ca-cad", "MX") is not made


def test_not_carried_by_a_trip_model_gives_the_trip_ids() -> None:
    pointers = ["/carrier/name", "/equipment/0/seals", "/consignments/2/goods_items/1/weight"]
    made = not_carried_by("ca-aci-emanifest-json", "CA", CargoReport).issues(pointers)
    expected = _policy(pointers, "ca-aci-emanifest-json", "CA", CargoReport)
    assert made == expected
    assert made[0].wco_id is not None  # the trip's table, not the declaration's

"""``lost_against_model_alike``: what ``lost_against_alike`` of the dump without defaults gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.losses import lost_against_alike, lost_against_model_alike
from harmonized_customs.model import Declaration
from strategies import declarations

_HOW = ("same", "same", "same", "respaced", "changed", "dropped", "emptied", "leaf", "deeper")


def _same(written: Any, original: Any) -> bool:
    """Equal, texts compared word by word (a ``same`` that holds for equal texts)."""
    if isinstance(written, str) and isinstance(original, str):
        return written.split() == original.split()
    return bool(written == original)


def _perturbed(draw: st.DrawFn, value: Any, depth: int) -> Any:
    """A read-back of ``value``: each node kept, respaced, changed, dropped, emptied..."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, child in value.items():
            how = draw(st.sampled_from(_HOW))
            if how != "dropped":
                out[key] = _node(draw, child, how, depth)
        if draw(st.booleans()):
            out["extra"] = "x"  # a value the declaration does not have
        return out
    if isinstance(value, list):
        kept = [_node(draw, child, draw(st.sampled_from(_HOW)), depth) for child in value]
        return kept[: draw(st.integers(0, len(kept)))] if draw(st.booleans()) else kept
    return value


def _node(draw: st.DrawFn, value: Any, how: str, depth: int) -> Any:
    if how == "respaced" and isinstance(value, str):
        return value.replace(" ", "  ") + " "
    if how == "changed":
        return draw(st.sampled_from(["x", 7, [], {"y": 1}]))
    if how == "emptied":
        return {} if isinstance(value, dict) else []
    if how == "leaf":
        return "leaf"
    if how == "deeper" and depth < 6:
        return _perturbed(draw, value, depth + 1)
    return value


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Declaration, dict[str, Any], set[str]]:
    """A declaration, a read-back of its dump (changed at any depth), reported nodes."""
    declaration: Declaration = draw(declarations(max_goods=3))
    dump = declaration.model_dump(exclude_defaults=True)
    back = _perturbed(draw, dump, 0)
    reported = draw(st.sets(st.sampled_from(["/importer", "/goods_items/0", "/transport/mode"])))
    return declaration, back, reported


@given(_cases(), st.booleans())
def test_same_nodes_as_the_dump_without_defaults(
    case: tuple[Declaration, dict[str, Any], set[str]], keep_empty: bool
) -> None:
    declaration, back, reported = case
    dump = declaration.model_dump(exclude_defaults=True)
    expected = lost_against_alike(dump, back, same=_same, reported=reported, keep_empty=keep_empty)
    found = lost_against_model_alike(
        declaration, back, same=_same, reported=reported, keep_empty=keep_empty
    )
    assert found == expected


@given(declarations(max_goods=2), st.booleans())
def test_nothing_or_everything_read_back(declaration: Declaration, keep_empty: bool) -> None:
    dump = declaration.model_dump(exclude_defaults=True)
    backs: tuple[Any, ...] = ({}, dump, [])
    for back in backs:
        expected = lost_against_alike(dump, back, same=_same, keep_empty=keep_empty)
        assert lost_against_model_alike(declaration, back, same=_same, keep_empty=keep_empty) == (
            expected
        )

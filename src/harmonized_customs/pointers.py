"""RFC 6901 JSON pointers into the core-model JSON: building them and walking a document.

Readers locate issues with pointers, writers use them to find every value a format cannot
carry (the declaration's leaves against what reading the output back gives). One set of
helpers serves all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ancestry", "branches", "escape", "join", "leaves", "outermost_absent"]


def escape(part: str | int) -> str:
    """One reference token, escaped as RFC 6901 requires (``~`` then ``/``)."""
    return str(part).replace("~", "~0").replace("/", "~1")


def join(parts: Iterable[str | int]) -> str:
    """The pointer of a path given as tokens (``("goods_items", 0)`` -> ``/goods_items/0``)."""
    return "".join("/" + escape(part) for part in parts)


def leaves(value: Any, pointer: str = "", *, keep_empty: bool = False) -> dict[str, Any]:
    """Every scalar of a JSON-ready document by its pointer (one pass, linear in its size).

    With ``keep_empty``, an empty object is a leaf of its own (its value ``{}``), so that a
    block given without content is compared too; otherwise empty objects and lists vanish.
    """
    found: dict[str, Any] = {}
    _collect(value, pointer, keep_empty, found)
    return found


def _collect(value: Any, pointer: str, keep_empty: bool, found: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        if not value and keep_empty:
            found[pointer] = {}
        for key, child in value.items():
            _collect(child, f"{pointer}/{escape(key)}", keep_empty, found)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _collect(child, f"{pointer}/{index}", keep_empty, found)
    else:
        found[pointer] = value


def ancestry(pointer: str) -> list[str]:
    """``pointer`` and its ancestors, outermost first, the root excepted."""
    parts = pointer.split("/")
    return ["/".join(parts[:depth]) for depth in range(2, len(parts) + 1)]


def branches(pointers: Iterable[str]) -> set[str]:
    """Every pointer given and every ancestor of one (built once, looked up in constant time)."""
    return {ancestor for pointer in pointers for ancestor in ancestry(pointer)}


def outermost_absent(pointer: str, present: set[str]) -> str:
    """The outermost ancestor of ``pointer`` not in ``present`` (or ``pointer`` itself)."""
    return next((each for each in ancestry(pointer) if each not in present), pointer)

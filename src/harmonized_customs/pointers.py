"""RFC 6901 JSON pointers into the core-model JSON: building them and walking a document.

Readers locate issues with pointers, writers use them to find every value a format cannot
carry (the declaration's leaves against what reading the output back gives). One set of
helpers serves all of them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any

__all__ = [
    "ancestry",
    "branches",
    "escape",
    "join",
    "leaves",
    "outermost_absent",
    "outermost_uncovered",
    "within",
]


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
    kind = type(value)
    if kind is str or kind is int or value is None:
        found[pointer] = value
    elif kind is dict or isinstance(value, Mapping):
        if not value and keep_empty:
            found[pointer] = {}
        for key, child in value.items():
            token = escape(key) if type(key) is not str or "~" in key or "/" in key else key
            _collect(child, f"{pointer}/{token}", keep_empty, found)
    elif kind is list or isinstance(value, list):
        for index, child in enumerate(value):
            _collect(child, f"{pointer}/{index}", keep_empty, found)
    else:
        found[pointer] = value


def ancestry(pointer: str) -> list[str]:
    """``pointer`` and its ancestors, outermost first, the root excepted."""
    return list(_prefixes(pointer))


def _prefixes(pointer: str) -> Iterator[str]:
    """:func:`ancestry` one at a time (slices at each ``/``, no list built)."""
    if not pointer.startswith("/"):
        parts = pointer.split("/")
        yield from ("/".join(parts[:depth]) for depth in range(2, len(parts) + 1))
        return
    end = pointer.find("/", 1)
    while end != -1:
        yield pointer[:end]
        end = pointer.find("/", end + 1)
    if pointer:
        yield pointer


def branches(pointers: Iterable[str]) -> set[str]:
    """Every pointer given and every ancestor of one (built once, looked up in constant time)."""
    found: set[str] = set()
    for pointer in pointers:
        if not pointer.startswith("/"):
            found.update(ancestry(pointer))
            continue
        node = pointer
        while node and node not in found:
            found.add(node)
            node = node[: max(node.rfind("/"), 0)]
    return found


def within(pointer: str, *places: Container[str]) -> bool:
    """Whether ``pointer`` or one of its :func:`ancestry` is in one of ``places``.

    Walks the ancestry once, building no list, and stops at the first one found (an
    absolute pointer's slices are taken here, not by a generator: rules and reports ask often).
    """
    if not pointer.startswith("/"):
        return any(each in place for each in _prefixes(pointer) for place in places)
    end = pointer.find("/", 1)
    while True:
        each = pointer if end == -1 else pointer[:end]
        for place in places:
            if each in place:
                return True
        if end == -1:
            return False
        end = pointer.find("/", end + 1)


def outermost_absent(pointer: str, present: set[str]) -> str:
    """The outermost ancestor of ``pointer`` not in ``present`` (or ``pointer`` itself)."""
    return next((each for each in _prefixes(pointer) if each not in present), pointer)


def outermost_uncovered(pointer: str, present: set[str], covered: set[str]) -> str | None:
    """:func:`outermost_absent`, or None when it is at or under a pointer of ``covered``.

    One walk down ``pointer``'s ancestry answers both questions.
    """
    for each in _prefixes(pointer):
        if each in covered:
            return None
        if each not in present:
            return each
    return pointer

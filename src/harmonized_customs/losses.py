"""What a writer could not carry: one ``value_not_carried`` per outermost absent node.

A writer knows what it kept in one of two ways: by reading its output back (the leaves of the
read-back, compared with the declaration's leaves by pointer), or by recording the pointers of
the values it used. Either way the declaration's values that did not make it are grouped under
the outermost node of which nothing came back, reported once each, and never under a node a
writer issue already names (a value the writer refused is not reported twice).

Every step is a dictionary or set look-up per value and per ancestor, so the work is linear in
the size of the declaration (times the depth of its pointers), whatever the number of losses.

Policy, the same for every format: the issue's ``target`` is the format's jurisdiction, its
``wco_id`` the WCO Data Model ID of the node (``model.wco.wco_id_for_pointer``), its severity
the registered one, and ``format`` names the format in the message.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from harmonized_customs.issues import Issue, Target, register_code
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import ancestry, branches, escape, leaves, outermost_uncovered

__all__ = [
    "group_losses",
    "lost_in_document",
    "lost_in_read_back",
    "lost_in_use",
    "not_carried",
    "outermost_lost",
    "unused",
    "without_collection_pauses",
]

register_code(
    "values_not_carried",
    "warning",
    "{format} has no place for this value on {lines} lines; it is left out of the output",
    authority="harmonized_customs",
    example_ctx={"format": "ca-cad", "lines": 24},
    fix="Keep the values elsewhere (or file them by other means) if the receiving agency "
    "needs them.",
)

_LINE = re.compile(r"^/goods_items/[0-9]+(?=/|$)")
"""The goods item part of a pointer; ``/goods_items/*`` stands for every line."""

Same = Callable[[Any, Any], bool]
"""Whether a value read back (first) stands for the declaration's value (second)."""


def _equal(written: Any, original: Any) -> bool:
    return bool(written == original)


def lost_in_read_back(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    same: Same = _equal,
    ignore: Iterable[str] = (),
    reported: Iterable[str] = (),
) -> list[str]:
    """The outermost nodes of ``before`` (the declaration's leaves) that ``after`` does not give.

    ``after`` holds the leaves of the output read back. An empty object among the leaves
    (``leaves(..., keep_empty=True)``) is carried when anything at or under it came back.
    Pointers in ``ignore`` are never lost; nodes under ``reported`` are left out.
    """
    present = branches(after)
    skipped = set(ignore)
    lost = (
        pointer
        for pointer, value in before.items()
        if pointer not in skipped and not _came_back(pointer, value, after, present, same)
    )
    return outermost_lost(lost, present, reported)


def _came_back(
    pointer: str, value: Any, after: Mapping[str, Any], present: set[str], same: Same
) -> bool:
    if value == {}:
        return pointer in present
    return pointer in after and same(after[pointer], value)


def lost_in_document(
    document: Any,
    after: Mapping[str, Any],
    *,
    same: Same = _equal,
    ignore: Iterable[str] = (),
    reported: Iterable[str] = (),
    keep_empty: bool = False,
) -> list[str]:
    """:func:`lost_in_read_back` of the leaves of ``document``, in one walk.

    ``keep_empty`` is :func:`~harmonized_customs.pointers.leaves`' own. A block of which
    nothing came back is reported in one step, not one per value.
    """
    if not document or not isinstance(document, Mapping | list):
        return lost_in_read_back(
            leaves(document, keep_empty=keep_empty),
            after,
            same=same,
            ignore=ignore,
            reported=reported,
        )
    walk = _BackWalk(after, branches(after), set(reported))
    walk.compare(after, same, set(ignore), keep_empty=keep_empty)
    walk.children(document, "")
    return walk.found


def lost_in_use(
    before: Iterable[str], used: Iterable[str], *, reported: Iterable[str] = ()
) -> list[str]:
    """The outermost nodes of ``before`` (leaf pointers) of which the writer used nothing.

    A leaf is used when its pointer or one of its ancestors is in ``used``.
    """
    taken = set(used)
    known: dict[str, bool] = {}
    lost = (p for p in before if not _used(p, taken, known))
    return outermost_lost(lost, branches(taken), reported)


def _used(pointer: str, taken: set[str], known: dict[str, bool]) -> bool:
    """Whether ``pointer`` or one of its ancestors is in ``taken``.

    The answer for each inner node is kept in ``known``, so the siblings of a leaf ask their
    parent once.
    """
    if not pointer.startswith("/"):
        return any(each in taken for each in ancestry(pointer))
    if pointer in taken:
        return True
    cut = pointer.rfind("/")
    if cut <= 0:
        return False
    parent = pointer[:cut]
    found = known.get(parent)
    if found is None:
        found = known[parent] = _used(parent, taken, known)
    return found


def unused(document: Any, used: Iterable[str], *, reported: Iterable[str] = ()) -> list[str]:
    """:func:`lost_in_use` of the leaves of ``document`` (a JSON-ready dump), in one walk.

    The walk stops at a used node and at a node under which nothing was used (the node is
    reported whole), so a block that was left out costs one step, not one per value.
    """
    if not isinstance(document, Mapping | list):
        return [""]
    taken = set(used)
    walk = _UseWalk(taken, branches(taken), set(reported))
    walk.children(document, "")
    return walk.found


class _Walk:
    """The outermost lost nodes of a document, gathered depth first (in leaf order).

    ``present`` holds the nodes that are kept in part; a node at or under ``covered`` is
    not visited.
    """

    def __init__(self, kept: Container[str], present: set[str], covered: set[str]) -> None:
        self.kept = kept
        self.present = present
        self.covered = covered
        self.found: list[str] = []

    def children(self, value: Mapping[Any, Any] | list[Any], pointer: str) -> None:
        """Visit each child of a mapping or list at ``pointer``."""
        if isinstance(value, list):
            for index, child in enumerate(value):
                self.node(child, f"{pointer}/{index}")
            return
        for key, child in value.items():
            token = escape(key) if type(key) is not str or "~" in key or "/" in key else key
            self.node(child, f"{pointer}/{token}")

    def node(self, value: Any, pointer: str) -> None:
        """Visit the node at ``pointer``; its ancestors are all present, none covered."""
        if pointer in self.covered or self.whole(pointer):
            return
        kind = type(value)
        container = kind is dict or kind is list or isinstance(value, Mapping | list)
        if pointer in self.present and container:
            self.children(value, pointer)
        elif self.lost(value, pointer):
            self.covered.add(pointer)
            self.found.append(pointer)

    def whole(self, pointer: str) -> bool:
        """Whether everything at and under ``pointer`` is kept."""
        return False

    def lost(self, value: Any, pointer: str) -> bool:
        """Whether the value at ``pointer`` (absent, or a present leaf) holds a lost leaf."""
        return pointer in self.present or _has_leaf(value)


class _UseWalk(_Walk):
    """The walk of :func:`unused`: ``kept`` holds the pointers used."""

    def whole(self, pointer: str) -> bool:
        return pointer in self.kept


class _BackWalk(_Walk):
    """The walk of :func:`lost_in_document`: ``kept`` holds the leaves read back."""

    def compare(
        self, after: Mapping[str, Any], same: Same, skipped: set[str], *, keep_empty: bool
    ) -> None:
        """How values are compared: with ``after``'s by ``same``, never for ``skipped``."""
        self.after = after
        self.same = same
        self.skipped = skipped
        self.keep_empty = keep_empty

    def lost(self, value: Any, pointer: str) -> bool:
        if pointer not in self.present:
            return _has_leaf(value, pointer, self.skipped, keep_empty=self.keep_empty)
        if pointer in self.skipped or value == {}:
            return False  # an empty object is a leaf (keep_empty) that came back
        return pointer not in self.after or not self.same(self.after[pointer], value)


def _has_leaf(
    value: Any, pointer: str = "", skipped: set[str] | None = None, *, keep_empty: bool = False
) -> bool:
    """Whether ``value`` has a leaf (one not in ``skipped``), as :func:`leaves` finds them."""
    if skipped and any(each == pointer or each.startswith(pointer + "/") for each in skipped):
        return any(each not in skipped for each in leaves(value, pointer, keep_empty=keep_empty))
    kind = type(value)
    if kind is str or kind is int or value is None:
        return True
    if kind is dict or isinstance(value, Mapping):
        if not value:
            return keep_empty
        return any(_has_leaf(child, keep_empty=keep_empty) for child in value.values())
    if kind is list or isinstance(value, list):
        return any(_has_leaf(child, keep_empty=keep_empty) for child in value)
    return True


def outermost_lost(
    lost: Iterable[str], present: set[str], reported: Iterable[str] = ()
) -> list[str]:
    """The outermost absent node of each lost pointer, once, in first-seen order.

    ``present`` holds every pointer that came back and all its ancestors
    (:func:`~harmonized_customs.pointers.branches`); a node at or under a pointer of
    ``reported`` (or of a node already given) is left out.

    What a pointer's walk learns of its parent is kept: a parent whose ancestry is all present
    and uncovered stays so until a node that came back is covered, and a parent at or under a
    covered node stays covered, so its other children need no walk.
    """
    covered = set(reported)
    found: list[str] = []
    clear: set[str] = set()
    blocked: set[str] = set()
    for pointer in lost:
        cut = pointer.rfind("/") if pointer.startswith("/") else -1
        parent = pointer[:cut] if cut > 0 else ""
        if parent in blocked:
            continue
        if parent in clear:
            top = None if pointer in covered else pointer
        else:
            top = outermost_uncovered(pointer, present, covered)
            _learn(parent, pointer, top, covered=covered, clear=clear, blocked=blocked)
        if top is not None:
            covered.add(top)
            found.append(top)
            if top in present:
                clear.clear()  # a value changed: a node that came back is now covered
    return found


def _learn(
    parent: str,
    pointer: str,
    top: str | None,
    *,
    covered: set[str],
    clear: set[str],
    blocked: set[str],
) -> None:
    """What the walk of ``pointer`` (giving ``top``) says of its ``parent``, if anything."""
    if not parent:
        return
    if top == pointer:
        clear.add(parent)  # the walk passed every ancestor: present, uncovered
    elif top is not None or pointer not in covered:
        blocked.add(parent)  # an ancestor is lost (reported now) or was covered


@contextmanager
def without_collection_pauses() -> Iterator[None]:
    """Run a writer or a model validation without the cyclic garbage collector's passes.

    A writer builds many small objects (a report of thousands of issues) next to a large
    declaration; each collector pass walks the declaration again, about a third of a large
    write. Validating a declaration makes a few objects per value, kept to the end: the passes
    over them were half of ``model_validate_json`` at 1,000 lines and grew faster than the
    size. Neither makes reference cycles, so nothing waits for collection meanwhile.
    The collector is enabled again only if it was enabled here, so a caller's own setting
    stays.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def not_carried(
    pointers: Iterable[str],
    *,
    format_name: str,
    target: Target | None,
    model: type[BaseModel] | None = None,
) -> list[Issue]:
    """``value_not_carried`` at each pointer, by the one policy of this module.

    ``model`` is the document's model, for the WCO IDs (the goods declaration by default).
    """
    return [
        Issue.of(
            "value_not_carried",
            pointer,
            target=target,
            wco_id=wco_id_for_pointer(pointer, model),
            format=format_name,
        )
        for pointer in pointers
    ]


def group_losses(issues: Iterable[Issue]) -> list[Issue]:
    """The issues with each field pattern's ``value_not_carried`` on several lines made one.

    ``/goods_items/3/packages`` on 24 lines becomes one ``values_not_carried`` at
    ``/goods_items/*/packages`` with ``lines`` = 24, where the first of them stood.
    """
    listed = list(issues)
    patterns: dict[tuple[str, str | None], list[Issue]] = {}
    for issue in listed:
        if issue.code == "value_not_carried" and _LINE.match(issue.pointer):
            key = (_LINE.sub("/goods_items/*", issue.pointer), issue.target)
            patterns.setdefault(key, []).append(issue)
    out: list[Issue] = []
    for issue in listed:
        key = (_LINE.sub("/goods_items/*", issue.pointer), issue.target)
        group = patterns.get(key) if issue.code == "value_not_carried" else None
        if not group or len(group) == 1:
            out.append(issue)
        elif group[0] is issue:
            out.append(_grouped(key[0], group))
    return out


def _grouped(pattern: str, group: list[Issue]) -> Issue:
    first = group[0]
    return Issue.of(
        "values_not_carried",
        pattern,
        target=first.target,
        wco_id=first.wco_id,
        format=first.ctx.get("format", ""),
        lines=len(group),
    )

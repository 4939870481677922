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

import functools
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from typing import Any, TypeGuard

from pydantic import BaseModel

from harmonized_customs.issues import Issue, Target, register_code
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import ancestry, branches, escape, leaves, outermost_uncovered

__all__ = [
    "NotCarried",
    "UseTree",
    "group_losses",
    "lost_against",
    "lost_against_alike",
    "lost_against_model",
    "lost_against_model_alike",
    "lost_in_document",
    "lost_in_read_back",
    "lost_in_use",
    "not_carried",
    "not_carried_by",
    "outermost_lost",
    "unused",
    "unused_in_model",
    "unused_in_tree",
    "use",
    "use_tree",
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


def lost_against(
    document: Any,
    back: Any,
    *,
    same: Same = _equal,
    ignore: Iterable[str] = (),
    reported: Iterable[str] = (),
    keep_empty: bool = False,
) -> list[str]:
    """:func:`lost_in_document` of ``document`` against the document read back, ``back``.

    The same nodes as ``lost_in_document(document, leaves(back, keep_empty=keep_empty),
    ...)``, found by walking both documents side by side: no pointer is built for ``back``,
    and a value is looked up under its parent. Both are JSON-ready (string keys); ``ignore``
    holds rooted pointers. ``keep_empty`` applies to both documents: an empty object is a
    leaf of its own.
    """
    skipped = set(ignore)
    containers = isinstance(document, Mapping | list) and isinstance(back, Mapping | list)
    if not document or not containers or not all(p.startswith("/") for p in skipped):
        return lost_in_document(
            document,
            leaves(back, keep_empty=keep_empty),
            same=same,
            ignore=skipped,
            reported=reported,
            keep_empty=keep_empty,
        )
    walk = _PairWalk(same, skipped, set(reported), keep_empty=keep_empty)
    walk.children(document, back, "")
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
    not visited, nor one in ``whole`` (kept with everything under it).
    """

    def __init__(self, kept: Container[str], present: set[str], covered: set[str]) -> None:
        self.kept = kept
        self.present = present
        self.covered = covered
        self.whole: Container[str] = ()
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
        if pointer in self.covered or pointer in self.whole:
            return
        if pointer in self.present and _is_container(value):
            self.children(value, pointer)
        elif self.lost(value, pointer):
            self.covered.add(pointer)
            self.found.append(pointer)

    def lost(self, value: Any, pointer: str) -> bool:
        """Whether the value at ``pointer`` (absent, or a present leaf) holds a lost leaf."""
        return pointer in self.present or _has_leaf(value, False)


class _UseWalk(_Walk):
    """The walk of :func:`unused`: ``kept`` holds the pointers used, each kept whole."""

    def __init__(self, kept: set[str], present: set[str], covered: set[str]) -> None:
        super().__init__(kept, present, covered)
        self.whole = kept


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
        rooted = all(each.startswith("/") for each in skipped)
        self.around_skipped: set[str] | None = branches(skipped) if rooted else None
        """The skipped pointers and their ancestors (None: asked of each pointer)."""

    def lost(self, value: Any, pointer: str) -> bool:
        if pointer not in self.present:
            if self.skipped and self._near_skipped(pointer):
                found = leaves(value, pointer, keep_empty=self.keep_empty)
                return any(each not in self.skipped for each in found)
            return _has_leaf(value, self.keep_empty)
        if pointer in self.skipped or value == {}:
            return False  # an empty object is a leaf (keep_empty) that came back
        return pointer not in self.after or not self.same(self.after[pointer], value)

    def _near_skipped(self, pointer: str) -> bool:
        """Whether a skipped pointer is ``pointer`` or lies under it."""
        if self.around_skipped is not None:
            return pointer in self.around_skipped
        return any(each == pointer or each.startswith(pointer + "/") for each in self.skipped)


_ABSENT: Any = object()
"""A node ``back`` does not have."""


class _PairWalk:
    """The walk of :func:`lost_against`: a node of the document with its node read back.

    A node came back (is *present*) when the read-back has a leaf at or under it, as
    :func:`~harmonized_customs.pointers.branches` of its leaves would say.
    """

    def __init__(
        self, same: Same, skipped: set[str], reported: set[str], *, keep_empty: bool
    ) -> None:
        self.same = same
        self.plain = same is _equal
        """Whether values are compared by ``==`` (a text, number, object or list that came back
        equal is not visited: nothing under it is lost)."""
        self.skipped = skipped
        self.around_skipped = branches(skipped)
        self.reported = reported
        """Nodes not visited (a writer issue names them)."""
        self.keep_empty = keep_empty
        self.found: list[str] = []

    def children(self, value: Mapping[Any, Any] | list[Any], back: Any, pointer: str) -> None:
        """Visit each child of a mapping or list at ``pointer``, ``back`` its read-back node."""
        if isinstance(value, list):
            count = len(back) if type(back) is list else -1
            for index, child in enumerate(value):
                if count >= 0:
                    found = back[index] if index < count else _ABSENT
                else:
                    found = _back_child(back, str(index))
                self.node(child, found, f"{pointer}/{index}")
            return
        plain = type(back) is dict
        equal = self.plain
        for key, child in value.items():
            found = back.get(key, _ABSENT) if plain else _back_child(back, key)
            if equal:
                kind = type(found)
                if (
                    (kind is str or kind is int or kind is dict or kind is list)
                    and type(child) is kind
                    and child == found
                ):
                    continue  # came back as it was: nothing under it is lost
            token = escape(key) if type(key) is not str or "~" in key or "/" in key else key
            self.node(child, found, f"{pointer}/{token}")

    def node(self, value: Any, back: Any, pointer: str) -> None:
        """Visit the node at ``pointer``; its ancestors all came back."""
        if self.reported and pointer in self.reported:
            return
        if back is not _ABSENT:
            if not _is_container(back) or (self.keep_empty and _is_empty_object(back)):
                if _is_container(value):  # a leaf came back
                    self.children(value, _ABSENT, pointer)
                elif pointer not in self.skipped and not self.same(back, value):
                    self.found.append(pointer)
                return
            if _has_leaf(back, self.keep_empty):  # a block came back, not empty
                if _is_container(value):
                    self.children(value, back, pointer)
                elif pointer not in self.skipped:
                    self.found.append(pointer)
                return
        if self._absent_lost(value, pointer):
            self.found.append(pointer)

    def _absent_lost(self, value: Any, pointer: str) -> bool:
        """Whether a node that did not come back holds a lost leaf."""
        if self.skipped and pointer in self.around_skipped:
            found = leaves(value, pointer, keep_empty=self.keep_empty)
            return any(each not in self.skipped for each in found)
        kind = type(value)
        return kind is str or kind is int or value is None or _has_leaf(value, self.keep_empty)


def _is_empty_object(value: Any) -> bool:
    """Whether ``value`` is an empty mapping (a leaf of its own with ``keep_empty``)."""
    return not value and (type(value) is dict or isinstance(value, Mapping))


def _back_child(back: Any, key: Any) -> Any:
    """The child of ``back`` at ``key`` (a list index given as its string), or ``_ABSENT``."""
    if back is _ABSENT:
        return _ABSENT
    if isinstance(back, Mapping):
        return back.get(key, _ABSENT)
    if isinstance(back, list) and type(key) is str and key.isascii() and key.isdigit():
        index = int(key)
        if str(index) == key and index < len(back):
            return back[index]
    return _ABSENT


def _is_container(value: Any) -> bool:
    """Whether ``value`` is a mapping or a list (the common kinds asked first)."""
    kind = type(value)
    if kind is dict or kind is list:
        return True
    if kind is str or kind is int or value is None:
        return False
    return isinstance(value, Mapping | list)


def _has_leaf(value: Any, keep_empty: bool) -> bool:
    """Whether ``value`` has a leaf, as :func:`leaves` finds them."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return True
    if kind is dict or (kind is not list and isinstance(value, Mapping)):
        children = value.values() if value else None
    elif kind is list or isinstance(value, list):
        children = value
    else:
        return True
    if children is None:
        return keep_empty
    for child in children:
        kind = type(child)
        if kind is str or kind is int or child is None or _has_leaf(child, keep_empty):
            return True
    return False


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


def not_carried(
    pointers: Iterable[str],
    *,
    format_name: str,
    target: Target | None,
    model: type[BaseModel] | None = None,
) -> list[Issue]:
    """``value_not_carried`` at each pointer, by the one policy of this module.

    ``model`` is the document's model, for the WCO IDs (the goods declaration by default).
    The issues of :meth:`NotCarried.issues`, from the format's :func:`not_carried_by`.
    """
    return not_carried_by(format_name, target, model).issues(pointers)


@functools.lru_cache(maxsize=8192)
def _wco_id_of_shape(pointer: str, model: type[BaseModel] | None) -> str | None:
    return wco_id_for_pointer(pointer, model)


def group_losses(issues: Iterable[Issue]) -> list[Issue]:
    """The issues with each field pattern's ``value_not_carried`` on several lines made one.

    ``/goods_items/3/packages`` on 24 lines becomes one ``values_not_carried`` at
    ``/goods_items/*/packages`` with ``lines`` = 24, where the first of them stood.
    """
    listed = list(issues)
    keys: list[tuple[str, str | None] | None] = []
    patterns: dict[tuple[str, str | None], list[Issue]] = {}
    for issue in listed:
        key = None
        if issue.code == "value_not_carried":
            line = _LINE.match(issue.pointer)
            rest = issue.pointer if line is None else "/goods_items/*" + issue.pointer[line.end() :]
            key = (rest, issue.target)
            if line is not None:
                patterns.setdefault(key, []).append(issue)
        keys.append(key)
    out: list[Issue] = []
    for issue, key in zip(listed, keys, strict=True):
        group = patterns.get(key) if key is not None else None
        if not group or len(group) == 1:
            out.append(issue)
        elif group[0] is issue and key is not None:
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


def unused_in_model(
    model: BaseModel, used: Iterable[str], *, reported: Iterable[str] = ()
) -> list[str]:
    """:func:`unused` of ``model.model_dump(exclude_defaults=True)``, walking the model itself.

    A field equal to its default is absent, as in the dump; the default of a field with a
    ``default_factory`` is made once per class, not once per object. Nothing is dumped: the
    walk reads only the branches it visits and stops at a block's first value.
    """
    taken = set(used)
    walk = _ModelUseWalk(taken, branches(taken), set(reported))
    walk.children(model, "")
    return walk.found


_Fields = tuple[tuple[str, bool, Any], ...]
_FIELDS: dict[type[BaseModel], _Fields] = {}
"""Each model class's fields: name, whether it is required, and its default."""


def _fields(cls: type[BaseModel]) -> _Fields:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            (name, field.is_required(), field.get_default(call_default_factory=True))
            for name, field in cls.model_fields.items()
        )
    return found


def _given(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """The fields of ``model`` that ``model_dump(exclude_defaults=True)`` keeps, in order."""
    values = model.__dict__
    for name, required, default in _fields(type(model)):
        value = values[name]
        if required or (value is not None if default is None else value != default):
            yield name, value


def _model_has_leaf(value: Any) -> bool:
    """:func:`_has_leaf` of the dump without defaults of ``value`` (empty objects are none)."""
    if isinstance(value, BaseModel):
        return any(_model_has_leaf(child) for _, child in _given(value))
    if type(value) is list:
        return any(_model_has_leaf(child) for child in value)
    if type(value) is dict:
        return any(_model_has_leaf(child) for child in value.values())
    return True


class _ModelUseWalk(_UseWalk):
    """The walk of :func:`unused_in_model`: models are read field by field, never dumped."""

    def children(self, value: Any, pointer: str) -> None:
        if isinstance(value, BaseModel):
            for name, child in _given(value):
                self.node(child, f"{pointer}/{name}")
        else:
            super().children(value, pointer)

    def node(self, value: Any, pointer: str) -> None:
        if pointer in self.covered or pointer in self.whole:
            return
        if pointer in self.present and (
            isinstance(value, BaseModel) or type(value) is list or type(value) is dict
        ):
            self.children(value, pointer)
        elif pointer in self.present or _model_has_leaf(value):
            self.covered.add(pointer)
            self.found.append(pointer)


def lost_against_model(
    model: BaseModel,
    back: Mapping[str, Any],
    *,
    same: Same = _equal,
    ignore: Iterable[str] = (),
    reported: Iterable[str] = (),
) -> list[str]:
    """:func:`lost_against` of ``model.model_dump(mode="json", exclude_defaults=True)``.

    Only the fields ``back`` has are dumped: one it lacks is lost whole when it holds a value
    (:func:`_model_has_leaf`), so it stands in the dump as a text (``""``), or as an empty
    object (``{}``) when it holds none. The nodes found are the same.
    """
    given = list(_given(model))
    dumped = model.model_dump(
        mode="json", exclude_defaults=True, include={name for name, _ in given if name in back}
    )
    document: dict[str, Any] = {}
    for name, value in given:
        if name not in back:
            document[name] = "" if _model_has_leaf(value) else {}
        elif name in dumped:
            document[name] = dumped[name]
    return lost_against(document, back, same=same, ignore=ignore, reported=reported)


UseTree = dict[str | int, Any]
"""The pointers a writer used, as nested dictionaries: one key per reference token (a list
index as an ``int``), ``True`` for a node used whole (with everything under it)."""


def _tree_key(token: str) -> str | int:
    """The key of a reference token in a :data:`UseTree`: a list index as an ``int``."""
    if token.isascii() and token.isdigit() and (token == "0" or token[0] != "0"):
        return int(token)
    return token


def use(tree: UseTree, *keys: str | int) -> None:
    """Record in ``tree`` that the node at ``keys`` (tokens from the root) was used whole.

    A node already used whole stays so; a node used whole replaces what was recorded under it.
    """
    node = tree
    for key in keys[:-1]:
        found = node.get(key)
        if found is True:
            return
        if found is None:
            found = node[key] = {}
        node = found
    if keys and node.get(keys[-1]) is not True:
        node[keys[-1]] = True


def use_tree(pointers: Iterable[str], tree: UseTree | None = None) -> UseTree:
    """The rooted pointers ``pointers`` recorded in ``tree`` (a new one when ``None``).

    The root pointer (``""``) marks nothing: :func:`unused` never asks about the root.
    """
    found: UseTree = {} if tree is None else tree
    for pointer in pointers:
        if pointer.startswith("/"):
            use(found, *_tree_keys(pointer))
    return found


@functools.lru_cache(maxsize=4096)
def _tree_keys(pointer: str) -> tuple[str | int, ...]:
    """The keys of a rooted pointer in a :data:`UseTree` (a writer's pointers recur)."""
    return tuple(_tree_key(token) for token in pointer[1:].split("/"))


def unused_in_tree(model: BaseModel, tree: UseTree, *, reported: Iterable[str] = ()) -> list[str]:
    """:func:`unused_in_model` of the pointers recorded in ``tree`` (:func:`use_tree`).

    The model and the tree are walked side by side: a used value is looked up under its
    parent, and a pointer is built only for a node that is reported.
    """
    walk = _TreeWalk(set(reported))
    walk.children(model, tree, "")
    return walk.found


class _TreeWalk:
    """The walk of :func:`unused_in_tree`; ``covered`` holds the nodes not visited."""

    def __init__(self, covered: set[str]) -> None:
        self.covered = covered
        self.found: list[str] = []

    def children(self, value: Any, tree: UseTree, pointer: str) -> None:
        """Visit each child of a model, list or mapping at ``pointer`` (``tree`` its uses)."""
        if isinstance(value, BaseModel):
            values = value.__dict__
            for name, required, default in _fields(type(value)):
                used = tree.get(name)
                if used is True:
                    continue
                child = values[name]
                if not required and (child is None if default is None else child == default):
                    continue  # not in the dump without defaults
                if used is not None:
                    self.node(child, used, name, pointer)
                    continue
                kind = type(child)  # nothing under it used: lost if it holds a leaf
                if kind is str or child is None or kind is int or _holds_leaf(child):
                    self.lost(f"{pointer}/{name}")
        elif type(value) is list:
            for index, child in enumerate(value):
                self.node(child, tree.get(index), index, pointer)
        else:
            for key, child in value.items():
                token = escape(key) if type(key) is not str or "~" in key or "/" in key else key
                self.node(child, tree.get(_tree_key(token)), token, pointer)

    def node(self, value: Any, used: Any, token: str | int, parent: str) -> None:
        """Visit ``value`` at ``parent/token``; ``used`` is its part of the tree, if any."""
        if used is True:
            return
        if self.covered and f"{parent}/{token}" in self.covered:
            return
        if used is not None and (
            isinstance(value, BaseModel) or type(value) is list or type(value) is dict
        ):
            self.children(value, used, f"{parent}/{token}")
        elif used is not None or _holds_leaf(value):
            self.found.append(f"{parent}/{token}")

    def lost(self, pointer: str) -> None:
        """Report the node at ``pointer``, unless a writer issue names it (``covered``)."""
        if not self.covered or pointer not in self.covered:
            self.found.append(pointer)


def _holds_leaf(value: Any) -> bool:
    """:func:`_model_has_leaf`, a field's value tested before a call is made for it."""
    kind = type(value)
    if kind is list:
        return any(_holds_leaf(child) for child in value)
    if kind is dict:
        return any(_holds_leaf(child) for child in value.values())
    if not isinstance(value, BaseModel):
        return True
    values = value.__dict__
    for name, required, default in _fields(type(value)):
        child = values[name]
        if required or (child is not None if default is None else child != default):
            kind = type(child)
            if kind is str or child is None or kind is int or _holds_leaf(child):
                return True
    return False


def lost_against_alike(
    document: Any,
    back: Any,
    *,
    same: Same,
    reported: Iterable[str] = (),
    keep_empty: bool = False,
) -> list[str]:
    """:func:`lost_against` for a ``same`` that holds for two equal texts or integers.

    Such a value that came back equal is passed without asking ``same`` (as :func:`lost_against`
    does for ``==``); the nodes found are the same.
    """
    if not document or not isinstance(document, Mapping) or not isinstance(back, Mapping):
        return lost_against(document, back, same=same, reported=reported, keep_empty=keep_empty)
    walk = _PairWalk(same, set(), set(reported), keep_empty=keep_empty)
    walk.plain = True
    walk.children(document, back, "")
    return walk.found


def lost_against_model_alike(
    model: BaseModel,
    back: Any,
    *,
    same: Same,
    reported: Iterable[str] = (),
    keep_empty: bool = False,
) -> list[str]:
    """:func:`lost_against_alike` of ``model.model_dump(exclude_defaults=True)``, nothing dumped.

    The model is read field by field as the dump would give it (a field equal to its default
    left out, :func:`_given`), a model standing where the dump has its mapping: the nodes
    found are the same, in the same order.
    """
    if not isinstance(back, Mapping) or next(_given(model), None) is None:
        document = model.model_dump(exclude_defaults=True)
        return lost_against_alike(
            document, back, same=same, reported=reported, keep_empty=keep_empty
        )
    walk = _ModelPairWalk(same, set(), set(reported), keep_empty=keep_empty)
    walk.plain = True
    walk.children(model, back, "")
    return walk.found


class _ModelPairWalk(_PairWalk):
    """The walk of :func:`lost_against_model_alike`: a model is visited as its dump's mapping."""

    def children(self, value: Any, back: Any, pointer: str) -> None:
        """Visit each child of a model (its fields in the dump), mapping or list."""
        if _is_model(value):
            self._given_fields(value, back, pointer)
        else:
            super().children(value, back, pointer)

    def _given_fields(self, value: BaseModel, back: Any, pointer: str) -> None:
        """Visit each field of a model that its dump has, ``back`` its read-back node."""
        plain = type(back) is dict
        values = value.__dict__
        reported = self.reported
        for name, required, default in _fields(type(value)):
            child = values[name]
            if not (required or (child is not None if default is None else child != default)):
                continue  # not in the dump (:func:`_given`)
            found = back.get(name, _ABSENT) if plain else _back_child(back, name)
            where = f"{pointer}/{name}"
            if found is _ABSENT:
                if _dump_has_leaf(child, self.keep_empty) and where not in reported:
                    self.found.append(where)
                continue
            kind = type(found)
            if (
                (kind is str or kind is int or kind is dict or kind is list)
                and type(child) is kind
                and child == found
            ) or where in reported:
                continue  # came back as it was (a model never equals a mapping read back)
            self._present(child, found, where)

    def _present(self, value: Any, back: Any, pointer: str) -> None:
        """:meth:`node` of a field that came back (not reported)."""
        found = _kind(value)
        if found == _MODEL:
            self._model_node(value, back, pointer)
        elif found == _SCALAR and _kind(back) == _SCALAR:
            if not self.same(back, value):  # a leaf came back
                self.found.append(pointer)
        else:
            super().node(value, back, pointer)

    def node(self, value: Any, back: Any, pointer: str) -> None:
        """Visit the node at ``pointer``; a model as the walk visits its dump's mapping."""
        if not _is_model(value):
            super().node(value, back, pointer)
        elif not self.reported or pointer not in self.reported:
            self._model_node(value, back, pointer)

    def _model_node(self, value: BaseModel, back: Any, pointer: str) -> None:
        """:meth:`_PairWalk.node` of a model: its fields are visited, or it is lost whole."""
        if back is not _ABSENT:
            if not _is_container(back) or (self.keep_empty and _is_empty_object(back)):
                self._given_fields(value, _ABSENT, pointer)  # a leaf came back
                return
            if _has_leaf(back, self.keep_empty):
                self._given_fields(value, back, pointer)
                return
        if _dump_has_leaf(value, self.keep_empty):
            self.found.append(pointer)

    def _absent_lost(self, value: Any, pointer: str) -> bool:
        """Whether a node that did not come back holds a lost leaf (nothing is skipped)."""
        return _dump_has_leaf(value, self.keep_empty)


def _dump_has_leaf(value: Any, keep_empty: bool) -> bool:
    """:func:`_has_leaf` of the dump without defaults of ``value`` (models read, not dumped)."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return True
    if kind is list:
        return any(_dump_has_leaf(child, keep_empty) for child in value)
    if kind is dict:
        if not value:
            return keep_empty
        return any(_dump_has_leaf(child, keep_empty) for child in value.values())
    found = _kind(value)
    if found == _MODEL:
        return _model_dump_has_leaf(value, keep_empty)
    return found == _SCALAR or _has_leaf(value, keep_empty)


def _model_dump_has_leaf(value: BaseModel, keep_empty: bool) -> bool:
    """:func:`_dump_has_leaf` of a model: a field it gives has a leaf, or it gives none."""
    values = value.__dict__
    empty = True
    for name, required, default in _fields(type(value)):
        child = values[name]
        if required or (child is not None if default is None else child != default):
            kind = type(child)
            if kind is str or kind is int or child is None or _dump_has_leaf(child, keep_empty):
                return True
            empty = False
    return keep_empty and empty


_MODEL, _SCALAR, _OTHER = range(3)
_KINDS: dict[type, int] = {}
"""Each type met: a model class, a scalar (neither a mapping nor a list: a leaf), or other
(asked of the type once: ``isinstance`` of a model class or ``Mapping`` goes through its
metaclass's check)."""


def _kind(value: Any) -> int:
    """Whether ``value`` is a model, a scalar or other (:data:`_KINDS`)."""
    kind = type(value)
    found = _KINDS.get(kind)
    if found is None:
        if issubclass(kind, BaseModel):
            found = _MODEL
        else:
            found = _OTHER if issubclass(kind, Mapping | list) else _SCALAR
        _KINDS[kind] = found
    return found


def _is_model(value: Any) -> TypeGuard[BaseModel]:
    """``isinstance(value, BaseModel)``, the answer kept by type."""
    return _kind(value) == _MODEL


@functools.cache
def not_carried_by(
    format_name: str, target: Target | None, model: type[BaseModel] | None = None
) -> NotCarried:
    """The :class:`NotCarried` of a format, target and model, made once for every document.

    What it remembers (a code's definition, WCO IDs by field) depends on the tables alone.
    """
    return NotCarried(format_name=format_name, target=target, model=model)


class NotCarried:
    """The ``value_not_carried`` issues of one format: what they share, looked up once.

    The code's definition (severity, authority), the target and the message values are taken
    when the object is made; :meth:`issues` gives the issues :func:`not_carried` gives for the
    same pointers. Keep one per format and target to build them without any look-up.
    """

    def __init__(
        self, *, format_name: str, target: Target | None, model: type[BaseModel] | None = None
    ) -> None:
        template = Issue.of("value_not_carried", target=target, format=format_name)
        self.template = template
        self.model = model
        self.known: dict[str, str | None] = {}
        """WCO IDs by pointer; a goods item's by ``*`` and what follows its index (``*/value``)."""

    def issues(self, pointers: Iterable[str]) -> list[Issue]:
        """``value_not_carried`` at each pointer, in order, each with its own message values.

        The WCO ID of a pointer seen before is read where :meth:`wco_id` keeps it (the key
        :func:`_shape_key` makes).
        """
        first = self.template
        code, severity, target, ctx, authority = (
            first.code,
            first.severity,
            first.target,
            first.ctx,
            first.authority,
        )
        made, known = Issue.built, self.known
        found: list[Issue] = []
        add = found.append
        for pointer in pointers:
            wco_id = known.get(_shape_key(pointer), _ABSENT)
            if wco_id is _ABSENT:
                wco_id = self.wco_id(pointer)
            add(made(code, severity, pointer, target, wco_id, None, {**ctx}, None, authority, None))
        return found

    def wco_id(self, pointer: str) -> str | None:
        """:func:`~harmonized_customs.model.wco.wco_id_for_pointer` of ``pointer``, remembered.

        A pointer under ``/goods_items/N`` is asked once per field below the line, whatever
        ``N``; the others once each, for the last few thousand.
        """
        key = _shape_key(pointer)
        known = self.known
        if key in known:
            return known[key]
        if len(known) >= 4096:
            known.clear()
        shape = "/goods_items/0" + key[1:] if key.startswith("*") else key
        found = known[key] = _wco_id_of_shape(shape, self.model)
        return found


def _shape_key(pointer: str) -> str:
    """Where :class:`NotCarried` keeps the WCO ID of ``pointer``: a goods item's under ``*``."""
    if pointer.startswith("/goods_items/"):
        index, cut, rest = pointer[13:].partition("/")
        if index.isdigit() and index.isascii():
            return "*" + cut + rest
    return pointer

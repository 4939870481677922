"""Patches: answering a report by editing one file (RFC 6902 JSON Patch).

``hc.patch(document, ops)`` applies a JSON Patch (RFC 6902, https://www.rfc-editor.org/rfc/rfc6902,
through the ``jsonpatch`` package) to the core-model JSON of a document and returns a new,
validated document. Paths are RFC 6901 pointers, the very pointers a report gives its issues.
Two conveniences, both documented in docs/patches.md:

* an ``add`` creates the objects its path goes through when they are absent, so
  ``/national/mx/patente`` can be added to a declaration without a ``national.mx`` block;
* ``/goods_items/*/...`` (a ``*`` segment right after ``goods_items``) stands for every line:
  the operation is applied once per goods item.

An operation whose ``value`` is still ``null`` (a template not filled in) is refused, as is an
operation that cannot be applied; both are issues located at the operation. The patched data
is validated by the model: its errors come back as issues located at their pointers. Either
way :class:`~harmonized_customs.errors.InputError` carries them.

A report's :meth:`~harmonized_customs.crossfiling.CrossFilingReport.patch_template` writes the
skeleton: one ``add`` per value that blocks, with the suggestion where a rule derives one and
``null`` where the user must decide. The extra members ``code`` and ``message`` of each
operation say why it is there; RFC 6902 has operations ignore members they do not define.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jsonpatch
import jsonpointer
from pydantic import ValidationError

from harmonized_customs.documents import kind_of
from harmonized_customs.errors import InputError, UsageError
from harmonized_customs.issues import Issue, Report, register_code
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["WILDCARD", "apply_patch", "expand", "load_patch", "patch", "patch_template"]

WILDCARD = "/goods_items/*/"
"""A path starting so names the member of every goods item."""

_CODES = (
    (
        "patch_invalid",
        "operation {index} of the patch cannot be applied at {path}",
        "Correct the operation: an existing path for remove, replace, move, copy and test, "
        "a valid op and its value.",
    ),
    (
        "patch_value_unfilled",
        "operation {index} of the patch has no value yet for {path}",
        "Replace the null of the operation by the value to declare, or remove the operation.",
    ),
)
for _code, _template, _fix in _CODES:
    register_code(
        _code,
        "error",
        _template,
        authority="harmonized_customs",
        example_ctx={"index": 1, "path": "/national/mx/patente"},
        fix=_fix,
    )

_VALUED = frozenset({"add", "replace", "test"})


def load_patch(path: str | Path) -> list[dict[str, Any]]:
    """The operations of a JSON Patch file; :class:`UsageError` when it is not one."""
    file = Path(path)
    try:
        loaded = json.loads(file.read_bytes())
    except OSError as error:
        raise UsageError(f"cannot read the patch {file}: {error.strerror}") from None
    except ValueError as error:
        raise UsageError(f"the patch {file} is not JSON: {error}") from None
    if not isinstance(loaded, list) or not all(isinstance(op, dict) for op in loaded):
        raise UsageError(f"the patch {file} must be a JSON array of operations")
    return loaded


def _lines(data: Mapping[str, Any]) -> int:
    items = data.get("goods_items")
    return len(items) if isinstance(items, list) else 0


def expand(ops: Iterable[Mapping[str, Any]], data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The operations with every ``/goods_items/*/`` path made one operation per line."""
    out: list[dict[str, Any]] = []
    for op in ops:
        path = str(op.get("path", ""))
        if path.startswith(WILDCARD):
            rest = path[len(WILDCARD) :]
            out.extend({**op, "path": f"/goods_items/{n}/{rest}"} for n in range(_lines(data)))
        else:
            out.append(dict(op))
    return out


def _make_parents(data: Any, path: str) -> None:
    """Create the absent objects along ``path`` (its last segment excepted)."""
    parts = jsonpointer.JsonPointer(path).parts[:-1]
    node = data
    for part in parts:
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return
            node = node[int(part)]
        elif isinstance(node, dict):
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        else:
            return


def _problems(ops: Sequence[Mapping[str, Any]]) -> Iterator[Issue]:
    for index, op in enumerate(ops, start=1):
        path = str(op.get("path", ""))
        if op.get("op") in _VALUED and op.get("value", None) is None:
            yield Issue.of("patch_value_unfilled", path, index=index, path=path)


def apply_patch(data: Any, ops: Sequence[Mapping[str, Any]]) -> tuple[Any, list[Issue]]:
    """``data`` (core-model JSON) with ``ops`` applied, and the issues of the ones refused."""
    expanded = expand(ops, data)
    issues = list(_problems(expanded))
    if issues:
        return data, issues
    result = copy.deepcopy(data)
    for index, op in enumerate(expanded, start=1):
        path = str(op.get("path", ""))
        try:
            if op.get("op") == "add":
                _make_parents(result, path)
            result = jsonpatch.JsonPatch([op]).apply(result)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException, TypeError):
            issues.append(Issue.of("patch_invalid", path, index=index, path=path))
    return result, issues


def patch(document: Any, ops: Iterable[Mapping[str, Any]]) -> Any:
    """A new document: ``document`` with the JSON Patch ``ops`` applied, validated.

    :class:`InputError` (with the located issues) when an operation cannot be applied or the
    result is not a valid document; :class:`UsageError` when ``ops`` is not a list of
    operations.
    """
    kind = kind_of(document)
    listed = list(ops)
    if not all(isinstance(op, Mapping) for op in listed):
        raise UsageError("a patch is a list of operations (mappings with op and path)")
    data = document.model_dump(mode="json", exclude_none=True)
    patched, issues = apply_patch(data, listed)
    if issues:
        raise InputError("the patch cannot be applied", Report(issues))
    try:
        return kind.model.model_validate(patched)
    except ValidationError as error:
        found = Report(issues_from_validation_error(error, document_kind=kind.name))
        raise InputError("the patched document is not valid", found) from None


def _resolves_to_list(data: Any, pointer: str) -> bool:
    try:
        return isinstance(jsonpointer.resolve_pointer(data, pointer), list)
    except jsonpointer.JsonPointerException:
        return False


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def patch_template(
    issues: Iterable[Issue], document: Any = None, locale: str = "en"
) -> list[dict[str, Any]]:
    """One ``add`` per pointer of the blocking ``issues`` (suggestion or ``null``).

    A pointer to a list (``/importer/identifiers``) gets ``/-``: the value is appended. The
    same operation on every goods item is written once with the ``/goods_items/*/`` form. A
    suggestion that offers choices (``{"choices": [...]}``, the national codes under an HS6)
    is never chosen for the user: the value stays ``null`` and the choices travel beside it,
    under ``choices``.
    """
    data = document.model_dump(mode="json", exclude_none=True) if document is not None else {}
    ops: dict[str, dict[str, Any]] = {}
    for issue in issues:
        if not issue.blocking or not issue.pointer:
            continue
        path = issue.pointer + ("/-" if _resolves_to_list(data, issue.pointer) else "")
        value = _jsonable(issue.suggestion) if issue.suggestion is not None else None
        choices = value.get("choices") if isinstance(value, dict) else None
        if path in ops:
            ops[path]["code"] += f", {issue.code}"
            continue
        op = {"op": "add", "path": path, "value": None if choices else value, "code": issue.code}
        ops[path] = {**op, "message": issue.message(locale)}
        if choices:
            ops[path]["choices"] = choices
    return _with_wildcards(list(ops.values()), _lines(data))


def _line_key(op: Mapping[str, Any]) -> tuple[str, str] | None:
    """(the path below the goods item, the value) of an operation on one goods item."""
    parts = str(op["path"]).split("/", 3)
    if len(parts) == 4 and parts[1] == "goods_items" and parts[2].isdigit():
        return parts[3], json.dumps(op["value"], sort_keys=True)
    return None


def _with_wildcards(ops: list[dict[str, Any]], lines: int) -> list[dict[str, Any]]:
    """Operations equal on every one of ``lines`` goods items written once as a wildcard."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for op in ops:
        key = _line_key(op)
        if key is not None and lines > 1:
            groups.setdefault(key, []).append(op)
    out: list[dict[str, Any]] = []
    for op in ops:
        key = _line_key(op)
        group = groups.get(key) if key is not None else None
        if key is None or not group or len(group) < lines:
            out.append(op)
        elif group[0] is op:
            out.append({**op, "path": WILDCARD + key[0]})
    return out

"""``core-json``: the canonical JSON of the core model.

One JSON object is one document: a :class:`~harmonized_customs.model.Declaration`, or, when
its ``"kind"`` names another registered document kind (``"kind": "cargo-report"``), a document
of that kind; a JSON array holds several. The file is UTF-8 (a byte-order mark is accepted).
Amounts and quantities are decimal strings (``"1234.50"``), dates ISO 8601
(``"2026-11-23"``), codes as the core model defines them. The JSON Schemas are
``schemas/declaration.schema.json`` and ``schemas/cargo-report.schema.json``
(``harmonized-customs schema`` prints it).

Reading reports every problem with its JSON pointer and its line and column in the file
(:mod:`harmonized_customs.json_input` decodes, bounds and locates; reading is linear in the
size of the file, for one declaration or an array of many).
Writing is canonical: two-space indentation, keys in model order, absent values left out, so
``dumps(loads(x)) == x`` for canonical input and ``loads(dumps(d)) == d`` for every declaration.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from harmonized_customs.documents import DECLARATION, DocumentKind, kind_of, list_kinds
from harmonized_customs.format_registry import Format, ReadResult, WriteResult, register_format
from harmonized_customs.json_input import JsonText, array_elements, read_json
from harmonized_customs.losses import without_collection_pauses
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["FORMAT", "dumps", "read", "write"]

NAME = "core-json"


_BOM = b"\xef\xbb\xbf"
_OBJECT = re.compile(rb"[ \t\r\n]*\{")
_ARRAY = re.compile(rb"[ \t\r\n]*\[")


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read one document (a JSON object) or several (a JSON array) from ``data``.

    The happy path parses once: a declaration's bytes go straight to pydantic-core, an
    array's elements one at a time. Only when that fails is the text read again by
    :func:`~harmonized_customs.json_input.read_json`, which locates every problem.
    """
    body = data.removeprefix(_BOM)
    if _OBJECT.match(body):
        try:
            with without_collection_pauses():
                declaration = DECLARATION.model.model_validate_json(body)
        except ValidationError:
            pass
        else:
            yield ReadResult(declaration, (), 0)
            return
    elif _ARRAY.match(body):
        streamed = _read_array(body, source_name)
        if streamed is not None:
            yield from streamed
            return
    yield from _read_located(data, source_name)


def _read_array(body: bytes, source_name: str | None) -> Iterator[ReadResult] | None:
    """Each element of a well-formed array, validated as it comes; ``None`` otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    elements = array_elements(text)
    if elements is None:
        return None
    source = JsonText(text, source_name)
    return (
        _validate(_kind_named({"kind": kind}), text[start:end], source, f"/{index}", index)
        for index, (start, end, kind) in enumerate(elements)
    )


def _read_located(data: bytes, source_name: str | None) -> Iterator[ReadResult]:
    """The reading that locates every problem: decoded, bounded and parsed as a whole."""
    parsed = read_json(data, source_name)
    if parsed.source is None:
        yield ReadResult(None, (parsed.problem,) if parsed.problem else ())
        return
    source = parsed.source
    if isinstance(parsed.value, list):
        for index, document in enumerate(source.elements()):
            kind = _kind_named(parsed.value[index])
            yield _validate(kind, document, source, f"/{index}", index)
        return
    yield _validate(_kind_named(parsed.value), source.text, source, "", 0)


def _kind_named(value: Any) -> DocumentKind:
    """The kind a JSON object names in ``"kind"``; a goods declaration when it names none."""
    name = value.get("kind") if isinstance(value, dict) else None
    for kind in list_kinds():
        if kind.name == name and kind is not DECLARATION:
            return kind
    return DECLARATION


def _validate(
    kind: DocumentKind, document: str, source: JsonText, prefix: str, index: int
) -> ReadResult:
    """Validate one document's JSON text; ``prefix`` is its pointer in the file."""
    try:
        with without_collection_pauses():
            built = kind.model.model_validate_json(document)
    except ValidationError as exc:
        issues = issues_from_validation_error(
            exc, locate=lambda p: source.at(prefix + p), document_kind=kind.name
        )
        return ReadResult(None, tuple(issues), index)
    return ReadResult(built, (), index)


def dumps(document: BaseModel) -> str:
    """The canonical JSON text of ``document`` (ends with a newline).

    Fields equal to their default (absent values, empty lists) are left out; the version of
    the format is always written first, then the document's kind unless it is a declaration.
    """
    kind = kind_of(document)
    data = document.model_dump(mode="json", exclude_defaults=True)
    head: dict[str, Any] = {"schema_version": getattr(document, "schema_version", "1.0")}
    if kind is not DECLARATION:
        head["kind"] = kind.name
    return json.dumps({**head, **data}, indent=2, ensure_ascii=False) + "\n"


def write(document: BaseModel) -> WriteResult:
    """Writer entry of the format registry: core-json carries everything, so no issues."""
    return WriteResult(dumps(document))


def _sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in {b"{", b"["} and (b'"goods_items"' in data or b'"schema_version"' in head)


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction=None,
        media_type="application/json",
        description="Canonical JSON of the harmonized_customs core models (declarations, trips).",
        reader=read,
        writer=write,
        sniffer=_sniff,
        extensions=(".json",),
    )
)

"""``core-json``: the canonical JSON of the core model.

One JSON object is one :class:`~harmonized_customs.model.Declaration`; a JSON array holds
several. The file is UTF-8 (a byte-order mark is accepted). Amounts and quantities are decimal
strings (``"1234.50"``), dates ISO 8601 (``"2026-11-23"``), codes as the core model defines
them. The JSON Schema is ``schemas/declaration.schema.json``
(``harmonized-customs schema`` prints it).

Reading reports every problem with its JSON pointer and its line and column in the file.
Writing is canonical: two-space indentation, keys in model order, absent values left out, so
``dumps(loads(x)) == x`` for canonical input and ``loads(dumps(d)) == d`` for every declaration.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from json_source_map import calculate as source_map
from pydantic import ValidationError

from harmonized_customs.formats import Format, ReadResult, WriteResult, register_format
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["FORMAT", "dumps", "read", "write"]

NAME = "core-json"


def _decode(data: bytes, source_name: str | None) -> tuple[str | None, Issue | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = SourceLocation(file=source_name, line=line)
        detail = f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8"
        return None, Issue.of("input_unreadable", "", source=where, detail=detail)


def _locations(text: str, source_name: str | None, offset: str = "") -> dict[str, SourceLocation]:
    """Pointer -> 1-based line/column of each value in the JSON text."""
    located: dict[str, SourceLocation] = {}
    for pointer, entry in source_map(text).items():
        start = entry.key_start or entry.value_start
        if not pointer.startswith(offset):
            continue
        located[pointer[len(offset) :]] = SourceLocation(
            file=source_name, line=start.line + 1, column=start.column + 1
        )
    return located


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read one declaration (a JSON object) or several (a JSON array) from ``data``."""
    text, problem = _decode(data, source_name)
    if text is None:
        yield ReadResult(None, (problem,) if problem else ())
        return
    try:
        parsed: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        where = SourceLocation(file=source_name, line=exc.lineno, column=exc.colno)
        yield ReadResult(None, (Issue.of("json_syntax", "", source=where, detail=exc.msg),))
        return
    if isinstance(parsed, list):
        documents = [json.dumps(item) for item in parsed]
        locations_all = _locations(text, source_name)
        for index, document in enumerate(documents):
            prefix = f"/{index}"
            located = {
                k[len(prefix) :]: v
                for k, v in locations_all.items()
                if k == prefix or k.startswith(prefix + "/")
            }
            yield _validate(document, located, index)
        return
    yield _validate(text, _LazyLocations(text, source_name), 0)


class _LazyLocations(dict[str, SourceLocation]):
    """Computes the source map only when an error needs a location."""

    def __init__(self, text: str, source_name: str | None) -> None:
        super().__init__()
        self._text = text
        self._source_name = source_name
        self._done = False

    def _fill(self) -> None:
        if not self._done:
            self.update(_locations(self._text, self._source_name))
            self._done = True

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> SourceLocation:
        self._fill()
        return super().__getitem__(key)

    def __bool__(self) -> bool:
        return True


def _validate(document: str, located: dict[str, SourceLocation], index: int) -> ReadResult:
    try:
        declaration = Declaration.model_validate_json(document)
    except ValidationError as exc:
        issues = tuple(issues_from_validation_error(exc, locate=located))
        return ReadResult(None, issues, index)
    return ReadResult(declaration, (), index)


def dumps(declaration: Declaration) -> str:
    """The canonical JSON text of ``declaration`` (ends with a newline).

    Fields equal to their default (absent values, empty lists) are left out; the version of
    the format is always written first.
    """
    data = declaration.model_dump(mode="json", exclude_defaults=True)
    data = {"schema_version": declaration.schema_version, **data}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(declaration: Declaration) -> WriteResult:
    """Writer entry of the format registry: core-json carries everything, so no issues."""
    return WriteResult(dumps(declaration))


def _sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in {b"{", b"["} and (b'"goods_items"' in data or b'"schema_version"' in head)


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction=None,
        media_type="application/json",
        description="Canonical JSON of the harmonized_customs core declaration model.",
        reader=read,
        writer=write,
        sniffer=_sniff,
        extensions=(".json",),
    )
)

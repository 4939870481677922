"""``core-json``: the canonical JSON of the core model.

One JSON object is one :class:`~harmonized_customs.model.Declaration`; a JSON array holds
several. The file is UTF-8 (a byte-order mark is accepted). Amounts and quantities are decimal
strings (``"1234.50"``), dates ISO 8601 (``"2026-11-23"``), codes as the core model defines
them. The JSON Schema is ``schemas/declaration.schema.json``
(``harmonized-customs schema`` prints it).

Reading reports every problem with its JSON pointer and its line and column in the file
(:mod:`harmonized_customs.json_input` decodes, bounds and locates; reading is linear in the
size of the file, for one declaration or an array of many).
Writing is canonical: two-space indentation, keys in model order, absent values left out, so
``dumps(loads(x)) == x`` for canonical input and ``loads(dumps(d)) == d`` for every declaration.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import ValidationError

from harmonized_customs.formats import Format, ReadResult, WriteResult, register_format
from harmonized_customs.json_input import JsonText, read_json
from harmonized_customs.model import Declaration
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["FORMAT", "dumps", "read", "write"]

NAME = "core-json"


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read one declaration (a JSON object) or several (a JSON array) from ``data``."""
    parsed = read_json(data, source_name)
    if parsed.source is None:
        yield ReadResult(None, (parsed.problem,) if parsed.problem else ())
        return
    source = parsed.source
    if isinstance(parsed.value, list):
        for index, document in enumerate(source.elements()):
            yield _validate(document, source, f"/{index}", index)
        return
    yield _validate(source.text, source, "", 0)


def _validate(document: str, source: JsonText, prefix: str, index: int) -> ReadResult:
    """Validate one declaration's JSON text; ``prefix`` is its pointer in the file."""
    try:
        declaration = Declaration.model_validate_json(document)
    except ValidationError as exc:
        issues = issues_from_validation_error(exc, locate=lambda p: source.at(prefix + p))
        return ReadResult(None, tuple(issues), index)
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

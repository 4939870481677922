"""Record engine of the SAAI M3 validation file: layouts as data, pipe parsing and formatting.

The M3 file ("archivo de validación") is defined by SAT/AGA in the "Lineamientos Técnicos de
Registros VOCE-SAAI M3", versión 9.0 (agosto 2021),
https://www.ventanillaunica.gob.mx/vucem/Manualesa/SistemasCE/LineamientosTR.pdf : one record
per line, fields separated by ``|``, the record type first, a trailing ``|``. The record
layouts live in ``data/m3_records.json`` (name, Spanish name, kind, maximum length, decimals
and how far each field is verified); this module loads them into the field definitions of
:mod:`harmonized_customs.records`, the record engine that reads lines into typed values with
located issues and writes typed values back to the exact same text (the ``cls`` of a field is
the engine's class, its ``source_class`` the layout's kind: N, A, I, D, F).

Files are often Windows-1252 or ISO-8859-1, sometimes UTF-8: :func:`decode` detects which and
never drops a character (Ñ, accents and ``&`` survive).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from harmonized_customs import records
from harmonized_customs.countries.mx import m3_codes as _m3_codes  # noqa: F401
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.records import Dialect, FieldDef, Problem, RecordDef, Value
from harmonized_customs.records import Split as RawRecord

__all__ = [
    "DIALECT",
    "ENCODING",
    "FieldDef",
    "Layout",
    "ParsedRecord",
    "Partida",
    "Pedimento",
    "Problem",
    "RawRecord",
    "RecordDef",
    "Value",
    "decode",
    "format_record",
    "format_value",
    "layout",
    "parse_line",
    "parse_record",
    "record_problems",
]

_MOJIBAKE = re.compile(rb"[\xc2-\xc3][\x80-\xbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
ENGINE_CLASSES: Mapping[str, str] = {
    "N": "digits",
    "A": "text",
    "I": "integer",
    "D": "decimal",
    "F": "date",
}
"""The layout's field kinds as classes of the record engine."""
_REFUSED = "mx_m3_value_not_representable"

ENCODING = "cp1252"
"""The encoding M3 files are written in (Windows-1252; SAAI reads them as such)."""

DIALECT = Dialect(
    name="SAAI M3",
    separator="|",
    encoding=ENCODING,
    codes={
        "class": "mx_m3_not_digits",
        "class:decimal": "mx_m3_not_decimal",
        "date": "mx_m3_date_invalid",
        "missing": "mx_m3_field_required",
        "too_long": "mx_m3_field_too_long",
        "decimals": "mx_m3_too_many_decimals",
        "unset": "mx_m3_value_missing",
        "separator": "mx_m3_separator_in_text",
        "wrong_class": _REFUSED,
        "overlong": _REFUSED,
        "not_allowed": _REFUSED,
        "not_representable": _REFUSED,
        "not_encodable": "mx_m3_value_not_encodable",
    },
)
"""M3 records: pipe-separated, and the issue code of each problem the engine finds."""


@dataclass(frozen=True)
class Layout:
    """Every record layout, and the records known but not read."""

    records: Mapping[str, RecordDef]
    not_supported: Mapping[str, str]
    code_lists: Mapping[str, str]
    """Code list name -> the Anexo 22 appendix it transcribes."""
    movement_types: Mapping[str, str]
    """Record 500 tipo de movimiento -> its name."""
    source: str


def _field_def(code: str, index: int, data: Mapping[str, Any], required: bool) -> FieldDef:
    kind = data["kind"]
    return FieldDef(
        record=code,
        name=data["name"],
        cls=ENGINE_CLASSES[kind],
        length=data["max"],
        index=index,
        decimals=data.get("decimals"),
        required=required,
        date_format="DDMMYYYY" if kind == "F" else "",
        label=f"{index + 1} ({data['name_es']})",
        title=data["name_es"],
        source_class=kind,
        table=data.get("codes"),
        pointer=data.get("pointer"),
        status=data["status"],
    )


def _record_def(code: str, data: Mapping[str, Any]) -> RecordDef:
    required = frozenset(data["required"])
    fields = tuple(
        _field_def(code, i, f, f["name"] in required) for i, f in enumerate(data["fields"], start=1)
    )
    return RecordDef(
        record_id=code,
        fields=fields,
        title=data["name_es"],
        title_en=data["name_en"],
        level=data["level"],
        status=data["status"],
        pointer=data.get("pointer", ""),
    )


@cache
def layout() -> Layout:
    """The record layouts shipped in ``data/m3_records.json``."""
    text = (
        resources.files("harmonized_customs.countries.mx")
        .joinpath("data/m3_records.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    records = {code: _record_def(code, rec) for code, rec in data["records"].items()}
    return Layout(
        records=records,
        not_supported=data["not_supported"],
        code_lists=data["code_lists"],
        movement_types=data["movement_types"],
        source=data["source"],
    )


def decode(
    data: bytes, source_name: str | None = None, encoding: str | None = None
) -> tuple[str, str, list[Issue]]:
    """The text of an M3 file, the encoding used and the issues of mixed encodings.

    With ``encoding``, the file is decoded with it; when it does not fit the bytes,
    ``mx_m3_encoding_wrong`` names the line and the encoding is detected instead. Detection
    uses UTF-8 when the whole file decodes as UTF-8; otherwise Windows-1252, or ISO-8859-1
    when the file holds bytes Windows-1252 leaves undefined. A file that is not UTF-8 but holds
    UTF-8 sequences gets ``mx_m3_encoding_mixed`` on each such line.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if encoding is not None:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            text, used, issues = decode(data, source_name)
            wrong = Issue.of(
                "mx_m3_encoding_wrong",
                source=SourceLocation(file=source_name, line=line),
                encoding=encoding,
                line=line,
                detected=used,
            )
            return text, used, [wrong, *issues]
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "iso-8859-1"
    issues = [
        Issue.of(
            "mx_m3_encoding_mixed",
            source=SourceLocation(file=source_name, line=number),
            line=number,
            encoding=encoding,
        )
        for number, raw in enumerate(data.split(b"\n"), start=1)
        if _MOJIBAKE.search(raw)
    ]
    return text, encoding, issues


def parse_line(text: str, line: int) -> RawRecord:
    """Split one line (without its line break) into the record type and its fields."""
    return records.split(DIALECT, text, line)


@dataclass
class ParsedRecord:
    """A record checked against its layout, with typed values."""

    definition: RecordDef
    raw: RawRecord
    values: dict[str, Value] = field(default_factory=dict)

    @property
    def code(self) -> str:
        """The record type."""
        return self.definition.code

    def text(self, name: str) -> str | None:
        """A text or code value (None when empty or not text)."""
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def decimal(self, name: str) -> Decimal | None:
        """A decimal or amount value (None when empty or invalid)."""
        value = self.values.get(name)
        return value if isinstance(value, Decimal) else None

    def date(self, name: str) -> dt.date | None:
        """A date value (None when empty or invalid)."""
        value = self.values.get(name)
        return value if isinstance(value, dt.date) else None

    def source(self, name: str | None = None, file: str | None = None) -> SourceLocation:
        """Where the record, or one of its fields, sits in the file."""
        if name is None:
            return SourceLocation(file=file, line=self.raw.line, column=1, record=self.code)
        spec = self.definition.field(name)
        column = self.raw.columns[spec.index - 1] if spec.index <= len(self.raw.columns) else 1
        return SourceLocation(
            file=file, line=self.raw.line, column=column, record=self.code, field=spec.title
        )


def _issue(problem: Problem, record: ParsedRecord, file: str | None) -> Issue:
    assert problem.field is not None
    ctx = dict(problem.ctx)
    return Issue.of(problem.code, source=record.source(problem.field.name, file), **ctx)


def parse_record(
    raw: RawRecord, definition: RecordDef, file: str | None = None
) -> tuple[ParsedRecord, list[Issue]]:
    """Type every field of ``raw`` against ``definition``; the field count is checked before."""
    record = ParsedRecord(definition, raw)
    issues: list[Issue] = []
    for spec, text, column in zip(definition.fields, raw.values, raw.columns, strict=True):
        value, problems = records.parse_field(DIALECT, spec, text, column)
        issues.extend(_issue(problem, record, file) for problem in problems)
        record.values[spec.name] = value
    return record, issues


@dataclass
class Partida:
    """A record 551 with the 552-558 records that follow it."""

    record: ParsedRecord
    details: list[ParsedRecord] = field(default_factory=list)


@dataclass
class Pedimento:
    """The records of one pedimento, from its 500 to its 800."""

    start: ParsedRecord
    records: list[ParsedRecord] = field(default_factory=list)
    partidas: list[Partida] = field(default_factory=list)
    end: ParsedRecord | None = None
    issues: list[Issue] = field(default_factory=list)
    closed: bool = False

    @property
    def number(self) -> str | None:
        """The 7-digit pedimento of the record 500."""
        return self.start.text("pedimento")


def control_issues(text: str, line: int, file: str | None) -> list[Issue]:
    """``mx_m3_control_character`` for each control character on a line."""
    return [
        Issue.of(
            "mx_m3_control_character",
            source=SourceLocation(file=file, line=line, column=match.start() + 1),
            line=line,
            char=f"U+{ord(match.group()):04X}",
        )
        for match in _CONTROL.finditer(text)
    ]


def format_value(spec: FieldDef, value: Value) -> tuple[str, list[Problem]]:
    """The text of a typed value in a field (the inverse of parsing), or why it is refused."""
    return records.format_field(DIALECT, spec, value)


def format_record(definition: RecordDef, values: Mapping[str, Value]) -> tuple[str, list[Problem]]:
    """One record line (without line break): record type, fields, trailing ``|``."""
    return records.format_record(DIALECT, definition, values)


def record_problems(definition: RecordDef, values: Mapping[str, Value]) -> list[Problem]:
    """The problems of writing ``values`` in a record (as :func:`format_record`), none written."""
    return records.record_problems(DIALECT, definition, values)

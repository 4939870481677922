"""Record engine of the SAAI M3 validation file: layouts as data, pipe parsing and formatting.

The M3 file ("archivo de validación") is defined by SAT/AGA in the "Lineamientos Técnicos de
Registros VOCE-SAAI M3", versión 9.0 (agosto 2021),
https://www.ventanillaunica.gob.mx/vucem/Manualesa/SistemasCE/LineamientosTR.pdf : one record
per line, fields separated by ``|``, the record type first, a trailing ``|``. The record
layouts live in ``data/m3_records.json`` (name, Spanish name, kind, maximum length, decimals
and how far each field is verified); this module reads lines into typed values with located
issues and writes typed values back to the exact same text.

Files are often Windows-1252 or ISO-8859-1, sometimes UTF-8: :func:`decode` detects which and
never drops a character (Ñ, accents and ``&`` survive).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.jurisdictions.mx import m3_codes as _m3_codes  # noqa: F401

__all__ = [
    "FieldDef",
    "Layout",
    "ParsedRecord",
    "Partida",
    "Pedimento",
    "RawRecord",
    "RecordDef",
    "decode",
    "format_record",
    "format_value",
    "layout",
    "parse_line",
    "parse_record",
]

Value = str | Decimal | dt.date | None
"""A field's typed value: text or code, decimal amount, date, or nothing (empty field)."""

_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_MOJIBAKE = re.compile(rb"[\xc2-\xc3][\x80-\xbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class FieldDef:
    """One field of a record layout."""

    index: int
    """Position after splitting the line on ``|`` (the record type is index 0)."""
    name: str
    name_es: str
    kind: str
    """N digits kept as text, A text, I whole amount, D decimal, F date DDMMAAAA."""
    max: int
    decimals: int | None
    status: str
    """``v9.0-transcription`` or ``unverified``."""
    codes: str | None = None
    """The code list the value belongs to (see ``code_lists`` in the data file)."""
    pointer: str | None = None
    """Where the value lands in the core model, when not ``<record pointer>/<name>``."""

    @property
    def campo(self) -> int:
        """The field's number in the Lineamientos (campo 1 is the record type)."""
        return self.index + 1

    @property
    def label(self) -> str:
        """``3 (Fracción arancelaria)``: how messages name the field."""
        return f"{self.campo} ({self.name_es})"


@dataclass(frozen=True)
class RecordDef:
    """The layout of one record type."""

    code: str
    name_es: str
    name_en: str
    level: str
    status: str
    fields: tuple[FieldDef, ...]
    required: frozenset[str]
    pointer: str = ""
    """Where the record's values land in the core model (``{n}``, ``{item}`` placeholders)."""

    @property
    def field_count(self) -> int:
        """Fields of the record, the record type included (as the Lineamientos count them)."""
        return len(self.fields) + 1

    def field(self, name: str) -> FieldDef:
        """The field called ``name``; KeyError if the record has none."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


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


def _record_def(code: str, data: Mapping[str, Any]) -> RecordDef:
    fields = tuple(
        FieldDef(
            index=i,
            name=f["name"],
            name_es=f["name_es"],
            kind=f["kind"],
            max=f["max"],
            decimals=f.get("decimals"),
            status=f["status"],
            codes=f.get("codes"),
            pointer=f.get("pointer"),
        )
        for i, f in enumerate(data["fields"], start=1)
    )
    return RecordDef(
        code=code,
        name_es=data["name_es"],
        name_en=data["name_en"],
        level=data["level"],
        status=data["status"],
        fields=fields,
        required=frozenset(data["required"]),
        pointer=data.get("pointer", ""),
    )


@cache
def layout() -> Layout:
    """The record layouts shipped in ``data/m3_records.json``."""
    text = (
        resources.files("harmonized_customs.jurisdictions.mx")
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


@dataclass(frozen=True)
class RawRecord:
    """One line split into fields, with where each field starts."""

    code: str
    values: tuple[str, ...]
    """Every field after the record type (the trailing empty element of a final ``|`` removed)."""
    line: int
    columns: tuple[int, ...]
    """1-based column of each field of ``values``."""
    trailing_pipe: bool


def parse_line(text: str, line: int) -> RawRecord:
    """Split one line (without its line break) into the record type and its fields."""
    parts = text.split("|")
    columns: list[int] = []
    position = len(parts[0]) + 2
    for part in parts[1:]:
        columns.append(position)
        position += len(part) + 1
    trailing = len(parts) > 1 and text.endswith("|")
    values = parts[1:-1] if trailing else parts[1:]
    return RawRecord(
        code=parts[0].strip(),
        values=tuple(values),
        line=line,
        columns=tuple(columns[: len(values)]),
        trailing_pipe=trailing,
    )


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
            file=file, line=self.raw.line, column=column, record=self.code, field=spec.name_es
        )


def _issue(code: str, record: ParsedRecord, spec: FieldDef, file: str | None, **ctx: Any) -> Issue:
    return Issue.of(
        code,
        source=record.source(spec.name, file),
        record=record.code,
        field=spec.label,
        **ctx,
    )


def _digits(spec: FieldDef, raw: str) -> tuple[Value, str | None]:
    if not _DIGITS.fullmatch(raw):
        return None, "mx_m3_not_digits"
    return (raw if spec.kind == "N" else Decimal(raw)), None


def _decimal(spec: FieldDef, raw: str) -> tuple[Value, str | None]:
    if not _DECIMAL.fullmatch(raw):
        return None, "mx_m3_not_decimal"
    return Decimal(raw), None


def _date(spec: FieldDef, raw: str) -> tuple[Value, str | None]:
    if not _DIGITS.fullmatch(raw) or len(raw) != 8:
        return None, "mx_m3_date_invalid"
    try:
        return dt.date(int(raw[4:]), int(raw[2:4]), int(raw[:2])), None
    except ValueError:
        return None, "mx_m3_date_invalid"


def _text(spec: FieldDef, raw: str) -> tuple[Value, str | None]:
    return raw, None


_PARSERS = {"N": _digits, "I": _digits, "D": _decimal, "F": _date, "A": _text}


def _typed(spec: FieldDef, raw: str) -> tuple[Value, str | None]:
    """The typed value of a non-empty field, or None and the issue code of what is wrong."""
    return _PARSERS[spec.kind](spec, raw)


def _shape_issues(
    record: ParsedRecord, spec: FieldDef, raw: str, value: Value, file: str | None
) -> Iterator[Issue]:
    """Length and decimals beyond the layout (warnings: the lengths are not verified first-hand)."""
    if isinstance(value, Decimal) and spec.decimals is not None:
        decimals = len(raw.partition(".")[2])
        if decimals > spec.decimals:
            yield _issue(
                "mx_m3_too_many_decimals",
                record,
                spec,
                file,
                found=decimals,
                allowed=spec.decimals,
            )
    if len(raw) > spec.max:
        yield _issue("mx_m3_field_too_long", record, spec, file, found=len(raw), allowed=spec.max)


def parse_record(
    raw: RawRecord, definition: RecordDef, file: str | None = None
) -> tuple[ParsedRecord, list[Issue]]:
    """Type every field of ``raw`` against ``definition``; the field count is checked before."""
    record = ParsedRecord(definition, raw)
    issues: list[Issue] = []
    for spec, text in zip(definition.fields, raw.values, strict=True):
        if text == "":
            record.values[spec.name] = None
            if spec.name in definition.required:
                issues.append(_issue("mx_m3_field_required", record, spec, file))
            continue
        value, problem = _typed(spec, text)
        if problem is not None:
            issues.append(_issue(problem, record, spec, file, value=text))
        else:
            issues.extend(_shape_issues(record, spec, text, value, file))
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


def format_value(spec: FieldDef, value: Value) -> str:
    """The text of a typed value in a field (the inverse of parsing)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d%m") + f"{value.year:04d}"
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def format_record(code: str, values: Sequence[str]) -> str:
    """One record line (without line break): record type, fields, trailing ``|``."""
    return "|".join((code, *values)) + "|"

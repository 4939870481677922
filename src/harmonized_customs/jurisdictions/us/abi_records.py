"""ABI fixed-width records: record definitions as data, one set per CATAIR edition.

CBP's Automated Broker Interface (ABI) exchanges 80-character records, each named by a control
identifier in its first positions (``A``, ``B``, ``Y``, ``Z`` for the batch and block envelope;
``10``, ``40``, ``50``... for the entry summary). Every field has a position, a length, a data
class, a number of implied decimals and a designation (M mandatory, C conditional, O optional):

* ``S`` filler, spaces only (data here is CBP's fatal "DATA FOUND IN FILLER");
* ``A`` letters A-Z, ``AN`` letters, digits and space, ``X`` printable characters: all
  left-justified, padded with spaces;
* ``N`` digits filling the field; ``SN`` (CBP's "(S)N") digits right-justified after leading
  spaces, with implied decimals;
* ``D`` a date MMDDYY (years read as 2000-2099).

The definitions live in ``data/catair/`` (CSV, one row per field, plus ``editions.json``); a
new CATAIR edition is a new CSV, or one that overrides some records of an older edition. This
module parses a record into values with located problems and formats values back into a
record; :mod:`harmonized_customs.jurisdictions.us.abi_ae` builds declarations from records.

More information:

* https://www.cbp.gov/trade/ace/catair (ACE ABI CATAIR chapters)
* https://cbp.gov/document/guidance/ace-abi-catair-batch-block-control-chapter-v23
* https://content.govdelivery.com/accounts/USDHSCBP/bulletins/b7b247 (CSMS #14-000277)
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

__all__ = [
    "RECORD_LENGTH",
    "Edition",
    "FieldDef",
    "ParsedRecord",
    "Problem",
    "RecordDef",
    "Value",
    "edition_names",
    "format_field",
    "format_record",
    "load_edition",
    "parse_field",
    "parse_record",
]

RECORD_LENGTH = 80
"""Every ABI record is 80 characters."""

Value = str | Decimal | dt.date | int | None
"""A field value: text for A/AN/X/N, Decimal (or int) for SN, date for D."""

CLASS_PATTERNS: Mapping[str, re.Pattern[str]] = {
    "A": re.compile(r"[A-Z ]*"),
    "AN": re.compile(r"[A-Z0-9 ]*"),
    "X": re.compile(r"[ -~]*"),
    "N": re.compile(r"[0-9]*"),
}
CLASS_MEANINGS: Mapping[str, str] = {
    "S": "spaces",
    "A": "letters A-Z",
    "AN": "letters A-Z, digits, spaces",
    "X": "printable characters",
    "N": "digits",
    "SN": "digits right-justified",
    "D": "date MMDDYY",
}
_SN = re.compile(r" *[0-9]+")


@dataclass(frozen=True)
class FieldDef:
    """One field of a record definition (positions are 1-based, inclusive)."""

    record: str
    name: str
    start: int
    length: int
    cls: str
    decimals: int
    designation: str
    values: tuple[str, ...] = ()
    table: str | None = None
    note: str = ""

    @property
    def end(self) -> int:
        """Last position of the field."""
        return self.start + self.length - 1

    @property
    def is_filler(self) -> bool:
        """True for filler (class S)."""
        return self.cls == "S"

    @property
    def is_control(self) -> bool:
        """True for the control identifier."""
        return self.name == "control"

    @property
    def mandatory(self) -> bool:
        """True when the designation is M."""
        return self.designation == "M"

    def slice(self, text: str) -> str:
        """The field's characters in a record text."""
        return text[self.start - 1 : self.end]


@dataclass(frozen=True)
class RecordDef:
    """The fields of one record, tiling positions 1 to 80."""

    record_id: str
    fields: tuple[FieldDef, ...]

    @functools.cached_property
    def by_name(self) -> Mapping[str, FieldDef]:
        """Data fields by name (fillers and the control identifier left out)."""
        return {f.name: f for f in self.data_fields}

    @property
    def data_fields(self) -> tuple[FieldDef, ...]:
        """The fields that carry data."""
        return tuple(f for f in self.fields if not f.is_filler and not f.is_control)


@dataclass(frozen=True)
class Edition:
    """The record definitions of one CATAIR edition."""

    name: str
    title: str
    source: str
    confidence: str
    records: Mapping[str, RecordDef]
    known_without_layout: frozenset[str]
    order: Mapping[str, tuple[str, ...]]
    single: frozenset[str] = frozenset()
    """Records that occur at most once per entry summary."""

    def record_id_of(self, text: str) -> str:
        """The control identifier of a record text (2 characters, or 1 for A/B/Y/Z)."""
        if text[:2] in self.records:
            return text[:2]
        if text[:1] in self.records and len(text[:1]) == 1 and text[:1] in "ABYZ":
            return text[:1]
        return text[:2]

    def is_known(self, record_id: str) -> bool:
        """True when the record is one this chapter names, with or without a layout."""
        return record_id in self.records or record_id in self.known_without_layout

    def group_of(self, record_id: str) -> str | None:
        """``header``, ``line``, ``tariff`` or ``totals``: where a record belongs."""
        for group, ids in self.order.items():
            if record_id in ids:
                return group
        return None

    def rank(self, record_id: str) -> int:
        """Position of the record in its group's mandated order (unknown records last)."""
        group = self.group_of(record_id)
        if group is None:
            return 1_000
        return self.order[group].index(record_id)


@dataclass(frozen=True)
class Problem:
    """A problem found parsing or formatting one field."""

    code: str
    field: FieldDef | None
    column: int | None
    ctx: Mapping[str, Any]


@dataclass
class ParsedRecord:
    """One record read from a file: its values and the problems of its fields."""

    record_id: str
    line: int
    text: str
    values: dict[str, Value] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# --- loading the definitions ------------------------------------------------------------------


def _data_text(name: str) -> str:
    return (
        resources.files("harmonized_customs.jurisdictions.us")
        .joinpath("data", "catair", name)
        .read_text(encoding="utf-8")
    )


@functools.cache
def _editions_index() -> Mapping[str, Any]:
    index: Mapping[str, Any] = json.loads(_data_text("editions.json"))
    return index


def edition_names() -> list[str]:
    """The editions with record definitions, default first."""
    index = _editions_index()
    default = str(index["default"])
    return [default, *sorted(n for n in index["editions"] if n != default)]


def _field_from_row(row: Mapping[str, str]) -> FieldDef:
    return FieldDef(
        record=row["record"],
        name=row["field"],
        start=int(row["start"]),
        length=int(row["length"]),
        cls=row["class"],
        decimals=int(row["decimals"] or 0),
        designation=row["designation"],
        values=tuple(v for v in row["values"].split("|") if v),
        table=row["table"] or None,
        note=row["note"],
    )


def _records_of(filename: str) -> dict[str, RecordDef]:
    fields: dict[str, list[FieldDef]] = {}
    for row in csv.DictReader(io.StringIO(_data_text(filename))):
        fields.setdefault(row["record"], []).append(_field_from_row(row))
    return {rid: RecordDef(rid, tuple(defs)) for rid, defs in fields.items()}


@functools.cache
def load_edition(name: str | None = None) -> Edition:
    """The record definitions of an edition (the default one when ``name`` is ``None``).

    Raises:
        KeyError: There is no such edition.
    """
    index = _editions_index()
    key = name or str(index["default"])
    entry = index["editions"][key]
    records: dict[str, RecordDef] = {}
    if "extends" in entry:
        records.update(load_edition(entry["extends"]).records)
    for filename in entry["records"]:
        records.update(_records_of(filename))
    return Edition(
        name=key,
        title=entry["title"],
        source=entry["source"],
        confidence=entry["confidence"],
        records=records,
        known_without_layout=frozenset(index["known_without_layout"]),
        order={group: tuple(ids) for group, ids in index["order"].items()},
        single=frozenset(index.get("single", ())),
    )


# --- parsing ----------------------------------------------------------------------------------


def _problem(code: str, fd: FieldDef, offset: int, **ctx: Any) -> Problem:
    base: dict[str, Any] = {"record": fd.record, "field": fd.name}
    if code == "us_abi_value_not_representable":
        base.update(length=fd.length, decimals=fd.decimals)
    return Problem(code, fd, fd.start + offset, {**base, **ctx})


def _first_mismatch(raw: str, pattern: re.Pattern[str]) -> int:
    for offset, char in enumerate(raw):
        if not pattern.fullmatch(char):
            return offset
    return 0


def _class_problem(fd: FieldDef, raw: str, offset: int) -> Problem:
    return _problem(
        "us_abi_field_class",
        fd,
        offset,
        value=raw,
        data_class=fd.cls,
        meaning=CLASS_MEANINGS[fd.cls],
    )


def _parse_text(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    pattern = CLASS_PATTERNS[fd.cls]
    if not pattern.fullmatch(raw):
        return raw.rstrip(), [_class_problem(fd, raw, _first_mismatch(raw, pattern))]
    if fd.cls == "N" and len(raw) != fd.length:
        return raw, [_class_problem(fd, raw, 0)]
    if raw.startswith(" "):
        problem = _problem("us_abi_field_not_justified", fd, 0, value=raw, side="left")
        return raw.strip(), [problem]
    value = raw.rstrip()
    if fd.values and value not in fd.values:
        allowed = ", ".join(fd.values)
        return value, [_problem("us_abi_code_not_allowed", fd, 0, value=value, allowed=allowed)]
    return value, []


def _parse_number(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    if not _SN.fullmatch(raw):
        stripped = raw.rstrip()
        if _SN.fullmatch(stripped):
            offset = len(stripped)
            problem = _problem("us_abi_field_not_justified", fd, offset, value=raw, side="right")
            return Decimal(int(stripped)).scaleb(-fd.decimals), [problem]
        digits = re.compile(r"[0-9 ]")
        return None, [_class_problem(fd, raw, _first_mismatch(raw, digits))]
    return Decimal(int(raw)).scaleb(-fd.decimals), []


def _parse_date(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    try:
        if not raw.isdigit():
            raise ValueError(raw)
        return dt.date(2000 + int(raw[4:6]), int(raw[0:2]), int(raw[2:4])), []
    except ValueError:
        return None, [_problem("us_abi_date_invalid", fd, 0, value=raw)]


def _parse_filler(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    stripped = raw.lstrip(" ")
    if not stripped:
        return None, []
    offset = len(raw) - len(stripped)
    return None, [_problem("us_abi_data_in_filler", fd, offset, value=raw.strip())]


def parse_field(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    """The value of one field's characters, with the problems found."""
    if fd.is_filler:
        return _parse_filler(fd, raw)
    if not raw.strip():
        return None, [_problem("us_abi_field_missing", fd, 0)] if fd.mandatory else []
    parser = {"SN": _parse_number, "D": _parse_date}.get(fd.cls, _parse_text)
    return parser(fd, raw)


def parse_record(definition: RecordDef, text: str, line: int) -> ParsedRecord:
    """Parse an 80-character record text (shorter texts are read as if padded)."""
    padded = text.ljust(RECORD_LENGTH)
    parsed = ParsedRecord(definition.record_id, line, text)
    for fd in definition.fields:
        if fd.is_control:
            continue
        value, problems = parse_field(fd, fd.slice(padded))
        parsed.problems.extend(problems)
        if not fd.is_filler:
            parsed.values[fd.name] = value
    return parsed


# --- formatting -------------------------------------------------------------------------------


def _format_number(fd: FieldDef, value: Decimal | int) -> tuple[str, list[Problem]]:
    number = Decimal(value)
    scaled = number.scaleb(fd.decimals)
    shown = format(number, "f")
    if number < 0:
        why = "negative amounts cannot be written"
        problem = _problem("us_abi_value_not_representable", fd, 0, value=shown, reason=why)
        return " " * fd.length, [problem]
    whole = scaled.to_integral_value(rounding=ROUND_HALF_UP)
    problems: list[Problem] = []
    digits = str(int(whole))
    if len(digits) > fd.length:
        why = f"more than {fd.length} digits"
        problem = _problem("us_abi_value_not_representable", fd, 0, value=shown, reason=why)
        return " " * fd.length, [problem]
    if whole != scaled:
        written = format(whole.scaleb(-fd.decimals), "f")
        problems.append(
            _problem(
                "us_abi_value_rounded", fd, 0, value=shown, written=written, decimals=fd.decimals
            )
        )
    return digits.rjust(fd.length), problems


def _format_text(fd: FieldDef, value: str) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    if len(value) > fd.length:
        problems.append(_problem("us_abi_value_too_long", fd, 0, value=value, length=fd.length))
        value = value[: fd.length]
    pattern = CLASS_PATTERNS.get(fd.cls, CLASS_PATTERNS["X"])
    if not pattern.fullmatch(value):
        problems.append(_class_problem(fd, value, _first_mismatch(value, pattern)))
        value = "".join(char if " " <= char <= "~" else "?" for char in value)
    if fd.cls == "N":
        return value.rjust(fd.length, "0"), problems
    return value.ljust(fd.length), problems


def format_field(fd: FieldDef, value: Value) -> tuple[str, list[Problem]]:
    """The characters of one field holding ``value``, with the problems of writing it."""
    if fd.is_control:
        return fd.record.ljust(fd.length), []
    if fd.is_filler or value is None or value == "":
        needed = fd.mandatory and not fd.is_filler
        problems = [_problem("us_abi_value_missing", fd, 0)] if needed else []
        return " " * fd.length, problems
    if isinstance(value, dt.date):
        if not 2000 <= value.year <= 2099:
            why = "ABI dates (MMDDYY) cover 2000-2099"
            shown = value.isoformat()
            problem = _problem("us_abi_value_not_representable", fd, 0, value=shown, reason=why)
            return " " * fd.length, [problem]
        return value.strftime("%m%d%y"), []
    if isinstance(value, Decimal | int):
        return _format_number(fd, value)
    return _format_text(fd, value)


def format_record(definition: RecordDef, values: Mapping[str, Value]) -> tuple[str, list[Problem]]:
    """An 80-character record holding ``values`` (by field name); fillers are spaces."""
    parts: list[str] = []
    problems: list[Problem] = []
    for fd in definition.fields:
        text, found = format_field(fd, None if fd.is_filler else values.get(fd.name))
        parts.append(text)
        problems.extend(found)
    return "".join(parts), problems

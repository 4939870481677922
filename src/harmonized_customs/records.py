"""One record engine for the national fixed-width and delimited files.

Several agencies still exchange text files of records, one record per line, each record named
by a key in its first field:

* fixed-width records, every field at a position with a length (CBP's ABI CATAIR, 80-column
  records: https://www.cbp.gov/trade/ace/catair);
* delimited records, fields separated by a character (SAT's SAAI M3 validation file,
  pipe-separated: "Lineamientos Técnicos de Registros VOCE-SAAI M3" v9.0,
  https://www.ventanillaunica.gob.mx/vucem/Manualesa/SistemasCE/LineamientosTR.pdf).

Both describe a field the same way, and so does this module: name, label, position (column
or index), length, field class, implied or allowed decimals, required or not, allowed codes.
Layouts are data (``countries/us/data/catair/``, ``countries/mx/data/m3_records.json``);
the format modules load them into :class:`FieldDef` and :class:`RecordDef`.

Field classes:

* ``filler``: spaces only (fixed width);
* ``alpha`` letters A-Z and space, ``alphanumeric`` letters, digits and space, ``printable``
  printable ASCII, ``text`` any character: left-justified, padded with spaces;
* ``digits``: digits kept as text (codes, keys); in fixed width they fill the field;
* ``integer``: a whole number; ``decimal``: a number with decimals, implied in fixed width
  (right-justified after spaces), written with a point in delimited records;
* ``date``: a date in the field's ``date_format`` (``MMDDYY``, ``DDMMYYYY``).

Parsing gives values and :class:`Problem` objects located by line, column, record and field;
formatting gives the text of a field, or refuses a value that does not fit its class or length
(the field is left empty and the problem says why), so a writer never puts text into a numeric
field or spills into the next one. :func:`record_problems` gives the problems of formatting a
record without writing it (what a check of the values needs). Each format maps the engine's
problem kinds to its own issue codes through its :class:`Dialect`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = [
    "CLASSES",
    "Dialect",
    "FieldDef",
    "ParsedRecord",
    "Problem",
    "RecordDef",
    "Split",
    "Value",
    "format_field",
    "format_record",
    "parse_field",
    "parse_record",
    "record_problems",
    "split",
]

Value = str | Decimal | dt.date | int | None
"""A field value: text for text and digits, Decimal (or int) for numbers, date for dates."""

CLASSES = frozenset(
    {"filler", "alpha", "alphanumeric", "printable", "text", "digits", "integer", "decimal", "date"}
)
"""The field classes of the engine."""

_PATTERNS: Mapping[str, re.Pattern[str]] = {
    "alpha": re.compile(r"[A-Z ]*"),
    "alphanumeric": re.compile(r"[A-Z0-9 ]*"),
    "printable": re.compile(r"[ -~]*"),
    "text": re.compile(r".*", re.DOTALL),
    "digits": re.compile(r"[0-9]*"),
}
_TEXT_CLASSES = frozenset(_PATTERNS)
_NUMBER_CLASSES = frozenset({"integer", "decimal"})
_COUNTED_CLASSES = _NUMBER_CLASSES | {"digits"}
"""Classes whose value is a number or a code of digits: kept only when it fits its field."""
_RIGHT_JUSTIFIED = re.compile(r" *[0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_POINTED = re.compile(r"[0-9]+(\.[0-9]+)?")
_DATE_YEARS = {"MMDDYY": (2000, 2099), "DDMMYYYY": (1, 9999)}
"""Date format -> the first and last years it can hold."""


@dataclass(frozen=True)
class FieldDef:
    """One field of a record layout.

    ``start`` (1-based column) places a field of a fixed-width record; ``index`` (position after
    splitting, the record key being 0) a field of a delimited record. ``length`` is the width
    of a fixed-width field and the maximum length of a delimited one.
    """

    record: str
    name: str
    cls: str
    length: int
    start: int = 0
    index: int = 0
    decimals: int | None = None
    """Implied decimals (fixed width) or the most decimals allowed (delimited)."""
    required: bool = False
    values: tuple[str, ...] = ()
    """The codes allowed, when the layout lists them."""
    date_format: str = ""
    label: str = ""
    """How messages name the field (its name when empty)."""
    title: str = ""
    """The field's name in the official layout."""
    source_class: str = ""
    """The field's class as the official layout writes it (``SN``, ``AN``, ``I``...)."""
    designation: str = ""
    """Mandatory, conditional or optional, as the official layout marks it."""
    table: str | None = None
    """The code list the value belongs to, checked by the format."""
    pointer: str | None = None
    """Where the value lands in the core model, when the layout says so."""
    status: str = ""
    """How far the field's definition is verified."""
    note: str = ""

    @property
    def end(self) -> int:
        """Last column of a fixed-width field."""
        return self.start + self.length - 1

    @property
    def is_filler(self) -> bool:
        """True for filler."""
        return self.cls == "filler"

    @property
    def is_control(self) -> bool:
        """True for the record key (the field named ``control``)."""
        return self.name == "control"

    @property
    def shown(self) -> str:
        """The field as messages name it."""
        return self.label or self.name

    def slice(self, text: str) -> str:
        """The field's characters in a fixed-width record text."""
        return text[self.start - 1 : self.end]


@dataclass(frozen=True)
class RecordDef:
    """The fields of one record type, in file order."""

    record_id: str
    fields: tuple[FieldDef, ...]
    title: str = ""
    title_en: str = ""
    level: str = ""
    status: str = ""
    pointer: str = ""
    """Where the record's values land in the core model (with placeholders)."""

    @property
    def code(self) -> str:
        """The record key (another name of ``record_id``)."""
        return self.record_id

    @property
    def field_count(self) -> int:
        """Fields of the record, its key included (as official layouts count them)."""
        keyed = bool(self.fields) and self.fields[0].is_control
        return len(self.fields) + (0 if keyed else 1)

    @functools.cached_property
    def by_name(self) -> Mapping[str, FieldDef]:
        """Data fields by name (fillers and the record key left out)."""
        return {f.name: f for f in self.data_fields}

    @functools.cached_property
    def data_fields(self) -> tuple[FieldDef, ...]:
        """The fields that carry data."""
        return tuple(f for f in self.fields if not f.is_filler and not f.is_control)

    @functools.cached_property
    def required(self) -> frozenset[str]:
        """The names of the data fields that must not be empty."""
        return frozenset(f.name for f in self.data_fields if f.required)

    def field(self, name: str) -> FieldDef:
        """The data field called ``name``; KeyError if the record has none."""
        return self.by_name[name]

    @functools.cached_property
    def fixed_plan(self) -> tuple[tuple[FieldDef, str], ...]:
        """Every field with its empty text in a fixed-width record (spaces; the key written)."""
        return tuple(
            (f, f.record.ljust(f.length) if f.is_control else " " * f.length) for f in self.fields
        )

    @functools.cached_property
    def check_plan(self) -> tuple[tuple[FieldDef, re.Pattern[str] | None], ...]:
        """Every data field with the pattern of its text (None for a class not of text)."""
        return tuple(
            (f, _PATTERNS[f.cls] if f.cls in _TEXT_CLASSES else None) for f in self.data_fields
        )

    @functools.cached_property
    def problem_plan(
        self,
    ) -> tuple[tuple[str, FieldDef, bool, re.Pattern[str] | None, int, tuple[str, ...]], ...]:
        """:attr:`check_plan` with what :func:`record_problems` tests of a field, each once.

        Per field: its name, its definition, whether it is required, its text pattern, its
        length and its allowed values.
        """
        return tuple(
            (f.name, f, f.required, pattern, f.length, f.values) for f, pattern in self.check_plan
        )

    @functools.cached_property
    def check_plans(self) -> dict[frozenset[str] | None, tuple[Any, tuple[Any, ...]]]:
        """The steps of :func:`record_problems` by the codes asked, with their dialect."""
        return {}

    @functools.cached_property
    def delimited_plan(self) -> tuple[tuple[FieldDef, str], ...]:
        """Every data field with its empty text in a delimited record (nothing)."""
        return tuple((f, "") for f in self.data_fields)


@dataclass(frozen=True)
class Dialect:
    """How a format writes its records, and the issue code of each kind of problem.

    A dialect is fixed width when ``record_length`` is set, delimited when ``separator`` is.
    ``codes`` maps a problem kind (optionally ``kind:class``) to an issue code; ``meanings``
    explains each official class in messages.
    """

    name: str
    codes: Mapping[str, str]
    record_length: int = 0
    separator: str = ""
    meanings: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    """The text encoding of the files; a value it cannot hold is refused (``not_encodable``)."""

    @property
    def fixed(self) -> bool:
        """True for fixed-width records."""
        return self.record_length > 0

    def code(self, kind: str, fd: FieldDef | None) -> str:
        """The issue code of a problem kind in a field."""
        if fd is not None and f"{kind}:{fd.cls}" in self.codes:
            return self.codes[f"{kind}:{fd.cls}"]
        return self.codes.get(kind, kind)


@dataclass(frozen=True)
class Problem:
    """A problem found parsing or formatting one field (``column`` 1-based, when parsing)."""

    kind: str
    """Reading: ``class``, ``justified``, ``not_allowed``, ``date``, ``filler``, ``missing``,
    ``too_long``, ``decimals``. Writing (the value refused unless said): ``unset`` (a required
    field without value, left empty), ``wrong_class``, ``overlong``, ``not_allowed``,
    ``not_representable``, ``not_encodable`` (a character the file's encoding cannot hold),
    ``rounded`` and ``decimals`` (written, with a warning),
    ``separator`` (written with spaces)."""
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


@dataclass(frozen=True)
class Split:
    """One delimited line split into its key and fields, with where each field starts."""

    code: str
    values: tuple[str, ...]
    """Every field after the key (the empty element after a final separator removed)."""
    line: int
    columns: tuple[int, ...]
    """1-based column of each field of ``values``."""
    trailing_separator: bool


# --- problems ---------------------------------------------------------------------------------


def _problem(dialect: Dialect, kind: str, fd: FieldDef, column: int | None, **ctx: Any) -> Problem:
    base: dict[str, Any] = {"record": fd.record, "field": fd.shown}
    if kind in {"class", "wrong_class"} and dialect.meanings:
        official = fd.source_class or fd.cls
        base.update(data_class=official, meaning=dialect.meanings.get(official, fd.cls))
    if kind == "not_representable":
        base.update(length=fd.length, decimals=fd.decimals or 0)
    return Problem(kind, dialect.code(kind, fd), fd, column, {**base, **ctx})


def _first_mismatch(raw: str, pattern: re.Pattern[str]) -> int:
    for offset, char in enumerate(raw):
        if not pattern.fullmatch(char):
            return offset
    return 0


# --- parsing ----------------------------------------------------------------------------------

_Parsed = tuple[Value, list[Problem]]


def _parse_text(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    pattern = _PATTERNS.get(fd.cls, _PATTERNS["text"])
    kept = raw.rstrip() if dialect.fixed else None
    if not pattern.fullmatch(raw):
        offset = _first_mismatch(raw, pattern)
        return kept, [_problem(dialect, "class", fd, start + offset, value=raw)]
    if fd.cls == "digits" and (not raw or (dialect.fixed and len(raw) != fd.length)):
        return (raw if dialect.fixed else None), [_problem(dialect, "class", fd, start, value=raw)]
    if dialect.fixed and raw.startswith(" "):
        problem = _problem(dialect, "justified", fd, start, value=raw, side="left")
        return raw.strip(), [problem]
    value = raw.rstrip() if dialect.fixed else raw
    if fd.values and value not in fd.values:
        allowed = ", ".join(fd.values)
        return value, [_problem(dialect, "not_allowed", fd, start, value=value, allowed=allowed)]
    return value, []


def _parse_fixed_number(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    places = fd.decimals or 0
    if _RIGHT_JUSTIFIED.fullmatch(raw):
        return Decimal(int(raw)).scaleb(-places), []
    stripped = raw.rstrip()
    if _RIGHT_JUSTIFIED.fullmatch(stripped):
        column = start + len(stripped)
        problem = _problem(dialect, "justified", fd, column, value=raw, side="right")
        return Decimal(int(stripped)).scaleb(-places), [problem]
    offset = _first_mismatch(raw, re.compile(r"[0-9 ]"))
    return None, [_problem(dialect, "class", fd, start + offset, value=raw)]


def _parse_pointed_number(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    pattern = _DIGITS if fd.cls == "integer" else _POINTED
    if not pattern.fullmatch(raw):
        return None, [_problem(dialect, "class", fd, start, value=raw)]
    value = Decimal(raw)
    found = len(raw.partition(".")[2])
    if fd.decimals is not None and found > fd.decimals:
        problem = _problem(dialect, "decimals", fd, start, found=found, allowed=fd.decimals)
        return value, [problem]
    return value, []


def _parse_number(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    if dialect.fixed:
        return _parse_fixed_number(dialect, fd, raw, start)
    return _parse_pointed_number(dialect, fd, raw, start)


def _date_of(date_format: str, raw: str) -> dt.date:
    """The date of a field's digits; ValueError when they are not one."""
    if date_format == "MMDDYY":
        return dt.date(2000 + int(raw[4:6]), int(raw[0:2]), int(raw[2:4]))
    return dt.date(int(raw[4:8]), int(raw[2:4]), int(raw[0:2]))


def _parse_date(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    try:
        if not _DIGITS.fullmatch(raw) or len(raw) != len(fd.date_format):
            raise ValueError(raw)
        return _date_of(fd.date_format, raw), []
    except ValueError:
        return None, [_problem(dialect, "date", fd, start, value=raw)]


def _parse_filler(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> _Parsed:
    stripped = raw.lstrip(" ")
    if not stripped:
        return None, []
    column = start + len(raw) - len(stripped)
    return None, [_problem(dialect, "filler", fd, column, value=raw.strip())]


_PARSERS: Mapping[str, Callable[[Dialect, FieldDef, str, int], _Parsed]] = {
    "filler": _parse_filler,
    "integer": _parse_number,
    "decimal": _parse_number,
    "date": _parse_date,
}


def _too_long(dialect: Dialect, fd: FieldDef, raw: str, start: int) -> list[Problem]:
    if dialect.fixed or len(raw) <= fd.length:
        return []
    return [_problem(dialect, "too_long", fd, start, found=len(raw), allowed=fd.length)]


def parse_field(
    dialect: Dialect, fd: FieldDef, raw: str, column: int | None = None
) -> tuple[Value, list[Problem]]:
    """The value of one field's characters, with the problems found.

    ``column`` is where the field starts in its line (a fixed-width field's ``start`` when
    not given).
    """
    start = fd.start if column is None else column
    if fd.is_filler:
        return _parse_filler(dialect, fd, raw, start)
    empty = not raw.strip() if dialect.fixed else raw == ""
    if empty:
        return None, [_problem(dialect, "missing", fd, start)] if fd.required else []
    parser = _PARSERS.get(fd.cls, _parse_text)
    value, problems = parser(dialect, fd, raw, start)
    if not any(p.kind in {"class", "date"} for p in problems):
        overlong = _too_long(dialect, fd, raw, start)
        problems.extend(overlong)
        if overlong and fd.cls in _COUNTED_CLASSES:
            value = None  # a number longer than its field is refused, not carried on
    return value, problems


def split(dialect: Dialect, text: str, line: int) -> Split:
    """Split one delimited line (without its line break) into its key and fields."""
    parts = text.split(dialect.separator)
    columns: list[int] = []
    position = len(parts[0]) + 2
    for part in parts[1:]:
        columns.append(position)
        position += len(part) + 1
    trailing = len(parts) > 1 and text.endswith(dialect.separator)
    values = parts[1:-1] if trailing else parts[1:]
    return Split(
        code=parts[0].strip(),
        values=tuple(values),
        line=line,
        columns=tuple(columns[: len(values)]),
        trailing_separator=trailing,
    )


def _parse_fixed(dialect: Dialect, definition: RecordDef, text: str, line: int) -> ParsedRecord:
    padded = text.ljust(dialect.record_length)
    parsed = ParsedRecord(definition.record_id, line, text)
    for fd in definition.fields:
        if fd.is_control:
            continue
        value, problems = parse_field(dialect, fd, fd.slice(padded))
        parsed.problems.extend(problems)
        if not fd.is_filler:
            parsed.values[fd.name] = value
    return parsed


def _parse_delimited(dialect: Dialect, definition: RecordDef, text: str, line: int) -> ParsedRecord:
    parts = split(dialect, text, line)
    parsed = ParsedRecord(definition.record_id, line, text)
    for fd, raw, column in zip(definition.data_fields, parts.values, parts.columns, strict=False):
        value, problems = parse_field(dialect, fd, raw, column)
        parsed.problems.extend(problems)
        parsed.values[fd.name] = value
    return parsed


def parse_record(dialect: Dialect, definition: RecordDef, text: str, line: int) -> ParsedRecord:
    """Parse one record text (a fixed-width text shorter than the record is read as padded).

    A delimited record is read field by field as far as both the layout and the line go; the
    format checks the number of fields.
    """
    if dialect.fixed:
        return _parse_fixed(dialect, definition, text, line)
    return _parse_delimited(dialect, definition, text, line)


# --- formatting -------------------------------------------------------------------------------

_Formatted = tuple[str, list[Problem]]


def _blank(dialect: Dialect, fd: FieldDef) -> str:
    return " " * fd.length if dialect.fixed else ""


def _not_encodable(dialect: Dialect, value: str) -> str | None:
    """The first character of ``value`` the dialect's encoding cannot hold, if any."""
    if dialect.encoding is None or value.isascii():
        return None
    try:
        value.encode(dialect.encoding)
    except UnicodeEncodeError as error:
        return value[error.start]
    return None


def _refuse(dialect: Dialect, fd: FieldDef, kind: str, **ctx: Any) -> _Formatted:
    return _blank(dialect, fd), [_problem(dialect, kind, fd, None, **ctx)]


def _format_number(dialect: Dialect, fd: FieldDef, number: Decimal) -> _Formatted:
    shown = format(number, "f")
    if not number.is_finite() or number < 0:
        return _refuse(dialect, fd, "not_representable", value=shown, reason="negative")
    if dialect.fixed:
        return _format_implied(dialect, fd, number, shown)
    return _format_pointed(dialect, fd, number, shown)


def _format_implied(dialect: Dialect, fd: FieldDef, number: Decimal, shown: str) -> _Formatted:
    places = fd.decimals or 0
    scaled = number.scaleb(places)
    whole = scaled.to_integral_value(rounding=ROUND_HALF_UP)
    digits = str(int(whole))
    if len(digits) > fd.length:
        return _refuse(dialect, fd, "not_representable", value=shown, reason="digits")
    problems: list[Problem] = []
    if whole != scaled:
        written = format(whole.scaleb(-places), "f")
        problems.append(
            _problem(dialect, "rounded", fd, None, value=shown, written=written, decimals=places)
        )
    return digits.rjust(fd.length), problems


def _format_pointed(dialect: Dialect, fd: FieldDef, number: Decimal, shown: str) -> _Formatted:
    if fd.cls == "integer" and number != number.to_integral_value():
        return _refuse(dialect, fd, "not_representable", value=shown, reason="integer")
    if fd.cls == "integer":
        shown = str(int(number)) if shown.partition(".")[2].strip("0") == "" else shown
    problems: list[Problem] = []
    found = len(shown.partition(".")[2])
    if fd.decimals is not None and found > fd.decimals:
        problems.append(_problem(dialect, "decimals", fd, None, found=found, allowed=fd.decimals))
    return shown, problems


def _format_date(dialect: Dialect, fd: FieldDef, value: dt.date) -> _Formatted:
    first, last = _DATE_YEARS[fd.date_format]
    if not first <= value.year <= last:
        return _refuse(dialect, fd, "not_representable", value=value.isoformat(), reason="year")
    if fd.date_format == "DDMMYYYY":
        return f"{value.day:02d}{value.month:02d}{value.year:04d}", []
    return f"{value.month:02d}{value.day:02d}{value.year % 100:02d}", []


def _format_text(dialect: Dialect, fd: FieldDef, value: str) -> _Formatted:
    problems: list[Problem] = []
    separator = dialect.separator
    if separator and (separator in value or "\r" in value or "\n" in value):
        problems.append(_problem(dialect, "separator", fd, None, value=value))
        value = value.replace(dialect.separator, " ").replace("\r", " ").replace("\n", " ")
    refusal = _text_refusal(dialect, fd, value)
    if refusal is not None:
        return _refuse(dialect, fd, refusal[0], **refusal[1])
    return _plain_text(dialect, fd, value), problems


def _text_refusal(dialect: Dialect, fd: FieldDef, value: str) -> tuple[str, dict[str, Any]] | None:
    """Why ``fd`` refuses the text ``value`` (its separators replaced): a kind and its context.

    None when the field holds it.
    """
    if len(value) > fd.length:
        return "overlong", {"value": value, "length": fd.length, "found": len(value)}
    pattern = _PATTERNS.get(fd.cls, _PATTERNS["text"])
    if not pattern.fullmatch(value):
        return "wrong_class", {"value": value}
    unencodable = _not_encodable(dialect, value)
    if unencodable is not None:
        return "not_encodable", {
            "value": value,
            "character": unencodable,
            "encoding": dialect.encoding,
        }
    if fd.values and value not in fd.values:
        return "not_allowed", {"value": value, "allowed": ", ".join(fd.values)}
    return None


def _plain_text(dialect: Dialect, fd: FieldDef, value: str) -> str:
    """The text of a field holding ``value``, a text that fits it."""
    if not dialect.fixed:
        return value
    if fd.cls == "digits":
        return value.rjust(fd.length, "0")
    return value.ljust(fd.length)


def _format_numeric(dialect: Dialect, fd: FieldDef, number: Decimal) -> _Formatted:
    if fd.cls in _NUMBER_CLASSES:
        return _format_number(dialect, fd, number)
    whole = number.is_finite() and number >= 0 and number == number.to_integral_value()
    if fd.cls != "digits" or not whole:
        return _refuse(dialect, fd, "wrong_class", value=format(number, "f"))
    return _format_text(dialect, fd, str(int(number)))


def _formatted(dialect: Dialect, fd: FieldDef, value: Value) -> _Formatted:
    if isinstance(value, dt.date):
        if fd.cls != "date":
            return _refuse(dialect, fd, "wrong_class", value=value.isoformat())
        return _format_date(dialect, fd, value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return _format_numeric(dialect, fd, Decimal(value))
    if fd.cls not in _TEXT_CLASSES:
        return _refuse(dialect, fd, "wrong_class", value=str(value))
    return _format_text(dialect, fd, str(value))


def format_field(dialect: Dialect, fd: FieldDef, value: Value) -> tuple[str, list[Problem]]:
    """The text of one field holding ``value``, with the problems of writing it.

    A value that does not fit the field's class or length is refused: the field is left empty
    (spaces in fixed width) and the problem says why. A fixed-width number with more decimals
    than the field implies is rounded, and said so.
    """
    if fd.is_control:
        return (fd.record.ljust(fd.length) if dialect.fixed else fd.record), []
    if fd.is_filler or value is None or value == "":
        needed = fd.required and not fd.is_filler
        return _blank(dialect, fd), [_problem(dialect, "unset", fd, None)] if needed else []
    return _formatted(dialect, fd, value)


def format_record(
    dialect: Dialect, definition: RecordDef, values: Mapping[str, Value]
) -> tuple[str, list[Problem]]:
    """One record holding ``values`` (by field name); fillers are spaces.

    A delimited record is its key, its fields and a final separator. (Field by field what
    :func:`format_field` gives, with the empty fields, the most of a record, taken first.)
    """
    problems: list[Problem] = []
    if dialect.fixed:
        plan = definition.fixed_plan
        parts: list[str] = []
    else:
        plan = definition.delimited_plan
        parts = [definition.record_id]
    for fd, blank in plan:
        if fd.cls == "filler" or fd.name == "control":
            parts.append(blank)
            continue
        value = values.get(fd.name)
        if value is None or (type(value) is not Decimal and value == ""):  # (no Decimal is "")
            if fd.required:
                problems.append(_problem(dialect, "unset", fd, None))
            parts.append(blank)
            continue
        pattern = _PATTERNS.get(fd.cls)
        if type(value) is str and pattern is not None and _text_fits(dialect, fd, pattern, value):
            parts.append(_plain_text(dialect, fd, value))  # most values: written here
            continue
        text, found = _formatted(dialect, fd, value)
        problems.extend(found)
        parts.append(text)
    if dialect.fixed:
        return "".join(parts), problems
    return dialect.separator.join(parts) + dialect.separator, problems


def _text_fits(dialect: Dialect, fd: FieldDef, pattern: re.Pattern[str], value: str) -> bool:
    separator = dialect.separator
    return (
        len(value) <= fd.length
        and (not fd.values or value in fd.values)
        and (dialect.encoding is None or value.isascii())
        and not (separator and (separator in value or "\r" in value or "\n" in value))
        and pattern.fullmatch(value) is not None
    )


def _implied_fits(fd: FieldDef, value: Decimal) -> bool:
    """Written unrounded in the digits the field has (zero is left to the formatter)."""
    if fd.cls not in _NUMBER_CLASSES or not value or not value.is_finite() or value < 0:
        return False
    places = fd.decimals or 0
    exponent = value.as_tuple().exponent
    return (
        isinstance(exponent, int) and exponent >= -places and value.adjusted() + places < fd.length
    )


def _pointed_fits(fd: FieldDef, value: Decimal) -> bool:
    if not value.is_finite() or value < 0:
        return False
    if fd.cls == "integer":
        return value == value.to_integral_value() and (fd.decimals is None or fd.decimals >= 0)
    found = len(format(value, "f").partition(".")[2])
    return fd.cls == "decimal" and (fd.decimals is None or found <= fd.decimals)


def _fits(dialect: Dialect, fd: FieldDef, value: Value) -> bool:
    """True when formatting ``value`` in ``fd`` finds no problem (a quick test: False is "maybe").

    Delimited numbers and dates are tested here; anything else is left to the formatter.
    """
    if isinstance(value, Decimal):
        if dialect.fixed:
            return _implied_fits(fd, value)
        return _pointed_fits(fd, value)
    if isinstance(value, dt.date) and type(value) is dt.date and fd.cls == "date":
        first, last = _DATE_YEARS[fd.date_format]
        return first <= value.year <= last
    return False


def record_problems(
    dialect: Dialect,
    definition: RecordDef,
    values: Mapping[str, Value],
    keep: Callable[[str, str], bool] | None = None,
    codes: frozenset[str] | None = None,
) -> list[Problem]:
    """The problems :func:`format_record` finds in ``values``, in its order; nothing written.

    Given ``keep``, only the problems it accepts by their issue code and their field's name
    (a check asks for those that block filing and that its report lacks), asked once for
    each problem found, in order: a problem it refuses is not made, and a fixed-width number
    that would only be rounded is not formatted when its rounding is refused. Given
    ``codes``, only the problems of those issue codes (``keep`` is not asked about the
    others): a check that wants only what blocks need not look for what would only warn.
    """
    problems: list[Problem] = []
    get = values.get
    for name, fd, unset, fits, bounds, years, pointed in _check_plan(dialect, definition, codes):
        value = get(name)
        if value is None or (type(value) is not Decimal and value == ""):  # (no Decimal is "")
            if unset is not None and (keep is None or keep(unset, name)):
                problems.append(_problem(dialect, "unset", fd, None))
            continue
        if type(value) is str:
            if fits is not None and fits(value) is not None:  # most values: a text that fits
                continue
        elif type(value) is Decimal:
            if bounds is not None and _within(value, bounds):
                continue
            if pointed is not None and _pointed_within(value, pointed):
                continue
        elif type(value) is dt.date and years is not None and years[0] <= value.year <= years[1]:
            continue
        problems.extend(_value_problems(dialect, fd, value, keep, codes))
    return problems


def _pointed_within(value: Decimal, whole: bool) -> bool:
    """True when a delimited number field holds ``value`` without a problem that is asked for.

    For a field whose decimals are not asked about: a finite number not below zero, whole
    when the field is of integers (``whole``).
    """
    if not value.is_finite() or value < 0:
        return False
    return not whole or value == value.to_integral_value()


_CheckStep = tuple[
    str,
    FieldDef,
    str | None,
    Callable[[str], Any] | None,
    tuple[int, int, int | None] | None,
    Any,
    bool | None,
]
"""Per data field, what :func:`record_problems` tests: its name, its definition, the issue
code of leaving it empty (None when it may be, or when that code is not asked for), the full
match of the texts it holds as they are (None for a field not of text), for a fixed-width
number the bounds of :func:`_within`, for a date the first and last years it holds, and for
a delimited number whose decimals are not asked about whether it is of integers (see
:func:`_pointed_within`; None otherwise)."""


def _check_plan(
    dialect: Dialect, definition: RecordDef, codes: frozenset[str] | None
) -> tuple[_CheckStep, ...]:
    """The steps of :func:`record_problems` for ``definition`` in ``dialect``, made once."""
    kept = definition.check_plans.get(codes)
    if kept is None or kept[0] is not dialect:  # a definition is written in one dialect
        steps = tuple(_check_step(dialect, fd, codes) for fd in definition.data_fields)
        kept = definition.check_plans[codes] = (dialect, steps)
    return kept[1]


def _check_step(dialect: Dialect, fd: FieldDef, codes: frozenset[str] | None) -> _CheckStep:
    """What :func:`record_problems` tests of one field (see :data:`_CheckStep`)."""
    unset = dialect.code("unset", fd) if fd.required else None
    if codes is not None and unset not in codes:
        unset = None
    pattern = _fitting_text(dialect, fd)
    bounds = None
    if dialect.fixed and fd.cls in _NUMBER_CLASSES and fd.length > 0:
        places = fd.decimals or 0
        rounding = codes is None or dialect.code("rounded", fd) in codes
        bounds = (places, fd.length - places, None if rounding else fd.length - 1 - places)
    years = _DATE_YEARS[fd.date_format] if fd.cls == "date" else None
    pointed = None
    if not dialect.fixed and fd.cls in _NUMBER_CLASSES and _unasked(dialect, fd, "decimals", codes):
        pointed = fd.cls == "integer"
    fits = None if pattern is None else pattern.fullmatch
    return fd.name, fd, unset, fits, bounds, years, pointed


def _unasked(dialect: Dialect, fd: FieldDef, kind: str, codes: frozenset[str] | None) -> bool:
    """True when the problems of ``kind`` in ``fd`` are not among the ``codes`` asked for."""
    return codes is not None and dialect.code(kind, fd) not in codes


_NOTHING = re.compile(r"(?!)")
"""A pattern nothing matches."""


def _fitting_text(dialect: Dialect, fd: FieldDef) -> re.Pattern[str] | None:
    """A pattern whose full matches are texts ``fd`` holds as they are (None: not of text).

    Its class's characters (those the dialect's encoding holds, one byte each, when it has
    one), without the separator, carriage return and line feed of a delimited dialect, up to
    the field's length; or one of the field's codes that fits it.
    """
    if fd.cls not in _TEXT_CLASSES:
        return None
    pattern = _PATTERNS[fd.cls]
    if fd.values:
        fitting = [v for v in fd.values if _text_fits(dialect, fd, pattern, v)]
        return re.compile("|".join(map(re.escape, fitting))) if fitting else _NOTHING
    excluded = {*dialect.separator, "\r", "\n"} if dialect.separator else set()
    if fd.cls == "text" and dialect.encoding is None:
        body = f"[^{''.join(map(re.escape, sorted(excluded)))}]" if excluded else "."
    else:
        held = _encoded_characters(dialect.encoding)
        chars = [c for c in held if pattern.fullmatch(c) and c not in excluded]
        if not chars:
            return _NOTHING
        body = f"[{''.join(map(re.escape, chars))}]"
    return re.compile(f"{body}{{0,{fd.length}}}", re.DOTALL)


def _encoded_characters(encoding: str | None) -> list[str]:
    """ASCII, and the characters ``encoding`` writes in one byte of 128 to 255.

    (Enough for a pattern of what fits: any other character is left to the formatter.)
    """
    held = [chr(c) for c in range(128)]
    if encoding is not None:
        for char in bytes(range(128, 256)).decode(encoding, errors="ignore"):
            try:
                char.encode(encoding)
            except UnicodeEncodeError:
                continue
            held.append(char)
    return held


def _within(value: Decimal, bounds: tuple[int, int, int | None]) -> bool:
    """True when a fixed-width number field written with ``value`` finds no problem asked for.

    ``bounds``: the field's implied decimals; the bound of ``adjusted()`` of a number it
    holds unrounded; when the rounding is not asked for, the bound of one it holds whatever
    a rounding adds (None when it is). Zero always fits; False is "maybe".
    """
    if not value.is_finite() or value < 0:
        return False
    if not value:
        return True
    places, digits, rounded = bounds
    adjusted = value.adjusted()
    if rounded is not None and adjusted < rounded:
        return True
    exponent = value.as_tuple().exponent
    return adjusted < digits and isinstance(exponent, int) and exponent >= -places


def _among(
    codes: frozenset[str], keep: Callable[[str, str], bool] | None
) -> Callable[[str, str], bool]:
    """``keep`` asked only about the problems of ``codes`` (those of other codes refused)."""
    if keep is None:
        return lambda code, name: code in codes
    asked = keep
    return lambda code, name: code in codes and asked(code, name)


def _value_problems(
    dialect: Dialect,
    fd: FieldDef,
    value: Value,
    keep: Callable[[str, str], bool] | None,
    codes: frozenset[str] | None,
) -> list[Problem]:
    """The problems of ``value`` (given) in ``fd`` that ``keep`` accepts among ``codes``."""
    if codes is not None:
        keep = _among(codes, keep)
    if type(value) is str and fd.cls in _TEXT_CLASSES:
        if keep is None:
            return _format_text(dialect, fd, value)[1]
        return _kept_text(dialect, fd, value, keep)
    if _fits(dialect, fd, value):
        return []
    if keep is not None and dialect.fixed and type(value) is Decimal and fd.cls in _NUMBER_CLASSES:
        return _kept_implied(dialect, fd, value, keep)
    found = _formatted(dialect, fd, value)[1]
    return found if keep is None else [p for p in found if keep(p.code, fd.name)]


def _kept_text(
    dialect: Dialect, fd: FieldDef, value: str, keep: Callable[[str, str], bool]
) -> list[Problem]:
    """The problems of :func:`_format_text` that ``keep`` accepts, each made once accepted."""
    separator = dialect.separator
    given = value
    replaced = bool(separator) and (separator in value or "\r" in value or "\n" in value)
    if replaced:
        value = value.replace(separator, " ").replace("\r", " ").replace("\n", " ")
    refusal = _text_refusal(dialect, fd, value)
    if refusal is not None:
        kind, ctx = refusal
    elif replaced:
        kind, ctx = "separator", {"value": given}
    else:
        return []
    if not keep(dialect.code(kind, fd), fd.name):
        return []
    return [_problem(dialect, kind, fd, None, **ctx)]


def _kept_implied(
    dialect: Dialect, fd: FieldDef, number: Decimal, keep: Callable[[str, str], bool]
) -> list[Problem]:
    """The problems of ``number`` in a fixed-width number field that ``keep`` accepts.

    A number that is written is formatted only when it is rounded and the rounding is kept.
    """
    rounded = _implied_rounding(fd, number)
    if rounded is None:  # refused: the formatter's problem
        return [p for p in _formatted(dialect, fd, number)[1] if keep(p.code, fd.name)]
    if rounded and keep(dialect.code("rounded", fd), fd.name):
        return _formatted(dialect, fd, number)[1]  # its one problem: the rounding
    return []


def _implied_rounding(fd: FieldDef, number: Decimal) -> bool | None:
    """Whether :func:`_format_number` rounds ``number`` written in ``fd`` (fixed width).

    None when it refuses it (as :func:`_format_implied` tests).
    """
    if not number.is_finite() or number < 0:
        return None
    scaled = number.scaleb(fd.decimals or 0)
    whole = scaled.to_integral_value(rounding=ROUND_HALF_UP)
    if len(str(int(whole))) > fd.length:
        return None
    return whole != scaled

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
module loads them into the field definitions of :mod:`harmonized_customs.records`, the record
engine that parses and formats them (the ``cls`` of a field is the engine's class, its
``source_class`` CATAIR's); :mod:`harmonized_customs.countries.us.abi_read` builds
declarations from records and :mod:`harmonized_customs.countries.us.abi_write` writes them.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from harmonized_customs import records
from harmonized_customs.countries.us.sniff import RECORD_LENGTH
from harmonized_customs.records import Dialect, FieldDef, ParsedRecord, Problem, RecordDef, Value

__all__ = [
    "CLASS_MEANINGS",
    "DIALECT",
    "RECORD_LENGTH",
    "Edition",
    "FieldDef",
    "ParsedRecord",
    "Problem",
    "RecordDef",
    "Value",
    "compiled_record",
    "compiled_record_back",
    "edition_names",
    "field_def",
    "format_field",
    "format_record",
    "load_edition",
    "parse_field",
    "parse_record",
    "parse_values",
    "record_problems",
]


CLASS_MEANINGS: Mapping[str, str] = {
    "S": "spaces",
    "A": "letters A-Z",
    "AN": "letters A-Z, digits, spaces",
    "X": "printable characters",
    "N": "digits",
    "SN": "digits right-justified",
    "D": "date MMDDYY",
}
"""CATAIR's data classes and what each allows."""

ENGINE_CLASSES: Mapping[str, str] = {
    "S": "filler",
    "A": "alpha",
    "AN": "alphanumeric",
    "X": "printable",
    "N": "digits",
    "SN": "decimal",
    "D": "date",
}
"""CATAIR's data classes as classes of the record engine."""

DIALECT = Dialect(
    name="ABI CATAIR",
    record_length=RECORD_LENGTH,
    meanings=CLASS_MEANINGS,
    codes={
        "class": "us_abi_field_class",
        "justified": "us_abi_field_not_justified",
        "not_allowed": "us_abi_code_not_allowed",
        "date": "us_abi_date_invalid",
        "filler": "us_abi_data_in_filler",
        "missing": "us_abi_field_missing",
        "unset": "us_abi_value_missing",
        "wrong_class": "us_abi_field_class",
        "overlong": "us_abi_value_too_long",
        "not_representable": "us_abi_value_not_representable",
        "rounded": "us_abi_value_rounded",
    },
)
"""ABI records: 80 columns, and the issue code of each problem the engine finds."""


def field_def(
    record: str,
    name: str,
    start: int,
    length: int,
    cls: str,
    *,
    decimals: int = 0,
    designation: str = "C",
    values: tuple[str, ...] = (),
    table: str | None = None,
    note: str = "",
) -> FieldDef:
    """The engine's definition of a CATAIR field (``cls`` is CATAIR's class: SN, AN...)."""
    return FieldDef(
        record=record,
        name=name,
        cls=ENGINE_CLASSES[cls],
        length=length,
        start=start,
        decimals=decimals,
        required=designation == "M",
        values=values,
        date_format="MMDDYY" if cls == "D" else "",
        source_class=cls,
        designation=designation,
        table=table,
        note=note,
    )


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

    @functools.cached_property
    def _places(self) -> Mapping[str, tuple[str, int]]:
        """Record id -> its group and its rank in the group (the first group naming it)."""
        places: dict[str, tuple[str, int]] = {}
        for group, ids in self.order.items():
            for record_id in ids:
                places.setdefault(record_id, (group, ids.index(record_id)))
        return places

    def group_of(self, record_id: str) -> str | None:
        """``header``, ``line``, ``tariff`` or ``totals``: where a record belongs."""
        place = self._places.get(record_id)
        return None if place is None else place[0]

    def rank(self, record_id: str) -> int:
        """Position of the record in its group's mandated order (unknown records last)."""
        place = self._places.get(record_id)
        return 1_000 if place is None else place[1]


# --- loading the definitions ------------------------------------------------------------------


def _data_text(name: str) -> str:
    return (
        resources.files("harmonized_customs.countries.us")
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
    return field_def(
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


# --- parsing and formatting, by the record engine --------------------------------------------


def parse_field(fd: FieldDef, raw: str) -> tuple[Value, list[Problem]]:
    """The value of one field's characters, with the problems found."""
    return records.parse_field(DIALECT, fd, raw)


def parse_record(definition: RecordDef, text: str, line: int) -> ParsedRecord:
    """Parse an 80-character record text (shorter texts are read as if padded)."""
    return records.parse_record(DIALECT, definition, text, line)


def parse_values(definition: RecordDef, text: str) -> dict[str, Value]:
    """The values :func:`parse_record` gives, in its order, without looking for problems.

    A blank field is empty (None) whatever its class, so only the filled ones are parsed.
    """
    padded = text.ljust(DIALECT.record_length)
    values: dict[str, Value] = {}
    for fd in definition.data_fields:
        begin = fd.start - 1
        raw = padded[begin : begin + fd.length]
        values[fd.name] = records.parse_field(DIALECT, fd, raw)[0] if raw.strip() else None
    return values


def format_field(fd: FieldDef, value: Value) -> tuple[str, list[Problem]]:
    """The characters of one field holding ``value``; a value that does not fit is refused."""
    return records.format_field(DIALECT, fd, value)


def format_record(definition: RecordDef, values: Mapping[str, Value]) -> tuple[str, list[Problem]]:
    """An 80-character record holding ``values`` (by field name); fillers are spaces.

    Written by the record's compiled formatter (:func:`compiled_record`), which gives what the
    record engine gives.
    """
    return compiled_record(definition)(values)


def record_problems(definition: RecordDef, values: Mapping[str, Value]) -> list[Problem]:
    """The problems of writing ``values`` in a record (as :func:`format_record`), none written."""
    return records.record_problems(DIALECT, definition, values)


# --- a formatter compiled once per record definition ------------------------------------------

_RIGHT_JUSTIFIED = re.compile(r" *[0-9]+")
"""The text of a number in a fixed-width field: digits after leading spaces."""

RecordFormatter = Callable[[Mapping[str, Value]], tuple[str, list[Problem]]]
"""Values by field name -> the record's text and the problems of writing it."""

_FieldStep = tuple[int, str, FieldDef, bool, Any, int, tuple[str, ...], str, int, Any, str]
"""Per data field: its part's index, name, definition, whether required, text pattern (or
None), length, allowed values, engine class, implied decimals, the problem of leaving it
empty (None when it may be; a problem holds no state: one serves every record) and the
issue code of a number rounded."""

RecordBackFormatter = Callable[
    [Mapping[str, Value]], tuple[str, list[Problem], dict[str, Value] | None]
]
"""Values by field name -> the record's text, its problems and the values the reader gives
back from that text (None when a field was written by the engine's general path)."""

_COMPILED: dict[int, tuple[RecordDef, RecordFormatter, RecordBackFormatter]] = {}
"""Formatters by the identity of their definition (kept with it, so the identity stays its)."""


def compiled_record(definition: RecordDef) -> RecordFormatter:
    """A formatter giving what :func:`harmonized_customs.records.format_record` gives.

    Made once per record definition: the blank record cut in parts, and for each data field
    what its common values need (a text that fits its class, a number written in its digits
    without rounding, a date of the years the field holds) so that they are written without
    the engine's general path; any other value is given to the engine's field formatter.
    """
    return _compiled(definition)[1]


def compiled_record_back(definition: RecordDef) -> RecordBackFormatter:
    """:func:`compiled_record`, also giving the values the ABI reader reads from the text.

    The values are those :func:`~harmonized_customs.countries.us.abi_read.read_back_records`
    takes from the record (every data field, in order, None when blank), known from the
    values written: a text not starting with a space is read without its trailing spaces,
    a code of digits as the field's zero-filled digits, a number as its digits over the
    implied decimals, a date as itself; of a field written by the engine's general path, a
    value refused as blank and a number rounded as its digits. None instead when a field
    holds a text starting with a space or any other text of the engine (a value of an
    uncommon type): the record's text must then be read.
    """
    return _compiled(definition)[2]


def _compiled(definition: RecordDef) -> tuple[RecordDef, RecordFormatter, RecordBackFormatter]:
    """The formatters of a definition, made at its first use."""
    kept = _COMPILED.get(id(definition))
    if kept is None or kept[0] is not definition:
        blanks, steps = _compile(definition)
        kept = _COMPILED[id(definition)] = (
            definition,
            functools.partial(_format_compiled, blanks, steps),
            functools.partial(_format_back, blanks, steps, tuple(step[1] for step in steps)),
        )
    return kept


def _compile(definition: RecordDef) -> tuple[tuple[str, ...], tuple[_FieldStep, ...]]:
    """The blank parts and the field steps of :func:`compiled_record` for one definition."""
    blanks: list[str] = []
    steps: list[_FieldStep] = []
    patterns = {fd.name: pattern for fd, pattern in definition.check_plan}
    for index, (fd, blank) in enumerate(definition.fixed_plan):
        blanks.append(blank)
        if fd.cls == "filler" or fd.name == "control":
            continue
        cls = fd.cls if fd.cls != "date" or fd.date_format == "MMDDYY" else "other date"
        step = (index, fd.name, fd, fd.required, patterns[fd.name], fd.length)
        unset = records.format_field(DIALECT, fd, None)[1] if fd.required else [None]
        rounded = DIALECT.code("rounded", fd)
        steps.append((*step, fd.values, cls, fd.decimals or 0, unset[0], rounded))
    return tuple(blanks), tuple(steps)


def _format_compiled(
    blanks: tuple[str, ...], steps: tuple[_FieldStep, ...], values: Mapping[str, Value]
) -> tuple[str, list[Problem]]:
    """The record of ``values`` by the parts and steps :func:`_compile` made."""
    text, problems, _ = _format_back(blanks, steps, (), values)
    return text, problems


def _format_back(
    blanks: tuple[str, ...],
    steps: tuple[_FieldStep, ...],
    names: tuple[str, ...],
    values: Mapping[str, Value],
) -> tuple[str, list[Problem], dict[str, Value] | None]:
    """:func:`_format_compiled`, with the values read back (see :func:`compiled_record_back`).

    ``names`` are the fields of ``steps``, in order (each read back as None until written).
    """
    parts = list(blanks)
    problems: list[Problem] = []
    back: dict[str, Value] | None = dict.fromkeys(names)
    get = values.get
    for step in steps:
        value = get(step[1])
        if value is None or (type(value) is not Decimal and value == ""):  # (no Decimal is "")
            if step[3]:
                problems.append(step[9])
            continue  # read back as None
        if type(value) is str and _text_fits(value, step):  # most values: written here
            length = step[5]
            text = value.rjust(length, "0") if step[7] == "digits" else value.ljust(length)
            parts[step[0]] = text
            if back is not None:
                back = _read_as(back, value, text, step)
            continue
        common = _common_text(value, step)
        if common is None and type(value) is Decimal and step[7] == "decimal":
            common = _rounded_text(value, step, problems)
        if common is None:
            common, found = records.format_field(DIALECT, step[2], value)
            problems.extend(found)
            if back is not None:
                back = _read_engine_text(back, common, step)
        elif back is not None:
            back = _read_as(back, value, common, step)
        parts[step[0]] = common
    return "".join(parts), problems, back


def _read_as(
    back: dict[str, Value], value: Value, text: str, step: _FieldStep
) -> dict[str, Value] | None:
    """``back`` with the value the reader gives for ``text``, the field of ``step`` holding it.

    ``text`` is what :func:`_common_text` wrote of ``value``. None when that is not known
    without reading (a text starting with a space).
    """
    name, cls, places = step[1], step[7], step[8]
    if type(value) is str:
        if cls == "digits":
            back[name] = text
        elif value[0] == " ":
            return None
        else:
            back[name] = value.rstrip()
    elif type(value) is Decimal:
        back[name] = Decimal(int(text)).scaleb(-places)
    else:
        back[name] = value
    return back


def _read_engine_text(
    back: dict[str, Value], text: str, step: _FieldStep
) -> dict[str, Value] | None:
    """``back`` with the value the reader gives for ``text``, written by the record engine.

    A value refused is left blank (read as None), a number rounded is written in its digits
    right-justified (read over its implied decimals); None for any other text (to be read).
    """
    name = step[1]
    if text.isspace():
        back[name] = None
    elif step[7] == "decimal" and _RIGHT_JUSTIFIED.fullmatch(text):
        back[name] = Decimal(int(text)).scaleb(-step[8])
    else:
        return None
    return back


def _common_text(value: Value, step: _FieldStep) -> str | None:
    """The text of a field holding a common value that fits it without a problem, else None.

    A text of the field's class and length (and among its codes), a positive number written
    unrounded in its digits, a date of the years 2000-2099 (MMDDYY).
    """
    length, cls, places = step[5], step[7], step[8]
    if type(value) is str:
        if _text_fits(value, step):
            return value.rjust(length, "0") if cls == "digits" else value.ljust(length)
        return None
    if type(value) is Decimal:
        if cls != "decimal":
            return None
        digits = _implied_digits(value, places, length)
        return None if digits is None else digits.rjust(length)
    if type(value) is dt.date and cls == "date" and 2000 <= value.year <= 2099:
        return f"{value.month:02d}{value.day:02d}{value.year % 100:02d}"
    return None


def _rounded_text(value: Decimal, step: _FieldStep, problems: list[Problem]) -> str | None:
    """The text of a positive number rounded to the field's implied decimals, else None.

    The problem saying so is added to ``problems``, as the engine makes it.
    """
    if not value.is_finite() or value < 0:
        return None
    places, length = step[8], step[5]
    scaled = value.scaleb(places)
    whole = scaled.to_integral_value(rounding=ROUND_HALF_UP)
    digits = str(int(whole))
    if len(digits) > length or whole == scaled:
        return None
    fd = step[2]
    ctx = {
        "record": fd.record,
        "field": fd.shown,
        "value": format(value, "f"),
        "written": format(whole.scaleb(-places), "f"),
        "decimals": places,
    }
    problems.append(Problem("rounded", step[10], fd, None, ctx))
    return digits.rjust(length)


def _text_fits(value: str, step: _FieldStep) -> bool:
    """Whether a text fits the field of ``step``: its class, its length, among its codes."""
    pattern, allowed = step[4], step[6]
    return (
        pattern is not None
        and len(value) <= step[5]
        and (not allowed or value in allowed)
        and pattern.fullmatch(value) is not None
    )


def _implied_digits(value: Decimal, places: int, length: int) -> str | None:
    """The digits of a positive number with ``places`` implied decimals, None if they do not fit.

    None for a negative number and one that would be rounded or overflow ``length``.
    """
    if not value:
        return "0"  # zero, rounded to nothing, and said so by nothing
    if not value.is_finite() or value < 0:
        return None
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -places or value.adjusted() + places >= length:
        return None
    return str(int(value.scaleb(places)))

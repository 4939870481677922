"""Reading ``us-abi-ae`` files: CBP ABI entry summary records to core-model declarations.

The records of a file are parsed with the layouts of
:mod:`~harmonized_customs.countries.us.abi_records`, grouped per entry summary (header,
lines with their tariff records, totals; the A/B ... Y/Z envelope around them), checked for
order and presence, and mapped into one declaration per entry summary. Every issue is located
by line, column, record and field and pointed at the core-model value. Records the edition
gives no layout for are kept verbatim and reported. Format: ACE ABI CATAIR, Entry Summary
Create/Update (https://www.cbp.gov/trade/ace/catair); the format module is
:mod:`~harmonized_customs.countries.us.abi_ae`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from harmonized_customs import collector, identifiers, mappings
from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.us.abi_map import (
    DOCUMENT_KINDS,
    HEADER_POINTERS,
    LINE_POINTERS,
    MAPPED,
    TARIFF_SUBRECORDS,
    USMCA_SPI,
    description_chunks,
    hts_rank,
)
from harmonized_customs.countries.us.abi_records import (
    DIALECT,
    RECORD_LENGTH,
    Edition,
    FieldDef,
    ParsedRecord,
    Problem,
    RecordDef,
    Value,
    load_edition,
    parse_field,
    parse_record,
)
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["builders", "read", "read_back", "read_back_records"]


def _importer(number: str) -> dict[str, Any] | None:
    """The importer of record as a party known by its number only (an AE file names no one).

    The number becomes the party's identifier when its scheme is certain and CBP's formatting
    of it is the text as filed, so that writing it back gives the same bytes; otherwise (no
    hyphens, several schemes possible, or no scheme) it stays the filed importer number and
    the importer is not built: a scheme is never guessed.
    """
    scheme = _importer_scheme(number)
    if scheme is None:
        return None
    return {"identifiers": [{"scheme": scheme, "value": number}]}


@functools.lru_cache(maxsize=1024)
def _importer_scheme(number: str) -> str | None:
    """The scheme of an importer number when it is certain and CBP formats it as ``number``."""
    try:
        scheme = identifiers.us_importer.identify(number)
    except identifiers.IdentifierError:
        return None
    if identifiers.us_importer.format(number) != number:
        return None
    return scheme


# --- the records of a file, grouped -------------------------------------------------------------


@dataclass
class _Tariff:
    head: ParsedRecord
    records: list[ParsedRecord] = field(default_factory=list)


@dataclass
class _Line:
    head: ParsedRecord
    records: list[ParsedRecord] = field(default_factory=list)
    tariffs: list[_Tariff] = field(default_factory=list)
    unsupported: list[ParsedRecord] = field(default_factory=list)


@dataclass
class _Summary:
    batch: ParsedRecord | None
    block: ParsedRecord | None
    header: list[ParsedRecord] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)
    totals: list[ParsedRecord] = field(default_factory=list)
    unsupported: list[ParsedRecord] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    phase: str = "header"
    last_rank: int = -1
    last_id: str = ""
    seen: set[str] = field(default_factory=set)


@dataclass
class _Scan:
    """Reading state over a whole file."""

    edition: Edition
    source: str | None
    summaries: list[_Summary] = field(default_factory=list)
    loose: list[Issue] = field(default_factory=list)
    batch: ParsedRecord | None = None
    block: ParsedRecord | None = None
    values_only: bool = False
    """True to parse the values of records without looking for the problems of their fields."""
    known: Mapping[str, tuple[RecordDef, dict[str, Value]]] = field(default_factory=dict)
    """With ``values_only``: the values of record texts known without reading them (by text,
    with their layout)."""

    def where(
        self, record: ParsedRecord, column: int | None = None, name: str | None = None
    ) -> SourceLocation:
        """The source location of a record (and field)."""
        return SourceLocation(
            file=self.source, line=record.line, column=column, record=record.record_id, field=name
        )

    def envelope_issues(self, record: ParsedRecord) -> list[Issue]:
        """The field problems of an A, B, Y or Z record, as issues (reported once)."""
        base = "/national/us/block" if record.record_id in {"B", "Y"} else "/national/us/batch"
        issues = []
        for problem in record.problems:
            fd = problem.field
            pointer = "" if fd is None or fd.is_filler else f"{base}/{fd.name}"
            where = self.where(record, problem.column, fd.name if fd else None)
            issues.append(Issue.of(problem.code, pointer, target="US", source=where, **problem.ctx))
        return issues

    def issue(self, code: str, at: ParsedRecord, pointer: str = "", /, **ctx: Any) -> Issue:
        """An issue located at the start of a record."""
        return Issue.of(code, pointer, target="US", source=self.where(at, 1), **ctx)


def _decode(data: bytes) -> str:
    """Latin-1 keeps every byte as one character; non-ASCII characters fail their class."""
    return data.decode("latin-1")


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _parse_line(scan: _Scan, text: str, number: int) -> tuple[ParsedRecord, list[Issue]]:
    edition = scan.edition
    record_id = edition.record_id_of(text)
    issues: list[Issue] = []
    probe = ParsedRecord(record_id, number, text)
    if len(text) != RECORD_LENGTH:
        where = scan.where(probe, min(len(text), RECORD_LENGTH) + 1)
        issues.append(
            Issue.of(
                "us_abi_record_length",
                target="US",
                source=where,
                record=record_id,
                length=len(text),
            )
        )
    definition = edition.records.get(record_id) if record_id in MAPPED else None
    if definition is None:
        code = (
            "us_abi_record_not_supported"
            if edition.is_known(record_id)
            else ("us_abi_record_unknown")
        )
        issues.append(scan.issue(code, probe, record=record_id, edition=edition.name))
        return probe, issues
    if scan.values_only:
        known = scan.known.get(text)
        if known is not None and known[0] is definition:
            probe.values = dict(known[1])
        else:
            probe.values = _remembered_values(definition, text[:RECORD_LENGTH])
        return probe, issues
    return parse_record(definition, text[:RECORD_LENGTH], number), issues


_NOT_TEXT = frozenset({"integer", "decimal", "date", "digits", "filler"})
"""Field classes whose characters the record engine reads other than as trimmed text."""

_TEXT, _NUMBER, _DATE, _OTHER = range(4)
"""How :func:`_values_of` reads a field: as text, as a right-justified number, as a date
MMDDYY, or by the record engine."""
_RIGHT_JUSTIFIED = re.compile(r" *[0-9]+")
_SIX_DIGITS = re.compile(r"[0-9]{6}")

_Plan = tuple[tuple[str, int, int, int, FieldDef], ...]
_PLANS: dict[str, tuple[RecordDef, _Plan]] = {}
"""Each record layout's fields (name, slice, how read), made once per process."""


def _reading(fd: FieldDef) -> int:
    """How :func:`_values_of` reads the field ``fd``."""
    if fd.cls not in _NOT_TEXT:
        return _TEXT
    if fd.cls == "decimal" and DIALECT.fixed:
        return _NUMBER
    if fd.cls == "date" and fd.date_format == "MMDDYY":
        return _DATE
    return _OTHER


def _plan(definition: RecordDef) -> _Plan:
    kept = _PLANS.get(definition.record_id)
    if kept is not None and kept[0] is definition:
        return kept[1]
    plan = tuple(
        (fd.name, fd.start - 1, fd.start - 1 + fd.length, _reading(fd), fd)
        for fd in definition.data_fields
    )
    _PLANS[definition.record_id] = (definition, plan)
    return plan


def _values_of(definition: RecordDef, text: str) -> dict[str, Value]:
    """:func:`parse_values` of ``text``, the common fields read without the engine.

    A text field that does not start with a space reads as its characters without the
    trailing spaces, whatever its pattern says (a problem, not a different value); a number
    of digits after leading spaces reads as their integer over its implied decimals, and six
    digits of a real date as that date. Other fields are parsed by the record engine.
    """
    padded = text.ljust(RECORD_LENGTH)
    values: dict[str, Value] = {}
    for name, begin, end, reading, fd in _plan(definition):
        raw = padded[begin:end]
        if reading == _TEXT and raw[0] != " ":
            values[name] = raw.rstrip()
        elif not raw.strip():
            values[name] = None
        elif reading == _NUMBER and _RIGHT_JUSTIFIED.fullmatch(raw):
            values[name] = Decimal(int(raw)).scaleb(-(fd.decimals or 0))
        elif reading == _DATE and _SIX_DIGITS.fullmatch(raw):
            values[name] = _date(fd, raw)
        else:
            values[name] = parse_field(fd, raw)[0]
    return values


_KEPT: dict[str, tuple[RecordDef, dict[str, Value]]] = {}
"""The values of the record texts of the file read back, by text (a manufacturer on every
line is read once); :func:`read_back_records` starts each file afresh."""
_KEPT_MOST = 4096


def _remembered_values(definition: RecordDef, text: str) -> dict[str, Value]:
    """:func:`_values_of`, remembered within one file (each caller gets its own copy)."""
    kept = _KEPT.get(text)
    if kept is None or kept[0] is not definition:
        if len(_KEPT) >= _KEPT_MOST:
            _KEPT.clear()
        kept = _KEPT[text] = (definition, _values_of(definition, text))
    return dict(kept[1])


def _date(fd: FieldDef, raw: str) -> Value:
    """The date of six digits MMDDYY (years 2000-2099), or the engine's value when none."""
    try:
        return dt.date(2000 + int(raw[4:6]), int(raw[0:2]), int(raw[2:4]))
    except ValueError:
        return parse_field(fd, raw)[0]


def _place(scan: _Scan, record: ParsedRecord, issues: list[Issue]) -> None:
    """Put a record in its entry summary, checking the order of records."""
    rid = record.record_id
    if rid in {"A", "B"}:
        if rid == "A":
            scan.batch, scan.block = record, None
        else:
            scan.block = record
        scan.loose.extend(issues)
        scan.loose.extend(scan.envelope_issues(record))
        return
    if rid in {"Y", "Z"}:
        _close(scan, record, issues)
        return
    if rid == "10":
        scan.summaries.append(_Summary(scan.batch, scan.block, issues=list(scan.loose)))
        scan.loose.clear()
        for header, name in ((scan.batch, "A"), (scan.block, "B")):
            if header is None:
                issues.append(scan.issue("us_abi_record_missing", record, record=name))
    if not scan.summaries:
        scan.loose.extend(issues)
        scan.loose.append(
            scan.issue(
                "us_abi_record_out_of_order", record, record=rid, previous="(start of block)"
            )
        )
        return
    summary = scan.summaries[-1]
    summary.issues.extend(issues)
    if rid in scan.edition.single and rid in summary.seen:
        summary.issues.append(scan.issue("us_abi_record_repeated", record, record=rid))
        summary.unsupported.append(record)
    else:
        _attach(scan, summary, record)
    summary.seen.add(rid)
    summary.last_id = rid


def _close(scan: _Scan, record: ParsedRecord, issues: list[Issue]) -> None:
    header = scan.block if record.record_id == "Y" else scan.batch
    target = scan.summaries[-1].issues if scan.summaries else scan.loose
    target.extend(issues)
    target.extend(scan.envelope_issues(record))
    pointer = "/national/us/block" if record.record_id == "Y" else "/national/us/batch"
    if header is None:
        missing = "B" if record.record_id == "Y" else "A"
        target.append(scan.issue("us_abi_record_missing", record, pointer, record=missing))
        return
    for name, value in record.values.items():
        expected = header.values.get(name)
        if value != expected:
            fd = scan.edition.records[record.record_id].by_name[name]
            target.append(
                Issue.of(
                    "us_abi_envelope_mismatch",
                    f"{pointer}/{name}",
                    target="US",
                    source=scan.where(record, fd.start, name),
                    record=record.record_id,
                    field=name,
                    found=_show(value),
                    header=header.record_id,
                    expected=_show(expected),
                )
            )
    if record.record_id == "Y":
        scan.block = None
    else:
        scan.batch = None


def _show(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%m%d%y")
    return str(value)


def _out_of_order(scan: _Scan, summary: _Summary, record: ParsedRecord, previous: str) -> None:
    summary.issues.append(
        scan.issue("us_abi_record_out_of_order", record, record=record.record_id, previous=previous)
    )


def _attach(scan: _Scan, summary: _Summary, record: ParsedRecord) -> None:
    edition = scan.edition
    rid = record.record_id
    group = edition.group_of(rid)
    rank = edition.rank(rid)
    previous = summary.last_id
    supported = rid in edition.records and rid in MAPPED
    if rid == "10":
        summary.header.append(record)
        summary.phase, summary.last_rank = "header", rank
        return
    if group == "header" or (group is None and summary.phase == "header"):
        if summary.phase != "header" or rank < summary.last_rank:
            _out_of_order(scan, summary, record, previous)
        (summary.header if supported else summary.unsupported).append(record)
        summary.last_rank = max(summary.last_rank, rank) if group else summary.last_rank
        return
    if group == "totals" or (group is None and summary.phase == "totals"):
        if summary.phase == "totals" and rank < summary.last_rank:
            _out_of_order(scan, summary, record, previous)
        if not summary.lines:
            summary.issues.append(scan.issue("us_abi_record_missing", record, record="40"))
        (summary.totals if supported else summary.unsupported).append(record)
        summary.phase, summary.last_rank = "totals", rank
        return
    _attach_line(scan, summary=summary, record=record, group=group, rank=rank, previous=previous)


def _attach_line(
    scan: _Scan,
    *,
    summary: _Summary,
    record: ParsedRecord,
    group: str | None,
    rank: int,
    previous: str,
) -> None:
    rid = record.record_id
    supported = rid in scan.edition.records and rid in MAPPED
    if rid == "40":
        if summary.phase == "totals":
            _out_of_order(scan, summary, record, previous)
        summary.lines.append(_Line(record))
        summary.phase, summary.last_rank = "line", rank
        return
    if not summary.lines:
        _out_of_order(scan, summary, record, previous)
        summary.unsupported.append(record)
        return
    line = summary.lines[-1]
    if summary.phase == "totals":
        _out_of_order(scan, summary, record, previous)
    if rid == "50":
        line.tariffs.append(_Tariff(record))
        summary.phase, summary.last_rank = "tariff", rank
        return
    if group == "line":
        if summary.phase != "line" or rank < summary.last_rank:
            _out_of_order(scan, summary, record, previous)
        (line.records if supported else line.unsupported).append(record)
        summary.last_rank = max(summary.last_rank, rank)
        return
    if group == "tariff" and (not line.tariffs or rank < summary.last_rank):
        _out_of_order(scan, summary, record, previous)
    if group == "tariff" and line.tariffs and supported:
        line.tariffs[-1].records.append(record)
    else:
        line.unsupported.append(record)
    summary.last_rank = max(summary.last_rank, rank) if group else summary.last_rank


# --- records to the core model --------------------------------------------------------------


class _Builder:
    """Maps the records of one entry summary into core-model data, locating every value."""

    def __init__(self, scan: _Scan, summary: _Summary) -> None:
        self.scan = scan
        self.summary = summary
        self.issues: list[Issue] = list(summary.issues)
        self.located: dict[str, SourceLocation] = {}
        self.us: dict[str, Any] = {}
        self.data: dict[str, Any] = {"direction": "import", "national": {"us": self.us}}

    def problems(
        self, record: ParsedRecord, base: str, special: Mapping[str, str] | None = None
    ) -> None:
        """Turn the record's field problems into issues; remember where each value sits."""
        definition = self.scan.edition.records[record.record_id]
        for fd in definition.data_fields:
            pointer = self._pointer(base, fd.name, special)
            self.located.setdefault(pointer, self.scan.where(record, fd.start, fd.name))
        for problem in record.problems:
            self.issues.append(self._issue(record, problem, base, special))

    def _pointer(self, base: str, name: str, special: Mapping[str, str] | None) -> str:
        if special and name in special:
            return special[name]
        return f"{base}/{name}"

    def _issue(
        self, record: ParsedRecord, problem: Problem, base: str, special: Mapping[str, str] | None
    ) -> Issue:
        name = problem.field.name if problem.field else None
        pointer = (
            ""
            if name is None or problem.field is None or problem.field.is_filler
            else (self._pointer(base, name, special))
        )
        return Issue.of(
            problem.code,
            pointer,
            target="US",
            source=self.scan.where(record, problem.column, name),
            **problem.ctx,
        )

    def locate(
        self, pointer: str, record: ParsedRecord, column: int, name: str | None = None
    ) -> None:
        """Remember where the value at ``pointer`` starts, unless it is known already."""
        if pointer not in self.located:
            self.located[pointer] = self.scan.where(record, column, name)

    def line_pointers(self, base: str) -> Mapping[str, str]:
        """Where the values of a line's records go, by field name, for the line at ``base``."""
        return {k: base + v for k, v in LINE_POINTERS.items()}

    def values(self, record: ParsedRecord, skip: Iterable[str] = ()) -> dict[str, Any]:
        """The record's non-empty values, by field name."""
        left_out = set(skip)
        return {k: v for k, v in record.values.items() if v is not None and k not in left_out}

    def table_checks(self, record: ParsedRecord, base: str, special: Mapping[str, str]) -> None:
        """Warn about codes missing from this library's code tables (which may be incomplete)."""
        definition = self.scan.edition.records[record.record_id]
        for fd in definition.data_fields:
            value = record.values.get(fd.name)
            if fd.table is None or not isinstance(value, str):
                continue
            name, _, prefix = fd.table.partition(":")
            key: str | tuple[str, ...] = (prefix, value) if prefix else value
            if mappings.table(name).get(key) is None:
                self.issues.append(
                    Issue.of(
                        "us_abi_code_unknown",
                        self._pointer(base, fd.name, special),
                        target="US",
                        source=self.scan.where(record, fd.start, fd.name),
                        record=record.record_id,
                        field=fd.name,
                        value=value,
                        table=name,
                    )
                )

    # --- header ---

    def envelope(self) -> None:
        """A and B records."""
        for record, key in ((self.summary.batch, "batch"), (self.summary.block, "block")):
            if record is None:
                continue
            self.us[key] = self.values(record)
            self.locate(f"/national/us/{key}", record, 1)

    def header(self) -> None:
        """Records 10 to 36."""
        handlers = {
            "10": self._record_10,
            "11": self._record_11,
            "20": self._record_20,
            "22": self._listed("manifest_quantities"),
            "23": self._record_23,
            "31": self._record_31,
        }
        for record in self.summary.header:
            handlers[record.record_id](record)
        for record in self.summary.unsupported:
            self.us.setdefault("unsupported_records", []).append(record.text)

    def _record_10(self, record: ParsedRecord) -> None:
        self.problems(record, "/national/us/flags", HEADER_POINTERS)
        self.table_checks(record, "/national/us/flags", HEADER_POINTERS)
        values = record.values
        filer, number = values.get("filer_code"), values.get("entry_number")
        if isinstance(filer, str) and isinstance(number, str):
            self._entry_number(record, filer + number)
        self._set(self.us, "port_of_entry", values.get("port_of_entry"))
        self._set(self.data, "trader_reference", values.get("broker_reference"))
        self._set(self.us, "entry_type", values.get("entry_type"))
        mode = values.get("mode")
        self._set(self.us, "mode_code", mode)
        if isinstance(mode, str):
            self._transport(mode)
        skip = (
            "filer_code",
            "entry_number",
            "port_of_entry",
            "broker_reference",
            "entry_type",
            "mode",
        )
        flags = self.values(record, skip)
        if flags:
            self.us["flags"] = flags

    def _entry_number(self, record: ParsedRecord, number: str) -> None:
        self.us["entry_number"] = number
        fd = self.scan.edition.records["10"].by_name["entry_number"]
        for problem in identifiers.check("us-entry-number", number):
            self.issues.append(
                Issue.of(
                    problem.code,
                    "/national/us/entry_number",
                    target="US",
                    source=self.scan.where(record, fd.end, "entry_number"),
                    **dict[str, Any](problem.ctx),
                )
            )

    def _transport(self, mode: str) -> None:
        row = mappings.table("us_transport_modes").get(mode)
        if row is None or not row["rec19"]:
            return
        transport: dict[str, Any] = {"mode": row["rec19"]}
        if row["containerised"]:
            transport["containerised"] = row["containerised"] == "yes"
        self.data["transport"] = transport

    def _record_11(self, record: ParsedRecord) -> None:
        self.problems(record, "/national/us", HEADER_POINTERS)
        number = record.values.get("importer_number")
        importer = _importer(number) if isinstance(number, str) else None
        skip = ("import_date", "importer_number") if importer else ("import_date",)
        self.us.update(self.values(record, skip))
        self._set(self.data, "arrival_date", record.values.get("import_date"))
        if importer is not None:
            self.data["importer"] = importer
            fd = self.scan.edition.records["11"].by_name["importer_number"]
            self.locate("/importer/identifiers/0/value", record, fd.start, "importer_number")

    def _record_20(self, record: ParsedRecord) -> None:
        self.problems(record, "/national/us")
        self.us.update(self.values(record))
        transport = self.data.get("transport")
        name, code = record.values.get("conveyance_name"), record.values.get("vessel_code")
        if transport is not None and (name or code):
            conveyance = {"name": name, "identifier": code}
            transport["conveyance"] = {k: v for k, v in conveyance.items() if v}

    def _listed(self, key: str) -> Any:
        def handle(record: ParsedRecord) -> None:
            index = len(self.us.get(key, []))
            self.problems(record, f"/national/us/{key}/{index}")
            self.us.setdefault(key, []).append(self.values(record))

        return handle

    def _record_23(self, record: ParsedRecord) -> None:
        self._listed("bills")(record)
        values = record.values
        kind = DOCUMENT_KINDS.get(str(values.get("component_type")))
        transport = self.data.get("transport")
        if kind and transport is not None and values.get("identifier"):
            document = {"kind": kind, "number": values["identifier"]}
            if values.get("issuer_code"):
                document["issuer_code"] = values["issuer_code"]
            transport.setdefault("documents", []).append(document)

    def _record_31(self, record: ParsedRecord) -> None:
        self.problems(record, "/national/us/bond")
        self.us["bond"] = self.values(record)
        self._set(self.us, "bond_type", record.values.get("bond_type"))
        self._set(self.us, "surety_code", record.values.get("surety_code"))

    def totals(self) -> None:
        """Records 89 and 90."""
        for record in self.summary.totals:
            if record.record_id == "89":
                self._record_89(record)
            else:
                self.problems(record, "/national/us/totals")
                self.us["totals"] = self.values(record)

    def _record_89(self, record: ParsedRecord) -> None:
        fees = self.us.setdefault("fee_totals", [])
        special: dict[str, str] = {}
        for n in range(1, 6):
            index = len(fees)
            code, amount = record.values.get(f"class{n}"), record.values.get(f"amount{n}")
            special[f"class{n}"] = f"/national/us/fee_totals/{index}/accounting_class"
            special[f"amount{n}"] = f"/national/us/fee_totals/{index}/amount"
            if code is not None or amount is not None:
                fees.append({"accounting_class": code, "amount": amount})
        self.problems(record, "/national/us/fee_totals", special)

    @staticmethod
    def _set(target: dict[str, Any], key: str, value: Value) -> None:
        if value is not None:
            target[key] = value

    # --- lines ---

    def lines(self) -> None:
        """One goods item per 40 record."""
        items = [self._line(index, line) for index, line in enumerate(self.summary.lines)]
        self.data["goods_items"] = items
        self._declaration_level(items)

    def _line(self, index: int, line: _Line) -> dict[str, Any]:
        base = f"/goods_items/{index}"
        self.locate(base, line.head, 1)
        special = self.line_pointers(base)
        us: dict[str, Any] = {}
        item: dict[str, Any] = {"national": {"us": us}}
        self._record_40(line.head, base, special, item, us)
        descriptions: list[str] = []
        for record in line.records:
            self._line_record(
                record, base=base, special=special, item=item, us=us, descriptions=descriptions
            )
        if descriptions:
            item["description"] = " ".join(descriptions)
            if description_chunks(item["description"]) != descriptions:
                us["description_records"] = descriptions
        tariffs = [self._tariff(base, t, n) for n, t in enumerate(line.tariffs)]
        if tariffs:
            us["tariff_lines"] = tariffs
        self._classify(base, line, tariffs, item)
        for record in line.unsupported:
            us.setdefault("unsupported_records", []).append(record.text)
        return item

    def _record_40(
        self,
        record: ParsedRecord,
        base: str,
        special: Mapping[str, str],
        item: dict[str, Any],
        us: dict[str, Any],
    ) -> None:
        self.problems(record, f"{base}/national/us/flags", special)
        self.table_checks(record, f"{base}/national/us/flags", special)
        values = record.values
        line_id = values.get("line_id")
        if isinstance(line_id, str):
            if line_id.isascii() and line_id.isdigit() and int(line_id) > 0:
                item["line_number"] = int(line_id)
            else:
                self.issues.append(
                    Issue.of(
                        "us_abi_line_number",
                        base + "/line_number",
                        target="US",
                        source=self.scan.where(record, 5, "line_id"),
                        value=line_id,
                    )
                )
        self._set(item, "origin_country", values.get("origin_country"))
        self._set(item, "gross_weight_kg", values.get("gross_weight"))
        self._set(us, "country_of_export", values.get("export_country"))
        self._set(us, "export_date", values.get("export_date"))
        self._set(us, "spi", values.get("spi"))
        self._set(us, "charges", values.get("charges"))
        if values.get("spi") in USMCA_SPI:
            item["preference"] = {"program": "USMCA"}
        skip = (
            "line_id",
            "origin_country",
            "gross_weight",
            "export_country",
            "export_date",
            "spi",
            "charges",
        )
        flags = self.values(record, skip)
        if flags:
            us["flags"] = flags

    def _line_record(
        self,
        record: ParsedRecord,
        *,
        base: str,
        special: Mapping[str, str],
        item: dict[str, Any],
        us: dict[str, Any],
        descriptions: list[str],
    ) -> None:
        rid = record.record_id
        if rid == "44":
            self.problems(record, base, special)
            descriptions.append(str(record.values.get("description") or ""))
            return
        key = "invoice_references" if rid == "42" else "article_parties"
        index = len(us.get(key, []))
        self.problems(record, f"{base}/national/us/{key}/{index}")
        if rid == "47":
            us.setdefault(key, []).append(self.values(record))
            return
        values = record.values
        ranges = []
        for n in range(1, 5):
            begin, end = values.get(f"range{n}_begin"), values.get(f"range{n}_end")
            if begin is not None or end is not None:
                ranges.append({"begin": _int(begin), "end": _int(end)})
        reference = {
            "supplier_id": values.get("supplier_id"),
            "invoice_number": values.get("invoice_number"),
            "ranges": ranges,
        }
        us.setdefault(key, []).append({k: v for k, v in reference.items() if v is not None})
        if values.get("invoice_number") and "invoice_number" not in item:
            item["invoice_number"] = values["invoice_number"]

    def _tariff(self, base: str, tariff: _Tariff, number: int) -> dict[str, Any]:
        pointer = f"{base}/national/us/tariff_lines/{number}"
        self.locate(f"{base}/classification", tariff.head, 3, "hts")
        self.problems(tariff.head, pointer)
        self.table_checks(tariff.head, pointer, {})
        data = self.values(tariff.head)
        for record in tariff.records:
            key = TARIFF_SUBRECORDS[record.record_id]
            index = len(data.get(key, []))
            self.problems(record, f"{pointer}/{key}/{index}")
            data.setdefault(key, []).append(self.values(record))
        return data

    def _classify(
        self, base: str, line: _Line, tariffs: Sequence[Mapping[str, Any]], item: dict[str, Any]
    ) -> None:
        numbers = [str(t["hts"]) for t in tariffs if t.get("hts")]
        self._check_hts_order(base, line, numbers)
        commodity = [n for n in numbers if hts_rank(n) == 2]
        additional = [n for n in numbers if hts_rank(n) < 2]
        if commodity:
            item["classification"] = {
                "hs6": commodity[-1][:6],
                "us_hts": commodity[-1],
                "us_additional_hts": additional,
            }
            source = next(t for t in tariffs if t.get("hts") == commodity[-1])
            quantities = []
            for n in (1, 2, 3):
                value, unit = source.get(f"quantity{n}"), source.get(f"uom{n}")
                if value is not None and unit:
                    quantities.append({"jurisdiction": "US", "value": value, "unit": unit})
            if quantities:
                item["tariff_quantities"] = quantities
        values = [t["value"] for t in tariffs if t.get("value") is not None]
        if values:
            total = sum(values, Decimal(0))
            item["value"] = {"amount": total, "currency": "USD"}
            item["customs_values"] = [
                {"jurisdiction": "US", "amount": {"amount": total, "currency": "USD"}}
            ]

    def _check_hts_order(self, base: str, line: _Line, numbers: Sequence[str]) -> None:
        for previous, (current, tariff) in zip(
            numbers, zip(numbers[1:], line.tariffs[1:], strict=False), strict=False
        ):
            if hts_rank(current) < hts_rank(previous):
                self.issues.append(
                    Issue.of(
                        "us_abi_hts_order",
                        base + "/national/us/tariff_lines",
                        target="US",
                        source=self.scan.where(tariff.head, 3, "hts"),
                        line=line.head.values.get("line_id") or "",
                        hts=current,
                        previous=previous,
                    )
                )

    def _declaration_level(self, items: Sequence[Mapping[str, Any]]) -> None:
        for key, target in (
            ("country_of_export", "country_of_export"),
            ("export_date", "export_date"),
        ):
            found = {item["national"]["us"].get(key) for item in items}
            if len(found) == 1 and None not in found:
                self.data[target] = found.pop()
        invoices: list[str] = []
        for item in items:
            number = item.get("invoice_number")
            if number and number not in invoices:
                invoices.append(number)
        if invoices:
            self.data["invoices"] = [{"number": n} for n in invoices]

    def build(self) -> ReadResult:
        """The declaration (or the reasons there is none), with every issue found."""
        self.envelope()
        self.header()
        self.lines()
        self.totals()
        if not self.summary.lines:
            first = self.summary.header[0] if self.summary.header else None
            if first is not None:
                self.issues.append(self.scan.issue("us_abi_record_missing", first, record="40"))
        if self.summary.header:
            self.located.setdefault("", self.scan.where(self.summary.header[0], 1))
        try:
            with collector.paused():
                declaration = Declaration.model_validate(self.data)
        except ValidationError as exc:
            located = issues_from_validation_error(exc, locate=self.located)
            return ReadResult(None, (*self.issues, *located))
        return ReadResult(declaration, tuple(self.issues))


def _int(value: Value) -> int | None:
    return None if value is None else int(str(value))


def builders(
    data: bytes, source_name: str | None, edition: str | None, *, values_only: bool = False
) -> Iterator[Any]:
    """One :class:`_Builder` per entry summary, or a :class:`ReadResult` when there is none.

    ``values_only`` parses the records' values without the problems of their fields.
    """
    yield from _builders_of(_split_lines(_decode(data)), source_name, edition, values_only)


def _builders_of(
    texts: Iterable[str],
    source_name: str | None,
    edition: str | None,
    values_only: bool,
    known: Mapping[str, tuple[RecordDef, dict[str, Value]]] | None = None,
) -> Iterator[Any]:
    """:func:`builders` of the record texts of a file (each without its line end).

    ``known`` gives the values of some texts (see :attr:`_Scan.known`).
    """
    scan = _Scan(load_edition(edition), source_name, values_only=values_only, known=known or {})
    for number, text in enumerate(texts, start=1):
        record, issues = _parse_line(scan, text, number)
        _place(scan, record, issues)
    if scan.batch is not None or scan.block is not None:
        open_record = scan.block or scan.batch
        assert open_record is not None
        missing = "Y" if scan.block is not None else "Z"
        target = scan.summaries[-1].issues if scan.summaries else scan.loose
        target.append(scan.issue("us_abi_record_missing", open_record, record=missing))
    if not scan.summaries:
        where = SourceLocation(file=source_name, line=1, column=1)
        issue = Issue.of("us_abi_no_entry", target="US", source=where)
        yield ReadResult(None, (*scan.loose, issue), 0)
        return
    scan.summaries[-1].issues.extend(scan.loose)
    for summary in scan.summaries:
        yield _Builder(scan, summary)


class _DataBuilder(_Builder):
    """A :class:`_Builder` giving the data only: no issue looked for, nothing validated.

    The mapping of values is the builder's own (the methods below only find issues), so a
    writer reading its output back sees exactly the data :func:`read` would validate.
    """

    def problems(
        self, record: ParsedRecord, base: str, special: Mapping[str, str] | None = None
    ) -> None:
        """Nothing: the field problems are issues only."""

    def table_checks(self, record: ParsedRecord, base: str, special: Mapping[str, str]) -> None:
        """Nothing: the code table checks are issues only."""

    def locate(
        self, pointer: str, record: ParsedRecord, column: int, name: str | None = None
    ) -> None:
        """Nothing: locations are for the issues of a validation."""

    def line_pointers(self, base: str) -> Mapping[str, str]:
        """None: the pointers of a line's values are for its issues only."""
        return {}

    def _entry_number(self, record: ParsedRecord, number: str) -> None:
        self.us["entry_number"] = number

    def _check_hts_order(self, base: str, line: _Line, numbers: Sequence[str]) -> None:
        """Nothing: the order of HTS numbers is an issue only."""

    def mapped(self) -> dict[str, Any]:
        """The core-model data of the entry summary, not validated."""
        self.envelope()
        self.header()
        self.lines()
        self.totals()
        return self.data


def read_back(data: bytes) -> dict[str, Any] | None:
    """The core-model data of the first entry summary in ``data`` (not validated), or None.

    For a writer comparing what it wrote with the declaration: the values :func:`read` maps,
    without looking for issues.
    """
    return read_back_records(_split_lines(_decode(data)))


def read_back_records(
    texts: Iterable[str], known: Mapping[str, tuple[RecordDef, dict[str, Value]]] | None = None
) -> dict[str, Any] | None:
    """:func:`read_back` of the file whose lines are ``texts`` (no line ends), not decoded.

    For a writer that still holds the records it wrote: the same data as :func:`read_back`
    of their bytes when each text is ASCII, without a line break or a carriage return.
    The values of the file's records are remembered for this file only. ``known`` gives,
    by text, the values of the records the writer knows without reading (each with its
    layout: a text of another layout is read): they must be what reading gives.
    """
    _KEPT.clear()
    if known:
        texts = list(texts)
        scan = _Scan(load_edition(None), None, values_only=True, known=known)
        summary = _written_summary(scan, texts)
        if summary is not None:
            return _DataBuilder(scan, summary).mapped()
    for built in _builders_of(texts, None, None, True, known):
        if isinstance(built, ReadResult):
            return None
        return _DataBuilder(built.scan, built.summary).mapped()
    return None


def _known_records(scan: _Scan, texts: Sequence[str]) -> list[ParsedRecord] | None:
    """The records of ``texts``, each of a mapped layout and of values known; else None."""
    edition = scan.edition
    found: list[ParsedRecord] = []
    for text in texts:
        record_id = edition.record_id_of(text)
        known = scan.known.get(text)
        if (
            known is None
            or record_id not in MAPPED
            or known[0] is not edition.records.get(record_id)
            or len(text) != RECORD_LENGTH
        ):
            return None
        found.append(ParsedRecord(record_id, 0, text, dict(known[1])))
    return found


def _written_summary(scan: _Scan, texts: Sequence[str]) -> _Summary | None:
    """The one entry summary of ``texts`` as :func:`_place` makes it, for a writer's plain file.

    None for any other file (it is then scanned record by record). The plain shape: A, B,
    one 10, header records, each line's 40 with its line records and its 50s with their
    tariff records, totals, Y, Z; every record mapped, of values known, a single record once,
    nothing out of its group's place. :func:`_place` puts each record of that shape where
    this does.
    """
    records = _known_records(scan, texts)
    if records is None or len(records) < 5:
        return None
    ids = [record.record_id for record in records]
    if ids[:3] != ["A", "B", "10"] or ids[-2:] != ["Y", "Z"]:
        return None
    summary = _Summary(records[0], records[1])
    edition = scan.edition
    single: set[str] = set()
    for record in records[2:-2]:
        record_id = record.record_id
        if record_id in edition.single:
            if record_id in single:
                return None
            single.add(record_id)
        if not _plainly_placed(summary, record, edition.group_of(record_id)):
            return None
    return summary


def _plainly_placed(summary: _Summary, record: ParsedRecord, group: str | None) -> bool:
    """Put ``record`` where :func:`_attach` puts it in a plain summary; False if not plain."""
    record_id = record.record_id
    if group == "totals":
        summary.totals.append(record)
        return True
    if summary.totals:
        return False
    if group == "header":
        if summary.lines:
            return False
        summary.header.append(record)
    elif record_id == "40":
        summary.lines.append(_Line(record))
    elif not summary.lines:
        return False
    elif record_id == "50":
        summary.lines[-1].tariffs.append(_Tariff(record))
    elif group == "line" and not summary.lines[-1].tariffs:
        summary.lines[-1].records.append(record)
    elif group == "tariff" and summary.lines[-1].tariffs:
        summary.lines[-1].tariffs[-1].records.append(record)
    else:
        return False
    return True


def read(
    data: bytes, source_name: str | None = None, *, edition: str | None = None
) -> Iterator[ReadResult]:
    """Read every entry summary in an ABI batch, one :class:`ReadResult` each.

    Args:
        data: The bytes of the file.
        source_name: The file's name, for issue locations.
        edition: The CATAIR edition of the record layouts (default: the newest).
    """
    for index, built in enumerate(builders(data, source_name, edition)):
        if isinstance(built, ReadResult):
            yield built
            return
        result = built.build()
        yield ReadResult(result.declaration, result.issues, index)

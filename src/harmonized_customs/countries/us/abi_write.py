"""Writing ``us-abi-ae`` files: core-model declarations to CBP ABI entry summary records.

Byte-exact 80-column records (``dumps(load(x)) == x`` for canonical input: LF line ends,
numerics space-filled) in an A/B ... Y/Z envelope, a value refused by its field reported at
its pointer instead of being written, and every value of the declaration the records do not
carry reported as ``value_not_carried`` (the output is read back with
:mod:`~harmonized_customs.countries.us.abi_read` and compared through
:mod:`harmonized_customs.losses`). Format: ACE ABI CATAIR, Entry Summary Create/Update
(https://www.cbp.gov/trade/ace/catair).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from harmonized_customs import collector, currency, identifiers, mappings
from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.us.abi_map import (
    BILL_ORDER,
    HEADER_POINTERS,
    IMPORTER_SCHEMES,
    KIND_TO_COMPONENT,
    LINE_POINTERS,
    NAME,
    TARIFF_SUBRECORDS,
    description_chunks,
    hts_rank,
)
from harmonized_customs.countries.us.abi_read import read_back, read_back_records
from harmonized_customs.countries.us.abi_records import (
    DIALECT,
    RECORD_LENGTH,
    Edition,
    Problem,
    RecordDef,
    Value,
    compiled_record_back,
    format_record,
    load_edition,
    parse_record,
)
from harmonized_customs.countries.us.derive import derived_totals, line_duty
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.issues import Issue, Severity
from harmonized_customs.issues import get_issue_code as _code
from harmonized_customs.losses import (
    NotCarried,
    lost_against_alike,
    lost_against_model_alike,
    not_carried_by,
)
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.model.national_us import USDeclarationData, USLineData, USTariffLine
from harmonized_customs.records import record_problems

__all__ = ["dumps", "dumps_all", "required_issues", "write"]


_CENT = Decimal("0.01")
_LINE_40_POINTERS = {"*": "/national/us/flags/{}", **LINE_POINTERS}
"""Where the values of record 40 are, from their goods item."""

# --- the core model to records --------------------------------------------------------------


@dataclass
class _Writer:
    """Writes the records of one declaration, collecting what cannot be written."""

    declaration: Declaration
    edition: Edition
    issues: list[Issue] = field(default_factory=list)
    text: bool = True
    """False to find the blocking problems of the records without writing them (texts empty)."""
    wanted: Callable[[str, str], bool] | None = None
    """In a check, whether a record's problem (code, pointer) is worth an issue (None: all)."""
    known: dict[str, tuple[RecordDef, dict[str, Value]]] | None = None
    """When given, the values the reader takes from each record written, by its text, for
    the records whose values are known without reading them (see
    :func:`~harmonized_customs.countries.us.abi_records.compiled_record_back`)."""

    @functools.cached_property
    def us(self) -> USDeclarationData:
        """The declaration's US data (empty when it has none)."""
        return self.declaration.national.us or USDeclarationData()

    def record(
        self,
        record_id: str,
        values: Mapping[str, Value],
        pointers: Mapping[str, str],
        base: str = "",
    ) -> str:
        """One record; problems become issues at the pointer of the value (after ``base``)."""
        definition: RecordDef = self.edition.records[record_id]
        if not self.text:
            self._check_record(definition, values, pointers, base)
            return ""
        if self.known is None:
            text, problems = format_record(definition, values)
        else:
            text, problems, back = compiled_record_back(definition)(values)
            if back is not None:
                self.known[text] = (definition, back)
        if not problems:
            return text
        wanted = self.wanted
        for problem in problems:
            name = problem.field.name if problem.field else ""
            pointer = _pointer_of(pointers, base, name)
            if wanted is not None and not wanted(problem.code, pointer):
                continue
            self.issues.append(_problem_issue(problem, pointer))
        return text

    def _check_record(
        self,
        definition: RecordDef,
        values: Mapping[str, Value],
        pointers: Mapping[str, str],
        base: str,
    ) -> None:
        """A check's record: the problems that block filing, those ``wanted``, as issues.

        A problem is made only once blocking and ``wanted`` (asked once, in order) accept it;
        a problem that cannot block is not looked for.
        """
        wanted = self.wanted
        keep: Callable[[str, str], bool] | None = None
        if wanted is not None:
            asked = wanted

            def keep(code: str, name: str) -> bool:
                return asked(code, _pointer_of(pointers, base, name))

        for problem in record_problems(DIALECT, definition, values, keep, _blocking_codes()):
            pointer = _pointer_of(pointers, base, problem.field.name if problem.field else "")
            self.issues.append(Issue.of(problem.code, pointer, target="US", **problem.ctx))

    def envelope(self) -> tuple[str, str, str, str]:
        """The A, B, Y and Z records."""
        batch = self.us.batch.model_dump() if self.us.batch else {}
        block = self.us.block.model_dump() if self.us.block else {}
        batch.setdefault("application_id", None)
        block.setdefault("application_id", None)
        batch["application_id"] = batch["application_id"] or "AE"
        block["application_id"] = block["application_id"] or "AE"
        a = self.record("A", batch, {"*": "/national/us/batch/{}"})
        b = self.record("B", block, {"*": "/national/us/block/{}"})
        y = self.record("Y", block, {"*": "/national/us/block/{}"})
        z = self.record("Z", batch, {"*": "/national/us/batch/{}"})
        return a, b, y, z

    def header(self) -> list[tuple[int, str]]:
        """Header records with their rank."""
        out: list[tuple[int, str]] = []
        out.append((self.edition.rank("10"), self._record_10()))
        out.append((self.edition.rank("11"), self._record_11()))
        record_20 = self._record_20()
        if record_20:
            out.append((self.edition.rank("20"), record_20))
        for index, quantity in enumerate(self.us.manifest_quantities):
            pointers = {"*": f"/national/us/manifest_quantities/{index}/{{}}"}
            out.append(
                (self.edition.rank("22"), self.record("22", quantity.model_dump(), pointers))
            )
        out.extend((self.edition.rank("23"), text) for text in self._bills())
        bond = self._bond()
        if bond:
            out.append((self.edition.rank("31"), bond))
        out.extend(self._unsupported(self.us.unsupported_records, "/national/us"))
        return out

    def _unsupported(self, texts: Sequence[str], pointer: str) -> list[tuple[int, str]]:
        """The records kept from a source file that fit an ABI record; the others reported."""
        out = []
        for n, text in enumerate(texts):
            rid = self.edition.record_id_of(text)
            where = f"{pointer}/unsupported_records/{n}"
            if len(text) != RECORD_LENGTH:
                self.issues.append(
                    Issue.of(
                        "us_abi_record_length", where, target="US", record=rid, length=len(text)
                    )
                )
            elif not _printable_ascii(text):
                self.issues.append(Issue.of("us_abi_record_not_ascii", where, target="US"))
            elif self._parses(rid, text, where):  # else its reader would refuse a field
                out.append((self.edition.rank(rid), text))
        return out

    def _parses(self, record_id: str, text: str, where: str) -> bool:
        """True when no field of a kept record of a known layout has an error; all reported."""
        definition = self.edition.records.get(record_id)
        if definition is None:
            return True
        parsed = parse_record(definition, text, 0)
        found = [Issue.of(p.code, where, target="US", **p.ctx) for p in parsed.problems]
        self.issues.extend(found)
        return not any(issue.blocking for issue in found)

    def _record_10(self) -> str:
        us = self.us
        entry = us.entry_number or ""
        values: dict[str, Value] = dict(us.flags.model_dump()) if us.flags else {}
        values.update(
            filer_code=entry[:3] or None,
            entry_number=entry[3:] or None,
            port_of_entry=us.port_of_entry,
            broker_reference=self.declaration.trader_reference,
            entry_type=us.entry_type,
            mode=us.mode_code or self._mode_code(),
        )
        pointers = {"*": "/national/us/flags/{}", **HEADER_POINTERS}
        return self.record("10", values, pointers)

    def _mode_code(self) -> str | None:
        transport = self.declaration.transport
        if transport is None:
            return None
        modes = mappings.table("us_transport_modes")
        code = _mode_code_of(modes, transport.mode, transport.containerised)
        if code is None:
            self.issues.extend(_losses().issues(["/transport/mode"]))
        return code

    def _record_11(self) -> str:
        us = self.us
        values: dict[str, Value] = {
            "importer_number": us.importer_number or self._party_number("importer"),
            "consignee_number": us.consignee_number or self._party_number("consignee"),
            "notify_party_number": us.notify_party_number,
            "estimated_entry_date": us.estimated_entry_date,
            "import_date": self.declaration.arrival_date,
            "destination_state": us.destination_state,
            "ftz_identifier": us.ftz_identifier,
        }
        pointers = {
            "*": "/national/us/{}",
            "importer_number": "/national/us/importer_number"
            if us.importer_number or self.declaration.importer is None
            else "/importer/identifiers",
            **HEADER_POINTERS,
        }
        return self.record("11", values, pointers)

    def _party_number(self, role: str) -> str | None:
        party = getattr(self.declaration, role)
        if party is None:
            return None
        for scheme in IMPORTER_SCHEMES:
            value = party.identifier(scheme)
            if value:
                return _importer_number(value)
        return None

    def _record_20(self) -> str | None:
        us = self.us
        transport = self.declaration.transport
        conveyance = transport.conveyance if transport else None
        values: dict[str, Value] = {
            "carrier_code": us.carrier_code,
            "port_of_unlading": us.port_of_unlading,
            "estimated_arrival_date": us.estimated_arrival_date,
            "location_of_goods": us.location_of_goods,
            "conveyance_name": us.conveyance_name or (conveyance.name if conveyance else None),
            "vessel_code": us.vessel_code or (conveyance.identifier if conveyance else None),
            "exam_port": us.exam_port,
            "in_bond_date": us.in_bond_date,
        }
        if not any(v is not None for v in values.values()):
            return None
        return self.record("20", values, {"*": "/national/us/{}"})

    def _bills(self) -> list[str]:
        bills: list[tuple[dict[str, Value], str]] = []
        if self.us.bills:
            for index, bill in enumerate(self.us.bills):
                bills.append((dict(bill.model_dump()), f"/national/us/bills/{index}/{{}}"))
        elif self.declaration.transport is not None:
            for index, document in enumerate(self.declaration.transport.documents):
                component = KIND_TO_COMPONENT.get(document.kind)
                pointer = f"/transport/documents/{index}"
                if component is None:
                    continue
                values: dict[str, Value] = {
                    "component_type": component,
                    "issuer_code": document.issuer_code,
                    "identifier": document.number,
                }
                bills.append((values, pointer + "/{}"))
        bills.sort(key=lambda b: BILL_ORDER.find(str(b[0].get("component_type") or "")))
        return [self.record("23", values, {"*": pointer}) for values, pointer in bills]

    def _bond(self) -> str | None:
        us = self.us
        if us.bond is None and us.bond_type is None and us.surety_code is None:
            return None
        values: dict[str, Value] = dict(us.bond.model_dump()) if us.bond else {}
        pointers = {"*": "/national/us/bond/{}"}
        for key in ("bond_type", "surety_code"):
            if values.get(key) is None:
                values[key] = getattr(us, key)
                pointers[key] = f"/national/us/{key}"
        return self.record("31", values, pointers)

    # --- lines ---

    def line(self, index: int, item: GoodsItem) -> list[str]:
        """The records of one goods item, in CBP's order."""
        base = f"/goods_items/{index}"
        us = item.national.us or _no_line_data()
        ranked: list[tuple[int, str]] = [(self.edition.rank("40"), self._record_40(base, item, us))]
        for n, reference in enumerate(us.invoice_references):
            values: dict[str, Value] = {
                "supplier_id": reference.supplier_id,
                "invoice_number": reference.invoice_number,
            }
            for k, each in enumerate(reference.ranges, start=1):
                values[f"range{k}_begin"] = each.begin
                values[f"range{k}_end"] = each.end
            pointer = f"{base}/national/us/invoice_references/{n}/{{}}"
            ranked.append((self.edition.rank("42"), self.record("42", values, {"*": pointer})))
        filed = us.description_records
        chunks = filed if " ".join(filed) == item.description else []
        for chunk in chunks or description_chunks(item.description):
            text = self.record("44", {"description": chunk}, {"*": "/description"}, base)
            ranked.append((self.edition.rank("44"), text))
        ranked.extend(
            (self.edition.rank("47"), text) for text in self._article_parties(base, item, us)
        )
        tariff_records = self._tariffs(base, item, us)
        after: list[str] = []
        for rank, text in self._unsupported(us.unsupported_records, f"{base}/national/us"):
            if self.edition.group_of(self.edition.record_id_of(text)) == "line":
                ranked.append((rank, text))
            else:
                after.append(text)
        if self.text:  # a check writes no text: nothing to order
            ranked.sort(key=lambda pair: pair[0])
        return [*(text for _, text in ranked), *tariff_records, *after]

    def _record_40(self, base: str, item: GoodsItem, us: USLineData) -> str:
        spi = us.spi
        if spi is None and item.preference is not None:
            spi = "S"
            if self.text:  # information, which a check (blocking issues only) leaves out
                self.issues.append(
                    Issue.of(
                        "us_spi_suggested",
                        base + "/national/us/spi",
                        target="US",
                        line=item.line_number,
                        spi="S",
                        suggestion="S",
                    )
                )
        line_id: str | None = f"{item.line_number:03d}"
        if item.line_number > 999:
            self.issues.append(
                Issue.of(
                    "us_abi_value_not_representable",
                    base + "/line_number",
                    target="US",
                    value=str(item.line_number),
                    field="line_id",
                    record="40",
                    length=3,
                    decimals=0,
                    reason="ABI line numbers have 3 digits",
                )
            )
            line_id = None
        values: dict[str, Value] = dict(us.flags.model_dump()) if us.flags else {}
        values.update(
            line_id=line_id,
            origin_country=item.origin_country,
            export_country=us.country_of_export or self.declaration.country_of_export,
            export_date=us.export_date or self.declaration.export_date,
            spi=spi,
            charges=us.charges,
            gross_weight=item.gross_weight_kg,
        )
        return self.record("40", values, _LINE_40_POINTERS, base)

    def _article_parties(self, base: str, item: GoodsItem, us: USLineData) -> list[str]:
        if us.article_parties:
            return [
                self.record(
                    "47", party.model_dump(), {"*": f"{base}/national/us/article_parties/{n}/{{}}"}
                )
                for n, party in enumerate(us.article_parties)
            ]
        mid = item.manufacturer.identifier("us-mid") if item.manufacturer else None
        if mid is None:
            return []
        return [
            self.record(
                "47",
                {"party_type": "M", "identifier": mid},
                {"*": "/manufacturer/identifiers"},
                base,
            )
        ]

    def _tariffs(self, base: str, item: GoodsItem, us: USLineData) -> list[str]:
        tariffs = list(us.tariff_lines) or self._derived_tariffs(base, item)
        if len(tariffs) == 1 and tariffs[0].duty is None:
            tariffs = [tariffs[0].model_copy(update={"duty": line_duty(item)})]
        order = sorted(range(len(tariffs)), key=lambda n: hts_rank(tariffs[n].hts or ""))
        self._check_consistency(base, item, tariffs)
        out: list[str] = []
        for n in order:
            tariff = tariffs[n]
            pointer = f"{base}/national/us/tariff_lines/{n}"
            values = tariff.model_dump(exclude=set(TARIFF_SUBRECORDS.values()))
            out.append(self.record("50", values, {"*": pointer + "/{}"}))
            for rid, key in TARIFF_SUBRECORDS.items():
                for k, sub in enumerate(getattr(tariff, key)):
                    out.append(
                        self.record(rid, sub.model_dump(), {"*": f"{pointer}/{key}/{k}/{{}}"})
                    )
        return out

    def _derived_tariffs(self, base: str, item: GoodsItem) -> list[USTariffLine]:
        numbers = [*sorted(item.classification.us_additional_hts, key=hts_rank)]
        if item.classification.us_hts:
            numbers.append(item.classification.us_hts)
        if not numbers:
            pointer = base + "/classification/us_hts"
            if self.wanted is None or self.wanted("us_abi_value_missing", pointer):
                self.issues.append(
                    Issue.of("us_abi_value_missing", pointer, target="US", field="hts", record="50")
                )
            return []
        value = self._entered_value(base, item)
        quantities: dict[str, Any] = {}
        for n, quantity in enumerate(
            [q for q in item.tariff_quantities if q.jurisdiction == "US"][:3], start=1
        ):
            quantities[f"quantity{n}"] = quantity.value
            quantities[f"uom{n}"] = quantity.unit
        lines = [USTariffLine(hts=n, value=Decimal(0)) for n in numbers[:-1]]
        duty = line_duty(item) if len(numbers) == 1 else None
        try:
            last = USTariffLine(hts=numbers[-1], value=value, duty=duty, **quantities)
        except ValidationError:
            # a converted value beyond the model's bounds: the record engine reports the
            # value it cannot place in record 50 instead of writing a corrupt field
            last = USTariffLine.model_construct(
                hts=numbers[-1], value=value, duty=duty, **quantities
            )
        lines.append(last)
        return lines

    def _entered_value(self, base: str, item: GoodsItem) -> Decimal | None:
        for national in item.customs_values:
            if national.jurisdiction == "US" and national.amount.currency == "USD":
                return national.amount.amount
        converted = currency.convert(self.declaration, item.value, "USD")
        if converted is None:
            self.issues.append(
                Issue.of(
                    "us_value_not_convertible",
                    base + "/value/currency",
                    target="US",
                    line=item.line_number,
                    currency=item.value.currency,
                )
            )
            return None
        return converted.quantize(_CENT)  # a rate's division leaves digits no amount has

    def _check_consistency(
        self, base: str, item: GoodsItem, tariffs: Sequence[USTariffLine]
    ) -> None:
        commodity = [t.hts for t in tariffs if t.hts and hts_rank(t.hts) == 2]
        wanted = item.classification.us_hts
        if commodity and wanted and commodity[-1] != wanted:
            self.issues.append(
                Issue.of(
                    "us_abi_value_conflict",
                    base + "/classification/us_hts",
                    target="US",
                    field="us_hts",
                    written=commodity[-1],
                    model=wanted,
                )
            )

    def totals(self) -> list[str]:
        """The 88 (kept), 89 and 90 records."""
        us = self.us
        out: list[tuple[int, str]] = []
        fees = us.fee_totals
        for start in range(0, len(fees), 5):
            values: dict[str, Value] = {}
            pointers: dict[str, str] = {}
            for n, fee in enumerate(fees[start : start + 5], start=1):
                values[f"class{n}"] = fee.accounting_class
                values[f"amount{n}"] = fee.amount
                pointers[f"class{n}"] = f"/national/us/fee_totals/{start + n - 1}/accounting_class"
                pointers[f"amount{n}"] = f"/national/us/fee_totals/{start + n - 1}/amount"
            out.append((self.edition.rank("89"), self.record("89", values, pointers)))
        totals = us.totals.model_dump() if us.totals else {}
        for key, value in derived_totals(self.declaration).items():
            if totals.get(key) is None:
                totals[key] = value
        out.append(
            (self.edition.rank("90"), self.record("90", totals, {"*": "/national/us/totals/{}"}))
        )
        header_ranks = set(range(len(self.edition.order["header"])))
        kept = [pair for pair in self._unsupported_totals() if pair[0] not in header_ranks]
        out.extend(kept)
        out.sort(key=lambda pair: pair[0])
        return [text for _, text in out]

    def _unsupported_totals(self) -> list[tuple[int, str]]:
        return [
            (self.edition.rank(self.edition.record_id_of(text)), text)
            for text in self.us.unsupported_records
            if self.edition.group_of(self.edition.record_id_of(text)) == "totals"
            and len(text) == RECORD_LENGTH
            and _printable_ascii(text)
        ]

    def summary(self) -> list[str]:
        """Every record of the entry summary (without the envelope)."""
        header = [
            pair
            for pair in self.header()
            if self.edition.group_of(self.edition.record_id_of(pair[1])) != "totals"
        ]
        header.sort(key=lambda pair: pair[0])
        records = [text for _, text in header]
        for index, item in enumerate(self.declaration.goods_items):
            records.extend(self.line(index, item))
        records.extend(self.totals())
        return records


def _pointer_of(pointers: Mapping[str, str], base: str, name: str) -> str:
    """The pointer of field ``name``'s value: its own, else the record's (``*``) with it."""
    pointer = pointers.get(name, pointers.get("*", ""))
    return base + pointer.replace("{}", name)


def _problem_issue(problem: Problem, pointer: str) -> Issue:
    """``Issue.of(problem.code, pointer, target="US", **problem.ctx)``, made directly.

    A record's problem names none of the issue's own members in its message values.
    """
    definition = _code(problem.code)
    return Issue.built(
        problem.code,
        definition.severity,
        pointer,
        "US",
        None,
        None,
        dict(problem.ctx),
        None,
        definition.authority,
        None,
    )


def _blocks(code: str) -> bool:
    """Whether an issue of ``code`` blocks filing (what a check asks of the records)."""
    return _code(code).severity is Severity.ERROR


@functools.cache
def _blocking_codes() -> frozenset[str]:
    """The issue codes of the records' problems that block filing.

    (A code's severity is fixed once registered.)
    """
    return frozenset(code for code in DIALECT.codes.values() if _blocks(code))


@functools.cache
def _no_line_data() -> USLineData:
    """The US data of a line without any (never changed by the writer)."""
    return USLineData()


@functools.lru_cache(maxsize=64)
def _mode_code_of(modes: mappings.CodeTable, mode: str, containerised: bool | None) -> str | None:
    """CBP's mode of transport code for a mode and container flag, when exactly one fits.

    ``modes`` is the table as loaded (overlays included): a new overlay is a new table.
    """
    wanted = {True: "yes", False: "no", None: ""}[containerised]
    rows = [row for row in modes.where(rec19=mode) if row["containerised"] == wanted]
    return rows[0].code if len(rows) == 1 else None


@functools.lru_cache(maxsize=1024)
def _importer_number(value: str) -> str:
    """An importer's identifier as CBP writes the importer number (its scheme's hyphens)."""
    return str(identifiers.us_importer.format(value))


def _printable_ascii(text: str) -> bool:
    """True when ``text`` has only the characters an ABI record may hold (ASCII 32-126)."""
    return text.isascii() and text.isprintable()


def _read_back(
    written: str,
    records: Sequence[str] = (),
    known: Mapping[str, tuple[RecordDef, dict[str, Value]]] | None = None,
) -> dict[str, Any]:
    """The core-model data the records give, even when it is not a valid model.

    ``records`` are the lines of ``written`` when the writer has them: read as they are when
    decoding the text's bytes would give them back (ASCII, one line end each, no carriage
    return), else the text is read as a file. ``known`` gives the values of the records the
    writer knows without reading them, by text.
    """
    plain = (
        bool(records)
        and written.isascii()
        and "\r" not in written
        and written.count("\n") == len(records)
    )
    data = (
        read_back_records(records, known)
        if plain
        else read_back(written.encode("latin-1", "replace"))
    )
    return {} if data is None else data


def _not_carried(original: Declaration, back: dict[str, Any], reported: set[str]) -> list[Issue]:
    """Issues for every value of ``original`` that the records read back (``back``) lack."""
    lost = lost_against_model_alike(original, back, same=_same, reported=reported, keep_empty=True)
    return _losses().issues(lost)


def _written_by_reading_back(declaration: Declaration) -> WriteResult:
    """:func:`write` by the reference path: the bytes written read, the declaration dumped.

    The read-back of the output's bytes, compared with the whole declaration dumped without
    defaults; :func:`write` must give the same (its tests compare them).
    """
    with collector.paused():
        lines, issues = _batch_records([declaration], load_edition(None))
        output = "".join(line + "\n" for line in lines)
        reported = {i.pointer for i in issues if i.pointer}
        back = read_back(output.encode("latin-1", "replace")) or {}
        before = declaration.model_dump(exclude_defaults=True)
        lost = lost_against_alike(before, back, same=_same, reported=reported, keep_empty=True)
    return WriteResult(output, (*issues, *_losses().issues(lost)))


def _losses() -> NotCarried:
    """The ``value_not_carried`` issues of this format, their common part made once."""
    return not_carried_by(NAME, "US")


def _same(written: Any, original: Any) -> bool:
    """Equal values; text compared with its runs of white space collapsed (44 records wrap)."""
    if isinstance(written, str) and isinstance(original, str):
        return written.split() == original.split()
    return bool(written == original)


def _summary_records(
    declaration: Declaration,
    edition: Edition,
    known: dict[str, tuple[RecordDef, dict[str, Value]]] | None = None,
) -> tuple[list[str], _Writer]:
    writer = _Writer(declaration, edition, known=known)
    return writer.summary(), writer


def _envelope_key(declaration: Declaration) -> tuple[str, str]:
    us = declaration.national.us
    batch = us.batch.model_dump_json() if us and us.batch else ""
    block = us.block.model_dump_json() if us and us.block else ""
    return batch, block


def dumps_all(declarations: Sequence[Declaration], *, edition: str | None = None) -> WriteResult:
    """One ABI batch file holding several entry summaries.

    Consecutive declarations with the same batch (A record) share one A ... Z batch, and with
    the same block (B record) one B ... Y block, so a file read with :func:`read` is written
    back as it was.
    """
    lines, issues = _batch_records(declarations, load_edition(edition))
    return WriteResult("".join(line + "\n" for line in lines), tuple(issues))


def _batch_records(
    declarations: Sequence[Declaration],
    chosen: Edition,
    known: dict[str, tuple[RecordDef, dict[str, Value]]] | None = None,
) -> tuple[list[str], list[Issue]]:
    """The records of :func:`dumps_all` (without line ends), with the issues found.

    ``known`` (when given) gets the values the reader takes from the records written, by
    text, as far as they are known without reading them (:attr:`_Writer.known`).
    """
    lines: list[str] = []
    issues: list[Issue] = []
    previous: tuple[str, str] | None = None
    closing: list[str] = []
    for declaration in declarations:
        records, writer = _summary_records(declaration, chosen, known)
        a, b, y, z = writer.envelope()
        key = _envelope_key(declaration)
        if previous is None or key[0] != previous[0]:
            lines.extend(closing)
            lines.extend([a, b])
            closing = [y, z]
        elif key[1] != previous[1]:
            lines.extend([closing[0], b])
            closing[0] = y
        previous = key
        lines.extend(records)
        issues.extend(writer.issues)
    lines.extend(closing)
    return lines, issues


def required_issues(
    declaration: Declaration, wanted: Callable[[str, str], bool] | None = None
) -> list[Issue]:
    """The issues :func:`dumps_all` finds writing ``declaration``, in its order, nothing written.

    What the entry summary's fields require of the declaration, for its check: every blocking
    issue (a field's warnings are left out). Given ``wanted`` (see
    :func:`harmonized_customs.profiles.finding_filter`), a record's problem whose code and
    pointer it refuses is not made an issue.
    """
    writer = _Writer(declaration, load_edition(None), text=False, wanted=wanted)
    writer.summary()
    writer.envelope()
    return writer.issues


def dumps(declaration: Declaration, *, edition: str | None = None) -> str:
    """The ABI batch of one declaration (A, B, its entry summary, Y, Z), LF line ends."""
    output = dumps_all([declaration], edition=edition).output
    assert isinstance(output, str)
    return output


def write(declaration: Declaration) -> WriteResult:
    """Writer entry of the format registry: the batch text, with what it cannot carry."""
    with collector.paused():
        known: dict[str, tuple[RecordDef, dict[str, Value]]] = {}
        lines, issues = _batch_records([declaration], load_edition(None), known)
        output = "".join(line + "\n" for line in lines)
        reported = {i.pointer for i in issues if i.pointer}
        lost = _not_carried(declaration, _read_back(output, lines, known), reported)
    return WriteResult(output, (*issues, *lost))

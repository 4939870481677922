"""Core rules: internal consistency that holds whatever the filing country.

These complement the shape checks of the model with checks that need a second look rather
than a refusal: identifiers well-formed for their scheme, container check digits, legacy trade
terms, preference claims and the certification they rest on, dates in order. The consistency
of the declaration's parts is checked here too, not in the model, so that a declaration that
is structurally sound always loads and every inconsistency is reported at the value at fault:
unique line, invoice and certification numbers, references from lines to invoices and
certifications, invoice and declaration totals, weights, the line count, subdivisions inside
their country. Each rule is one pass over the lines. Their issues have no target: an error
here blocks every country.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, cast

from harmonized_customs import identifiers
from harmonized_customs.issues import Severity, register_code
from harmonized_customs.model import (
    Declaration,
    Equipment,
    GoodsItem,
    Money,
    Party,
    Totals,
    Valuation,
)
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["party_locations"]

_A = "harmonized_customs"
register_code(
    "incoterm_legacy",
    Severity.WARNING,
    "{incoterm} is not an Incoterms 2020 rule (it belongs to an earlier edition)",
    authority="ICC",
    example_ctx={"incoterm": "DAT"},
    fix="Use the Incoterms 2020 equivalent (DAT became DPU) unless the contract says otherwise.",
)
register_code(
    "preference_claim_without_certification",
    Severity.WARNING,
    "line {line} claims USMCA preference but names no certification of origin",
    authority="USMCA",
    example_ctx={"line": 1},
    fix="Add the certification of origin (Annex 5-A data) and refer to it from the claim.",
)
register_code(
    "certification_does_not_cover_line",
    Severity.WARNING,
    "certification {certification} lists no good with HS {hs6} for line {line}",
    authority="USMCA",
    example_ctx={"certification": "C1", "hs6": "870899", "line": 2},
    fix="Check that the certification covers this good (element 6: HS classification).",
)
register_code(
    "usmca_origin_outside_region",
    Severity.WARNING,
    "line {line} claims USMCA preference but its origin is {country}, not a USMCA country",
    authority="USMCA",
    example_ctx={"line": 1, "country": "CN"},
    fix="Check the country of origin; only originating goods may claim USMCA preference.",
)
register_code(
    "origin_country_missing",
    Severity.ERROR,
    "line {line} has no country of origin",
    authority="WCO",
    example_ctx={"line": 3},
    fix="Give the country of origin of the goods (from the certificate, the pedimento or the "
    "supplier); every filing needs it.",
)
register_code(
    "export_after_arrival",
    Severity.ERROR,
    "the export date {export_date} is after the arrival date {arrival_date}",
    authority=_A,
    example_ctx={"export_date": "2026-11-20", "arrival_date": "2026-11-18"},
    fix="Correct one of the two dates.",
)
register_code(
    "certification_after_declaration",
    Severity.WARNING,
    "certification {certification} is signed on {signed_on}, after the declaration date {date}",
    authority="USMCA",
    example_ctx={"certification": "C1", "signed_on": "2026-12-01", "date": "2026-11-20"},
    fix="A claim rests on a certification that exists when the claim is made; check the date.",
)

# Consistency between the parts of a declaration: the model loads it, these rules report.
register_code(
    "subdivision_country_mismatch",
    Severity.ERROR,
    "subdivision {subdivision} is not in country {country}",
    authority="ISO 3166",
    example_ctx={"subdivision": "CA-ON", "country": "US"},
    fix="Make the subdivision and the country agree.",
)
register_code(
    "net_weight_above_gross",
    Severity.ERROR,
    "net weight {net} kg is above gross weight {gross} kg",
    authority="harmonized_customs",
    example_ctx={"net": "120", "gross": "100"},
    fix="Check both weights; net weight excludes packaging.",
)
register_code(
    "line_numbers_not_unique",
    Severity.ERROR,
    "line numbers {numbers} are used more than once",
    authority="harmonized_customs",
    example_ctx={"numbers": "2"},
    fix="Number the goods items uniquely.",
)
register_code(
    "invoice_numbers_not_unique",
    Severity.ERROR,
    "invoice numbers must be unique",
    authority="harmonized_customs",
    example_ctx={},
    fix="Declare each invoice once.",
)
register_code(
    "certification_ids_not_unique",
    Severity.ERROR,
    "certification ids must be unique",
    authority="harmonized_customs",
    example_ctx={},
    fix="Give each certification its own id.",
)
register_code(
    "invoice_reference_unknown",
    Severity.ERROR,
    "line {line} refers to invoice {invoice}, which is not declared",
    authority="harmonized_customs",
    example_ctx={"line": 1, "invoice": "INV-9"},
    fix="Declare the invoice or correct the line's invoice number.",
)
register_code(
    "certification_reference_unknown",
    Severity.ERROR,
    "line {line} refers to certification {certification}, which is not declared",
    authority="harmonized_customs",
    example_ctx={"line": 1, "certification": "cert-1"},
    fix="Add the certification of origin or correct the reference.",
)
register_code(
    "invoice_total_mismatch",
    Severity.ERROR,
    "the lines of invoice {invoice} add up to {lines} {currency}, its total says {declared}",
    authority="harmonized_customs",
    example_ctx={"invoice": "INV-1", "lines": "100.00", "currency": "USD", "declared": "110.00"},
    fix="Correct the line values or the invoice total.",
)
register_code(
    "declaration_total_mismatch",
    Severity.ERROR,
    "the lines add up to {lines} {currency}, the declared total says {declared}",
    authority="harmonized_customs",
    example_ctx={"lines": "150.25", "currency": "USD", "declared": "150.20"},
    fix="Correct the line values or the declared invoice total.",
)
register_code(
    "total_gross_weight_mismatch",
    Severity.ERROR,
    "the lines weigh {lines} kg gross, the total says {declared} kg",
    authority="harmonized_customs",
    example_ctx={"lines": "1200", "declared": "1250"},
    fix="Correct the line weights or the total gross weight.",
)
register_code(
    "line_count_mismatch",
    Severity.ERROR,
    "the declaration has {lines} lines, the total says {declared}",
    authority="harmonized_customs",
    example_ctx={"lines": 3, "declared": 4},
    fix="Correct the declared number of lines.",
)

USMCA_COUNTRIES = frozenset({"US", "CA", "MX"})
LEGACY_INCOTERMS = frozenset({"DAT", "DAF", "DES", "DEQ", "DDU"})


def party_locations(declaration: Declaration) -> Iterator[tuple[str, Party]]:
    """Every party of the declaration with its relative pointer (no leading slash)."""
    for place, party in _party_places(declaration):
        yield _pointer(place), party


_DECLARATION_ROLES = ("importer", "exporter", "seller", "buyer", "consignee", "declarant")
_CERTIFICATION_ROLES = ("certifier", "exporter", "producer", "importer")
_Place = str | tuple[str, int, str]
"""Where a party sits: a role of the declaration (or ``transport/carrier``), or the list, the
index in it and the role (``("goods_items", 3, "seller")``)."""


def _party_places(declaration: Declaration) -> list[tuple[_Place, Party]]:
    """Every party of the declaration with its place kept as its parts (made a pointer when needed).

    A rule that finds nothing (the usual case) then builds no pointer per goods line. A list,
    made in one call: the rules that read it walk it once each.
    """
    found: list[tuple[_Place, Party]] = []
    add = found.append
    for role, party in zip(_DECLARATION_ROLES, _declaration_parties(declaration), strict=True):
        if party is not None:
            add((role, party))
    transport = declaration.transport
    if transport is not None and transport.carrier is not None:
        add(("transport/carrier", transport.carrier))
    for index, item in enumerate(declaration.goods_items):
        manufacturer, seller = item.manufacturer, item.seller
        if manufacturer is not None:
            add((("goods_items", index, "manufacturer"), manufacturer))
        if seller is not None:
            add((("goods_items", index, "seller"), seller))
    for index, certification in enumerate(declaration.certifications):
        parties = _certification_parties(certification)
        for role, party in zip(_CERTIFICATION_ROLES, parties, strict=True):
            if party is not None:
                add((("certifications", index, role), party))
    return found


_declaration_parties = operator.attrgetter(*_DECLARATION_ROLES)
_certification_parties = operator.attrgetter(*_CERTIFICATION_ROLES)


def _pointer(place: _Place) -> str:
    """The relative pointer of a party's place, as :func:`party_locations` gives it."""
    if isinstance(place, str):
        return place
    collection, index, role = place
    return f"{collection}/{index}/{role}"


@rule("")
def identifiers_well_formed(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Every party identifier is well-formed for its scheme."""
    problems_of = _identifier_problems
    for place, party in _party_places(declaration):
        for index, identifier in enumerate(party.identifiers):
            problems = problems_of(identifier.scheme, identifier.value)
            if problems:
                path = f"{_pointer(place)}/identifiers/{index}/value"
                for code, ctx in problems:
                    yield Finding(code, path, ctx)


@functools.lru_cache(maxsize=4096)
def _identifier_problems(scheme: str, value: str) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    """(code, message values) of each problem of an identifier, remembered.

    The same parties (a manufacturer, a seller) recur on many goods lines, and a check is a
    pure function of the scheme and the value.
    """
    return tuple(
        (problem.code, MappingProxyType(dict(problem.ctx)))
        for problem in identifiers.check(scheme, value)
    )


@rule("transport/equipment/*")
def container_check_digit(equipment: Equipment, context: RuleContext) -> Iterator[Finding]:
    """An ISO 6346 container number has a correct check digit."""
    value = equipment.identifier
    if len(value) == 11 and value.isascii() and value[:4].isalpha() and value[4:].isdigit():
        for problem in identifiers.check("iso6346", value):
            yield Finding(problem.code, "identifier", problem.ctx)


@rule("valuation")
def incoterm_current(valuation: Valuation, context: RuleContext) -> Iterator[Finding]:
    """The trade term is an Incoterms 2020 rule."""
    if valuation.incoterm in LEGACY_INCOTERMS:
        yield Finding.of("incoterm_legacy", "incoterm", incoterm=valuation.incoterm)


@rule("goods_items/*")
def claim_has_certification(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A preference claim names the certification of origin it rests on (here or held elsewhere)."""
    claim = item.preference
    if claim is not None and not claim.names_certification:
        yield Finding.of(
            "preference_claim_without_certification", "preference", line=item.line_number
        )


@rule("goods_items/*")
def certification_covers_line(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The certification a line refers to lists a good of the line's HS6."""
    claim = item.preference
    if claim is None or claim.certification_id is None:
        return
    for certification in context.declaration.certifications:
        if certification.id != claim.certification_id:
            continue
        if all(good.hs6 != item.classification.hs6 for good in certification.goods):
            yield Finding.of(
                "certification_does_not_cover_line",
                "preference/certification_id",
                certification=certification.id,
                hs6=item.classification.hs6,
                line=item.line_number,
            )


@rule("goods_items/*")
def origin_given(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line states its country of origin."""
    if item.origin_country is None:
        yield Finding.of("origin_country_missing", "origin_country", line=item.line_number)


@rule("goods_items/*")
def claim_origin_in_region(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A USMCA claim is made for goods of a USMCA country."""
    origin = item.origin_country
    if item.preference is not None and origin is not None and origin not in USMCA_COUNTRIES:
        yield Finding.of(
            "usmca_origin_outside_region",
            "origin_country",
            line=item.line_number,
            country=item.origin_country,
        )


@rule("")
def dates_in_order(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The goods leave before they arrive."""
    exported, arrived = declaration.export_date, declaration.arrival_date
    if exported is not None and arrived is not None and exported > arrived:
        yield Finding.of(
            "export_after_arrival",
            "export_date",
            export_date=exported.isoformat(),
            arrival_date=arrived.isoformat(),
        )


@rule("certifications/*")
def certification_signed_before_use(
    certification: object, context: RuleContext
) -> Iterator[Finding]:
    """A certification is signed no later than the declaration it supports."""
    date = context.declaration.declaration_date
    signed_on = getattr(certification, "signed_on", None)
    if date is not None and signed_on is not None and signed_on > date:
        yield Finding.of(
            "certification_after_declaration",
            "signed_on",
            certification=getattr(certification, "id", ""),
            signed_on=signed_on.isoformat(),
            date=date.isoformat(),
        )


# --- consistency of the declaration's parts -------------------------------------------------


def _repeats(values: Iterable[object]) -> Iterator[tuple[int, object]]:
    """(index, value) of every value already seen before it (``None`` is never counted)."""
    seen: set[object] = set()
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            yield index, value
        seen.add(value)


_line_number = operator.attrgetter("line_number")


@rule("")
def line_numbers_unique(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """No two goods items have the same line number (reported at each repeated use)."""
    for index, number in _repeats(map(_line_number, declaration.goods_items)):
        yield Finding.of(
            "line_numbers_not_unique", f"goods_items/{index}/line_number", numbers=str(number)
        )


@rule("")
def invoice_numbers_unique(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """No invoice is declared twice."""
    for index, _ in _repeats(invoice.number for invoice in declaration.invoices):
        yield Finding.of("invoice_numbers_not_unique", f"invoices/{index}/number")


@rule("")
def certification_ids_unique(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """No two certifications of origin share an id."""
    for index, _ in _repeats(certification.id for certification in declaration.certifications):
        yield Finding.of("certification_ids_not_unique", f"certifications/{index}/id")


@rule("")
def invoice_references_known(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """A line names only a declared invoice (when the declaration lists its invoices)."""
    if not declaration.invoices:
        return
    declared = {invoice.number for invoice in declaration.invoices}
    for index, item in enumerate(declaration.goods_items):
        if item.invoice_number is not None and item.invoice_number not in declared:
            yield Finding.of(
                "invoice_reference_unknown",
                f"goods_items/{index}/invoice_number",
                line=item.line_number,
                invoice=item.invoice_number,
            )


@rule("")
def certification_references_known(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """A preference claim names only a certification of origin of this declaration."""
    declared = {certification.id for certification in declaration.certifications}
    for index, item in enumerate(declaration.goods_items):
        claimed = item.preference.certification_id if item.preference else None
        if claimed is not None and claimed not in declared:
            yield Finding.of(
                "certification_reference_unknown",
                f"goods_items/{index}/preference/certification_id",
                line=item.line_number,
                certification=claimed,
            )


def _sum_in(currency: str, values: Iterable[Money]) -> Decimal | None:
    """The sum of ``values`` when all are in ``currency``; ``None`` when none or another is."""
    total, count = Decimal(0), 0
    for value in values:
        if value.currency != currency:
            return None
        total += value.amount
        count += 1
    return total if count else None


@rule("")
def invoice_totals_agree(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """An invoice's total equals the values of its lines (when all are in its currency)."""
    by_invoice: dict[str, list[Money]] = {}
    for item in declaration.goods_items:
        if item.invoice_number is not None:
            by_invoice.setdefault(item.invoice_number, []).append(item.value)
    for index, invoice in enumerate(declaration.invoices):
        declared = invoice.total
        if declared is None:
            continue
        lines = _sum_in(declared.currency, by_invoice.get(invoice.number, []))
        if lines is not None and lines != declared.amount:
            yield Finding.of(
                "invoice_total_mismatch",
                f"invoices/{index}/total/amount",
                invoice=invoice.number,
                lines=str(lines),
                declared=str(declared.amount),
                currency=declared.currency,
            )


@rule("totals")
def declaration_total_agrees(totals: Totals, context: RuleContext) -> Iterator[Finding]:
    """The declared invoice total equals the values of all lines (when all are in its currency)."""
    declared = totals.invoice_total
    if declared is None:
        return
    values = [item.value for item in context.declaration.goods_items]
    lines = _sum_in(declared.currency, values)
    if lines is not None and lines != declared.amount:
        yield Finding.of(
            "declaration_total_mismatch",
            "invoice_total/amount",
            lines=str(lines),
            declared=str(declared.amount),
            currency=declared.currency,
        )


@rule("totals")
def total_gross_weight_agrees(totals: Totals, context: RuleContext) -> Iterator[Finding]:
    """The declared gross weight equals the lines' gross weights (when every line has one)."""
    declared = totals.gross_weight_kg
    weights = [item.gross_weight_kg for item in context.declaration.goods_items]
    if declared is None or None in weights:
        return
    lines = sum(cast("list[Decimal]", weights), Decimal(0))  # none of them is None
    if lines != declared:
        yield Finding.of(
            "total_gross_weight_mismatch",
            "gross_weight_kg",
            lines=str(lines),
            declared=str(declared),
        )


@rule("totals")
def line_count_agrees(totals: Totals, context: RuleContext) -> Iterator[Finding]:
    """The declared number of lines is the number of goods items."""
    lines = len(context.declaration.goods_items)
    if totals.line_count is not None and totals.line_count != lines:
        yield Finding.of(
            "line_count_mismatch", "line_count", lines=lines, declared=totals.line_count
        )


@rule("goods_items/*")
def net_weight_within_gross(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A line's net weight is not above its gross weight."""
    net, gross = item.net_weight_kg, item.gross_weight_kg
    if net is not None and gross is not None and net > gross:
        yield Finding.of("net_weight_above_gross", "net_weight_kg", net=str(net), gross=str(gross))


@rule("goods_items/*")
def origin_subdivision_in_country(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The state or province of origin lies in the country of origin."""
    subdivision, country = item.origin_subdivision, item.origin_country
    if subdivision is not None and not subdivision.startswith(f"{country}-"):
        yield Finding.of(
            "subdivision_country_mismatch",
            "origin_subdivision",
            subdivision=subdivision,
            country=country or "-",
        )


@rule("")
def address_subdivision_in_country(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """Each party's address names a subdivision of its own country."""
    for place, party in _party_places(declaration):
        address = party.address
        if address is None:
            continue
        subdivision = address.subdivision
        if subdivision is None:
            continue
        if not subdivision.startswith(f"{address.country}-"):
            yield Finding.of(
                "subdivision_country_mismatch",
                f"{_pointer(place)}/address/subdivision",
                subdivision=subdivision,
                country=address.country,
            )

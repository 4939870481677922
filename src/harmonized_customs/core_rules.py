"""Core rules: internal consistency that holds whatever the filing country.

These complement the shape checks of the model with checks that need a second look rather
than a refusal: identifiers well-formed for their scheme, container check digits, legacy trade
terms, preference claims and the certification they rest on, dates in order. Their issues have
no target: an error here blocks every country.
"""

from __future__ import annotations

from collections.abc import Iterator

from harmonized_customs import identifiers, reference_rules
from harmonized_customs.issues import Severity, register_code
from harmonized_customs.model import (
    Declaration,
    Equipment,
    GoodsItem,
    Party,
    Valuation,
)
from harmonized_customs.rules import Finding, Rule, RuleContext, rule

__all__ = ["RULES", "party_locations"]

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

USMCA_COUNTRIES = frozenset({"US", "CA", "MX"})
LEGACY_INCOTERMS = frozenset({"DAT", "DAF", "DES", "DEQ", "DDU"})


def party_locations(declaration: Declaration) -> Iterator[tuple[str, Party]]:
    """Every party of the declaration with its relative pointer (no leading slash)."""
    for role in ("importer", "exporter", "seller", "buyer", "consignee", "declarant"):
        party = getattr(declaration, role)
        if party is not None:
            yield role, party
    if declaration.transport is not None and declaration.transport.carrier is not None:
        yield "transport/carrier", declaration.transport.carrier
    for index, item in enumerate(declaration.goods_items):
        for role in ("manufacturer", "seller"):
            party = getattr(item, role)
            if party is not None:
                yield f"goods_items/{index}/{role}", party
    for index, certification in enumerate(declaration.certifications):
        for role in ("certifier", "exporter", "producer", "importer"):
            party = getattr(certification, role)
            if party is not None:
                yield f"certifications/{index}/{role}", party


@rule("")
def identifiers_well_formed(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Every party identifier is well-formed for its scheme."""
    for path, party in party_locations(declaration):
        for index, identifier in enumerate(party.identifiers):
            for problem in identifiers.check(identifier.scheme, identifier.value):
                yield Finding(problem.code, f"{path}/identifiers/{index}/value", problem.ctx)


@rule("transport/equipment/*")
def container_check_digit(equipment: Equipment, context: RuleContext) -> Iterator[Finding]:
    """An ISO 6346 container number has a correct check digit."""
    value = equipment.identifier
    if len(value) == 11 and value[:4].isalpha() and value[4:].isdigit():
        for problem in identifiers.check("iso6346", value):
            yield Finding(problem.code, "identifier", problem.ctx)


@rule("valuation")
def incoterm_current(valuation: Valuation, context: RuleContext) -> Iterator[Finding]:
    """The trade term is an Incoterms 2020 rule."""
    if valuation.incoterm in LEGACY_INCOTERMS:
        yield Finding.of("incoterm_legacy", "incoterm", incoterm=valuation.incoterm)


@rule("goods_items/*")
def claim_has_certification(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A preference claim names the certification of origin it rests on."""
    if item.preference is not None and item.preference.certification_id is None:
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


RULES: tuple[Rule, ...] = (
    identifiers_well_formed,
    container_check_digit,
    incoterm_current,
    origin_given,
    claim_has_certification,
    certification_covers_line,
    claim_origin_in_region,
    dates_in_order,
    certification_signed_before_use,
)
RULES += reference_rules.RULES

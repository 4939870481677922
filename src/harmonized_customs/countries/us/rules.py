"""United States filing rules: what CBP needs on an entry summary, whatever the wire format.

Sources: CBP Form 7501 instructions; ACE CATAIR Entry Summary (AE) chapter; 19 CFR 182 for
USMCA claims. The identifier checks are in :mod:`harmonized_customs.identifiers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from harmonized_customs import currency, identifiers, mappings
from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.us import tariff_rules
from harmonized_customs.issues import Severity
from harmonized_customs.model import (
    Declaration,
    ExchangeRate,
    GoodsItem,
    IdentifierScheme,
    Party,
)
from harmonized_customs.rules import Finding, RuleContext, rule

__all__: list[str] = []

IMPORTER_SCHEMES: tuple[IdentifierScheme, ...] = ("us-ein", "us-cbp-assigned", "us-ssn")
IMPORT = ("import",)


@rule("", target="US", roles=("export",))
def export_not_covered(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """US export filings are out of scope; say so rather than check them as imports."""
    yield Finding.of("us_export_not_covered")


@rule("", target="US", roles=IMPORT)
def importer_identified(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The importer of record is named with an importer number."""
    importer = declaration.importer
    if _importer_number(declaration) is not None:
        return
    if importer is None:
        yield Finding.of("us_importer_missing", "importer")
    elif not any(importer.identifier(s) for s in IMPORTER_SCHEMES):
        yield Finding.of("us_importer_number_missing", "importer/identifiers")


def _importer_number(declaration: Declaration) -> str | None:
    """The importer of record number as an entry summary files it (11 record), if given."""
    us = declaration.national.us
    return us.importer_number if us is not None else None


@rule("", target="US", roles=IMPORT)
def importer_number_valid(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The filed importer number is an EIN (with suffix), a CBP-assigned number or an SSN."""
    number = _importer_number(declaration)
    if number is None:
        return
    for problem in identifiers.check("us-importer", number):
        yield Finding(problem.code, "national/us/importer_number", problem.ctx)


@rule("goods_items/*", target="US", roles=IMPORT)
def hts_classified(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line carries a 10-digit HTSUS number (the numbers under its HS6 are offered)."""
    if item.classification.us_hts is None:
        yield Finding.of(
            "us_hts_missing",
            "classification/us_hts",
            suggestion=tariff_rules.hts_choices(item.classification.hs6, context),
            line=item.line_number,
            hs6=item.classification.hs6,
        )


def _derived_mid(manufacturer: Party, origin: str | None) -> str | None:
    address = manufacturer.address
    name = manufacturer.name
    if name is None or origin is None or address is None or not address.lines or not address.city:
        return None
    subdivision = address.subdivision if address.country == origin else None
    try:
        return identifiers.us_mid.derive(
            name, address.lines[0], address.city, origin, subdivision=subdivision
        )
    except (ValueError, identifiers.IdentifierError):
        return None


@rule("goods_items/*", target="US", roles=IMPORT)
def manufacturer_identified(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line names its manufacturer with a MID (a derived MID is offered as suggestion)."""
    manufacturer = item.manufacturer
    if _files_a_mid(item):
        return
    if manufacturer is None:
        yield Finding.of("us_manufacturer_missing", "manufacturer", line=item.line_number)
    elif manufacturer.identifier("us-mid") is None:
        yield Finding.of(
            "us_mid_missing",
            "manufacturer/identifiers",
            line=item.line_number,
            suggestion=_derived_mid(manufacturer, item.origin_country),
        )


def _files_a_mid(item: GoodsItem) -> bool:
    """Whether :func:`_filed_mids` finds a MID (without making their pointers)."""
    us = item.national.us
    return us is not None and any(
        party.party_type == "M" and party.identifier for party in us.article_parties
    )


def _filed_mids(item: GoodsItem) -> list[tuple[str, str]]:
    """(pointer, MID) of the manufacturer IDs of a line as filed (47 records, type M)."""
    us = item.national.us
    if us is None:
        return []
    return [
        (f"national/us/article_parties/{n}/identifier", party.identifier)
        for n, party in enumerate(us.article_parties)
        if party.party_type == "M" and party.identifier
    ]


@rule("goods_items/*", target="US", roles=IMPORT)
def mid_matches_origin(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A filed MID (47 record) starts with the goods' country of origin (19 CFR 102 App.).

    US goods returned (Chapter 98) name a foreign processor, so US origin is not compared.
    MIDs given as manufacturer identifiers are checked by the identifier rules only.
    """
    for path, mid in _filed_mids(item):
        if not identifiers.us_mid.is_valid(mid):
            if path.startswith("national/"):
                for problem in identifiers.check("us-mid", mid):
                    yield Finding(problem.code, path, problem.ctx)
            continue
        country = identifiers.us_mid.country(mid)
        if item.origin_country not in {country, "US"}:
            yield Finding.of(
                "us_mid_country_mismatch",
                path,
                line=item.line_number,
                mid=mid,
                country=item.origin_country,
            )


@rule("", target="US", roles=IMPORT)
def country_of_export_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The country of export is given."""
    if declaration.country_of_export is not None:
        return
    lines = [item.national.us for item in declaration.goods_items]
    if all(us is not None and us.country_of_export for us in lines):
        return
    yield Finding.of("us_country_of_export_missing", "country_of_export")


@rule("", target="US", roles=IMPORT)
def port_of_entry_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The Schedule D port of entry is given and known.

    The bundled port list is transcribed and not known to be complete: a port missing from it
    is information only, so that a real port never raises a false alarm.
    """
    us = declaration.national.us
    port = us.port_of_entry if us else None
    if port is None:
        yield Finding.of("us_port_of_entry_missing", "national/us/port_of_entry")
    elif mappings.table("us_ports").get(port, on=context.on) is None:
        yield Finding.of(
            "us_port_unknown", "national/us/port_of_entry", port=port, severity=Severity.INFO
        )


@rule("", target="US", roles=IMPORT)
def entry_type_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The entry type is given and is one of CBP's codes."""
    us = declaration.national.us
    entry_type = us.entry_type if us else None
    if entry_type is None:
        yield Finding.of("us_entry_type_missing", "national/us/entry_type")
        return
    if mappings.table("declaration_types").get(("US", entry_type), on=context.on) is None:
        yield Finding.of("us_entry_type_unknown", "national/us/entry_type", code=entry_type)


@rule("", target="US", roles=IMPORT)
def entry_number_well_formed(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """An entry number, when given, has a valid check digit."""
    us = declaration.national.us
    if us is not None and us.entry_number is not None:
        for problem in identifiers.check("us-entry-number", us.entry_number):
            yield Finding(problem.code, "national/us/entry_number", problem.ctx)


@rule("", target="US", roles=IMPORT)
def transport_mode_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The mode of transport is given."""
    us = declaration.national.us
    if declaration.transport is None and (us is None or us.mode_code is None):
        yield Finding.of("us_transport_mode_missing", "transport")


@rule("", target="US", roles=IMPORT)
def import_date_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The date of importation is known."""
    if declaration.arrival_date is None:
        yield Finding.of("us_import_date_missing", "arrival_date")


@rule("goods_items/*", target="US", roles=IMPORT)
def value_convertible_to_usd(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line's value can be stated in US dollars with the declaration's rates."""
    if currency.rate(context.declaration, item.value.currency, "USD") is None:  # as convert
        yield Finding.of(
            "us_value_not_convertible",
            "value/currency",
            line=item.line_number,
            currency=item.value.currency,
        )


@rule("valuation/exchange_rates/*", target="US", roles=IMPORT)
def usd_rate_has_basis(rate: ExchangeRate, context: RuleContext) -> Iterator[Finding]:
    """A rate to or from USD says where it comes from (19 CFR 159.31: certified rates)."""
    if "USD" in (rate.source_currency, rate.target_currency) and not rate.basis:
        yield Finding.of(
            "us_exchange_rate_basis_missing",
            "basis",
            from_currency=rate.source_currency,
            to_currency=rate.target_currency,
        )


def usmca_spi(on: dt.date | None = None) -> list[str]:
    """The SPI codes of a USMCA claim, the usual one first (``mappings/usmca_claims.csv``)."""
    return list(_usmca_spi_of(on))


def _usmca_spi_of(on: dt.date | None) -> tuple[str, ...]:
    """:func:`usmca_spi` as the table keeps it (a tuple, shared)."""
    table = mappings.table("usmca_claims")
    return table.derived(("usmca_spi", on), lambda t: _usmca_spi(t, on))


def _usmca_spi(table: mappings.CodeTable, on: dt.date | None) -> tuple[str, ...]:
    rows = table.where(jurisdiction="US", agreement="USMCA")
    return tuple(dict.fromkeys(row.code for row in rows if on is None or row.valid_on(on)))


@rule("goods_items/*", target="US", roles=IMPORT)
def usmca_claim_coded(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A USMCA claim carries the SPI and rests on a certification; an SPI rests on a claim."""
    spi = item.national.us.spi if item.national.us else None
    if item.preference is None:
        if spi is not None and spi in _usmca_spi_of(context.on):
            yield Finding.of(
                "us_spi_without_claim", "national/us/spi", line=item.line_number, spi=spi
            )
        return
    codes = _usmca_spi_of(context.on) if spi is None else ()  # the table read when it can tell
    if codes:
        yield Finding.of(
            "us_spi_suggested",
            "national/us/spi",
            line=item.line_number,
            spi=codes[0],
            suggestion=codes[0],
        )
    if not item.preference.names_certification:
        yield Finding.of("us_usmca_certification_missing", "preference", line=item.line_number)

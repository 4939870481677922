"""United States rules that use the HTSUS.

The number exists, quantities are in its units, the USMCA claim is allowed by its special
column, and the duty an ad valorem rate gives is shown.

Source: USITC, Harmonized Tariff Schedule of the United States (General Notes 3(c)(i) for the
special program symbols; units of quantity per statistical reporting number); CBP Form 7501
instructions (blocks 27-34). The schedule is imported by the user
(``harmonized-customs data import us-hts FILE``); without an edition covering the entry date
these rules say so once and check nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from harmonized_customs import currency, mappings, refdata
from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.issues import Severity
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.refdata import Entry, Resolution
from harmonized_customs.refdata.us_hts import ad_valorem_percent, special_programs
from harmonized_customs.reference_rules import (
    choices,
    coverage_findings,
    unknown_code_severity,
)
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["hts_choices"]

KIND: Final = "us-hts"
IMPORT: Final = ("import",)
USMCA_SPI: Final = frozenset({"S", "S+"})
_CENT: Final = Decimal("0.01")


def hts_choices(hs6: str, context: RuleContext) -> dict[str, Any] | None:
    """The HTSUS numbers under an HS6 on the entry date, as choices (None when none)."""
    options = choices(KIND, hs6, context.on)
    return {"choices": options} if options else None


def _resolve(item: GoodsItem, context: RuleContext) -> Resolution | None:
    number = item.classification.us_hts
    return refdata.resolve(KIND, number, context.on) if number is not None else None


def _entry(item: GoodsItem, context: RuleContext) -> tuple[Entry, Severity | None] | None:
    """The line's HTS entry and the severity of a finding against it (warning when stale)."""
    number = item.classification.us_hts
    if number is None:  # most lines of an entry not yet classified: no lookup asked
        return None
    found = refdata.resolve(KIND, number, context.on)
    if found.entry is None or found.dataset is None:
        return None
    return found.entry, unknown_code_severity(found.dataset, found.standing)


@rule("", target="US", roles=IMPORT)
def hts_schedule_available(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """An HTSUS edition covering the entry date is loaded, and recent (said once)."""
    yield from coverage_findings(
        KIND, declaration, context.on, "us_hts_dataset_missing", "us_hts_dataset_stale"
    )


@rule("goods_items/*", target="US", roles=IMPORT)
def hts_number_exists(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The 10-digit HTS number is a statistical reporting number of the HTSUS on the entry date."""
    found = _resolve(item, context)
    if found is None or found.dataset is None or found.entry is not None:
        return
    number = item.classification.us_hts or ""
    yield Finding.of(
        "us_hts_unknown",
        "classification/us_hts",
        severity=unknown_code_severity(found.dataset, found.standing),
        suggestion=hts_choices(number[:8], context) or hts_choices(number[:6], context),
        line=item.line_number,
        hts=number,
        edition=found.dataset.edition,
    )


def _hts_unit(abi_code: str) -> str | None:
    """The HTS spelling of an ABI unit code, when the crosswalk knows it."""
    rows = mappings.table("us_hts_units").where(abi_code=abi_code)
    return rows[0].code if rows else None


@rule("goods_items/*", target="US", roles=IMPORT)
def quantities_in_hts_units(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The tariff quantities are given in the HTS number's units of quantity, and only those."""
    found = _entry(item, context)
    if found is None:
        return
    entry, severity = found
    expected = [unit for unit in entry.units if unit != "X"]
    reported: set[str] = set()
    for index, quantity in enumerate(item.tariff_quantities):
        unit = _hts_unit(quantity.unit) if quantity.jurisdiction == "US" else None
        if unit is None:
            continue
        reported.add(unit)
        if unit not in expected:
            yield Finding.of(
                "us_hts_unit_not_allowed",
                f"tariff_quantities/{index}/unit",
                severity=severity,
                line=item.line_number,
                unit=quantity.unit,
                hts=entry.code,
                units=", ".join(expected) or "X",
            )
    crosswalk = mappings.table("us_hts_units")
    for unit in expected:
        row = crosswalk.get(unit)
        if unit not in reported and row is not None:
            yield Finding.of(
                "us_hts_quantity_missing",
                "tariff_quantities",
                severity=severity,
                line=item.line_number,
                hts=entry.code,
                unit=row["abi_code"],
            )


@rule("goods_items/*", target="US", roles=IMPORT)
def usmca_claim_in_special_column(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """An S or S+ claim is one of the special programs the HTS number lists."""
    spi = item.national.us.spi if item.national.us else None
    found = _entry(item, context) if spi in USMCA_SPI else None
    if spi is None or found is None:
        return
    entry, severity = found
    programs = special_programs(entry.attrs.get("special", ""))
    if spi not in programs:
        yield Finding.of(
            "us_spi_not_in_hts",
            "national/us/spi",
            severity=severity,
            line=item.line_number,
            spi=spi,
            hts=entry.code,
            programs=", ".join(programs) or "-",
        )


def _value_usd(declaration: Declaration, item: GoodsItem) -> Decimal | None:
    """The line's entered value in USD: the US customs value, else the converted invoice value."""
    for national in item.customs_values:
        if national.jurisdiction == "US" and national.amount.currency == "USD":
            return national.amount.amount
    return currency.convert(declaration, item.value, "USD")


def _rate(entry: Entry, spi: str | None) -> str:
    """The rate that applies: the claimed program's, when the special column lists it."""
    if spi is not None:
        claimed = special_programs(entry.attrs.get("special", "")).get(spi)
        if claimed:
            return claimed
    return entry.attrs.get("general", "")


@rule("goods_items/*", target="US", roles=IMPORT)
def duty_from_ad_valorem_rate(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Where the schedule gives an ad valorem rate, the line duty it yields is shown as derived."""
    found = _entry(item, context)
    if found is None:
        return
    entry = found[0]
    rate = _rate(entry, item.national.us.spi if item.national.us else None)
    percent = ad_valorem_percent(rate)
    value = _value_usd(context.declaration, item)
    if percent is None or value is None:
        return
    duty = (value * percent / 100).quantize(_CENT, rounding=ROUND_HALF_UP)
    yield Finding.of(
        "us_duty_derived",
        "customs_values",
        suggestion={"duty_usd": str(duty)},
        line=item.line_number,
        rate=rate,
        hts=entry.code,
        value=str(value),
        duty=str(duty),
    )

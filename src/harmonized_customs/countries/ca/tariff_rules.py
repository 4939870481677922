"""Canadian rules that use the Customs Tariff: the classification number exists on the date.

Source: CBSA, Customs Tariff (schedule to the Customs Tariff Act), published yearly at
https://www.cbsa-asfc.gc.ca/trade-commerce/tariff-tarif/ as PDF and HTML only. No Canadian
data ships; a broker imports the tariff in the CSV format of docs/reference-data.md
(``harmonized-customs data import ca-tariff FILE``). Without an edition covering the date
these rules say so once and check nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from harmonized_customs import refdata
from harmonized_customs.countries.ca import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.reference_rules import (
    choices,
    coverage_findings,
    unknown_code_severity,
)
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["tariff_choices"]

KIND: Final = "ca-tariff"
IMPORT: Final = ("import",)


def tariff_choices(hs6: str, context: RuleContext) -> dict[str, Any] | None:
    """The classification numbers under an HS6 on the date, as choices (None when none)."""
    options = choices(KIND, hs6, context.on)
    return {"choices": options} if options else None


@rule("", target="CA", roles=IMPORT)
def tariff_available(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """A Customs Tariff edition covering the date is loaded (said once)."""
    yield from coverage_findings(KIND, declaration, context.on, "ca_tariff_dataset_missing")


@rule("goods_items/*", target="CA", roles=IMPORT)
def classification_number_exists(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The 10-digit classification number is in the Customs Tariff on the date."""
    number = item.classification.ca_tariff
    found = refdata.resolve(KIND, number, context.on) if number is not None else None
    if number is None or found is None or found.dataset is None or found.entry is not None:
        return
    yield Finding.of(
        "ca_tariff_unknown",
        "classification/ca_tariff",
        severity=unknown_code_severity(found.dataset, found.standing),
        suggestion=tariff_choices(number[:6], context),
        line=item.line_number,
        number=number,
        edition=found.dataset.edition,
    )

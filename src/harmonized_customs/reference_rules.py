"""Rules that check codes against reference data, and the helpers the national ones share.

Policy (DESIGN.md, "Reference data is dated"): a code is looked up in the edition in force on
the declaration's date. When no edition covers that date the line rules stay silent and one
``info`` issue per declaration says which dataset is missing; an unknown code is an error only
against a complete, verified edition that is current on that date, else a warning (a stale
list may lack a code published since).

Core rule here: the HS6 of each line is a subheading of the HS edition in force (WCO HS 2022
until 2027-12-31).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Final

from harmonized_customs import refdata
from harmonized_customs.issues import Severity, register_code
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.refdata import Dataset, Resolution, Standing
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = [
    "MAX_CHOICES",
    "choices",
    "coverage",
    "coverage_findings",
    "unknown_code_severity",
    "unknown_finding",
]

MAX_CHOICES: Final = 25
"""At most this many national codes are offered as choices under one HS6."""

WCO = "WCO"

register_code(
    "hs_dataset_missing",
    Severity.INFO,
    "no edition of the Harmonized System covers {date}; the HS6 codes were not looked up",
    authority=WCO,
    example_ctx={"date": "2028-01-03"},
    fix="Update the library to one that ships the HS edition in force on that date.",
)
register_code(
    "hs_subheading_unknown",
    Severity.ERROR,
    "line {line}: {hs6} is not a subheading of {edition}",
    authority=WCO,
    example_ctx={"line": 1, "hs6": "870800", "edition": "HS 2022"},
    fix="Classify the goods to a six-digit subheading of the HS edition in force.",
)


def unknown_code_severity(dataset: Dataset, standing: Standing) -> Severity | None:
    """The severity of an unknown code: an error only against a trustworthy edition.

    The code's own severity (error) applies against a complete, verified edition that is
    current on the date; a warning otherwise.
    """
    if dataset.complete and dataset.verified and standing == "current":
        return None
    return Severity.WARNING


def coverage(kind: str, on: dt.date) -> tuple[Dataset | None, Standing]:
    """The edition of ``kind`` in force on ``on`` and how it stands then."""
    found = refdata.dataset(kind, on)
    return found, (found.standing(on) if found is not None else "absent")


def coverage_findings(
    kind: str, declaration: Declaration, on: dt.date, missing: str, stale: str | None = None
) -> Iterator[Finding]:
    """The one notice per declaration about ``kind`` on ``on``: no edition, or a stale one."""
    if not declaration.goods_items:
        return
    dataset, standing = coverage(kind, on)
    if dataset is None:
        yield Finding.of(missing, date=on.isoformat())
    elif standing == "stale" and stale is not None:
        yield Finding.of(stale, edition=dataset.edition, date=on.isoformat())


def choices(kind: str, prefix: str, on: dt.date) -> list[dict[str, Any]]:
    """The national codes under ``prefix`` valid on ``on``, as choices for a suggestion."""
    return [
        {"code": entry.code, "description": entry.description, "units": list(entry.units)}
        for entry in refdata.under(kind, prefix, on, limit=MAX_CHOICES)
    ]


def unknown_finding(
    code: str, path: str, found: Resolution, suggestion: Any = None, **ctx: Any
) -> Iterator[Finding]:
    """The finding for a code the edition in force does not hold (nothing when it does)."""
    if found.dataset is None or found.entry is not None:
        return
    severity = unknown_code_severity(found.dataset, found.standing)
    yield Finding.of(
        code, path, severity=severity, suggestion=suggestion, edition=found.dataset.edition, **ctx
    )


@rule("")
def hs_edition_available(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """An edition of the Harmonized System covers the declaration's date."""
    yield from coverage_findings("hs", declaration, context.on, "hs_dataset_missing")


@rule("goods_items/*")
def hs6_is_a_subheading(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The HS6 of a line is a subheading of the HS edition in force on the declaration's date."""
    hs6 = item.classification.hs6
    found = refdata.resolve("hs", hs6, context.on)
    if found.entry is not None or found.dataset is None:  # what unknown_finding lets pass
        return
    yield from unknown_finding(
        "hs_subheading_unknown",
        "classification/hs6",
        found,
        line=item.line_number,
        hs6=hs6,
    )

"""US entry summary values computed by a documented rule instead of being asked for.

The ABI entry summary (CATAIR AE) wants a duty on each tariff line (50 record) and the grand
totals (90 record). Where a published rule settles the value, it is computed here, used by the
writer and reported by the US rules as derived (``us_value_derived``, info, with the value as
its suggestion); otherwise it stays a value to give:

* **line duty** of a line claiming USMCA (SPI ``S``/``S+``): free, HTSUS General Note 11;
* **record 90 totals** are the sums of the line records (CATAIR AE, record 90): duty of the
  50 records, IR tax of the 60s, AD and CV duty of the 53s (a case number starting ``A-`` is
  antidumping, ``C-`` countervailing), other revenue of the 61s, user fees of the 62s and 89;
* **user fees** with no fee declared are zero when every line claims USMCA (originating goods
  are exempt from the merchandise processing fee, 19 CFR 24.23(c)) and the entry is not by
  vessel (no harbor maintenance fee, 19 CFR 24.24);
* **IR tax** with none declared is zero unless a line is in HS chapter 22 or 24 (the goods the
  Internal Revenue Code taxes on import); AD/CV duty and other revenue with none declared are
  zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from harmonized_customs.countries.us.abi_map import USMCA_SPI
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.model.national_us import USFeeAmount, USTariffLine

__all__ = ["TOTALS", "derived_totals", "line_duty", "line_spi"]

ZERO = Decimal("0.00")
TOTALS = ("duty", "user_fees", "ir_tax", "ad_duty", "cvd_duty", "other_revenue")
"""The members of record 90, in order."""
_VESSEL_MODES = ("10", "11")
"""ABI modes of transportation by vessel (non-container, container)."""
_EXCISE_CHAPTERS = ("22", "24")


def line_spi(item: GoodsItem) -> str | None:
    """The SPI of a line: its own, or ``S`` when it claims USMCA."""
    us = item.national.us
    if us is not None and us.spi:
        return us.spi
    return "S" if item.preference is not None else None


def line_duty(item: GoodsItem) -> Decimal | None:
    """The duty of a line when a rule settles it (a USMCA claim: free), else None."""
    return ZERO if line_spi(item) in USMCA_SPI else None


def _tariffs(item: GoodsItem) -> list[USTariffLine]:
    return list(item.national.us.tariff_lines) if item.national.us else []


def _amounts(fees: Iterable[USFeeAmount]) -> list[Decimal | None]:
    return [fee.amount for fee in fees]


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _line_duties(declaration: Declaration) -> Decimal | None:
    duties: list[Decimal | None] = []
    for item in declaration.goods_items:
        tariffs = _tariffs(item)
        if not tariffs:
            duties.append(line_duty(item))
        duties.extend(t.duty if t.duty is not None else line_duty(item) for t in tariffs)
    return _sum(duties)


def _case_duties(declaration: Declaration, prefix: str) -> Decimal | None:
    values: list[Decimal | None] = []
    for item in declaration.goods_items:
        for tariff in _tariffs(item):
            for case in tariff.adcvd_cases:
                kind = (case.case_number or "?")[:1].upper()
                if kind not in "AC":
                    return None
                if kind == prefix:
                    values.append(case.duty)
    return _sum(values)


def _each(declaration: Declaration, key: str) -> list[Decimal | None]:
    return [
        amount
        for item in declaration.goods_items
        for tariff in _tariffs(item)
        for amount in _amounts(getattr(tariff, key))
    ]


def _user_fees(declaration: Declaration) -> Decimal | None:
    us = declaration.national.us
    declared = [*_each(declaration, "fees"), *_amounts(us.fee_totals if us else [])]
    if declared:
        return _sum(declared)
    mode = us.mode_code if us else None
    items = declaration.goods_items
    all_usmca = bool(items) and all(line_spi(i) in USMCA_SPI for i in items)
    return ZERO if all_usmca and mode is not None and mode not in _VESSEL_MODES else None


def _ir_tax(declaration: Declaration) -> Decimal | None:
    declared = _each(declaration, "taxes")
    if declared:
        return _sum(declared)
    chapters = {i.classification.hs6[:2] for i in declaration.goods_items}
    return None if chapters & set(_EXCISE_CHAPTERS) else ZERO


def derived_totals(declaration: Declaration) -> dict[str, Decimal | None]:
    """The record 90 totals a rule settles (None where it does not)."""
    return {
        "duty": _line_duties(declaration),
        "user_fees": _user_fees(declaration),
        "ir_tax": _ir_tax(declaration),
        "ad_duty": _case_duties(declaration, "A"),
        "cvd_duty": _case_duties(declaration, "C"),
        "other_revenue": _sum(_each(declaration, "other_revenue")),
    }

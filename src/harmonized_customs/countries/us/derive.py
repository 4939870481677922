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

from collections.abc import Iterable
from decimal import Decimal
from typing import cast

from harmonized_customs.countries.us.abi_map import USMCA_SPI
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.model.national_us import USAdcvdCase, USFeeAmount, USTariffLine

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


def _amounts(fees: Iterable[USFeeAmount]) -> list[Decimal | None]:
    return [fee.amount for fee in fees]


def _file_cases(cases: Iterable[USAdcvdCase], into: dict[str, list[Decimal | None]]) -> bool:
    """Each case's duty under its kind (``A`` or ``C``); True when one is of neither kind."""
    unknown = False
    for case in cases:
        kind = (case.case_number or "?")[:1].upper()
        if kind not in "AC":
            unknown = True
        else:
            into[kind].append(case.duty)
    return unknown


def _total(values: list[Decimal | None]) -> Decimal | None:
    """The sum of ``values`` from :data:`ZERO`, None when one is None (:func:`_sum`'s answer)."""
    return None if None in values else sum(cast("list[Decimal]", values), ZERO)


class _Tariffs:
    """The amounts of the tariff lines (50 to 62 records), gathered in line order."""

    __slots__ = ("case_unknown", "cases", "duties", "fees", "other_revenue", "taxes")

    def __init__(self) -> None:
        self.duties: list[Decimal | None] = []
        self.fees: list[Decimal | None] = []
        self.taxes: list[Decimal | None] = []
        self.other_revenue: list[Decimal | None] = []
        self.cases: dict[str, list[Decimal | None]] = {"A": [], "C": []}
        self.case_unknown = False

    def add(self, tariff: USTariffLine, usmca: bool) -> None:
        """One tariff line's amounts; its duty, when not given, free under a USMCA claim."""
        duty = tariff.duty
        self.duties.append(duty if duty is not None else ZERO if usmca else None)
        if tariff.fees:
            self.fees.extend(_amounts(tariff.fees))
        if tariff.taxes:
            self.taxes.extend(_amounts(tariff.taxes))
        if tariff.other_revenue:
            self.other_revenue.extend(_amounts(tariff.other_revenue))
        if tariff.adcvd_cases and _file_cases(tariff.adcvd_cases, self.cases):
            self.case_unknown = True


def derived_totals(declaration: Declaration) -> dict[str, Decimal | None]:
    """The record 90 totals a rule settles (None where it does not).

    The goods items are walked once (a large declaration does not fit a processor's cache:
    each walk over it costs more per line than the last line's arithmetic), what each line
    adds gathered in lists (the tests compare it with the totals worked out part by part).
    """
    items = declaration.goods_items
    sums = _Tariffs()
    duties = sums.duties
    all_usmca = bool(items)
    excise = False
    for item in items:
        us = item.national.us
        # the SPI of line_spi: the line's own, else S when it claims USMCA
        usmca = us.spi in USMCA_SPI if us is not None and us.spi else item.preference is not None
        all_usmca = all_usmca and usmca
        excise = excise or item.classification.hs6[:2] in _EXCISE_CHAPTERS
        tariffs = us.tariff_lines if us else ()
        if not tariffs:
            duties.append(ZERO if usmca else None)
        for tariff in tariffs:
            sums.add(tariff, usmca)
    return {
        "duty": _total(duties),
        "user_fees": _fees_total(declaration, sums.fees, all_usmca),
        "ir_tax": _total(sums.taxes) if sums.taxes else None if excise else ZERO,
        "ad_duty": None if sums.case_unknown else _total(sums.cases["A"]),
        "cvd_duty": None if sums.case_unknown else _total(sums.cases["C"]),
        "other_revenue": _total(sums.other_revenue),
    }


def _fees_total(
    declaration: Declaration, fees: list[Decimal | None], all_usmca: bool
) -> Decimal | None:
    """The user fees of record 90: the fees given, else free when every line claims USMCA."""
    header = declaration.national.us
    declared = [*fees, *(fee.amount for fee in header.fee_totals)] if header else fees
    if declared:
        return _total(declared)
    mode = header.mode_code if header else None
    return ZERO if all_usmca and mode is not None and mode not in _VESSEL_MODES else None

"""The record 90 totals settled by a documented rule (``derive.derived_totals``)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.countries.us import derive
from harmonized_customs.countries.us.abi_map import USMCA_SPI
from harmonized_customs.countries.us.derive import derived_totals
from harmonized_customs.model import Declaration

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "complete-us-import.json"


def _declaration(tariffs: list[dict[str, Any]], hs6: str = "170220") -> Declaration:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for item in data["goods_items"]:
        item["national"] = {"us": {"spi": "S"}}
    first = data["goods_items"][0]
    if hs6 != first["classification"]["hs6"]:
        first["classification"] = {"hs6": hs6}  # no national code under another HS6
    first["national"]["us"]["tariff_lines"] = tariffs
    return Declaration.model_validate(data)


def _case(number: str, duty: str) -> dict[str, Any]:
    return {"case_number": number, "duty": duty}


def test_totals_sum_the_lines_and_split_the_cases() -> None:
    tariffs = [
        {
            "hts": "1702204070",
            "duty": "10.50",
            "adcvd_cases": [_case("A570890000", "3.00"), _case("C570890000", "1.25")],
            "taxes": [{"amount": "2.00"}],
            "other_revenue": [{"amount": "0.40"}],
            "fees": [{"amount": "5.00"}],
        },
        {"hts": "1702204080", "adcvd_cases": [_case("A570890001", "4.00")]},
    ]
    totals = derived_totals(_declaration(tariffs))
    # line 1: 10.50 and its second tariff line's USMCA duty (0); lines 2 and 3 claim USMCA
    assert totals["duty"] == Decimal("10.50")
    assert totals["ad_duty"] == Decimal("7.00")
    assert totals["cvd_duty"] == Decimal("1.25")
    assert totals["ir_tax"] == Decimal("2.00")
    assert totals["other_revenue"] == Decimal("0.40")
    assert totals["user_fees"] == Decimal("5.00")


def test_a_case_of_unknown_kind_leaves_both_case_totals_open() -> None:
    tariffs = [{"hts": "1702204070", "adcvd_cases": [_case("A1", "3"), _case("X1", "1")]}]
    totals = derived_totals(_declaration(tariffs))
    assert totals["ad_duty"] is None
    assert totals["cvd_duty"] is None


def test_an_excise_chapter_leaves_the_ir_tax_open() -> None:
    assert derived_totals(_declaration([], hs6="220830"))["ir_tax"] is None
    assert derived_totals(_declaration([]))["ir_tax"] == Decimal("0.00")


_AMOUNTS = st.one_of(st.none(), st.sampled_from(["0", "1.25", "10.50", "3"]))
_FEES = st.lists(st.fixed_dictionaries({"amount": _AMOUNTS}), max_size=2)
_TARIFF_LINES = st.lists(
    st.fixed_dictionaries(
        {
            "duty": _AMOUNTS,
            "fees": _FEES,
            "taxes": _FEES,
            "other_revenue": _FEES,
            "adcvd_cases": st.lists(
                st.fixed_dictionaries(
                    {
                        "case_number": st.sampled_from([None, "A570890000", "C1", "c2", "X1"]),
                        "duty": _AMOUNTS,
                    }
                ),
                max_size=2,
            ),
        }
    ),
    max_size=2,
)


@st.composite
def _lines_and_header(draw: st.DrawFn) -> Declaration:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    items = data["goods_items"][: draw(st.integers(1, len(data["goods_items"])))]
    for item in items:
        item["classification"] = {"hs6": draw(st.sampled_from(["170220", "220830", "240110"]))}
        if not draw(st.booleans()):
            item.pop("preference", None)
        us = {
            "spi": draw(st.sampled_from([None, "S", "S+", "A"])),
            "tariff_lines": draw(_TARIFF_LINES),
        }
        item["national"] = {"us": us} if draw(st.integers(0, 3)) else {}
    data["goods_items"] = items
    header = data.setdefault("national", {}).setdefault("us", {})
    header["mode_code"] = draw(st.sampled_from([None, "10", "11", "30"]))
    header["fee_totals"] = draw(_FEES)
    return Declaration.model_validate(data)


@given(_lines_and_header())
def test_totals_in_one_pass_are_the_totals_by_parts(declaration: Declaration) -> None:
    assert derived_totals(declaration) == _totals_by_parts(declaration)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    given = [value for value in values if value is not None]
    return sum(given, derive.ZERO) if len(given) == len(values) else None


def _totals_by_parts(declaration: Declaration) -> dict[str, Decimal | None]:
    """The record 90 totals as first written: each line's amounts gathered, then each total."""
    duties: list[Decimal | None] = []
    fees: list[Decimal | None] = []
    taxes: list[Decimal | None] = []
    other: list[Decimal | None] = []
    cases: dict[str, list[Decimal | None]] = {"A": [], "C": []}
    unknown_case, excise = False, False
    all_usmca = bool(declaration.goods_items)
    for item in declaration.goods_items:
        usmca = derive.line_spi(item) in USMCA_SPI
        all_usmca = all_usmca and usmca
        excise = excise or item.classification.hs6[:2] in ("22", "24")
        tariffs = item.national.us.tariff_lines if item.national.us else []
        settled = derive.ZERO if usmca else None  # a USMCA claim's duty: free
        if not tariffs:
            duties.append(settled)
        for tariff in tariffs:
            duties.append(tariff.duty if tariff.duty is not None else settled)
            fees += [fee.amount for fee in tariff.fees]
            taxes += [tax.amount for tax in tariff.taxes]
            other += [revenue.amount for revenue in tariff.other_revenue]
            for case in tariff.adcvd_cases:
                kind = (case.case_number or "?")[:1].upper()
                if kind in "AC":
                    cases[kind].append(case.duty)
                else:
                    unknown_case = True
    header = declaration.national.us
    declared = fees + [fee.amount for fee in header.fee_totals] if header else fees
    mode = header.mode_code if header else None
    usmca_fees = all_usmca and mode is not None and mode not in ("10", "11")
    return {
        "duty": _sum(duties),
        "user_fees": _sum(declared) if declared else derive.ZERO if usmca_fees else None,
        "ir_tax": _sum(taxes) if taxes else None if excise else derive.ZERO,
        "ad_duty": None if unknown_case else _sum(cases["A"]),
        "cvd_duty": None if unknown_case else _sum(cases["C"]),
        "other_revenue": _sum(other),
    }

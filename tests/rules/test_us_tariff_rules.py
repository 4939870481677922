"""United States rules that use an imported HTSUS: real numbers, units and special columns.

The HTSUS lines come from ``tests/data/refdata/hts_excerpt.json`` (USITC layout, real 2026
lines); see the README there for what each line exercises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs import refdata
from harmonized_customs.issues import Severity

from .conftest import Complete, Data, build, check_for, seen

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
EXCERPT = Path(__file__).resolve().parents[1] / "data" / "refdata" / "hts_excerpt.json"
MINE = {
    "us_hts_unknown",
    "us_hts_unit_not_allowed",
    "us_hts_quantity_missing",
    "us_spi_not_in_hts",
    "us_duty_derived",
    "us_hts_missing",
}


def _use_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path))
    refdata.reset()


@pytest.fixture
def hts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The HTSUS excerpt imported as the edition in force from 2026-01-01."""
    _use_store(tmp_path, monkeypatch)
    refdata.import_file(
        "us-hts",
        EXCERPT,
        edition="2026 excerpt",
        valid_from=dt.date(2026, 1, 1),
        current_as_of=dt.date(2026, 10, 1),
    )
    yield
    refdata.reset()


def _one_line(complete: Complete, hts: str, *units: str, spi: str | None = "S") -> Data:
    """The complete US import cut to one line classified under ``hts`` with these quantities."""
    data = complete("US")
    data["goods_items"] = data["goods_items"][:1]
    item = data["goods_items"][0]
    item["classification"] = {"hs6": hts[:6], "us_hts": hts}
    item["tariff_quantities"] = [
        {"jurisdiction": "US", "value": "10", "unit": unit} for unit in units
    ]
    item["national"]["us"]["spi"] = spi
    if spi is None:
        item["preference"] = None
    return data


def _mine(report: hc.Report) -> list[tuple[str, str, Severity]]:
    return [(s.code, s.pointer, s.severity) for s in seen(report) if s.code in MINE]


def test_valid_number_in_its_unit_with_an_allowed_claim(hts: None, complete: Complete) -> None:
    report = check_for(_one_line(complete, "8708305020", "NO"), "US")
    assert _mine(report) == [("us_duty_derived", "/goods_items/0/customs_values", INFO)]
    assert report.ready("US")


def test_nonexistent_statistical_suffix_offers_the_real_ones(hts: None, complete: Complete) -> None:
    report = check_for(_one_line(complete, "8708305099", "NO"), "US")
    (issue,) = [i for i in report if i.code == "us_hts_unknown"]
    assert issue.severity is E
    assert issue.pointer == "/goods_items/0/classification/us_hts"
    codes = [c["code"] for c in issue.suggestion["choices"]]
    assert codes == ["8708305020", "8708305030", "8708305040", "8708305090"]
    assert issue.suggestion["choices"][0]["units"] == ["No."]


def test_wrong_unit_and_the_missing_one(hts: None, complete: Complete) -> None:
    report = check_for(_one_line(complete, "8708305020", "KG"), "US")
    assert _mine(report) == [
        ("us_hts_unit_not_allowed", "/goods_items/0/tariff_quantities/0/unit", E),
        ("us_hts_quantity_missing", "/goods_items/0/tariff_quantities", E),
        ("us_duty_derived", "/goods_items/0/customs_values", INFO),
    ]


def test_line_with_two_units_needs_both(hts: None, complete: Complete) -> None:
    report = check_for(_one_line(complete, "0102292011", "NO", spi=None), "US")
    (missing,) = [i for i in report if i.code == "us_hts_quantity_missing"]
    assert missing.ctx["unit"] == "KG"
    report = check_for(_one_line(complete, "0102292011", "NO", "KG", spi=None), "US")
    assert not [i for i in report if i.code.startswith("us_hts_")]


def test_usmca_claim_not_in_the_special_column(hts: None, complete: Complete) -> None:
    report = check_for(_one_line(complete, "8708292120", "NO"), "US")
    (issue,) = [i for i in report if i.code == "us_spi_not_in_hts"]
    assert issue.pointer == "/goods_items/0/national/us/spi"
    assert issue.ctx["programs"] == "-"


def test_duty_derived_from_the_general_rate(hts: None, complete: Complete) -> None:
    data = _one_line(complete, "8708305020", "NO", spi=None)
    item = data["goods_items"][0]
    item["customs_values"] = [
        {"jurisdiction": "US", "amount": {"amount": "1234.50", "currency": "USD"}}
    ]
    report = check_for(data, "US")
    (issue,) = [i for i in report if i.code == "us_duty_derived"]
    assert issue.ctx["rate"] == "2.5%"
    assert issue.suggestion == {"duty_usd": "30.86"}  # 1234.50 x 2.5 % = 30.8625


def test_hs6_only_line_offers_the_hts_numbers(hts: None, complete: Complete) -> None:
    data = _one_line(complete, "0101210010", "NO", spi=None)
    data["goods_items"][0]["classification"] = {"hs6": "010121"}
    report = check_for(data, "US")
    (issue,) = [i for i in report if i.code == "us_hts_missing"]
    assert [c["code"] for c in issue.suggestion["choices"]] == ["0101210010", "0101210020"]


def test_without_a_schedule_one_notice_and_no_line_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, complete: Complete
) -> None:
    _use_store(tmp_path, monkeypatch)
    report = hc.check(build(_one_line(complete, "8708305099", "KG")), ["US"])
    assert [i.code for i in report if i.code.startswith("us_hts")] == ["us_hts_dataset_missing"]
    refdata.reset()


def test_stale_schedule_turns_unknown_numbers_into_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, complete: Complete
) -> None:
    _use_store(tmp_path, monkeypatch)
    refdata.import_file("us-hts", EXCERPT, edition="old", valid_from=dt.date(2025, 1, 1))
    report = hc.check(build(_one_line(complete, "8708305099", "NO")), ["US"])
    found = {i.code: i.severity for i in report if i.code.startswith("us_hts")}
    assert found == {"us_hts_dataset_stale": INFO, "us_hts_unknown": W}
    refdata.reset()

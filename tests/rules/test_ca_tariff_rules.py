"""Canadian rules that use an imported Customs Tariff (the documented CSV format)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs import refdata
from harmonized_customs.issues import Severity

from .conftest import Complete, build, check_for

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "refdata" / "ca_tariff_sample.csv"


@pytest.fixture
def tariff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path))
    refdata.reset()
    refdata.import_file(
        "ca-tariff",
        SAMPLE,
        edition="sample",
        valid_from=dt.date(2026, 1, 1),
        current_as_of=dt.date(2026, 11, 1),
    )
    yield
    refdata.reset()


def test_known_classification_numbers_pass(tariff: None, complete: Complete) -> None:
    report = check_for(complete("CA"), "CA")
    assert not [i for i in report if i.code == "ca_tariff_unknown"]


def test_unknown_classification_number_offers_those_under_its_hs6(
    tariff: None, complete: Complete
) -> None:
    data = complete("CA")
    data["goods_items"][0]["classification"]["ca_tariff"] = "8311200099"
    report = check_for(data, "CA")
    (issue,) = [i for i in report if i.code == "ca_tariff_unknown"]
    assert issue.severity is Severity.ERROR
    assert [c["code"] for c in issue.suggestion["choices"]] == ["8311200010", "8311200020"]


def test_without_a_tariff_one_notice(complete: Complete) -> None:
    report = hc.check(build(complete("CA")), ["CA"])
    notices = [i for i in report if i.code == "ca_tariff_dataset_missing"]
    assert len(notices) == 1
    assert notices[0].severity is Severity.INFO
    assert report.ready("CA")

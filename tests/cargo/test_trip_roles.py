"""A trip that only leaves a country is that country's export: its arrival manifest is not due."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs.documents import get_kind
from harmonized_customs.issues import Severity
from harmonized_customs.model import CargoReport

TRIPS = Path(__file__).resolve().parents[2] / "examples" / "trips"


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TRIPS / name).read_text(encoding="utf-8"))
    return data


def _trip(data: dict[str, Any]) -> CargoReport:
    return CargoReport.model_validate(data)


def _found(trip: CargoReport, target: str) -> list[tuple[str, Severity]]:
    return [(i.code, i.severity) for i in hc.check(trip, targets=[target]).issues]


def _leaving_canada() -> CargoReport:
    """The Detroit-Windsor truck driven back: it leaves Canada at Windsor, enters at Detroit."""
    data = _data("detroit-windsor.json")
    data["crossings"] = [
        {**data["crossings"][1], "direction": "exit"},
        {**data["crossings"][0], "direction": "entry"},
    ]
    return _trip(data)


def test_trip_leaving_the_us_files_no_ace_manifest() -> None:
    trip = _trip(_data("detroit-windsor.json"))
    assert get_kind("cargo-report").role(trip, "US") == "export"
    assert _found(trip, "US") == [("us_trip_export_not_covered", Severity.INFO)]


def test_trip_leaving_canada_files_no_aci_emanifest() -> None:
    trip = _leaving_canada()
    assert get_kind("cargo-report").role(trip, "CA") == "export"
    assert _found(trip, "CA") == [("ca_trip_export_not_covered", Severity.INFO)]


def test_trip_leaving_canada_still_needs_its_us_arrival_manifest() -> None:
    codes = [code for code, _ in _found(_leaving_canada(), "US")]
    assert "us_trip_export_not_covered" not in codes
    assert "us_scn_missing" in codes


@pytest.mark.parametrize(
    ("name", "target"),
    [("northbound-monterrey-laredo.json", "US"), ("detroit-windsor.json", "CA")],
)
def test_trip_entering_the_country_gets_no_export_notice(name: str, target: str) -> None:
    assert _found(_trip(_data(name)), target) == []


def test_entering_trip_without_arrival_still_demands_it() -> None:
    data = _data("northbound-monterrey-laredo.json")
    for crossing in data["crossings"]:
        if crossing["country"] == "US":
            crossing.pop("port")
    assert ("us_arrival_missing", Severity.ERROR) in _found(_trip(data), "US")


@pytest.mark.parametrize("code", ["us_trip_export_not_covered", "ca_trip_export_not_covered"])
@pytest.mark.parametrize("language", ["fr", "es"])
def test_export_notice_is_translated(code: str, language: str) -> None:
    trip = _trip(_data("detroit-windsor.json")) if code[:2] == "us" else _leaving_canada()
    report = hc.check(trip, targets=[code[:2].upper()])
    english = report.render("en")
    assert code in english
    assert report.render(language) != english

"""ACE and ACI trip fixtures (tests/data/us/ace, tests/data/ca/aci): the exact issues of each."""

from __future__ import annotations

from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.issues import Severity
from harmonized_customs.model import CargoReport

DATA = Path(__file__).resolve().parents[1] / "data"
ACE, ACI = "us-ace-emanifest-json", "ca-aci-emanifest-json"
FOLDERS = {ACE: DATA / "us" / "ace", ACI: DATA / "ca" / "aci"}
TARGETS = {ACE: "US", ACI: "CA"}
VALID = {ACE: "valid-northbound.json", ACI: "valid-detroit-windsor.json"}

Expected = tuple[str, str, int, str | None]
"""(code, core pointer, line, wire pointer) of one reader issue."""

MALFORMED: list[tuple[str, str, Expected]] = [
    (
        ACE,
        "missing-scn.json",
        (
            "value_missing",
            "/shipments/1/shipment_control_number",
            107,
            "/shipments/1/shipmentControlNumber",
        ),
    ),
    (
        ACE,
        "bad-scn.json",
        (
            "value_format",
            "/shipments/0/shipment_control_number",
            58,
            "/shipments/0/shipmentControlNumber",
        ),
    ),
    (
        ACE,
        "bad-date.json",
        ("value_format", "/crossings/0/estimated_arrival", 6, "/estimatedArrivalDateTime"),
    ),
    (
        ACE,
        "impossible-date.json",
        ("value_invalid", "/crossings/0/estimated_arrival", 6, "/estimatedArrivalDateTime"),
    ),
    (
        ACE,
        "wrong-type.json",
        (
            "value_type",
            "/shipments/0/commodities/1/quantity",
            97,
            "/shipments/0/commodities/1/quantity",
        ),
    ),
    (ACE, "unknown-field.json", ("field_unknown", "/truck", 22, "/truck/colour")),
    (ACE, "not-json.json", ("json_syntax", "", 17, None)),
    (
        ACI,
        "missing-ccn.json",
        (
            "value_missing",
            "/shipments/1/cargo_control_number",
            97,
            "/shipments/1/cargoControlNumber",
        ),
    ),
    (
        ACI,
        "bad-ccn.json",
        (
            "value_format",
            "/shipments/0/cargo_control_number",
            56,
            "/shipments/0/cargoControlNumber",
        ),
    ),
    (
        ACI,
        "bad-date.json",
        ("value_format", "/crossings/0/estimated_arrival", 7, "/estimatedArrivalDateTime"),
    ),
    (
        ACI,
        "impossible-date.json",
        ("value_invalid", "/crossings/0/estimated_arrival", 7, "/estimatedArrivalDateTime"),
    ),
    (
        ACI,
        "wrong-type.json",
        (
            "value_type",
            "/shipments/1/commodities/0/gross_weight",
            133,
            "/shipments/1/commodities/0/weight",
        ),
    ),
    (ACI, "unknown-field.json", ("field_unknown", "/shipments/0", 96, "/shipments/0/hsCode")),
    (ACI, "not-json.json", ("json_syntax", "", 16, None)),
]

RULE_FIXTURES: list[tuple[str, str, str, str]] = [
    (ACE, "scn-other-carrier.json", "us_scn_form", "/shipments/1/shipment_control_number"),
    (ACI, "ccn-other-carrier.json", "ca_ccn_form", "/shipments/1/cargo_control_number"),
]


def _read(format_name: str, name: str) -> ReadResult:
    results = list(hc.read(FOLDERS[format_name] / name, format=format_name))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("format_name", [ACE, ACI])
def test_valid_fixture_reads_and_checks_without_errors(format_name: str) -> None:
    result = _read(format_name, VALID[format_name])
    assert result.issues == ()
    trip = result.document
    assert isinstance(trip, CargoReport)
    assert len(trip.shipments) == 2
    assert next(m.role for m in trip.crew) == "driver"
    report = hc.check(result, targets=[TARGETS[format_name]])
    assert [i.code for i in report.issues if i.severity is Severity.ERROR] == []


@pytest.mark.parametrize(
    ("format_name", "name", "expected"), MALFORMED, ids=[f"{f}-{n}" for f, n, _ in MALFORMED]
)
def test_malformed_fixture_gives_exact_located_issue(
    format_name: str, name: str, expected: Expected
) -> None:
    result = _read(format_name, name)
    assert result.document is None
    found = [
        (
            i.code,
            i.pointer,
            i.source.line if i.source else None,
            i.source.field if i.source else None,
        )
        for i in result.issues
    ]
    assert found == [expected]


@pytest.mark.parametrize(("format_name", "name", "code", "pointer"), RULE_FIXTURES)
def test_control_number_of_another_carrier_is_found_by_the_rules(
    format_name: str, name: str, code: str, pointer: str
) -> None:
    result = _read(format_name, name)
    assert result.issues == ()
    report = hc.check(result, targets=[TARGETS[format_name]])
    errors = [(i.code, i.pointer) for i in report.issues if i.severity is Severity.ERROR]
    assert errors == [(code, pointer)]


@pytest.mark.parametrize("format_name", [ACE, ACI])
def test_readme_names_every_fixture(format_name: str) -> None:
    folder = FOLDERS[format_name]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in readme for p in folder.glob("*.json"))

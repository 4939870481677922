"""Truck trips: the core model, the ACE and ACI JSON formats, trip rules, trip-declaration check."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from harmonized_customs import cargo_core_rules
from harmonized_customs.countries.ca import aci_emanifest
from harmonized_customs.countries.ca import cargo_rules as ca_rules
from harmonized_customs.countries.mx import cargo_rules as mx_rules
from harmonized_customs.countries.us import ace_emanifest
from harmonized_customs.countries.us import cargo_rules as us_rules
from harmonized_customs.model import CargoReport, Declaration
from harmonized_customs.model.schema import cargo_report_schema_text
from harmonized_customs.rules import Rule, RuleContext, list_rules, run_rules
from harmonized_customs.trip_consistency import check_trip_declarations

ROOT = Path(__file__).resolve().parents[2]
TRIPS = ROOT / "examples" / "trips"


def _trip(name: str) -> CargoReport:
    return CargoReport.model_validate_json((TRIPS / name).read_text(encoding="utf-8"))


NORTH = "northbound-monterrey-laredo.json"
WINDSOR = "detroit-windsor.json"


def _rules(module: ModuleType) -> list[Rule]:
    """The rules ``module`` defines, as the registry has them."""
    return [r for r in list_rules() if r.module == module.__name__]


def _codes(trip: CargoReport, module: ModuleType, target: str | None) -> list[str]:
    context = RuleContext(trip, target)
    return [i.code for i in run_rules(_rules(module), context)]


def test_trip_rules_are_rules_of_trips() -> None:
    for module in (us_rules, ca_rules, mx_rules, cargo_core_rules):
        assert _rules(module)
        assert {r.kind for r in _rules(module)} == {"cargo-report"}


def test_published_schema_is_up_to_date() -> None:
    path = ROOT / "src" / "harmonized_customs" / "schemas" / "cargo-report.schema.json"
    assert path.read_text(encoding="utf-8") == cargo_report_schema_text()


def test_schema_names_wco_ids() -> None:
    schema = json.loads(cargo_report_schema_text())
    assert schema["$defs"]["Commodity"]["properties"]["hs_code"]["x-wco-id"] == "145"
    assert schema["$defs"]["TripEquipment"]["properties"]["seals"]["x-wco-id"] == "165"


def test_pounds_convert_exactly_to_kilograms() -> None:
    commodity = _trip(WINDSOR).shipments[0].commodities[0]
    assert commodity.weight_kg == Decimal("26400") * Decimal("0.45359237")


@pytest.mark.parametrize(("module", "name"), [(ace_emanifest, NORTH), (aci_emanifest, WINDSOR)])
def test_round_trip_is_stable(module: Any, name: str) -> None:
    written = module.write(_trip(name))
    assert not [i for i in written.issues if i.blocking]
    back = list(module.read(written.output.encode()))
    assert back[0].issues == ()
    assert module.write(back[0].declaration).output == written.output


def test_ace_keeps_decimals_exact() -> None:
    text = ace_emanifest.dumps(_trip(NORTH))
    assert '"weight": 1450.500,' in text
    assert '"value": "18400.00"' in text


def test_ace_reports_what_it_cannot_carry() -> None:
    lost = {i.pointer for i in ace_emanifest.write(_trip(NORTH)).issues}
    assert "/shipments/0/customs_documents" in lost
    assert "/crossings/0" in lost  # the Mexican exit: ACE carries the US arrival only
    assert "/crossings/1" not in lost


def test_ace_without_us_crossing_is_an_error() -> None:
    issues = ace_emanifest.write(_trip(WINDSOR)).issues
    assert [(i.code, i.pointer) for i in issues if i.blocking] == [
        ("us_ace_entry_crossing_missing", "/crossings"),
        # ACE requires an SCN, which a Canada-bound trip does not have: said, not written empty
        ("value_missing", "/shipments/0/shipment_control_number"),
    ]


def test_malformed_ace_is_located() -> None:
    document = json.loads(ace_emanifest.dumps(_trip(NORTH)))
    document["shipments"][0]["shipmentControlNumber"] = "xnlt-1"
    del document["drivers"][0]["lastName"]
    data = json.dumps(document, indent=2).encode()
    issues = next(iter(ace_emanifest.read(data, "bad.json"))).issues
    found = [(i.code, i.pointer, i.source.line if i.source else None) for i in issues]
    assert found == [
        ("value_missing", "/crew/0/last_name", 34),
        ("value_too_short", "/shipments/0/shipment_control_number", 51),
        ("value_format", "/shipments/0/shipment_control_number", 51),
    ]


def test_aci_rejects_a_long_description() -> None:
    document = json.loads(aci_emanifest.dumps(_trip(WINDSOR)))
    document["shipments"][0]["commodities"][0]["description"] = "x" * 451
    issues = next(iter(aci_emanifest.read(json.dumps(document).encode()))).issues
    assert [(i.code, i.pointer) for i in issues] == [
        ("value_too_long", "/shipments/0/commodities/0/description")
    ]


def test_junk_gives_issues_not_exceptions() -> None:
    for data in (b"", b"\xff", b"[]", b'{"data": "ACE_TRIP"}', b"{" * 5000):
        results = list(ace_emanifest.read(data)) + list(aci_emanifest.read(data))
        assert all(r.declaration is None and r.issues for r in results)


def test_examples_are_ready_where_they_go() -> None:
    assert _codes(_trip(NORTH), us_rules, "US") == []
    assert _codes(_trip(WINDSOR), ca_rules, "CA") == []
    assert _codes(_trip(NORTH), mx_rules, "MX") == ["mx_ccp_seals_not_carried"]


def test_us_rules_say_what_windsor_trip_lacks_for_ace() -> None:
    assert _codes(_trip(WINDSOR), us_rules, "US") == [
        "us_trip_number_form",
        "us_scn_missing",
        "us_shipment_type_canadian",
        "us_arrival_missing",
    ]


def test_timing_and_fast_cards() -> None:
    trip = _trip(NORTH).model_copy(
        update={"reported_at": _trip(NORTH).crossings[1].estimated_arrival}
    )
    assert "us_manifest_too_late" in _codes(trip, us_rules, "US")
    fast = _trip(NORTH).model_copy(update={"fast": True})
    assert _codes(fast, cargo_core_rules, None) == ["fast_card_missing"]


def test_pars_and_pedimento_forms() -> None:
    data = json.loads((TRIPS / WINDSOR).read_text(encoding="utf-8"))
    data["shipments"][0]["cargo_control_number"] = "8X2K0077123"
    assert "ca_pars_not_embedded" in _codes(CargoReport.model_validate(data), ca_rules, "CA")
    data = json.loads((TRIPS / NORTH).read_text(encoding="utf-8"))
    data["shipments"][0]["customs_documents"][0]["number"] = "26-24-3456-6001234"
    assert "mx_ccp_pedimento_form" in _codes(CargoReport.model_validate(data), mx_rules, "MX")


def _declaration(scn: str, weight: str) -> Declaration:
    return Declaration.model_validate(
        {
            "direction": "import",
            "national": {"us": {"entry_number": "XNL00123456"}},
            "transport": {"mode": "3", "documents": [{"kind": "bill-of-lading", "number": scn}]},
            "totals": {"gross_weight_kg": weight, "package_count": 160},
            "goods_items": [
                {
                    "line_number": 1,
                    "description": "Brake pads",
                    "classification": {"hs6": "870830"},
                    "value": {"amount": "18400.00", "currency": "USD"},
                }
            ],
        }
    )


def test_consistent_declaration_gives_nothing() -> None:
    report = check_trip_declarations(_trip(NORTH), [_declaration("XNLT00045821", "11250.5")])
    assert [i.code for i in report.issues] == ["trip_declaration_not_found"]  # the pedimento


def test_mismatched_control_number_and_weight_are_found() -> None:
    report = check_trip_declarations(_trip(NORTH), [_declaration("XNLT00045812", "12400")])
    assert [(i.code, i.pointer) for i in report.issues if i.blocking] == [
        ("trip_control_number_mismatch", "/shipments/0/shipment_control_number"),
        ("trip_weight_mismatch", "/shipments/0/commodities"),
    ]
    assert "kg" in report.issues[-1].message("fr")


def test_a_shipper_without_name_is_reported_and_still_written() -> None:
    trip = _trip(NORTH)
    shipment = trip.shipments[0]
    nameless = trip.model_copy(
        update={
            "shipments": [
                shipment.model_copy(
                    update={"shipper": shipment.shipper.model_copy(update={"name": None})}
                )
            ]
        }
    )
    assert _codes(nameless, cargo_core_rules, None) == ["shipper_name_missing"]
    written = json.loads(ace_emanifest.write(nameless).output)
    assert "name" not in json.dumps(written["shipments"][0]["shipper"])

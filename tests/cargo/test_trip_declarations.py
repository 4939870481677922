"""The example trips against the declarations of their goods, in the API and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.cli import main
from harmonized_customs.model import CargoReport, Declaration

TRIPS = Path(__file__).resolve().parents[2] / "examples" / "trips"
NORTH = "northbound-monterrey-laredo"
EXAMPLES = {
    NORTH: ("us-entry", "mx-pedimento"),
    "detroit-windsor": ("ca-cad",),
}


def _files(trip: str) -> list[Path]:
    return [TRIPS / f"{trip}.json"] + [TRIPS / f"{trip}.{d}.json" for d in EXAMPLES[trip]]


def _declaration(name: str, **changes: object) -> Declaration:
    data = json.loads((TRIPS / name).read_text(encoding="utf-8"))
    if "scn" in changes:
        data["transport"]["documents"][0]["number"] = changes["scn"]
    if "weight" in changes:
        data["totals"]["gross_weight_kg"] = changes["weight"]
    return Declaration.model_validate(data)


@pytest.mark.parametrize("trip", sorted(EXAMPLES))
def test_example_trip_agrees_with_its_declarations(trip: str) -> None:
    documents = [hc.load(path) for path in _files(trip)]
    assert isinstance(documents[0], CargoReport)
    declarations = [d for d in documents[1:] if isinstance(d, Declaration)]
    assert len(declarations) == len(EXAMPLES[trip])
    report = hc.check_trip_declarations(documents[0], declarations)
    assert report.issues == ()


def test_mismatched_control_number_and_weight_are_found() -> None:
    trip = hc.load(TRIPS / f"{NORTH}.json")
    assert isinstance(trip, CargoReport)
    entry = _declaration(f"{NORTH}.us-entry.json", scn="XNLT00045812", weight="12400")
    pedimento = _declaration(f"{NORTH}.mx-pedimento.json")
    report = hc.check_trip_declarations(trip, [entry, pedimento])
    assert [(i.code, i.pointer) for i in report.issues] == [
        ("trip_control_number_mismatch", "/shipments/0/shipment_control_number"),
        ("trip_weight_mismatch", "/shipments/0/commodities"),
    ]


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["check-trip", *argv], out), out.getvalue()


def test_cli_exit_zero_when_consistent() -> None:
    code, text = _cli(*map(str, _files(NORTH)), "--lang", "fr")
    assert code == 0
    assert text.strip() == "aucune anomalie"


def test_cli_exit_one_on_mismatch(tmp_path: Path) -> None:
    wrong = tmp_path / "entry.json"
    entry = _declaration(f"{NORTH}.us-entry.json", scn="XNLT00045812")
    wrong.write_text(entry.model_dump_json(exclude_none=True), encoding="utf-8")
    code, text = _cli(str(TRIPS / f"{NORTH}.json"), str(wrong), "--output", "json")
    assert code == 1
    codes = [i["code"] for i in json.loads(text)["issues"]]
    assert codes == ["trip_declaration_not_found", "trip_control_number_mismatch"]


def test_cli_exit_two_when_unreadable(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert _cli(str(TRIPS / f"{NORTH}.json"), str(broken))[0] == 2
    declaration = str(TRIPS / f"{NORTH}.us-entry.json")
    assert _cli(declaration, declaration)[0] == 2

"""mx-cfdi-cartaporte31: SAT's XSDs (as shipped in satcfdi) are the oracle of what is written."""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from harmonized_customs.countries.mx import cartaporte31 as ccp
from harmonized_customs.format_registry import get_format
from harmonized_customs.issues import Issue
from harmonized_customs.model import CargoReport

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "mx" / "cartaporte31"
TRIPS = sorted(p for p in (ROOT / "examples" / "trips").glob("*.json") if p.name.count(".") == 1)
CARGO_FORMATS = ("us-ace-emanifest-json", "ca-aci-emanifest-json", "mx-cfdi-cartaporte31")
CP = "/cfdi:Comprobante/cfdi:Complemento/cartaporte31:CartaPorte"
VEHICLE = (
    f"{CP}/cartaporte31:Mercancias/cartaporte31:Autotransporte/cartaporte31:IdentificacionVehicular"
)


def _trip(name: str) -> CargoReport:
    path = ROOT / "examples" / "trips" / name
    return CargoReport.model_validate(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def _schema() -> etree.XMLSchema:
    spec = importlib.util.find_spec("satcfdi")
    assert spec is not None
    assert spec.submodule_search_locations is not None
    base = Path(next(iter(spec.submodule_search_locations)))
    cfd = base / "transform" / "schemas" / "www.sat.gob.mx" / "sitio_internet" / "cfd"
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4"
             schemaLocation="{(cfd / "4" / "cfdv40.xsd").as_uri()}"/>
  <xs:import namespace="http://www.sat.gob.mx/CartaPorte31"
             schemaLocation="{(cfd / "CartaPorte" / "CartaPorte31.xsd").as_uri()}"/>
</xs:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def _sat_errors(xml: bytes) -> list[str]:
    document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    schema = _schema()
    if schema.validate(document):
        return []
    log: Any = schema.error_log
    return [f"line {e.line}: {e.message}" for e in log]


def _read(data: bytes, name: str = "trip.xml") -> tuple[CargoReport | None, tuple[Issue, ...]]:
    result = next(iter(ccp.read(data, name)))
    document = result.document
    assert document is None or isinstance(document, CargoReport)
    return document, result.issues


def test_written_northbound_trip_is_valid_for_sat_xsd() -> None:
    output = ccp.write(_trip("northbound-monterrey-laredo.json")).output
    assert isinstance(output, bytes)
    assert _sat_errors(output) == []


def test_sat_xsd_oracle_rejects_a_truck_without_plate() -> None:
    assert _sat_errors((DATA / "missing-placavm.xml").read_bytes())


def test_valid_fixture_is_valid_for_sat_xsd_and_reads_without_issues() -> None:
    data = (DATA / "valid-northbound.xml").read_bytes()
    assert _sat_errors(data) == []
    trip, issues = _read(data)
    assert trip is not None
    assert issues == ()
    assert trip.shipments[0].documents("mx-pedimento") == ["26  24  3456  6001234"]
    assert trip.crossing("MX", "exit") is not None


FIXTURES = {
    "missing-placavm.xml": [
        ("mx_cfdi_attribute_missing", VEHICLE),
        ("value_missing", f"{VEHICLE}/@PlacaVM"),
    ],
    "bad-weight.xml": [
        ("value_type", f"{CP}/cartaporte31:Mercancias/cartaporte31:Mercancia[2]/@PesoEnKg")
    ],
    "version-30.xml": [("mx_ccp_version", f"{CP}/@Version")],
    "egreso.xml": [("mx_ccp_comprobante_type", "/cfdi:Comprobante/@TipoDeComprobante")],
    "doctype.xml": [("mx_cfdi_xml_forbidden", None)],
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_malformed_fixture_gives_exact_located_issues(name: str) -> None:
    _, issues = _read((DATA / name).read_bytes(), name)
    found = [(i.code, i.source.xpath if i.source else None) for i in issues]
    assert found == FIXTURES[name]
    assert all(i.source is not None and i.source.line for i in issues)


def test_writer_reports_seals_and_identifiers_it_cannot_carry() -> None:
    issues = ccp.write(_trip("northbound-monterrey-laredo.json")).issues
    lost = {i.pointer for i in issues if i.code == "value_not_carried"}
    assert "/equipment/0/seals" in lost
    assert "/shipments/0/shipment_control_number" in lost
    assert "/crossings/0/port" in lost
    assert all(i.target == "MX" for i in issues)


def test_trip_outside_mexico_names_the_missing_fiscal_values() -> None:
    issues = ccp.write(_trip("detroit-windsor.json")).issues
    missing = {
        (i.ctx["element"], i.ctx["attribute"])
        for i in issues
        if i.code == "mx_cfdi_attribute_missing"
    }
    assert ("cfdi:Emisor", "Rfc") in missing
    assert ("cartaporte31:Autotransporte", "PermSCT") in missing


def test_pounds_are_written_as_kilograms() -> None:
    trip = _trip("detroit-windsor.json")
    commodity = trip.shipments[0].commodities[0]
    output = ccp.write(trip).output
    assert isinstance(output, bytes)
    read, _ = _read(output)
    assert read is not None
    kg = read.shipments[0].commodities[0].gross_weight
    assert abs(kg - commodity.weight_kg) < 0.001


@pytest.mark.parametrize("trip_path", TRIPS, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", CARGO_FORMATS)
def test_each_example_reads_back_without_new_errors(trip_path: Path, name: str) -> None:
    trip = CargoReport.model_validate(json.loads(trip_path.read_text(encoding="utf-8")))
    fmt = get_format(name)
    assert fmt.writer is not None
    assert fmt.reader is not None
    written = fmt.writer(trip)
    data = written.output if isinstance(written.output, bytes) else written.output.encode()
    result = next(iter(fmt.reader(data, "out")))
    errors = [i for i in written.issues if i.severity.value == "error"]
    said = {(i.ctx.get("element"), i.ctx.get("attribute")) for i in errors}
    flagged = tuple(i.pointer for i in errors if i.pointer)
    new = [
        i
        for i in result.issues
        if i.severity.value == "error"
        and (i.ctx.get("element"), i.ctx.get("attribute")) not in said
        and not (i.pointer and i.pointer.startswith(flagged))
    ]
    assert new == []
    if not errors:
        assert result.document is not None

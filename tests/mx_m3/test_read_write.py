"""Reading the composed M3 files into declarations and writing them back identical."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.countries.mx import pedimento_m3
from harmonized_customs.countries.mx.m3_layout import decode
from harmonized_customs.identifiers import mx_pedimento
from harmonized_customs.issues import Severity
from harmonized_customs.model import Declaration

from .conftest import DATA, GOOD, read_path


def _declarations(path: Path) -> list[Declaration]:
    results = read_path(path)
    found = [r.declaration for r in results]
    assert all(d is not None for d in found)
    return [d for d in found if d is not None]


def test_there_are_at_least_ten_pedimentos() -> None:
    assert sum(len(read_path(p)) for p in GOOD) >= 10


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_reads_without_errors_or_warnings(path: Path) -> None:
    for result in read_path(path):
        assert result.declaration is not None
        assert [i for i in result.issues if i.severity != Severity.INFO] == []


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_writes_back_identical(path: Path) -> None:
    data = path.read_bytes()
    written = pedimento_m3.write_file(_declarations(path))
    assert written.issues == ()
    assert written.output == decode(data)[0]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_core_json_round_trip_keeps_the_m3_text(path: Path) -> None:
    again = [Declaration.model_validate_json(d.model_dump_json()) for d in _declarations(path)]
    assert pedimento_m3.write_file(again).output == decode(path.read_bytes())[0]


def test_single_pedimento_through_the_public_api() -> None:
    path = DATA / "m3901001.064"
    declaration = hc.load(path, format="mx-pedimento-m3")
    assert hc.dump(declaration, "mx-pedimento-m3") == path.read_bytes().decode("latin-1")


def test_sniffed_as_m3() -> None:
    assert hc.load(DATA / "m3901002.070").direction == "export"


def test_crlf_line_ends_read_the_same() -> None:
    data = (DATA / "m3901001.064").read_bytes()
    plain = _only(pedimento_m3.read(data, None))
    crlf = _only(pedimento_m3.read(data.replace(b"\n", b"\r\n"), None))
    assert plain == crlf


def _only(results: object) -> Declaration:
    found = list(results)  # type: ignore[call-overload]
    assert len(found) == 1
    declaration = found[0].declaration
    assert isinstance(declaration, Declaration)
    return declaration


def test_utf8_and_latin1_files_give_the_same_names() -> None:
    latin1 = _declarations(DATA / "m3901001.064")[0]
    utf8 = _declarations(DATA / "m3901008.064")[0]
    assert latin1.importer is not None
    assert utf8.importer is not None
    assert latin1.importer.name == utf8.importer.name == "ACEROS ÑANDÚ & ASOCIADOS, S.A. DE C.V."


@cache
def _a1_import() -> Declaration:
    return _declarations(DATA / "m3901001.064")[0]


class TestA1Import:
    """m3901001.064: definitive import, two partidas under T-MEC, two COVEs."""

    @pytest.fixture
    def declaration(self) -> Declaration:
        return _a1_import()

    def test_pedimento_number_parts(self, declaration: Declaration) -> None:
        mx = declaration.national.mx
        assert mx is not None
        assert mx.pedimento_number == "262439016000101"
        assert mx_pedimento.format(mx.pedimento_number) == "26  24  3901  6000101"
        assert mx_pedimento.parts(mx.pedimento_number).number == mx.pedimento_serial
        assert (mx.pedimento_serial, mx.patente, mx.aduana_seccion) == ("6000101", "3901", "240")
        assert mx.clave_pedimento == "A1"
        assert mx.tipo_operacion == "1"

    def test_importer_rfc_and_address(self, declaration: Declaration) -> None:
        importer = declaration.importer
        assert importer is not None
        assert importer.address is not None
        assert importer.identifier("mx-rfc") == "AÑA060315K22"
        assert importer.address.subdivision == "MX-NLE"
        assert importer.address.country == "MX"

    def test_exchange_rate_keeps_five_decimals(self, declaration: Declaration) -> None:
        assert declaration.valuation is not None
        rate = declaration.valuation.exchange_rates[0]
        assert (rate.source_currency, rate.target_currency) == ("USD", "MXN")
        assert str(rate.rate) == "17.84210"

    def test_partida_codes_and_values(self, declaration: Declaration) -> None:
        item = declaration.goods_items[1]
        assert item.classification.mx_fraccion == "72172001"
        assert item.classification.mx_nico == "01"
        assert item.classification.hs6 == "721720"
        assert (item.value.amount, item.value.currency) == (Decimal("3650.00"), "USD")
        assert item.customs_values[0].amount.amount == Decimal("68030")
        assert item.customs_values[0].amount.currency == "MXN"
        assert item.origin_country == "CA"
        assert item.tariff_quantities[0].unit == "1"

    def test_tmec_identifier_becomes_a_preference(self, declaration: Declaration) -> None:
        item = declaration.goods_items[0]
        assert item.preference is not None
        assert item.national.mx is not None
        assert item.national.mx.identifiers[0].complement1 == "USA"

    def test_invoices_and_dates(self, declaration: Declaration) -> None:
        assert [i.number for i in declaration.invoices] == ["COVE26A1B2C3D", "COVE26Z9Y8X7W"]
        total = declaration.invoices[1].total
        assert total is not None
        assert (total.amount, total.currency) == (Decimal("4935.00"), "CAD")
        assert declaration.arrival_date == dt.date(2026, 3, 5)
        assert declaration.seller is not None
        assert declaration.seller.name == "LONE STAR WIRE & CABLE CO."

    def test_contributions_per_partida(self, declaration: Declaration) -> None:
        line = declaration.goods_items[0].national.mx
        assert line is not None
        assert [(c.contribucion, c.importe) for c in line.contribuciones] == [
            ("3", Decimal("55411")),
            ("6", Decimal("0")),
        ]

    def test_transport_mode_road(self, declaration: Declaration) -> None:
        assert declaration.transport is not None
        assert declaration.transport.mode == "3"


def test_multi_pedimento_file_gives_three_declarations() -> None:
    found = _declarations(DATA / "m3901006.075")
    mx = [d.national.mx for d in found]
    assert [m.pedimento_serial for m in mx if m] == ["6000106", "6000107", "6000108"]
    assert [len(d.goods_items) for d in found] == [2, 5, 1]
    assert len(found[1].invoices) == 3


def test_transit_keeps_guias_and_containers() -> None:
    declaration = _declarations(DATA / "m3901005.071")[0]
    assert declaration.transport is not None
    assert declaration.transport.mode == "1"
    assert [d.number for d in declaration.transport.documents] == ["MAEU260312345"]
    assert [e.identifier for e in declaration.transport.equipment] == ["MSKU1234565"]
    assert declaration.valuation is not None
    assert declaration.valuation.currency == "EUR"


def test_virtual_v1_keeps_its_descargo() -> None:
    mx = _declarations(DATA / "m3901004.079")[0].national.mx
    assert mx is not None
    assert mx.clave_pedimento == "V1"
    assert mx.descargos[0].pedimento_original == "6000103"
    assert mx.descargos[0].fecha_original == dt.date(2026, 3, 6)


def test_export_names_the_destination() -> None:
    declaration = _declarations(DATA / "m3901002.070")[0]
    assert declaration.direction == "export"
    assert declaration.exporter is not None
    assert declaration.country_of_destination == "US"
    assert declaration.buyer is not None


def test_check_names_what_us_and_canada_still_need() -> None:
    declaration = _declarations(DATA / "m3901001.064")[0]
    report = hc.check(declaration, targets=["US", "CA"])
    us = {i.code for i in report.blocking("US")}
    ca = {i.code for i in report.blocking("CA")}
    assert {"us_hts_missing", "us_importer_number_missing"} <= us
    assert {"ca_classification_missing", "ca_importer_bn_missing"} <= ca


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_composed_pedimentos_are_ready_for_mexico(path: Path) -> None:
    for declaration in _declarations(path):
        report = hc.check(declaration, targets=["MX"])
        assert report.blocking("MX") == []
        assert report.ready("MX")


def test_export_pedimento_is_checked_as_a_mexican_export() -> None:
    declaration = _declarations(DATA / "m3901002.070")[0]
    assert declaration.country_of_export == "MX"
    report = hc.check(declaration, targets=["MX", "US"])
    assert report.ready("MX")
    assert "us_hts_missing" in {i.code for i in report.blocking("US")}


def test_read_with_the_files_encoding() -> None:
    data = (DATA / "m3901001.064").read_bytes()
    [result] = pedimento_m3.read(data, "m3901001.064", encoding="latin-1")
    assert result.declaration is not None
    assert result.declaration.importer is not None
    assert result.declaration.importer.name.startswith("ACEROS ÑANDÚ &")

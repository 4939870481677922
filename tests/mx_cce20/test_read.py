"""Reading mx-cfdi-cce20 into the core model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from harmonized_customs.format_registry import get_format, sniff
from harmonized_customs.issues import Severity
from harmonized_customs.jurisdictions.mx import cfdi_map as m
from harmonized_customs.jurisdictions.mx.cfdi_cce20 import read_cce

from .samples import DATA, satcfdi_comprobante

FULL = (DATA / "full.xml").read_bytes()


def test_full_reads_parties() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    assert decl.direction == "export"
    assert decl.exporter is not None
    assert decl.exporter.identifier("mx-rfc") == "EKU9003173C9"
    assert decl.exporter.identifier("mx-curp") == "BOXW310820HNERXN09"
    assert decl.exporter.address is not None
    assert decl.exporter.address.subdivision == "MX-NLE"
    assert decl.buyer is not None
    assert decl.buyer.identifiers[0].value == "741852963"
    assert decl.buyer.identifiers[0].country == "US"
    assert decl.consignee is not None
    assert decl.consignee.name == "Border Logistics Inc"


def test_full_reads_header() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    assert decl.invoices[0].number == "A-1043"
    assert decl.invoices[0].date == dt.date(2026, 11, 20)
    assert decl.national.mx is not None
    assert decl.national.mx.clave_pedimento == "A1"
    assert decl.valuation is not None
    assert decl.valuation.incoterm == "FCA"
    assert decl.valuation.exchange_rates[0].rate == Decimal("17.3910")


def test_full_reads_lines_with_fraccion_and_nico() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    first = decl.goods_items[0]
    assert first.classification.hs6 == "401110"
    assert first.classification.mx_fraccion == "40111010"
    assert first.classification.mx_nico == "01"
    assert first.tariff_quantities[0].unit == "06"
    assert first.tariff_quantities[0].value == Decimal(200)
    assert first.value.amount == Decimal("9000.00")
    assert str(first.value.amount) == "9000.00"


def test_values_without_a_place_are_kept_and_reported_as_info() -> None:
    result = read_cce(FULL, "full.xml", origin_country="MX")
    assert result.extras[f"{m.C}/@Serie"] == "EXP"
    assert result.extras[f"{m.CE}/cce20:Propietario[1]/@NumRegIdTrib"] == "987654321"
    kept = [i for i in result.issues if i.code == "source_value_not_kept"]
    assert len(kept) == len(result.extras)
    assert all(i.severity is Severity.INFO for i in kept)
    serie = next(i for i in kept if i.source and i.source.xpath == f"{m.C}/@Serie")
    assert serie.source is not None
    assert serie.source.line == 2


def test_kept_value_points_at_its_model_object() -> None:
    result = read_cce(FULL, origin_country="MX")
    serie = f"{m.mercancia(1)}/cce20:DescripcionesEspecificas[1]/@NumeroSerie"
    issue = next(i for i in result.issues if i.source and i.source.xpath == serie)
    assert issue.pointer == "/goods_items/0"
    assert result.extras[serie] == "L2026-0001"


def test_marca_and_modelo_are_the_partida_brand_and_model() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    national = decl.goods_items[0].national.mx
    assert national is not None
    assert (national.marca, national.modelo) == ("Norteña", "NR-550")
    assert decl.goods_items[1].national.mx is None


def test_time_of_fecha_is_kept_aside() -> None:
    result = read_cce(FULL, origin_country="MX")
    assert result.extras[f"{m.C}/@Fecha"] == "2026-11-20T14:35:10"


def test_origin_is_left_out_and_located() -> None:
    result = read_cce(FULL, "full.xml")
    assert result.declaration is not None
    assert all(item.origin_country is None for item in result.declaration.goods_items)
    origin = [i for i in result.issues if i.code == "mx_cfdi_origin_not_stated"]
    assert [i.pointer for i in origin] == [
        "/goods_items/0/origin_country",
        "/goods_items/1/origin_country",
    ]
    assert origin[0].source is not None
    assert origin[0].source.xpath == m.mercancia(1)


def test_registry_reader_yields_one_result_with_the_origin_issue() -> None:
    fmt = get_format("mx-cfdi-cce20")
    assert fmt.reader is not None
    results = list(fmt.reader(FULL, "full.xml"))
    assert len(results) == 1
    assert any(i.code == "mx_cfdi_origin_not_stated" for i in results[0].issues)


def test_sniffer_recognises_a_cfdi40() -> None:
    fmt = sniff(FULL, "full.xml")
    assert fmt is not None
    assert fmt.name == "mx-cfdi-cce20"


def test_sniffer_ignores_other_xml() -> None:
    fmt = get_format("mx-cfdi-cce20")
    assert fmt.sniffer is not None
    assert not fmt.sniffer(b"<?xml version='1.0'?><invoice/>")


def test_legacy_mexico_city_code_reads_as_iso() -> None:
    data = FULL.replace(b'Estado="NLE"', b'Estado="DIF"')
    decl = read_cce(data, origin_country="MX").declaration
    assert decl is not None
    assert decl.exporter is not None
    assert decl.exporter.address is not None
    assert decl.exporter.address.subdivision == "MX-CMX"


def test_unknown_country_keeps_the_whole_address_aside() -> None:
    data = FULL.replace(b'Calle="300 Dundas Street"', b'Calle="Sin calle"').replace(
        b'Calle="88 Mines Road" Municipio="Laredo" Estado="TX" Pais="USA"',
        b'Calle="88 Mines Road" Municipio="Laredo" Estado="TX" Pais="ZZZ"',
    )
    result = read_cce(data, origin_country="MX")
    assert result.declaration is not None
    assert result.declaration.consignee is not None
    assert result.declaration.consignee.address is None
    assert result.extras[f"{m.DEST_DOM}/@Pais"] == "ZZZ"


@pytest.mark.parametrize("origin", ["MX", "US"])
def test_origin_given_applies_to_every_line(origin: str) -> None:
    decl = read_cce(FULL, origin_country=origin).declaration
    assert decl is not None
    assert {i.origin_country for i in decl.goods_items} == {origin}


def test_reads_a_comprobante_built_by_satcfdi() -> None:
    result = read_cce(satcfdi_comprobante(), "satcfdi.xml", origin_country="MX")
    assert result.declaration is not None, result.issues
    assert [i for i in result.issues if i.severity is not Severity.INFO] == []
    item = result.declaration.goods_items[0]
    assert item.classification.mx_fraccion == "40111010"
    assert item.classification.mx_nico == "01"
    assert result.declaration.valuation is not None
    assert result.declaration.valuation.incoterm == "EXW"

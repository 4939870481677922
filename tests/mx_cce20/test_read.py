"""Reading mx-cfdi-cce20 into the core model."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal

import pytest

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_cce20 import read_cce
from harmonized_customs.format_registry import get_format, sniff
from harmonized_customs.issues import Severity

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
    assert first.tariff_quantities[0].unit == "6"  # Apéndice 7 code of c_UnidadAduana 06
    assert first.tariff_quantities[0].value == Decimal(200)
    assert first.value.amount == Decimal("9000.00")
    assert str(first.value.amount) == "9000.00"


def test_fiscal_values_are_kept_in_the_cfdi_block() -> None:
    result = read_cce(FULL, "full.xml", origin_country="MX")
    assert result.declaration is not None
    assert result.declaration.national.mx is not None
    cfdi = result.declaration.national.mx.cfdi
    assert cfdi is not None
    assert (cfdi.serie, cfdi.forma_pago, cfdi.metodo_pago) == ("EXP", "03", "PUE")
    assert (cfdi.lugar_expedicion, cfdi.regimen_fiscal_emisor) == ("64000", "601")
    assert (cfdi.domicilio_fiscal_receptor, cfdi.uso_cfdi, cfdi.exportacion) == (
        "64000",
        "S01",
        "02",
    )
    assert cfdi.domicilio_emisor is not None
    assert cfdi.domicilio_emisor.numero_exterior == "1450"
    assert cfdi.otros[f"{m.CE}/cce20:Propietario[1]/@NumRegIdTrib"] == "987654321"
    assert not [i for i in result.issues if i.code == "source_value_not_kept"]


def test_concepto_values_are_kept_on_the_goods_item() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    national = decl.goods_items[0].national.mx
    assert national is not None
    assert national.cfdi is not None
    assert (national.cfdi.clave_prod_serv, national.cfdi.objeto_imp) == ("25172504", "01")
    assert national.cfdi.numero_serie == "L2026-0001"


def test_cfdi_export_is_a_mexican_export() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    assert (decl.direction, decl.country_of_export) == ("export", "MX")


def test_certificate_folio_becomes_the_claims_certification_reference() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    claims = [item.preference for item in decl.goods_items]
    assert all(c is not None and c.program == "USMCA" for c in claims)
    reference = claims[0].certification_reference if claims[0] else None
    assert reference is not None
    assert (reference.kind, reference.number) == ("mx-cce-certificado-origen", "TMEC-2026-000871")


def test_marca_and_modelo_are_the_partida_brand_and_model() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    national = decl.goods_items[0].national.mx
    assert national is not None
    assert (national.marca, national.modelo) == ("Norteña", "NR-550")
    second = decl.goods_items[1].national.mx
    assert second is not None
    assert (second.marca, second.modelo) == (None, None)


def test_time_of_fecha_is_kept() -> None:
    decl = read_cce(FULL, origin_country="MX").declaration
    assert decl is not None
    assert decl.national.mx is not None
    assert decl.national.mx.cfdi is not None
    assert decl.national.mx.cfdi.hora == "14:35:10"


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
    assert result.declaration.national.mx is not None
    cfdi = result.declaration.national.mx.cfdi
    assert cfdi is not None
    assert cfdi.otros[f"{m.DEST_DOM}/@Pais"] == "ZZZ"


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


@pytest.mark.parametrize("enabled", [True, False])
def test_a_read_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert read_cce(FULL, origin_country="MX").declaration is not None
        assert read_cce(b"<not-xml", origin_country="MX").declaration is None
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

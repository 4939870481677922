"""Writing mx-cfdi-cce20: SAT's own XSD (as shipped in satcfdi) is the oracle."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_cce20 import dumps, write_cce
from harmonized_customs.countries.mx.cfdi_write import _plain_decimal
from harmonized_customs.format_registry import get_format
from harmonized_customs.issues import Issue, Severity
from harmonized_customs.model import Declaration

from . import samples

CFDI = "http://www.sat.gob.mx/cfd/4"
CCE = "http://www.sat.gob.mx/ComercioExterior20"
NS = {"cfdi": CFDI, "cce20": CCE}


def _changed(**changes: Any) -> Declaration:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data.update(changes)
    return Declaration.model_validate(data)


def _codes(issues: tuple[Issue, ...], code: str) -> list[Issue]:
    return [i for i in issues if i.code == code]


def _xpath(output: bytes | str, path: str) -> list[Any]:
    assert isinstance(output, bytes)
    found: Any = etree.fromstring(output).xpath(
        path.replace("/cfdi:Comprobante", "/*"), namespaces=NS
    )
    return list(found)


def test_sample_validates_against_sat_xsd() -> None:
    result = write_cce(samples.declaration(), samples.EXTRAS)
    assert isinstance(result.output, bytes)
    assert samples.sat_errors(result.output) == []


def test_sample_has_no_blocking_issue() -> None:
    result = write_cce(samples.declaration(), samples.EXTRAS)
    assert [i for i in result.issues if i.blocking] == []


def test_output_is_utf8_with_namespaces_and_schema_location() -> None:
    output = dumps(samples.declaration(), samples.EXTRAS)
    assert output.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(output)
    assert root.tag == f"{{{CFDI}}}Comprobante"
    assert root.nsmap["cfdi"] == CFDI
    assert root.nsmap["cce20"] == CCE
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert location is not None
    assert "http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd" in location
    assert "ComercioExterior20/ComercioExterior20.xsd" in location
    assert "Neumáticos".encode() in output


def test_registered_format_is_binary_and_writes_bytes() -> None:
    fmt = get_format("mx-cfdi-cce20")
    assert fmt.binary
    assert fmt.jurisdiction == "MX"
    assert fmt.writer is not None
    assert isinstance(fmt.writer(samples.declaration()).output, bytes)


def test_fraccion_arancelaria_is_fraccion_plus_nico() -> None:
    output = dumps(samples.declaration(), samples.EXTRAS)
    values = _xpath(output, f"{m.CE}/cce20:Mercancias/cce20:Mercancia/@FraccionArancelaria")
    assert values == ["4011101001", "8708100100"]


def test_missing_nico_is_reported_never_padded() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    del data["goods_items"][0]["classification"]["mx_nico"]
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_nico_missing")
    assert issue.pointer == "/goods_items/0/classification/mx_nico"
    assert issue.ctx["fraccion"] == "40111010"
    assert _xpath(result.output, f"{m.mercancia(1)}/@FraccionArancelaria") == []


def test_missing_fraccion_uses_the_mexican_rule_code() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][1]["classification"] = {"hs6": "870810"}
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_fraccion_missing")
    assert issue.pointer == "/goods_items/1/classification/mx_fraccion"
    assert issue.source is not None
    assert issue.source.xpath == f"{m.mercancia(2)}/@FraccionArancelaria"


def test_without_extras_the_fiscal_values_are_missing_errors() -> None:
    result = write_cce(samples.declaration())
    missing = {
        (i.ctx["element"], i.ctx["attribute"])
        for i in result.issues
        if i.code == "mx_cfdi_attribute_missing"
    }
    assert ("cfdi:Emisor", "RegimenFiscal") in missing
    assert ("cfdi:Comprobante", "LugarExpedicion") in missing
    assert ("cfdi:Concepto", "ClaveProdServ") in missing
    assert ("cfdi:Concepto", "ObjetoImp") in missing
    assert all(
        i.severity is Severity.ERROR for i in _codes(result.issues, "mx_cfdi_attribute_missing")
    )


def test_missing_attribute_issue_names_its_xpath_and_pointer() -> None:
    result = write_cce(samples.declaration())
    regimen = next(i for i in result.issues if i.ctx.get("attribute") == "RegimenFiscal")
    assert regimen.pointer == "/exporter"
    assert regimen.source is not None
    assert regimen.source.xpath == f"{m.EMISOR}/@RegimenFiscal"


def test_foreign_receptor_values_are_derived_and_reported() -> None:
    result = write_cce(samples.declaration(), samples.EXTRAS)
    derived = {
        i.ctx["attribute"]: i.ctx["value"] for i in _codes(result.issues, "mx_cfdi_value_derived")
    }
    assert derived["Rfc"] == "XEXX010101000"
    assert derived["UsoCFDI"] == "S01"
    assert derived["RegimenFiscalReceptor"] == "616"
    assert derived["DomicilioFiscalReceptor"] == "64000"
    assert derived["Exportacion"] == "02"


def test_extras_win_over_derivations() -> None:
    extras = {**samples.EXTRAS, f"{m.RECEPTOR}/@UsoCFDI": "CP01"}
    result = write_cce(samples.declaration(), extras)
    assert _xpath(result.output, f"{m.RECEPTOR}/@UsoCFDI") == ["CP01"]
    assert all(i.ctx.get("attribute") != "UsoCFDI" for i in result.issues)


def test_written_unsigned_and_says_so() -> None:
    result = write_cce(samples.declaration(), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_unsigned")
    assert issue.severity is Severity.INFO
    assert _xpath(result.output, f"{m.C}/@Sello") == [""]
    assert _xpath(result.output, f"{m.C}/@NoCertificado") == ["00000000000000000000"]


def test_a_stale_seal_from_extras_is_never_written_back() -> None:
    extras = {**samples.EXTRAS, f"{m.C}/@Sello": "QUJDRA==", f"{m.C}/@Certificado": "TUlJ"}
    result = write_cce(samples.declaration(), extras)
    assert _xpath(result.output, f"{m.C}/@Sello") == [""]
    assert _xpath(result.output, f"{m.C}/@Certificado") == [""]


def test_totals_are_computed_from_the_lines() -> None:
    output = dumps(samples.declaration(), samples.EXTRAS)
    assert _xpath(output, f"{m.C}/@SubTotal") == ["12120.50"]
    assert _xpath(output, f"{m.C}/@Total") == ["12120.50"]
    assert _xpath(output, f"{m.CE}/@TotalUSD") == ["12120.50"]


def test_values_without_a_place_are_reported_at_their_pointer() -> None:
    declaration = _changed(transport={"mode": "3"}, trader_reference="REF-77")
    result = write_cce(declaration, samples.EXTRAS)
    pointers = {i.pointer for i in _codes(result.issues, "value_not_carried")}
    assert {"/transport", "/trader_reference"} <= pointers  # the outermost node not written
    assert "/goods_items/0/origin_country" in pointers
    assert "/exporter/name" not in pointers
    assert all(
        i.ctx["format"] == "mx-cfdi-cce20" for i in _codes(result.issues, "value_not_carried")
    )


def test_import_declaration_gets_a_warning() -> None:
    result = write_cce(_changed(direction="import"), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_not_export")
    assert issue.pointer == "/direction"
    assert issue.severity is Severity.WARNING


def test_clave_other_than_a1_is_an_error() -> None:
    result = write_cce(_changed(national={"mx": {"clave_pedimento": "V1"}}), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_clave_pedimento_not_allowed")
    assert issue.ctx["code"] == "V1"
    assert issue.blocking


def test_non_usd_invoice_needs_its_exchange_rate() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["valuation"]["currency"] = "EUR"
    for item in data["goods_items"]:
        item["value"]["currency"] = "EUR"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    missing = {i.ctx["attribute"] for i in _codes(result.issues, "mx_cfdi_attribute_missing")}
    assert {"TipoCambio", "ValorDolares"} <= missing


@pytest.mark.parametrize("quantity", ["3", "7"])
def test_inexact_unit_value_is_not_rounded_silently(quantity: str) -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][0]["quantity"]["value"] = quantity
    data["goods_items"][0]["value"]["amount"] = "100.00"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    assert _xpath(result.output, f"{m.concepto(1)}/@ValorUnitario") == []
    missing = {i.ctx["attribute"] for i in _codes(result.issues, "mx_cfdi_attribute_missing")}
    assert "ValorUnitario" in missing


def test_date_outside_anexo_20_range_is_reported() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["invoices"][0]["date"] = "2000-01-01"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_value_invalid")
    assert issue.pointer == "/invoices/0/date"
    assert issue.ctx["attribute"] == "Fecha"


def test_control_character_is_refused_not_a_traceback() -> None:
    result = write_cce(
        _changed(trader_reference=None), {**samples.EXTRAS, f"{m.C}/@Serie": "A\x00B"}
    )
    (issue,) = _codes(result.issues, "mx_cfdi_value_invalid")
    assert issue.ctx["attribute"] == "Serie"
    assert _xpath(result.output, f"{m.C}/@Serie") == []


def test_pipe_character_is_reported() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][0]["description"] = "Llantas | rin 16"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_value_invalid")
    assert issue.ctx["attribute"] == "Descripcion"
    assert issue.pointer == "/goods_items/0"


def test_negative_amount_is_reported_not_changed() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][1]["value"]["amount"] = "-5.00"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    invalid = {i.ctx["attribute"] for i in _codes(result.issues, "mx_cfdi_value_invalid")}
    assert "Importe" in invalid
    assert _xpath(result.output, f"{m.concepto(2)}/@Importe") == ["-5.00"]


def test_too_many_decimals_for_valor_dolares_are_reported() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][0]["value"]["amount"] = "9000.12345"
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    details = {
        i.ctx["attribute"]: i.ctx["detail"] for i in _codes(result.issues, "mx_cfdi_value_invalid")
    }
    assert details["ValorDolares"] == "at most 4 decimals are allowed"


def test_residence_of_a_foreign_receptor_is_derived_from_its_address() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["buyer"]["identifiers"] = []
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    assert _xpath(result.output, f"{m.RECEPTOR}/@ResidenciaFiscal") == ["USA"]
    assert any(i.ctx.get("attribute") == "ResidenciaFiscal" for i in result.issues)


def test_marca_longer_than_the_cce_allows_is_reported() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][0]["national"] = {"mx": {"marca": "M" * 36}}
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    (issue,) = _codes(result.issues, "mx_cfdi_value_invalid")
    assert issue.ctx["attribute"] == "Marca"
    assert issue.ctx["detail"] == "the CFDI accepts 1 to 35 characters here, not 36"


def test_marca_and_modelo_are_written_as_descripciones_especificas() -> None:
    data = samples.declaration().model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][1]["national"] = {"mx": {"marca": "ACME", "modelo": "D-2"}}
    result = write_cce(Declaration.model_validate(data), samples.EXTRAS)
    specific = f"{m.mercancia(2)}/cce20:DescripcionesEspecificas"
    assert _xpath(result.output, f"{specific}/@Marca") == ["ACME"]
    assert _xpath(result.output, f"{specific}/@Modelo") == ["D-2"]
    assert isinstance(result.output, bytes)
    assert samples.sat_errors(result.output) == []


@pytest.mark.parametrize(
    ("value", "places", "plain"),
    [
        ("12.50", 2, True),
        ("7", 0, True),
        ("12.505", 2, False),
        ("1.", 2, False),
        ("-1", 2, False),
        (" 1", 2, False),
        ("١", 2, False),
        ("1e3", 2, False),
        ("9" * 25, 2, False),
    ],
)
def test_a_plain_decimal_is_told_quickly(value: str, places: int, plain: bool) -> None:
    assert _plain_decimal(value, places) is plain

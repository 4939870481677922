"""Comercio Exterior 2.0 and pedimento consistency rules: one passing and one failing case each.

Each test changes one thing in the complete Mexican import of ``conftest`` (or in that import
turned into a Mexican A1 export, as a CFDI with Comercio Exterior describes it) and says which
issue appears, or that none does.
"""

from __future__ import annotations

from typing import Any

import pytest

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_cce20 import read_cce
from harmonized_customs.issues import Severity

from .conftest import Complete, Data, as_export_from, build, check_for, seen

E, W = Severity.ERROR, Severity.WARNING
DATA_CCE = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "mx" / "cce20"


def _codes(data: Data) -> list[str]:
    return [i.code for i in check_for(data, "MX")]


def _cce_export(complete: Complete, **line: Any) -> Data:
    """The complete import as a Mexican A1 export, line 1 with CFDI values ``line``."""
    data = as_export_from(complete("MX"), "MX")
    data["exporter"], data["importer"] = data["importer"], None
    data["national"]["mx"]["cfdi"] = {"lugar_expedicion": "02300"}
    for item in data["goods_items"]:
        item["national"]["mx"]["identifiers"] = []
        item.pop("preference")
    data["certifications"] = []
    data["goods_items"][0]["national"]["mx"]["cfdi"] = line
    return data


# --- the export role of a CFDI -------------------------------------------------------------


def test_cfdi_export_is_checked_as_a_mexican_export() -> None:
    read = read_cce((DATA_CCE / "full.xml").read_bytes(), origin_country="MX")
    assert read.declaration is not None
    codes = [i.code for i in check_for(read.declaration.model_dump(mode="json"), "MX")]
    assert "mx_importer_missing" not in codes
    assert "mx_exporter_missing" not in codes
    assert "mx_unit_unknown" not in codes


# --- cce_valor_dolares_is_the_product --------------------------------------------------------


def test_valor_dolares_is_the_product(complete: Complete) -> None:
    data = _cce_export(complete, valor_unitario_aduana="0.80")  # 20000 kg x 0.80 = 16000.00
    assert _codes(data) == []


def test_valor_dolares_is_not_the_product(complete: Complete) -> None:
    data = _cce_export(complete, valor_unitario_aduana="0.81")
    report = check_for(data, "MX")
    assert [(s.code, s.pointer, s.severity) for s in seen(report)] == [
        (
            "mx_cce_valor_dolares_product",
            "/goods_items/0/national/mx/cfdi/valor_unitario_aduana",
            W,
        )
    ]
    assert next(iter(report)).ctx["computed"] == "16200.00"


def test_service_unit_has_no_product_to_check(complete: Complete) -> None:
    data = _cce_export(complete, valor_unitario_aduana="0.81")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "99"
    assert "mx_cce_valor_dolares_product" not in _codes(data)


# --- cce_valor_dolares_from_importe ----------------------------------------------------------


def _in_pesos(complete: Complete, dollars: str) -> Data:
    data = _cce_export(complete, valor_dolares=dollars)
    data["valuation"]["currency"] = "MXN"
    data["goods_items"][0]["value"] = {"amount": "276000.00", "currency": "MXN"}  # x 17.25
    return data


def test_valor_dolares_follows_from_importe(complete: Complete) -> None:
    assert "mx_cce_valor_dolares_inconsistent" not in _codes(_in_pesos(complete, "16000.00"))


def test_valor_dolares_does_not_follow_from_importe(complete: Complete) -> None:
    codes = _codes(_in_pesos(complete, "16100.00"))
    assert codes.count("mx_cce_valor_dolares_inconsistent") == 1


# --- cce_incoterm_in_catalogue ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["FCA", "DPU"])
def test_incoterm_of_the_cce_catalogue(complete: Complete, code: str) -> None:
    data = _cce_export(complete)
    data["valuation"]["incoterm"] = code
    assert _codes(data) == []


@pytest.mark.parametrize("code", ["DAT", "DAF", "DES", "DEQ", "DDU"])
def test_incoterm_outside_the_cce_catalogue(complete: Complete, code: str) -> None:
    data = _cce_export(complete)
    data["valuation"]["incoterm"] = code
    found = [s for s in seen(check_for(data, "MX")) if s.target == "MX"]
    assert [(s.code, s.pointer, s.severity) for s in found] == [
        ("mx_cce_incoterm_not_in_catalogue", "/valuation/incoterm", E)
    ]


# --- cce_exchange_rate_decimals (and the pedimento's 5) ---------------------------------------


def test_cfdi_rate_with_six_decimals_is_accepted(complete: Complete) -> None:
    data = _cce_export(complete)
    del data["national"]["mx"]["pedimento_number"]
    data["valuation"]["exchange_rates"][0]["rate"] = "17.250001"
    assert _codes(data) == []


def test_cfdi_rate_with_seven_decimals(complete: Complete) -> None:
    data = _cce_export(complete)
    del data["national"]["mx"]["pedimento_number"]
    data["valuation"]["exchange_rates"][0]["rate"] = "17.2500001"
    assert _codes(data) == ["mx_cce_exchange_rate_decimals"]


def test_pedimento_rate_with_six_decimals_keeps_its_five(complete: Complete) -> None:
    data = complete("MX")
    data["valuation"]["exchange_rates"][0]["rate"] = "17.250001"
    assert _codes(data) == ["mx_exchange_rate_decimals"]


# --- pedimento_year_matches_date --------------------------------------------------------------


def test_pedimento_year_is_the_declaration_year(complete: Complete) -> None:
    assert "mx_pedimento_year_mismatch" not in _codes(complete("MX"))


def test_pedimento_year_differs_from_the_declaration_year(complete: Complete) -> None:
    data = complete("MX")
    data["declaration_date"] = "2027-01-04"
    report = check_for(data, "MX")
    found = [i for i in report if i.code == "mx_pedimento_year_mismatch"]
    assert [(i.pointer, i.severity, i.ctx["year"]) for i in found] == [
        ("/national/mx/pedimento_number", W, "26")
    ]


# --- pedimento_serial_consistent --------------------------------------------------------------


def test_pedimento_serial_ends_the_number(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["pedimento_serial"] = "6001187"
    assert _codes(data) == []


def test_pedimento_serial_differs_from_the_number(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["pedimento_serial"] = "6001188"
    report = check_for(data, "MX")
    assert [(i.code, i.pointer, i.ctx["part"]) for i in report] == [
        ("mx_pedimento_parts_mismatch", "/national/mx/pedimento_serial", "consecutivo")
    ]


# --- cfdi_numero_pedimento_form ---------------------------------------------------------------

_NUMERO = f"{m.concepto(1)}/cfdi:InformacionAduanera[1]/@NumeroPedimento"


def _numero(complete: Complete, value: str) -> Data:
    data = complete("MX")
    data["national"]["mx"]["cfdi"] = {"otros": {_NUMERO: value}}
    return data


def test_cfdi_numero_pedimento_in_printed_form(complete: Complete) -> None:
    assert _codes(_numero(complete, "26  24  3999  6001187")) == []


@pytest.mark.parametrize("value", ["26 24 3999 6001187", "262439996001187", "26  24  3999  600118"])
def test_cfdi_numero_pedimento_not_in_printed_form(complete: Complete, value: str) -> None:
    assert _codes(_numero(complete, value)) == ["mx_pedimento_cfdi_form_invalid"]


def test_cfdi_numero_pedimento_of_another_pedimento(complete: Complete) -> None:
    assert _codes(_numero(complete, "26  24  3999  6001188")) == [
        "mx_pedimento_cfdi_number_mismatch"
    ]


# --- clave_regimen_operacion_consistent -------------------------------------------------------


def test_export_with_exd_and_tipo_2(complete: Complete) -> None:
    data = as_export_from(complete("MX"), "MX")
    assert "mx_regimen_operacion_mismatch" not in _codes(data)
    assert data["national"]["mx"]["regimen"] == "EXD"


def test_regimen_of_the_other_direction(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["regimen"] = "EXD"
    assert _codes(data) == ["mx_regimen_operacion_mismatch"]


def test_tipo_operacion_of_the_other_direction(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["tipo_operacion"] = "2"
    assert _codes(data) == ["mx_tipo_operacion_direction_mismatch"]


def test_clave_in_with_a_definitive_regimen(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"].update(clave_pedimento="IN", identifiers=[{"code": "IM"}])
    assert _codes(data) == ["mx_clave_regimen_mismatch"]


# --- immex_identifier_given -------------------------------------------------------------------


def test_immex_clave_with_identifier_im(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"].update(clave_pedimento="IN", regimen="ITE")
    data["national"]["mx"]["identifiers"] = [{"code": "IM", "complement1": "1234-2006"}]
    assert _codes(data) == []


def test_immex_clave_without_identifier_im(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"].update(clave_pedimento="IN", regimen="ITE")
    report = check_for(data, "MX")
    assert [(i.code, i.severity, i.ctx) for i in report] == [
        ("mx_identifier_required", W, {"code": "IM", "given": "clave IN"})
    ]


# --- tmec_origin_identifiers_given ------------------------------------------------------------


def _without_eo(data: Data) -> Data:
    for item in data["goods_items"]:
        item["national"]["mx"]["identifiers"] = [{"code": "TL", "complement1": "CAN"}]
    return data


def test_tl_with_po_instead_of_eo(complete: Complete) -> None:
    data = _without_eo(complete("MX"))
    for item in data["goods_items"]:
        item["national"]["mx"]["identifiers"].append({"code": "PO"})
    assert _codes(data) == []


def test_tl_without_eo_or_po(complete: Complete) -> None:
    report = check_for(_without_eo(complete("MX")), "MX")
    assert [(i.code, i.pointer, i.severity) for i in report] == [
        ("mx_identifier_required", f"/goods_items/{n}/national/mx/identifiers", W) for n in (0, 1)
    ]


def test_tl_without_eo_before_the_reform(complete: Complete) -> None:
    data = _without_eo(complete("MX"))
    for name in ("declaration_date", "arrival_date"):
        data[name] = "2023-12-28"
    assert "mx_identifier_required" not in _codes(data)


def test_build_keeps_the_cfdi_block(complete: Complete) -> None:
    declaration = build(_cce_export(complete, clave_prod_serv="50161509"))
    line = declaration.goods_items[0].national.mx
    assert line is not None
    assert line.cfdi is not None
    assert line.cfdi.clave_prod_serv == "50161509"


# --- certification references count as the claim's certification ------------------------------


def _referenced(data: Data) -> Data:
    for item in data["goods_items"]:
        claim = item.get("preference")
        if claim is not None and claim.pop("certification_id", None) is not None:
            claim["certification_reference"] = {
                "kind": "usmca-certification",
                "number": "USMCA-2026-0017",
                "issuer_role": "exporter",
            }
    data["certifications"] = []
    return data


@pytest.mark.parametrize("country", ["US", "CA", "MX"])
def test_certification_reference_is_a_certification(complete: Complete, country: str) -> None:
    data = _referenced(complete(country))
    assert any(
        "certification_reference" in (i.get("preference") or {}) for i in data["goods_items"]
    )
    assert list(check_for(data, country)) == []


@pytest.mark.parametrize("country", ["US", "CA", "MX"])
def test_claim_without_any_certification(complete: Complete, country: str) -> None:
    data = _referenced(complete(country))
    for item in data["goods_items"]:
        if item.get("preference"):
            item["preference"].pop("certification_reference", None)
    codes = {i.code for i in check_for(data, country)}
    assert "preference_claim_without_certification" in codes or any(
        c.endswith("certification_missing") or c.endswith("certification_required") for c in codes
    )

"""Mexican filing rules: one change to a complete Mexican import, one SAT/ANAM issue."""

from __future__ import annotations

import pytest

from harmonized_customs.countries.mx import rules as mx_rules
from harmonized_customs.issues import Severity
from harmonized_customs.rules import Rule, RuleContext, list_rules, run_rules

from .conftest import (
    EXPORTER_MX_RFC,
    IMPORTER_MX_RFC,
    Complete,
    Data,
    Seen,
    as_export_from,
    build,
    check_for,
    only,
    seen,
    without_coverage,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [r for r in list_rules() if r.module.startswith(mx_rules.__name__)]
"""The rules this module defines, as the registry has them."""

TESTED = {
    "declaring_party_named",
    "declaring_party_has_rfc",
    "regimen_known",
    "fraccion_and_nico",
    "clave_pedimento_given",
    "aduana_given",
    "patente_given",
    "exchange_rate_given",
    "value_convertible_to_mxn",
    "transport_mode_given",
    "quantities_given",
    "invoice_given",
    "tmec_claim_identified",
    "pedimento_number_consistent",
    "aduana_entrada_known",
    "exchange_rate_decimals",
    "units_in_apendice_7",
    "invoices_dated",
    "transport_codes_known",
    "cce_values_in_usd",
    # tests/rules/test_mx_cce_pedimento_rules.py
    "cce_valor_dolares_is_the_product",
    "cce_valor_dolares_from_importe",
    "cce_incoterm_in_catalogue",
    "cce_exchange_rate_decimals",
    "pedimento_year_matches_date",
    "pedimento_serial_consistent",
    "cfdi_numero_pedimento_form",
    "clave_regimen_operacion_consistent",
    "immex_identifier_given",
    "tmec_origin_identifiers_given",
}


def test_every_mx_rule_has_tests() -> None:
    assert {r.name for r in RULES} == TESTED


def test_complete_declaration_is_ready_without_any_issue(complete: Complete) -> None:
    report = check_for(complete("MX"), "MX")
    assert report.ready("MX")
    assert list(report) == []


@pytest.mark.parametrize("each", RULES, ids=lambda r: r.name)
def test_rule_silent_on_complete_declaration(complete: Complete, each: Rule) -> None:
    declaration = build(complete("MX"))
    assert without_coverage(run_rules([each], RuleContext(declaration, "MX", "import"))) == []


def _rates(data: Data, *rates: tuple[str, str, str]) -> Data:
    data["valuation"]["exchange_rates"] = [
        {"source_currency": s, "target_currency": t, "rate": r} for s, t, r in rates
    ]
    return data


def _mexican_export(data: Data) -> Data:
    """The complete import turned into a Mexican export (the role MX then checks)."""
    return as_export_from(data, "MX")


# --- declaring_party_has_rfc ----------------------------------------------------------------


def test_importer_without_name(complete: Complete) -> None:
    data = complete("MX")
    data["importer"].pop("name")
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_importer_name_missing", "MX", "/importer/name", "R037", E)]
    assert not report.ready("MX")


def test_importer_missing(complete: Complete) -> None:
    data = complete("MX")
    data["importer"] = None
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_importer_missing", "MX", "/importer", "74A", E)]
    assert only(report).ctx == {}
    assert not report.ready("MX")


def test_importer_rfc_missing(complete: Complete) -> None:
    data = complete("MX")
    data["importer"]["identifiers"] = [{"scheme": "tax-id", "value": "CEG150312", "country": "MX"}]
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_importer_rfc_missing", "MX", "/importer/identifiers", "R038", E)
    ]


def test_importer_rfc_check_digit_failure_is_a_warning(complete: Complete) -> None:
    data = complete("MX")
    wrong = IMPORTER_MX_RFC[:-1] + ("8" if IMPORTER_MX_RFC[-1] != "8" else "9")
    data["importer"]["identifiers"][0]["value"] = wrong
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_rfc_bad_check_digit", None, "/importer/identifiers/0/value", "R038", W)
    ]
    assert only(report).ctx == {
        "identifier": "mx-rfc",
        "value": wrong,
        "check_digit": wrong[-1],
        "expected": IMPORTER_MX_RFC[-1],
    }
    assert report.ready("MX")
    assert report.blocking("MX") == []


def test_importer_generic_foreign_rfc(complete: Complete) -> None:
    data = complete("MX")
    data["importer"]["identifiers"][0]["value"] = "XEXX010101000"
    assert list(check_for(data, "MX")) == []


def test_export_checks_the_exporter_rfc(complete: Complete) -> None:
    data = _mexican_export(complete("MX"))  # exporter: a Canadian company without RFC
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_exporter_rfc_missing", "MX", "/exporter/identifiers", "R032", E)
    ]
    assert not report.ready("MX")


def test_export_with_exporter_rfc_is_ready(complete: Complete) -> None:
    data = _mexican_export(complete("MX"))
    data["exporter"]["identifiers"] = [{"scheme": "mx-rfc", "value": EXPORTER_MX_RFC}]
    data["importer"]["identifiers"] = []  # the foreign buyer's RFC is not asked for
    report = check_for(data, "MX")
    assert list(report) == []
    assert report.ready("MX")


def test_export_without_exporter(complete: Complete) -> None:
    data = _mexican_export(complete("MX"))
    data["exporter"] = None
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_exporter_missing", "MX", "/exporter", "57A", E)]
    assert only(report).ctx == {}


def test_export_from_another_country_is_checked_as_mexican_import(complete: Complete) -> None:
    data = as_export_from(complete("MX"), "CA")
    assert list(check_for(data, "MX")) == []


# --- fraccion_and_nico ----------------------------------------------------------------------


def test_fraccion_missing(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["classification"]["mx_fraccion"] = None
    data["goods_items"][1]["classification"]["mx_nico"] = None  # a NICO needs its fracción
    report = check_for(data, "MX")
    choices = [  # SAT c_FraccionArancelaria under HS 0713.10, offered, never chosen
        {"code": "0713100100", "description": "Para siembra", "units": ["01"]},
        {"code": "0713109900", "description": "Los demás", "units": ["01"]},
    ]
    suggestion = {"choices": [{**c, "fraccion": c["code"][:8], "nico": "00"} for c in choices]}
    assert seen(report) == [
        Seen(
            "mx_fraccion_missing",
            "MX",
            "/goods_items/1/classification/mx_fraccion",
            None,
            E,
            suggestion,
        )
    ]
    assert only(report).ctx == {"line": 2, "hs6": "071310"}


def test_nico_missing(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["classification"]["mx_nico"] = None
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_nico_missing", "MX", "/goods_items/0/classification/mx_nico", None, E)
    ]
    assert only(report).ctx == {"line": 1, "fraccion": "07134001"}


# --- clave_pedimento_given ------------------------------------------------------------------


def test_clave_pedimento_missing(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["clave_pedimento"] = None
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_clave_pedimento_missing", "MX", "/national/mx/clave_pedimento", "D013", E)
    ]


def test_clave_pedimento_unknown(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["clave_pedimento"] = "Z9"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_clave_pedimento_unknown", "MX", "/national/mx/clave_pedimento", "D013", W)
    ]
    assert only(report).ctx == {"code": "Z9"}


def test_no_mx_block_at_all(complete: Complete) -> None:
    data = complete("MX")
    data["national"] = {}
    assert seen(check_for(data, "MX")) == [
        Seen("mx_clave_pedimento_missing", "MX", "/national/mx/clave_pedimento", "D013", E),
        Seen("mx_aduana_missing", "MX", "/national/mx/aduana_seccion", "065", E),
        Seen("mx_patente_missing", "MX", "/national/mx/patente", "R004", E),
    ]


# --- aduana_given ---------------------------------------------------------------------------


def test_aduana_missing(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_seccion"] = None
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_aduana_missing", "MX", "/national/mx/aduana_seccion", "065", E)
    ]


def test_unknown_seccion_is_information_only(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_seccion"] = "249"  # aduana 24 as in the pedimento number
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_aduana_unknown", "MX", "/national/mx/aduana_seccion", "065", INFO)
    ]
    assert only(report).ctx == {"code": "249"}
    assert report.ready("MX")


# --- patente_given --------------------------------------------------------------------------


def test_patente_missing(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["patente"] = None
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_patente_missing", "MX", "/national/mx/patente", "R004", E)]


def test_patente_of_the_declarant(complete: Complete) -> None:
    data = complete("MX")
    data["declarant"] = {
        "name": "Agencia Aduanal Ejemplo, S.C.",
        "identifiers": [{"scheme": "mx-patente", "value": data["national"]["mx"].pop("patente")}],
    }
    assert list(check_for(data, "MX")) == []


# --- exchange_rate_given --------------------------------------------------------------------


def test_exchange_rate_missing_reported_once(complete: Complete) -> None:
    data = _rates(complete("MX"))
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_exchange_rate_missing", "MX", "/valuation/exchange_rates", None, E)
    ]


def test_exchange_rate_through_an_inverse_rate(complete: Complete) -> None:
    data = _rates(complete("MX"), ("MXN", "USD", "0.058"))
    assert list(check_for(data, "MX")) == []


def test_exchange_rate_needed_even_for_peso_values(complete: Complete) -> None:
    data = _rates(complete("MX"))
    for item in data["goods_items"]:
        item["value"]["currency"] = "MXN"
    assert [s.code for s in seen(check_for(data, "MX"))] == ["mx_exchange_rate_missing"]


# --- value_convertible_to_mxn ---------------------------------------------------------------


def test_value_not_convertible(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["value"]["currency"] = "CAD"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_value_not_convertible", "MX", "/goods_items/0/value/currency", "135", E)
    ]
    assert only(report).ctx == {"line": 1, "currency": "CAD"}


def test_value_not_convertible_and_no_dollar_rate(complete: Complete) -> None:
    data = _rates(complete("MX"))
    data["goods_items"][0]["value"]["currency"] = "CAD"
    assert [s.code for s in seen(check_for(data, "MX"))] == [
        "mx_exchange_rate_missing",
        "mx_value_not_convertible",
    ]


@pytest.mark.parametrize(
    "rate",
    [("CAD", "MXN", "12.70"), ("CAD", "USD", "0.74"), ("USD", "CAD", "1.35")],
    ids=["direct", "through-usd", "through-usd-inverse"],
)
def test_value_converted(complete: Complete, rate: tuple[str, str, str]) -> None:
    data = _rates(complete("MX"), ("USD", "MXN", "17.25"), rate)
    data["goods_items"][0]["value"]["currency"] = "CAD"
    assert list(check_for(data, "MX")) == []


# --- transport_mode_given -------------------------------------------------------------------


def test_transport_missing(complete: Complete) -> None:
    data = complete("MX")
    data["transport"] = None
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_transport_mode_missing", "MX", "/transport", None, E)]


# --- quantities_given -----------------------------------------------------------------------


def test_commercial_quantity_missing(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["quantity"] = None
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_commercial_quantity_missing", "MX", "/goods_items/1/quantity", None, E)
    ]
    assert only(report).ctx == {"line": 2}


@pytest.mark.parametrize("jurisdictions", [[], ["US"], ["US", "CA"]])
def test_tariff_quantity_missing(complete: Complete, jurisdictions: list[str]) -> None:
    data = complete("MX")
    data["goods_items"][0]["tariff_quantities"] = [
        {"jurisdiction": j, "value": "20000", "unit": "KG"} for j in jurisdictions
    ]
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_tariff_quantity_missing", "MX", "/goods_items/0/tariff_quantities", None, E)
    ]
    assert only(report).ctx == {"line": 1}


# --- invoice_given --------------------------------------------------------------------------


def test_invoice_missing(complete: Complete) -> None:
    data = complete("MX")
    data["invoices"] = []
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_invoice_missing", "MX", "/invoices", None, E)]


# --- tmec_claim_identified ------------------------------------------------------------------

IDENTIFIERS = "/goods_items/{}/national/mx/identifiers"


def test_tl_suggested_for_a_claim(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["national"]["mx"]["identifiers"] = []
    report = check_for(data, "MX")
    suggestion = {"code": "TL", "complement1": "CAN"}
    assert seen(report) == [
        Seen("mx_tmec_identifier_suggested", "MX", IDENTIFIERS.format(1), None, INFO, suggestion)
    ]
    assert only(report).ctx == {"line": 2, "complement": "CAN"}
    assert report.ready("MX")


def test_tl_suggested_with_usa_when_exported_from_the_us(complete: Complete) -> None:
    data = complete("MX")
    data["country_of_export"] = "US"  # Canadian lentils shipped on from a US warehouse
    data["goods_items"][0]["national"]["mx"]["identifiers"] = []
    report = check_for(data, "MX")
    assert [(i.code, i.pointer, i.suggestion) for i in report] == [
        (
            "mx_tmec_identifier_suggested",
            IDENTIFIERS.format(0),
            {"code": "TL", "complement1": "USA"},
        ),
        ("mx_tmec_complement_mismatch", IDENTIFIERS.format(1), None),
    ]
    assert [i.ctx for i in report] == [
        {"line": 1, "complement": "USA"},
        {"line": 2, "complement": "CAN", "country": "US"},
    ]


def test_each_check_asks_for_its_own_exporting_party(complete: Complete) -> None:
    """The T-MEC table is read once a check: a check after another gives its own Party's code."""
    canadian = complete("MX")
    canadian["goods_items"][0]["national"]["mx"]["identifiers"] = []
    american = complete("MX")
    american["goods_items"][0]["national"]["mx"]["identifiers"] = []
    american["country_of_export"] = "US"
    suggestions = [check_for(data, "MX").issues[0].suggestion for data in (canadian, american)]
    assert suggestions == [{"code": "TL", "complement1": c} for c in ("CAN", "USA")]


def test_the_line_rules_facts_are_kept_for_their_check_only(complete: Complete) -> None:
    declaration = build(complete("MX"))
    context = RuleContext(declaration, "MX")
    kept = mx_rules._facts(context)
    assert mx_rules._facts(context) is kept
    assert kept.claim == ("TL", "CAN")
    assert mx_rules._facts(RuleContext(declaration, "MX")) is not kept


def test_tl_complement_mismatch(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["national"]["mx"]["identifiers"][0]["complement1"] = "USA"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_tmec_complement_mismatch", "MX", IDENTIFIERS.format(0), None, E)
    ]
    assert only(report).ctx == {"line": 1, "complement": "USA", "country": "CA"}
    assert not report.ready("MX")


def test_tl_without_complement(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["national"]["mx"]["identifiers"][0]["complement1"] = None
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_tmec_complement_mismatch", "MX", IDENTIFIERS.format(0), None, E)
    ]
    assert only(report).ctx == {"line": 1, "complement": "", "country": "CA"}


def test_tmec_claim_without_certification(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["preference"]["certification_id"] = None
    report = check_for(data, "MX")
    # the MX code restates the core one: it replaces it for the Mexican filing
    assert seen(report) == [
        Seen("mx_tmec_certification_missing", "MX", "/goods_items/1/preference", None, W),
    ]
    assert report.issues[0].ctx == {"line": 2}
    assert report.ready("MX")


def test_no_claim_no_tl_check(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["preference"] = None
    data["goods_items"][0]["national"]["mx"]["identifiers"][0]["complement1"] = "USA"
    assert list(check_for(data, "MX")) == []


def test_tl_not_checked_on_export(complete: Complete) -> None:
    data = _mexican_export(complete("MX"))
    data["exporter"]["identifiers"] = [{"scheme": "mx-rfc", "value": EXPORTER_MX_RFC}]
    data["goods_items"][0]["national"]["mx"]["identifiers"] = []
    data["goods_items"][1]["national"]["mx"]["identifiers"][0]["complement1"] = "USA"
    assert list(check_for(data, "MX")) == []


def test_tl_complement_is_the_exporting_party_not_the_origin(complete: Complete) -> None:
    data = complete("MX")  # exported from Canada
    data["goods_items"][0]["origin_country"] = "US"
    data["goods_items"][0]["origin_subdivision"] = "US-ND"
    assert list(check_for(data, "MX")) == []


def test_tl_exporting_party_falls_back_to_the_exporter(complete: Complete) -> None:
    data = complete("MX")
    data["country_of_export"] = None  # the exporter is in Saskatoon
    data["goods_items"][0]["national"]["mx"]["identifiers"][0]["complement1"] = "USA"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_tmec_complement_mismatch", "MX", IDENTIFIERS.format(0), None, E)
    ]
    assert only(report).ctx == {"line": 1, "complement": "USA", "country": "CA"}


# --- pedimento_number_consistent --------------------------------------------------------------


def test_pedimento_number_names_another_patente(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["patente"] = "3998"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_pedimento_parts_mismatch", "MX", "/national/mx/pedimento_number", "D014", E)
    ]
    assert only(report).ctx["part"] == "patente"
    assert (only(report).ctx["found"], only(report).ctx["expected"]) == ("3999", "3998")


def test_pedimento_number_names_another_aduana(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_seccion"] = "230"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_pedimento_parts_mismatch", "MX", "/national/mx/pedimento_number", "D014", E)
    ]
    assert (only(report).ctx["part"], only(report).ctx["expected"]) == ("aduana", "23")


# --- aduana_entrada_known ---------------------------------------------------------------------


def test_aduana_of_entry_unknown(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_entrada_salida"] = "999"  # SAT's c_Aduana has no aduana 99
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_aduana_unknown", "MX", "/national/mx/aduana_entrada_salida", None, E)
    ]
    assert not report.ready("MX")


def test_unknown_seccion_of_a_real_aduana_is_information_only(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_entrada_salida"] = "249"  # Nuevo Laredo, sección 9
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_aduana_unknown", "MX", "/national/mx/aduana_entrada_salida", None, INFO)
    ]
    assert report.ready("MX")


def test_aduana_of_entry_known(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["aduana_entrada_salida"] = "240"
    assert list(check_for(data, "MX")) == []


# --- exchange_rate_decimals -------------------------------------------------------------------


def test_exchange_rate_with_six_decimals(complete: Complete) -> None:
    data = _rates(complete("MX"), ("USD", "MXN", "17.842105"))
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_exchange_rate_decimals", "MX", "/valuation/exchange_rates/0/rate", "118", W)
    ]
    assert only(report).ctx == {"rate": "17.842105"}


def test_exchange_rate_with_five_decimals(complete: Complete) -> None:
    data = _rates(complete("MX"), ("USD", "MXN", "17.84210"))
    assert list(check_for(data, "MX")) == []


# --- units_in_apendice_7 ----------------------------------------------------------------------


def test_umt_not_in_apendice_7(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "KGM"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_unit_unknown", "MX", "/goods_items/0/tariff_quantities/0/unit", None, W)
    ]
    assert only(report).ctx == {"line": 1, "unit": "KGM", "kind": "UMT"}


def test_umc_without_apendice_7_code(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["quantity"]["unit"] = "XBG"
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_unit_unknown", "MX", "/goods_items/1/quantity/unit", None, W)]
    assert only(report).ctx == {"line": 2, "unit": "XBG", "kind": "UMC"}


def test_umc_filed_as_apendice_7_code_is_enough(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][1]["quantity"]["unit"] = "XBG"
    data["goods_items"][1]["national"]["mx"].update({"umc": "20", "cantidad_umc": "400"})
    assert list(check_for(data, "MX")) == []


# --- invoices_dated ---------------------------------------------------------------------------


def test_invoice_without_date(complete: Complete) -> None:
    data = complete("MX")
    data["invoices"][0]["date"] = None
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_invoice_date_missing", "MX", "/invoices/0/date", "D015", E)]
    assert only(report).ctx == {"number": "PEP-26-1187"}


# --- transport_codes_known --------------------------------------------------------------------


def test_medio_de_transporte_unknown(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["medio_transporte_arribo"] = "9"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_transport_mode_unknown", "MX", "/national/mx/medio_transporte_arribo", None, W)
    ]
    assert only(report).ctx == {"code": "9"}


def test_medio_de_transporte_known(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"].update(
        {"medio_transporte_arribo": "6", "medio_transporte_entrada_salida": "6"}
    )
    assert list(check_for(data, "MX")) == []


def test_factura_filed_as_in_the_pedimento_is_an_invoice(complete: Complete) -> None:
    data = complete("MX")
    data["invoices"] = []
    for line in data["goods_items"]:
        line["invoice_number"] = None
    uuid = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"  # a CFDI UUID: longer than the core allows
    data["national"]["mx"]["facturas"] = [{"numero": uuid, "fecha": "2026-11-18"}]
    assert list(check_for(data, "MX")) == []


# --- cce_values_in_usd ------------------------------------------------------------------------


def _a1_export_in_eur(data: Data, *rates: tuple[str, str, str]) -> Data:
    data = _mexican_export(data)
    data["exporter"]["identifiers"] = [{"scheme": "mx-rfc", "value": EXPORTER_MX_RFC}]
    data["importer"]["identifiers"] = []
    for line in data["goods_items"]:
        line["value"]["currency"] = "EUR"
    data["valuation"]["currency"] = "EUR"
    return _rates(data, ("USD", "MXN", "17.25"), ("EUR", "MXN", "18.90"), *rates)


def test_a1_export_without_usd_value(complete: Complete) -> None:
    report = check_for(_a1_export_in_eur(complete("MX")), "MX")
    assert seen(report) == [
        Seen("mx_cce_usd_value_missing", "MX", f"/goods_items/{i}/value/currency", "135", E)
        for i in (0, 1)
    ]
    assert [i.ctx for i in report] == [
        {"line": 1, "currency": "EUR"},
        {"line": 2, "currency": "EUR"},
    ]


def test_a1_export_with_a_rate_to_usd(complete: Complete) -> None:
    data = _a1_export_in_eur(complete("MX"), ("EUR", "USD", "1.0950"))
    assert list(check_for(data, "MX")) == []


def test_usd_value_not_asked_of_other_claves(complete: Complete) -> None:
    data = _a1_export_in_eur(complete("MX"))
    data["national"]["mx"]["clave_pedimento"] = "K1"
    assert list(check_for(data, "MX")) == []


def test_cce_unit_code_is_a_valid_umt(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "01"
    assert list(check_for(data, "MX")) == []


def test_cce_service_unit_is_a_valid_umt(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "99"
    codes = [i.code for i in check_for(data, "MX")]
    assert "mx_unit_unknown" not in codes
    assert codes == ["mx_umt_mismatch"]  # 99 is a unit, but not this fracción's UMT


def test_unit_outside_both_catalogues_is_reported(complete: Complete) -> None:
    data = complete("MX")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "23"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("mx_unit_unknown", "MX", "/goods_items/0/tariff_quantities/0/unit", None, W)
    ]

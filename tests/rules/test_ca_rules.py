"""Canadian filing rules: one change to a complete Canadian import, one CBSA issue.

The complete declaration's two CUSMA lines are worth exactly CAD 3,300.00 (USD 2,640.00 at
1.25), the low-value threshold of the certification requirement.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from harmonized_customs.countries.ca import rules as ca_rules
from harmonized_customs.issues import Severity
from harmonized_customs.model import CADeclarationData
from harmonized_customs.rules import Rule, RuleContext, list_rules, run_rules

from .conftest import (
    CA_TRANSACTION_NUMBER,
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

RULES = [r for r in list_rules() if r.module == ca_rules.__name__]
"""The rules this module defines, as the registry has them."""

TESTED = {
    "importer_named",
    "export_not_covered",
    "office_code_shape",
    "office_known",
    "importer_has_rm_account",
    "classified_to_ten_digits",
    "us_origin_has_state",
    "tariff_treatment_given",
    "office_given",
    "transaction_number_well_formed",
    "cargo_control_number_given",
    "value_convertible_to_cad",
    "cusma_certification_above_threshold",
    "vendor_given",
    "cusma_claim_certification_in_hand",
    "cargo_control_number_well_formed",
    "carrier_code_given",
    "carrier_code_matches_ccn",
    "quantity_in_cbsa_unit",
    "vfd_code_given",
    "vfd_code_listed",
    "sima_code_known",
    "sima_measure_has_subject_flag",
    "sima_subject_has_measure",
    "duty_amount_matches_rate",
    "value_for_tax_adds_up",
    "gst_amount_matches_rate",
    "totals_add_up",
    "adjustment_sends_every_line",
}


def test_every_ca_rule_has_tests() -> None:
    assert {r.name for r in RULES} == TESTED


def test_complete_declaration_is_ready_without_any_issue(complete: Complete) -> None:
    report = check_for(complete("CA"), "CA")
    assert report.ready("CA")
    assert list(report) == []


@pytest.mark.parametrize("each", RULES, ids=lambda r: r.name)
def test_rule_silent_on_complete_declaration(complete: Complete, each: Rule) -> None:
    declaration = build(complete("CA"))
    assert without_coverage(run_rules([each], RuleContext(declaration, "CA", "import"))) == []


def _uncertified(data: Data, *indexes: int) -> Data:
    for index in indexes or range(len(data["goods_items"])):
        data["goods_items"][index]["preference"]["certification_id"] = None
    return data


def _rates(data: Data, *rates: tuple[str, str, str]) -> Data:
    data["valuation"]["exchange_rates"] = [
        {"source_currency": s, "target_currency": t, "rate": r} for s, t, r in rates
    ]
    return data


def _ca_issues(data: Data, **options: Any) -> list[Seen]:
    return seen(check_for(data, "CA", **options).filter(target="CA"))


# --- export_not_covered ---------------------------------------------------------------------


def test_canadian_export_is_not_covered(complete: Complete) -> None:
    data = as_export_from(complete("US"), "CA")  # maple syrup leaving Quebec
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_export_not_covered", "CA", "", None, INFO)]
    assert only(report).authority == "CBSA"
    assert report.ready("CA")


def test_import_into_the_us_from_canada_is_checked_as_canadian_import(complete: Complete) -> None:
    # direction "import", exported from CA: the CA rules run in the import role
    report = check_for(complete("US"), "CA")
    assert "ca_export_not_covered" not in {i.code for i in report}
    assert "ca_importer_bn_missing" in {i.code for i in report}


# --- importer_has_rm_account ----------------------------------------------------------------


def test_importer_without_name(complete: Complete) -> None:
    data = complete("CA")
    data["importer"].pop("name")
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_importer_name_missing", "CA", "/importer/name", "R037", E)]
    assert not report.ready("CA")


def test_importer_missing(complete: Complete) -> None:
    data = complete("CA")
    data["importer"] = None
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_importer_missing", "CA", "/importer", "74A", E)]
    assert not report.ready("CA")


def test_importer_without_business_number(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"] = [{"scheme": "us-ein", "value": "86-3051728"}]
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_importer_bn_missing", "CA", "/importer/identifiers", "R038", E)
    ]


def test_importer_business_number_of_another_program(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"][0]["value"] = "705129831RT0001"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_importer_bn_not_rm", "CA", "/importer/identifiers/0/value", "R038", E)
    ]
    assert only(report).ctx == {"value": "705129831RT0001", "program": "RT"}


def test_importer_business_number_of_an_unknown_program(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"][0]["value"] = "705129831RZ0001"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_bn15_unknown_program", None, "/importer/identifiers/0/value", "R038", W),
        Seen("ca_importer_bn_not_rm", "CA", "/importer/identifiers/0/value", "R038", E),
    ]


@pytest.mark.parametrize("written", ["705129831 RM 0001", "705129831rm0001"])
def test_importer_rm_account_written_loosely(complete: Complete, written: str) -> None:
    data = complete("CA")
    data["importer"]["identifiers"][0]["value"] = written
    assert list(check_for(data, "CA")) == []


def test_importer_rm_account_after_another_identifier(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"].insert(0, {"scheme": "duns", "value": "123456789"})
    assert list(check_for(data, "CA")) == []


def test_importer_rm_account_written_with_hyphens(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"][0]["value"] = "705129831-RM-0001"
    assert list(check_for(data, "CA")) == []


def test_importer_rm_account_after_another_program_account(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"].insert(0, {"scheme": "ca-bn15", "value": "705129831RT0001"})
    assert list(check_for(data, "CA")) == []


# --- classified_to_ten_digits ---------------------------------------------------------------


def test_classification_missing(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["classification"]["ca_tariff"] = None
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_classification_missing", "CA", "/goods_items/1/classification/ca_tariff", None, E)
    ]
    assert only(report).ctx == {"line": 2, "hs6": "831120"}


# --- us_origin_has_state --------------------------------------------------------------------


def test_us_origin_without_state(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["origin_subdivision"] = None
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_us_origin_state_missing", "CA", "/goods_items/0/origin_subdivision", "066", E)
    ]
    assert only(report).ctx == {"line": 1}


def test_other_origin_needs_no_subdivision(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["origin_subdivision"] = None  # Mexican goods
    assert list(check_for(data, "CA")) == []


# --- tariff_treatment_given -----------------------------------------------------------------

TREATMENT = "/goods_items/{}/national/ca/tariff_treatment"


@pytest.mark.parametrize(("index", "suggested"), [(0, "10"), (1, "11")])
def test_treatment_missing_suggests_ust_or_mxt(
    complete: Complete, index: int, suggested: str
) -> None:
    data = complete("CA")
    data["goods_items"][index]["national"]["ca"]["tariff_treatment"] = None
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_tariff_treatment_missing", "CA", TREATMENT.format(index), None, E, suggested)
    ]
    assert only(report).ctx == {"line": index + 1}


def test_treatment_missing_without_claim_has_no_suggestion(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = None
    data["goods_items"][0]["preference"] = None
    assert seen(check_for(data, "CA")) == [
        Seen("ca_tariff_treatment_missing", "CA", TREATMENT.format(0), None, E)
    ]


def test_treatment_unknown(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "99"
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_tariff_treatment_unknown", "CA", TREATMENT.format(0), None, W)]
    assert only(report).ctx == {"code": "99", "line": 1}


def test_treatment_ust_for_mexican_goods(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["national"]["ca"]["tariff_treatment"] = "10"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_tariff_treatment_origin_mismatch", "CA", TREATMENT.format(1), None, E)
    ]
    assert only(report).ctx == {
        "line": 2,
        "code": "10",
        "name": "UST",
        "expected": "US",
        "country": "MX",
    }
    assert not report.ready("CA")


def test_treatment_mxt_for_us_goods(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "11"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_tariff_treatment_origin_mismatch", "CA", TREATMENT.format(0), None, E)
    ]
    assert only(report).ctx == {
        "line": 1,
        "code": "11",
        "name": "MXT",
        "expected": "MX",
        "country": "US",
    }


def _nafta_era(data: Data) -> Data:
    """The CA declaration moved to June 2020, when NAFTA and MUST (12) still applied."""
    data["declaration_date"] = data["arrival_date"] = "2020-06-01"
    data["export_date"] = "2020-05-30"
    data["certifications"][0]["signed_on"] = "2020-05-01"
    data["certifications"][0]["blanket_period"] = None
    return data


def test_treatment_must_is_not_cusma(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "12"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_tariff_treatment_not_cusma", "CA", TREATMENT.format(0), None, E)
    ]
    assert only(report).ctx == {"line": 1}
    assert not report.ready("CA")


def test_treatment_must_code_reached_on_a_nafta_era_date(complete: Complete) -> None:
    data = _nafta_era(complete("CA"))
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "12"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_tariff_treatment_not_cusma", "CA", TREATMENT.format(0), None, E)
    ]
    assert only(report).ctx == {"line": 1}


def test_treatment_mfn_on_a_line_without_claim(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["preference"] = None
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "02"
    assert list(check_for(data, "CA")) == []


# --- office_given ---------------------------------------------------------------------------


def test_office_missing(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["office_code"] = None
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_office_missing", "CA", "/national/ca/office_code", "065", E)]


def test_no_ca_block_at_all(complete: Complete) -> None:
    data = complete("CA")
    data["national"] = {}
    assert seen(check_for(data, "CA")) == [
        Seen("ca_office_missing", "CA", "/national/ca/office_code", "065", E),
        Seen("ca_carrier_code_missing", "CA", "/national/ca/carrier_code", None, E, "9EXN"),
    ]


# --- transaction_number_well_formed ---------------------------------------------------------

WRONG_DIGIT = CA_TRANSACTION_NUMBER[:13] + str((int(CA_TRANSACTION_NUMBER[13]) + 1) % 10)


def test_transaction_check_digit_only_on_request(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["transaction_number"] = WRONG_DIGIT
    assert list(check_for(data, "CA")) == []


def test_transaction_check_digit_on_request_is_a_warning(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["transaction_number"] = WRONG_DIGIT
    report = check_for(data, "CA", ca_transaction_check_digit=True)
    assert seen(report) == [
        Seen(
            "ca_transaction_number_bad_check_digit",
            "CA",
            "/national/ca/transaction_number",
            "D014",
            W,
        )
    ]
    assert only(report).ctx == {
        "identifier": "ca-transaction-number",
        "value": WRONG_DIGIT,
        "check_digit": WRONG_DIGIT[13],
        "expected": CA_TRANSACTION_NUMBER[13],
    }
    assert report.ready("CA")


def test_transaction_number_right_with_check_digit_on(complete: Complete) -> None:
    assert list(check_for(complete("CA"), "CA", ca_transaction_check_digit=True)) == []


def test_transaction_number_is_optional(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["transaction_number"] = None
    assert list(check_for(data, "CA", ca_transaction_check_digit=True)) == []


def test_transaction_number_of_wrong_length(complete: Complete) -> None:
    # The model refuses anything but 14 digits, so only data that bypassed validation (here
    # model_construct) reaches the rule's length error.
    declaration = build(complete("CA"))
    national = declaration.national.model_copy(
        update={
            "ca": CADeclarationData.model_construct(
                transaction_number="1234500149", office_code="0440"
            )
        }
    )
    declaration = declaration.model_copy(update={"national": national})
    issues = list(
        run_rules([ca_rules.transaction_number_well_formed], RuleContext(declaration, "CA"))
    )
    assert [(i.code, i.pointer, i.severity, i.ctx["length"]) for i in issues] == [
        ("ca_transaction_number_invalid_length", "/national/ca/transaction_number", E, 10)
    ]


# --- cargo_control_number_given -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["road-waybill", "previous-cargo-control-number"])
def test_cargo_control_number_missing(complete: Complete, kind: str) -> None:
    data = complete("CA")
    data["transport"]["documents"][0]["kind"] = kind
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_cargo_control_number_missing", "CA", "/transport/documents", None, E)
    ]


def test_cargo_control_number_missing_without_transport(complete: Complete) -> None:
    data = complete("CA")
    data["transport"] = None
    assert seen(check_for(data, "CA")) == [
        Seen("ca_cargo_control_number_missing", "CA", "/transport/documents", None, E)
    ]


# --- value_convertible_to_cad ---------------------------------------------------------------


def test_value_not_convertible_without_rate(complete: Complete) -> None:
    data = _rates(complete("CA"))
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_value_not_convertible", "CA", "/goods_items/0/value/currency", "135", E),
        Seen("ca_value_not_convertible", "CA", "/goods_items/1/value/currency", "135", E),
    ]
    assert [i.ctx for i in report] == [
        {"line": 1, "currency": "USD"},
        {"line": 2, "currency": "USD"},
    ]


def test_value_converted_through_an_inverse_rate(complete: Complete) -> None:
    data = _rates(complete("CA"), ("CAD", "USD", "0.8"))
    assert list(check_for(data, "CA")) == []


def test_value_in_cad_needs_no_rate(complete: Complete) -> None:
    data = _rates(complete("CA"))
    for item in data["goods_items"]:
        item["value"]["currency"] = "CAD"
    assert list(check_for(data, "CA")) == []


# --- cusma_certification_above_threshold ----------------------------------------------------


def test_threshold_exactly_cad_3300_is_not_above(complete: Complete) -> None:
    data = _uncertified(complete("CA"))
    report = check_for(data, "CA")
    assert _ca_issues(data) == []
    assert {i.code for i in report} == {"preference_claim_without_certification"}
    assert report.ready("CA")


def test_threshold_cad_3300_01_needs_a_certification(complete: Complete) -> None:
    data = _uncertified(complete("CA"))
    data["goods_items"][1]["value"]["amount"] = "1040.01"  # CAD 1,300.0125
    report = check_for(data, "CA")
    assert _ca_issues(data) == [
        Seen("ca_cusma_certification_required", "CA", "/goods_items/0/preference", None, E)
    ]
    assert report.filter(target="CA").issues[0].ctx == {
        "value": Decimal("3300.01"),
        "threshold": Decimal(3300),
    }
    assert not report.ready("CA")


def test_threshold_counts_certified_claims_and_points_at_the_uncertified(
    complete: Complete,
) -> None:
    data = _uncertified(complete("CA"), 1)
    data["goods_items"][0]["value"]["amount"] = "1600.01"
    assert _ca_issues(data) == [
        Seen("ca_cusma_certification_required", "CA", "/goods_items/1/preference", None, E)
    ]


def test_threshold_ignores_lines_without_claim(complete: Complete) -> None:
    data = _uncertified(complete("CA"), 1)
    data["goods_items"][0]["preference"] = None
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "02"
    data["goods_items"][0]["value"]["amount"] = "9000.00"
    assert _ca_issues(data) == []


@pytest.mark.parametrize(("amount", "required"), [("1040.00", False), ("1040.01", True)])
def test_threshold_through_an_inverse_rate(complete: Complete, amount: str, required: bool) -> None:
    data = _rates(_uncertified(complete("CA")), ("CAD", "USD", "0.8"))
    data["goods_items"][1]["value"]["amount"] = amount
    codes = [s.code for s in _ca_issues(data)]
    assert codes == (["ca_cusma_certification_required"] if required else [])


def test_threshold_exactly_cad_3300_through_an_inexact_inverse_rate(complete: Complete) -> None:
    data = _rates(_uncertified(complete("CA")), ("CAD", "USD", "0.7"))
    data["goods_items"][0]["value"]["amount"] = "1270.00"  # 1,270 + 1,040 = USD 2,310
    assert _ca_issues(data) == []


def test_threshold_unchecked_without_rate(complete: Complete) -> None:
    data = _rates(_uncertified(complete("CA")))
    data["goods_items"][1]["value"]["amount"] = "9999.00"
    assert {s.code for s in _ca_issues(data)} == {"ca_value_not_convertible"}


def test_threshold_with_values_in_cad(complete: Complete) -> None:
    data = _rates(_uncertified(complete("CA")))
    for item in data["goods_items"]:
        item["value"]["currency"] = "CAD"
    data["goods_items"][0]["value"]["amount"] = "2260.01"  # + 1,040.00 = CAD 3,300.01
    assert _ca_issues(data) == [
        Seen("ca_cusma_certification_required", "CA", "/goods_items/0/preference", None, E)
    ]


# --- vendor_given ---------------------------------------------------------------------------


def test_vendor_missing(complete: Complete) -> None:
    data = complete("CA")
    data["seller"] = None
    data["exporter"] = None
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_vendor_missing", "CA", "/seller", "09B", E)]


@pytest.mark.parametrize("kept", ["seller", "exporter"])
def test_vendor_or_exporter_is_enough(complete: Complete, kept: str) -> None:
    data = complete("CA")
    data["exporter" if kept == "seller" else "seller"] = None
    assert list(check_for(data, "CA")) == []


# --- cusma_claim_certification_in_hand ------------------------------------------------------


def _claimed_by_treatment_only(data: Data) -> Data:
    """The CUSMA claims made by tariff treatment only, as a CAD read from a file makes them."""
    for item in data["goods_items"]:
        item["preference"] = None
    data["certifications"] = []
    return data


def test_treatment_only_claim_at_cad_3300_needs_nothing(complete: Complete) -> None:
    assert list(check_for(_claimed_by_treatment_only(complete("CA")), "CA")) == []


def test_treatment_only_claim_above_cad_3300_warns(complete: Complete) -> None:
    data = _claimed_by_treatment_only(complete("CA"))
    data["goods_items"][1]["value"]["amount"] = "1040.01"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_cusma_certification_not_shown", "CA", TREATMENT.format(0), None, W)
    ]
    assert only(report).ctx == {
        "code": "10",
        "value": Decimal("3300.01"),
        "threshold": Decimal(3300),
    }
    assert report.ready("CA")


def test_treatment_only_claim_counts_declared_values_for_duty(complete: Complete) -> None:
    data = _rates(_claimed_by_treatment_only(complete("CA")))
    for item in data["goods_items"]:
        item["customs_values"] = [
            {"jurisdiction": "CA", "amount": {"amount": "1700.00", "currency": "CAD"}}
        ]
    report = check_for(data, "CA")
    assert [(i.code, i.ctx["value"]) for i in report] == [
        ("ca_cusma_certification_not_shown", Decimal("3400.00"))
    ]


# --- cargo_control_number_well_formed -------------------------------------------------------


def test_cargo_control_number_with_a_space(complete: Complete) -> None:
    data = complete("CA")
    data["transport"]["documents"][0]["number"] = "9EXN 2611/18"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_ccn_invalid_format", "CA", "/transport/documents/0/number", "D005", E)
    ]


def test_cargo_control_number_too_long(complete: Complete) -> None:
    data = complete("CA")
    data["transport"]["documents"][0]["number"] = "9EXN" + "1" * 22
    report = check_for(data, "CA")
    assert [(i.code, i.ctx["length"]) for i in report] == [("ca_ccn_invalid_length", 26)]


# --- carrier_code_given ---------------------------------------------------------------------


def test_carrier_code_missing_suggests_the_ccn_prefix(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["carrier_code"] = None
    assert seen(check_for(data, "CA")) == [
        Seen("ca_carrier_code_missing", "CA", "/national/ca/carrier_code", None, E, "9EXN")
    ]


def test_carrier_code_missing_without_usable_ccn_has_no_suggestion(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["carrier_code"] = None
    data["transport"]["documents"][0]["kind"] = "road-waybill"
    codes = [(s.code, s.suggestion) for s in seen(check_for(data, "CA"))]
    assert ("ca_carrier_code_missing", None) in codes


def test_carrier_code_of_the_carrier_party(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["carrier_code"] = None
    data["transport"]["carrier"] = {
        "name": "Example Express Lines",
        "identifiers": [{"scheme": "ca-carrier-code", "value": "9EXN"}],
    }
    assert list(check_for(data, "CA")) == []


# --- carrier_code_matches_ccn ---------------------------------------------------------------


def test_carrier_code_other_than_the_ccn_prefix(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["carrier_code"] = "8ABC"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_carrier_code_ccn_mismatch", "CA", "/transport/documents/0/number", "D005", W)
    ]
    assert only(report).ctx == {"ccn": "9EXN2611180417", "carrier": "8ABC"}


# --- quantity_in_cbsa_unit ------------------------------------------------------------------


def test_quantity_missing_suggests_the_cbsa_unit(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["tariff_quantities"] = []
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen(
            "ca_quantity_missing",
            "CA",
            "/goods_items/0/tariff_quantities",
            None,
            E,
            {"value": "40", "unit": "PCE"},
        )
    ]
    assert only(report).ctx == {"line": 1}


def test_quantity_missing_without_commercial_quantity(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["tariff_quantities"] = []
    data["goods_items"][0]["quantity"] = None
    assert [(s.code, s.suggestion) for s in seen(check_for(data, "CA"))] == [
        ("ca_quantity_missing", None)
    ]


def test_quantity_in_another_countrys_unit_only(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["tariff_quantities"] = [
        {"jurisdiction": "US", "value": "600", "unit": "KG"}
    ]
    assert [s.code for s in seen(check_for(data, "CA"))] == ["ca_quantity_missing"]


def test_unit_not_in_the_cbsa_list(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["tariff_quantities"][0]["unit"] = "H87"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_unit_unknown", "CA", "/goods_items/0/tariff_quantities/0/unit", None, W)
    ]
    assert only(report).ctx == {"line": 1, "unit": "H87"}


# --- vfd_code_given -------------------------------------------------------------------------


def test_vfd_code_missing(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["national"]["ca"]["vfd_code"] = None
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_vfd_code_missing", "CA", "/goods_items/1/national/ca/vfd_code", None, E)
    ]
    assert only(report).ctx == {"line": 2}


# --- sima_measure_has_subject_flag / sima_subject_has_measure -------------------------------


def test_sima_measure_without_subject_flag(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["sima_measure"] = "EXAMPLE-AD-01"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen(
            "ca_sima_subject_flag_missing", "CA", "/goods_items/0/national/ca/sima_subject", None, E
        )
    ]
    assert only(report).ctx == {"line": 1, "measure": "EXAMPLE-AD-01"}


@pytest.mark.parametrize("flag", ["S", "U"])
def test_sima_subject_flag_without_measure(complete: Complete, flag: str) -> None:
    data = complete("CA")
    data["goods_items"][1]["national"]["ca"]["sima_subject"] = flag
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_sima_measure_missing", "CA", "/goods_items/1/national/ca/sima_measure", None, E)
    ]
    assert only(report).ctx == {"line": 2, "flag": flag}


def test_sima_flag_and_measure_together(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["national"]["ca"].update(
        {"sima_subject": "S", "sima_measure": "EXAMPLE-AD-01"}
    )
    assert list(check_for(data, "CA")) == []


# --- duty_amount_matches_rate / value_for_tax_adds_up / gst_amount_matches_rate -------------


def _assessed(data: Data, **line: str) -> Data:
    """Line 1 valued for duty at CAD 2,000.00 with 6.5 % duty and 5 % GST, all consistent."""
    item = data["goods_items"][0]
    item["customs_values"] = [
        {"jurisdiction": "CA", "amount": {"amount": "2000.00", "currency": "CAD"}}
    ]
    amounts = {
        "customs_duty_rate": "6.5",
        "customs_duties": "130.00",
        "value_for_tax": "2130.00",
        "gst_rate": "5",
        "gst": "106.50",
    }
    item["national"]["ca"].update({**amounts, **line})
    return data


def test_consistent_amounts_pass(complete: Complete) -> None:
    assert list(check_for(_assessed(complete("CA")), "CA")) == []


def test_duty_amount_off_by_a_cent_passes(complete: Complete) -> None:
    data = _assessed(complete("CA"), customs_duties="130.01", value_for_tax="2130.01")
    assert list(check_for(data, "CA")) == []


def test_duty_amount_not_the_rate(complete: Complete) -> None:
    data = _assessed(complete("CA"), customs_duties="140.00", value_for_tax="2140.00", gst="107.00")
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_duty_amount_mismatch", "CA", "/goods_items/0/national/ca/customs_duties", None, W)
    ]
    assert only(report).ctx == {
        "line": 1,
        "declared": "140.00",
        "rate": "6.5",
        "computed": "130.00",
    }


def test_value_for_tax_without_the_duties(complete: Complete) -> None:
    data = _assessed(complete("CA"), value_for_tax="2000.00", gst="100.00")
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_value_for_tax_mismatch", "CA", "/goods_items/0/national/ca/value_for_tax", None, W)
    ]
    assert only(report).ctx == {"line": 1, "declared": "2000.00", "computed": "2130.00"}


def test_value_for_tax_counts_sima_and_excise(complete: Complete) -> None:
    data = _assessed(
        complete("CA"),
        sima_assessment="70.00",
        excise_tax="100.00",
        value_for_tax="2300.00",
        gst="115.00",
    )
    assert list(check_for(data, "CA")) == []


def test_gst_not_the_rate(complete: Complete) -> None:
    data = _assessed(complete("CA"), gst="100.00")
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_gst_amount_mismatch", "CA", "/goods_items/0/national/ca/gst", None, W)
    ]
    assert only(report).ctx == {"line": 1, "declared": "100.00", "rate": "5", "computed": "106.50"}


# --- totals_add_up --------------------------------------------------------------------------


def _with_totals(data: Data, **totals: str) -> Data:
    data = _assessed(data)
    declared = {
        "value_for_duty": "2000.00",
        "customs_duties": "130.00",
        "gst": "106.50",
        "total": "236.50",
    }
    data["national"]["ca"]["totals"] = {**declared, **totals}
    return data


def test_totals_that_add_up(complete: Complete) -> None:
    assert list(check_for(_with_totals(complete("CA")), "CA")) == []


def test_total_gst_not_the_sum_of_the_lines(complete: Complete) -> None:
    report = check_for(_with_totals(complete("CA"), gst="120.00", total="250.00"), "CA")
    assert seen(report) == [
        Seen("ca_total_mismatch", "CA", "/national/ca/totals/gst", None, W),
        Seen("ca_total_mismatch", "CA", "/national/ca/totals/total", None, W),
    ]
    assert report.issues[0].ctx == {"field": "gst", "declared": "120.00", "computed": "106.50"}


# --- adjustment_sends_every_line ------------------------------------------------------------


def test_adjustment_with_every_line(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["adjustment_reason_codes"] = ["R2-74-1-C11"]
    assert list(check_for(data, "CA")) == []


def test_adjustment_missing_a_line(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["adjustment_reason_codes"] = ["R2-74-1-C11"]
    data["goods_items"][1]["line_number"] = 3
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_adjustment_line_missing", "CA", "/goods_items", None, E)]
    assert only(report).ctx == {"line": 2}


@pytest.mark.parametrize(("version", "adjustment"), [("00001", False), ("00002", True)])
def test_adjustment_known_by_the_carm_version(
    complete: Complete, version: str, adjustment: bool
) -> None:
    data = complete("CA")
    data["national"]["ca"]["transaction_number"] = CA_TRANSACTION_NUMBER + version
    data["goods_items"][1]["line_number"] = 3
    codes = [s.code for s in seen(check_for(data, "CA"))]
    assert codes == (["ca_adjustment_line_missing"] if adjustment else [])


def test_gap_in_numbering_is_fine_outside_adjustments(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][1]["line_number"] = 7
    assert list(check_for(data, "CA")) == []


# --- vfd_code_listed ------------------------------------------------------------------------


def test_vfd_code_outside_the_bundled_list_is_only_info(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["vfd_code"] = "23"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_vfd_code_unlisted", "CA", "/goods_items/0/national/ca/vfd_code", None, INFO)
    ]
    assert only(report).ctx == {"line": 1, "code": "23"}
    assert report.ready("CA")


# --- sima_code_known ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["10", "51", "22"])
def test_sima_code_of_known_digits(complete: Complete, code: str) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["sima_code"] = code
    assert list(check_for(data, "CA")) == []


@pytest.mark.parametrize("code", ["63", "13", "5"])
def test_sima_code_unknown(complete: Complete, code: str) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["sima_code"] = code
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("ca_sima_code_unknown", "CA", "/goods_items/0/national/ca/sima_code", None, W)
    ]
    assert only(report).ctx == {"line": 1, "code": code}

"""United States filing rules: one change to a complete US import, one CBP issue."""

from __future__ import annotations

import pytest

from harmonized_customs.countries.us import rules as us_rules
from harmonized_customs.issues import Severity
from harmonized_customs.rules import Rule, RuleContext, list_rules, run_rules

from .conftest import (
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

RULES = [r for r in list_rules() if r.module == us_rules.__name__]
"""The rules this module defines, as the registry has them."""

TESTED = {
    "export_not_covered",
    "importer_identified",
    "importer_number_valid",
    "hts_classified",
    "manufacturer_identified",
    "mid_matches_origin",
    "country_of_export_given",
    "port_of_entry_given",
    "entry_type_given",
    "entry_number_well_formed",
    "transport_mode_given",
    "import_date_given",
    "value_convertible_to_usd",
    "usd_rate_has_basis",
    "usmca_claim_coded",
}


def test_every_us_rule_has_tests() -> None:
    assert {r.name for r in RULES} == TESTED


def test_complete_declaration_is_ready_without_any_issue(complete: Complete) -> None:
    report = check_for(complete("US"), "US")
    assert report.ready("US")
    assert list(report) == []


@pytest.mark.parametrize("each", RULES, ids=lambda r: r.name)
def test_rule_silent_on_complete_declaration(complete: Complete, each: Rule) -> None:
    declaration = build(complete("US"))
    assert without_coverage(run_rules([each], RuleContext(declaration, "US", "import"))) == []


# --- export_not_covered ---------------------------------------------------------------------


def test_us_export_is_not_covered(complete: Complete) -> None:
    data = as_export_from(complete("CA"), "US")  # goods leaving Texas for Ontario
    report = check_for(data, "US")
    issue = only(report)
    assert seen(report) == [Seen("us_export_not_covered", "US", "", None, INFO)]
    assert issue.authority == "CBP"
    assert report.ready("US")


def test_us_export_skips_the_import_rules(complete: Complete) -> None:
    data = as_export_from(complete("US"), "US")
    data["importer"] = None
    data["goods_items"][0]["classification"]["us_hts"] = None
    assert [i.code for i in check_for(data, "US")] == ["us_export_not_covered"]


def test_export_from_another_country_is_checked_as_us_import(complete: Complete) -> None:
    data = as_export_from(complete("US"), "CA")
    assert list(check_for(data, "US")) == []


# --- importer_identified --------------------------------------------------------------------


def test_importer_missing(complete: Complete) -> None:
    data = complete("US")
    data["importer"] = None
    report = check_for(data, "US")
    assert seen(report) == [Seen("us_importer_missing", "US", "/importer", "74A", E)]
    assert not report.ready("US")


def test_importer_number_missing(complete: Complete) -> None:
    data = complete("US")
    data["importer"]["identifiers"] = [{"scheme": "duns", "value": "123456789"}]
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_importer_number_missing", "US", "/importer/identifiers", "R038", E)
    ]


@pytest.mark.parametrize(
    ("scheme", "value"),
    [("us-ein", "86-3051728"), ("us-cbp-assigned", "070101-00123"), ("us-ssn", "536-90-4399")],
)
def test_importer_number_schemes(complete: Complete, scheme: str, value: str) -> None:
    data = complete("US")
    data["importer"]["identifiers"] = [{"scheme": scheme, "value": value}]
    assert list(check_for(data, "US")) == []


def test_filed_importer_number_replaces_the_party(complete: Complete) -> None:
    data = complete("US")
    data["importer"] = None
    data["national"]["us"]["importer_number"] = "86-305172800"
    assert list(check_for(data, "US")) == []


# --- importer_number_valid ------------------------------------------------------------------


def test_filed_importer_number_of_no_scheme(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["importer_number"] = "12-34"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_importer_invalid_format", "US", "/national/us/importer_number", None, E)
    ]
    assert not report.ready("US")


@pytest.mark.parametrize("value", ["86-305172800", "070101-00123", "536-90-4399"])
def test_filed_importer_number_schemes(complete: Complete, value: str) -> None:
    data = complete("US")
    data["national"]["us"]["importer_number"] = value
    assert list(check_for(data, "US")) == []


# --- hts_classified -------------------------------------------------------------------------


def test_hts_missing(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][1]["classification"]["us_hts"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_hts_missing", "US", "/goods_items/1/classification/us_hts", None, E)
    ]
    assert only(report).ctx == {"line": 2, "hs6": "170220"}


# --- manufacturer_identified ----------------------------------------------------------------


def test_manufacturer_missing(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["manufacturer"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_manufacturer_missing", "US", "/goods_items/0/manufacturer", None, E)
    ]
    assert only(report).ctx == {"line": 1}


def _without_mid(data: Data, index: int) -> None:
    manufacturer = data["goods_items"][index]["manufacturer"]
    manufacturer["identifiers"] = [
        i for i in manufacturer["identifiers"] if i["scheme"] != "us-mid"
    ]


def test_mid_missing_with_suggestion(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["origin_country"] = "US"
    data["goods_items"][0]["origin_subdivision"] = "US-VT"
    _without_mid(data, 0)
    report = check_for(data, "US")
    assert seen(report) == [
        Seen(
            "us_mid_missing",
            "US",
            "/goods_items/0/manufacturer/identifiers",
            None,
            E,
            "USSUCEXE1450SAI",
        )
    ]
    assert only(report).ctx == {"line": 1}


def test_mid_missing_without_address_has_no_suggestion(complete: Complete) -> None:
    data = complete("US")
    _without_mid(data, 0)
    data["goods_items"][0]["manufacturer"]["address"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_mid_missing", "US", "/goods_items/0/manufacturer/identifiers", None, E)
    ]


def test_mid_suggestion_for_canadian_goods_uses_the_province(complete: Complete) -> None:
    data = complete("US")  # goods of Quebec, manufacturer in Saint-Georges, QC
    _without_mid(data, 0)
    report = check_for(data, "US")
    assert seen(report) == [
        Seen(
            "us_mid_missing",
            "US",
            "/goods_items/0/manufacturer/identifiers",
            None,
            E,
            "XQSUCEXE1450SAI",
        )
    ]


def test_filed_mid_replaces_the_manufacturer_party(complete: Complete) -> None:
    data = complete("US")
    line = data["goods_items"][0]
    line["manufacturer"] = None
    line["national"]["us"]["article_parties"] = [
        {"party_type": "M", "identifier": "XQSUCEXE1450SAI"}
    ]
    assert list(check_for(data, "US")) == []


# --- mid_matches_origin ---------------------------------------------------------------------


def test_manufacturer_party_mid_is_not_compared_with_the_origin(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["origin_country"] = "MX"
    data["goods_items"][0]["origin_subdivision"] = None
    report = check_for(data, "US")
    assert [i for i in report if i.code == "us_mid_country_mismatch"] == []


def test_filed_mid_of_another_country(complete: Complete) -> None:
    data = complete("US")
    line = data["goods_items"][0]
    line["manufacturer"] = None
    line["national"]["us"]["article_parties"] = [{"party_type": "M", "identifier": "CNSHEPOW88SHE"}]
    report = check_for(data, "US")
    assert seen(report) == [
        Seen(
            "us_mid_country_mismatch",
            "US",
            "/goods_items/0/national/us/article_parties/0/identifier",
            None,
            W,
        )
    ]


def test_mid_of_us_goods_returned_is_not_compared(complete: Complete) -> None:
    data = complete("US")
    line = data["goods_items"][0]
    line["origin_country"] = "US"
    line["origin_subdivision"] = None
    line["manufacturer"] = None
    line["national"]["us"]["spi"] = None
    line["preference"] = None
    line["national"]["us"]["article_parties"] = [{"party_type": "M", "identifier": "DEPUMHAM7HAM"}]
    assert [i.code for i in check_for(data, "US") if i.code.startswith("us_mid")] == []


def test_filed_mid_malformed(complete: Complete) -> None:
    data = complete("US")
    line = data["goods_items"][0]
    line["manufacturer"] = None
    line["national"]["us"]["article_parties"] = [{"party_type": "M", "identifier": "Q"}]
    codes = [i.code for i in check_for(data, "US")]
    assert codes
    assert all(c.startswith("us_mid_") for c in codes)


# --- country_of_export_given ----------------------------------------------------------------


def test_country_of_export_on_every_line_is_enough(complete: Complete) -> None:
    data = complete("US")
    data["country_of_export"] = None
    for line in data["goods_items"]:
        line["national"]["us"]["country_of_export"] = "CA"
    assert list(check_for(data, "US")) == []


def test_country_of_export_missing(complete: Complete) -> None:
    data = complete("US")
    data["country_of_export"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_country_of_export_missing", "US", "/country_of_export", "062", E)
    ]


# --- port_of_entry_given --------------------------------------------------------------------


def test_port_of_entry_missing(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["port_of_entry"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_port_of_entry_missing", "US", "/national/us/port_of_entry", "065", E)
    ]


def test_port_of_entry_unknown_is_information_only(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["port_of_entry"] = "9999"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_port_unknown", "US", "/national/us/port_of_entry", "065", Severity.INFO)
    ]
    assert only(report).ctx == {"port": "9999"}
    assert report.ready("US")


def test_no_us_block_at_all(complete: Complete) -> None:
    data = complete("US")
    data["national"] = {}
    assert seen(check_for(data, "US")) == [
        Seen("us_port_of_entry_missing", "US", "/national/us/port_of_entry", "065", E),
        Seen("us_entry_type_missing", "US", "/national/us/entry_type", "D013", E),
    ]


# --- entry_type_given -----------------------------------------------------------------------


def test_entry_type_missing(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["entry_type"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_entry_type_missing", "US", "/national/us/entry_type", "D013", E)
    ]


def test_entry_type_unknown(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["entry_type"] = "99"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_entry_type_unknown", "US", "/national/us/entry_type", "D013", E)
    ]
    assert only(report).ctx == {"code": "99"}


@pytest.mark.parametrize("entry_type", ["01", "11"])
def test_entry_type_known(complete: Complete, entry_type: str) -> None:
    data = complete("US")
    data["national"]["us"]["entry_type"] = entry_type
    assert list(check_for(data, "US")) == []


# --- entry_number_well_formed ---------------------------------------------------------------


def test_entry_number_bad_check_digit(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["entry_number"] = "99711260417"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_entry_number_bad_check_digit", "US", "/national/us/entry_number", "D014", E)
    ]
    assert only(report).ctx == {
        "identifier": "us-entry-number",
        "value": "99711260417",
        "check_digit": "7",
        "expected": "6",
    }


def test_entry_number_with_letter_filer_code_is_only_a_warning(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["entry_number"] = "EXB11260410"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen(
            "us_entry_number_check_digit_unverified",
            "US",
            "/national/us/entry_number",
            "D014",
            W,
        )
    ]
    assert only(report).ctx["filer_code"] == "EXB"
    assert report.ready("US")


def test_entry_number_is_optional(complete: Complete) -> None:
    data = complete("US")
    data["national"]["us"]["entry_number"] = None
    assert list(check_for(data, "US")) == []


# --- transport_mode_given -------------------------------------------------------------------


def test_transport_missing(complete: Complete) -> None:
    data = complete("US")
    data["transport"] = None
    data["national"]["us"]["mode_code"] = None
    report = check_for(data, "US")
    assert seen(report) == [Seen("us_transport_mode_missing", "US", "/transport", None, E)]


def test_filed_mode_code_is_enough(complete: Complete) -> None:
    data = complete("US")
    data["transport"] = None
    assert list(check_for(data, "US")) == []


# --- import_date_given ----------------------------------------------------------------------


def test_import_date_missing_is_a_warning(complete: Complete) -> None:
    data = complete("US")
    data["arrival_date"] = None
    report = check_for(data, "US")
    assert seen(report) == [Seen("us_import_date_missing", "US", "/arrival_date", None, W)]
    assert report.ready("US")


# --- value_convertible_to_usd ---------------------------------------------------------------


def test_value_in_another_currency_without_rate(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["value"]["currency"] = "CAD"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_value_not_convertible", "US", "/goods_items/0/value/currency", "135", E)
    ]
    assert only(report).ctx == {"line": 1, "currency": "CAD"}


@pytest.mark.parametrize(
    ("source", "target", "rate"),
    [("CAD", "USD", "0.74"), ("USD", "CAD", "1.35")],
    ids=["direct", "inverse"],
)
def test_value_converted_with_a_stated_rate(
    complete: Complete, source: str, target: str, rate: str
) -> None:
    data = complete("US")
    data["goods_items"][0]["value"]["currency"] = "CAD"
    data["valuation"]["exchange_rates"] = [
        {"source_currency": source, "target_currency": target, "rate": rate, "basis": "CBP"}
    ]
    assert list(check_for(data, "US")) == []


def test_zero_inverse_rate_is_no_rate(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["value"]["currency"] = "CAD"
    data["valuation"]["exchange_rates"] = [
        {"source_currency": "USD", "target_currency": "CAD", "rate": "0", "basis": "CBP"}
    ]
    assert [i.code for i in check_for(data, "US")] == ["us_value_not_convertible"]


# --- usd_rate_has_basis ---------------------------------------------------------------------


def test_usd_rate_without_basis_is_a_warning(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["value"]["currency"] = "CAD"
    data["valuation"]["exchange_rates"] = [
        {"source_currency": "CAD", "target_currency": "USD", "rate": "0.74"}
    ]
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_exchange_rate_basis_missing", "US", "/valuation/exchange_rates/0/basis", None, W)
    ]
    assert only(report).ctx == {"from_currency": "CAD", "to_currency": "USD"}
    assert report.ready("US")


def test_rate_between_other_currencies_needs_no_us_basis(complete: Complete) -> None:
    data = complete("US")
    data["valuation"]["exchange_rates"] = [
        {"source_currency": "CAD", "target_currency": "MXN", "rate": "13.1"}
    ]
    assert list(check_for(data, "US")) == []


# --- usmca_claim_coded ----------------------------------------------------------------------


def test_spi_suggested_for_a_claim(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][1]["national"]["us"]["spi"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_spi_suggested", "US", "/goods_items/1/national/us/spi", None, INFO, "S")
    ]
    assert only(report).ctx == {"line": 2, "spi": "S"}
    assert report.ready("US")


def test_claim_without_certification(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["preference"]["certification_id"] = None
    report = check_for(data, "US")
    # the US code restates the core one: it replaces it for the US filing
    assert seen(report) == [
        Seen("us_usmca_certification_missing", "US", "/goods_items/0/preference", None, W),
    ]
    assert report.issues[0].ctx == {"line": 1}
    assert report.ready("US")


def test_spi_without_claim(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["preference"] = None
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_spi_without_claim", "US", "/goods_items/0/national/us/spi", None, W)
    ]
    assert only(report).ctx == {"line": 1, "spi": "S"}


def test_spi_s_plus_accepted_for_a_claim(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["national"]["us"]["spi"] = "S+"
    assert list(check_for(data, "US")) == []


def test_no_claim_and_no_spi(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["preference"] = None
    data["goods_items"][0]["national"] = {}
    assert list(check_for(data, "US")) == []

"""Core rules: one change to a complete declaration, one core issue (target ``None``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given

from harmonized_customs import core_rules
from harmonized_customs.issues import Severity
from harmonized_customs.model import Declaration, Party
from harmonized_customs.rules import Rule, RuleContext, list_rules, run_rules
from strategies import declarations

from .conftest import Complete, Seen, build, check_for, only, seen, without_coverage

E, W = Severity.ERROR, Severity.WARNING

RULES = [r for r in list_rules() if r.module == core_rules.__name__]
"""The rules this module defines, as the registry has them."""

TESTED = {
    "identifiers_well_formed",
    "container_check_digit",
    "incoterm_current",
    "origin_given",
    "claim_has_certification",
    "certification_covers_line",
    "claim_origin_in_region",
    "dates_in_order",
    "certification_signed_before_use",
    "line_numbers_unique",
    "invoice_numbers_unique",
    "certification_ids_unique",
    "invoice_references_known",
    "certification_references_known",
    "invoice_totals_agree",
    "declaration_total_agrees",
    "total_gross_weight_agrees",
    "line_count_agrees",
    "net_weight_within_gross",
    "origin_subdivision_in_country",
    "address_subdivision_in_country",
}
"""Tested here, and the consistency rules in test_core_consistency.py."""


def test_every_core_rule_has_tests() -> None:
    assert {r.name for r in RULES} == TESTED


@pytest.mark.parametrize("country", ["US", "CA", "MX"])
@pytest.mark.parametrize("each", RULES, ids=lambda r: r.name)
def test_rule_silent_on_complete_declaration(complete: Complete, country: str, each: Rule) -> None:
    declaration = build(complete(country))
    assert without_coverage(run_rules([each], RuleContext(declaration, None))) == []


# --- origin_given ---------------------------------------------------------------------------


def test_missing_origin_blocks_every_target(complete: Complete) -> None:
    data = complete("US")
    del data["goods_items"][0]["origin_country"]
    data["goods_items"][0].pop("origin_subdivision", None)
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("origin_country_missing", None, "/goods_items/0/origin_country", "063", E)
    ]
    assert only(report).ctx == {"line": data["goods_items"][0]["line_number"]}
    assert not report.ready("US")


# --- identifiers_well_formed ----------------------------------------------------------------


def test_identifier_error_is_located_and_blocks(complete: Complete) -> None:
    data = complete("US")
    data["importer"]["identifiers"][0]["value"] = "07-1144442"
    report = check_for(data, "US")
    issue = only(report)
    assert seen(report) == [
        Seen("us_ein_unknown_prefix", None, "/importer/identifiers/0/value", "R038", E)
    ]
    assert issue.ctx == {"identifier": "us-ein", "value": "071144442", "prefix": "07"}
    assert issue.authority == "IRS/CBP"
    assert not report.ready("US")


def test_identifier_warning_does_not_block(complete: Complete) -> None:
    data = complete("CA")
    data["importer"]["identifiers"][0]["value"] = "705129831RZ0001"
    report = check_for(data, "CA").filter(target=None)
    assert seen(report) == [
        Seen("ca_bn15_unknown_program", None, "/importer/identifiers/0/value", "R038", W)
    ]
    assert only(report).ctx["program"] == "RZ"


def test_identifier_of_a_line_manufacturer(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][1]["manufacturer"]["identifiers"][1]["value"] = "CASUCEXE1450SAI"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen(
            "us_mid_canada_province_required",
            None,
            "/goods_items/1/manufacturer/identifiers/1/value",
            None,
            E,
        )
    ]


def test_identifier_of_a_certifier(complete: Complete) -> None:
    data = complete("CA")
    data["certifications"][0]["certifier"]["identifiers"][0]["value"] = "74-30517"
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen(
            "us_ein_invalid_length",
            None,
            "/certifications/0/certifier/identifiers/0/value",
            None,
            E,
        )
    ]
    assert only(report).ctx["length"] == 7


def test_identifier_of_the_declarant(complete: Complete) -> None:
    data = complete("US")
    data["declarant"]["identifiers"][0]["value"] = "97"
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("us_filer_code_invalid_length", None, "/declarant/identifiers/0/value", "R004", E)
    ]


def test_identifier_of_the_carrier(complete: Complete) -> None:
    data = complete("US")
    data["transport"]["carrier"]["identifiers"][0]["value"] = "TXB1"
    report = check_for(data, "US")
    issue = only(report)
    assert (issue.code, issue.target, issue.pointer, issue.severity) == (
        "scac_invalid_format",
        None,
        "/transport/carrier/identifiers/0/value",
        E,
    )


def test_carrier_identifier_has_the_carrier_identification_wco_id(complete: Complete) -> None:
    data = complete("US")
    data["transport"]["carrier"]["identifiers"][0]["value"] = "TXB1"
    assert only(check_for(data, "US")).wco_id == "R012"


def test_identifier_scheme_without_check_is_silent(complete: Complete) -> None:
    data = complete("US")
    data["importer"]["identifiers"].append({"scheme": "duns", "value": "not checked"})
    assert list(check_for(data, "US")) == []


# --- container_check_digit ------------------------------------------------------------------


def test_container_check_digit_wrong(complete: Complete) -> None:
    data = complete("MX")
    data["transport"]["equipment"][0]["identifier"] = "HCXU1020304"
    report = check_for(data, "MX")
    issue = only(report)
    assert seen(report) == [
        Seen("iso6346_bad_check_digit", None, "/transport/equipment/0/identifier", "159", E)
    ]
    assert issue.ctx == {
        "identifier": "iso6346",
        "value": "HCXU1020304",
        "check_digit": "4",
        "expected": "3",
    }
    assert not report.ready("MX")


def test_trailer_number_is_not_a_container_number(complete: Complete) -> None:
    data = complete("MX")
    data["transport"]["equipment"][0]["identifier"] = "TRL53108"
    assert list(check_for(data, "MX")) == []


def test_container_shape_with_eleven_characters_only(complete: Complete) -> None:
    data = complete("MX")
    data["transport"]["equipment"][0]["identifier"] = "HCX1U020304"
    assert list(check_for(data, "MX")) == []


# --- incoterm_current -----------------------------------------------------------------------


@pytest.mark.parametrize("legacy", ["DAT", "DAF", "DES", "DEQ", "DDU"])
def test_legacy_incoterm_is_a_warning(complete: Complete, legacy: str) -> None:
    data = complete("US")
    data["valuation"]["incoterm"] = legacy
    report = check_for(data, "US")
    assert seen(report) == [Seen("incoterm_legacy", None, "/valuation/incoterm", "090", W)]
    assert only(report).ctx == {"incoterm": legacy}
    assert report.ready("US")


def test_incoterms_2020_rule_is_silent(complete: Complete) -> None:
    data = complete("US")
    data["valuation"]["incoterm"] = "DPU"
    assert list(check_for(data, "US")) == []


# --- claim_has_certification ----------------------------------------------------------------


def test_claim_without_certification(complete: Complete) -> None:
    data = complete("CA")  # exactly CAD 3,300: the CA rules stay silent
    data["goods_items"][1]["preference"]["certification_id"] = None
    report = check_for(data, "CA")
    assert seen(report) == [
        Seen("preference_claim_without_certification", None, "/goods_items/1/preference", None, W)
    ]
    assert only(report).ctx == {"line": 2}
    assert report.ready("CA")


def test_line_without_claim_needs_no_certification(complete: Complete) -> None:
    data = complete("CA")
    data["goods_items"][0]["preference"] = None
    assert list(check_for(data, "CA").filter(target=None)) == []


# --- certification_covers_line --------------------------------------------------------------


def test_certification_does_not_list_the_line_hs6(complete: Complete) -> None:
    data = complete("MX")
    data["certifications"][0]["goods"][1]["hs6"] = "071320"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen(
            "certification_does_not_cover_line",
            None,
            "/goods_items/1/preference/certification_id",
            None,
            W,
        )
    ]
    assert only(report).ctx == {"certification": "PEP-1187", "hs6": "071310", "line": 2}


def test_certification_checked_is_the_one_referred_to(complete: Complete) -> None:
    data = complete("MX")
    other = dict(data["certifications"][0], id="OTHER")
    other["goods"] = [dict(other["goods"][0], hs6="100830")]
    data["certifications"].append(other)
    assert list(check_for(data, "MX")) == []


# --- claim_origin_in_region -----------------------------------------------------------------


def test_claim_for_goods_from_outside_the_region(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["origin_country"] = "CN"
    data["goods_items"][0]["origin_subdivision"] = None  # CA-QC is not in CN
    report = check_for(data, "US")
    assert seen(report) == [
        Seen("usmca_origin_outside_region", None, "/goods_items/0/origin_country", "063", W)
    ]
    assert only(report).ctx == {"line": 1, "country": "CN"}


def test_goods_from_outside_the_region_without_claim(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][0]["origin_country"] = "CN"
    data["goods_items"][0]["origin_subdivision"] = None
    data["goods_items"][0]["preference"] = None
    data["goods_items"][0]["national"] = {}
    assert list(check_for(data, "US")) == []


# --- dates_in_order -------------------------------------------------------------------------


def test_export_after_arrival_blocks(complete: Complete) -> None:
    data = complete("US")
    data["export_date"] = "2026-11-21"
    report = check_for(data, "US")
    assert seen(report) == [Seen("export_after_arrival", None, "/export_date", None, E)]
    assert only(report).ctx == {"export_date": "2026-11-21", "arrival_date": "2026-11-20"}
    assert not report.ready("US")


def test_export_on_the_day_of_arrival(complete: Complete) -> None:
    data = complete("US")
    data["export_date"] = data["arrival_date"]
    assert list(check_for(data, "US")) == []


def test_dates_in_order_needs_both_dates(complete: Complete) -> None:
    data = complete("CA")
    data["export_date"] = "2027-01-01"
    data["arrival_date"] = None
    assert list(check_for(data, "CA")) == []


# --- certification_signed_before_use --------------------------------------------------------


def test_certification_signed_after_the_declaration(complete: Complete) -> None:
    data = complete("MX")
    data["certifications"][0]["signed_on"] = "2026-11-25"
    report = check_for(data, "MX")
    assert seen(report) == [
        Seen("certification_after_declaration", None, "/certifications/0/signed_on", None, W)
    ]
    assert only(report).ctx == {
        "certification": "PEP-1187",
        "signed_on": "2026-11-25",
        "date": "2026-11-24",
    }
    assert report.ready("MX")


def test_certification_signed_on_the_declaration_date(complete: Complete) -> None:
    data = complete("MX")
    data["certifications"][0]["signed_on"] = data["declaration_date"]
    assert list(check_for(data, "MX")) == []


def test_certification_date_unchecked_without_declaration_date(complete: Complete) -> None:
    data = complete("MX")
    data["certifications"][0]["signed_on"] = "2026-11-25"
    data["declaration_date"] = None
    assert list(check_for(data, "MX")) == []


@given(declarations(max_goods=4))
def test_party_places_are_the_party_locations(declaration: Declaration) -> None:
    fast = [
        (core_rules._pointer(place), party)
        for place, party in core_rules._party_places(declaration)
    ]
    assert [(path, id(party)) for path, party in fast] == [
        (path, id(party)) for path, party in _party_locations_walked(declaration)
    ]
    assert [(path, id(party)) for path, party in core_rules.party_locations(declaration)] == [
        (path, id(party)) for path, party in _party_locations_walked(declaration)
    ]


def _party_locations_walked(declaration: Declaration) -> Iterator[tuple[str, Party]]:
    """Every party with its relative pointer, walked role by role (as first written)."""
    for role in ("importer", "exporter", "seller", "buyer", "consignee", "declarant"):
        party = getattr(declaration, role)
        if party is not None:
            yield role, party
    if declaration.transport is not None and declaration.transport.carrier is not None:
        yield "transport/carrier", declaration.transport.carrier
    for index, item in enumerate(declaration.goods_items):
        for role in ("manufacturer", "seller"):
            party = getattr(item, role)
            if party is not None:
                yield f"goods_items/{index}/{role}", party
    for index, certification in enumerate(declaration.certifications):
        for role in ("certifier", "exporter", "producer", "importer"):
            party = getattr(certification, role)
            if party is not None:
                yield f"certifications/{index}/{role}", party

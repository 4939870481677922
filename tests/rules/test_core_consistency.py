"""Consistency of a declaration's parts, checked by core rules once the declaration has loaded.

Each rule gets a declaration it accepts and one it reports, located at the value at fault: the
complete Mexican declaration of the rules' conftest (two lines on one invoice, one
certification, addresses with subdivisions) with weights and totals that add up.
"""

from __future__ import annotations

import copy
from typing import Any

import harmonized_customs as hc
from harmonized_customs import core_json, core_rules
from harmonized_customs.issues import Severity
from harmonized_customs.model import Declaration
from harmonized_customs.rules import Rule, RuleContext, run_rules

from .conftest import complete_data


def _data() -> dict[str, Any]:
    """The Mexican complete declaration with weights, an invoice total and declared totals."""
    data = complete_data("MX")
    data["invoices"][0]["total"] = {"amount": "25600.00", "currency": "USD"}
    data["goods_items"][0].update(gross_weight_kg="20040", net_weight_kg="20000")
    data["goods_items"][1].update(gross_weight_kg="20040.5")
    data["totals"] = {
        "invoice_total": {"amount": "25600.00", "currency": "USD"},
        "gross_weight_kg": "40080.5",
        "line_count": 2,
    }
    return data


Found = tuple[str, str, dict[str, Any]]


def _found(each: Rule, data: dict[str, Any]) -> list[Found]:
    """What ``each`` reports on ``data`` (which must load): code, pointer, message values."""
    issues = run_rules([each], RuleContext(Declaration.model_validate(data), None))
    return [(i.code, i.pointer, dict(i.ctx)) for i in issues]


def test_every_consistency_rule_is_silent_on_the_base_declaration() -> None:
    for each in CONSISTENCY_RULES:
        assert _found(each, _data()) == [], each.name


def test_consistency_issues_are_errors_without_target() -> None:
    data = _data()
    data["goods_items"][1]["line_number"] = 1
    report = hc.check(Declaration.model_validate(data), ["US"])
    issue = next(i for i in report if i.code == "line_numbers_not_unique")
    assert (issue.target, issue.severity) == (None, Severity.ERROR)
    assert not report.ready("US")


# --- line, invoice and certification numbers ------------------------------------------------


def test_line_numbers_unique() -> None:
    data = _data()
    data["goods_items"].append({**copy.deepcopy(data["goods_items"][1]), "line_number": 1})
    data["goods_items"].append({**copy.deepcopy(data["goods_items"][1]), "line_number": 1})
    found = _found(core_rules.line_numbers_unique, data)
    assert found == [
        ("line_numbers_not_unique", "/goods_items/2/line_number", {"numbers": "1"}),
        ("line_numbers_not_unique", "/goods_items/3/line_number", {"numbers": "1"}),
    ]


def test_duplicate_line_numbers_load_and_are_reported_by_check() -> None:
    data = _data()
    data["goods_items"][1]["line_number"] = 1
    data["goods_items"][1]["origin_subdivision"] = "MX-JAL"
    [result] = core_json.read(core_json.dumps(Declaration.model_validate(data)).encode())
    assert result.declaration is not None
    codes = {(i.code, i.pointer) for i in hc.check(result.declaration, ["US"])}
    assert ("line_numbers_not_unique", "/goods_items/1/line_number") in codes
    assert ("subdivision_country_mismatch", "/goods_items/1/origin_subdivision") in codes


def test_invoice_numbers_unique() -> None:
    data = _data()
    data["invoices"].append({"number": "PEP-26-1187"})
    assert _found(core_rules.invoice_numbers_unique, data) == [
        ("invoice_numbers_not_unique", "/invoices/1/number", {})
    ]


def test_certification_ids_unique() -> None:
    data = _data()
    data["certifications"].append(copy.deepcopy(data["certifications"][0]))
    assert _found(core_rules.certification_ids_unique, data) == [
        ("certification_ids_not_unique", "/certifications/1/id", {})
    ]


# --- references -----------------------------------------------------------------------------


def test_invoice_references_known() -> None:
    data = _data()
    data["goods_items"][1]["invoice_number"] = "PEP-26-1188"
    assert _found(core_rules.invoice_references_known, data) == [
        (
            "invoice_reference_unknown",
            "/goods_items/1/invoice_number",
            {"line": 2, "invoice": "PEP-26-1188"},
        )
    ]


def test_invoice_references_are_free_without_declared_invoices() -> None:
    data = _data()
    data["invoices"] = []
    data["goods_items"][1]["invoice_number"] = "PEP-26-1188"
    assert _found(core_rules.invoice_references_known, data) == []


def test_certification_references_known() -> None:
    data = _data()
    data["goods_items"][0]["preference"]["certification_id"] = "cert-2"
    assert _found(core_rules.certification_references_known, data) == [
        (
            "certification_reference_unknown",
            "/goods_items/0/preference/certification_id",
            {"line": 1, "certification": "cert-2"},
        )
    ]


# --- totals, weights and counts -------------------------------------------------------------


def test_invoice_totals_agree() -> None:
    data = _data()
    data["invoices"][0]["total"]["amount"] = "25600.01"
    assert _found(core_rules.invoice_totals_agree, data) == [
        (
            "invoice_total_mismatch",
            "/invoices/0/total/amount",
            {
                "invoice": "PEP-26-1187",
                "lines": "25600.00",
                "declared": "25600.01",
                "currency": "USD",
            },
        )
    ]


def test_invoice_total_in_another_currency_is_not_summed() -> None:
    data = _data()
    data["invoices"][0]["total"] = {"amount": "441600", "currency": "MXN"}
    assert _found(core_rules.invoice_totals_agree, data) == []


def test_declaration_total_agrees() -> None:
    data = _data()
    data["totals"]["invoice_total"]["amount"] = "25600.10"
    assert _found(core_rules.declaration_total_agrees, data) == [
        (
            "declaration_total_mismatch",
            "/totals/invoice_total/amount",
            {"lines": "25600.00", "declared": "25600.10", "currency": "USD"},
        )
    ]


def test_declaration_total_equal_in_value_is_accepted() -> None:
    data = _data()
    data["totals"]["invoice_total"]["amount"] = "25600"
    assert _found(core_rules.declaration_total_agrees, data) == []


def test_total_gross_weight_agrees() -> None:
    data = _data()
    data["totals"]["gross_weight_kg"] = "40080"
    assert _found(core_rules.total_gross_weight_agrees, data) == [
        (
            "total_gross_weight_mismatch",
            "/totals/gross_weight_kg",
            {"lines": "40080.5", "declared": "40080"},
        )
    ]


def test_total_gross_weight_is_not_checked_when_a_line_has_none() -> None:
    data = _data()
    del data["goods_items"][1]["gross_weight_kg"]
    data["totals"]["gross_weight_kg"] = "40080"
    assert _found(core_rules.total_gross_weight_agrees, data) == []


def test_line_count_agrees() -> None:
    data = _data()
    data["totals"]["line_count"] = 3
    assert _found(core_rules.line_count_agrees, data) == [
        ("line_count_mismatch", "/totals/line_count", {"lines": 2, "declared": 3})
    ]


def test_net_weight_within_gross() -> None:
    data = _data()
    data["goods_items"][0]["net_weight_kg"] = "20040.01"
    assert _found(core_rules.net_weight_within_gross, data) == [
        (
            "net_weight_above_gross",
            "/goods_items/0/net_weight_kg",
            {"net": "20040.01", "gross": "20040"},
        )
    ]


def test_net_weight_equal_to_gross_is_accepted() -> None:
    data = _data()
    data["goods_items"][0]["net_weight_kg"] = "20040.00"
    assert _found(core_rules.net_weight_within_gross, data) == []


# --- subdivisions ---------------------------------------------------------------------------


def test_origin_subdivision_in_country() -> None:
    data = _data()
    data["goods_items"][1]["origin_subdivision"] = "MX-JAL"
    assert _found(core_rules.origin_subdivision_in_country, data) == [
        (
            "subdivision_country_mismatch",
            "/goods_items/1/origin_subdivision",
            {"subdivision": "MX-JAL", "country": "CA"},
        )
    ]


def test_address_subdivision_in_country() -> None:
    data = _data()
    data["certifications"][0]["certifier"]["address"] = {"country": "MX", "subdivision": "CA-ON"}
    assert _found(core_rules.address_subdivision_in_country, data) == [
        (
            "subdivision_country_mismatch",
            "/certifications/0/certifier/address/subdivision",
            {"subdivision": "CA-ON", "country": "MX"},
        )
    ]


CONSISTENCY_RULES: tuple[Rule, ...] = (
    core_rules.line_numbers_unique,
    core_rules.invoice_numbers_unique,
    core_rules.certification_ids_unique,
    core_rules.invoice_references_known,
    core_rules.certification_references_known,
    core_rules.invoice_totals_agree,
    core_rules.declaration_total_agrees,
    core_rules.total_gross_weight_agrees,
    core_rules.line_count_agrees,
    core_rules.net_weight_within_gross,
    core_rules.origin_subdivision_in_country,
    core_rules.address_subdivision_in_country,
)

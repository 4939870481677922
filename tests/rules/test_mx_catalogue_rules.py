"""Mexican rules that use SAT's catalogues, with real fracciones, NICOs, UMTs and patentes.

The shipped c_FraccionArancelaria snapshot reflects SAT's catalogue of 2024-05-14: on a 2024
date it is current (an unknown code is an error), on the 2026 date of the complete declaration
it is stale (a warning, and one notice).
"""

from __future__ import annotations

from typing import Any

import harmonized_customs as hc
from harmonized_customs.countries.mx import catalogue_rules
from harmonized_customs.issues import Severity
from harmonized_customs.rules import RuleContext

from .conftest import Complete, Data, as_export_from, build, check_for

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MINE = (
    "mx_fraccion_unknown",
    "mx_fraccion_expired",
    "mx_umt_mismatch",
    "mx_patente_unknown",
    "mx_tax_id_pattern_mismatch",
    "mx_unit_unknown",
)
IN_2024 = "2024-06-03"


def _mx(complete: Complete, fraccion_nico: str = "0713400100", unit: str = "1") -> Data:
    data = complete("MX")
    item = data["goods_items"][0]
    item["classification"]["mx_fraccion"] = fraccion_nico[:8]
    item["classification"]["mx_nico"] = fraccion_nico[8:]
    item["classification"]["hs6"] = fraccion_nico[:6]
    item["tariff_quantities"][0]["unit"] = unit
    return data


def _on(data: Data, day: str) -> Data:
    data["declaration_date"] = day
    return data


def _mine(data: Data) -> list[Any]:
    report = check_for(data, "MX")
    return [i for i in report if i.code in MINE]


def test_real_fraccion_nico_in_its_umt(complete: Complete) -> None:
    assert _mine(_on(_mx(complete), IN_2024)) == []


def test_cce_two_digit_umt_is_accepted(complete: Complete) -> None:
    assert _mine(_on(_mx(complete, unit="01"), IN_2024)) == []


def test_wrong_umt_suggests_the_catalogue_one(complete: Complete) -> None:
    (issue,) = _mine(_on(_mx(complete, unit="6"), IN_2024))
    assert issue.code == "mx_umt_mismatch"
    assert issue.severity is E
    assert issue.pointer == "/goods_items/0/tariff_quantities/0/unit"
    assert issue.suggestion == "1"
    assert issue.ctx["expected"] == "01"
    assert issue.ctx["description"] == "KILO"


def test_wrong_cce_umt_is_answered_in_cce_numbering(complete: Complete) -> None:
    (issue,) = _mine(_on(_mx(complete, "8708100100", unit="06"), IN_2024))
    assert issue.suggestion == "01"


def test_nonexistent_nico_is_an_error_on_a_current_catalogue(complete: Complete) -> None:
    (issue,) = _mine(_on(_mx(complete, "0713409900"), IN_2024))
    assert (issue.code, issue.severity) == ("mx_fraccion_unknown", E)
    assert [c["code"] for c in issue.suggestion["choices"]] == ["0713400100"]


def test_nonexistent_nico_is_a_warning_on_a_stale_catalogue(complete: Complete) -> None:
    data = _mx(complete, "0713409900")
    (issue,) = _mine(data)
    assert (issue.code, issue.severity) == ("mx_fraccion_unknown", W)
    report = hc.check(build(data), ["MX"])
    assert [i.code for i in report].count("mx_fraccion_dataset_stale") == 1


def test_expired_nico_names_its_end_and_its_successors(complete: Complete) -> None:
    (issue,) = _mine(_on(_mx(complete, "0901219900"), IN_2024))
    assert (issue.code, issue.severity) == ("mx_fraccion_expired", E)
    assert issue.ctx["valid_to"] == "2024-03-22"
    assert [c["code"] for c in issue.suggestion["choices"]] == ["0901219901", "0901219999"]
    assert issue.suggestion["choices"][0]["nico"] == "01"


def test_before_the_catalogue_one_notice_and_no_line_issue(complete: Complete) -> None:
    data = _on(_mx(complete, "0713409900", unit="6"), "2023-06-01")
    report = hc.check(build(data), ["MX"])
    codes = [i.code for i in report]
    assert codes.count("mx_fraccion_dataset_missing") == 1
    assert not set(codes) & {"mx_fraccion_unknown", "mx_umt_mismatch"}


def test_patente_not_in_sat_list(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["patente"] = "0001"
    (issue,) = _mine(data)
    assert (issue.code, issue.severity, issue.pointer) == (
        "mx_patente_unknown",
        E,
        "/national/mx/patente",
    )


def _export_with_buyer_tax_id(complete: Complete, value: str) -> Data:
    data = as_export_from(complete("MX"), "MX")
    data["national"]["mx"]["pedimento_number"] = None
    data["buyer"] = {
        "name": "Example Foods Inc.",
        "identifiers": [{"scheme": "tax-id", "value": value, "country": "US"}],
    }
    return data


def test_receptor_tax_id_against_sat_pattern(complete: Complete) -> None:
    (issue,) = _mine(_export_with_buyer_tax_id(complete, "75-7654321"))
    assert issue.code == "mx_tax_id_pattern_mismatch"
    assert issue.pointer == "/buyer/identifiers/0/value"
    assert issue.ctx == {"value": "75-7654321", "country": "USA", "pattern": "[0-9]{9}"}
    assert _mine(_export_with_buyer_tax_id(complete, "757654321")) == []


def test_a_line_without_a_mexican_tariff_quantity_asks_no_umt_lookup(
    complete: Complete, monkeypatch: Any
) -> None:
    """Nothing to compare with the catalogue's UMT: the fracción + NICO is not looked up."""
    data = _on(_mx(complete, unit="6"), IN_2024)
    data["goods_items"][0]["tariff_quantities"][0]["jurisdiction"] = "US"
    declaration = build(data)

    def refused(item: Any, context: Any) -> Any:
        raise AssertionError("looked up")

    monkeypatch.setattr(catalogue_rules, "_entry", refused)
    context = RuleContext(declaration, "MX")
    rule = catalogue_rules.tariff_quantity_in_umt.function
    assert list(rule(declaration.goods_items[0], context)) == []

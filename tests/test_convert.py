"""hc.convert: any format to any other through the core model, with losses and decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.conversion import _merge, convert_declaration
from harmonized_customs.core_json import dumps
from harmonized_customs.issues import Issue, Report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

MINIMAL = {
    "direction": "import",
    "goods_items": [
        {
            "line_number": 1,
            "description": "Steel bolts",
            "classification": {"hs6": "731815"},
            "origin_country": "US",
            "value": {"amount": "100.00", "currency": "USD"},
        }
    ],
}


@pytest.fixture(scope="module")
def us_entry() -> bytes:
    """A US entry summary (ABI AE) written from the complete US import example."""
    declaration = hc.load(EXAMPLES / "complete-us-import.json")
    text = hc.dump(declaration, "us-abi-ae")
    assert isinstance(text, str)
    return text.encode("utf-8")


def test_us_entry_to_pedimento_names_what_mexico_needs(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="mx-pedimento-m3")
    decisions = {(i.code, i.pointer) for i in result.decisions}
    assert result.blocked
    assert isinstance(result.output, str)
    assert result.output
    for line in range(3):
        assert (
            "mx_fraccion_missing",
            f"/goods_items/{line}/classification/mx_fraccion",
        ) in decisions
    assert ("mx_exchange_rate_missing", "/valuation/exchange_rates") in decisions
    assert ("mx_patente_missing", "/national/mx/patente") in decisions


def test_us_entry_to_cad_names_what_canada_needs(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="ca-cad")
    codes = {i.code for i in result.decisions}
    assert result.blocked
    assert {"ca_classification_missing", "ca_office_missing"} <= codes


def test_report_holds_only_the_target_country_and_core_issues(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="mx-pedimento-m3")
    assert {i.target for i in result.report} <= {None, "MX"}


def test_losses_are_the_values_the_format_cannot_carry(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="mx-pedimento-m3")
    assert result.losses
    assert all(i.code in {"value_not_carried", "values_not_carried"} for i in result.losses)
    assert len(result.losses) + len(result.decisions) == len(result.report)


def test_suggestions_reach_the_report(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="mx-pedimento-m3")
    suggested = [i for i in result.report if i.code == "mx_tmec_identifier_suggested"]
    assert suggested
    assert all(i.suggestion is not None for i in suggested)


def test_core_json_target_has_only_writer_issues() -> None:
    declaration = hc.load(EXAMPLES / "ca-to-mx-rail.json")
    result = hc.convert(declaration, to="core-json")
    assert not result.blocked
    assert len(result.report) == 0
    assert result.output == dumps(declaration)


def test_xml_target_gives_bytes() -> None:
    result = hc.convert(EXAMPLES / "ca-to-mx-rail.json", to="mx-cfdi-cce20")
    assert isinstance(result.output, bytes)
    assert result.output.lstrip().startswith(b"<?xml")


def test_blocked_result_still_carries_the_output() -> None:
    result = hc.convert(json.dumps(MINIMAL).encode(), to="mx-pedimento-m3")
    assert result.blocked
    assert result.output


def test_unreadable_source_raises_input_error() -> None:
    with pytest.raises(hc.InputError) as exc:
        hc.convert(b'{"direction": "import", "goods_items": [}', to="core-json", format="core-json")
    assert any(i.code == "json_syntax" for i in exc.value.report)


def test_several_declarations_need_convert_all() -> None:
    data = json.dumps([MINIMAL, MINIMAL]).encode()
    with pytest.raises(hc.UsageError):
        hc.convert(data, to="core-json")
    results = list(hc.convert_all(data, to="core-json"))
    assert [r.index for r in results] == [0, 1]


def test_convert_all_stops_at_an_unreadable_declaration() -> None:
    broken = dict(MINIMAL, direction="sideways")
    data = json.dumps([MINIMAL, broken]).encode()
    results = hc.convert_all(data, to="core-json")
    assert next(results).index == 0
    with pytest.raises(hc.InputError):
        next(results)


def test_unknown_target_format_is_a_usage_error() -> None:
    with pytest.raises(hc.UnknownFormatError):
        hc.convert(json.dumps(MINIMAL).encode(), to="eu-h1")


def test_convert_declaration_refuses_other_objects() -> None:
    with pytest.raises(hc.UsageError):
        convert_declaration(MINIMAL, "core-json")


def test_same_issue_from_writer_and_rules_is_reported_once() -> None:
    issue = Issue.of("value_not_carried", "/export_date", format="x")
    merged = _merge((issue,), Report([issue, issue]))
    assert len(merged) == 1


def test_to_dict_counts_losses_and_decisions(us_entry: bytes) -> None:
    result = hc.convert(us_entry, to="mx-pedimento-m3")
    data = result.to_dict("es")
    assert data["format"] == "mx-pedimento-m3"
    assert data["blocked"] is True
    assert data["losses"] == len(result.losses)
    assert data["decisions"] == len(result.decisions)
    assert all("message" in issue for issue in data["issues"])

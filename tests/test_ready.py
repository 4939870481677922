"""Ready means writable: filer profiles, patches, derived values, each fact once.

The property at the heart of it: when ``check`` says a country is ready, converting to that
country's filing format (with a filer profile) gives no error about the declaration.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs.conversion import convert_document
from harmonized_customs.documents import kind_of
from harmonized_customs.errors import InputError
from harmonized_customs.model import Declaration
from strategies import declarations
from test_cli import run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ["us-to-ca-truck", "mx-to-us-usmca", "ca-to-mx-rail", "complete-us-import"]
FORMATS = {"US": "us-abi-ae", "CA": "ca-cad", "MX": "mx-pedimento-m3"}
PROFILE: dict[str, Any] = json.loads((EXAMPLES / "filer-profile.json").read_text("utf-8"))

FILLED = {
    # what a broker answers; test values only (the shipped templates keep their nulls)
    "/goods_items/1/origin_subdivision": "US-TX",
    "/national/ca/office_code": "0453",
    "/national/us/bond/designation": "B",
    "/national/us/surety_code": "ZZ9",
    "/national/mx/pedimento_serial": "6000123",
    "/national/mx/patente": "3999",
    "/importer/identifiers/-": {"scheme": "mx-rfc", "value": "CEG150312AB7"},
    "/goods_items/2/classification/mx_fraccion": "10083001",
    "/goods_items/2/classification/mx_nico": "00",
}
BLOCKED = [("us-to-ca-truck", "CA"), ("complete-us-import", "US"), ("ca-to-mx-rail", "MX")]


def load(name: str) -> Declaration:
    declaration = hc.load(EXAMPLES / f"{name}.json")
    assert isinstance(declaration, Declaration)
    return declaration


def errors_of(document: Declaration, country: str) -> list[tuple[str, str]]:
    converted = convert_document(document, FORMATS[country], profile=PROFILE)
    return [(i.code, i.pointer) for i in converted.report if i.blocking]


def answered(document: Declaration, country: str) -> Declaration:
    """The document patched until ``country`` is ready, each round from the report's template."""
    for _ in range(3):
        report = hc.check(document, [country])
        if report.ready(country):
            return document
        ops = report.patch_template(country)
        for op in ops:
            op["value"] = FILLED[op["path"]]
        document = hc.patch(document, ops)
    return document


# --- ready means writable -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_ready_country_converts_without_errors(name: str) -> None:
    document = load(name)
    report = hc.check(document, list(FORMATS))
    for country in report.targets:
        if report.ready(country):
            assert errors_of(document, country) == []


@pytest.mark.parametrize(("name", "country"), BLOCKED)
def test_filled_template_makes_the_example_ready_and_writable(name: str, country: str) -> None:
    document = answered(load(name), country)
    assert hc.check(document, [country]).ready(country)
    assert errors_of(document, country) == []


@pytest.mark.parametrize(("name", "country"), BLOCKED[:2])
def test_one_round_of_the_template_is_enough(name: str, country: str) -> None:
    document = load(name)
    ops = hc.check(document, [country]).patch_template(country)
    for op in ops:
        op["value"] = FILLED[op["path"]]
    assert hc.check(hc.patch(document, ops), [country]).ready(country)


def _without(data: dict[str, Any], pointer: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    *parents, last = pointer.strip("/").split("/")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.get(part)
        if node is None:
            return out
    if isinstance(node, dict):
        node.pop(last, None)
    return out


REMOVABLE = [
    "/trader_reference",
    "/national/us/entry_number",
    "/national/us/port_of_entry",
    "/national/us/entry_type",
    "/importer",
    "/goods_items/0/national",
    "/goods_items/0/preference",
    "/goods_items/0/customs_values",
    "/goods_items/0/tariff_quantities",
    "/goods_items/1/classification/us_hts",
    "/national/mx",
    "/valuation/exchange_rates",
    "/transport",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    removed=st.lists(st.sampled_from(REMOVABLE), max_size=3, unique=True),
)
def test_ready_implies_writable_for_changed_examples(name: str, removed: list[str]) -> None:
    data = load(name).model_dump(mode="json", exclude_none=True)
    for pointer in removed:
        data = _without(data, pointer)
    try:
        document = Declaration.model_validate(data)
    except ValueError:
        return
    report = hc.check(document, list(FORMATS))
    for country in report.targets:
        if report.ready(country):
            assert errors_of(document, country) == []


IMPORT_ONLY = {"US", "CA"}
"""The ABI entry summary and the CAD are import filings; the M3 pedimento serves both ways."""


def filed_in(document: Declaration, country: str) -> bool:
    """True when the country's filing format is the filing ``check`` judged for ``document``."""
    return country not in IMPORT_ONLY or kind_of(document).role(document, country) == "import"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=declarations(max_goods=3))
def test_ready_implies_writable_for_generated_declarations(document: Declaration) -> None:
    report = hc.check(document, list(FORMATS))
    for country in report.targets:
        if report.ready(country) and filed_in(document, country):
            assert errors_of(document, country) == []


# --- derived values -------------------------------------------------------------------------


def test_usmca_duties_and_totals_are_derived_not_demanded() -> None:
    report = hc.check(load("mx-to-us-usmca"), ["US"])
    derived = {i.pointer: i.suggestion for i in report if i.code == "us_value_derived"}
    assert derived["/national/us/totals/duty"] == "0.00"
    assert derived["/national/us/totals/user_fees"] == "0.00"
    assert derived["/goods_items/0/national/us/tariff_lines/0/duty"] == "0.00"
    assert all(i.severity.value == "info" for i in report if i.code == "us_value_derived")
    assert report.ready("US")


def test_a_line_without_claim_needs_its_duty_and_the_fees() -> None:
    data = load("mx-to-us-usmca").model_dump(mode="json", exclude_none=True)
    data["goods_items"][0].pop("preference")
    data["goods_items"][0]["national"]["us"].pop("spi")
    report = hc.check(Declaration.model_validate(data), ["US"])
    blocking = {i.pointer for i in report.blocking("US")}
    assert "/goods_items/0/national/us/tariff_lines/0/duty" in blocking
    assert "/national/us/totals/user_fees" in blocking


# --- filer profiles -------------------------------------------------------------------------


def test_missing_settings_are_one_issue_each_naming_the_setting() -> None:
    converted = hc.convert(load("mx-to-us-usmca"), "us-abi-ae")
    settings_missing = [i for i in converted.report if i.code == "filer_setting_missing"]
    assert sorted(i.ctx["setting"] for i in settings_missing) == [
        "action",
        "block_port",
        "filer_code",
        "password",
        "sender_id",
        "site_code",
    ]
    assert not any(i.code == "us_abi_value_missing" for i in converted.report)


def test_settings_never_block_check() -> None:
    report = hc.check(load("mx-to-us-usmca"), ["US"])
    assert not any("/batch/" in i.pointer or "/block/" in i.pointer for i in report)


def test_profile_settings_reach_the_output() -> None:
    converted = hc.convert(load("mx-to-us-usmca"), "us-abi-ae", profile=PROFILE)
    first = str(converted.output).splitlines()[0]
    assert first.startswith("AEXMPEX1EXPW01")
    assert not converted.blocked


def test_a_refused_password_is_never_echoed() -> None:
    profile = {"us-abi-ae": {**PROFILE["us-abi-ae"], "password": "SECRET-TOO-LONG"}}
    converted = hc.convert(load("mx-to-us-usmca"), "us-abi-ae", profile=profile)
    refused = [i for i in converted.report if i.code == "filer_setting_invalid"]
    assert [i.ctx for i in refused] == [{"setting": "password"}]
    for language in ("en", "fr", "es"):
        assert "SECRET" not in json.dumps(converted.to_dict(language), ensure_ascii=False)
        assert "SECRET" not in converted.report.render(language)


def test_dump_takes_the_profile() -> None:
    text = hc.dump(load("mx-to-us-usmca"), "us-abi-ae", profile=PROFILE)
    assert isinstance(text, str)
    assert text.splitlines()[1].startswith("B  0712997AE")


def test_a_flat_profile_is_accepted() -> None:
    converted = hc.convert(load("mx-to-us-usmca"), "us-abi-ae", profile=PROFILE["us-abi-ae"])
    assert not converted.blocked


# --- patches --------------------------------------------------------------------------------


def test_patch_creates_the_objects_on_its_path() -> None:
    document = load("ca-to-mx-rail")
    patched = hc.patch(
        document, [{"op": "add", "path": "/national/us/surety_code", "value": "ZZ9"}]
    )
    assert patched.national.us is not None
    assert patched.national.us.surety_code == "ZZ9"
    assert document.national.us is None


def test_patch_wildcard_means_every_line() -> None:
    document = load("mx-to-us-usmca")
    ops = [{"op": "replace", "path": "/goods_items/*/origin_country", "value": "CA"}]
    patched = hc.patch(document, ops)
    assert {item.origin_country for item in patched.goods_items} == {"CA"}


def test_a_null_left_in_the_patch_is_refused_where_it_is() -> None:
    with pytest.raises(InputError) as caught:
        hc.patch(
            load("ca-to-mx-rail"), [{"op": "add", "path": "/national/mx/patente", "value": None}]
        )
    [issue] = list(caught.value.report)
    assert (issue.code, issue.pointer) == ("patch_value_unfilled", "/national/mx/patente")


def test_an_operation_that_cannot_apply_is_located() -> None:
    with pytest.raises(InputError) as caught:
        hc.patch(load("ca-to-mx-rail"), [{"op": "remove", "path": "/national/us/entry_number"}])
    assert [i.code for i in caught.value.report] == ["patch_invalid"]


def test_a_patch_giving_invalid_data_reports_the_model_error() -> None:
    with pytest.raises(InputError) as caught:
        hc.patch(
            load("ca-to-mx-rail"), [{"op": "add", "path": "/national/mx/patente", "value": "12"}]
        )
    assert [i.pointer for i in caught.value.report] == ["/national/mx/patente"]


def test_template_has_one_operation_per_value_with_suggestions() -> None:
    data = load("ca-to-mx-rail").model_dump(mode="json", exclude_none=True)
    report = hc.check(Declaration.model_validate(data), ["MX"])
    ops = report.patch_template("MX")
    paths = [op["path"] for op in ops]
    assert len(paths) == len(set(paths))
    assert all(op["op"] == "add" and "code" in op and op["message"] for op in ops)
    assert "/importer/identifiers/-" in paths


def test_template_uses_the_wildcard_for_every_line() -> None:
    ops = hc.check(load("mx-to-us-usmca"), ["MX"]).patch_template("MX")
    assert "/goods_items/*/classification/mx_fraccion" in [op["path"] for op in ops]


def test_shipped_templates_are_what_check_writes() -> None:
    for name, country in BLOCKED:
        shipped = json.loads((EXAMPLES / "patches" / f"{name}-{country.lower()}.json").read_text())
        assert shipped == hc.check(load(name), [country]).patch_template(country)


# --- each fact once -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_no_finding_repeated_in_check_or_conversion(name: str) -> None:
    document = load(name)
    report = hc.check(document, list(FORMATS))
    assert max(Counter((i.code, i.pointer, i.target) for i in report).values()) == 1
    for fmt in FORMATS.values():
        converted = hc.convert(document, fmt, profile=PROFILE)
        keys = Counter((i.code, i.pointer, i.target) for i in converted.report)
        assert max(keys.values()) == 1
        pointers = Counter(i.pointer for i in converted.report if i.blocking and i.pointer)
        assert max(pointers.values(), default=1) == 1, pointers


def test_losses_are_grouped_per_field_with_a_line_count() -> None:
    converted = hc.convert(load("mx-to-us-usmca"), "ca-cad")
    grouped = {
        i.pointer: i.ctx["lines"] for i in converted.losses if i.code == "values_not_carried"
    }
    assert grouped["/goods_items/*/packages"] == 4
    assert not any(i.pointer.startswith("/goods_items/1/") for i in converted.losses)


# --- command line ---------------------------------------------------------------------------


def test_cli_patch_round_trip(tmp_path: Path) -> None:
    source = str(EXAMPLES / "us-to-ca-truck.json")
    code, text = run("check", source, "--to", "CA", "--output", "patch")
    assert code == 1
    ops = json.loads(text)
    for op in ops:
        op["value"] = FILLED[op["path"]]
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(ops), encoding="utf-8")
    code, text = run("check", source, "--to", "CA", "--patch", str(answer))
    assert code == 0, text
    out = tmp_path / "cad.json"
    code, _ = run("convert", source, "--to", "ca-cad", "--patch", str(answer), "-o", str(out))
    assert code == 0
    assert json.loads(out.read_text("utf-8"))["header"]


def test_cli_profile(tmp_path: Path) -> None:
    out = tmp_path / "entry.abi"
    source = str(EXAMPLES / "mx-to-us-usmca.json")
    profile = str(EXAMPLES / "filer-profile.toml")
    code, text = run("convert", source, "--to", "us-abi-ae", "--profile", profile, "-o", str(out))
    assert code == 0, text
    assert "EXPW01" not in text
    assert out.read_text("utf-8").startswith("AEXMP")


def test_cli_conversion_text_never_says_no_issues_above_issues(tmp_path: Path) -> None:
    source, out = EXAMPLES / "mx-to-us-usmca.json", tmp_path / "cad.json"
    code, text = run("convert", str(source), "--to", "ca-cad", "--force", "-o", str(out))
    assert code == 1
    assert "value_not_carried" in text
    assert "no issues" not in text


# --- nothing lost, nothing invented ---------------------------------------------------------


def test_cad_carries_the_cbsa_carrier_code_held_as_a_carrier_identifier() -> None:
    converted = hc.convert(load("us-to-ca-truck"), "ca-cad")
    assert json.loads(str(converted.output))["header"]["carrier_code"] == "9EXN"
    back = hc.loads(str(converted.output))
    codes = {i.code for i in hc.check(back, ["CA"]).blocking("CA")}
    assert "ca_carrier_code_missing" not in codes


def test_m3_writes_usd_freight_in_pesos_by_the_declared_rate() -> None:
    document = load("ca-to-mx-rail")
    converted = hc.convert(document, "mx-pedimento-m3")
    [record] = [r for r in str(converted.output).splitlines() if r.startswith("501|")]
    assert document.valuation is not None
    assert document.valuation.freight is not None
    assert document.valuation.freight.amount == Decimal("6900.00")
    assert "|127319|" in record  # 6,900.00 USD x 18.4520 = 127,318.80 MXN, whole pesos
    assert "/valuation/freight" not in {i.pointer for i in converted.losses}


def test_abi_description_records_are_joined_with_spaces() -> None:
    document = load("complete-us-import")
    text = hc.dump(document, "us-abi-ae", profile=PROFILE)
    assert isinstance(text, str)
    back = hc.loads(text)
    assert back.goods_items[0].description == document.goods_items[0].description
    assert "\n" not in back.goods_items[0].description


def test_a_national_rule_restating_a_core_finding_replaces_it_for_its_country() -> None:
    sample = EXAMPLES.parent / "tests/conformance/samples/us-abi-ae/01-usmca-truck.txt"
    result = next(hc.read(sample))
    report = hc.check(result, list(FORMATS))
    line_1 = [(i.code, i.target) for i in report if i.pointer == "/goods_items/0/preference"]
    assert sorted(line_1, key=str) == sorted(
        [
            ("us_usmca_certification_missing", "US"),
            ("mx_tmec_certification_missing", "MX"),
            ("preference_claim_without_certification", "CA"),
        ],
        key=str,
    )
    core_only = hc.check(result, [])
    assert [i.target for i in core_only if i.pointer == "/goods_items/0/preference"] == [None]

"""Cross-filing: the rule engine, ``hc.check`` on the examples, and the report it returns."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs.crossfiling import CrossFilingReport, default_targets, restated
from harmonized_customs.errors import UsageError
from harmonized_customs.format_registry import get_format
from harmonized_customs.i18n import ui
from harmonized_customs.issues import Issue, Report, Severity
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.profiles import declaration_findings, finding_filter
from harmonized_customs.rules import Finding, RuleContext, rule, run_rules, select

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_NAMES = ["us-to-ca-truck", "mx-to-us-usmca", "ca-to-mx-rail", "complete-us-import"]


def load(name: str) -> Declaration:
    declaration = hc.load(EXAMPLES / f"{name}.json")
    assert isinstance(declaration, Declaration)
    return declaration


def data_of(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def without_coverage(report: CrossFilingReport) -> CrossFilingReport:
    """The report less the notices that a reference dataset is not loaded or is old."""
    kept = [i for i in report if not i.code.endswith(("_dataset_missing", "_dataset_stale"))]
    return CrossFilingReport(kept, report.targets)


def us_ready() -> Declaration:
    """complete-us-import without its bond type: no record 31, so no surety code to name."""
    data = data_of("complete-us-import")
    del data["national"]["us"]["bond_type"]
    return Declaration.model_validate(data)


def checked(name: str) -> CrossFilingReport:
    return without_coverage(hc.check(load(name)))


def codes(issues: Any) -> set[str]:
    return {i.code for i in issues}


# --- the examples and their deliberate gaps -------------------------------------------------


def test_us_to_ca_truck_blocked_in_canada_by_line_2_state() -> None:
    report = checked("us-to-ca-truck")
    assert not report.ready("CA")
    assert codes(report.blocking("CA")) == {"ca_us_origin_state_missing", "ca_office_missing"}
    [state] = [i for i in report.blocking("CA") if i.code == "ca_us_origin_state_missing"]
    assert (state.target, state.pointer, state.wco_id, state.severity) == (
        "CA",
        "/goods_items/1/origin_subdivision",
        "066",
        Severity.ERROR,
    )
    assert state.ctx == {"line": 2}
    [office] = [i for i in report.blocking("CA") if i.code == "ca_office_missing"]
    assert (office.pointer, office.wco_id) == ("/national/ca/office_code", "065")


def test_us_to_ca_truck_has_no_core_issue() -> None:
    assert list(checked("us-to-ca-truck").filter(target=None)) == []


def test_ca_to_mx_rail_blocked_in_mexico() -> None:
    report = checked("ca-to-mx-rail")
    assert not report.ready("MX")
    found = {(i.code, i.pointer, i.wco_id) for i in report.blocking("MX")}
    assert found == {
        ("mx_importer_rfc_missing", "/importer/identifiers", "R038"),
        ("mx_fraccion_missing", "/goods_items/2/classification/mx_fraccion", None),
        ("mx_patente_missing", "/national/mx/patente", "R004"),
        ("mx_m3_value_missing", "/national/mx/pedimento_serial", None),
    }
    [fraccion] = [i for i in report.blocking("MX") if i.code == "mx_fraccion_missing"]
    assert fraccion.ctx == {"line": 3, "hs6": "100830"}


def test_ca_to_mx_rail_has_only_its_four_gaps_for_mexico() -> None:
    report = checked("ca-to-mx-rail").for_target("MX")
    assert len(report) == 4
    assert all(i.severity is Severity.ERROR for i in report)


def test_complete_us_import_lacks_only_its_bond_details_in_the_us() -> None:
    report = checked("complete-us-import")
    assert {(i.code, i.pointer) for i in report.blocking("US")} == {
        ("us_abi_value_missing", "/national/us/bond/designation"),
        ("us_abi_value_missing", "/national/us/surety_code"),
    }
    assert hc.check(us_ready(), ["US"]).ready("US")


def test_complete_us_import_lacks_what_a_us_entry_never_carries() -> None:
    report = checked("complete-us-import")
    assert not report.ready("CA")
    assert not report.ready("MX")
    assert "ca_classification_missing" in codes(report.blocking("CA"))
    assert {"mx_importer_rfc_missing", "mx_fraccion_missing"} <= codes(report.blocking("MX"))


def test_mx_to_us_usmca_is_ready_in_the_us() -> None:
    report = checked("mx-to-us-usmca")
    assert report.ready("US")
    assert report.blocking("US") == []
    fraccion = [i for i in report.blocking("MX") if i.code == "mx_fraccion_missing"]
    classification = [i for i in report.blocking("CA") if i.code == "ca_classification_missing"]
    assert len(fraccion) == len(classification) == 4


# --- blocking, ready, warnings --------------------------------------------------------------


def test_core_error_blocks_every_target() -> None:
    declaration = us_ready()
    late = declaration.model_copy(update={"export_date": dt.date(2026, 11, 21)})
    report = hc.check(late)
    for target in default_targets():
        assert not report.ready(target)
        core = [i for i in report.blocking(target) if i.target is None]
        assert [(i.code, i.pointer) for i in core] == [("export_after_arrival", "/export_date")]
    assert hc.check(declaration).ready("US")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_only_errors_block(name: str) -> None:
    report = checked(name)
    for target in report.targets:
        blocking = report.blocking(target)
        assert all(i.severity is Severity.ERROR for i in blocking)
        expected = [i for i in report if i.blocking and i.target in (None, target)]
        assert blocking == expected
        assert report.ready(target) is (not expected)


def test_warnings_never_block() -> None:
    declaration = us_ready()
    valuation = declaration.valuation
    assert valuation is not None
    warned = declaration.model_copy(
        update={
            "arrival_date": None,  # us_import_date_missing (warning)
            "valuation": valuation.model_copy(update={"incoterm": "DAT"}),  # incoterm_legacy
        }
    )
    report = without_coverage(hc.check(warned, ["US"]))
    assert {(i.code, i.severity) for i in report if i.code != "us_value_derived"} == {
        ("us_import_date_missing", Severity.WARNING),
        ("incoterm_legacy", Severity.WARNING),
    }
    assert report.ready("US")
    assert report.blocking("US") == []


@pytest.mark.parametrize("method", ["blocking", "ready", "for_target"])
def test_unchecked_target_is_a_usage_error(method: str) -> None:
    report = hc.check(load("complete-us-import"), ["US"])
    with pytest.raises(UsageError, match="'CA' was not checked"):
        getattr(report, method)("CA")


def test_target_names_are_case_insensitive() -> None:
    report = hc.check(us_ready(), ["us", "US", "Us"])
    assert report.targets == ("US",)
    assert report.ready("us")


def test_unknown_target_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown jurisdiction 'GB'"):
        hc.check(load("complete-us-import"), ["US", "GB"])


def test_check_needs_a_declaration() -> None:
    not_a_declaration: Any = data_of("complete-us-import")
    with pytest.raises(UsageError, match=r"expected a document \(Declaration.*\), not dict"):
        hc.check(not_a_declaration)


def test_default_targets_are_us_ca_mx() -> None:
    assert checked("complete-us-import").targets == ("US", "CA", "MX")


def test_targets_keep_the_order_given() -> None:
    assert hc.check(load("complete-us-import"), ["MX", "US"]).targets == ("MX", "US")


def test_only_chosen_targets_are_checked() -> None:
    report = hc.check(load("ca-to-mx-rail"), ["MX"])
    assert {i.target for i in report} <= {None, "MX"}


def test_issues_have_registered_authorities() -> None:
    report = checked("us-to-ca-truck")
    authorities = {i.target: i.authority for i in report}
    assert authorities == {"US": "CBP", "CA": "CBSA", "MX": "SAT/ANAM"}


# --- matrix ---------------------------------------------------------------------------------


def _matrix_case() -> CrossFilingReport:
    """complete-us-import with an extra BN15 of program RZ on the importer and no SPI on line 1.

    The RZ account gives a core warning (unknown program) and a CA error (not RM) at the same
    pointer; the missing SPI gives a US info.
    """
    data = data_of("complete-us-import")
    data["importer"]["identifiers"].append({"scheme": "ca-bn15", "value": "705129831RZ0001"})
    data["goods_items"][0]["national"]["us"]["spi"] = None
    return hc.check(Declaration.model_validate(data))


def test_matrix_worst_severity_per_target_with_core_issues_everywhere() -> None:
    matrix = _matrix_case().matrix()
    assert matrix["/importer/identifiers/1/value"] == {
        "US": "warning",
        "CA": "error",
        "MX": "warning",
    }
    assert matrix["/goods_items/0/national/us/spi"] == {"US": "info", "CA": "ok", "MX": "ok"}
    assert matrix["/importer/identifiers"] == {"US": "ok", "CA": "ok", "MX": "error"}
    assert matrix["/goods_items/0/classification/ca_tariff"] == {
        "US": "ok",
        "CA": "error",
        "MX": "ok",
    }


def test_matrix_rows_are_the_sorted_pointers_with_issues() -> None:
    report = _matrix_case()
    matrix = report.matrix()
    assert list(matrix) == sorted({i.pointer or "/" for i in report})
    assert all(set(row) == {"US", "CA", "MX"} for row in matrix.values())
    assert {cell for row in matrix.values() for cell in row.values()} == {
        "ok",
        "info",
        "warning",
        "error",
    }


def test_matrix_root_issue_is_row_slash_and_only_checked_targets() -> None:
    data = data_of("complete-us-import")
    data["direction"] = "export"  # a Canadian export: CA says it is not covered
    report = hc.check(Declaration.model_validate(data), ["CA"])
    assert report.matrix() == {"/": {"CA": "info"}}


def test_matrix_of_a_clean_report_is_empty() -> None:
    report = without_coverage(hc.check(us_ready(), ["US"]))
    derived = Report(i for i in report if i.code != "us_value_derived")
    assert CrossFilingReport(derived, ["US"]).matrix() == {}


# --- to_dict and render ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_to_dict_is_json_serialisable(name: str) -> None:
    report = checked(name)
    data = report.to_dict()
    assert set(data) >= {"targets", "matrix", "issues"}
    again = json.loads(json.dumps(data))
    assert again["matrix"] == report.matrix()
    assert again["targets"] == {
        t: {"ready": report.ready(t), "blocking": len(report.blocking(t))} for t in report.targets
    }
    assert [i["code"] for i in again["issues"]] == [i.code for i in report]


def test_to_dict_keeps_suggestions_and_renders_messages() -> None:
    data = checked("complete-us-import").to_dict("es_MX")
    json.dumps(data)
    suggested = [i for i in data["issues"] if i["code"] == "mx_tmec_identifier_suggested"]
    assert suggested
    assert suggested[0]["suggestion"] == {"code": "TL", "complement1": "CAN"}
    assert all(isinstance(i["message"], str) and i["message"] for i in data["issues"])
    assert data["targets"]["US"] == {"ready": False, "blocking": 2}


@pytest.mark.parametrize("locale", ["fr", "es_MX"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_names_every_blocking_code(name: str, locale: str) -> None:
    report = checked(name)
    text = report.render(locale)
    for target in report.targets:
        for issue in report.blocking(target):
            assert f"[{issue.code}]" in text
        status = "ready" if report.ready(target) else "blocked"
        assert f"{target}: {ui(status, locale.split('_', maxsplit=1)[0])}" in text


def test_render_in_french_and_spanish_differs_from_english() -> None:
    report = checked("us-to-ca-truck")
    english = report.render("en")
    assert report.render("fr") != english
    assert report.render("es_MX") != english
    assert "CA: blocked" in english


def test_render_puts_core_issues_first() -> None:
    declaration = us_ready()
    late = declaration.model_copy(update={"export_date": dt.date(2026, 11, 21)})
    text = hc.check(late, ["US"]).render("en")
    assert text.index("[export_after_arrival]") < text.index("US: blocked")


def test_render_unsupported_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        checked("complete-us-import").render("de")


# --- the rule engine ------------------------------------------------------------------------


def test_select_every_goods_item() -> None:
    declaration = load("us-to-ca-truck")
    picked = list(select(declaration, "goods_items/*"))
    assert [p for p, _ in picked] == ["/goods_items/0", "/goods_items/1", "/goods_items/2"]
    assert [n for _, n in picked] == declaration.goods_items


def test_select_equipment() -> None:
    declaration = load("ca-to-mx-rail")
    picked = list(select(declaration, "transport/equipment/*"))
    assert [p for p, _ in picked] == [
        "/transport/equipment/0",
        "/transport/equipment/1",
        "/transport/equipment/2",
    ]
    assert [n.identifier for _, n in picked] == ["HCXU1020303", "HCXU1020453", "HCXU1020577"]


def test_select_root() -> None:
    declaration = load("complete-us-import")
    assert list(select(declaration, "")) == [("", declaration)]


@pytest.mark.parametrize(
    "selector", ["national/ca", "national/ca/office_code", "nothing/here", "goods_items/*/nope"]
)
def test_select_missing_node(selector: str) -> None:
    assert list(select(load("complete-us-import"), selector)) == []


def test_select_star_on_a_single_node_picks_nothing() -> None:
    assert list(select(load("complete-us-import"), "valuation/*")) == []


def test_select_without_transport() -> None:
    declaration = load("complete-us-import").model_copy(update={"transport": None})
    assert list(select(declaration, "transport/equipment/*")) == []


def test_select_mappings_and_escaped_keys() -> None:
    node = {"a~b": [10, 20], "c": {"d": None}}
    assert list(select(node, "a~b/*")) == [("/a~0b/0", 10), ("/a~0b/1", 20)]
    assert list(select(node, "c/d")) == []


def test_select_nested_lines() -> None:
    declaration = load("mx-to-us-usmca")
    picked = [p for p, _ in select(declaration, "goods_items/*/manufacturer")]
    assert picked == [f"/goods_items/{i}/manufacturer" for i in range(4)]


def test_engine_locates_findings_below_their_node() -> None:
    @rule("/goods_items/*/", target="CA")
    def flag_line_two(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """Flags line 2."""
        if item.line_number == 2:
            yield Finding.of("ca_us_origin_state_missing", "origin_subdivision", line=2)

    assert flag_line_two.selector == "goods_items/*"
    assert flag_line_two.name == "flag_line_two"
    assert flag_line_two.doc == "Flags line 2."
    issues = list(run_rules([flag_line_two], RuleContext(load("us-to-ca-truck"), "CA")))
    assert [i.replace(rule=None) for i in issues] == [
        Issue.of(
            "ca_us_origin_state_missing",
            "/goods_items/1/origin_subdivision",
            target="CA",
            wco_id="066",
            line=2,
        )
    ]
    assert issues[0].authority == "CBSA"
    assert issues[0].rule == f"{__name__}.{flag_line_two.function.__qualname__}"


def test_engine_applies_severity_override_and_suggestion() -> None:
    @rule("")
    def soft(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        yield Finding.of(
            "export_after_arrival",
            "export_date",
            suggestion="x",
            severity=Severity.INFO,
            export_date="a",
            arrival_date="b",
        )

    [issue] = run_rules([soft], RuleContext(load("complete-us-import"), None))
    assert (issue.code, issue.pointer, issue.severity, issue.suggestion, issue.target) == (
        "export_after_arrival",
        "/export_date",
        Severity.INFO,
        "x",
        None,
    )


def test_engine_respects_roles() -> None:
    @rule("", target="US", roles=("export",))
    def exporting(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        yield Finding.of("us_export_not_covered")

    declaration = load("complete-us-import")
    assert list(run_rules([exporting], RuleContext(declaration, "US", "import"))) == []
    assert len(list(run_rules([exporting], RuleContext(declaration, "US", "export")))) == 1


def test_engine_turns_a_failing_rule_into_an_internal_error() -> None:
    def explode() -> Iterator[Finding]:
        raise RuntimeError("programmer error")

    @rule("")
    def broken(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        yield from explode()

    @rule("")
    def fine(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        yield Finding("field_unknown", "", ctx={"field": "x"})

    found = list(run_rules([broken, fine], RuleContext(load("complete-us-import"), None)))
    assert [i.code for i in found] == ["internal_error", "field_unknown"]
    assert found[0].ctx["exception"] == "RuntimeError"
    assert found[0].ctx["stage"] == f"rule:{broken.qualified_name}"
    assert "programmer error" not in found[0].message("en")


def test_context_date_and_options() -> None:
    declaration = load("complete-us-import")
    context = RuleContext(declaration, "US", options={"flag": True})
    assert context.on == dt.date(2026, 11, 20)
    assert context.option("flag") is True
    assert context.option("missing", 3) == 3
    undated = declaration.model_copy(
        update={"declaration_date": None, "arrival_date": None, "export_date": None}
    )
    assert RuleContext(undated, None).on == dt.date.today()


def test_export_role_only_for_the_exporting_country() -> None:
    data = data_of("complete-us-import")
    del data["national"]["us"]["bond_type"]
    data["direction"] = "export"  # exported from CA
    report = hc.check(Declaration.model_validate(data))
    assert [i.code for i in report.for_target("CA")] == ["ca_export_not_covered"]
    assert "us_export_not_covered" not in codes(report)
    assert report.ready("US")


def test_reader_issues_of_an_unchecked_country_are_rendered() -> None:
    data = EXAMPLES.parent / "tests/data/us/abi_ae/malformed/bad-check-digit.txt"
    result = next(hc.read(data))
    report = hc.check(result, ["CA"])
    text = report.render("es")
    assert "us_entry_number_bad_check_digit" in text
    assert "línea 3, columna 16" in text
    assert "registro 10" in text


def _format_and_blocking_rules() -> list[Any]:
    @rule("", target="US")
    def sample_fields_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        for path in ("national/us/bond/designation", "national/us/entry_number"):
            if not context.said_by_a_rule("us_abi_value_missing", "/" + path):
                yield Finding("us_abi_value_missing", path, {"field": "f", "record": "10"})

    @rule("", target="US")
    def bond_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        yield Finding("field_unknown", "national/us/bond", {"field": "x"}, severity=Severity.ERROR)

    return [sample_fields_given, bond_given]


def test_engine_leaves_out_a_format_finding_another_rule_blocks_on_in_a_check() -> None:
    context = RuleContext(load("complete-us-import"), "US")
    found = list(run_rules(_format_and_blocking_rules(), context, earlier=[]))
    assert [(i.code, i.pointer) for i in found] == [
        ("us_abi_value_missing", "/national/us/entry_number"),
        ("field_unknown", "/national/us/bond"),
    ]


def test_engine_keeps_format_findings_outside_a_check() -> None:
    context = RuleContext(load("complete-us-import"), "US")
    found = list(run_rules(_format_and_blocking_rules(), context))
    assert [i.pointer for i in found] == [
        "/national/us/bond/designation",
        "/national/us/entry_number",
        "/national/us/bond",
    ]
    assert not context.said_by_a_rule("us_abi_value_missing", "/national/us/bond/designation")


def test_engine_counts_earlier_core_issues_unless_a_national_code_restates_them() -> None:
    context = RuleContext(load("complete-us-import"), "US")
    plain = Issue.of(
        "field_unknown", "/national/us/entry_number", severity=Severity.ERROR, field="x"
    )
    restated = plain.replace(code="preference_claim_without_certification")
    found = list(run_rules(_format_and_blocking_rules(), context, earlier=[plain]))
    assert [i.code for i in found] == ["field_unknown"]
    found = list(run_rules(_format_and_blocking_rules(), context, earlier=[restated]))
    assert [i.pointer for i in found] == ["/national/us/entry_number", "/national/us/bond"]


def _filtered_format_rule() -> list[Any]:
    @rule("", target="US")
    def filtered_fields_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
        fmt = get_format("us-abi-ae")
        wanted = finding_filter(fmt, context)
        pointer = "/national/us/entry_number"
        if context.option("ask"):  # a writer asks its filter only of some values
            assert wanted("us_abi_value_missing", pointer)
        missing = Issue.of("us_abi_value_missing", pointer, severity=Severity.ERROR, field="f")
        yield from declaration_findings([missing], fmt, context)

    return [filtered_fields_given]


def test_what_a_filter_let_through_in_another_run_is_asked_again() -> None:
    declaration = load("complete-us-import")
    options: dict[str, Any] = {"ask": True}
    context = RuleContext(declaration, "US", options=options)
    found = list(run_rules(_filtered_format_rule(), context, earlier=[]))
    assert [i.pointer for i in found] == ["/national/us/entry_number"]
    blocking = Issue.of(
        "field_unknown", "/national/us/entry_number", severity=Severity.ERROR, field="x"
    )
    options["ask"] = False
    assert list(run_rules(_filtered_format_rule(), context, earlier=[blocking])) == []


def test_restated_keeps_the_issues_when_no_national_code_restates_one() -> None:
    core = Issue.of("preference_claim_without_certification", "/goods_items/0/preference")
    other = Issue.of("field_unknown", "/x", target="US", field="x")
    assert restated([core, other], ["US", "CA"]) == [core, other]
    national = Issue.of(
        "us_usmca_certification_missing", "/goods_items/0/preference", target="US", line=1
    )
    assert restated([core, national], ["US", "CA"]) == [core.replace(target="CA"), national]

"""The engine remembers the ordered rules, and forgets them when a rule comes or goes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

import harmonized_customs as hc
from harmonized_customs import rules as rules_module
from harmonized_customs.model import GoodsItem
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.rules import (
    Finding,
    Rule,
    RuleContext,
    is_format_rule,
    list_rules,
    rule,
    rules_for,
    run_rules,
    unregister_rule,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "complete-us-import.json"


def test_a_rule_defined_after_a_question_is_listed_and_removed() -> None:
    before = rules_for("declaration", "CA")
    assert before == rules_for("declaration", "CA")

    @rule("", target="CA")
    def toy_rule(node: Any, context: RuleContext) -> Iterator[Finding]:
        """A rule defined after the rules were asked for."""
        yield from ()

    try:
        assert toy_rule in rules_for("declaration", "CA")
        assert toy_rule in list_rules()
        assert toy_rule not in rules_for("declaration", "US")
    finally:
        unregister_rule(toy_rule)
    assert rules_for("declaration", "CA") == before
    assert toy_rule not in list_rules()


def test_the_remembered_list_is_a_copy() -> None:
    found = rules_for("declaration", None)
    found.clear()
    assert rules_for("declaration", None)


def test_every_line_gets_the_wco_id_of_its_own_pointer() -> None:
    declaration = hc.load(EXAMPLE)
    assert len(declaration.goods_items) > 1

    @rule("goods_items/*", target="CA")
    def toy_per_line(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """Two findings per line, one below a list index of the line."""
        yield Finding.of("ca_us_origin_state_missing", "origin_country", line=item.line_number)
        yield Finding.of("ca_us_origin_state_missing", "", line=item.line_number)

    found = list(run_rules([toy_per_line], RuleContext(declaration, "CA")))
    assert len(found) == 2 * len(declaration.goods_items)
    assert [i.pointer for i in found[:2]] == ["/goods_items/0/origin_country", "/goods_items/0"]
    assert found[0].wco_id is not None
    for issue in found:
        assert issue.wco_id == wco_id_for_pointer(issue.pointer)
        assert issue.rule == toy_per_line.qualified_name
        assert issue.target == "CA"


_TAILS = st.sampled_from(
    ["", "/origin_country", "/tariff/hs", "/manufacturer/identifiers/1/value", "x", "/", "/0"]
)
_LINE_PATHS = st.builds(
    lambda index, tail: f"goods_items/{index}{tail}",
    st.sampled_from(["0", "1", "12", "007", "", "x", "1x", "\u0663", "\u00b2", "-1"]),
    _TAILS,
) | st.sampled_from(["", "goods_items", "goods_items/", "importer/name", "goods_itemsx/1"])


@given(st.lists(_LINE_PATHS, min_size=1, max_size=6))
def test_a_finding_below_a_line_gets_the_wco_id_of_its_own_pointer(paths: list[str]) -> None:
    declaration = hc.load(EXAMPLE)

    def toy_paths(node: Any, context: RuleContext) -> Iterator[Finding]:
        for path in paths:
            yield Finding(code="ca_us_origin_state_missing", path=path)

    found = list(run_rules([Rule(toy_paths, "", "CA")], RuleContext(declaration, "CA")))
    assert [i.pointer for i in found] == [f"/{path}" if path else "" for path in paths]
    for issue in found:
        assert issue.wco_id == wco_id_for_pointer(issue.pointer)


def test_an_issue_holds_the_message_values_as_its_finding_was_made() -> None:
    declaration = hc.load(EXAMPLE)
    values: dict[str, Any] = {"line": 1}

    def toy_reused(node: Any, context: RuleContext) -> Iterator[Finding]:
        yield Finding("ca_us_origin_state_missing", "a", values)
        values["line"] = 2  # the rule's own dict, changed after it was given
        yield Finding("ca_us_origin_state_missing", "b", values)
        yield Finding("ca_us_origin_state_missing", "c", MappingProxyType({"line": 3}))
        yield Finding.of("ca_us_origin_state_missing", "d", line=4)

    found = list(run_rules([Rule(toy_reused, "", "CA")], RuleContext(declaration, "CA")))
    assert [i.ctx for i in found] == [{"line": 1}, {"line": 2}, {"line": 3}, {"line": 4}]
    assert all(type(i.ctx) is dict for i in found)
    assert found[0].ctx is not values
    assert found[1].ctx is not values
    assert pickle.loads(pickle.dumps(found)) == found


def test_a_rule_that_raises_on_a_node_gives_only_its_internal_error_there() -> None:
    declaration = hc.load(EXAMPLE)

    @rule("goods_items/*", target="CA")
    def toy_fails_on_line_two(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """A finding on every line, then a defect on line 2."""
        yield Finding.of("ca_us_origin_state_missing", "origin_country", line=item.line_number)
        if item.line_number == 2:
            raise ZeroDivisionError("defect")

    found = list(run_rules([toy_fails_on_line_two], RuleContext(declaration, "CA")))
    codes = [(i.pointer, i.code) for i in found]
    assert codes[:3] == [
        ("/goods_items/0/origin_country", "ca_us_origin_state_missing"),
        ("/goods_items/1", "internal_error"),
        ("/goods_items/2/origin_country", "ca_us_origin_state_missing"),
    ]


@pytest.mark.parametrize(
    ("batched_from", "batch"),
    [(None, None), (1, 1), (2, 2), (1, 1000)],
    ids=["as-shipped", "batches-of-one", "batches-of-two", "one-batch"],
)
def test_rules_of_one_selector_run_together_give_their_issues_in_rule_order(
    monkeypatch: pytest.MonkeyPatch, batched_from: int | None, batch: int | None
) -> None:
    declaration = hc.load(EXAMPLE)
    if batched_from is not None:  # the selector's nodes taken batch by batch
        monkeypatch.setattr(rules_module, "BATCHED_FROM", batched_from)
        monkeypatch.setattr(rules_module, "BATCH", batch)

    @rule("goods_items/*", target="CA")
    def toy_first_on_lines(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """Two findings on every line, a defect on line 2 after them."""
        yield Finding.of("ca_us_origin_state_missing", "origin_country", line=item.line_number)
        yield Finding.of("ca_us_origin_state_missing", "quantity", line=item.line_number)
        if item.line_number == 2:
            raise ZeroDivisionError("defect")

    @rule("", target="CA")
    def toy_on_the_declaration(declaration: Any, context: RuleContext) -> Iterator[Finding]:
        """One finding on the declaration."""
        yield Finding.of("ca_us_origin_state_missing", "importer")

    @rule("goods_items/*", target="CA")
    def toy_second_on_lines(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """One finding on every line."""
        yield Finding.of("ca_us_origin_state_missing", "", line=item.line_number)

    toys = [toy_first_on_lines, toy_on_the_declaration, toy_second_on_lines]
    assert len(declaration.goods_items) >= 3  # batches of one and two take several each
    try:
        together = list(run_rules(toys, RuleContext(declaration, "CA")))
        alone = [
            issue for each in toys for issue in run_rules([each], RuleContext(declaration, "CA"))
        ]
        assert [(i.rule, i.pointer, i.code) for i in together] == [
            (i.rule, i.pointer, i.code) for i in alone
        ]
        assert together == alone
        lines = len(declaration.goods_items)
        first = ["toy_first_on_lines"] * 2
        assert [(i.rule or i.code).rsplit(".", 1)[-1] for i in together] == (
            first
            + ["internal_error"]
            + first * (lines - 2)
            + ["toy_on_the_declaration"]
            + ["toy_second_on_lines"] * lines
        )
        assert together[2].pointer == "/goods_items/1"
    finally:
        for each in toys:
            unregister_rule(each)


@pytest.mark.parametrize("batch", [1, 3, 1000])
def test_a_check_taking_lines_batch_by_batch_gives_the_same_report(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    declaration = hc.load(EXAMPLE)
    declaration = declaration.model_copy(
        update={"goods_items": declaration.goods_items * 4}  # several batches of lines
    )
    targets = ("US", "CA", "MX")
    one_by_one = hc.check(declaration, targets)
    monkeypatch.setattr(rules_module, "BATCHED_FROM", 1)
    monkeypatch.setattr(rules_module, "BATCH", batch)
    batched = hc.check(declaration, targets)
    assert batched.issues == one_by_one.issues
    assert [i.rule for i in batched.issues] == [i.rule for i in one_by_one.issues]
    assert len(batched.issues) > len(declaration.goods_items)


def test_a_rule_knows_whether_it_checks_a_format() -> None:
    rules = list_rules()
    assert all(r.checks_a_format == is_format_rule(r.qualified_name) for r in rules)
    assert any(r.checks_a_format for r in rules)
    assert not all(r.checks_a_format for r in rules)


def test_the_nodes_of_a_run_are_kept_for_the_next() -> None:
    declaration = hc.load(EXAMPLE)

    @rule("goods_items/*", target="CA")
    def toy_each_line(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        """One finding per line."""
        yield Finding.of("ca_us_origin_state_missing", "", line=item.line_number)

    try:
        nodes: dict[str, list[tuple[str, Any]]] = {}
        first = list(run_rules([toy_each_line], RuleContext(declaration, "CA"), nodes=nodes))
        assert [pointer for pointer, _ in nodes["goods_items/*"]] == [i.pointer for i in first]
        nodes["goods_items/*"] = nodes["goods_items/*"][:1]  # the next run walks no list
        again = list(run_rules([toy_each_line], RuleContext(declaration, "CA"), nodes=nodes))
        assert again == first[:1]
    finally:
        unregister_rule(toy_each_line)


def _toy_rules(calls: list[str]) -> list[Rule]:
    """Five rules on the declaration, two of them a format's, each noting that it ran."""

    def toy(name: str) -> Rule:
        def function(node: Any, context: RuleContext) -> Iterator[Finding]:
            calls.append(name)
            yield Finding.of("ca_us_origin_state_missing", name)

        function.__name__ = function.__qualname__ = name
        return Rule(function, "", "CA")

    names = ("first", "one_fields_given", "second", "two_fields_given", "third")
    return [toy(name) for name in names]


def test_format_rules_run_last_and_their_issues_stay_at_their_place() -> None:
    calls: list[str] = []
    rules = _toy_rules(calls)
    found = list(run_rules(rules, RuleContext(hc.load(EXAMPLE), "CA"), earlier=[]))
    order = ["first", "one_fields_given", "second", "two_fields_given", "third"]
    assert [i.pointer for i in found] == [f"/{name}" for name in order]
    assert calls == ["first", "second", "third", "one_fields_given", "two_fields_given"]


def test_a_context_is_made_and_copied_with_its_members() -> None:
    declaration = hc.load(EXAMPLE)
    made = RuleContext(declaration, "US")
    assert (made.role, made.options, made.reference_date) == ("import", {}, None)
    copied = dataclasses.replace(made, target="CA", options={"flag": True})
    assert (copied.document, copied.target, copied.option("flag")) == (declaration, "CA", True)
    assert copied == RuleContext(declaration, "CA", "import", {"flag": True})


def test_a_context_keeps_its_date_and_declaration_once_read() -> None:
    declaration = hc.load(EXAMPLE)
    made = RuleContext(declaration, "US")
    assert made.declaration is declaration
    assert made.on == made.on
    assert {"declaration", "on"} <= vars(made).keys()
    assert dataclasses.replace(made, reference_date=dt.date(2020, 1, 2)).on == dt.date(2020, 1, 2)


def test_a_context_of_another_document_refuses_its_declaration_each_time() -> None:
    made = RuleContext(_Other(), None)
    for _ in range(2):
        with pytest.raises(TypeError, match="checks declarations, not _Other"):
            _ = made.declaration


class _Other(BaseModel):
    """A document that is not a declaration."""

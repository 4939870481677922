"""The engine remembers the ordered rules, and forgets them when a rule comes or goes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harmonized_customs.rules import (
    Finding,
    RuleContext,
    list_rules,
    rule,
    rules_for,
    unregister_rule,
)


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

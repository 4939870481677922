"""The engine's quicker paths give what their reference gives: nodes, rule runs, issues."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs import refdata
from harmonized_customs.issues import Issue, Severity, restating_codes
from harmonized_customs.model import Declaration
from harmonized_customs.rules import (
    RuleContext,
    _blocking,
    _selected,
    check_rules,
    is_format_rule,
    list_rules,
    rules_for,
    run_rules,
    select,
)
from strategies import declarations

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
_SELECTORS = sorted({each.selector for each in list_rules()})
_EXTRA = [
    *("goods_items/*/national", "goods_items/0", "*", "goods_items/*/*", "x/y", "a//b"),
    *("totals/*", "national/ca", "transport/equipment/*", "importer/name", "a~1b/*", "/"),
]


@given(declarations(max_goods=3), st.sampled_from(_SELECTORS + _EXTRA))
def test_the_nodes_picked_are_what_select_yields(declaration: Declaration, selector: str) -> None:
    assert _selected(declaration, selector) == list(select(declaration, selector))


def test_every_rule_selector_picks_what_select_yields_in_the_examples() -> None:
    for path in EXAMPLES:
        if path.name.startswith("filer-profile"):
            continue
        declaration = hc.load(path)
        for selector in _SELECTORS + _EXTRA:
            assert _selected(declaration, selector) == list(select(declaration, selector))


def _example(name: str) -> Declaration:
    loaded = hc.load(Path(__file__).resolve().parents[2] / "examples" / name)
    assert isinstance(loaded, Declaration)
    return loaded


def test_check_rules_gives_what_run_rules_gives_of_the_same_rules() -> None:
    for name in ("complete-us-import.json", "us-to-ca-truck.json", "ca-to-mx-rail.json"):
        declaration = _example(name)
        for target in (None, "US", "CA", "MX"):
            earlier = [Issue.of("origin_country_missing", "/goods_items/0/origin_country", line=1)]
            given = run_rules(
                rules_for("declaration", target), RuleContext(declaration, target), earlier
            )
            with refdata.pinned():
                made = check_rules("declaration", RuleContext(declaration, target), earlier)
                assert list(made) == list(given)


@given(
    st.text(max_size=8),
    st.sampled_from(list(Severity)),
    st.text(max_size=8),
    st.none() | st.sampled_from(["US", "CA"]),
)
def test_a_built_issue_copies_and_pickles_as_a_made_one(
    code: str, severity: Severity, pointer: str, target: str | None
) -> None:
    members = (code, severity, pointer, target, None, None, {"line": 1}, None, "WCO", "r")
    made, built = Issue(*members), Issue.built(*members)
    assert copy.copy(built) == made
    assert copy.deepcopy(built) == made
    assert pickle.loads(pickle.dumps(built)) == made
    assert type(pickle.loads(pickle.dumps(built))) is Issue


def _blocking_reference(
    earlier: Sequence[Issue], found: Sequence[Issue], target: str | None
) -> frozenset[str]:
    """Where rules block for ``target``, read as the engine read it issue by issue."""
    _, restated = restating_codes()
    blocked: set[str] = set()
    for each in earlier:
        if each.target != target and (each.target is not None or each.code in restated):
            continue
        if each.severity is Severity.ERROR and not is_format_rule(each.rule):
            blocked.add(each.pointer)
    for each in found:
        if each.target != target and (each.target is not None or each.code in restated):
            continue
        if each.severity is Severity.ERROR:
            blocked.add(each.pointer)
    return frozenset(blocked)


_RESTATED = sorted(restating_codes()[1])
_POINTERS = ["", "/a", "/a/b", "/goods_items/0", "/goods_items/0/origin_country"]


@st.composite
def _issues(draw: st.DrawFn) -> Issue:
    return Issue(
        draw(st.sampled_from([*_RESTATED[:3], "origin_country_missing", "x"])),
        draw(st.sampled_from(list(Severity))),
        draw(st.sampled_from(_POINTERS)),
        draw(st.none() | st.sampled_from(["US", "CA", "MX"])),
        rule=draw(st.none() | st.sampled_from(["m.a_rule", "m.us_abi_fields_given"])),
    )


@given(st.lists(_issues(), max_size=12), st.lists(_issues(), max_size=6))
def test_where_rules_block_is_what_reading_each_issue_gives(
    earlier: list[Issue], found: list[Issue]
) -> None:
    kept = tuple(earlier)
    for target in (None, "US", "CA", "MX"):
        expected = _blocking_reference(earlier, found, target)
        assert _blocking(earlier, found, target)[0] == expected
        assert _blocking(kept, found, target)[0] == expected  # the tuple read once

"""The issue code registry: complete, well-formed, documented."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from harmonized_customs.i18n import placeholders
from harmonized_customs.issues import (
    _REGISTRY,
    _RESTATING,
    Issue,
    IssueCode,
    Severity,
    list_issue_codes,
    register_code,
    restating_codes,
)

SRC = Path(__file__).resolve().parent.parent / "src"
CODES = list_issue_codes()


def test_every_registering_module_is_discovered() -> None:
    registering = set()
    for path in (SRC / "harmonized_customs").rglob("*.py"):
        if re.search(r"^\s*register_code\(", path.read_text(encoding="utf-8"), re.MULTILINE):
            module = ".".join(path.relative_to(SRC).with_suffix("").parts)
            registering.add(module.removesuffix(".__init__"))
    assert registering
    assert registering <= set(sys.modules), registering - set(sys.modules)


@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_example_ctx_fills_every_placeholder(definition: IssueCode) -> None:
    assert placeholders(definition.template) <= set(definition.example_ctx)
    message = Issue.of(definition.code, "", **dict(definition.example_ctx)).message("en")
    assert not any("{" + name + "}" in message for name in placeholders(definition.template))


@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_every_code_has_authority_and_fix(definition: IssueCode) -> None:
    assert definition.authority
    assert definition.fix.endswith(".")


def test_codes_are_unique_snake_case() -> None:
    codes = [d.code for d in CODES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes)


def test_reregistering_with_another_meaning_is_refused() -> None:
    with pytest.raises(ValueError, match="another meaning"):
        register_code("value_missing", Severity.WARNING, "changed", authority="x")


def test_issue_code_names_its_docs_anchor() -> None:
    issue = Issue.of("ca_us_origin_state_missing", "/goods_items/0", line=1)
    assert issue.docs_anchor == "issue-codes.md#ca-us-origin-state-missing"


def test_codes_that_stop_reading_say_so() -> None:
    unreadable = {d.code for d in CODES if d.unreadable}
    assert {"json_syntax", "input_unreadable", "format_not_recognised"} <= unreadable
    assert {"mx_cfdi_xml_syntax", "mx_m3_empty"} <= unreadable
    assert "value_missing" not in unreadable


def test_restating_codes_are_the_registrys_own() -> None:
    restating, restated = restating_codes()
    codes = [c for c in list_issue_codes() if c.restates is not None]
    assert codes
    assert restating == {c.code for c in codes}
    assert restated == {c.restates for c in codes}


def test_a_code_registered_later_is_among_the_restating_codes() -> None:
    restating_codes()
    register_code("toy_restating_code", "error", "a toy", authority="x", restates="value_missing")
    try:
        assert "toy_restating_code" in restating_codes()[0]
    finally:
        del _REGISTRY["toy_restating_code"]
        _RESTATING.clear()
    assert "toy_restating_code" not in restating_codes()[0]

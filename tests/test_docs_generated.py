"""Generated documentation pages and model data are up to date with what they come from."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from harmonized_customs.rules import list_rules

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "page"),
    [("generate_rules_docs", "docs/rules.md"), ("generate_issue_docs", "docs/issue-codes.md")],
)
def test_generated_page_is_current(script: str, page: str) -> None:
    generated = _script(script).render()
    committed = (ROOT / page).read_text(encoding="utf-8")
    assert committed == generated, f"run: python scripts/{script}.py"


@pytest.mark.parametrize(
    ("script", "path"),
    [
        ("generate_field_docs", "src/harmonized_customs/model/data/field_docs.json"),
        ("generate_subdivision_codes", "src/harmonized_customs/model/data/iso3166_2_codes.txt"),
    ],
)
def test_generated_model_data_is_current(script: str, path: str) -> None:
    committed = (ROOT / path).read_text(encoding="utf-8")
    assert committed == _script(script).text(), f"run: python scripts/{script}.py"


def test_generated_lists_of_located_rows_are_current() -> None:
    listed = _script("generate_refdata_rows").outputs()
    assert listed  # the HS and SAT's tariff fractions have one
    for path, text in listed.items():
        assert text is not None
        current = path.read_text(encoding="utf-8")
        assert current == text, "run: python scripts/generate_refdata_rows.py"


def test_rules_page_lists_every_rule() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rules = list_rules()
    assert rules
    for each in rules:
        assert f"`{each.name}`" in text

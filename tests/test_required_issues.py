"""The checks of what a filing format requires find exactly what its writer finds.

``check --to US|MX|CA`` runs each format's field definitions without writing records (the
problems-only pass of the record engine, the CAD's sub-headers alone) and keeps what blocks
filing; the writers are the reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs.countries.ca import cad
from harmonized_customs.countries.mx import m3_write
from harmonized_customs.countries.us import abi_write
from harmonized_customs.countries.us.abi_ae import FORMAT as ABI
from harmonized_customs.issues import Issue
from harmonized_customs.model import Declaration
from harmonized_customs.profiles import finding_filter
from harmonized_customs.rules import RuleContext

ROOT = Path(__file__).resolve().parents[1]
_FILES = sorted(
    path
    for pattern in ("examples/*.json", "tests/conformance/samples/*/*", "tests/data/*/**/*")
    for path in ROOT.glob(pattern)
    if path.is_file() and path.suffix != ".md"
)


def _declarations() -> list[tuple[str, Declaration]]:
    found = []
    for path in _FILES:
        for n, result in enumerate(hc.read(path)):
            if isinstance(result.document, Declaration):
                found.append((f"{path.relative_to(ROOT)}#{n}", result.document))
    return found


DECLARATIONS = _declarations()


def _blocking(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.blocking]


def test_the_declarations_cover_every_country() -> None:
    assert len(DECLARATIONS) > 40
    for country in ("us", "ca", "mx"):
        assert any(getattr(d.national, country) for _, d in DECLARATIONS)


@pytest.mark.parametrize(("name", "declaration"), DECLARATIONS, ids=[n for n, _ in DECLARATIONS])
def test_abi_required_issues_are_the_writers(name: str, declaration: Declaration) -> None:
    written = abi_write.dumps_all([declaration]).issues
    assert _blocking(abi_write.required_issues(declaration)) == _blocking(written)


@pytest.mark.parametrize(("name", "declaration"), DECLARATIONS, ids=[n for n, _ in DECLARATIONS])
def test_m3_required_issues_are_the_writers(name: str, declaration: Declaration) -> None:
    written = m3_write.write_declarations([declaration], losses=False).issues
    assert _blocking(m3_write.required_issues(declaration)) == _blocking(written)


@pytest.mark.parametrize(("name", "declaration"), DECLARATIONS, ids=[n for n, _ in DECLARATIONS])
def test_cad_required_issues_are_the_writers(name: str, declaration: Declaration) -> None:
    written = [i for i in cad.write(declaration).issues if i.code == "ca_cad_value_missing"]
    assert cad.required_issues(declaration) == written


def _every_other_pointer(code: str, pointer: str) -> bool:
    """A filter refusing about half the values (by the pointer's characters)."""
    return sum(map(ord, pointer)) % 2 == 0


@pytest.mark.parametrize(
    "required", [abi_write.required_issues, m3_write.required_issues, cad.required_issues]
)
def test_a_filter_only_leaves_out_what_it_refuses(required: Any) -> None:
    refused = 0
    for _, declaration in DECLARATIONS:
        every = required(declaration)
        kept = required(declaration, _every_other_pointer)
        wanted = [i for i in every if _every_other_pointer(i.code, i.pointer)]
        assert [i for i in kept if _every_other_pointer(i.code, i.pointer)] == wanted
        assert all(i in every for i in kept)
        refused += len(every) - len(kept)
    assert refused


def test_the_finding_filter_refuses_settings_losses_and_repeats_outside_a_check() -> None:
    _, declaration = DECLARATIONS[0]
    wanted = finding_filter(ABI, RuleContext(declaration, "US"))
    setting = ABI.settings[0].pointer
    assert not wanted("us_abi_value_missing", setting)
    assert not wanted("value_not_carried", "/importer/name")
    assert wanted("us_abi_value_missing", "/importer/name")
    assert not wanted("us_abi_value_missing", "/importer/name")  # said once
    assert wanted("us_abi_field_class", "/importer/name")

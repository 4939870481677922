"""Invalid CADs give the exact located issue; rejected CADs give the CBSA pre-submission issue.

``invalid/expected.json`` names, for each invalid file, the issue code, the core-model pointer,
the CAD field (JSON pointer in the file) and the line in the file. ``rejected/expected.json``
names what ``check --to CA`` reports for each readable CAD that CBSA would reject.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs.countries.ca import cad

from .conftest import DATA, INVALID, REJECTED


def _expected(folder: str) -> dict[str, list[dict[str, Any]]]:
    loaded: dict[str, list[dict[str, Any]]] = json.loads(
        (DATA / folder / "expected.json").read_text(encoding="utf-8")
    )
    return loaded


def test_every_invalid_file_has_an_expectation() -> None:
    assert {p.stem for p in INVALID} == set(_expected("invalid"))


def test_every_rejected_file_has_an_expectation() -> None:
    assert {p.stem for p in REJECTED} == set(_expected("rejected"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_cad_gives_the_located_issue(path: Path) -> None:
    (result,) = cad.read(path.read_bytes(), path.name)
    assert result.declaration is None
    found = [
        {
            "code": i.code,
            "pointer": i.pointer,
            "cad_field": i.source.field if i.source else None,
            "line": i.source.line if i.source else None,
        }
        for i in result.issues
    ]
    assert found == _expected("invalid")[path.stem]
    assert all(i.source is not None and i.source.file == path.name for i in result.issues)


@pytest.mark.parametrize("path", REJECTED, ids=lambda p: p.stem)
def test_rejected_cad_gives_the_cbsa_issue(path: Path) -> None:
    (result,) = cad.read(path.read_bytes(), path.name)
    assert result.declaration is not None, [i.code for i in result.issues]
    report = hc.check(result.declaration, ["CA"])
    found = [
        {"code": i.code, "pointer": i.pointer, "severity": i.severity.value}
        for i in report
        if i.code != "ca_tariff_dataset_missing"  # no Customs Tariff is loaded in the tests
    ]
    assert found == _expected("rejected")[path.stem]
    assert all(i.target == "CA" and i.authority == "CBSA" for i in report)


def test_repeated_line_number_loads_and_check_reports_it() -> None:
    path = DATA / "inconsistent" / "line_number_repeated.json"
    (result,) = cad.read(path.read_bytes(), path.name)
    assert result.declaration is not None, [i.code for i in result.issues]
    found = [(i.code, i.pointer, i.target) for i in hc.check(result.declaration, ["CA"])]
    assert ("line_numbers_not_unique", "/goods_items/1/line_number", None) in found


def test_invalid_value_names_the_b3_field_in_the_schema() -> None:
    (result,) = cad.read((DATA / "invalid" / "classification_with_dots.json").read_bytes(), None)
    (issue,) = result.issues
    assert issue.ctx == {"value": "8311.20.00.20", "pattern": "^[0-9]{10}$"}
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == (63, 11)

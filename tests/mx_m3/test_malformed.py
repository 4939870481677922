"""Malformed M3 files: each gives exactly the located issues listed in expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmonized_customs.countries.mx import pedimento_m3

from .conftest import MALFORMED, read_path

EXPECTED: dict[str, list[list[object]]] = json.loads(
    (MALFORMED / "expected.json").read_text(encoding="utf-8")
)


def test_every_malformed_file_has_an_expectation() -> None:
    files = {p.name for p in MALFORMED.iterdir() if p.suffix == ".txt"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_issues(name: str) -> None:
    results = read_path(Path(MALFORMED / name))
    found = sorted([i.code, i.source.line if i.source else None] for r in results for i in r.issues)
    assert found == sorted(EXPECTED[name], key=lambda e: (str(e[0]), str(e[1])))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_issue_names_the_file(name: str) -> None:
    for result in read_path(Path(MALFORMED / name)):
        for issue in result.issues:
            assert issue.source is not None
            assert issue.source.file == name


def test_broken_encoding_still_reads_the_names() -> None:
    [result] = read_path(MALFORMED / "broken_encoding.txt")
    assert result.declaration is not None
    assert result.declaration.importer is not None
    assert "Ñ" not in result.declaration.importer.name
    assert result.declaration.importer.name.startswith("ENSAMBLES")


def test_record_outside_a_pedimento() -> None:
    [result] = pedimento_m3.read(b"506|6000101|1|05032026|\n", "m3901001.064")
    assert result.declaration is None
    assert [i.code for i in result.issues] == ["mx_m3_outside_pedimento", "mx_m3_empty"]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"hello", b"\x00\xff\xfe|||"])
def test_junk_never_raises(data: bytes) -> None:
    results = list(pedimento_m3.read(data, None))
    assert results
    assert all(r.declaration is None for r in results)
    assert all(r.issues for r in results)


def test_vendor_999_is_written_back_as_800() -> None:
    [result] = read_path(MALFORMED / "vendor_999.txt")
    assert result.declaration is not None
    output = pedimento_m3.write(result.declaration).output
    assert isinstance(output, str)
    assert "\n800|6000104||||\n" in output
    assert "999|" not in output


@pytest.mark.parametrize(
    ("name", "pointer"),
    [
        ("bad_date.txt", "/national/mx/fechas/0/fecha"),
        ("not_digits.txt", "/goods_items/0/customs_values/0/amount/amount"),
        ("unknown_clave.txt", "/national/mx/clave_pedimento"),
        ("unknown_identificador.txt", "/national/mx/identifiers/0/code"),
        ("fraccion_mismatch.txt", "/goods_items/0/classification/mx_fraccion"),
    ],
)
def test_field_issues_point_into_the_core_model(name: str, pointer: str) -> None:
    [result] = read_path(MALFORMED / name)
    assert [i.pointer for i in result.issues] == [pointer]

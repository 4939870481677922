"""The loss report from the values written: the reader's read-back of every record, unread.

The writer knows, for each record it writes with common values only, the values the reader
takes from its text (``compiled_record_back``), and compares the declaration with the
read-back without dumping it (``lost_against_model_alike``). The reference is the plain
path (``_written_by_reading_back``): the output's bytes read back, the whole declaration
dumped and compared. Both must give the same read-back and the same issues, in order, for
generated declarations and for every declaration of the examples, the test data, the
conformance samples and the benchmark workload.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import harmonized_customs as hc
from harmonized_customs.countries.us import abi_write
from harmonized_customs.countries.us.abi_read import (
    _Scan,
    _values_of,
    _written_summary,
    read_back_records,
)
from harmonized_customs.countries.us.abi_records import RecordDef, Value, load_edition
from harmonized_customs.model import Declaration
from strategies import declarations

ROOT = Path(__file__).resolve().parents[2]
CORPORA = (ROOT / "examples", ROOT / "tests" / "data", ROOT / "tests" / "conformance")
WORKLOAD_SIZES = (1, 10, 100, 999)


def _known(
    declaration: Declaration,
) -> tuple[list[str], dict[str, tuple[RecordDef, dict[str, Value]]]]:
    """The records written and the values the writer knows of them without reading."""
    known: dict[str, tuple[RecordDef, dict[str, Value]]] = {}
    lines, _ = abi_write._batch_records([declaration], load_edition(None), known)
    return lines, known


def _assert_as_read(declaration: Declaration) -> None:
    """Known values are the reader's, the read-back the same, the issues the reference's."""
    lines, known = _known(declaration)
    for text, (definition, values) in known.items():
        assert repr(values) == repr(_values_of(definition, text))  # Decimal exponents too
    assert read_back_records(lines, known) == read_back_records(lines)
    reference = abi_write._written_by_reading_back(declaration)
    result = abi_write.write(declaration)
    assert result.output == reference.output
    assert result.issues == reference.issues


@given(declarations(max_goods=3))
def test_generated_declarations_as_the_read_back_gives(declaration: Declaration) -> None:
    _assert_as_read(declaration)


def _corpus() -> list[tuple[str, Declaration]]:
    """Every declaration the readers find in the example, test and conformance files."""
    found: list[tuple[str, Declaration]] = []
    for folder in CORPORA:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix in {".md", ".py", ".toml"}:
                continue
            for n, result in enumerate(hc.read(path)):
                if isinstance(result.declaration, Declaration):
                    found.append((f"{path.relative_to(ROOT)}#{n}", result.declaration))
    return found


CORPUS = _corpus()


def test_the_corpus_has_declarations() -> None:
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("declaration", [d for _, d in CORPUS], ids=[n for n, _ in CORPUS])
def test_every_declaration_of_the_corpus_as_the_read_back_gives(declaration: Declaration) -> None:
    _assert_as_read(declaration)


def _workload() -> Any:
    """The benchmarks' workload module (not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("workload", ROOT / "benchmarks" / "workload.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lines", WORKLOAD_SIZES)
def test_the_benchmark_workload_as_the_read_back_gives(lines: int) -> None:
    _assert_as_read(Declaration.model_validate_json(_workload().declaration_json(lines)))


def test_most_written_files_are_placed_without_a_scan() -> None:
    """The plain path is the one mostly taken (the equality above tests both paths)."""
    plain = 0
    for _, declaration in CORPUS:
        lines, known = _known(declaration)
        scan = _Scan(load_edition(None), None, values_only=True, known=known)
        plain += _written_summary(scan, lines) is not None
    assert len(CORPUS) > plain >= len(CORPUS) - 8

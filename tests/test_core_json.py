"""core-json: lossless, canonical round trips, agreement with the published schema, and the
reader's located issues (line and column, RFC 6901 pointers, one result per array element)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from harmonized_customs import core_json
from harmonized_customs.formats import ReadResult
from harmonized_customs.issues import Issue
from harmonized_customs.model import (
    Classification,
    Contact,
    Declaration,
    GoodsItem,
    LineNational,
    Measure,
    Money,
    Party,
    USLineData,
)
from harmonized_customs.model.schema import published_schema
from strategies import declarations


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(published_schema(), format_checker=FormatChecker())


def _read(data: bytes) -> list[ReadResult]:
    return list(core_json.read(data, "entry.json"))


def _read_one(text: str) -> Declaration:
    results = _read(text.encode("utf-8"))
    assert len(results) == 1
    assert results[0].issues == ()
    assert results[0].index == 0
    declaration = results[0].declaration
    assert isinstance(declaration, Declaration)
    return declaration


def _schema_errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(instance)]


# --- Properties -----------------------------------------------------------------------------


@given(declarations())
def test_round_trip_is_lossless(declaration: Declaration) -> None:
    assert _read_one(core_json.dumps(declaration)) == declaration


@given(declarations())
def test_dumps_is_canonical(declaration: Declaration) -> None:
    text = core_json.dumps(declaration)
    assert text.endswith("}\n")
    assert core_json.dumps(_read_one(text)) == text


@given(declarations())
def test_written_json_matches_the_published_schema(
    validator: Draft202012Validator, declaration: Declaration
) -> None:
    assert _schema_errors(validator, json.loads(core_json.dumps(declaration))) == []
    # The full dump (nulls, defaults and empty lists kept) is valid too.
    assert _schema_errors(validator, declaration.model_dump(mode="json")) == []


@given(st.lists(declarations(max_goods=2), min_size=1, max_size=3))
def test_an_array_reads_as_one_result_per_element(batch: list[Declaration]) -> None:
    text = "[" + ",".join(core_json.dumps(d) for d in batch) + "]"
    results = _read(text.encode("utf-8"))
    assert [r.index for r in results] == list(range(len(batch)))
    assert [r.issues for r in results] == [()] * len(batch)
    assert [r.declaration for r in results] == batch


# --- Edge cases -----------------------------------------------------------------------------


def _minimal(**item: Any) -> Declaration:
    return Declaration(
        direction="import",
        goods_items=[
            GoodsItem.model_validate(
                {
                    "line_number": 1,
                    "description": "Tornillos de acero",
                    "classification": Classification(hs6="731815"),
                    "origin_country": "MX",
                    "value": Money(amount=Decimal("100.00"), currency="USD"),
                    **item,
                }
            )
        ],
    )


def test_empty_optional_block_round_trips() -> None:
    declaration = _minimal(national=LineNational(us=USLineData()))
    text = core_json.dumps(declaration)
    assert json.loads(text)["goods_items"][0]["national"] == {"us": {}}
    assert _read_one(text) == declaration


def test_model_and_schema_both_refuse_a_negative_quantity(
    validator: Draft202012Validator,
) -> None:
    text = core_json.dumps(_minimal(quantity=Measure(value=Decimal(5), unit="KGM")))
    text = text.replace('"value": "5"', '"value": "-5"')
    issue = _only_issue(_read(text.encode("utf-8")))
    assert (issue.code, issue.pointer) == ("value_out_of_range", "/goods_items/0/quantity/value")
    assert _schema_errors(validator, json.loads(text)) != []


# --- Examples: writing ----------------------------------------------------------------------


def _sample() -> Declaration:
    item = {
        "classification": Classification(hs6="731815", us_hts="7318155090"),
        "origin_country": "MX",
        "origin_subdivision": "MX-NLE",
        "gross_weight_kg": Decimal("12.500"),
        "net_weight_kg": Decimal("12.000"),
    }
    return Declaration.model_validate(
        {
            "direction": "import",
            "importer": Party(name="Importadora Núñez y Peña, S.A. de C.V."),
            "goods_items": [
                {
                    "line_number": 1,
                    "description": "Tornillos de acero inoxidable",
                    "value": Money(amount=Decimal("1234.50"), currency="USD"),
                    **item,
                },
                {
                    "line_number": 2,
                    "description": "Straße 東京 écrous",
                    "value": Money(amount=Decimal("10"), currency="USD"),
                    **item,
                },
            ],
        }
    )


def test_dumps_keeps_every_digit_and_character() -> None:
    text = core_json.dumps(_sample())
    data = json.loads(text)
    assert data["goods_items"][0]["value"] == {"amount": "1234.50", "currency": "USD"}
    assert data["goods_items"][0]["gross_weight_kg"] == "12.500"
    assert data["goods_items"][1]["value"]["amount"] == "10"
    assert "Straße 東京 écrous" in text  # written as UTF-8, not as \u escapes
    assert "Núñez y Peña" in text
    assert data["schema_version"] == "1.0"
    assert "invoices" not in data  # empty lists are left out
    assert text.startswith('{\n  "schema_version": "1.0",\n  "direction": "import",\n')


def test_reader_accepts_a_byte_order_mark() -> None:
    declaration = _sample()
    results = _read(b"\xef\xbb\xbf" + core_json.dumps(declaration).encode("utf-8"))
    assert [(r.declaration, r.issues) for r in results] == [(declaration, ())]


# --- Examples: reading problems -------------------------------------------------------------


def _only_issue(results: list[ReadResult]) -> Issue:
    assert len(results) == 1
    assert results[0].declaration is None
    assert len(results[0].issues) == 1
    return results[0].issues[0]


def _position(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``occurrence``-th ``needle`` in ``text``."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def test_invalid_json_gives_json_syntax_with_line_and_column() -> None:
    issue = _only_issue(_read(b'{\n  "direction": "import",\n  "goods_items": [\n}\n'))
    assert issue.code == "json_syntax"
    assert issue.pointer == ""
    assert issue.source is not None
    assert (issue.source.file, issue.source.line, issue.source.column) == ("entry.json", 4, 1)


def test_non_utf8_byte_gives_input_unreadable() -> None:
    # The importer's name written in Latin-1: its "ú" is byte 0xfa, which is not UTF-8.
    data = core_json.dumps(_sample()).encode("utf-8")
    data = data.replace("Núñez".encode(), "Núñez".encode("latin-1"))
    issue = _only_issue(_read(data))
    assert issue.code == "input_unreadable"
    assert issue.source is not None
    assert issue.source.line == data[: data.index(b"\xfa")].count(b"\n") + 1
    assert issue.source.line > 1
    assert "0xfa" in str(issue.ctx["detail"])


def test_unknown_field_is_located_by_pointer_line_and_column() -> None:
    text = core_json.dumps(_sample()).replace(
        '"line_number": 2,', '"line_number": 2,\n      "colour": "red",'
    )
    issue = _only_issue(_read(text.encode("utf-8")))
    assert issue.code == "field_unknown"
    assert issue.pointer == "/goods_items/1/colour"
    assert issue.ctx["field"] == "colour"
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == _position(text, '"colour"')


def test_float_amount_gives_decimal_from_float() -> None:
    text = core_json.dumps(_sample()).replace('"1234.50"', "1234.5")
    issue = _only_issue(_read(text.encode("utf-8")))
    assert issue.code == "decimal_from_float"
    assert issue.pointer == "/goods_items/0/value/amount"
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == _position(text, '"amount"')


def test_array_of_two_declarations_gives_indexes_0_and_1() -> None:
    first, second = _sample(), _minimal()
    text = f"[{core_json.dumps(first)},{core_json.dumps(second)}]"
    results = _read(text.encode("utf-8"))
    assert [(r.index, r.declaration, r.issues) for r in results] == [
        (0, first, ()),
        (1, second, ()),
    ]


def test_pointer_into_second_array_element_is_located() -> None:
    good = core_json.dumps(_sample())
    bad = good.replace('"origin_country": "MX"', '"origin_country": "UK"', 1)
    text = f"[\n{good},\n{bad}]\n"
    results = _read(text.encode("utf-8"))
    assert [r.index for r in results] == [0, 1]
    assert results[0].declaration is not None
    assert results[0].issues == ()
    assert results[1].declaration is None
    (issue,) = results[1].issues
    assert issue.code == "country_unknown"
    assert issue.pointer == "/goods_items/0/origin_country"
    assert issue.wco_id == "063"
    assert issue.source is not None
    # The first "origin_country" key of the second element: the 3rd in the whole file.
    assert (issue.source.line, issue.source.column) == _position(text, '"origin_country"', 2)


def test_reader_issue_for_contact_email_has_pointer_and_location() -> None:
    declaration = _sample().model_copy(
        update={"importer": Party(name="Peña", contact=Contact(email="ventas@peña.mx"))}
    )
    text = core_json.dumps(declaration).replace("ventas@peña.mx", "ventas at peña")
    issue = _only_issue(_read(text.encode("utf-8")))
    assert issue.code == "value_format"
    assert issue.pointer == "/importer/contact/email"
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == _position(text, '"email"')

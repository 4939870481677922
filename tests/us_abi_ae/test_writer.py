"""Writing declarations that did not come from an ABI file: derived records and reported losses."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from harmonized_customs.countries.us import abi_ae
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.model import Declaration

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "complete-us-import.json"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def records(text: str, record_id: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(record_id)]


def found(result: WriteResult) -> set[tuple[str, str]]:
    return {(i.code, i.pointer) for i in result.issues}


def test_every_written_line_has_80_columns(data: dict[str, Any]) -> None:
    result = abi_ae.write(Declaration.model_validate(data))
    assert isinstance(result.output, str)
    assert all(len(line) == 80 for line in result.output.splitlines())


def test_importer_number_comes_from_the_importer_party(data: dict[str, Any]) -> None:
    result = abi_ae.write(Declaration.model_validate(data))
    [record_11] = records(str(result.output), "11")
    assert record_11[2:14] == "86-3051728  "


def test_values_the_records_lack_are_reported(data: dict[str, Any]) -> None:
    result = abi_ae.write(Declaration.model_validate(data))
    issues = found(result)
    # a USMCA line's duty is derived (free), not demanded; the batch header is a filer setting
    assert ("us_abi_value_missing", "/goods_items/0/national/us/tariff_lines/0/duty") not in issues
    assert ("us_abi_value_missing", "/national/us/batch/site_code") in issues
    assert ("value_not_carried", "/exporter") in issues
    assert ("value_not_carried", "/certifications") in issues
    assert ("value_not_carried", "/goods_items/0/net_weight_kg") in issues
    assert all(
        i.ctx.get("format") == "us-abi-ae" for i in result.issues if i.code == "value_not_carried"
    )


def test_description_wrapped_on_44_records_is_not_reported_lost(data: dict[str, Any]) -> None:
    result = abi_ae.write(Declaration.model_validate(data))
    assert len(records(str(result.output), "44")) >= 4
    assert ("value_not_carried", "/goods_items/0/description") not in found(result)


def test_entered_value_rounded_to_whole_dollars(data: dict[str, Any]) -> None:
    data["goods_items"][0]["customs_values"] = [
        {"jurisdiction": "US", "amount": {"amount": "100.50", "currency": "USD"}}
    ]
    result = abi_ae.write(Declaration.model_validate(data))
    first_50 = records(str(result.output), "50")[0]
    assert first_50[24:34] == "       101"
    rounded = [i for i in result.issues if i.code == "us_abi_value_rounded"]
    assert [(i.pointer, i.ctx["written"]) for i in rounded] == [
        ("/goods_items/0/national/us/tariff_lines/0/value", "101")
    ]


def test_chapter_99_number_is_written_before_the_commodity(data: dict[str, Any]) -> None:
    data["goods_items"][0]["classification"]["us_additional_hts"] = ["9903881503"]
    result = abi_ae.write(Declaration.model_validate(data))
    hts = [line[2:12] for line in records(str(result.output), "50")][:2]
    assert hts == ["9903881503", data["goods_items"][0]["classification"]["us_hts"]]


def test_usmca_claim_without_spi_is_written_as_s(data: dict[str, Any]) -> None:
    data["goods_items"][0]["national"]["us"]["spi"] = None
    result = abi_ae.write(Declaration.model_validate(data))
    assert records(str(result.output), "40")[0][24:26] == "S "
    assert ("us_spi_suggested", "/goods_items/0/national/us/spi") in found(result)


def test_negative_amount_is_not_written(data: dict[str, Any]) -> None:
    data["goods_items"][0]["customs_values"] = [
        {"jurisdiction": "US", "amount": {"amount": "-5", "currency": "USD"}}
    ]
    result = abi_ae.write(Declaration.model_validate(data))
    assert records(str(result.output), "50")[0][24:34] == " " * 10
    assert (
        "us_abi_value_not_representable",
        "/goods_items/0/national/us/tariff_lines/0/value",
    ) in found(result)


def test_value_in_another_currency_without_rate(data: dict[str, Any]) -> None:
    data["goods_items"][0]["value"]["currency"] = "CAD"
    data["goods_items"][0]["customs_values"] = []
    result = abi_ae.write(Declaration.model_validate(data))
    assert ("us_value_not_convertible", "/goods_items/0/value/currency") in found(result)


def test_refused_values_leave_a_file_the_reader_accepts(data: dict[str, Any]) -> None:
    data["trader_reference"] = "REF-2026-000123"
    result = abi_ae.write(Declaration.model_validate(data))
    assert ("us_abi_value_too_long", "/trader_reference") in found(result)
    assert ("value_not_carried", "/trader_reference") not in found(result)
    [back] = abi_ae.read(str(result.output).encode("latin-1"))
    field_errors = {"us_abi_field_class", "us_abi_data_in_filler", "us_abi_field_not_justified"}
    assert not [i for i in back.issues if i.code in field_errors]
    assert back.declaration is not None
    assert back.declaration.trader_reference is None


def test_characters_outside_the_class_are_refused_not_replaced(data: dict[str, Any]) -> None:
    data["goods_items"][0]["description"] = "Tornillos de acero, cabeza hexagonal, ñ"
    result = abi_ae.write(Declaration.model_validate(data))
    assert ("us_abi_field_class", "/goods_items/0/description") in found(result)
    assert "?" not in str(result.output)
    assert all(len(line) == 80 for line in str(result.output).splitlines())

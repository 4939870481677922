"""The record engine: definitions as data, fixed-width parsing and formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import records
from harmonized_customs.countries.us import abi_ae, abi_records
from harmonized_customs.countries.us.abi_records import (
    CLASS_MEANINGS,
    DIALECT,
    FieldDef,
    field_def,
    format_field,
    format_record,
    load_edition,
    parse_field,
    parse_record,
)
from harmonized_customs.issues import get_issue_code
from harmonized_customs.model import national_us
from harmonized_customs.model._base import CoreModel

EDITIONS = abi_records.edition_names()
EDITION = load_edition()


def field(cls: str, length: int = 10, decimals: int = 0, designation: str = "C") -> FieldDef:
    return field_def("50", "duty", 14, length, cls, decimals=decimals, designation=designation)


@pytest.mark.parametrize("name", EDITIONS)
def test_every_record_tiles_positions_1_to_80(name: str) -> None:
    for record in load_edition(name).records.values():
        position = 1
        for each in record.fields:
            assert each.start == position, (record.record_id, each.name)
            position += each.length
        assert position == 81, record.record_id


@pytest.mark.parametrize("name", EDITIONS)
def test_every_field_has_a_known_class_and_designation(name: str) -> None:
    for record in load_edition(name).records.values():
        for each in record.fields:
            assert each.source_class in CLASS_MEANINGS, (record.record_id, each.name)
            assert each.designation in {"M", "C", "O"}
            assert each.decimals == 0 or each.source_class == "SN"


@pytest.mark.parametrize("name", EDITIONS)
def test_data_field_names_are_unique_per_record(name: str) -> None:
    for record in load_edition(name).records.values():
        names = [f.name for f in record.data_fields]
        assert len(names) == len(set(names)), record.record_id


def test_default_edition_has_every_documented_record() -> None:
    records = set(load_edition().records)
    wanted = {"A", "B", "Y", "Z", "10", "11", "20", "22", "23", "31", "40", "42", "44", "47"}
    wanted |= {"50", "51", "52", "53", "54", "60", "61", "62", "89", "90"}
    assert wanted <= records
    assert {"41", "43", "88"} <= load_edition().known_without_layout


def test_edition_2021_differs_only_in_records_10_and_11() -> None:
    new, old = load_edition("2026-07"), load_edition("2021")
    changed = {rid for rid in new.records if new.records[rid] != old.records[rid]}
    assert changed == {"10", "11"}
    assert old.records["11"].by_name["ftz_identifier"].start == 54
    assert new.records["11"].by_name["ftz_identifier"].start == 63
    assert "consolidated_express_informal" not in old.records["10"].by_name


def test_unknown_edition_is_a_programmer_error() -> None:
    with pytest.raises(KeyError):
        load_edition("1999")


def test_implied_decimals_are_exact() -> None:
    value, problems = parse_field(field("SN", decimals=2), "     34100")
    assert value == Decimal("341.00")
    assert str(value) == "341.00"
    assert problems == []


def test_quantity_with_four_implied_decimals() -> None:
    value, _ = parse_field(field("SN", length=12, decimals=4), "     2000001")
    assert value == Decimal("200.0001")


def test_zero_filled_numeric_reads_like_space_filled() -> None:
    assert parse_field(field("SN"), "0000034100")[0] == Decimal(34100)


def test_letters_in_numeric_are_located() -> None:
    value, problems = parse_field(field("SN"), "   12A4567")
    assert value is None
    [problem] = problems
    assert problem.code == "us_abi_field_class"
    assert problem.column == 14 + 5
    assert problem.ctx["data_class"] == "SN"


def test_left_aligned_numeric_is_not_right_justified() -> None:
    value, problems = parse_field(field("SN"), "123       ")
    assert value == Decimal(123)
    assert [p.code for p in problems] == ["us_abi_field_not_justified"]
    assert problems[0].ctx["side"] == "right"
    assert problems[0].column == 14 + 3


def test_text_with_leading_space_is_not_left_justified() -> None:
    _, problems = parse_field(field("AN", length=4), " 401")
    assert [p.code for p in problems] == ["us_abi_field_not_justified"]


def test_lowercase_is_not_class_an() -> None:
    _, problems = parse_field(field("AN", length=4), "ab12")
    assert [p.code for p in problems] == ["us_abi_field_class"]
    assert problems[0].column == 14


def test_x_accepts_plus_and_hyphen() -> None:
    assert parse_field(field("X", length=2), "S+") == ("S+", [])
    assert parse_field(field("X", length=12), "26-164751100") == ("26-164751100", [])


def test_data_in_filler_is_located_at_the_first_character() -> None:
    _, problems = parse_field(field_def("A", "filler", 21, 5, "S", designation="M"), "  X  ")
    [problem] = problems
    assert problem.code == "us_abi_data_in_filler"
    assert problem.column == 23
    assert problem.ctx["value"] == "X"


def test_blank_mandatory_field() -> None:
    _, problems = parse_field(field("AN", length=2, designation="M"), "  ")
    assert [p.code for p in problems] == ["us_abi_field_missing"]


def test_blank_conditional_field_is_fine() -> None:
    assert parse_field(field("AN", length=2), "  ") == (None, [])


def test_dates_are_mmddyy() -> None:
    assert parse_field(field("D", length=6), "112026")[0] == dt.date(2026, 11, 20)
    _, problems = parse_field(field("D", length=6), "133126")
    assert [p.code for p in problems] == ["us_abi_date_invalid"]


def test_code_outside_the_allowed_values() -> None:
    definition = field_def("10", "action", 3, 1, "A", designation="M", values=("A", "R", "D"))
    _, problems = parse_field(definition, "X")
    assert [p.code for p in problems] == ["us_abi_code_not_allowed"]
    assert problems[0].ctx["allowed"] == "A, R, D"


def test_numeric_class_n_fills_the_field() -> None:
    assert parse_field(field("N", length=3), "005") == ("005", [])
    assert [p.code for p in parse_field(field("N", length=3), "5  ")[1]] == ["us_abi_field_class"]


def test_format_numeric_right_justified_with_implied_decimals() -> None:
    assert format_field(field("SN", decimals=2), Decimal("341.00")) == ("     34100", [])
    assert format_field(field("SN"), 7) == ("         7", [])


def test_format_rounds_and_says_so() -> None:
    text, problems = format_field(field("SN", decimals=0), Decimal("1234.5"))
    assert text == "      1235"
    assert [p.code for p in problems] == ["us_abi_value_rounded"]
    assert problems[0].ctx["written"] == "1235"


def test_format_refuses_negative_and_oversized_numbers() -> None:
    assert format_field(field("SN"), Decimal(-1))[1][0].code == "us_abi_value_not_representable"
    text, problems = format_field(field("SN", length=3), Decimal(1000))
    assert text == "   "
    assert problems[0].code == "us_abi_value_not_representable"


def test_format_refuses_long_text_and_says_so() -> None:
    text, problems = format_field(field("X", length=4), "ABCDEF")
    assert text == "    "
    assert [p.code for p in problems] == ["us_abi_value_too_long"]
    assert problems[0].ctx["length"] == 4


def test_format_refuses_text_in_a_numeric_field() -> None:
    text, problems = format_field(field("SN", decimals=2), "12A4")
    assert text == " " * 10
    assert [p.code for p in problems] == ["us_abi_field_class"]
    assert problems[0].ctx["data_class"] == "SN"


def test_format_refuses_characters_outside_the_class() -> None:
    text, problems = format_field(field("AN", length=4), "ab-1")
    assert text == "    "
    assert [p.code for p in problems] == ["us_abi_field_class"]


def test_format_refuses_a_number_in_a_date_field() -> None:
    text, problems = format_field(field("D", length=6), Decimal(12))
    assert (text, [p.code for p in problems]) == ("      ", ["us_abi_field_class"])


def test_format_date_outside_the_century() -> None:
    _, problems = format_field(field("D", length=6), dt.date(1999, 1, 1))
    assert problems[0].code == "us_abi_value_not_representable"


def test_format_missing_mandatory_value() -> None:
    text, problems = format_field(field("AN", length=2, designation="M"), None)
    assert text == "  "
    assert [p.code for p in problems] == ["us_abi_value_missing"]


def test_record_round_trip() -> None:
    definition = load_edition().records["50"]
    text = "508507600020      34100      10000          500NO" + " " * 31
    parsed = parse_record(definition, text, 1)
    assert parsed.problems == []
    assert parsed.values["hts"] == "8507600020"
    assert parsed.values["quantity1"] == Decimal("5.00")
    assert format_record(definition, parsed.values) == (text, [])


def test_every_problem_code_is_registered() -> None:
    for code in (
        "us_abi_field_class",
        "us_abi_field_not_justified",
        "us_abi_data_in_filler",
        "us_abi_field_missing",
        "us_abi_date_invalid",
        "us_abi_code_not_allowed",
        "us_abi_value_rounded",
        "us_abi_value_not_representable",
        "us_abi_value_too_long",
        "us_abi_value_missing",
    ):
        assert get_issue_code(code).authority == "CBP"


def test_format_page_lists_every_field_of_the_default_edition() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "formats" / "us-abi-ae.md"
    text = page.read_text(encoding="utf-8")
    for record in load_edition().records.values():
        for each in record.data_fields:
            position = f"{each.start}" if each.length == 1 else f"{each.start}-{each.end}"
            row = f"| {record.record_id} | {position} | {each.length} | {each.source_class} |"
            assert row in text, row
            assert f"`{each.name}`" in text, each.name


MODELS: dict[str, type[CoreModel]] = {
    "A": national_us.USAbiBatch,
    "B": national_us.USAbiBlock,
    "10": national_us.USEntryFlags,
    "11": national_us.USDeclarationData,
    "20": national_us.USDeclarationData,
    "22": national_us.USManifestQuantity,
    "23": national_us.USBill,
    "31": national_us.USBond,
    "40": national_us.USLineFlags,
    "42": national_us.USInvoiceLineReference,
    "47": national_us.USArticleParty,
    "50": national_us.USTariffLine,
    "51": national_us.USVisa,
    "52": national_us.USLicense,
    "53": national_us.USAdcvdCase,
    "54": national_us.USAdditionalDeclaration,
    "60": national_us.USFeeAmount,
    "61": national_us.USFeeAmount,
    "62": national_us.USFeeAmount,
    "90": national_us.USEntryTotals,
}
"""Where each record's fields live in the US part of the model (besides the special ones)."""
SPECIAL = {
    "10": {"filer_code", "entry_number", "port_of_entry", "broker_reference", "entry_type", "mode"},
    "11": {"import_date"},
    "40": {"line_id", "origin_country", "export_country", "export_date", "spi", "charges"}
    | {"gross_weight"},
    "42": {f"range{n}_{side}" for n in range(1, 5) for side in ("begin", "end")},
    "44": {"description"},
    "60": set(),
    "89": {f"class{n}" for n in range(1, 6)} | {f"amount{n}" for n in range(1, 6)},
}
"""Fields mapped by code to core-model values (see docs/formats/us-abi-ae.md)."""


@pytest.mark.parametrize("name", EDITIONS)
def test_every_field_of_every_record_has_a_place_in_the_model(name: str) -> None:
    for record_id, record in load_edition(name).records.items():
        if record_id in {"Y", "Z"}:
            continue  # trailers repeat their headers and are checked against them
        model = MODELS.get(record_id)
        special = SPECIAL.get(record_id, set())
        for each in record.data_fields:
            placed = each.name in special or (model is not None and each.name in model.model_fields)
            assert placed, (record_id, each.name)


def test_trailer_fields_repeat_header_fields() -> None:
    records = load_edition().records
    assert set(records["Y"].by_name) <= set(records["B"].by_name)
    assert set(records["Z"].by_name) <= set(records["A"].by_name)


def test_every_record_with_a_layout_is_mapped() -> None:
    assert set(load_edition().records) == abi_ae.MAPPED


ABI_FILES = sorted(
    [
        *(Path(__file__).parents[1] / "data" / "us" / "abi_ae").rglob("*.txt"),
        *(Path(__file__).parents[1] / "conformance" / "samples" / "us-abi-ae").glob("*.txt"),
    ]
)


@pytest.mark.parametrize("path", ABI_FILES, ids=lambda p: p.name)
def test_parse_values_gives_the_values_of_parse_record(path: Path) -> None:
    edition = load_edition(None)
    compared = 0
    for text in path.read_text(encoding="latin-1").splitlines():
        definition = edition.records.get(edition.record_id_of(text))
        if definition is None:
            continue
        expected = parse_record(definition, text[:80], 1).values
        found = abi_records.parse_values(definition, text[:80])
        assert list(found.items()) == list(expected.items())
        compared += 1
    assert compared > 0


def test_parse_values_reads_a_filled_and_a_blank_field() -> None:
    definition = load_edition(None).records["40"]
    text, _ = format_record(definition, {"line_id": "001", "origin_country": "MX"})
    values = abi_records.parse_values(definition, text)
    assert values["line_id"] == "001"
    assert values["origin_country"] == "MX"
    assert values["export_date"] is None


_TEXTS = st.one_of(st.none(), st.text(alphabet="AZ09 -é", max_size=12))


@given(st.sampled_from(sorted(EDITION.records)), st.data())
def test_records_of_texts_are_remembered_as_written(record_id: str, data: st.DataObject) -> None:
    """Twice the same texts: the engine's record and problems, both times."""
    definition = EDITION.records[record_id]
    values = {fd.name: data.draw(_TEXTS) for fd in definition.data_fields}
    expected = records.format_record(DIALECT, definition, values)
    assert format_record(definition, values) == expected
    assert format_record(definition, dict(values)) == expected

"""The record engine: layouts as data, splitting, typing and formatting fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from harmonized_customs import mappings
from harmonized_customs.countries.mx import m3_lists
from harmonized_customs.countries.mx.m3_layout import (
    Value,
    decode,
    format_record,
    format_value,
    layout,
    parse_line,
    parse_record,
)

V9_FIELD_COUNTS = {
    "500": 6, "501": 35, "502": 9, "503": 4, "504": 4, "505": 17, "506": 4, "507": 6,
    "509": 5, "510": 5, "511": 4, "512": 10, "551": 26, "552": 6, "553": 9, "554": 8,
    "555": 13, "556": 7, "557": 7, "558": 6, "800": 5, "801": 5,
}  # fmt: skip
"""Field counts of the v9.0 Lineamientos as the research notes transcribe them."""


def test_every_documented_record_has_a_layout() -> None:
    assert set(layout().records) == set(V9_FIELD_COUNTS)


@pytest.mark.parametrize(("code", "count"), sorted(V9_FIELD_COUNTS.items()))
def test_field_count_matches_v9(code: str, count: int) -> None:
    assert layout().records[code].field_count == count


def test_every_field_has_a_known_kind_and_status() -> None:
    for definition in layout().records.values():
        for spec in definition.fields:
            assert spec.source_class in {"N", "A", "I", "D", "F"}
            assert spec.status in {"v9.0-transcription", "unverified"}
            assert (spec.decimals is not None) == (spec.source_class == "D")


def test_every_code_list_is_named_and_answers() -> None:
    lists = layout().code_lists
    for definition in layout().records.values():
        for spec in definition.fields:
            if spec.table is not None:
                assert spec.table in lists
                assert m3_lists.known(spec.table, "@@") is False


def test_partida_records_repeat_fraccion_and_partida() -> None:
    for code in ("551", "552", "553", "554", "555", "556", "557", "558"):
        names = [f.name for f in layout().records[code].fields]
        assert names[:3] == ["pedimento", "fraccion", "partida"]


def test_nico_is_campo_5_of_551_beside_the_8_digit_fraccion() -> None:
    record = layout().records["551"]
    assert record.field("fraccion").label == "3 (Fracción arancelaria)"
    assert record.field("fraccion").length == 8
    assert record.field("nico").label == "5 (Subdivisión de la fracción (NICO))"
    assert record.field("nico").length == 2


def test_parse_line_with_trailing_pipe_and_columns() -> None:
    raw = parse_line("506|6000101|2|05032026|", 4)
    assert raw.code == "506"
    assert raw.values == ("6000101", "2", "05032026")
    assert raw.columns == (5, 13, 15)
    assert raw.trailing_separator


def test_parse_line_without_trailing_pipe() -> None:
    raw = parse_line("506|6000101|2|05032026", 1)
    assert raw.values == ("6000101", "2", "05032026")
    assert not raw.trailing_separator


def test_typed_values_and_exact_text_back() -> None:
    definition = layout().records["501"]
    line = (
        "501|3901|6000101|240|1|A1|240||AAA010101AAA||17.84210|0|||||2150.500|7|7|7|9|X|" + "|" * 13
    )
    record, issues = parse_record(parse_line(line, 1), definition)
    assert issues == []
    assert record.values["tipo_cambio"] == Decimal("17.84210")
    assert record.values["fletes"] == Decimal("0")
    assert record.values["patente"] == "3901"
    assert format_record(definition, record.values) == (line, [])


def test_date_is_ddmmaaaa() -> None:
    definition = layout().records["506"]
    record, issues = parse_record(parse_line("506|6000101|1|05032026|", 1), definition)
    assert issues == []
    assert record.values["fecha"] == dt.date(2026, 3, 5)
    assert format_value(definition.field("fecha"), dt.date(2026, 3, 5)) == ("05032026", [])


@pytest.mark.parametrize("bad", ["20260305", "31022026", "0503202", "05-03-26"])
def test_impossible_dates_are_located_errors(bad: str) -> None:
    definition = layout().records["506"]
    record, issues = parse_record(parse_line(f"506|6000101|1|{bad}|", 9), definition)
    assert [i.code for i in issues] == ["mx_m3_date_invalid"]
    assert issues[0].source is not None
    assert (issues[0].source.line, issues[0].source.column) == (9, 15)
    assert issues[0].source.record == "506"
    assert record.values["fecha"] is None


def test_decimal_comma_is_an_error_and_extra_decimals_a_warning() -> None:
    definition = layout().records["509"]
    _, comma = parse_record(parse_line("509|6000101|1|8,00000|7|", 1), definition)
    assert [i.code for i in comma] == ["mx_m3_not_decimal"]
    _, long = parse_record(parse_line("509|6000101|1|8.00000000001|7|", 1), definition)
    assert [i.code for i in long] == ["mx_m3_too_many_decimals"]


def test_required_empty_field_is_an_error() -> None:
    definition = layout().records["551"]
    line = "551|6000101||1|00|X|1|1|1|1.00|1.000|6|1.00000|6||0|1||||USA|USA|||||"
    _, issues = parse_record(parse_line(line, 1), definition)
    assert [(i.code, i.ctx["field"]) for i in issues] == [
        ("mx_m3_field_required", "3 (Fracción arancelaria)")
    ]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8"])
def test_decode_keeps_enye_accents_and_ampersand(encoding: str) -> None:
    text = "501|ACEROS ÑANDÚ & ASOCIADOS|LEÓN|"
    decoded, used, issues = decode(text.encode(encoding))
    assert decoded == text
    assert issues == []
    assert used in {"utf-8", "windows-1252", "iso-8859-1"}


def test_decode_cp1252_only_characters() -> None:
    decoded, used, _ = decode("TUBERÍA “PREMIUM” – 3€".encode("cp1252"))
    assert decoded == "TUBERÍA “PREMIUM” – 3€"
    assert used == "windows-1252"


def test_decode_reports_mixed_encodings_by_line() -> None:
    data = b"500|1|\n" + "ÑANDÚ|\n".encode("latin-1") + "ÑANDÚ|\n".encode()
    _, _, issues = decode(data, "m3901001.064")
    assert [(i.code, i.ctx["line"]) for i in issues] == [("mx_m3_encoding_mixed", 3)]


def test_given_encoding_is_used() -> None:
    data = "ÑANDÚ|€".encode("cp1252")
    assert decode(data, None, "cp1252")[:2] == ("ÑANDÚ|€", "cp1252")
    assert decode(data, None, "latin-1")[0] == "ÑANDÚ|\x80"


def test_given_encoding_that_does_not_fit_is_reported_and_detected() -> None:
    data = b"500|1|\n" + "ÑANDÚ|".encode("latin-1")
    text, used, issues = decode(data, "m3901001.064", "utf-8")
    assert (text, used) == ("500|1|\nÑANDÚ|", "windows-1252")
    assert [(i.code, i.ctx["line"]) for i in issues] == [("mx_m3_encoding_wrong", 2)]


@pytest.mark.parametrize(
    ("name", "value"),
    [("patente", "39A1"), ("patente", Decimal("3.5")), ("tipo_cambio", "17.8"), ("fletes", -1)],
)
def test_values_that_do_not_fit_their_field_are_refused(name: str, value: Value) -> None:
    definition = layout().records["501"]
    text, problems = format_value(definition.field(name), value)
    assert text == ""
    assert [p.code for p in problems] == ["mx_m3_value_not_representable"]


def test_text_longer_than_the_field_is_refused() -> None:
    spec = layout().records["551"].field("nico")
    assert format_value(spec, "001")[1][0].code == "mx_m3_value_not_representable"
    assert format_value(spec, "01") == ("01", [])


def test_separator_in_text_is_written_as_a_space_and_said() -> None:
    spec = layout().records["551"].field("descripcion")
    text, problems = format_value(spec, "TUBOS|CODOS")
    assert text == "TUBOS CODOS"
    assert [p.code for p in problems] == ["mx_m3_separator_in_text"]


def test_the_apendice_7_unit_of_a_rec20_unit_follows_the_crosswalks_overlays() -> None:
    assert m3_lists.ap7_from_rec20("KGM") == "1"
    assert m3_lists.ap7_from_rec20("XZZ") is None
    try:
        mappings.add_row("unit_crosswalk", {"rec20": "XZZ", "mx": "99", "verified": "no"})
        assert m3_lists.ap7_from_rec20("XZZ") == "99"
    finally:
        mappings.reset_overlays("unit_crosswalk")
    assert m3_lists.ap7_from_rec20("XZZ") is None

"""Writing M3 files from declarations built without one: derivations and reported losses."""

from __future__ import annotations

from typing import Any

import pytest

from harmonized_customs.countries.mx import m3_write, pedimento_m3
from harmonized_customs.countries.mx.m3_layout import layout
from harmonized_customs.countries.mx.m3_write import write_declarations
from harmonized_customs.model import Declaration

from .conftest import DATA


def _data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "direction": "import",
        "declaration_date": "2026-02-02",
        "country_of_export": "US",
        "national": {
            "mx": {
                "pedimento_number": "262439016000123",
                "aduana_seccion": "240",
                "clave_pedimento": "A1",
            }
        },
        "importer": {
            "name": "ACEROS ÑANDÚ & ASOCIADOS, S.A. DE C.V.",
            "identifiers": [{"scheme": "mx-rfc", "value": "AÑA060315K22"}],
            "address": {"country": "MX", "subdivision": "MX-NLE", "city": "MONTERREY"},
        },
        "transport": {"mode": "3"},
        "valuation": {
            "currency": "USD",
            "exchange_rates": [
                {"source_currency": "USD", "target_currency": "MXN", "rate": "17.84210"}
            ],
        },
        "goods_items": [
            {
                "line_number": 1,
                "description": "ALAMBRE DE ACERO",
                "classification": {"hs6": "721710", "mx_fraccion": "72171001", "mx_nico": "00"},
                "origin_country": "US",
                "quantity": {"value": "10.000", "unit": "KGM"},
                "value": {"amount": "100.00", "currency": "USD"},
                "preference": {"program": "USMCA"},
            }
        ],
    }
    data.update(changes)
    return data


def _write(**changes: Any) -> tuple[list[str], list[tuple[str, str]]]:
    result = pedimento_m3.write(Declaration.model_validate(_data(**changes)))
    assert isinstance(result.output, str)
    return result.output.splitlines(), [(i.code, i.pointer) for i in result.issues]


def _record(lines: list[str], code: str) -> list[str]:
    return next(line for line in lines if line.startswith(code + "|")).split("|")


def test_core_declaration_gives_the_pedimento_parts() -> None:
    lines, _ = _write()
    assert _record(lines, "500")[:5] == ["500", "1", "3901", "6000123", "240"]
    general = _record(lines, "501")
    assert general[5:7] == ["A1", ""]
    assert general[8] == "AÑA060315K22"
    assert general[10] == "17.84210"
    assert general[19] == "7"  # road, Apéndice 3


def test_units_countries_and_tmec_identifier_are_derived() -> None:
    lines, _ = _write()
    partida = _record(lines, "551")
    assert partida[2:5] == ["72171001", "1", "00"]
    assert partida[10:12] == ["10.000", "1"]
    assert partida[20] == "USA"
    assert _record(lines, "554")[4:6] == ["TL", "USA"]


def test_file_name_from_patente_and_day_of_year() -> None:
    lines, _ = _write()
    assert _record(lines, "801")[1:4] == ["m3901001.033", "1", str(len(lines) - 1)]


def test_missing_patente_is_reported_at_its_pointer() -> None:
    _, issues = _write(national={"mx": {"aduana_seccion": "240", "clave_pedimento": "A1"}})
    assert ("mx_m3_value_missing", "/national/mx/patente") in issues
    assert ("mx_m3_value_missing", "/national/mx/pedimento_serial") in issues


def test_values_without_a_place_are_reported() -> None:
    data = _data()
    data["goods_items"][0]["net_weight_kg"] = "9.5"
    data["consignee"] = {"name": "OTRA EMPRESA"}
    _, issues = _write(**data)
    assert ("value_not_carried", "/goods_items/0/net_weight_kg") in issues
    assert ("value_not_carried", "/consignee") in issues


def test_separator_in_text_is_reported_and_replaced() -> None:
    data = _data()
    data["goods_items"][0]["description"] = "ALAMBRE | ACERO"
    lines, issues = _write(**data)
    assert ("mx_m3_separator_in_text", "/goods_items/0/description") in issues
    assert _record(lines, "551")[5] == "ALAMBRE   ACERO"


def test_preference_without_a_tmec_party_is_reported() -> None:
    _, issues = _write(country_of_export="DE")
    assert ("value_not_carried", "/goods_items/0/preference") in issues


@pytest.mark.parametrize(
    ("patente", "sequence", "day", "name"),
    [("3901", 1, 64, "m3901001.064"), ("0012", 999, 366, "m0012999.366")],
)
def test_file_name(patente: str, sequence: int, day: int, name: str) -> None:
    assert pedimento_m3.file_name(patente, sequence, day) == name
    assert pedimento_m3.check_file_name(name, patente)


@pytest.mark.parametrize("bad", [("39011", 1, 1), ("3901", 1000, 1), ("3901", 1, 367)])
def test_file_name_refuses_parts_that_do_not_fit(bad: tuple[str, int, int]) -> None:
    with pytest.raises(ValueError, match=r"does not fit|1-366"):
        pedimento_m3.file_name(*bad)


@pytest.mark.parametrize("name", ["m3901001.400", "m390100.064", "pedimento.txt", "m3901001064"])
def test_check_file_name_refuses(name: str) -> None:
    assert not pedimento_m3.check_file_name(name)


def test_check_file_name_compares_the_patente() -> None:
    assert not pedimento_m3.check_file_name("m3901001.064", "1234")


def test_sniffer() -> None:
    assert pedimento_m3.sniff(b"500|1|3901|6000101|240||\n")
    assert not pedimento_m3.sniff(b'{"direction": "import"}')


def test_master_and_house_bills_and_containers_are_derived() -> None:
    data = _data()
    data["transport"] = {
        "mode": "1",
        "documents": [
            {"kind": "master-bill", "number": "MAEU260312345"},
            {"kind": "house-bill", "number": "HB-0042"},
            {"kind": "cargo-control-number", "number": "8000123456"},
        ],
        "equipment": [{"identifier": "MSKU1234565"}],
    }
    lines, issues = _write(**data)
    assert [line for line in lines if line.startswith(("503|", "504|"))] == [
        "503|6000123|MAEU260312345|M|",
        "503|6000123|HB-0042|H|",
        "504|6000123|MSKU1234565||",
    ]
    assert ("value_not_carried", "/transport/documents/2") in issues


def test_lines_without_trailing_pipe_are_written_with_it() -> None:
    text = (DATA / "m3901004.079").read_bytes().decode("latin-1")
    # Only where the last field is not empty: "...|230|" would read as a field missing.
    lines = [line if line.endswith("||") else line[:-1] for line in text.splitlines()]
    bare = "\n".join(lines) + "\n"
    [result] = pedimento_m3.read(bare.encode("latin-1"), "m3901004.079")
    assert {i.code for i in result.issues} == {"mx_m3_no_trailing_pipe"}
    assert result.declaration is not None
    assert pedimento_m3.write(result.declaration).output == text


def test_origin_without_apendice_4_code_is_reported() -> None:
    data = _data(country_of_export="CA")
    data["goods_items"][0]["origin_country"] = "XK"
    data["goods_items"][0]["preference"] = None
    lines, issues = _write(**data)
    assert _record(lines, "551")[20] == ""
    assert issues == [("mx_m3_no_code", "/goods_items/0/origin_country")]


def test_cce_unit_code_is_written_as_its_apendice_7_code() -> None:
    data = _data()
    data["goods_items"][0]["tariff_quantities"] = [
        {"jurisdiction": "MX", "value": "10.000", "unit": "06"}
    ]
    lines, _ = _write(**data)
    assert _record(lines, "551")[12:14] == ["10.000", "6"]


def test_certification_reference_is_reported_beside_the_tl_identifier() -> None:
    data = _data()
    data["goods_items"][0]["preference"] = {
        "program": "USMCA",
        "certification_reference": {"number": "USMCA-2026-0017", "issuer_role": "exporter"},
    }
    lines, issues = _write(**data)
    assert _record(lines, "554")[4:6] == ["TL", "USA"]
    assert ("value_not_carried", "/goods_items/0/preference/certification_reference") in issues


def test_the_writer_without_losses_leaves_out_only_value_not_carried() -> None:
    declaration = Declaration.model_validate(_data(consignee={"name": "OTRO, S.A."}))
    full = write_declarations([declaration])
    lean = write_declarations([declaration], losses=False)
    assert lean.output == full.output
    assert any(i.code == "value_not_carried" for i in full.issues)
    assert list(lean.issues) == [i for i in full.issues if i.code != "value_not_carried"]


def _valued_in_cad(**line: Any) -> dict[str, Any]:
    data = _data()
    data["goods_items"][0]["value"] = {"amount": "100.00", "currency": "CAD"}
    data["goods_items"][0].setdefault("national", {}).update(line)
    return data


def test_a_line_value_with_no_rate_to_dollars_and_no_price_paid_is_missing() -> None:
    """The partida would have no value at all: the writer blocks instead of writing it."""
    _, issues = _write(**_valued_in_cad())
    assert ("mx_m3_value_missing", "/goods_items/0/value") in issues
    assert ("value_not_carried", "/goods_items/0/value") not in issues


def test_a_line_value_with_no_rate_to_dollars_beside_a_price_paid_is_not_carried() -> None:
    _, issues = _write(**_valued_in_cad(mx={"precio_pagado": "1750"}))
    assert ("value_not_carried", "/goods_items/0/value") in issues
    assert ("mx_m3_value_missing", "/goods_items/0/value") not in issues


def test_a_check_of_a_line_without_national_data_tests_every_field_it_fills() -> None:
    """Record 551 of such a line is checked on :func:`m3_write._core_551`'s fields alone."""
    declaration = Declaration.model_validate(_data())
    assert declaration.goods_items[0].national.mx is None
    writer = m3_write._Writer(declaration, losses=False, text=False)
    values = writer.record_551(declaration.goods_items[0], "/goods_items/0")
    core = m3_write._core_551()
    full = layout().records["551"]
    assert set(values) == set(core.by_name)
    assert core.required == full.required
    assert [f.name for f in full.data_fields if f.name in core.by_name] == list(core.by_name)

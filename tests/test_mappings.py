"""Code tables: data integrity of every shipped table, loader behaviour, and sourced spot values."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import pytest

from harmonized_customs import mappings
from harmonized_customs.errors import HarmonizedCustomsError, UsageError
from harmonized_customs.mappings import (
    CodeRow,
    CodeTable,
    UnknownCodeError,
    UnknownTableError,
    _loader,
)

REQUIRED_TABLES = {
    "transport_modes",
    "us_transport_modes",
    "ca_transport_modes",
    "mx_transport_modes",
    "units",
    "us_abi_units",
    "ca_units",
    "mx_units",
    "unit_crosswalk",
    "mx_countries",
    "mx_currencies",
    "ca_tariff_treatments",
    "us_spi",
    "usmca_claims",
    "incoterms",
    "declaration_types",
    "us_ports",
    "ca_offices",
    "mx_aduanas",
    "office_formats",
    "mx_identificadores",
    "mx_valuation_methods",
    "mx_contribuciones",
    "mx_formas_pago",
    "mx_destinos",
    "mx_tipos_tasa",
    "mx_regimenes",
    "ca_vfd_codes",
    "ca_sima_codes",
    "ca_country_deviations",
    "us_hts_units",
}

# Tables whose rows link codes of other tables; a row may leave some key columns empty.
CROSSWALK_TABLES = {"unit_crosswalk"}

# Columns restricted to a closed set of values, wherever they appear.
CLOSED_COLUMNS = {
    "verified": {"yes", "no"},
    "containerised": {"yes", "no", ""},
    "current": {"yes", "no"},
    "sea_only": {"yes", "no"},
    "mx_cce": {"yes", "no"},
    "mx_ap14": {"yes", "older", "unknown"},
    "jurisdiction": {"US", "CA", "MX"},
    "language": {"en", "es"},
    "us_ae": {"yes", "no", ""},
    "agreement": {"USMCA", "NAFTA"},
    "scope": {"anexo22+cce", "cce"},
}

ALL_TABLES = mappings.names()

# pycountry's lookups are untyped.
COUNTRIES: Any = pycountry.countries
HISTORIC_COUNTRIES: Any = pycountry.historic_countries
SUBDIVISIONS: Any = pycountry.subdivisions
CURRENCIES: Any = pycountry.currencies


def _norm_key(row: CodeRow) -> tuple[str, ...]:
    return tuple(value.casefold() for value in row.key)


@pytest.fixture(autouse=True)
def _no_overlays() -> Iterator[None]:
    mappings.reset_overlays()
    yield
    mappings.reset_overlays()


# --------------------------------------------------------------------------- data integrity


def test_every_required_table_ships() -> None:
    assert set(ALL_TABLES) >= REQUIRED_TABLES


def test_every_csv_has_a_meta_sidecar_and_nothing_else_lies_around() -> None:
    files = {
        entry.name
        for entry in resources.files("harmonized_customs.mappings").iterdir()
        if entry.name.endswith((".csv", ".json"))
    }
    expected = {f"{n}.csv" for n in ALL_TABLES} | {f"{n}.meta.json" for n in ALL_TABLES}
    assert files == expected


@pytest.mark.parametrize("name", ALL_TABLES)
def test_meta_is_well_formed(name: str) -> None:
    meta = mappings.table(name).meta
    for text in (meta.title, meta.source, meta.edition, meta.confidence):
        assert text.strip() == text
        assert len(text) > 3
    assert meta.source_url == "" or meta.source_url.startswith(("http://", "https://"))
    assert date(2020, 1, 1) <= meta.retrieved <= date.today()
    assert meta.key
    assert set(meta.key) <= set(meta.columns)
    assert all(description.strip() for description in meta.columns.values())
    assert "verified" in meta.columns
    assert "notes" in meta.columns
    assert {"valid_from", "valid_to"} & set(meta.columns) in (set(), {"valid_from", "valid_to"})


@pytest.mark.parametrize("name", ALL_TABLES)
def test_rows_are_clean(name: str) -> None:
    code_table = mappings.table(name)
    assert len(code_table) > 0
    for row in code_table:
        assert tuple(row) == code_table.columns
        for column, value in row.items():
            assert value == value.strip(), f"{name}.{column}: blanks around {value!r}"
            assert "\n" not in value
            allowed = CLOSED_COLUMNS.get(column)
            if allowed is not None:
                assert value in allowed, f"{name}.{column}: unexpected {value!r}"


@pytest.mark.parametrize("name", ALL_TABLES)
def test_keys_are_unique_and_codes_not_empty(name: str) -> None:
    code_table = mappings.table(name)
    keys = [_norm_key(row) for row in code_table]
    assert len(keys) == len(set(keys)), f"{name}: duplicate keys"
    for row in code_table:
        filled = [value for value in row.key if value]
        if name in CROSSWALK_TABLES:
            assert len(filled) >= 2, f"{name}: row {row.key} links nothing"
        else:
            assert row.code, f"{name}: empty code in {row.key}"


@pytest.mark.parametrize("name", ALL_TABLES)
def test_validity_dates_parse_and_are_ordered(name: str) -> None:
    code_table = mappings.table(name)
    for row in code_table:
        for column in ("valid_from", "valid_to"):
            if row.get(column):
                date.fromisoformat(row[column])
        if row.valid_from and row.valid_to:
            assert row.valid_from <= row.valid_to


def test_versions_name_every_table_with_its_edition() -> None:
    found = mappings.versions()
    assert set(found) == set(ALL_TABLES)
    for name, edition in found.items():
        assert edition == mappings.table(name).meta.edition
        assert edition


# --------------------------------------------------------------------------- crosswalk targets


def _codes(name: str) -> set[str]:
    return set(mappings.table(name).codes())


@pytest.mark.parametrize(
    ("column", "target"),
    [
        ("us_mot", "us_transport_modes"),
        ("ca_mode", "ca_transport_modes"),
        ("mx_ap3", "mx_transport_modes"),
    ],
)
def test_transport_crosswalk_targets_exist_and_agree(column: str, target: str) -> None:
    national = mappings.table(target)
    for row in mappings.table("transport_modes"):
        if not row[column]:
            continue
        target_row = national.lookup(row[column])
        assert target_row["rec19"] == row["rec19"], (column, row[column])
        if target_row["containerised"]:
            assert target_row["containerised"] == row["containerised"], (column, row[column])


@pytest.mark.parametrize("name", ["us_transport_modes", "ca_transport_modes", "mx_transport_modes"])
def test_national_modes_map_to_rec19_modes(name: str) -> None:
    rec19 = _codes("transport_modes")
    assert rec19 == {str(n) for n in range(10)}
    for row in mappings.table(name):
        assert row["rec19"] == "" or row["rec19"] in rec19


@pytest.mark.parametrize(
    ("column", "target"),
    [("rec20", "units"), ("us", "us_abi_units"), ("ca", "ca_units"), ("mx", "mx_units")],
)
def test_unit_crosswalk_targets_exist(column: str, target: str) -> None:
    known = _codes(target)
    used = {row[column] for row in mappings.table("unit_crosswalk") if row[column]}
    assert used <= known, used - known


def test_every_rec20_unit_is_used_by_the_crosswalk() -> None:
    used = {row["rec20"] for row in mappings.table("unit_crosswalk")}
    assert _codes("units") <= used


def test_rec20_units_printed_by_cbsa_are_in_its_list() -> None:
    ca_codes = _codes("ca_units")
    for row in mappings.table("units"):
        if row.code != "H87":
            assert row.code in ca_codes


def test_usmca_claim_codes_exist_in_national_tables() -> None:
    national = {"US": "us_spi", "CA": "ca_tariff_treatments", "MX": "mx_identificadores"}
    for row in mappings.table("usmca_claims"):
        assert row["code"] in mappings.table(national[row["jurisdiction"]])
        assert row["origin_country"] in {"US", "CA", "MX"}
        assert row["origin_country"] != row["jurisdiction"]
        if row["complement"]:
            # Anexo 22 Ap. 4 uses the ISO alpha-3 code for the USMCA parties.
            country = COUNTRIES.get(alpha_3=row["complement"])
            assert country is not None
            assert country.alpha_2 == row["origin_country"]
            assert row["complement"] not in mappings.table("mx_countries")


def test_mx_country_deviations_cross_to_iso() -> None:
    for row in mappings.table("mx_countries"):
        assert COUNTRIES.get(alpha_3=row.code) is None or row.code == "ANT"
        if row["iso_alpha2"]:
            country = COUNTRIES.get(alpha_2=row["iso_alpha2"]) or (
                HISTORIC_COUNTRIES.get(alpha_2=row["iso_alpha2"])
            )
            assert country is not None, row.code
            assert country.alpha_3 == row["iso_alpha3"]


def test_mx_currency_deviations_are_not_iso_and_cross_to_iso() -> None:
    for row in mappings.table("mx_currencies"):
        assert CURRENCIES.get(alpha_3=row.code) is None, row.code
        if row["iso4217"]:
            assert CURRENCIES.get(alpha_3=row["iso4217"]) is not None


def test_ca_deviations_and_provinces_point_to_real_subdivisions() -> None:
    for row in mappings.table("ca_country_deviations"):
        if row["subdivision"]:
            subdivision = SUBDIVISIONS.get(code=row["subdivision"])
            assert subdivision is not None
            assert subdivision.country_code == row["iso_alpha2"]
            # US origin is coded "U" + state on the B3.
            assert row.code == "U" + row["subdivision"].split("-")[1]
    provinces = mappings.table("ca_provinces")
    assert {s.code for s in SUBDIVISIONS.get(country_code="CA")} == set(provinces.codes())
    mid_codes = [row["us_mid_code"] for row in provinces]
    assert len(set(mid_codes)) == len(mid_codes)
    assert all(re.fullmatch("X[A-Z]", code) for code in mid_codes)


def test_office_codes_match_their_formats() -> None:
    formats = mappings.table("office_formats")
    for row in formats:
        pattern = re.compile(row["pattern"])
        assert row["pattern"].startswith("^")
        assert row["pattern"].endswith("$")
        if row["example"]:
            assert pattern.fullmatch(row["example"])
    checks = [
        ("us_ports", ("US", "port")),
        ("ca_offices", ("CA", "office")),
        ("mx_aduanas", ("MX", "aduana-seccion")),
    ]
    for name, format_key in checks:
        pattern = re.compile(formats.lookup(format_key)["pattern"])
        for code in mappings.table(name).codes():
            assert pattern.fullmatch(code), (name, code)
    cfdi = re.compile(formats.lookup(("MX", "aduana"))["pattern"])
    for row in mappings.table("mx_aduanas"):
        assert row.code == row["aduana"] + row["seccion"]
        assert cfdi.fullmatch(row["aduana"])


def test_mx_units_cce_codes_are_zero_padded() -> None:
    for row in mappings.table("mx_units"):
        assert row["cce_code"] == row.code.zfill(2)


def test_incoterms_current_means_2020() -> None:
    for row in mappings.table("incoterms"):
        assert (row["current"] == "yes") == (row["edition"] == "2020")
    assert len(mappings.table("incoterms").where(current="yes")) == 11


# --------------------------------------------------------------------------- loader behaviour


def test_table_is_cached_and_shared() -> None:
    assert mappings.table("us_spi") is mappings.table("us_spi")
    assert isinstance(mappings.table("us_spi"), CodeTable)


@pytest.mark.parametrize("bad", ["no_such_table", "../pyproject", "us_spi.csv", ""])
def test_unknown_table_raises_lookup_error(bad: str) -> None:
    with pytest.raises(UnknownTableError) as info:
        mappings.table(bad)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, HarmonizedCustomsError)


def test_unknown_table_suggests_close_names() -> None:
    with pytest.raises(UnknownTableError, match="us_spi"):
        mappings.table("us_sp")


def test_get_returns_default_and_lookup_raises() -> None:
    spi = mappings.table("us_spi")
    assert spi.get("QQ") is None
    sentinel = object()
    assert spi.get("QQ", sentinel) is sentinel
    with pytest.raises(UnknownCodeError) as info:
        spi.lookup("QQ")
    assert isinstance(info.value, LookupError)


def test_lookups_ignore_case_and_blanks() -> None:
    spi = mappings.table("us_spi")
    assert spi.lookup("s+").code == "S+"
    assert " s+ " in spi
    assert mappings.table("mx_identificadores").lookup("tl").code == "TL"
    assert mappings.table("mx_aduanas").get(" 400") is not None


def test_get_on_a_date_applies_validity() -> None:
    spi = mappings.table("us_spi")
    assert spi.get("S", on=date(2020, 6, 30)) is None
    assert spi.lookup("S", on=date(2020, 7, 1)).code == "S"
    assert spi.get("CA", on=date(2020, 6, 30)) is not None
    assert spi.get("CA", on=date(2020, 7, 1)) is None
    assert spi.get("CA") is not None  # without a date, validity is not applied
    with pytest.raises(UnknownCodeError, match="2021-01-01"):
        spi.lookup("CA", on=date(2021, 1, 1))


def test_valid_on_bounds_are_inclusive() -> None:
    row = mappings.table("ca_country_deviations").lookup("XK")
    assert row.valid_from == date(2015, 6, 5)
    assert row.valid_to is None
    assert not row.valid_on(date(2015, 6, 4))
    assert row.valid_on(date(2015, 6, 5))
    assert row.valid_on(date(2099, 1, 1))


def test_composite_keys() -> None:
    modes = mappings.table("transport_modes")
    assert modes.key == ("rec19", "containerised")
    assert modes.lookup(("3", "yes"))["us_mot"] == "31"
    assert modes.lookup("3")["us_mot"] == "30"  # first row in file order
    assert ("3", "YES") in modes
    assert ("3",) not in modes
    with pytest.raises(UsageError):
        modes.get(("3",))
    with pytest.raises(UsageError):
        modes.get(3)  # type: ignore[call-overload]


def test_rows_are_immutable_mappings() -> None:
    row = mappings.table("ca_tariff_treatments").lookup("10")
    with pytest.raises(TypeError):
        row["code"] = "99"  # type: ignore[index]
    with pytest.raises(AttributeError):
        row.code = "99"  # type: ignore[misc]
    assert dict(row)["abbreviation"] == "UST"
    assert hash(row) == hash(mappings.table("ca_tariff_treatments").lookup("10"))
    assert row.table == "ca_tariff_treatments"


def test_iteration_length_codes_and_where() -> None:
    treatments = mappings.table("ca_tariff_treatments")
    assert len(list(treatments)) == len(treatments) == len(treatments.rows)
    assert treatments.codes()[:3] == ["02", "03", "04"]
    assert len(treatments.codes()) == len(set(treatments.codes()))
    assert [r.code for r in treatments.where(abbreviation="ust")] == ["10"]
    assert treatments.where(abbreviation="nothing") == []
    with pytest.raises(UsageError, match="no column"):
        treatments.where(colour="blue")
    sima = mappings.table("ca_sima_codes")
    assert sima.codes() == ["1", "2", "3", "4", "5", "0", "S", "U"]
    assert mappings.table("declaration_types").lookup("a1")["jurisdiction"] == "MX"
    assert [r["description_en"] for r in sima.where(system="B3", position="2")] == [
        "Nil",
        "Cash",
        "Bond",
    ]


def test_crosswalk_is_explicit_and_may_return_several() -> None:
    assert mappings.crosswalk("unit_crosswalk", "mx", "1", "us") == ["KG"]
    assert mappings.crosswalk("unit_crosswalk", "rec20", "GRM", "mx") == ["2", "16"]
    assert mappings.crosswalk("unit_crosswalk", "us", "NO", "mx") == ["6", "7"]
    assert mappings.crosswalk("unit_crosswalk", "us", "X", "mx") == []
    with pytest.raises(UsageError):
        mappings.crosswalk("unit_crosswalk", "us", "KG", "fr")
    with pytest.raises(UnknownTableError):
        mappings.crosswalk("nope", "a", "b", "c")


def test_crosswalk_on_a_date() -> None:
    everything = mappings.crosswalk("usmca_claims", "jurisdiction", "US", "code")
    assert everything == ["S", "S+", "CA", "MX"]
    assert mappings.crosswalk(
        "usmca_claims", "jurisdiction", "US", "code", on=date(2019, 1, 1)
    ) == ["CA", "MX"]


def test_crosswalk_answers_are_remembered_but_never_shared() -> None:
    first = mappings.crosswalk("unit_crosswalk", "rec20", "GRM", "mx")
    first.append("changed by the caller")
    assert mappings.crosswalk("unit_crosswalk", "rec20", " grm ", "mx") == ["2", "16"]
    with pytest.raises(UsageError):
        mappings.crosswalk("unit_crosswalk", "rec20", "GRM", "fr")


def test_crosswalk_sees_an_overlay_row() -> None:
    assert mappings.crosswalk("ca_offices", "code", "0998", "name") == []
    mappings.add_row("ca_offices", {"code": "0998", "name": "Test office"})
    try:
        assert mappings.crosswalk("ca_offices", "code", "0998", "name") == ["Test office"]
    finally:
        mappings.reset_overlays("ca_offices")
    assert mappings.crosswalk("ca_offices", "code", "0998", "name") == []


def test_overlay_adds_and_resets() -> None:
    before = mappings.table("ca_offices")
    added = mappings.add_row("ca_offices", {"code": "0999", "name": "Test office"})
    assert added["verified"] == "no"
    assert added["notes"] == ""
    after = mappings.table("ca_offices")
    assert after is not before
    assert after.lookup("0999")["name"] == "Test office"
    assert len(after) == len(before) + 1
    assert mappings.table("ca_offices") is after
    mappings.reset_overlays("ca_offices")
    assert "0999" not in mappings.table("ca_offices")
    assert len(mappings.table("ca_offices")) == len(before)


def test_overlay_replaces_a_row_with_the_same_key() -> None:
    mappings.add_row("ca_offices", {"code": "0440", "name": "Named now", "verified": "no"})
    offices = mappings.table("ca_offices")
    assert offices.lookup("0440")["name"] == "Named now"
    assert offices.codes() == ["0427", "0440"]
    mappings.reset_overlays()
    assert mappings.table("ca_offices").lookup("0440")["name"] == ""


def test_overlay_respects_validity_and_versions_stay() -> None:
    mappings.add_row(
        "us_spi",
        {"code": "ZZ", "description_en": "Test", "kind": "primary", "valid_from": "2030-01-01"},
    )
    spi = mappings.table("us_spi")
    assert spi.get("ZZ", on=date(2029, 12, 31)) is None
    assert spi.lookup("ZZ", on=date(2030, 1, 1)).verified is False
    assert mappings.versions()["us_spi"] == spi.meta.edition


@pytest.mark.parametrize(
    "row",
    [
        {"code": "0999", "colour": "red"},
        {"name": "no code"},
        {"code": "0999", "verified": "maybe"},
        {"code": 999},
    ],
)
def test_overlay_rejects_bad_rows(row: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        mappings.add_row("ca_offices", row)  # type: ignore[arg-type]
    assert "0999" not in mappings.table("ca_offices")


def test_overlay_rejects_bad_dates() -> None:
    with pytest.raises(UsageError, match="ISO"):
        mappings.add_row("us_spi", {"code": "ZZ", "valid_from": "01/01/2030"})
    with pytest.raises(UsageError, match="after"):
        mappings.add_row(
            "us_spi", {"code": "ZZ", "valid_from": "2031-01-01", "valid_to": "2030-01-01"}
        )


def test_concurrent_first_loads_share_one_table() -> None:
    _loader._STORE.clear_cache()
    results: list[CodeTable] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def load() -> None:
        try:
            barrier.wait()
            results.append(mappings.table("declaration_types"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 8
    assert all(result is results[0] for result in results)


def test_import_reads_no_data() -> None:
    code = (
        "import importlib.resources as r\n"
        "calls = []\n"
        "real = r.files\n"
        "r.files = lambda anchor: calls.append(anchor) or real(anchor)\n"
        "import harmonized_customs.mappings as m\n"
        "assert not [c for c in calls if 'mappings' in str(c)], calls\n"
        "assert not m._loader._STORE.metas and not m._loader._STORE.tables\n"
        "m.table('us_spi')\n"
        "assert any('mappings' in str(c) for c in calls)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


# --------------------------------------------------------------------------- sourced spot values


def test_ca_cusma_treatments() -> None:
    # CN 20-14: 10 UST for US goods, 11 MXT for Mexican goods, 12 MUST not valid for CUSMA.
    treatments = mappings.table("ca_tariff_treatments")
    assert treatments.lookup("10")["abbreviation"] == "UST"
    assert treatments.lookup("10").verified
    assert treatments.lookup("11")["abbreviation"] == "MXT"
    assert treatments.get("12", on=date(2021, 1, 1)) is None
    assert treatments.get("12", on=date(2019, 1, 1)) is not None


def test_usmca_claim_per_country() -> None:
    claims = mappings.table("usmca_claims")
    assert [r.code for r in claims.where(jurisdiction="CA", origin_country="US")] == ["10"]
    assert [r.code for r in claims.where(jurisdiction="CA", origin_country="MX")] == ["11"]
    us = [r.code for r in claims.where(jurisdiction="US", agreement="USMCA")]
    assert set(us) == {"S", "S+"}
    mx = claims.where(jurisdiction="MX")
    assert {(r.code, r["complement"]) for r in mx} == {("TL", "USA"), ("TL", "CAN")}


def test_mx_tl_identificador() -> None:
    tl = mappings.table("mx_identificadores").lookup("TL")
    assert tl["level"] == "partida"
    assert "USA/CAN" in tl["complements"] or "USA or CAN" in tl["complements"]
    eo = mappings.table("mx_identificadores").lookup("EO")
    assert eo.valid_from == date(2023, 12, 29)


def test_rec19_road_maps_to_the_us_truck_codes() -> None:
    us = mappings.crosswalk("transport_modes", "rec19", "3", "us_mot")
    assert us == ["30", "31"]
    assert mappings.table("us_transport_modes").lookup("30")["description_en"].startswith("Truck")
    assert mappings.crosswalk("us_transport_modes", "code", "11", "rec19") == ["1"]
    assert mappings.crosswalk("mx_transport_modes", "code", "7", "rec19") == ["3"]


def test_mx_peatonal_is_in_the_dof_text() -> None:
    # 12 Peatonal is in the DOF 2024 text of Ap. 3.
    assert mappings.table("mx_transport_modes").lookup("12").verified


def test_us_spi_s_plus_and_legacy_nafta() -> None:
    spi = mappings.table("us_spi")
    assert spi.lookup("S+").verified
    assert spi.lookup("N")["kind"] == "primary"  # in the Census list of program symbols
    assert spi.lookup("J+").get("notes", "").startswith("Meaning not given")
    assert "A*" not in spi


def test_incoterms_legacy_codes_kept() -> None:
    incoterms = mappings.table("incoterms")
    assert incoterms.lookup("DPU")["current"] == "yes"
    assert incoterms.lookup("DAT")["current"] == "no"
    assert incoterms.lookup("DAT")["mx_ap14"] == "yes"
    assert {r.code for r in incoterms.where(edition="2000")} == {"DAF", "DES", "DEQ", "DDU"}


def test_declaration_types_spot_values() -> None:
    types = mappings.table("declaration_types")
    assert types.lookup(("US", "01")).verified
    assert types.lookup(("US", "01"))["us_ae"] == "yes"
    assert types.lookup(("CA", "F")).verified
    assert not types.lookup(("MX", "IN")).verified
    assert types.lookup(("MX", "A1")).verified


def test_anexo22_spot_values() -> None:
    assert mappings.table("mx_contribuciones").lookup("23")["abbreviation"] == "IVA/PRV"
    assert mappings.table("mx_countries").lookup("CIA")["iso_alpha2"] == "VA"
    assert mappings.table("mx_currencies").lookup("MXP")["iso4217"] == "MXN"
    assert mappings.table("mx_aduanas").lookup("850")["aduana"] == "85"
    assert mappings.table("mx_units").lookup("99")["scope"] == "cce"
    assert mappings.table("mx_formas_pago").lookup("4").verified


def test_canadian_deviations() -> None:
    assert mappings.table("ca_country_deviations").lookup("UNY")["subdivision"] == "US-NY"
    assert mappings.table("ca_provinces").lookup("CA-NU")["us_mid_code"] == "XV"
    assert mappings.table("ca_units").lookup("KSD")["name_en"] == "Kilogram – 90% Air Dry"
    assert mappings.table("ca_vfd_codes").codes() == ["13"]


def test_user_documentation_covers_every_table() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "code-tables.md").read_text("utf-8")
    for name in ALL_TABLES:
        assert f"`{name}`" in text, name


def test_derived_values_are_computed_once_per_edition() -> None:
    calls: list[str] = []

    def count(table: mappings.CodeTable) -> int:
        calls.append(table.name)
        return len(table)

    before = mappings.table("ca_offices")
    assert before.derived("size", count) == before.derived("size", count) == len(before)
    assert calls == ["ca_offices"]
    mappings.add_row("ca_offices", {"code": "0999", "name": "Test office"})
    after = mappings.table("ca_offices")
    assert after.derived("size", count) == len(before) + 1
    assert calls == ["ca_offices", "ca_offices"]

"""The reference-data layer: shipped datasets, editions by date, lookups, the store."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs import refdata
from harmonized_customs.errors import UsageError
from harmonized_customs.refdata.packaged import packaged_datasets

ON = dt.date(2026, 11, 20)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_every_shipped_dataset_has_its_declared_row_count() -> None:
    for shipped in refdata.datasets():
        assert shipped.origin == "package"
        assert len(refdata.entries(shipped.kind, shipped.valid_from)) == shipped.rows


def test_shipped_kinds() -> None:
    kinds = {d.kind for d in refdata.datasets()}
    assert {"hs", "mx-fraccion", "mx-patente", "mx-pais", "mx-unidad-aduana"} <= kinds
    assert "us-hts" not in kinds  # imported, never shipped


def test_hs_subheading_found_on_a_date_in_force() -> None:
    entry = refdata.lookup("hs", "8708.30", on=ON)
    assert entry is not None
    assert entry.code == "870830"
    assert "brakes" in entry.description


def test_hs_2022_does_not_cover_2028() -> None:
    found = refdata.resolve("hs", "870830", on=dt.date(2028, 1, 1))
    assert found.dataset is None
    assert found.standing == "absent"


def test_hs_heading_is_not_a_subheading() -> None:
    assert refdata.lookup("hs", "8708", on=ON) is None


def test_fraccion_nico_has_its_umt() -> None:
    entry = refdata.lookup("mx-fraccion", "8708100100", on=dt.date(2024, 6, 1))
    assert entry is not None
    assert entry.units == ("01",)


def test_fraccion_valid_then_expired() -> None:
    assert refdata.lookup("mx-fraccion", "0901219900", on=dt.date(2024, 3, 1)) is not None
    found = refdata.resolve("mx-fraccion", "0901219900", on=dt.date(2024, 6, 1))
    assert found.entry is None
    assert [e.valid_to for e in found.others] == [dt.date(2024, 3, 22)]


def test_snapshot_is_stale_two_years_later() -> None:
    assert refdata.resolve("mx-fraccion", "8708100100", on=ON).standing == "stale"
    assert refdata.resolve("mx-fraccion", "8708100100", on=dt.date(2024, 6, 1)).standing == (
        "current"
    )


def test_under_lists_the_national_codes_of_an_hs6() -> None:
    codes = [e.code for e in refdata.under("mx-fraccion", "870810", on=dt.date(2024, 6, 1))]
    assert codes == ["8708100100", "8708100200", "8708100300", "8708109900"]


def test_under_answers_again_as_the_first_time_and_sees_an_import(
    store: Path, data_dir: Path
) -> None:
    first = refdata.under("mx-fraccion", "870810", on=dt.date(2024, 6, 1))
    first.clear()  # a list of the caller's own
    assert refdata.under("mx-fraccion", "870810", on=dt.date(2024, 6, 1))
    assert refdata.under("us-hts", "010121", on=ON) == []
    refdata.import_file("us-hts", data_dir / "hts_excerpt.json", valid_from=dt.date(2026, 1, 1))
    codes = [e.code for e in refdata.under("us-hts", "010121", on=ON)]
    assert codes
    assert [e.code for e in refdata.under("us-hts", "010121", on=ON)] == codes
    assert [e.code for e in refdata.under("us-hts", "010121", on=ON, limit=1)] == codes[:1]


def test_patente_and_pais_lists() -> None:
    assert refdata.lookup("mx-patente", "0074", on=ON) is not None
    assert refdata.lookup("mx-patente", "0001", on=ON) is None
    usa = refdata.lookup("mx-pais", "USA", on=ON)
    assert usa is not None
    assert usa.attrs["tax_id_pattern"] == "[0-9]{9}"


def test_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no reference data kind"):
        refdata.lookup("xx-codes", "1")


def test_nothing_is_read_at_import_time() -> None:
    code = "import harmonized_customs.refdata as r;print(r._layer.layer._by_kind is None)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[0] == "True"


def test_import_hts_json_then_lookup(store: Path, data_dir: Path) -> None:
    stored = refdata.import_file(
        "us-hts",
        data_dir / "hts_excerpt.json",
        edition="2026 excerpt",
        valid_from=dt.date(2026, 1, 1),
    )
    assert stored.rows == 18
    assert stored.origin == "store"
    entry = refdata.lookup("us-hts", "0101.21.00.10", on=ON)
    assert entry is not None
    assert entry.units == ("No.",)
    assert entry.attrs["general"] == "Free"
    assert entry.attrs["rate_line"] == "0101.21.00"
    assert entry.description.startswith("Live horses")


def test_store_survives_a_new_process_view(store: Path, data_dir: Path) -> None:
    refdata.import_file("us-hts", data_dir / "hts_excerpt.csv", valid_from=dt.date(2026, 1, 1))
    refdata.reset()
    assert (store / "refdata.sqlite3").is_file()
    assert refdata.lookup("us-hts", "0102292011", on=ON) is not None


def test_two_editions_side_by_side(store: Path, data_dir: Path) -> None:
    refdata.import_file(
        "us-hts", data_dir / "hts_excerpt.json", edition="A", valid_from=dt.date(2025, 1, 1)
    )
    refdata.import_file(
        "us-hts", data_dir / "hts_excerpt.csv", edition="B", valid_from=dt.date(2026, 1, 1)
    )
    editions = refdata.datasets("us-hts")
    assert [d.edition for d in editions] == ["A", "B"]
    assert editions[0].valid_to == dt.date(2025, 12, 31)
    assert refdata.dataset("us-hts", dt.date(2025, 6, 1)).edition == "A"  # type: ignore[union-attr]
    assert refdata.dataset("us-hts", ON).edition == "B"  # type: ignore[union-attr]
    assert refdata.dataset("us-hts", dt.date(2024, 6, 1)) is None


def test_newer_sat_file_takes_over_from_its_date(store: Path, data_dir: Path) -> None:
    refdata.import_file(
        "mx-fraccion",
        data_dir / "mx_fracciones_excerpt.csv",
        edition="excerpt",
        valid_from=dt.date(2026, 1, 1),
    )
    assert refdata.dataset("mx-fraccion", ON).origin == "store"  # type: ignore[union-attr]
    assert refdata.dataset("mx-fraccion", dt.date(2025, 1, 1)).origin == "package"  # type: ignore[union-attr]
    assert refdata.lookup("mx-fraccion", "0713400100", on=ON) is None


def test_remove_an_edition(store: Path, data_dir: Path) -> None:
    refdata.import_file("ca-tariff", data_dir / "ca_tariff_sample.csv", edition="t")
    assert refdata.remove("ca-tariff", "t")
    assert not refdata.remove("ca-tariff", "t")
    assert refdata.datasets("ca-tariff") == []


def test_shipped_kind_cannot_be_imported(store: Path, data_dir: Path) -> None:
    with pytest.raises(UsageError, match="importable kinds"):
        refdata.import_file("hs", data_dir / "ca_tariff_sample.csv")


def test_bad_file_names_its_line(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("fraccion_nico,unidad_aduana,valid_from,valid_to,texto\n123,01,,,x\n")
    with pytest.raises(refdata.RefDataFileError, match="line 2"):
        refdata.import_file("mx-fraccion", bad)
    assert refdata.datasets("mx-fraccion")[0].origin == "package"


def test_missing_file_is_a_file_error(store: Path, tmp_path: Path) -> None:
    with pytest.raises(refdata.RefDataFileError, match="cannot be read"):
        refdata.import_file("us-hts", tmp_path / "absent.json")


def test_a_shipped_files_lazy_index_holds_every_entry_of_the_file() -> None:
    for shipped in packaged_datasets():
        index = shipped.index()
        built = sorted((e for code in index for e in index[code]), key=lambda e: e.code)
        assert built == sorted(shipped.entries(), key=lambda e: e.code)
        assert all(entry.code == code for code in index for entry in index[code])


def test_a_pinned_store_location_is_read_once(
    store: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refdata.import_file("us-hts", data_dir / "hts_excerpt.csv", valid_from=dt.date(2026, 1, 1))
    with refdata.pinned():
        monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "elsewhere"))
        with refdata.pinned():  # a nested pin keeps the outer one's location
            assert refdata.lookup("us-hts", "0102292011", on=ON) is not None
        assert refdata.lookup("us-hts", "0102292011", on=ON) is not None  # still the pinned store
    assert refdata.lookup("us-hts", "0102292011", on=ON) is None  # the new, empty store
    monkeypatch.setenv(refdata.ENV_VAR, str(store))
    with pytest.raises(ZeroDivisionError), refdata.pinned():
        _ = 1 / 0
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "elsewhere"))
    assert refdata.lookup("us-hts", "0102292011", on=ON) is None  # a raising block ends its pin


def test_the_database_path_follows_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "one"))
    assert refdata.database_path() == refdata.data_dir() / "refdata.sqlite3"
    assert refdata.database_path().parent == tmp_path / "one"
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "two"))
    assert refdata.database_path().parent == tmp_path / "two"
    monkeypatch.delenv(refdata.ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert refdata.database_path() == refdata.data_dir() / "refdata.sqlite3"


def test_a_pinned_lookup_remembered_sees_an_import_made_within_the_pin(
    store: Path, data_dir: Path
) -> None:
    with refdata.pinned():
        assert refdata.lookup("us-hts", "0102292011", on=ON) is None
        assert refdata.under("us-hts", "010229", on=ON) == []
        assert refdata.dataset("us-hts", ON) is None
        assert refdata.lookup("us-hts", "0102292011", on=ON) is None  # the remembered answer
        assert refdata.dataset("us-hts", ON) is None
        refdata.import_file("us-hts", data_dir / "hts_excerpt.csv", valid_from=dt.date(2026, 1, 1))
        assert refdata.dataset("us-hts", ON) is not None
        assert refdata.lookup("us-hts", "0102292011", on=ON) is not None
        assert [e.code for e in refdata.under("us-hts", "010229", on=ON)]
    with refdata.pinned(), pytest.raises(UsageError, match="no reference data kind"):
        refdata.lookup("xx-codes", "1", on=ON)


def test_each_check_follows_the_store_variable_as_it_is_then(
    store: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declaration = hc.load(EXAMPLES / "complete-us-import.json")
    monkeypatch.setenv(refdata.ENV_VAR, str(tmp_path / "imported"))
    refdata.import_file("us-hts", data_dir / "hts_excerpt.csv", valid_from=dt.date(2020, 1, 1))
    codes = []
    for place in (store, tmp_path / "imported", store):
        monkeypatch.setenv(refdata.ENV_VAR, str(place))
        codes.append({issue.code for issue in hc.check(declaration, "US")})
    assert "us_hts_dataset_missing" in codes[0]
    assert "us_hts_dataset_missing" not in codes[1]
    assert codes[2] == codes[0]

"""The importers: USITC HTS exports (JSON and CSV), SAT c_FraccionArancelaria, CA tariff CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from harmonized_customs.refdata import RefDataFileError, ca_tariff, mx_fracciones, us_hts


def test_json_and_csv_exports_give_the_same_lines(data_dir: Path) -> None:
    from_json = us_hts.parse(data_dir / "hts_excerpt.json").entries
    from_csv = us_hts.parse(data_dir / "hts_excerpt.csv").entries
    assert from_json == from_csv
    assert len(from_json) == 18
    assert all(len(e.code) == 10 for e in from_json)


def test_statistical_lines_inherit_the_rates_of_their_subheading(data_dir: Path) -> None:
    lines = {e.code: e for e in us_hts.parse(data_dir / "hts_excerpt.json").entries}
    males = lines["0101210010"]
    assert (males.attrs["general"], males.attrs["other"]) == ("Free", "Free")
    assert males.attrs["rate_line"] == "0101.21.00"
    asses = lines["0101300000"]  # a 10-digit line that prints its own rates
    assert asses.attrs["general"] == "6.8%"
    assert asses.attrs["rate_line"] == "0101.30.00.00"
    assert lines["0102292011"].units == ("No.", "kg")
    drums = lines["8708305020"]
    assert drums.description == (
        "Parts and accessories of the motor vehicles of headings 8701 to 8705 > "
        "Brakes and servo-brakes; parts thereof > For other vehicles > Brake drums"
    )
    stamping = lines["8708103020"]
    assert "Stampings:" in stamping.description


def test_special_program_symbols() -> None:
    programs = us_hts.special_programs("Free (A*,AU,B,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)")
    assert {"A*", "S", "SG"} <= set(programs)
    assert programs["S"] == "Free"
    mixed = us_hts.special_programs("Free (A+,AU,S) 1.5% (JP) See 9823.xx (S+)")
    assert mixed == {"A+": "Free", "AU": "Free", "S": "Free", "JP": "1.5%", "S+": "See 9823.xx"}
    assert us_hts.special_programs("") == {}


@pytest.mark.parametrize(
    ("rate", "percent"),
    [("Free", Decimal(0)), ("2.5%", Decimal("2.5")), ("6.6¢/kg", None), ("1¢/kg + 2%", None)],
)
def test_ad_valorem_rates_only(rate: str, percent: Decimal | None) -> None:
    assert us_hts.ad_valorem_percent(rate) == percent


def test_hts_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,text\n1,x\n")
    with pytest.raises(RefDataFileError, match="no HTS number column"):
        us_hts.parse(bad)
    worse = tmp_path / "bad.json"
    worse.write_text('[{"htsno": "0101.21.00.10", "indent": "x"}]')
    with pytest.raises(RefDataFileError, match="item 0: indent"):
        us_hts.parse(worse)


def test_sat_fracciones_keep_their_validity(data_dir: Path) -> None:
    parsed = mx_fracciones.parse(data_dir / "mx_fracciones_excerpt.csv")
    expired = [e for e in parsed.entries if e.code == "0901219900"]
    assert [str(e.valid_to) for e in expired] == ["2024-03-22"]
    assert str(parsed.earliest) == "2024-01-18"


def test_sat_fracciones_reject_a_bad_unit(tmp_path: Path) -> None:
    bad = tmp_path / "f.csv"
    bad.write_text("fraccion_nico,unidad_aduana,valid_from,valid_to,texto\n0101210100,7,,,x\n")
    with pytest.raises(RefDataFileError, match="line 2: unidad_aduana"):
        mx_fracciones.parse(bad)


def test_canadian_tariff_format(data_dir: Path, tmp_path: Path) -> None:
    entries = ca_tariff.parse(data_dir / "ca_tariff_sample.csv").entries
    assert [e.code for e in entries] == ["8311200010", "8311200020", "8311300000"]
    assert entries[0].units == ("KGM",)
    bad = tmp_path / "t.csv"
    bad.write_text("description\nx\n")
    with pytest.raises(RefDataFileError, match="missing columns classification_number"):
        ca_tariff.parse(bad)

"""The command line on CAD files: CBSA rejections before submission, in English and French."""

from __future__ import annotations

import io

from harmonized_customs.cli import EXIT_BLOCKED, EXIT_OK, EXIT_UNREADABLE, main

from .conftest import DATA


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_ready_cad_exits_zero() -> None:
    code, text = run("check", str(DATA / "valid" / "lvs_under_3300.json"), "--to", "CA")
    assert code == EXIT_OK
    assert "CA: ready" in text


def test_rejection_in_english() -> None:
    path = DATA / "rejected" / "ust_for_mexican_goods.json"
    code, text = run("check", str(path), "--to", "CA")
    assert code == EXIT_BLOCKED
    assert "tariff treatment 10 (UST) needs goods of US origin, not MX" in text


def test_rejection_in_french() -> None:
    path = DATA / "rejected" / "ust_for_mexican_goods.json"
    code, text = run("check", str(path), "--to", "CA", "--lang", "fr")
    assert code == EXIT_BLOCKED
    assert "le traitement tarifaire 10 (UST) exige des marchandises d'origine US" in text


def test_adjustment_missing_a_line_in_french() -> None:
    path = DATA / "rejected" / "adjustment_missing_line.json"
    code, text = run("check", str(path), "--to", "CA", "--lang", "fr")
    assert code == EXIT_BLOCKED
    assert "rajustement ne comporte pas la ligne 2" in text


def test_what_the_us_and_mexico_still_need() -> None:
    path = DATA / "valid" / "us_origin_cusma_truck.json"
    code, text = run("check", str(path), "--to", "US,MX")
    assert code == EXIT_BLOCKED
    assert "us_hts_missing" in text
    assert "mx_fraccion_missing" in text
    assert "[CA]" not in text


def test_unreadable_cad_exits_two_with_its_line() -> None:
    code, text = run("check", str(DATA / "invalid" / "not_json.json"), "--to", "CA")
    assert code == EXIT_UNREADABLE
    assert "json_syntax" in text
    assert "line 4" in text


def test_invalid_cad_names_the_field() -> None:
    path = DATA / "invalid" / "classification_with_dots.json"
    code, text = run("check", str(path), "--to", "CA")
    assert code == EXIT_BLOCKED
    assert "/goods_items/0/classification/ca_tariff" in text
    assert "8311.20.00.20" in text

"""The ``harmonized-customs data`` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

from harmonized_customs.cli import main


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_data_list_shows_every_dataset_with_edition_and_source(store: Path) -> None:
    code, text = _run("data", "list")
    assert code == 0
    assert "HS 2022" in text
    assert "c_FraccionArancelaria" in text
    assert str(store) in text


def test_data_import_then_show(store: Path, data_dir: Path) -> None:
    code, text = _run(
        "data",
        "import",
        "us-hts",
        str(data_dir / "hts_excerpt.json"),
        "--edition",
        "2026 excerpt",
        "--valid-from",
        "2026-01-01",
    )
    assert code == 0
    assert "imported 18 us-hts codes" in text
    code, text = _run("data", "show", "us-hts", "8708.30.50.20", "--on", "2026-11-20")
    assert code == 0
    assert "Brake drums" in text
    assert "units: No." in text
    code, listed = _run("data", "list", "--output", "json")
    assert "2026 excerpt" in {d["edition"] for d in json.loads(listed)}


def test_data_show_unknown_code_exits_1(store: Path) -> None:
    code, text = _run("data", "show", "hs", "870899", "--on", "2026-11-20")
    assert code == 0
    code, text = _run("data", "show", "hs", "870800", "--on", "2026-11-20")
    assert code == 1
    assert "not a code valid on 2026-11-20" in text


def test_data_show_without_dataset(store: Path) -> None:
    code, text = _run("data", "show", "us-hts", "8708305020", "--on", "2026-11-20")
    assert code == 1
    assert "no us-hts dataset covers 2026-11-20" in text


def test_data_import_of_a_bad_file_exits_2(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "hts.json"
    bad.write_text("[1, 2]")
    code, _ = _run("data", "import", "us-hts", str(bad))
    assert code == 2

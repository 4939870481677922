"""The command line: exit codes, text and JSON output, errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from harmonized_customs.cli import EXIT_BLOCKED, EXIT_OK, EXIT_UNREADABLE, main
from harmonized_customs.model.schema import published_schema

MINIMAL = {
    "direction": "import",
    "goods_items": [
        {
            "line_number": 1,
            "description": "Steel bolts",
            "classification": {"hs6": "731815"},
            "origin_country": "US",
            "value": {"amount": "100.00", "currency": "USD"},
        }
    ],
}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    path = tmp_path / "decl.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    return path


def test_check_valid_file_exits_zero(valid_file: Path) -> None:
    code, text = run("check", str(valid_file))
    assert code == EXIT_OK
    assert "ready" in text


def test_check_invalid_model_exits_one_with_pointer_and_position(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MINIMAL))
    data["goods_items"][0]["origin_country"] = "UK"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, text = run("check", str(path))
    assert code == EXIT_BLOCKED
    assert "/goods_items/0/origin_country" in text
    assert "country_unknown" in text
    assert "line 10" in text


def test_check_broken_json_exits_two_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"direction": "import",\n  "goods_items": [}', encoding="utf-8")
    code, text = run("check", str(path))
    assert code == EXIT_UNREADABLE
    assert "json_syntax" in text
    assert "line 2, column" in text


def test_check_missing_file_exits_two(tmp_path: Path) -> None:
    code, text = run("check", str(tmp_path / "nope.json"))
    assert code == EXIT_UNREADABLE
    assert "no such file" in text


def test_check_unrecognised_format_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")
    code, text = run("check", str(path))
    assert code == EXIT_UNREADABLE
    assert "format_not_recognised" in text


def test_check_json_output_is_machine_readable(tmp_path: Path) -> None:
    data = json.loads(json.dumps(MINIMAL))
    data["goods_items"][0]["classification"]["hs6"] = "7318"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, text = run("check", str(path), "--output", "json")
    report = json.loads(text)
    assert code == EXIT_BLOCKED
    assert report["exit_code"] == EXIT_BLOCKED
    issue = report["results"][0]["issues"][0]
    assert issue["code"] == "value_format"
    assert issue["pointer"] == "/goods_items/0/classification/hs6"
    assert issue["wco_id"] == "145"
    assert issue["source"]["line"] == 1


def test_unknown_format_name_is_usage_error(valid_file: Path) -> None:
    code, _ = run("check", str(valid_file), "--from", "no-such-format")
    assert code == EXIT_UNREADABLE


def test_unknown_target_is_usage_error(valid_file: Path) -> None:
    code, _ = run("check", str(valid_file), "--to", "US,XX")
    assert code == EXIT_UNREADABLE


def test_bad_arguments_exit_two() -> None:
    with pytest.raises(SystemExit) as exc:
        run("check")
    assert exc.value.code == EXIT_UNREADABLE


def test_schema_command_prints_the_committed_schema() -> None:
    code, text = run("schema")
    assert code == EXIT_OK
    assert json.loads(text) == published_schema()


def test_formats_command_lists_core_json() -> None:
    code, text = run("formats", "--output", "json")
    names = [f["name"] for f in json.loads(text)]
    assert code == EXIT_OK
    assert "core-json" in names


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b"\xff\xfe{")
    done = subprocess.run(
        [sys.executable, "-m", "harmonized_customs", "check", str(path), "--from", "core-json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_UNREADABLE
    assert "Traceback" not in done.stderr + done.stdout
    assert "input_unreadable" in done.stdout

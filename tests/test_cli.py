"""The command line: exit codes, text and JSON output, errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from harmonized_customs import cli as cli_module
from harmonized_customs.batch import Summary
from harmonized_customs.cli import EXIT_BLOCKED, EXIT_OK, EXIT_UNREADABLE, main
from harmonized_customs.model.schema import published_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

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


def test_objects_are_frozen_when_the_process_exits() -> None:
    # the hook registered first runs last: after the command's own
    code = (
        "import atexit, gc, io\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from harmonized_customs.cli import main\n"
        "main(['jurisdictions'], io.StringIO())\n"
        "print('frozen after main:', gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["frozen after main: False", "frozen at exit: True"]


# Batches: folders, JSON Lines, summary, exit codes over a batch.


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    write_json(root / "a.json", MINIMAL)
    write_json(root / "sub" / "b.json", [MINIMAL, MINIMAL])
    return root


def test_check_folder_writes_one_line_per_declaration_then_the_summary(inbox: Path) -> None:
    code, text = run("check", str(inbox), "--output", "jsonl", "--to", "US")
    lines = jsonl(text)
    assert code == EXIT_BLOCKED
    assert [(Path(str(r["file"])).name, r["index"]) for r in lines[:-1]] == [
        ("a.json", 0),
        ("b.json", 0),
        ("b.json", 1),
    ]
    summary = lines[-1]["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 2
    assert summary["declarations"] == 3
    assert summary["ready"] == {"US": 0}
    assert summary["exit_code"] == EXIT_BLOCKED


def test_check_messages_follow_the_language(inbox: Path) -> None:
    _, text = run("check", str(inbox / "a.json"), "--output", "jsonl", "--to", "MX", "--lang", "es")
    record = jsonl(text)[0]
    issues = record["issues"]
    assert isinstance(issues, list)
    fraccion = next(i for i in issues if i["code"] == "mx_fraccion_missing")
    assert "fracción" in fraccion["message"]


def test_all_ready_batch_exits_zero(inbox: Path) -> None:
    code, _ = run("check", str(inbox))
    assert code == EXIT_OK


def test_a_broken_file_makes_the_batch_exit_two_and_the_rest_is_checked(inbox: Path) -> None:
    (inbox / "sub" / "broken.json").write_text('{"goods_items": [}', encoding="utf-8")
    code, text = run("check", str(inbox), "--output", "jsonl")
    lines = jsonl(text)
    statuses = [r.get("status") for r in lines[:-1]]
    assert code == EXIT_UNREADABLE
    assert statuses == ["ready", "ready", "ready", "unreadable"]
    summary = lines[-1]["summary"]
    assert isinstance(summary, dict)
    assert summary["unreadable"] == 1


def test_summary_file_is_written(inbox: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    code, _ = run("check", str(inbox), "--summary", str(target))
    summary = json.loads(target.read_text(encoding="utf-8"))
    assert code == EXIT_OK
    assert summary["declarations"] == 3
    assert summary["statuses"] == {"ready": 3}


def test_json_output_of_a_batch_is_one_document(inbox: Path) -> None:
    code, text = run("check", str(inbox), "--output", "json")
    document = json.loads(text)
    assert len(document["results"]) == 3
    assert document["summary"]["files"] == 2
    assert document["exit_code"] == code == EXIT_OK


def test_an_empty_folder_is_reported_as_unreadable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, text = run("check", str(tmp_path / "empty"), "--output", "json")
    results = json.loads(text)["results"]
    assert [r["status"] for r in results] == ["unreadable"]
    assert results[0]["issues"][0]["ctx"]["detail"] == "no file to read in this folder"
    assert code == EXIT_UNREADABLE


def test_json_output_of_an_empty_batch_is_valid() -> None:
    stream = io.StringIO()
    writer = cli_module._Writer(stream, "json", "en")
    writer.start()
    writer.finish(Summary())
    assert json.loads(stream.getvalue()) == {
        "results": [],
        "summary": Summary().to_dict(),
        "exit_code": EXIT_OK,
    }


def test_text_output_of_a_batch_ends_with_the_counts(inbox: Path) -> None:
    _, text = run("check", str(inbox))
    assert text.rstrip().splitlines()[-1].startswith("2 files, 3 declarations")


def test_jobs_give_the_same_lines_as_one_process(inbox: Path) -> None:
    _, serial = run("check", str(inbox), "--output", "jsonl", "--to", "CA")
    _, parallel = run("check", str(inbox), "--output", "jsonl", "--to", "CA", "--jobs", "2")
    assert parallel == serial


def test_negative_jobs_is_a_usage_error(inbox: Path) -> None:
    code, _ = run("check", str(inbox), "--jobs", "-1")
    assert code == EXIT_UNREADABLE


def test_html_output_uses_the_report_module(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("fake_report_html")
    seen: list[tuple[int, str]] = []

    def render_html(records: list[dict[str, object]], language: str) -> str:
        seen.append((len(records), language))
        return "<html></html>\n"

    fake.render_html = render_html  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_report_html", fake)
    monkeypatch.setattr("harmonized_customs.cli.HTML_MODULE", "fake_report_html")
    code, text = run("check", str(inbox), "--output", "html", "--lang", "fr")
    assert code == EXIT_OK
    assert text == "<html></html>\n"
    assert seen == [(3, "fr")]


def test_html_output_without_the_report_module_is_a_usage_error(
    inbox: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("harmonized_customs.cli.HTML_MODULE", "harmonized_customs.no_such_module")
    code, _ = run("check", str(inbox), "--output", "html")
    assert code == EXIT_UNREADABLE
    assert "--output html is not available" in capsys.readouterr().err


# convert


@pytest.fixture
def us_entry(tmp_path: Path) -> Path:
    """A US entry summary (ABI AE) made from the complete US import example."""
    path = tmp_path / "entry.abi"
    code, _ = run(
        "convert",
        str(EXAMPLES / "complete-us-import.json"),
        "--to",
        "us-abi-ae",
        "-o",
        str(path),
        "--force",
    )
    assert code == EXIT_BLOCKED
    assert path.read_text(encoding="utf-8").startswith("A ")
    return path


def test_broker_sees_what_a_pedimento_and_a_cad_need(us_entry: Path, tmp_path: Path) -> None:
    for target, missing in (
        ("mx-pedimento-m3", "mx_fraccion_missing"),
        ("ca-cad", "ca_classification_missing"),
    ):
        out = tmp_path / target
        code, text = run(
            "convert", str(us_entry), "--to", target, "-o", str(out), "--output", "jsonl"
        )
        record = jsonl(text)[0]
        issues = record["issues"]
        assert isinstance(issues, list)
        assert code == EXIT_BLOCKED
        assert record["status"] == "blocked"
        assert not out.exists()
        assert {i["code"] for i in issues} >= {missing, "value_not_carried"}


def test_convert_writes_the_output_file(valid_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, text = run("convert", str(valid_file), "--to", "core-json", "-o", str(out))
    assert code == EXIT_OK
    assert "converted" in text
    assert (
        json.loads(out.read_text(encoding="utf-8"))["goods_items"][0]["description"]
        == "Steel bolts"
    )


def test_convert_blocked_writes_only_with_force(valid_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    refused, _ = run("convert", str(valid_file), "--to", "mx-pedimento-m3", "-o", str(out))
    assert refused == EXIT_BLOCKED
    assert not out.exists()
    forced, text = run(
        "convert", str(valid_file), "--to", "mx-pedimento-m3", "-o", str(out), "--force"
    )
    assert forced == EXIT_BLOCKED
    assert out.read_text(encoding="utf-8")
    assert "mx_fraccion_missing" in text


def test_convert_without_output_file_prints_the_output(
    valid_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run("convert", str(valid_file), "--to", "core-json")
    assert code == EXIT_OK
    assert json.loads(text)["direction"] == "import"
    assert "converted" in capsys.readouterr().err


def test_convert_unreadable_input_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"goods_items": [}', encoding="utf-8")
    code, _ = run("convert", str(path), "--to", "core-json", "-o", str(tmp_path / "o.json"))
    assert code == EXIT_UNREADABLE
    assert not (tmp_path / "o.json").exists()


def test_convert_folder_writes_one_file_per_declaration(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = run(
        "convert", str(inbox), "--to", "core-json", "--out-dir", str(out), "--output", "jsonl"
    )
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert code == EXIT_OK
    assert written == ["inbox/a-0.json", "inbox/sub/b-0.json", "inbox/sub/b-1.json"]
    lines = jsonl(text)
    assert [r["output"] for r in lines[:-1]] == [str(out / name) for name in written]
    summary = lines[-1]["summary"]
    assert isinstance(summary, dict)
    assert summary["statuses"] == {"converted": 3}


def test_convert_one_output_file_for_a_folder_is_a_usage_error(inbox: Path, tmp_path: Path) -> None:
    code, _ = run("convert", str(inbox), "--to", "core-json", "-o", str(tmp_path / "o.json"))
    assert code == EXIT_UNREADABLE


def test_convert_to_unknown_format_is_a_usage_error(valid_file: Path) -> None:
    code, _ = run("convert", str(valid_file), "--to", "eu-h1")
    assert code == EXIT_UNREADABLE


def test_convert_with_jobs_writes_the_same_files(inbox: Path, tmp_path: Path) -> None:
    run("convert", str(inbox), "--to", "core-json", "--out-dir", str(tmp_path / "one"))
    run(
        "convert",
        str(inbox),
        "--to",
        "core-json",
        "--out-dir",
        str(tmp_path / "two"),
        "--jobs",
        "2",
    )
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.json")
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.json")
    }
    assert one == two
    assert len(one) == 3


def test_unknown_source_format_is_refused_before_any_worker_starts(inbox: Path) -> None:
    code, text = run("check", str(inbox), "--from", "eu-h1", "--jobs", "2", "--output", "jsonl")
    assert code == EXIT_UNREADABLE
    assert text == ""


def test_an_output_that_cannot_be_written_is_an_error_not_a_traceback(
    valid_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _ = run("convert", str(valid_file), "--to", "core-json", "-o", str(blocker / "out.json"))
    assert code == EXIT_UNREADABLE
    assert "harmonized-customs: error:" in capsys.readouterr().err

"""The guarantee: only InputError or UsageError leave the API; a defect becomes an issue.

Each test breaks one stage on purpose (a reader, a rule, a writer) and checks that the
exception comes back as one ``internal_error`` issue on that document, without a traceback.
The command-line items of issue 11 are here too: standard input, a wrong ``--from``, ``-o``
over an existing file, empty sub-folders and the plural of the summary.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs import conversion
from harmonized_customs.batch import Summary
from harmonized_customs.cli import EXIT_OK, EXIT_UNREADABLE, main
from harmonized_customs.format_registry import (
    Format,
    WriteResult,
    register_format,
    unregister_format,
)
from harmonized_customs.i18n import ui_count

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "complete-us-import.json"


def _broken_reader(data: bytes, name: str | None) -> Iterator[hc.ReadResult]:
    lines: dict[str, hc.ReadResult] = {}
    yield lines["vendor"]  # a KeyError before the first document


def _broken_writer(document: Any) -> WriteResult:
    raise ArithmeticError("overflow")


def _registered(name: str, description: str, **functions: Any) -> Iterator[Format]:
    fmt = register_format(
        Format(
            name=name,
            jurisdiction=None,
            media_type="text/plain",
            description=description,
            **functions,
        )
    )
    yield fmt
    unregister_format(fmt.name)


@pytest.fixture
def broken_format() -> Iterator[Format]:
    yield from _registered(
        "broken-test",
        "a format whose reader and writer raise",
        reader=_broken_reader,
        writer=_broken_writer,
    )


def test_a_reader_that_raises_gives_an_internal_error(broken_format: Format) -> None:
    [result] = hc.read(b"anything", format=broken_format.name)
    assert result.document is None
    [issue] = result.issues
    assert issue.code == "internal_error"
    assert issue.ctx["exception"] == "KeyError"
    assert issue.ctx["stage"] == "read:broken-test"
    assert "Traceback" not in issue.message("en")


def test_load_raises_input_error_for_a_reader_that_raises(broken_format: Format) -> None:
    with pytest.raises(hc.InputError) as raised:
        hc.load(b"anything", format=broken_format.name)
    assert raised.value.report.issues[0].code == "internal_error"


def _broken_sniffer(data: bytes) -> bool:
    return data[len(data)] == 0  # an IndexError on any input


@pytest.fixture
def broken_sniffer() -> Iterator[Format]:
    yield from _registered(
        "broken-sniffer-test",
        "a format whose sniffer raises",
        reader=_broken_reader,
        sniffer=_broken_sniffer,
    )


def test_a_sniffer_that_raises_is_a_warning_when_another_format_reads_the_file(
    broken_sniffer: Format,
) -> None:
    [result] = hc.read(EXAMPLE)
    assert result.declaration is not None
    first = result.issues[0]
    assert (first.code, first.severity) == ("sniffer_failed", hc.Severity.WARNING)
    assert first.ctx["format"] == "broken-sniffer-test"
    assert first.ctx["exception"] == "IndexError"
    assert "Traceback" not in first.message("fr")


def test_a_sniffer_that_raises_is_an_internal_error_when_nothing_recognises_the_file(
    broken_sniffer: Format,
) -> None:
    [result] = hc.read(b"nothing any format recognises")
    assert result.document is None
    codes = [(i.code, i.ctx.get("stage")) for i in result.issues]
    assert codes == [
        ("format_not_recognised", None),
        ("internal_error", "sniff:broken-sniffer-test"),
    ]


def test_a_file_nothing_recognises_without_a_broken_sniffer_is_only_not_recognised() -> None:
    [result] = hc.read(b"nothing any format recognises")
    assert [i.code for i in result.issues] == ["format_not_recognised"]


def test_a_writer_that_raises_blocks_the_conversion(broken_format: Format) -> None:
    declaration = hc.load(EXAMPLE)
    result = conversion.convert_document(declaration, broken_format)
    assert result.blocked
    assert [i.code for i in result.report] == ["internal_error"]
    assert result.output == ""


def test_dump_raises_input_error_for_a_writer_that_raises(broken_format: Format) -> None:
    with pytest.raises(hc.InputError) as raised:
        hc.dump(hc.load(EXAMPLE), broken_format.name)
    assert raised.value.report.issues[0].ctx["exception"] == "ArithmeticError"


@pytest.mark.parametrize(
    "value",
    [Decimal("9E+999999"), Decimal("1E-999999"), Decimal("-1E+30"), 10**5000],
    ids=["huge", "tiny", "negative", "5000-digit-int"],
)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_messages_render_huge_and_tiny_numbers(value: Decimal | int, language: str) -> None:
    issue = hc.Issue.of("decimal_out_of_bounds", "/x", value=value, digits=18, decimals=6)
    text = issue.message(language)
    assert text
    assert len(text) < 400


def test_the_count_follows_the_language_plural_rule() -> None:
    assert ui_count(1, "file", "files", "en") == "1 file"
    assert ui_count(2, "file", "files", "en") == "2 files"
    assert ui_count(0, "file", "files", "fr") == "0 fichier"
    assert ui_count(2, "file", "files", "fr") == "2 fichiers"
    assert ui_count(1, "file", "files", "es") == "1 archivo"


def test_the_summary_says_one_file() -> None:
    summary = Summary(files=1)
    assert summary.render("en").startswith("1 file, 0 declarations")


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_dash_reads_the_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, text = _run("check", "-", "--output", "jsonl")
    first = json.loads(text.splitlines()[0])
    assert first["read"] is True
    assert first["file"] == "-"
    assert code in (EXIT_OK, 1)


def test_a_wrong_from_gives_one_issue(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("check", str(EXAMPLE), "--from", "us-abi-ae", "--output", "jsonl")
    [record, summary] = [json.loads(line) for line in text.splitlines()]
    assert [i["code"] for i in record["issues"]] == ["format_mismatch"]
    assert "not a us-abi-ae file" in record["issues"][0]["message"]
    assert code == EXIT_UNREADABLE
    assert summary["summary"]["exit_code"] == EXIT_UNREADABLE


def test_ca_cad_named_for_a_core_json_file_says_so_once() -> None:
    code, text = _run("check", str(EXAMPLE), "--from", "ca-cad", "--output", "jsonl")
    record = json.loads(text.splitlines()[0])
    assert [i["code"] for i in record["issues"]] == ["format_mismatch"]
    assert record["issues"][0]["ctx"] == {"format": "ca-cad", "detected": "core-json"}
    assert code == EXIT_UNREADABLE


def test_o_refuses_to_overwrite_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep", encoding="utf-8")
    code, _ = _run("convert", str(EXAMPLE), "--to", "core-json", "-o", str(target))
    assert code == EXIT_UNREADABLE
    assert target.read_text(encoding="utf-8") == "keep"
    code, _ = _run("convert", str(EXAMPLE), "--to", "core-json", "-o", str(target), "--overwrite")
    assert code == EXIT_OK
    assert hc.load(target) == hc.load(EXAMPLE)


def test_an_empty_sub_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "batch" / "empty").mkdir(parents=True)
    (tmp_path / "batch" / "a.json").write_bytes(EXAMPLE.read_bytes())
    code, text = _run("check", str(tmp_path / "batch"), "--output", "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    empty = [r for r in records if r.get("file", "").endswith("empty")]
    assert empty
    assert empty[0]["status"] == "unreadable"
    assert records[-1]["summary"]["files"] == 2
    assert code == EXIT_UNREADABLE


def test_a_rule_that_raises_fails_the_batch_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("deep")

    monkeypatch.setattr("harmonized_customs.batch.check", boom)
    (tmp_path / "a.json").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.json").write_bytes(EXAMPLE.read_bytes())
    summary_file = tmp_path / "summary.json"
    code, text = _run("check", str(tmp_path), "--summary", str(summary_file))
    assert code == EXIT_UNREADABLE
    assert "internal_error" in text
    assert "Traceback" not in text
    assert json.loads(summary_file.read_text(encoding="utf-8"))["statuses"] == {"failed": 2}


M3_SAMPLE = ROOT / "tests" / "conformance" / "samples" / "mx-pedimento-m3" / "m3901001.064"


def test_m3_files_are_written_in_windows_1252(tmp_path: Path) -> None:
    fmt = next(f for f in hc.formats() if f.name == "mx-pedimento-m3")
    assert fmt.encoding == "cp1252"
    target = tmp_path / "out.m3"
    code, _ = _run("convert", str(M3_SAMPLE), "--to", "mx-pedimento-m3", "-o", str(target))
    assert code == EXIT_OK
    written = target.read_bytes()
    assert written == M3_SAMPLE.read_bytes()  # byte for byte, Ñ and accents in Windows-1252
    assert "Ñ".encode("cp1252") in written


def test_a_character_windows_1252_cannot_hold_is_an_issue() -> None:
    [result] = hc.read(M3_SAMPLE, format="mx-pedimento-m3")
    item = result.document.goods_items[0].model_copy(update={"description": "ALAMBRE Ω"})
    document = result.document.model_copy(update={"goods_items": [item]})
    converted = hc.convert(document, to="mx-pedimento-m3")
    [issue] = [i for i in converted.report if i.code == "mx_m3_value_not_encodable"]
    assert issue.ctx["character"] == "Ω"
    assert converted.blocked
    fmt = next(f for f in hc.formats() if f.name == "mx-pedimento-m3")
    assert "ALAMBRE Ω" not in fmt.encode(converted.output).decode("cp1252")


def test_a_nul_in_a_path_is_an_unreadable_input() -> None:
    [result] = hc.read("entry\x00.json")
    assert [i.code for i in result.issues] == ["input_unreadable"]

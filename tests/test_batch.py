"""Batch runs: folder walking, streaming, worker processes, broken files, summary, memory."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harmonized_customs import api, batch
from harmonized_customs.batch import CheckJob, ConvertJob, Entry, Outcome, Summary
from harmonized_customs.errors import UsageError
from harmonized_customs.format_registry import ReadResult

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


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def records(job: batch.Job, inputs: list[Path], jobs: int = 1) -> list[dict[str, Any]]:
    return [o.record for _, outcomes in batch.run(job, inputs, jobs) for o in outcomes]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    write(root / "b.json", MINIMAL)
    write(root / "a.json", [MINIMAL, MINIMAL])
    write(root / "sub" / "c.json", MINIMAL)
    write(root / "sub" / "broken.json", '{"goods_items": [}')
    write(root / ".hidden" / "x.json", MINIMAL)
    write(root / ".x.json", MINIMAL)
    return root


def test_folders_are_walked_sorted_and_recursively_without_hidden_entries(folder: Path) -> None:
    entries = list(batch.iter_entries([folder]))
    assert [e.relative.as_posix() for e in entries] == [
        "inbox/a.json",
        "inbox/b.json",
        "inbox/sub/broken.json",
        "inbox/sub/c.json",
    ]
    assert batch.count_entries([folder]) == 4


def test_an_empty_folder_is_given_as_itself_to_be_reported(tmp_path: Path) -> None:
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    found = records(CheckJob(), [tmp_path / "empty"])
    assert [r["status"] for r in found] == ["unreadable"]
    assert found[0]["issues"][0]["ctx"]["detail"] == "no file to read in this folder"


def test_a_file_named_directly_keeps_its_own_name(tmp_path: Path) -> None:
    path = write(tmp_path / "deep" / "d.json", MINIMAL)
    assert list(batch.iter_entries([path])) == [Entry(path, Path("d.json"))]


def test_each_declaration_gives_one_record_in_input_order(folder: Path) -> None:
    found = records(CheckJob(), [folder])
    assert [(Path(r["file"]).name, r["index"]) for r in found] == [
        ("a.json", 0),
        ("a.json", 1),
        ("b.json", 0),
        ("broken.json", 0),
        ("c.json", 0),
    ]


def test_a_broken_file_is_reported_and_the_batch_goes_on(folder: Path) -> None:
    found = records(CheckJob(), [folder])
    broken = found[3]
    assert broken["status"] == "unreadable"
    assert broken["issues"][0]["code"] == "json_syntax"
    assert found[4]["status"] == "ready"


def test_a_missing_input_is_unreadable(tmp_path: Path) -> None:
    found = records(CheckJob(), [tmp_path / "nope.json"])
    assert found[0]["status"] == "unreadable"
    assert found[0]["issues"][0]["ctx"]["detail"] == "no such file"


def test_a_reader_that_raises_is_reported_and_the_batch_goes_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = api.read

    def flaky(source: Any, fmt: str | None = None, **kwargs: Any) -> Iterator[ReadResult]:
        if Path(source).name == "b.json":
            raise RuntimeError("boom")
        return real(source, fmt, **kwargs)

    monkeypatch.setattr(api, "read", flaky)
    found = records(CheckJob(), [folder])
    failed = [r for r in found if r["file"].endswith("b.json")]
    assert failed[0]["status"] == "unreadable"
    assert failed[0]["issues"][0]["code"] == "internal_error"
    assert failed[0]["issues"][0]["ctx"]["exception"] == "RuntimeError"
    assert found[-1]["status"] == "ready"


def test_a_writer_that_raises_is_reported(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("aduana")

    monkeypatch.setattr(batch, "convert_document", broken)
    found = records(ConvertJob("core-json"), [folder / "b.json"])
    assert found[0]["status"] == "failed"
    assert found[0]["read"] is True
    assert found[0]["issues"][0]["code"] == "internal_error"
    assert found[0]["issues"][0]["ctx"]["exception"] == "KeyError"


def test_worker_processes_give_the_same_records_in_the_same_order(folder: Path) -> None:
    serial = records(CheckJob(targets=("US",)), [folder])
    parallel = records(CheckJob(targets=("US",)), [folder], jobs=2)
    assert parallel == serial


def test_jobs_zero_means_every_core() -> None:
    assert batch.workers(0) == (os.cpu_count() or 1)
    assert batch.workers(3) == 3
    with pytest.raises(UsageError):
        batch.workers(-1)


def test_summary_counts_statuses_targets_and_codes(folder: Path) -> None:
    summary = Summary()
    for _, outcomes in batch.run(CheckJob(targets=("US", "MX")), [folder]):
        summary.files += 1
        for outcome in outcomes:
            summary.add(outcome)
    counts = summary.to_dict()
    assert counts["files"] == 4
    assert counts["declarations"] == 4
    assert counts["unreadable"] == 1
    assert counts["blocked"] == 4
    assert counts["ready"] == {"MX": 0, "US": 0}
    assert counts["issues_by_code"]["json_syntax"] == 1
    assert counts["issues_by_code"]["mx_fraccion_missing"] == 4
    assert counts["exit_code"] == batch.EXIT_UNREADABLE


def test_summary_exit_code_is_the_worst_outcome() -> None:
    summary = Summary()
    summary.add(Outcome(batch.EXIT_OK, {"status": "ready"}, ""))
    assert summary.exit_code == batch.EXIT_OK
    summary.add(Outcome(batch.EXIT_BLOCKED, {"status": "blocked"}, ""))
    summary.add(Outcome(batch.EXIT_OK, {"status": "ready"}, ""))
    assert summary.exit_code == batch.EXIT_BLOCKED


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal() -> None:
    stream = Terminal()
    progress = batch.Progress(stream, 10)
    summary = Summary(files=3, records=4)
    progress.update(summary)
    progress.close()
    assert stream.getvalue().startswith("\r3/10 files, 4 results")
    assert stream.getvalue().endswith("\n")


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = batch.Progress(stream, 10)
    progress.update(Summary(files=3))
    progress.close()
    assert stream.getvalue() == ""


def test_output_names_come_from_the_input_name_index_and_extension(tmp_path: Path) -> None:
    job = ConvertJob("ca-cad", out_dir=tmp_path / "out")
    entry = Entry(tmp_path / "x" / "entry.txt", Path("x/entry.txt"))
    assert job.destination(entry, 2) == tmp_path / "out" / "x" / "entry-2.cad.json"


def test_inputs_sharing_a_stem_keep_their_whole_name(tmp_path: Path) -> None:
    write(tmp_path / "in" / "entry.json", MINIMAL)
    write(tmp_path / "in" / "entry.txt", MINIMAL)
    prefixes = batch.output_prefixes([tmp_path / "in"])
    assert prefixes == {tmp_path / "in" / "entry.txt": "entry.txt"}


def test_files_of_the_same_name_from_two_folders_get_distinct_outputs(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "entry.json", MINIMAL)
    second = write(tmp_path / "b" / "entry.json", MINIMAL)
    job = ConvertJob(
        "core-json", out_dir=tmp_path / "out", prefixes=batch.output_prefixes([first, second])
    )
    names = [job.destination(entry, 0) for entry in batch.iter_entries([first, second])]
    assert names == [tmp_path / "out" / "entry-0.json", tmp_path / "out" / "entry.json-0.json"]


def test_the_same_file_named_twice_is_refused(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "entry.json", MINIMAL)
    second = write(tmp_path / "b" / "entry.json", MINIMAL)
    with pytest.raises(UsageError):
        batch.output_prefixes([first, second, first])


def test_one_output_file_cannot_take_several_declarations(tmp_path: Path) -> None:
    path = write(tmp_path / "two.json", [MINIMAL, MINIMAL])
    job = ConvertJob("core-json", out_file=tmp_path / "out.json")
    with pytest.raises(UsageError):
        records(job, [path])


def test_convert_job_writes_one_file_per_declaration(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    job = ConvertJob("core-json", out_dir=out, prefixes=batch.output_prefixes([folder]))
    found = records(job, [folder])
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["inbox/a-0.json", "inbox/a-1.json", "inbox/b-0.json", "inbox/sub/c-0.json"]
    assert [r["status"] for r in found].count("converted") == 4


def test_blocked_conversion_is_written_only_when_forced(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", MINIMAL)
    refused = records(ConvertJob("mx-pedimento-m3", out_dir=tmp_path / "no"), [path])
    forced = records(ConvertJob("mx-pedimento-m3", force=True, out_dir=tmp_path / "yes"), [path])
    assert refused[0]["status"] == "blocked"
    assert refused[0]["output"] is None
    assert not (tmp_path / "no").exists()
    assert forced[0]["status"] == "forced"
    assert Path(forced[0]["output"]).is_file()


def test_memory_stays_flat_over_a_thousand_files(tmp_path: Path) -> None:
    """Peak traced memory after 1,000 files is no more than twice that after 100.

    Tracing starts after ten files, once the code tables and catalogues are loaded; holding
    every record instead of streaming makes the peak grow about tenfold over the run.
    """
    example = (EXAMPLES / "us-to-ca-truck.json").read_text(encoding="utf-8")
    small = json.dumps(MINIMAL)
    root = tmp_path / "many"
    root.mkdir()
    for number in range(1000):
        (root / f"d{number:04}.json").write_text(example if number % 100 == 50 else small)
    summary = Summary()
    peaks: dict[int, int] = {}
    try:
        for _, outcomes in batch.run(CheckJob("core-json"), [root]):
            for outcome in outcomes:
                summary.add(outcome)
                json.dumps(outcome.record)
            summary.files += 1
            if summary.files == 10:
                tracemalloc.start()
            if summary.files in (100, 1000):
                peaks[summary.files] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.declarations == 1000
    assert peaks[1000] <= peaks[100] * 2

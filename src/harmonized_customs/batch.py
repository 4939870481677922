"""Batch runs of ``check`` and ``convert`` over many files or folders, in constant memory.

Inputs are files and folders; folders are walked recursively in sorted order (hidden entries,
whose names start with a dot, are skipped), so a run is deterministic. Each file is read
with its format's reader (:mod:`harmonized_customs.format_registry`), and each document in it
gives one :class:`Outcome`: an exit code, a JSON-ready record and its text. Nothing holds the whole
batch: files are walked lazily, outcomes are yielded as they come and the caller writes each
one out before the next is made; only a :class:`Summary` of counts grows, by issue code.

With ``jobs`` above 1 the files go, in small chunks, to a pool of worker processes
(:class:`concurrent.futures.ProcessPoolExecutor`); a bounded number of chunks is in flight and
the outcomes still come back in input order. A file that breaks a reader, or a writer that
raises, is reported (``reader_failed``, ``writer_failed``) and the batch goes on.

The records are those of the command line's ``--output jsonl`` (see docs/brokers-guide.md).
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from harmonized_customs import api
from harmonized_customs.conversion import ConversionResult, convert_document, target_format
from harmonized_customs.crossfiling import check
from harmonized_customs.errors import HarmonizedCustomsError, InputError, UsageError
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.i18n import ui
from harmonized_customs.issues import Issue, SourceLocation, get_issue_code, render_issues
from harmonized_customs.patching import patch

__all__ = [
    "EXIT_BLOCKED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "CheckJob",
    "ConvertJob",
    "Entry",
    "Job",
    "Outcome",
    "Progress",
    "Summary",
    "count_entries",
    "is_unreadable",
    "iter_entries",
    "output_prefixes",
    "run",
    "workers",
]

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_UNREADABLE = 2


def is_unreadable(issue: Issue) -> bool:
    """True when ``issue`` means the input could not be parsed at all (exit code 2).

    Each code says so itself when it is registered (``register_code(..., unreadable=True)``).
    """
    return get_issue_code(issue.code).unreadable


CHUNK_SIZE = 8
"""Files per task sent to a worker process."""


@dataclass(frozen=True)
class Entry:
    """One input file, and the name it has relative to the argument it was found under."""

    path: Path
    relative: Path
    """``path`` relative to the parent of the folder named on the command line, or the file's
    own name for a file named directly; output files are named from it."""


@dataclass(frozen=True)
class Outcome:
    """What became of one declaration (or of one input that gave none)."""

    exit_code: int
    record: dict[str, Any]
    text: str
    output: str | bytes | None = None
    """The converted output, kept only when the job asks for it (conversion to stdout)."""


class Job(Protocol):
    """What the batch runs on each input file; jobs are pickled to worker processes."""

    def outcomes(self, entry: Entry) -> Iterator[Outcome]:
        """One outcome per declaration of ``entry`` (at least one)."""
        ...


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: Path, relative: Path) -> Iterator[Entry]:
    """The files under ``folder``, sorted, recursively; one directory listing at a time."""
    with os.scandir(folder) as listing:
        children = sorted((e.name, e.is_dir()) for e in listing if not _hidden(e.name))
    for name, is_dir in children:
        if is_dir:
            yield from _walk(folder / name, relative / name)
        else:
            yield Entry(folder / name, relative / name)


def iter_entries(inputs: Iterable[Path]) -> Iterator[Entry]:
    """Each input file in order; folders are walked recursively in sorted order.

    A folder without any file to read is given as itself, so that it is reported, not skipped.
    """
    for path in inputs:
        if not path.is_dir():
            yield Entry(path, Path(path.name))
            continue
        empty = True
        for entry in _walk(path, Path(path.resolve().name)):
            empty = False
            yield entry
        if empty:
            yield Entry(path, Path(path.name))


def output_prefixes(inputs: Iterable[Path]) -> dict[Path, str]:
    """Output names (by input path) for inputs whose stem an earlier input already uses.

    Outputs are named from the input's stem (``entry.txt`` -> ``entry-0.xml``); when two inputs
    share a stem (``entry.txt``, ``entry.json``), the later one keeps its whole name
    (``entry.json-0.xml``). An input whose whole name is taken too (the same file named twice)
    is a usage error, raised before anything is written.
    """
    used: set[tuple[Path, str]] = set()
    prefixes: dict[Path, str] = {}
    for entry in iter_entries(inputs):
        folder = entry.relative.parent
        for prefix in (entry.relative.stem, entry.relative.name):
            if (folder, prefix) not in used:
                used.add((folder, prefix))
                if prefix != entry.relative.stem:
                    prefixes[entry.path] = prefix
                break
        else:
            raise UsageError(f"two inputs are named {entry.relative}; convert them separately")
    return prefixes


def count_entries(inputs: Iterable[Path]) -> int:
    """How many files :func:`iter_entries` gives (walks the folders once, keeps nothing)."""
    return sum(1 for _ in iter_entries(inputs))


def _read(entry: Entry, source_format: str | None) -> Iterator[ReadResult]:
    """The reader's results for ``entry``; a missing file or a failing reader is one result."""
    where = SourceLocation(file=str(entry.path))
    if not entry.path.is_file():
        detail = "no file to read in this folder" if entry.path.is_dir() else "no such file"
        yield ReadResult(None, (Issue.of("input_unreadable", "", source=where, detail=detail),))
        return
    index = 0
    try:
        for result in api.read(entry.path, source_format):
            index = result.index + 1
            yield result
    except HarmonizedCustomsError:
        raise
    except Exception as exc:  # a broken reader must not stop the batch
        detail = f"{type(exc).__name__}: {exc}"
        yield ReadResult(None, (Issue.of("reader_failed", "", source=where, detail=detail),), index)


def _unread(entry: Entry, result: ReadResult, language: str) -> Outcome:
    issues = list(result.issues)
    unreadable = any(is_unreadable(i) for i in issues)
    status = "unreadable" if unreadable else "invalid"
    record: dict[str, Any] = {
        "file": str(entry.path),
        "index": result.index,
        "read": False,
        "status": status,
        "issues": [i.to_dict(language) for i in issues],
    }
    text = f"{entry.path} #{result.index + 1}: {ui(status, language)}\n"
    text += render_issues(issues, language)
    return Outcome(EXIT_UNREADABLE if unreadable else EXIT_BLOCKED, record, text)


@dataclass(frozen=True)
class CheckJob:
    """Check each declaration for filing in ``targets``; messages in ``language``."""

    source_format: str | None = None
    targets: tuple[str, ...] = ()
    """Country codes; none checks the core model only."""
    language: str = "en"
    options: Mapping[str, Any] = field(default_factory=dict)
    patches: tuple[Mapping[str, Any], ...] = ()
    """RFC 6902 operations applied to each declaration before it is checked (``--patch``)."""
    template: bool = False
    """Add the patch template answering what blocks to each record (``--output patch``)."""

    def outcomes(self, entry: Entry) -> Iterator[Outcome]:
        """One outcome per declaration of ``entry``."""
        for read in _read(entry, self.source_format):
            result = _patched(read, self.patches)
            if result.declaration is None:
                yield _unread(entry, result, self.language)
                continue
            report = check(result, self.targets, options=self.options)
            status = "blocked" if report.has_errors else "ready"
            record: dict[str, Any] = {
                "file": str(entry.path),
                "index": result.index,
                "read": True,
                "status": status,
                **report.to_dict(self.language),
            }
            if self.template:
                record["patch"] = report.patch_template(locale=self.language)
            text = f"{entry.path} #{result.index + 1}: {ui(status, self.language)}\n"
            text += report.render(self.language)
            yield Outcome(EXIT_BLOCKED if status == "blocked" else EXIT_OK, record, text)


@dataclass(frozen=True)
class ConvertJob:
    """Convert each declaration to ``to``; write it to ``out_dir`` or ``out_file``.

    A blocked conversion (an error in its report) is written only with ``force``. Without
    ``out_dir`` and ``out_file`` nothing is written and the output travels in the outcome.
    Output files are named ``<input stem>-<index><extension>`` under ``out_dir``, mirroring
    the folders the input was found in (``prefixes`` overrides the stem of some inputs).
    """

    to: str
    source_format: str | None = None
    language: str = "en"
    force: bool = False
    out_dir: Path | None = None
    out_file: Path | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    prefixes: Mapping[Path, str] = field(default_factory=dict)
    patches: tuple[Mapping[str, Any], ...] = ()
    """RFC 6902 operations applied to each declaration before it is converted (``--patch``)."""
    profile: Mapping[str, Any] = field(default_factory=dict)
    """The filer settings of the target format (``--profile``)."""

    def destination(self, entry: Entry, index: int) -> Path | None:
        """Where the declaration ``index`` of ``entry`` is written (None: nowhere)."""
        if self.out_file is not None:
            if index > 0:
                raise UsageError(f"{entry.path} holds several declarations; use --out-dir")
            return self.out_file
        if self.out_dir is None:
            return None
        extension = target_format(self.to).extensions[:1] or ("",)
        stem = self.prefixes.get(entry.path, entry.relative.stem)
        return self.out_dir / entry.relative.parent / f"{stem}-{index}{extension[0]}"

    def outcomes(self, entry: Entry) -> Iterator[Outcome]:
        """One outcome per declaration of ``entry``."""
        for read in _read(entry, self.source_format):
            result = _patched(read, self.patches)
            if result.declaration is None:
                yield _unread(entry, result, self.language)
                continue
            try:
                converted = convert_document(
                    result.document,
                    self.to,
                    index=result.index,
                    options=self.options,
                    issues=result.issues,
                    profile=self.profile,
                )
            except HarmonizedCustomsError:
                raise
            except Exception as exc:  # a broken writer must not stop the batch
                yield self._failed(entry, result.index, f"{type(exc).__name__}: {exc}")
                continue
            yield self._converted(entry, converted)

    def _failed(self, entry: Entry, index: int, detail: str) -> Outcome:
        issue = Issue.of(
            "writer_failed",
            "",
            source=SourceLocation(file=str(entry.path)),
            format=self.to,
            detail=detail,
        )
        record: dict[str, Any] = {
            "file": str(entry.path),
            "index": index,
            "read": True,
            "status": "failed",
            "output": None,
            "format": self.to,
            "issues": [issue.to_dict(self.language)],
        }
        text = f"{entry.path} #{index + 1} -> {self.to}: {ui('failed', self.language)}\n"
        text += render_issues([issue], self.language)
        return Outcome(EXIT_UNREADABLE, record, text)

    def _converted(self, entry: Entry, converted: ConversionResult) -> Outcome:
        written = not converted.blocked or self.force
        target = self.destination(entry, converted.index) if written else None
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = converted.output
            target.write_bytes(converted.format.encode(data))
        status = ("forced" if converted.blocked else "converted") if written else "blocked"
        record: dict[str, Any] = {
            "file": str(entry.path),
            "index": converted.index,
            "read": True,
            "status": status,
            "output": str(target) if target is not None else None,
            **converted.to_dict(self.language),
        }
        text = f"{entry.path} #{converted.index + 1} -> {self.to}: {ui(status, self.language)}"
        if target is not None:
            text += f" ({target})"
        text += "\n" + _conversion_text(converted, self.language)
        keep = (
            converted.output if written and self.out_dir is None and self.out_file is None else None
        )
        return Outcome(EXIT_BLOCKED if converted.blocked else EXIT_OK, record, text, keep)


def _patched(result: ReadResult, ops: tuple[Mapping[str, Any], ...]) -> ReadResult:
    """``result`` with the patch applied to its document; the patch's issues when it fails."""
    if not ops or result.document is None:
        return result
    try:
        return ReadResult(patch(result.document, ops), result.issues, result.index)
    except InputError as error:
        return ReadResult(None, (*result.issues, *error.report), result.index)


def _conversion_text(converted: ConversionResult, language: str) -> str:
    """The decisions to make, then the values the target format leaves out."""
    text = render_issues(converted.decisions, language) if converted.decisions else ""
    if converted.losses:
        heading = f"{ui('not carried by', language)} {converted.format.name}:"
        text += ("\n" if text else "") + f"{heading}\n" + render_issues(converted.losses, language)
    if not text:
        text = render_issues([], language)
    return text


def _run_chunk(job: Job, entries: list[Entry]) -> list[list[Outcome]]:
    """Worker side: every outcome of every file of the chunk, grouped by file."""
    return [list(job.outcomes(entry)) for entry in entries]


def _chunks(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(
    job: Job, entries: Iterator[Entry], jobs: int
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    window = jobs * 2
    pending: deque[tuple[list[Entry], Future[list[list[Outcome]]]]] = deque()
    chunks = _chunks(entries, CHUNK_SIZE)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_run_chunk, job, chunk)))
            if len(pending) >= window:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(
    chunk: list[Entry], future: Future[list[list[Outcome]]]
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    for entry, outcomes in zip(chunk, future.result(), strict=True):
        yield entry, iter(outcomes)


def workers(jobs: int) -> int:
    """The number of worker processes for ``--jobs``: 0 means one per core."""
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    return (os.cpu_count() or 1) if jobs == 0 else jobs


def run(
    job: Job, inputs: Iterable[Path], jobs: int = 1
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    """For each input file in order, the file and its outcomes (consume them before the next).

    ``jobs`` 1 runs in this process, declaration by declaration; more runs a process pool;
    0 uses every core.
    """
    count = workers(jobs)
    entries = iter_entries(inputs)
    if count == 1:
        for entry in entries:
            yield entry, job.outcomes(entry)
        return
    yield from _parallel(job, entries, count)


@dataclass
class Summary:
    """Counts over a batch: files, declarations, statuses, readiness per target, issue codes."""

    files: int = 0
    records: int = 0
    exit_code: int = EXIT_OK
    statuses: Counter[str] = field(default_factory=Counter)
    ready: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.records += 1
        self.exit_code = max(self.exit_code, outcome.exit_code)
        record = outcome.record
        self.statuses[str(record.get("status"))] += 1
        for target, state in record.get("targets", {}).items():
            self.ready[target] += 1 if state.get("ready") else 0
        for issue in record.get("issues", ()):
            self.codes[str(issue.get("code"))] += 1

    @property
    def declarations(self) -> int:
        """Declarations read (records that are not unreadable or invalid input)."""
        return self.records - self.statuses["unreadable"] - self.statuses["invalid"]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts (the last line of ``--output jsonl``)."""
        return {
            "files": self.files,
            "declarations": self.declarations,
            "unreadable": self.statuses["unreadable"],
            "invalid": self.statuses["invalid"],
            "blocked": self.statuses["blocked"] + self.statuses["forced"],
            "statuses": dict(sorted(self.statuses.items())),
            "ready": dict(sorted(self.ready.items())),
            "issues_by_code": dict(sorted(self.codes.items())),
            "exit_code": self.exit_code,
        }

    def render(self, language: str = "en") -> str:
        """One human line of counts."""
        parts = [
            f"{self.files} {ui('files', language)}",
            f"{self.declarations} {ui('declarations', language)}",
        ]
        parts += [f"{ui(status, language)}: {n}" for status, n in sorted(self.statuses.items())]
        parts += [
            f"{target} {ui('ready', language)}: {n}" for target, n in sorted(self.ready.items())
        ]
        return ", ".join(parts)


class Progress:
    """A one-line progress counter on a terminal; silent when the stream is not a TTY."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.active = stream.isatty()

    def update(self, summary: Summary) -> None:
        """Redraw the line after a file is done."""
        if self.active:
            blocked = summary.statuses["blocked"]
            unreadable = summary.statuses["unreadable"]
            self.stream.write(
                f"\r{summary.files}/{self.total} files, {summary.records} results, "
                f"{blocked} blocked, {unreadable} unreadable"
            )
            self.stream.flush()

    def close(self) -> None:
        """End the line."""
        if self.active:
            self.stream.write("\n")
            self.stream.flush()

"""Batch runs of ``check`` and ``convert`` over many files or folders, in constant memory.

Inputs are files and folders; folders are walked recursively in sorted order (hidden entries,
whose names start with a dot, are skipped), so a run is deterministic. Each file is read
with its format's reader (:mod:`harmonized_customs.format_registry`), and each document in it
gives one :class:`Outcome`: an exit code, a JSON-ready record and its text. Nothing holds the whole
batch: files are walked lazily, outcomes are yielded as they come and the caller writes each
one out before the next is made; only a :class:`Summary` of counts grows, by issue code.

With ``jobs`` above 1 the first file is done here, which imports and builds what every file
needs; the others go, in small chunks, to a pool of worker processes
(:class:`concurrent.futures.ProcessPoolExecutor`) forked from this warm process where the
platform allows it; a bounded number of chunks is in flight and the outcomes still come back
in input order. Whatever raises unexpectedly while one document
is read, checked, rendered or written (or a worker process that dies) gives that document an
``internal_error`` outcome with exit code 2 (:mod:`harmonized_customs.guard`), and the batch
goes on.

The records are those of the command line's ``--output jsonl`` (see docs/brokers-guide.md).
"""

from __future__ import annotations

import io
import marshal
import os
import pickle
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from harmonized_customs import api, collector
from harmonized_customs.conversion import ConversionResult, convert_document, target_format
from harmonized_customs.crossfiling import check
from harmonized_customs.errors import HarmonizedCustomsError, InputError, UsageError
from harmonized_customs.format_registry import ReadResult, get_format, sniff, sniff_one
from harmonized_customs.guard import internal_error, is_ours
from harmonized_customs.i18n import ui, ui_count
from harmonized_customs.issues import Issue, SourceLocation, get_issue_code, render_issues
from harmonized_customs.patching import patch

if TYPE_CHECKING:  # the process pool's modules are imported when a pool is made (--jobs 2...)
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

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


STDIN = "-"
"""The input name that means the standard input."""

SNIFF_BYTES = 65536
"""How much of a file is looked at to tell whether it is of the format named by ``--from``."""

CHUNK_SIZE = 8
"""Files per task sent to a Dask worker (:mod:`harmonized_customs.cluster`)."""

POOL_CHUNK_SIZE = 2
"""Files per task sent to a local worker process (small: the workers end a batch together)."""

IN_FLIGHT = 4
"""Chunks sent ahead per worker process, so that none waits while one chunk is slow."""

RESULTS_PIPE = 1 << 20
"""Bytes the pipe carrying the workers' outcomes holds before a worker writing to it waits.

A chunk's outcomes run to a few hundred kilobytes (every issue's record and the text); the
system's default pipe (64 KiB) made a worker wait, its chunk done, until this process had
read most of them, and this process reads only when its threads get the interpreter and a
core. Where the system cannot widen the pipe (another platform, a lower limit), it stays.
"""


@dataclass(frozen=True)
class Entry:
    """One input file, and the name it has relative to the argument it was found under."""

    path: Path
    relative: Path
    """``path`` relative to the parent of the folder named on the command line, or the file's
    own name for a file named directly; output files are named from it."""
    url: str | None = None
    """Where the file was fetched from when it is not a local file (an fsspec URL)."""
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The file's bytes, already fetched (from ``url``); ``None``: read ``path``."""

    @property
    def name(self) -> str:
        """The file as reports name it: its URL, or its local path."""
        return self.url if self.url is not None else str(self.path)


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
    """The files under ``folder``, sorted, recursively; one directory listing at a time.

    A folder with nothing to read is given as itself, so that it is reported, not skipped.
    """
    with os.scandir(folder) as listing:
        children = sorted((e.name, e.is_dir()) for e in listing if not _hidden(e.name))
    if not children:
        yield Entry(folder, relative)
    for name, is_dir in children:
        if is_dir:
            yield from _walk(folder / name, relative / name)
        else:
            yield Entry(folder / name, relative / name)


def iter_entries(inputs: Iterable[Path]) -> Iterator[Entry]:
    """Each input file in order; folders are walked recursively in sorted order.

    A folder (or sub-folder) without any file to read is given as itself, so that it is
    reported, not skipped. ``-`` is the standard input.
    """
    for path in inputs:
        if not path.is_dir() or str(path) == STDIN:
            yield Entry(path, Path(path.name or "stdin"))
            continue
        yield from _walk(path, Path(path.resolve().name))


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
    where = SourceLocation(file=entry.name)
    if entry.data is not None:
        yield from _read_source(_Fetched(entry.data, entry.name), source_format, where)
        return
    if str(entry.path) == STDIN:
        yield from _read_stdin(source_format)
        return
    if not entry.path.is_file():
        detail = "no file to read in this folder" if entry.path.is_dir() else "no such file"
        yield ReadResult(None, (Issue.of("input_unreadable", "", source=where, detail=detail),))
        return
    mismatch = _mismatch(entry.path, source_format)
    if mismatch is not None:
        yield ReadResult(None, (mismatch,))
        return
    yield from _read_source(entry.path, source_format, where)


class _Fetched(io.BytesIO):
    """Fetched bytes under the name of their URL (the reader sniffs formats by name too)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def _read_source(
    source: api.Source, source_format: str | None, where: SourceLocation
) -> Iterator[ReadResult]:
    index = 0
    try:
        for result in api.read(source, source_format):
            index = result.index + 1
            yield result
    except HarmonizedCustomsError:
        raise
    except Exception as exc:  # a broken reader must not stop the batch
        yield ReadResult(None, (internal_error("read", exc, source=where),), index)


def _read_stdin(source_format: str | None) -> Iterator[ReadResult]:
    """The documents of the standard input (read as bytes, whole: it cannot be read twice)."""
    data = sys.stdin.buffer.read(api.DEFAULT_MAX_SIZE + 1)
    mismatch = _mismatch_of(data, STDIN, source_format)
    if mismatch is not None:
        yield ReadResult(None, (mismatch,))
        return
    yield from api.read(data, source_format)


def _mismatch(path: Path, source_format: str | None) -> Issue | None:
    """One ``format_mismatch`` issue when ``path`` is plainly another format than named."""
    if source_format is None:
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None  # the reader reports the unreadable file
    return _mismatch_of(head, str(path), source_format)


def _mismatch_of(head: bytes, name: str, source_format: str | None) -> Issue | None:
    if source_format is None:
        return None
    named = get_format(source_format)
    if named.sniffer is None or sniff_one(named, head):
        return None
    detected = sniff(head, name)
    if detected is None or detected.name == named.name:
        return None
    return Issue.of(
        "format_mismatch",
        "",
        source=SourceLocation(file=name),
        format=named.name,
        detected=detected.name,
    )


def _internal(
    entry: Entry, index: int, issue: Issue, language: str, *, read: bool = False
) -> Outcome:
    """The outcome of a document whose pipeline raised unexpectedly (exit code 2)."""
    record: dict[str, Any] = {
        "file": entry.name,
        "index": index,
        "read": read,
        "status": "failed",
        "issues": [issue.to_dict(language)],
    }
    text = f"{entry.name} #{index + 1}: {ui('failed', language)}\n"
    text += render_issues([issue], language)
    return Outcome(EXIT_UNREADABLE, record, text)


def _guarded(
    entry: Entry, result: ReadResult, language: str, make: Callable[[], Outcome]
) -> Outcome:
    """``make()``; an unexpected exception gives an ``internal_error`` outcome instead."""
    try:
        return make()
    except Exception as error:
        if is_ours(error) or isinstance(error, OSError):  # an output that cannot be written
            raise
        where = SourceLocation(file=entry.name)
        issue = internal_error("batch", error, source=where)
        return _internal(entry, result.index, issue, language, read=result.document is not None)


def _failed_status(issues: Iterable[Issue]) -> bool:
    return any(i.code == "internal_error" for i in issues)


def _unread(entry: Entry, result: ReadResult, language: str) -> Outcome:
    issues = list(result.issues)
    unreadable = any(is_unreadable(i) for i in issues)
    status = "unreadable" if unreadable else "invalid"
    record: dict[str, Any] = {
        "file": entry.name,
        "index": result.index,
        "read": False,
        "status": status,
        "issues": [i.to_dict(language) for i in issues],
    }
    text = f"{entry.name} #{result.index + 1}: {ui(status, language)}\n"
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
            yield _guarded(entry, result, self.language, partial(self._one, entry, result))

    def _one(self, entry: Entry, result: ReadResult) -> Outcome:
        if result.declaration is None:
            return _unread(entry, result, self.language)
        report = check(result, self.targets, options=self.options)
        status = "blocked" if report.has_errors else "ready"
        status = "failed" if _failed_status(report) else status
        record: dict[str, Any] = {
            "file": entry.name,
            "index": result.index,
            "read": True,
            "status": status,
            **report.to_dict(self.language),
        }
        if self.template:
            record["patch"] = report.patch_template(locale=self.language)
        text = f"{entry.name} #{result.index + 1}: {ui(status, self.language)}\n"
        text += report.render(self.language)
        code = {"ready": EXIT_OK, "blocked": EXIT_BLOCKED}.get(status, EXIT_UNREADABLE)
        return Outcome(code, record, text)


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
                raise UsageError(f"{entry.name} holds several declarations; use --out-dir")
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
            yield _guarded(entry, result, self.language, partial(self._one, entry, result))

    def _one(self, entry: Entry, result: ReadResult) -> Outcome:
        if result.declaration is None:
            return _unread(entry, result, self.language)
        converted = convert_document(
            result.document,
            self.to,
            index=result.index,
            options=self.options,
            issues=result.issues,
            profile=self.profile,
        )
        return self._converted(entry, converted)

    def _converted(self, entry: Entry, converted: ConversionResult) -> Outcome:
        failed = _failed_status(converted.report)
        written = not failed and (not converted.blocked or self.force)
        target = self.destination(entry, converted.index) if written else None
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = converted.output
            target.write_bytes(converted.format.encode(data))
        status = ("forced" if converted.blocked else "converted") if written else "blocked"
        status = "failed" if failed else status
        record: dict[str, Any] = {
            "file": entry.name,
            "index": converted.index,
            "read": True,
            "status": status,
            "output": str(target) if target is not None else None,
            **converted.to_dict(self.language),
        }
        text = f"{entry.name} #{converted.index + 1} -> {self.to}: {ui(status, self.language)}"
        if target is not None:
            text += f" ({target})"
        text += "\n" + _conversion_text(converted, self.language)
        keep = (
            converted.output if written and self.out_dir is None and self.out_file is None else None
        )
        code = EXIT_UNREADABLE if failed else EXIT_BLOCKED if converted.blocked else EXIT_OK
        return Outcome(code, record, text, keep)


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


_Packed = tuple[bool, bytes]
"""A chunk's outcomes as a worker sends them: whether :mod:`marshal` wrote them, and the bytes."""


def _run_chunk(job: Job, entries: list[Entry]) -> _Packed:
    """Worker side: every outcome of every file of the chunk, grouped by file, packed."""
    return _pack([list(job.outcomes(entry)) for entry in entries])


def _pack(grouped: list[list[Outcome]]) -> _Packed:
    """The outcomes in :mod:`marshal`'s format, or pickled when it cannot hold them exactly.

    A record holds only JSON's types, which marshal writes and reads back as they were, a
    third faster than pickle and with less to read back in the process that gathers the
    outcomes (the one process that serves both workers). Marshal refuses what it cannot
    write exactly (a subclass of ``dict`` or ``str``, an enum, any other object): those
    outcomes, and an outcome of another class than :class:`Outcome`, are pickled.
    """
    if all(type(o) is Outcome for outcomes in grouped for o in outcomes):
        fields = [[(o.exit_code, o.record, o.text, o.output) for o in outs] for outs in grouped]
        try:
            return True, marshal.dumps(fields)
        except ValueError:  # an object marshal cannot write
            pass
    return False, pickle.dumps(grouped, pickle.HIGHEST_PROTOCOL)


def _unpack(packed: _Packed) -> list[list[Outcome]]:
    """The outcomes :func:`_pack` packed, read back with the cycle collector paused.

    Reading back builds a few containers per issue and keeps them all: the collector's
    passes over them would find nothing to free.
    """
    marshalled, data = packed
    with collector.paused():
        if not marshalled:
            grouped: list[list[Outcome]] = pickle.loads(data)
            return grouped
        return [[Outcome(*fields) for fields in outs] for outs in marshal.loads(data)]


def chunks(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    """``entries`` in lists of ``size`` (the last one shorter), as they come."""
    chunk: list[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool_context() -> multiprocessing.context.BaseContext | None:
    """``fork`` where the platform has it and this process runs no other thread, else the default.

    A forked worker starts with everything this process has imported and built (the
    registries, the model's validators, the reference-data indexes read for the first file),
    so it does not import and build it all again; forking a process that runs other threads
    could copy a lock one of them holds, so those get the platform's default start method.
    """
    import multiprocessing  # noqa: PLC0415

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _parallel(
    job: Job, entries: Iterator[Entry], jobs: int
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    """The first file in this process (which warms it up for the workers), the others in a pool."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    first = next(entries, None)
    if first is None:
        return
    yield first, job.outcomes(first)
    window = jobs * IN_FLIGHT
    pending: deque[tuple[list[Entry], Future[_Packed]]] = deque()
    groups = chunks(entries, POOL_CHUNK_SIZE)
    with (
        collector.frozen(),
        ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context()) as pool,
    ):
        _widen_results_pipe(pool)
        for chunk in groups:
            pending.append((chunk, _submit(pool, job, chunk)))
            if len(pending) >= window:
                yield from _collect(job, *pending.popleft())
        while pending:
            yield from _collect(job, *pending.popleft())


def _widen_results_pipe(pool: ProcessPoolExecutor) -> None:
    """The pool's results pipe made to hold :data:`RESULTS_PIPE` bytes, where Linux allows it.

    Done before the first task is submitted (the workers are started then); the pipe is the
    pool's own (``concurrent.futures`` keeps it in a private attribute), so anything unlike
    what is expected leaves the pipe as it is.
    """
    try:
        import fcntl  # noqa: PLC0415 - not on every platform

        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, RESULTS_PIPE)
    except (ImportError, AttributeError, OSError, ValueError):
        return


def _submit(pool: ProcessPoolExecutor, job: Job, chunk: list[Entry]) -> Future[_Packed]:
    """The chunk's future; a pool that cannot take it (a worker died) gives a failed one."""
    try:
        return pool.submit(_run_chunk, job, chunk)
    except Exception as error:  # BrokenProcessPool: report the chunk's files, go on
        from concurrent.futures import Future  # noqa: PLC0415

        failed: Future[_Packed] = Future()
        failed.set_exception(error)
        return failed


def _collect(
    job: Job, chunk: list[Entry], future: Future[_Packed]
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    try:
        grouped = _unpack(future.result())
    except Exception as error:  # a worker process died: each of its files is reported
        if is_ours(error):
            raise
        language = str(getattr(job, "language", "en"))
        grouped = [
            [_internal(entry, 0, internal_error("batch:worker", error), language)]
            for entry in chunk
        ]
    for entry, outcomes in zip(chunk, grouped, strict=True):
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
            ui_count(self.files, "file", "files", language),
            ui_count(self.declarations, "declaration", "declarations", language),
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

"""The ``harmonized-customs`` command.

Commands::

    harmonized-customs check FILE|DIR [...] [--from FMT] [--to US,CA,MX] [--lang en|fr|es]
                       [--output text|json|jsonl|html|patch] [--patch FILE]... [--jobs N]
                       [--summary FILE]
    harmonized-customs convert FILE|DIR [...] --to FMT [-o OUT [--overwrite] | --out-dir DIR]
                       [--force] [--profile FILE]
                       [--from FMT] [--lang en|fr|es] [--output text|json|jsonl] [--jobs N]
                       [--profile FILE] [--patch FILE]... [--summary FILE]
    harmonized-customs schema
    harmonized-customs formats [--output text|json]
    harmonized-customs jurisdictions [--output text|json]
    harmonized-customs --version

``-`` as a FILE reads the standard input. ``-o`` refuses to replace an existing file unless
``--overwrite`` is given. Folders are walked recursively in sorted order (an empty folder is
reported); declarations are checked or converted one at
a time and each result is written as soon as it is known (``--output jsonl``: one JSON object
per declaration, then one ``{"summary": ...}`` object). ``--jobs N`` runs N worker processes
(0: one per core); ``--scheduler local|tcp://HOST:PORT`` runs them on a Dask cluster instead
(extra ``harmonized-customs[dask]``), where inputs may be fsspec URLs. A progress line is
drawn on stderr when stderr is a terminal.

Exit codes, the worst over the batch: 0 nothing blocks; 1 something blocks (an invalid
declaration, a blocking issue for a requested country, a conversion that would fail the target
format's rules); 2 an input could not be read, a writer failed, or the command was misused.
An unreadable file in a batch makes the whole run exit 2 even when every other file is ready:
its readiness is unknown, and the summary says which file it was. When the reader of the
output goes away (``| head``), the command stops quietly with exit code 2. Problems in the input are
printed with what and where (JSON pointer, line and column); no traceback is shown for them.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from harmonized_customs import batch, cluster, collector
from harmonized_customs.api import installed_version, load
from harmonized_customs.batch import EXIT_BLOCKED, EXIT_OK, EXIT_UNREADABLE
from harmonized_customs.conversion import target_format
from harmonized_customs.countries import list_jurisdictions
from harmonized_customs.crossfiling import normalise_targets
from harmonized_customs.errors import HarmonizedCustomsError, UsageError
from harmonized_customs.format_registry import Format, get_format, list_formats
from harmonized_customs.i18n import LANGUAGES, negotiate
from harmonized_customs.model import CargoReport, Declaration
from harmonized_customs.patching import load_patch
from harmonized_customs.profiles import load_profile
from harmonized_customs.refdata import cli as refdata_cli
from harmonized_customs.trip_consistency import check_trip_declarations

__all__ = ["EXIT_BLOCKED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

HTML_MODULE = "harmonized_customs.report_html"
"""The module whose ``render_html(records, language)`` renders ``--output html``."""


def _add_batch_options(command: argparse.ArgumentParser, outputs: tuple[str, ...]) -> None:
    command.add_argument("files", nargs="+", metavar="FILE|DIR|URL")
    command.add_argument("--from", dest="source_format", metavar="FMT", help="input format")
    command.add_argument("--lang", default="en", help="message language: " + ", ".join(LANGUAGES))
    command.add_argument("--output", choices=outputs, default="text", help="report format")
    command.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per core)"
    )
    command.add_argument("--summary", type=Path, metavar="FILE", help="write the counts as JSON")
    command.add_argument(
        "--scheduler",
        metavar="local|tcp://HOST:PORT",
        help="run on a Dask cluster (extra harmonized-customs[dask]); inputs may be fsspec URLs",
    )
    command.add_argument(
        "--patch",
        dest="patches",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="RFC 6902 JSON Patch applied to each declaration first (repeatable)",
    )


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        sys.stdout.write(f"{parser.prog} {installed_version()}\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harmonized-customs",
        description="Read, check and convert North American customs declarations.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="read declarations and report what blocks filing")
    _add_batch_options(check, ("text", "json", "jsonl", "html", "patch"))
    check.add_argument(
        "--to",
        dest="targets",
        action="append",
        default=[],
        metavar="CC[,CC...]",
        help="countries to check filing readiness for, comma-separated or repeated (any "
        "registered jurisdiction: see the jurisdictions command); without it, the core model only",
    )

    convert = sub.add_parser("convert", help="write declarations in another format")
    _add_batch_options(convert, ("text", "json", "jsonl"))
    convert.add_argument("--to", dest="to", required=True, metavar="FMT", help="target format")
    where = convert.add_mutually_exclusive_group()
    where.add_argument("-o", "--out", type=Path, metavar="OUT", help="output file (one input)")
    where.add_argument("--out-dir", type=Path, metavar="DIR", help="one output file each")
    convert.add_argument(
        "--force", action="store_true", help="write even when the target's rules are not met"
    )
    convert.add_argument(
        "--overwrite", action="store_true", help="replace the file named by -o if it exists"
    )
    convert.add_argument(
        "--profile", type=Path, metavar="FILE", help="filer settings of the format (TOML or JSON)"
    )

    trip = sub.add_parser("check-trip", help="check a truck trip against its goods declarations")
    trip.add_argument("trip", type=Path, metavar="TRIP", help="the trip (a cargo report)")
    trip.add_argument("declarations", type=Path, nargs="+", metavar="DECL", help="declarations")
    trip.add_argument("--lang", default="en", help="message language: " + ", ".join(LANGUAGES))
    trip.add_argument("--output", choices=("text", "json"), default="text", help="report format")

    sub.add_parser("schema", help="print the JSON Schema of core-json")

    formats = sub.add_parser("formats", help="list the registered formats")
    formats.add_argument("--output", choices=("text", "json"), default="text")

    countries = sub.add_parser("jurisdictions", help="list the registered jurisdictions")
    countries.add_argument("--output", choices=("text", "json"), default="text")
    refdata_cli.add_parser(sub)
    return parser


def _targets(values: Sequence[str]) -> tuple[str, ...]:
    """The countries named by every ``--to`` (comma-separated, any case); none: the core only."""
    named = [part for value in values for part in value.split(",") if part.strip()]
    return tuple(normalise_targets(named))


def _html_renderer() -> Callable[[list[dict[str, Any]], str], str]:
    """``render_html`` of the HTML report module; a usage error when it is not installed."""
    try:
        module = importlib.import_module(HTML_MODULE)
    except ModuleNotFoundError:
        raise UsageError("--output html is not available in this installation") from None
    return cast("Callable[[list[dict[str, Any]], str], str]", module.render_html)


class _Writer:
    """Writes each outcome as it comes, in the chosen output, then the summary."""

    def __init__(self, stream: TextIO, output: str, language: str) -> None:
        self.stream = stream
        self.output = output
        self.language = language
        self.first = True
        self.kept: list[dict[str, Any]] = []
        self.render_html = _html_renderer() if output == "html" else None

    def start(self) -> None:
        if self.output == "json":
            self.stream.write('{\n  "results": [')

    def add(self, outcome: batch.Outcome) -> None:
        if self.output == "text":
            self.stream.write(outcome.text + "\n")
        elif self.output == "jsonl":
            self.stream.write(json.dumps(outcome.record, ensure_ascii=False) + "\n")
        elif self.output == "patch":
            ops = outcome.record.get("patch", [])
            self.stream.write(json.dumps(ops, indent=2, ensure_ascii=False) + "\n")
        elif self.output == "json":
            text = json.dumps(outcome.record, indent=2, ensure_ascii=False)
            self.stream.write(("\n" if self.first else ",\n") + _indent(text, 4))
        else:
            self.kept.append(outcome.record)
        self.first = False

    def finish(self, summary: batch.Summary) -> None:
        counts = summary.to_dict()
        if self.output == "text" and summary.records > 1:
            self.stream.write(summary.render(self.language) + "\n")
        elif self.output == "jsonl":
            self.stream.write(json.dumps({"summary": counts}, ensure_ascii=False) + "\n")
        elif self.output == "json":
            closing = "\n  ]" if not self.first else "]"
            summary_text = _indent(json.dumps(counts, indent=2, ensure_ascii=False), 2).lstrip()
            tail = f'\n  "exit_code": {summary.exit_code}\n}}\n'
            self.stream.write(f'{closing},\n  "summary": {summary_text},{tail}')
        elif self.render_html is not None:
            self.stream.write(self.render_html(self.kept, self.language))


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


def _progress_total(files: Iterable[Path]) -> int:
    return batch.count_entries(files) if sys.stderr.isatty() else 0


def _run_batch(
    job: batch.Job,
    args: argparse.Namespace,
    writer: _Writer,
    on_outcome: Callable[[batch.Outcome], None] | None = None,
) -> int:
    if args.source_format is not None and get_format(args.source_format).reader is None:
        raise UsageError(f"format {args.source_format!r} cannot be read, only written")
    summary = batch.Summary()
    progress = batch.Progress(sys.stderr, _progress_total(args.files))
    jobs = 1 if any(str(f) == batch.STDIN for f in args.files) else args.jobs
    writer.start()
    try:
        for _entry, outcomes in _batch_run(job, args, jobs):
            for outcome in outcomes:
                summary.add(outcome)
                writer.add(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
            summary.files += 1
            progress.update(summary)
    except BaseException:
        summary.exit_code = EXIT_UNREADABLE
        raise
    finally:
        progress.close()
        if args.summary is not None:
            text = json.dumps(summary.to_dict(), indent=2) + "\n"
            args.summary.write_text(text, encoding="utf-8")
    writer.finish(summary)
    return summary.exit_code


def _batch_run(
    job: batch.Job, args: argparse.Namespace, jobs: int
) -> Iterator[tuple[batch.Entry, Iterator[batch.Outcome]]]:
    """The local batch, or the Dask path when ``--scheduler`` names a cluster."""
    if args.scheduler is None:
        if len(args.files) != len(args.inputs):
            raise UsageError("URL inputs are read on a Dask cluster: add --scheduler")
        return batch.run(job, args.files, jobs)
    return cluster.run(job, args.inputs, args.scheduler)


def _patches(files: Sequence[Path]) -> tuple[dict[str, Any], ...]:
    """The operations of every ``--patch`` file, in order."""
    return tuple(op for file in files for op in load_patch(file))


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    language = negotiate(args.lang)
    job = batch.CheckJob(
        args.source_format,
        _targets(args.targets),
        language,
        patches=_patches(args.patches),
        template=args.output == "patch",
    )
    return _run_batch(job, args, _Writer(out, args.output, language))


def _single_file(files: Sequence[Path], option: str) -> None:
    if len(files) != 1 or files[0].is_dir():
        raise UsageError(f"{option} takes one input file; use --out-dir for several")


def _to_stdout(out: TextIO, fmt: Format) -> Callable[[batch.Outcome], None]:
    """Writes each kept output to ``out``, in the format's encoding to its buffer if it has one."""
    seen: list[int] = []

    def write(outcome: batch.Outcome) -> None:
        if outcome.record.get("read") and seen:
            raise UsageError("the input holds several declarations; use --out-dir")
        if outcome.record.get("read"):
            seen.append(1)
        if outcome.output is None:
            return
        data = fmt.encode(outcome.output)
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(data)
            buffer.flush()
        elif isinstance(outcome.output, bytes):
            out.write(data.decode("utf-8"))
        else:
            out.write(outcome.output)

    return write


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    language = negotiate(args.lang)
    fmt = target_format(args.to)
    if args.out is None and args.out_dir is None:
        _single_file(args.files, "converting to the standard output")
        job = batch.ConvertJob(
            args.to,
            args.source_format,
            language,
            args.force,
            patches=_patches(args.patches),
            profile=load_profile(args.profile) if args.profile else {},
        )
        writer = _Writer(sys.stderr, args.output, language)
        return _run_batch(job, args, writer, _to_stdout(out, fmt))
    if args.out is not None:
        _single_file(args.files, "-o")
        if args.out.exists() and not args.overwrite:
            raise UsageError(f"{args.out} exists; give --overwrite to replace it")
    prefixes = batch.output_prefixes(args.files) if args.out_dir is not None else {}
    job = batch.ConvertJob(
        args.to,
        args.source_format,
        language,
        args.force,
        out_dir=args.out_dir,
        out_file=args.out,
        prefixes=prefixes,
        patches=_patches(args.patches),
        profile=load_profile(args.profile) if args.profile else {},
    )
    return _run_batch(job, args, _Writer(out, args.output, language))


def _cmd_schema(out: TextIO) -> int:
    from harmonized_customs.model.schema import declaration_schema_text  # noqa: PLC0415

    out.write(declaration_schema_text())
    return EXIT_OK


def _cmd_formats(args: argparse.Namespace, out: TextIO) -> int:
    registered = list_formats()
    if args.output == "json":
        json.dump([f.to_dict() for f in registered], out, indent=2)
        out.write("\n")
        return EXIT_OK
    for fmt in registered:
        jurisdiction = fmt.jurisdiction or "-"
        out.write(
            f"{fmt.name:18} {jurisdiction:3} {fmt.direction:11} {fmt.media_type:28} "
            f"{fmt.description}\n"
        )
    return EXIT_OK


def _cmd_jurisdictions(args: argparse.Namespace, out: TextIO) -> int:
    registered = list_jurisdictions()
    if args.output == "json":
        json.dump([j.to_dict() for j in registered], out, indent=2)
        out.write("\n")
        return EXIT_OK
    for each in registered:
        out.write(f"{each.code}  {each.authority:10} {each.name}\n")
    return EXIT_OK


def _cmd_check_trip(args: argparse.Namespace, out: TextIO) -> int:
    """Trip against declarations: 0 consistent, 1 a mismatch, 2 an input not readable as such."""
    language = negotiate(args.lang)
    trip = load(args.trip)
    declarations = [load(path) for path in args.declarations]
    if not isinstance(trip, CargoReport):
        raise UsageError(f"{args.trip} is not a truck trip (cargo-report)")
    for path, declaration in zip(args.declarations, declarations, strict=True):
        if not isinstance(declaration, Declaration):
            raise UsageError(f"{path} is not a goods declaration")
    report = check_trip_declarations(trip, cast(list[Declaration], declarations))
    if args.output == "json":
        out.write(json.dumps(report.to_dict(language), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(report.render(language) + "\n")
    return EXIT_BLOCKED if report.has_errors else EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "check": _cmd_check,
    "convert": _cmd_convert,
    "check-trip": _cmd_check_trip,
    "schema": lambda args, out: _cmd_schema(out),
    "formats": _cmd_formats,
    "jurisdictions": _cmd_jurisdictions,
    "data": refdata_cli.run,
}
"""Each command's function, by the command's name."""


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    return _COMMANDS[args.command](args, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    The process that runs it ends without the cycle collector's last passes over every
    object (see :func:`_freeze_at_exit`).
    """
    _freeze_at_exit()
    # what is imported so far lives as long as the process: the collector need not go over it
    # again each time it runs (about a sixth of the CPU of a one-file check)
    with collector.frozen():
        return _main(argv, out if out is not None else sys.stdout)


_EXIT_HOOK: list[bool] = []


def _freeze_at_exit() -> None:
    """At the interpreter's exit, every object is frozen before its last collections (once).

    The interpreter runs full collections as it shuts down, visiting every object the
    process still holds (the registries, the model's validators, the reference data): a
    twentieth of the CPU of a one-file check, to free memory the system takes back anyway.
    Frozen objects are passed over. Files are closed and streams flushed as before (the
    command closes what it opens; the standard streams are flushed by the interpreter).
    """
    if not _EXIT_HOOK:
        _EXIT_HOOK.append(True)
        atexit.register(gc.freeze)


def _main(argv: Sequence[str] | None, stream: TextIO) -> int:
    args = _parser().parse_args(argv)
    if hasattr(args, "files"):
        args.inputs = args.files
        args.files = [Path(name) for name in args.files if not cluster.is_url(name)]
    try:
        return _dispatch(args, stream)
    except HarmonizedCustomsError as exc:
        sys.stderr.write(f"harmonized-customs: error: {exc}\n")
        return EXIT_UNREADABLE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_UNREADABLE
    except OSError as exc:
        sys.stderr.write(f"harmonized-customs: error: {exc}\n")
        return EXIT_UNREADABLE


def _silence_stdout() -> None:
    """The reader of our output went away (``| head``): drop the rest without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass


if __name__ == "__main__":
    sys.exit(main())

"""The ``harmonized-customs`` command.

Commands::

    harmonized-customs check FILE [FILE ...] [--from FMT] [--to US,CA,MX] [--lang en|fr|es]
                                  [--output text|json]
    harmonized-customs schema
    harmonized-customs formats [--output text|json]

Exit codes: 0 nothing blocks; 1 something blocks (an invalid declaration, or a blocking
issue for a requested country); 2 unreadable input or bad usage. Problems in the input are
printed with what and where (JSON pointer, line and column); no traceback is shown for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from harmonized_customs import api
from harmonized_customs.crossfiling import check
from harmonized_customs.errors import HarmonizedCustomsError
from harmonized_customs.formats import ReadResult, list_formats
from harmonized_customs.i18n import LANGUAGES, negotiate, render_report, ui
from harmonized_customs.issues import Issue, SourceLocation

__all__ = ["EXIT_BLOCKED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_UNREADABLE = 2

UNREADABLE_CODES = frozenset(
    {"json_syntax", "input_unreadable", "format_not_recognised", "input_too_large"}
)
"""Issue codes meaning the input could not be parsed at all (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harmonized-customs",
        description="Read, check and convert North American customs declarations.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="read declarations and report what blocks filing")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--from", dest="source_format", metavar="FMT", help="input format")
    check.add_argument(
        "--to",
        dest="targets",
        default="",
        metavar="US,CA,MX",
        help="countries to check filing readiness for (comma-separated)",
    )
    check.add_argument("--lang", default="en", help="message language: " + ", ".join(LANGUAGES))
    check.add_argument("--output", choices=("text", "json"), default="text")

    sub.add_parser("schema", help="print the JSON Schema of core-json")

    formats = sub.add_parser("formats", help="list the registered formats")
    formats.add_argument("--output", choices=("text", "json"), default="text")
    return parser


def _targets(value: str) -> list[str]:
    targets = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in targets if t not in {"US", "CA", "MX"}]
    if unknown:
        raise HarmonizedCustomsError(f"unknown target country {', '.join(unknown)}; use US, CA, MX")
    return targets


def _read_file(path: Path, source_format: str | None) -> list[ReadResult]:
    if not path.is_file():
        issue = Issue.of(
            "input_unreadable", "", source=SourceLocation(file=str(path)), detail="no such file"
        )
        return [ReadResult(None, (issue,))]
    return list(api.read(path, source_format))


def _unread_record(
    path: Path, result: ReadResult, language: str
) -> tuple[int, dict[str, object], list[str]]:
    issues = list(result.issues)
    unreadable = any(i.code in UNREADABLE_CODES for i in issues)
    status = "unreadable" if unreadable else "invalid"
    record: dict[str, object] = {
        "file": str(path),
        "index": result.index,
        "read": False,
        "status": status,
        "issues": [i.to_dict(language) for i in issues],
    }
    lines = [f"{path} #{result.index + 1}: {ui(status, language)}", render_report(issues, language)]
    return (EXIT_UNREADABLE if unreadable else EXIT_BLOCKED), record, lines


def _checked_record(
    path: Path, result: ReadResult, targets: list[str], language: str
) -> tuple[int, dict[str, object], list[str]]:
    declaration = result.declaration
    if declaration is None:  # pragma: no cover - the caller routes unread results elsewhere
        raise HarmonizedCustomsError("internal: no declaration to check")
    report = check(declaration, targets)
    blocked = report.has_errors
    status = "blocked" if blocked else "ready"
    record: dict[str, object] = {
        "file": str(path),
        "index": result.index,
        "read": True,
        "status": status,
        **report.to_dict(language),
    }
    lines = [f"{path} #{result.index + 1}: {ui(status, language)}", report.render(language)]
    return (EXIT_BLOCKED if blocked else EXIT_OK), record, lines


def _check_file(
    path: Path, source_format: str | None, targets: list[str], language: str
) -> tuple[int, list[dict[str, object]], list[str]]:
    """Check one file; return its exit code, JSON records and text lines."""
    code = EXIT_OK
    records: list[dict[str, object]] = []
    lines: list[str] = []
    for result in _read_file(path, source_format):
        if result.declaration is None:
            each = _unread_record(path, result, language)
        else:
            each = _checked_record(path, result, targets, language)
        code = max(code, each[0])
        records.append(each[1])
        lines.extend(each[2])
    return code, records, lines


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    language = negotiate(args.lang)
    targets = _targets(args.targets)
    code = EXIT_OK
    all_records: list[dict[str, object]] = []
    for path in args.files:
        file_code, records, lines = _check_file(path, args.source_format, targets, language)
        code = max(code, file_code)
        all_records.extend(records)
        if args.output == "text":
            out.write("\n".join(lines) + "\n")
    if args.output == "json":
        json.dump({"results": all_records, "exit_code": code}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    return code


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


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _cmd_check(args, stream)
        if args.command == "schema":
            return _cmd_schema(stream)
        return _cmd_formats(args, stream)
    except HarmonizedCustomsError as exc:
        sys.stderr.write(f"harmonized-customs: error: {exc}\n")
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())

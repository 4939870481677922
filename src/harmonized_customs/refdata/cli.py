"""The ``harmonized-customs data`` command: list, import, show and remove reference data.

::

    harmonized-customs data list [--output json]
    harmonized-customs data import KIND FILE [--edition NAME] [--valid-from DATE]
                                   [--valid-to DATE] [--current-as-of DATE]
    harmonized-customs data show KIND CODE [--on DATE] [--output json]
    harmonized-customs data remove KIND EDITION
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from harmonized_customs import refdata

__all__ = ["add_parser", "run"]

EXIT_OK = 0
EXIT_NOT_FOUND = 1


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def add_parser(subparsers: Any) -> None:
    """Add the ``data`` command to the main parser's subparsers."""
    data = subparsers.add_parser("data", help="list, import and look up reference data")
    actions = data.add_subparsers(dest="data_command", required=True)

    listing = actions.add_parser("list", help="every dataset with its edition and source")
    listing.add_argument("--output", choices=("text", "json"), default="text")

    imported = actions.add_parser("import", help="import an official file into the store")
    imported.add_argument("kind", choices=sorted(refdata.importers.PARSERS), metavar="KIND")
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument("--edition", help="edition name (default: the file's name)")
    imported.add_argument("--valid-from", type=_date, metavar="DATE")
    imported.add_argument("--valid-to", type=_date, metavar="DATE")
    imported.add_argument("--current-as-of", type=_date, metavar="DATE")

    show = actions.add_parser("show", help="look a code up on a date")
    show.add_argument("kind", choices=sorted(refdata.KINDS), metavar="KIND")
    show.add_argument("code", metavar="CODE")
    show.add_argument("--on", type=_date, metavar="DATE", help="the date (default: today)")
    show.add_argument("--output", choices=("text", "json"), default="text")

    remove = actions.add_parser("remove", help="delete an imported edition")
    remove.add_argument("kind", choices=sorted(refdata.importers.PARSERS), metavar="KIND")
    remove.add_argument("edition", metavar="EDITION")


def _list(args: argparse.Namespace, out: TextIO) -> int:
    found = refdata.datasets()
    if args.output == "json":
        json.dump([d.to_dict() for d in found], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    for d in found:
        until = d.valid_to.isoformat() if d.valid_to else "open"
        out.write(
            f"{d.kind:17} {d.edition:26} {d.valid_from.isoformat()}..{until:10} "
            f"{d.rows:>6} rows  {d.origin:7}  {d.source}\n"
        )
    out.write(f"store: {refdata.database_path()}\n")
    return EXIT_OK


def _import(args: argparse.Namespace, out: TextIO) -> int:
    stored = refdata.import_file(
        args.kind,
        args.file,
        edition=args.edition,
        valid_from=args.valid_from,
        valid_to=args.valid_to,
        current_as_of=args.current_as_of,
    )
    out.write(
        f"imported {stored.rows} {stored.kind} codes as edition {stored.edition!r}, "
        f"in force from {stored.valid_from.isoformat()}\n"
    )
    return EXIT_OK


def _show(args: argparse.Namespace, out: TextIO) -> int:
    on = args.on or dt.date.today()
    found = refdata.resolve(args.kind, args.code, on)
    if args.output == "json":
        json.dump(
            {
                "dataset": found.dataset.to_dict() if found.dataset else None,
                "standing": found.standing,
                "entry": found.entry.to_dict() if found.entry else None,
                "others": [e.to_dict() for e in found.others],
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return EXIT_OK if found.entry else EXIT_NOT_FOUND
    if found.dataset is None:
        out.write(f"no {args.kind} dataset covers {on.isoformat()}\n")
        return EXIT_NOT_FOUND
    out.write(f"{args.kind} {found.dataset.edition} ({found.standing})\n")
    if found.entry is None:
        out.write(f"{args.code}: not a code valid on {on.isoformat()}\n")
        for other in found.others:
            out.write(f"  valid {other.valid_from}..{other.valid_to or 'open'}\n")
        return EXIT_NOT_FOUND
    entry = found.entry
    out.write(f"{entry.code}  {entry.description}\n")
    if entry.units:
        out.write(f"  units: {', '.join(entry.units)}\n")
    for name, value in sorted(entry.attrs.items()):
        if value:
            out.write(f"  {name}: {value}\n")
    return EXIT_OK


def _remove(args: argparse.Namespace, out: TextIO) -> int:
    if refdata.remove(args.kind, args.edition):
        out.write(f"removed {args.kind} edition {args.edition!r}\n")
        return EXIT_OK
    out.write(f"no {args.kind} edition {args.edition!r} in the store\n")
    return EXIT_NOT_FOUND


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed ``data`` command; return the exit code."""
    stream = out if out is not None else sys.stdout
    handlers = {"list": _list, "import": _import, "show": _show, "remove": _remove}
    return handlers[args.data_command](args, stream)

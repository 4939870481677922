"""What every importer shares: the error it raises, the result it returns, reading a file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from harmonized_customs.errors import HarmonizedCustomsError
from harmonized_customs.refdata._model import Entry

__all__ = [
    "MAX_FILE_BYTES",
    "Parsed",
    "RefDataFileError",
    "iso_date",
    "parse_csv",
    "read_text",
]

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest file accepted (the full HTSUS JSON export is about 30 MB)."""


class RefDataFileError(HarmonizedCustomsError, ValueError):
    """A file cannot be imported as the kind asked for; the message names the line or item."""


@dataclass(frozen=True)
class Parsed:
    """What an importer read from a file."""

    entries: list[Entry]
    source: str
    source_url: str
    earliest: dt.date | None = None
    """The earliest row validity start found in the file, if rows carry dates."""


def read_text(path: Path) -> str:
    """Read a file as text: UTF-8 (with or without BOM), else Windows-1252.

    Raises:
        RefDataFileError: The file is missing, too large or unreadable.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RefDataFileError(f"{path}: {size} bytes is more than {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        raise RefDataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def iso_date(value: str, where: str) -> dt.date | None:
    """An ISO date cell; empty is None.

    Raises:
        RefDataFileError: The cell is not an ISO date (``where`` names it).
    """
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RefDataFileError(f"{where}: {value!r} is not an ISO date") from None


def parse_csv(
    path: Path,
    required: Collection[str],
    build: Callable[[dict[str, str], str], Entry],
    source: tuple[str, str],
) -> Parsed:
    """Read a CSV file with a header row, one entry per row.

    Args:
        path: The file.
        required: Columns that must be in the header.
        build: Turns a row and its location (``file, line N``) into an entry.
        source: The source's name and address, for the edition.

    Raises:
        RefDataFileError: A column is missing or a row is malformed (the line is named).
    """
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise RefDataFileError(f"{path}: missing columns {', '.join(missing)}")
    entries: list[Entry] = []
    try:
        for row in reader:
            entries.append(build(row, f"{path}, line {reader.line_num}"))
    except csv.Error as exc:
        raise RefDataFileError(f"{path}, line {reader.line_num}: {exc}") from exc
    starts = [e.valid_from for e in entries if e.valid_from is not None]
    return Parsed(entries, source[0], source[1], min(starts) if starts else None)

"""Importer of the Harmonized Tariff Schedule of the United States (HTSUS), as USITC exports it.

Source: USITC, HTS online (https://hts.usitc.gov), "Export" of a revision as JSON or CSV;
the full schedule of a revision is also published as one JSON file, e.g.
https://www.usitc.gov/sites/default/files/tata/hts/hts_2026_revision_5_json.json (US
government work, public domain).

The JSON export is an array of objects, one per line of the schedule, in schedule order, with
``htsno`` (``0101.21.00.10``; empty for text-only lines), ``indent`` (depth, as a string),
``description``, ``units`` (list of units of quantity, e.g. ``["No.", "kg"]``), ``general``,
``special`` and ``other`` (the column 1 general, column 1 special and column 2 rates) and
``footnotes``. The CSV export has the same columns under the headings ``HTS Number``,
``Indent``, ``Description``, ``Unit of Quantity``, ``General Rate of Duty``, ``Special Rate of
Duty``, ``Column 2 Rate of Duty``; flat copies with ``hts_code``, ``unit``, ``general_rate``,
``special_rate``, ``column2_rate`` columns are read too.

Rates are printed on the 8-digit subheading; its 10-digit statistical lines inherit them. The
importer keeps every 10-digit statistical reporting number, with the full description (its
parents' text joined by `` > ``), its units, the three rates it inherits, and the line giving
them. The special program symbols (General Note 3(c)(i): ``A+``, ``AU``, ``S``, ``S+``...) are
parsed from the special column by :func:`special_programs`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from harmonized_customs.refdata._files import Parsed, RefDataFileError, read_text
from harmonized_customs.refdata._model import Entry
from harmonized_customs.refdata.kinds import digits

__all__ = ["ad_valorem_percent", "parse", "special_programs"]

SOURCE: Final = "USITC, Harmonized Tariff Schedule of the United States (export)"
SOURCE_URL: Final = "https://hts.usitc.gov"

_COLUMNS: Final = {
    "htsno": "htsno",
    "hts number": "htsno",
    "hts_code": "htsno",
    "indent": "indent",
    "description": "description",
    "units": "units",
    "unit of quantity": "units",
    "unit": "units",
    "general": "general",
    "general rate of duty": "general",
    "general_rate": "general",
    "special": "special",
    "special rate of duty": "special",
    "special_rate": "special",
    "other": "other",
    "column 2 rate of duty": "other",
    "column2_rate": "other",
}
_RATES: Final = ("general", "special", "other")
_GROUP: Final = re.compile(r"([^()]*)\(([^()]*)\)")
_PERCENT: Final = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


@dataclass
class _Level:
    indent: int
    description: str
    rates: dict[str, str]
    htsno: str


def _units(value: Any) -> tuple[str, ...]:
    """Units as a tuple, from a JSON list, a JSON-looking string or ``No.;kg``."""
    if isinstance(value, list):
        return tuple(str(u).strip() for u in value if str(u).strip())
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            return _units(json.loads(text))
        except ValueError:
            pass
    return tuple(u.strip() for u in re.split(r"[;,]", text) if u.strip())


def _indent(value: Any, where: str) -> int:
    try:
        return int(str(value or "0").strip() or "0")
    except ValueError:
        raise RefDataFileError(f"{where}: indent {value!r} is not a number") from None


def _entries(rows: Iterator[tuple[str, Mapping[str, Any]]]) -> list[Entry]:
    """Walk the schedule in order, carrying descriptions and rates down to statistical lines."""
    stack: list[_Level] = []
    entries: list[Entry] = []
    for where, row in rows:
        indent = _indent(row.get("indent"), where)
        while stack and stack[-1].indent >= indent:
            stack.pop()
        description = " ".join(str(row.get("description") or "").split())
        htsno = str(row.get("htsno") or "").strip()
        own = {name: " ".join(str(row.get(name) or "").split()) for name in _RATES}
        level = _Level(indent, description, own, htsno)
        stack.append(level)
        code = digits(htsno)
        if not code:
            continue
        if not code.isdigit():
            raise RefDataFileError(f"{where}: {htsno!r} is not an HTS number")
        if len(code) != 10:
            continue
        rated = next((lv for lv in reversed(stack) if any(lv.rates.values())), level)
        entries.append(
            Entry(
                kind="us-hts",
                code=code,
                description=" > ".join(lv.description for lv in stack if lv.description),
                units=_units(row.get("units")),
                attrs={**rated.rates, "rate_line": rated.htsno},
            )
        )
    return entries


def _json_rows(text: str, path: Path) -> Iterator[tuple[str, Mapping[str, Any]]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RefDataFileError(f"{path}: not JSON: {exc}") from exc
    if not isinstance(data, list):
        raise RefDataFileError(f"{path}: expected a JSON array of HTS lines")
    for number, item in enumerate(data):
        if not isinstance(item, dict):
            raise RefDataFileError(f"{path}, item {number}: expected an object")
        yield f"{path}, item {number}", item


def _csv_rows(text: str, path: Path) -> Iterator[tuple[str, Mapping[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {name: _COLUMNS.get(name.strip().lower(), "") for name in reader.fieldnames or []}
    if "htsno" not in header.values():
        raise RefDataFileError(f"{path}: no HTS number column (HTS Number, htsno or hts_code)")
    try:
        for row in reader:
            canonical = {header[k]: v for k, v in row.items() if k is not None and header.get(k)}
            yield f"{path}, line {reader.line_num}", canonical
    except csv.Error as exc:
        raise RefDataFileError(f"{path}, line {reader.line_num}: {exc}") from exc


def parse(path: Path) -> Parsed:
    """Read a USITC HTS export (JSON or CSV) into its 10-digit statistical lines.

    Raises:
        RefDataFileError: The file is not an HTS export; the message names the item or line.
    """
    text = read_text(path)
    stripped = text.lstrip()
    rows = _json_rows(text, path) if stripped.startswith("[") else _csv_rows(text, path)
    return Parsed(_entries(rows), SOURCE, SOURCE_URL)


@functools.lru_cache(maxsize=4096)
def special_programs(special: str) -> Mapping[str, str]:
    """The special program symbols of a special-column text, each with its rate.

    ``"Free (A+,AU,S,SG) 1.5% (JP)"`` gives ``{"A+": "Free", "AU": "Free", "S": "Free",
    "SG": "Free", "JP": "1.5%"}``.
    """
    found: dict[str, str] = {}
    for rate, symbols in _GROUP.findall(special):
        for symbol in symbols.split(","):
            cleaned = symbol.strip()
            if cleaned:
                found.setdefault(cleaned, rate.strip() or "")
    return found


def ad_valorem_percent(rate: str) -> Decimal | None:
    """The percentage of a purely ad valorem rate (``Free`` is 0), else None."""
    text = rate.strip()
    if text.lower() == "free":
        return Decimal(0)
    match = _PERCENT.match(text)
    if match is None:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None

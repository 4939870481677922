"""The datasets shipped with the library: small official lists as package data.

Each is a CSV file in ``refdata/data/`` with a ``<stem>.meta.json`` sidecar: the provenance
fields of :mod:`harmonized_customs.mappings` (title, source, source_url, edition, retrieved,
confidence, columns, key) plus a ``dataset`` object saying which kind it is, which columns hold
the code, the description and the units, and the edition's dates. Nothing is read at import
time; a file is parsed when a lookup first needs it, and then only as far as its index needs:
the rows are grouped by code, and a code's entries are built when that code is looked up
(a one-file ``check`` asks for a handful of the HS's 5,613 subheadings).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, Generic, TypeVar

from harmonized_customs.refdata._model import Dataset, Entry
from harmonized_customs.refdata.kinds import get_kind

__all__ = ["LazyIndex", "PackagedDataset", "located_rows", "packaged_datasets"]

_PACKAGE: Final = "harmonized_customs.refdata"
_FOLDER: Final = "data"
_META_SUFFIX: Final = ".meta.json"
_ROWS_SUFFIX: Final = ".rows.txt"
"""A large file's derived list of kept rows (see :func:`located_rows`)."""
_Row = TypeVar("_Row")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class PackagedDataset:
    """A shipped dataset: its description and how to read its rows."""

    stem: str
    dataset: Dataset
    code_column: str
    description_column: str
    unit_columns: tuple[str, ...]
    attr_columns: tuple[str, ...]
    only: Mapping[str, str]

    def entries(self) -> Iterator[Entry]:
        """Parse the CSV file into entries (rows failing the ``only`` filter are skipped)."""
        header, rows = self._rows()
        for row in rows:
            yield self._entry(header, row)

    def index(self) -> LazyIndex[Any]:
        """The entries by code, each code's entries built when it is first looked up.

        A large file ships with its kept rows located (``<stem>.rows.txt``, written by
        ``scripts/generate_refdata_rows.py``): the index is then made from that list, and only
        the rows of the codes looked up are parsed. The list names a digest of the file it was
        made from; for any other file (or none), the whole file is parsed, as it always was.
        """
        located = self._located_index()
        if located is not None:
            return located
        normalize = get_kind(self.dataset.kind).normalize
        header, rows = self._rows()
        code = header.get(self.code_column)
        grouped: dict[str, list[list[str]]] = {}
        for row in rows:
            cell = row[code] if code is not None and code < len(row) else ""
            key = normalize(cell)
            group = grouped.get(key)
            if group is None:
                grouped[key] = [row]
            else:
                group.append(row)
        return LazyIndex(grouped, functools.partial(self._entry, header))

    def _located_index(self) -> LazyIndex[str] | None:
        """The index from the shipped list of located rows; None when it is not this file's."""
        folder = resources.files(_PACKAGE).joinpath(_FOLDER)
        try:
            listed = folder.joinpath(self.stem + _ROWS_SUFFIX).read_text("utf-8")
        except FileNotFoundError:
            return None
        data = folder.joinpath(self.stem + ".csv").read_bytes()
        head, _, body = listed.partition("\n")
        if b"\r" in data or json.loads(head) != self._located_head(data):
            return None
        text = data.decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        header = {name: at for at, name in enumerate(next(reader, []))}
        grouped: dict[str, list[str]] = {}
        for line in body.split("\n"):
            if not line:
                continue
            key, _, span = line.partition("\t")  # the span is read when the code is looked up
            group = grouped.get(key)
            if group is None:
                grouped[key] = [span]
            else:
                group.append(span)
        return LazyIndex(grouped, functools.partial(self._located_entry, header, text))

    def _located_head(self, data: bytes) -> dict[str, Any]:
        """What a list of located rows says it was made from: the file's digest and the spec."""
        return {
            "digest": hashlib.blake2b(data, digest_size=16).hexdigest(),
            "kind": self.dataset.kind,
            "code": self.code_column,
            "only": dict(self.only),
        }

    def _located_entry(self, header: Mapping[str, int], text: str, span: str) -> Entry:
        """The entry of the row at ``span`` (``start<TAB>end``: one whole record of ``text``)."""
        start, _, end = span.partition("\t")
        row = next(csv.reader(io.StringIO(text[int(start) : int(end)], newline="")))
        return self._entry(header, row)

    def _text(self) -> str:
        """The CSV file's text, as read for parsing it whole."""
        return (
            resources.files(_PACKAGE).joinpath(_FOLDER, self.stem + ".csv").read_text("utf-8-sig")
        )

    def _rows(self) -> tuple[dict[str, int], Iterator[list[str]]]:
        """The CSV header (column to position) and the rows passing the ``only`` filter."""
        reader = csv.reader(io.StringIO(self._text(), newline=""))
        header = {name: position for position, name in enumerate(next(reader, []))}
        return header, _kept(reader, [(header.get(c), v) for c, v in self.only.items()])

    def _entry(self, header: Mapping[str, int], row: Sequence[str]) -> Entry:
        def get(column: str) -> str | None:
            return _cell(row, header.get(column))

        return Entry(
            kind=self.dataset.kind,
            code=get_kind(self.dataset.kind).normalize(get(self.code_column) or ""),
            description=get(self.description_column) or "",
            units=tuple(unit for c in self.unit_columns if (unit := get(c))),
            valid_from=_date(get("valid_from")),
            valid_to=_date(get("valid_to")),
            attrs={c: get(c) or "" for c in self.attr_columns},
            edition=self.dataset.edition,
        )


def _kept(rows: Iterator[list[str]], only: list[tuple[int | None, Any]]) -> Iterator[list[str]]:
    """The rows with every ``(position, value)`` of ``only``; blank lines skipped (as DictReader).

    One condition on a column the file has (the usual case: HS subheadings are the rows of
    level 6) is tested without a call per row; any other is tested cell by cell.
    """
    if not only:
        return (row for row in rows if row)
    if len(only) == 1:
        position, value = only[0]
        if position is not None and isinstance(value, str):
            return (row for row in rows if len(row) > position and row[position] == value)
    return (row for row in rows if row and all(_cell(row, p) == v for p, v in only))


def _cell(row: Sequence[str], position: int | None) -> str | None:
    """The value at ``position`` (None for a column the file lacks or a short row)."""
    return row[position] if position is not None and position < len(row) else None


class LazyIndex(Mapping[str, tuple[Entry, ...]], Generic[_Row]):
    """Code to entries, each code's entries built from its rows on first access (then kept).

    A row is whatever ``build`` makes an entry of: a parsed CSV row, or where it is.
    """

    def __init__(
        self,
        rows: dict[str, list[_Row]],
        build: Callable[[_Row], Entry],
    ) -> None:
        self._rows = rows
        self._build = build
        self._built: dict[str, tuple[Entry, ...]] = {}

    def __getitem__(self, code: str) -> tuple[Entry, ...]:
        found = self._built.get(code)
        if found is None:
            found = self._built[code] = tuple(self._build(row) for row in self._rows[code])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, code: object) -> bool:
        return code in self._rows


def located_rows(shipped: PackagedDataset) -> str | None:
    """The text of ``<stem>.rows.txt``: where each kept row of the file is, with its code.

    The first line is the JSON :meth:`PackagedDataset._located_head` compares; then one line
    per row the ``only`` filter keeps, in file order: its code as the index compares it, then
    the row's start and end in the file's text (a whole record, parsed alone when its code is
    looked up), tab-separated. None for a file the list cannot describe (carriage returns,
    a code holding a tab or a line break). Written by ``scripts/generate_refdata_rows.py``.
    """
    data = resources.files(_PACKAGE).joinpath(_FOLDER, shipped.stem + ".csv").read_bytes()
    if b"\r" in data:
        return None
    text = data.decode("utf-8-sig")
    starts = [0, *(at + 1 for at, char in enumerate(text) if char == "\n")]
    if starts[-1] != len(text):
        starts.append(len(text))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = {name: position for position, name in enumerate(next(reader, []))}
    only = [(header.get(c), v) for c, v in shipped.only.items()]
    code = header.get(shipped.code_column)
    normalize = get_kind(shipped.dataset.kind).normalize
    lines = [json.dumps(shipped._located_head(data), sort_keys=True)]
    first = reader.line_num
    for row in reader:
        span = (starts[first], starts[reader.line_num])
        first = reader.line_num
        if not list(_kept(iter([row]), only)):
            continue
        key = normalize(_cell(row, code) or "")
        if "\t" in key or "\n" in key or "\r" in key:
            return None
        lines.append(f"{key}\t{span[0]}\t{span[1]}")
    return "\n".join(lines) + "\n"


def _read(stem: str, meta: Mapping[str, Any]) -> PackagedDataset:
    spec: Mapping[str, Any] = meta["dataset"]
    kind = get_kind(spec["kind"])
    valid_from = _date(spec["valid_from"])
    current_as_of = _date(spec["current_as_of"])
    if valid_from is None or current_as_of is None:
        raise ValueError(f"{stem}{_META_SUFFIX}: valid_from and current_as_of are required")
    dataset = Dataset(
        kind=kind.name,
        title=meta["title"],
        source=meta["source"],
        source_url=meta["source_url"],
        edition=meta["edition"],
        valid_from=valid_from,
        valid_to=_date(spec.get("valid_to")),
        current_as_of=current_as_of,
        refresh_days=int(spec.get("refresh_days", kind.refresh_days)),
        rows=int(spec["rows"]),
        origin="package",
        complete=bool(spec["complete"]),
        verified=bool(spec["verified"]),
    )
    return PackagedDataset(
        stem=stem,
        dataset=dataset,
        code_column=spec["code"],
        description_column=spec.get("description", ""),
        unit_columns=tuple(spec.get("units", ())),
        attr_columns=tuple(spec.get("attrs", ())),
        only=dict(spec.get("only", {})),
    )


def packaged_datasets() -> list[PackagedDataset]:
    """Every shipped dataset, read from the sidecars (the CSV files are not parsed here)."""
    found: list[PackagedDataset] = []
    for entry in sorted(
        resources.files(_PACKAGE).joinpath(_FOLDER).iterdir(), key=lambda e: e.name
    ):
        if entry.name.endswith(_META_SUFFIX):
            meta = json.loads(entry.read_text("utf-8"))
            if "dataset" in meta:
                found.append(_read(entry.name.removesuffix(_META_SUFFIX), meta))
    return found

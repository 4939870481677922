"""Reading, caching and overlaying the code tables of :mod:`harmonized_customs.mappings`.

Each table is two files in this package: ``<name>.csv`` (UTF-8, one header row) and
``<name>.meta.json`` (provenance and column descriptions). Nothing is read at import time: a
table is parsed the first time it is asked for, under a lock, and kept until an overlay
changes it.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, TypeVar, overload

from harmonized_customs.errors import HarmonizedCustomsError, UsageError

__all__ = [
    "CodeKey",
    "CodeRow",
    "CodeTable",
    "TableDataError",
    "TableMeta",
    "UnknownCodeError",
    "UnknownTableError",
    "add_row",
    "crosswalk",
    "names",
    "reset_overlays",
    "table",
    "versions",
]

_PACKAGE: Final = "harmonized_customs.mappings"
_DATA_SUFFIX: Final = ".csv"
_META_SUFFIX: Final = ".meta.json"
_META_FIELDS: Final = (
    "title",
    "source",
    "source_url",
    "edition",
    "retrieved",
    "confidence",
    "columns",
    "key",
)

_T = TypeVar("_T")

CodeKey = str | tuple[str, ...]
"""A code to look up: one string (matched against the table's code column) or a tuple holding a
value for every key column of the table."""


def _code_column(key: tuple[str, ...]) -> str:
    """Return the key column that holds the code: ``code`` if it is a key column, else the first."""
    return "code" if "code" in key else key[0]


class UnknownTableError(UsageError, LookupError):
    """No code table has the name asked for."""


class UnknownCodeError(HarmonizedCustomsError, LookupError):
    """A code is not in a table (raised by :meth:`CodeTable.lookup` only)."""


class TableDataError(HarmonizedCustomsError, RuntimeError):
    """A shipped data file is malformed: a packaging bug, never a user error."""


def _norm(value: str) -> str:
    """Return the form codes are compared in: surrounding blanks removed, case folded."""
    return value.strip().casefold()


def _parse_date(value: str, what: str) -> date | None:
    """Parse an ISO 8601 date column; empty means no bound.

    Raises:
        ValueError: ``value`` is neither empty nor an ISO date.
    """
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not an ISO 8601 date: {value!r}") from None


@dataclass(frozen=True, slots=True)
class TableMeta:
    """Provenance of one table, read from its ``<name>.meta.json`` sidecar.

    Attributes:
        title: What the table holds, in one line.
        source: Name of the official document the codes come from.
        source_url: Where that document, or the copy that was read, is; empty for tables
            compiled by this library from the other tables.
        edition: Edition or date of the source the table reflects.
        retrieved: Date the source was read.
        confidence: How far to trust the table, and what ``verified`` means in it.
        columns: Column name to description, in the order of the CSV header.
        key: The column(s) that identify a row.
    """

    title: str
    source: str
    source_url: str
    edition: str
    retrieved: date
    confidence: str
    columns: Mapping[str, str]
    key: tuple[str, ...]

    @property
    def code_column(self) -> str:
        """The key column a plain string is looked up in: ``code``, else the first key column."""
        return _code_column(self.key)


class CodeRow(Mapping[str, str]):
    """One immutable row of a code table: a mapping of column name to string value.

    Empty cells are empty strings. Besides the mapping interface a row offers :attr:`code`,
    :attr:`key`, :attr:`verified` and the validity helpers.
    """

    __slots__ = ("_data", "_key_columns", "_table", "_valid_from", "_valid_to")

    _data: Mapping[str, str]
    _key_columns: tuple[str, ...]
    _table: str
    _valid_from: date | None
    _valid_to: date | None

    def __init__(self, table: str, data: Mapping[str, str], key_columns: tuple[str, ...]) -> None:
        """Build a row; ``valid_from``/``valid_to`` values must be ISO dates or empty.

        Raises:
            ValueError: a validity date is malformed, or ``valid_from`` is after ``valid_to``.
        """
        valid_from = _parse_date(data.get("valid_from", ""), f"{table}: valid_from")
        valid_to = _parse_date(data.get("valid_to", ""), f"{table}: valid_to")
        if valid_from is not None and valid_to is not None and valid_from > valid_to:
            raise ValueError(f"{table}: valid_from {valid_from} is after valid_to {valid_to}")
        setter = object.__setattr__
        setter(self, "_table", table)
        setter(self, "_data", MappingProxyType(dict(data)))
        setter(self, "_key_columns", key_columns)
        setter(self, "_valid_from", valid_from)
        setter(self, "_valid_to", valid_to)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"CodeRow is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"CodeRow is immutable; cannot delete {name!r}")

    def __getitem__(self, column: str) -> str:
        return self._data[column]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash((self._table, tuple(self._data.items())))

    def __repr__(self) -> str:
        return f"CodeRow({self._table!r}, {dict(self._data)!r})"

    @property
    def table(self) -> str:
        """Name of the table the row belongs to."""
        return self._table

    @property
    def code(self) -> str:
        """Value of the code column: ``code`` if it is a key column, else the first key column."""
        return self._data[_code_column(self._key_columns)]

    @property
    def key(self) -> tuple[str, ...]:
        """Values of every key column, in key order."""
        return tuple(self._data[column] for column in self._key_columns)

    @property
    def verified(self) -> bool:
        """True when the research verified the row (``verified`` column is ``yes``)."""
        return self._data.get("verified", "") == "yes"

    @property
    def valid_from(self) -> date | None:
        """First day the code may be used, or None when unbounded or unknown."""
        return self._valid_from

    @property
    def valid_to(self) -> date | None:
        """Last day (inclusive) the code may be used, or None when unbounded or unknown."""
        return self._valid_to

    def valid_on(self, on: date) -> bool:
        """Say whether the code may be used on a date (bounds inclusive).

        Check it against the declaration's date, not today's.

        Args:
            on: The date to check.

        Returns:
            False when ``on`` is before ``valid_from`` or after ``valid_to``; True otherwise.
        """
        if self._valid_from is not None and on < self._valid_from:
            return False
        return self._valid_to is None or on <= self._valid_to


class CodeTable:
    """One loaded code table: its metadata and its rows, with case-insensitive lookups.

    Obtain tables with :func:`table`; do not build them directly.

    Attributes:
        name: The table's name (the data file's stem).
        meta: Provenance and column descriptions.
        rows: Every row, in file order, overlays included.
    """

    __slots__ = ("_by_code", "_by_columns", "_by_key", "_derived", "_walks", "meta", "name", "rows")

    name: str
    meta: TableMeta
    rows: tuple[CodeRow, ...]

    def __init__(self, name: str, meta: TableMeta, rows: tuple[CodeRow, ...]) -> None:
        self.name = name
        self.meta = meta
        self.rows = rows
        self._by_code: dict[str, list[CodeRow]] = {}
        self._by_key: dict[tuple[str, ...], list[CodeRow]] = {}
        self._by_columns: dict[tuple[str, ...], dict[tuple[str, ...], list[CodeRow]]] = {}
        """Indexes of :meth:`where`, one per set of columns asked about, built on first use."""
        self._derived: dict[Hashable, Any] = {}
        """Values :meth:`derived` computed from this edition of the rows."""
        self._walks: dict[tuple[str, str, str, date | None], tuple[str, ...]] = {}
        """Answers of :func:`crosswalk` through this edition (at most :data:`_WALKS` kept)."""
        for row in rows:
            if row.code:
                self._by_code.setdefault(_norm(row.code), []).append(row)
            self._by_key.setdefault(tuple(_norm(v) for v in row.key), []).append(row)

    def __repr__(self) -> str:
        return f"<CodeTable {self.name!r}: {len(self.rows)} rows, {self.meta.edition!r}>"

    def derived(self, key: Hashable, build: Callable[[CodeTable], _T]) -> _T:
        """``build(self)``, computed once per ``key`` for this edition of the table.

        A table is rebuilt when an overlay changes it, so a value derived from its rows (a
        dictionary by code, the codes valid on a date) is computed once per edition and date
        rather than per call. ``key`` names the derivation and its arguments; the value
        returned is shared, not to be changed.
        """
        try:
            found: _T = self._derived[key]
        except KeyError:
            found = self._derived.setdefault(key, build(self))
        return found

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names, in CSV order."""
        return tuple(self.meta.columns)

    @property
    def key(self) -> tuple[str, ...]:
        """The key column(s)."""
        return self.meta.key

    def _candidates(self, code: CodeKey) -> list[CodeRow]:
        """Return the rows whose key matches ``code``, in file order."""
        if isinstance(code, str):
            return self._by_code.get(_norm(code), [])
        if isinstance(code, tuple) and all(isinstance(part, str) for part in code):
            if len(code) != len(self.meta.key):
                raise UsageError(
                    f"table {self.name!r} has key {self.meta.key}; got {len(code)} values"
                )
            return self._by_key.get(tuple(_norm(part) for part in code), [])
        raise UsageError(f"a code is a string or a tuple of strings, not {type(code).__name__}")

    @overload
    def get(self, code: CodeKey, *, on: date | None = None) -> CodeRow | None: ...

    @overload
    def get(self, code: CodeKey, default: _T, *, on: date | None = None) -> CodeRow | _T: ...

    def get(
        self, code: CodeKey, default: _T | None = None, *, on: date | None = None
    ) -> CodeRow | _T | None:
        """Find a row by code, ignoring case and surrounding blanks.

        Args:
            code: A string, matched against the code column (:attr:`TableMeta.code_column`), or
                a tuple with one value per key column. Where several rows share a code (tables
                with a composite key), the first in file order wins; use a tuple or
                :meth:`where`.
            default: Returned when nothing matches.
            on: When given, only rows valid on that date (the declaration's date) match.

        Returns:
            The matching row, or ``default``.

        Raises:
            UsageError: ``code`` is neither a string nor a tuple of the key's length.
        """
        for row in self._candidates(code):
            if on is None or row.valid_on(on):
                return row
        return default

    def lookup(self, code: CodeKey, *, on: date | None = None) -> CodeRow:
        """Find a row by code like :meth:`get`, but raise when there is none.

        Args:
            code: As for :meth:`get`.
            on: As for :meth:`get`.

        Returns:
            The matching row.

        Raises:
            UnknownCodeError: No row matches (a :class:`LookupError`).
            UsageError: ``code`` is neither a string nor a tuple of the key's length.
        """
        row = self.get(code, on=on)
        if row is None:
            when = f" on {on.isoformat()}" if on is not None else ""
            raise UnknownCodeError(f"{code!r} is not a code of table {self.name!r}{when}")
        return row

    def __contains__(self, code: object) -> bool:
        if isinstance(code, str) or (
            isinstance(code, tuple)
            and len(code) == len(self.meta.key)
            and all(isinstance(part, str) for part in code)
        ):
            return bool(self._candidates(code))
        return False

    def __iter__(self) -> Iterator[CodeRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def codes(self) -> list[str]:
        """Return the distinct non-empty values of the code column, in file order."""
        return [rows[0].code for rows in self._by_code.values()]

    def where(self, **column_values: str) -> list[CodeRow]:
        """Return the rows whose columns equal the given values, ignoring case and blanks.

        Args:
            **column_values: Column name to the value it must hold; ``""`` matches empty cells.

        Returns:
            The matching rows, in file order.

        Raises:
            UsageError: A column is not in the table.
        """
        _check_columns(self, column_values)
        columns = tuple(sorted(column_values))
        index = self._by_columns.get(columns)
        if index is None:
            index = {}
            for row in self.rows:
                index.setdefault(tuple(_norm(row[c]) for c in columns), []).append(row)
            self._by_columns[columns] = index
        return list(index.get(tuple(_norm(column_values[c]) for c in columns), ()))


_WALKS = 4096
"""The most :func:`crosswalk` answers a table keeps (the rules ask the same few per line)."""


def _check_columns(code_table: CodeTable, columns: Mapping[str, object]) -> None:
    """Raise UsageError naming the first column the table does not have."""
    for column in columns:
        if column not in code_table.meta.columns:
            raise UsageError(
                f"table {code_table.name!r} has no column {column!r}; "
                f"columns: {', '.join(code_table.meta.columns)}"
            )


class _Store:
    """Process-wide caches and overlays, guarded by one re-entrant lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.names: tuple[str, ...] | None = None
        self.metas: dict[str, TableMeta] = {}
        self.base_rows: dict[str, tuple[CodeRow, ...]] = {}
        self.tables: dict[str, CodeTable] = {}
        self.overlays: dict[str, list[CodeRow]] = {}

    def clear_cache(self) -> None:
        """Forget every parsed file (overlays are kept)."""
        with self.lock:
            self.names = None
            self.metas.clear()
            self.base_rows.clear()
            self.tables.clear()


_STORE: Final = _Store()


def _read_text(filename: str) -> str:
    """Read one data file of this package as UTF-8 text."""
    return resources.files(_PACKAGE).joinpath(filename).read_text(encoding="utf-8")


def names() -> list[str]:
    """List the names of the shipped code tables.

    Returns:
        Table names (data file stems), sorted.
    """
    with _STORE.lock:
        if _STORE.names is None:
            found = [
                entry.name.removesuffix(_DATA_SUFFIX)
                for entry in resources.files(_PACKAGE).iterdir()
                if entry.name.endswith(_DATA_SUFFIX) and entry.is_file()
            ]
            _STORE.names = tuple(sorted(found))
        return list(_STORE.names)


def _check_name(name: str) -> None:
    """Raise UnknownTableError unless ``name`` is a shipped table."""
    known = names()
    if not isinstance(name, str) or name not in known:
        hint = difflib.get_close_matches(str(name), known, n=3)
        suggestion = f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
        raise UnknownTableError(f"no code table named {name!r}{suggestion}")


def _load_meta(name: str) -> TableMeta:
    """Parse and check ``<name>.meta.json``."""
    with _STORE.lock:
        cached = _STORE.metas.get(name)
        if cached is not None:
            return cached
        filename = name + _META_SUFFIX
        try:
            raw = json.loads(_read_text(filename))
        except (OSError, ValueError) as exc:
            raise TableDataError(f"{filename}: cannot be read: {exc}") from exc
        if not isinstance(raw, dict):
            raise TableDataError(f"{filename}: expected a JSON object")
        missing = [field for field in _META_FIELDS if field not in raw]
        if missing:
            raise TableDataError(f"{filename}: missing {', '.join(missing)}")
        texts = {field: raw[field] for field in _META_FIELDS[:6]}
        if not all(isinstance(value, str) for value in texts.values()):
            raise TableDataError(f"{filename}: {', '.join(texts)} must be strings")
        columns, key = raw["columns"], raw["key"]
        if not (
            isinstance(columns, dict)
            and columns
            and all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
        ):
            raise TableDataError(f"{filename}: columns must map names to descriptions")
        if not (
            isinstance(key, list) and key and all(isinstance(k, str) and k in columns for k in key)
        ):
            raise TableDataError(f"{filename}: key must list one or more of its columns")
        try:
            retrieved = date.fromisoformat(texts["retrieved"])
        except ValueError as exc:
            raise TableDataError(f"{filename}: retrieved is not an ISO date") from exc
        meta = TableMeta(
            title=texts["title"],
            source=texts["source"],
            source_url=texts["source_url"],
            edition=texts["edition"],
            retrieved=retrieved,
            confidence=texts["confidence"],
            columns=MappingProxyType(dict(columns)),
            key=tuple(key),
        )
        _STORE.metas[name] = meta
        return meta


def _load_rows(name: str, meta: TableMeta) -> tuple[CodeRow, ...]:
    """Parse ``<name>.csv``; its header must list the meta's columns in the same order."""
    with _STORE.lock:
        cached = _STORE.base_rows.get(name)
        if cached is not None:
            return cached
        filename = name + _DATA_SUFFIX
        try:
            text = _read_text(filename)
        except (OSError, UnicodeDecodeError) as exc:
            raise TableDataError(f"{filename}: cannot be read: {exc}") from exc
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, [])
            columns = list(meta.columns)
            if header != columns:
                raise TableDataError(
                    f"{filename}: header {header} does not match the meta columns {columns}"
                )
            rows: list[CodeRow] = []
            for record in reader:
                if not record:
                    continue
                if len(record) != len(header):
                    raise TableDataError(
                        f"{filename}, line {reader.line_num}: {len(record)} fields, "
                        f"expected {len(header)}"
                    )
                try:
                    rows.append(CodeRow(name, dict(zip(header, record, strict=True)), meta.key))
                except ValueError as exc:
                    raise TableDataError(f"{filename}, line {reader.line_num}: {exc}") from exc
        except csv.Error as exc:
            raise TableDataError(f"{filename}, line {reader.line_num}: {exc}") from exc
        result = tuple(rows)
        _STORE.base_rows[name] = result
        return result


def _compose(name: str, base: tuple[CodeRow, ...], overlays: list[CodeRow]) -> tuple[CodeRow, ...]:
    """Apply overlays: a row with the same key replaces the shipped one, others are appended."""
    if not overlays:
        return base
    rows = list(base)
    position = {tuple(_norm(v) for v in row.key): index for index, row in enumerate(rows)}
    for row in overlays:
        row_key = tuple(_norm(v) for v in row.key)
        if row_key in position:
            rows[position[row_key]] = row
        else:
            position[row_key] = len(rows)
            rows.append(row)
    return tuple(rows)


def table(name: str) -> CodeTable:
    """Return a code table by name, loading it on first use.

    The result is cached and shared between threads; it is rebuilt only when an overlay for
    that table is added or reset.

    Args:
        name: A name from :func:`names`, e.g. ``"ca_tariff_treatments"``.

    Returns:
        The table, overlays included.

    Raises:
        UnknownTableError: No table has that name (a :class:`LookupError`).
        TableDataError: The shipped files are malformed.
    """
    cached = _STORE.tables.get(name) if type(name) is str else None
    if cached is not None:  # read without the lock: a table is put or dropped whole
        return cached
    with _STORE.lock:
        cached = _STORE.tables.get(name) if isinstance(name, str) else None
        if cached is not None:
            return cached
        _check_name(name)
        meta = _load_meta(name)
        rows = _compose(name, _load_rows(name, meta), _STORE.overlays.get(name, []))
        loaded = CodeTable(name, meta, rows)
        _STORE.tables[name] = loaded
        return loaded


def crosswalk(
    table_name: str, from_column: str, value: str, to_column: str, *, on: date | None = None
) -> list[str]:
    """Map a value of one column to the values of another, through one table.

    Crosswalks are explicit: the table and both columns are named, e.g.
    ``crosswalk("transport_modes", "rec19", "3", "us_mot")`` gives ``["30", "31"]``. Several
    results mean a one-to-many mapping; read the rows' ``notes`` to choose.

    Args:
        table_name: The table to walk through.
        from_column: Column holding ``value``.
        value: The value to map, compared ignoring case and surrounding blanks.
        to_column: Column whose values are returned.
        on: When given, only rows valid on that date are used.

    Returns:
        The distinct non-empty ``to_column`` values of the matching rows, in file order; an
        empty list when nothing maps.

    Raises:
        UnknownTableError: No table has that name.
        UsageError: A column is not in the table.
    """
    code_table = table(table_name)
    key = (from_column, _norm(value), to_column, on)
    walked = code_table._walks.get(key)
    if walked is None:
        _check_columns(code_table, {from_column: value, to_column: ""})
        found: list[str] = []
        for row in code_table.where(**{from_column: value}):
            if on is not None and not row.valid_on(on):
                continue
            target = row[to_column]
            if target and target not in found:
                found.append(target)
        walked = tuple(found)
        if len(code_table._walks) >= _WALKS:
            code_table._walks.clear()
        code_table._walks[key] = walked
    return list(walked)


def versions() -> dict[str, str]:
    """Report the edition of every shipped table (overlays do not change it).

    Returns:
        Table name to the edition string of its source.
    """
    return {name: _load_meta(name).edition for name in names()}


def add_row(table_name: str, row: Mapping[str, str]) -> CodeRow:
    """Add or replace a row of a table for this process, e.g. a code published after a release.

    A row whose key equals a shipped row's key replaces it; any other row is appended.
    Columns left out are empty, except ``verified``, which defaults to ``"no"``.

    Args:
        table_name: The table to change.
        row: Column name to value; every key column needs a non-empty value (crosswalk tables
            with a composite key need at least one).

    Returns:
        The row as stored.

    Raises:
        UnknownTableError: No table has that name.
        UsageError: A column is unknown, a value is not a string, the key is empty, or a
            validity date is malformed.
    """
    code_table = table(table_name)
    _check_columns(code_table, row)
    if not all(isinstance(value, str) for value in row.values()):
        raise UsageError("row values must be strings")
    data = {column: row.get(column, "") for column in code_table.meta.columns}
    if "verified" in data and "verified" not in row:
        data["verified"] = "no"
    if "verified" in row and data["verified"] not in {"yes", "no"}:
        raise UsageError("verified must be 'yes' or 'no'")
    if not any(data[column].strip() for column in code_table.meta.key):
        raise UsageError(f"table {table_name!r} needs a value for {code_table.meta.key}")
    try:
        stored = CodeRow(table_name, data, code_table.meta.key)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with _STORE.lock:
        _STORE.overlays.setdefault(table_name, []).append(stored)
        _STORE.tables.pop(table_name, None)
    return stored


def reset_overlays(table_name: str | None = None) -> None:
    """Remove the rows added with :func:`add_row`.

    Args:
        table_name: Only this table's overlays; all tables' when None.

    Raises:
        UnknownTableError: ``table_name`` is given and no table has that name.
    """
    with _STORE.lock:
        if table_name is None:
            for name in _STORE.overlays:
                _STORE.tables.pop(name, None)
            _STORE.overlays.clear()
            return
        _check_name(table_name)
        _STORE.overlays.pop(table_name, None)
        _STORE.tables.pop(table_name, None)

r"""The embedded store of imported editions: one SQLite file in the user's data directory.

Why SQLite (the standard library's :mod:`sqlite3`): no dependency; one file that survives
upgrades; an import is one transaction, so an interrupted import leaves no half edition; several
editions of a kind sit side by side, each a row of ``editions`` with its entries keyed by
``(edition_id, code)``; the file is portable and inspectable with any SQLite tool. Lookups do
not query it row by row: the first lookup of an edition reads its entries once into a dict.

Location: ``$HARMONIZED_CUSTOMS_DATA_DIR`` when set, else the platform's user data directory
(``$XDG_DATA_HOME/harmonized_customs`` or ``~/.local/share/harmonized_customs`` on Linux,
``~/Library/Application Support/harmonized_customs`` on macOS,
``%LOCALAPPDATA%\\harmonized_customs`` on Windows).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from harmonized_customs.refdata._model import Dataset, Entry

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "Store",
    "data_dir",
    "database_path",
    "read_entries",
    "store_key",
    "store_path",
]

ENV_VAR: Final = "HARMONIZED_CUSTOMS_DATA_DIR"
SCHEMA_VERSION: Final = 1
_FILE: Final = "refdata.sqlite3"
_APP: Final = "harmonized_customs"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS editions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    edition TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    source_url TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    current_as_of TEXT NOT NULL,
    refresh_days INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    verified INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    imported TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (kind, edition)
);
CREATE TABLE IF NOT EXISTS entries (
    edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    units TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    attrs TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_edition ON entries (edition_id, code);
"""


def data_dir() -> Path:
    """The directory of the store (it is created on the first import, not here)."""
    return _directory(os.environ.get(ENV_VAR))


def _directory(override: str | None) -> Path:
    """:func:`data_dir` when ``$HARMONIZED_CUSTOMS_DATA_DIR`` is ``override``."""
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / _APP


def store_key() -> str | None:
    """What the store's location is decided by, cheap to compare: ``$HARMONIZED_CUSTOMS_DATA_DIR``.

    A change of the platform's own variables (``XDG_DATA_HOME``, ``HOME``) within a process is
    seen after :func:`harmonized_customs.refdata.reset`.
    """
    return os.environ.get(ENV_VAR)


_PLACE_VARIABLES: Final = (ENV_VAR, "XDG_DATA_HOME", "HOME", "USERPROFILE", "LOCALAPPDATA")
"""The environment variables :func:`data_dir` depends on."""
_PATHS: dict[tuple[str | None, ...], Path] = {}
""":func:`database_path` by the values of :data:`_PLACE_VARIABLES` (a few, at most)."""


def database_path() -> Path:
    """The SQLite file holding the imported editions.

    Made once per set of values of the variables that decide it (a check asks for it each
    time): the path is the same as :func:`data_dir` would give.
    """
    environ = os.environ
    key = tuple(environ.get(name) for name in _PLACE_VARIABLES)
    found = _PATHS.get(key)
    if found is None:
        if len(_PATHS) >= 16:
            _PATHS.clear()
        found = _PATHS[key] = data_dir() / _FILE
    return found


def store_path(key: str | None) -> Path:
    """The SQLite file of the store that the :func:`store_key` ``key`` decides.

    :func:`database_path` when ``$HARMONIZED_CUSTOMS_DATA_DIR`` is ``key`` (the platform's own
    variables are read now).
    """
    return _directory(key) / _FILE


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dataset(row: sqlite3.Row) -> Dataset:
    return Dataset(
        kind=row["kind"],
        title=row["title"],
        source=row["source"],
        source_url=row["source_url"],
        edition=row["edition"],
        valid_from=dt.date.fromisoformat(row["valid_from"]),
        valid_to=_date(row["valid_to"]),
        current_as_of=dt.date.fromisoformat(row["current_as_of"]),
        refresh_days=row["refresh_days"],
        rows=row["rows"],
        origin="store",
        complete=bool(row["complete"]),
        verified=bool(row["verified"]),
        imported=dt.datetime.fromisoformat(row["imported"]),
    )


class Store:
    """The SQLite store at one path. Open it per operation; it keeps no connection."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def _connect(self, *, create: bool) -> Iterator[sqlite3.Connection]:
        import sqlite3  # noqa: PLC0415 - a check without imported editions opens no store

        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            if create:
                connection.executescript(_SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            yield connection
        finally:
            connection.close()

    def editions(self) -> list[tuple[int, Dataset]]:
        """Every stored edition with its row id; an empty list when there is no store yet."""
        if not self.path.is_file():
            return []
        with self._connect(create=False) as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return []
            rows = connection.execute("SELECT * FROM editions ORDER BY kind, valid_from").fetchall()
        return [(row["id"], _dataset(row)) for row in rows]

    def entries(self, edition_id: int) -> list[Entry]:
        """Every entry of one stored edition."""
        with self._connect(create=False) as connection:
            head = connection.execute(
                "SELECT kind, edition FROM editions WHERE id = ?", (edition_id,)
            ).fetchone()
            rows = connection.execute(
                "SELECT code, description, units, valid_from, valid_to, attrs FROM entries "
                "WHERE edition_id = ?",
                (edition_id,),
            ).fetchall()
        return list(read_entries(head["kind"], head["edition"], rows))

    def save(self, dataset: Dataset, entries: Iterable[Entry], source_file: Path) -> Dataset:
        """Store an edition in one transaction, replacing one of the same kind and name.

        Returns:
            The dataset as stored, with its row count and import time.
        """
        digest = hashlib.sha256(source_file.read_bytes()).hexdigest()
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        with self._connect(create=True) as connection, connection:
            connection.execute(
                "DELETE FROM editions WHERE kind = ? AND edition = ?",
                (dataset.kind, dataset.edition),
            )
            cursor = connection.execute(
                "INSERT INTO editions (kind, edition, title, source, source_url, valid_from, "
                "valid_to, current_as_of, refresh_days, complete, verified, rows, imported, "
                "file_name, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                (
                    dataset.kind,
                    dataset.edition,
                    dataset.title,
                    dataset.source,
                    dataset.source_url,
                    dataset.valid_from.isoformat(),
                    _iso(dataset.valid_to),
                    dataset.current_as_of.isoformat(),
                    dataset.refresh_days,
                    int(dataset.complete),
                    int(dataset.verified),
                    stamp.isoformat(),
                    source_file.name,
                    digest,
                ),
            )
            edition_id = cursor.lastrowid
            connection.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        edition_id,
                        e.code,
                        e.description,
                        json.dumps(list(e.units), ensure_ascii=False),
                        _iso(e.valid_from),
                        _iso(e.valid_to),
                        json.dumps(dict(e.attrs), ensure_ascii=False, sort_keys=True),
                    )
                    for e in entries
                ),
            )
            count = connection.execute(
                "SELECT COUNT(*) FROM entries WHERE edition_id = ?", (edition_id,)
            ).fetchone()[0]
            connection.execute("UPDATE editions SET rows = ? WHERE id = ?", (count, edition_id))
            row = connection.execute(
                "SELECT * FROM editions WHERE id = ?", (edition_id,)
            ).fetchone()
        return _dataset(row)

    def remove(self, kind: str, edition: str) -> bool:
        """Delete one stored edition; False when there was none."""
        if not self.path.is_file():
            return False
        with self._connect(create=True) as connection, connection:
            cursor = connection.execute(
                "DELETE FROM editions WHERE kind = ? AND edition = ?", (kind, edition)
            )
            return cursor.rowcount > 0


def read_entries(kind: str, edition: str, rows: Iterable[sqlite3.Row]) -> Iterator[Entry]:
    """Turn stored entry rows back into :class:`Entry` values."""
    for row in rows:
        yield Entry(
            kind=kind,
            code=row["code"],
            description=row["description"],
            units=tuple(json.loads(row["units"])),
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            attrs=json.loads(row["attrs"]),
            edition=edition,
        )

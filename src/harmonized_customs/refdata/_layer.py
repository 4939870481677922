"""One view over every edition, shipped or imported, and the code lookups against it.

The view says which edition is in force on a date.

Editions are listed once per data directory; an edition's entries are read the first time a
lookup needs them and kept in a dict (code to entries), so a lookup is a few dict accesses.
The data directory (``$HARMONIZED_CUSTOMS_DATA_DIR``) is read at each lookup, except inside
:meth:`_Layer.pinned` (a check pins it for its run: it reads the variable once, and a change
made while it runs is seen by the next check).
Where editions of one kind overlap, each is in force until the next one starts.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from harmonized_customs.refdata._model import Dataset, Entry, Standing
from harmonized_customs.refdata.kinds import get_kind
from harmonized_customs.refdata.packaged import packaged_datasets
from harmonized_customs.refdata.store import Store, database_path, store_key, store_path

__all__ = ["Edition", "Resolution", "layer"]

_UNPINNED = object()
"""The store key of a thread that has not pinned it (read at each lookup)."""
_MEMO_SIZE = 1 << 16
"""Resolutions kept before the memo starts afresh (bounds its memory)."""


@dataclass
class Edition:
    """An edition and, once read, its index."""

    dataset: Dataset
    load: Callable[[], Iterable[Entry]]
    index: Mapping[str, tuple[Entry, ...]] | None = None
    sorted_codes: list[str] | None = None
    indexer: Callable[[], Mapping[str, tuple[Entry, ...]]] | None = None
    """Builds the index itself (a shipped file's lazy index); otherwise ``load`` is grouped."""


@dataclass(frozen=True)
class Resolution:
    """What a lookup found for one code on one date.

    Attributes:
        dataset: The edition in force on the date, or None when none covers it.
        standing: ``current``, ``stale`` or ``absent`` (see :class:`Dataset.standing`).
        entry: The entry valid on the date, or None.
        others: Entries of the same code that are not valid on the date (expired or future).
    """

    dataset: Dataset | None
    standing: Standing
    entry: Entry | None = None
    others: tuple[Entry, ...] = ()

    @property
    def known(self) -> bool:
        """True when the code is valid on the date."""
        return self.entry is not None


def _chain(editions: list[Edition]) -> list[Edition]:
    """Sort one kind's editions by start; an edition ends the day before the next one starts."""
    ordered = sorted(
        editions,
        key=lambda e: (e.dataset.valid_from, e.dataset.origin == "store", e.dataset.edition),
    )
    for current, following in itertools.pairwise(ordered):
        end = following.dataset.valid_from - dt.timedelta(days=1)
        if current.dataset.valid_to is None or current.dataset.valid_to > end:
            current.dataset = dataclasses.replace(current.dataset, valid_to=end)
    return ordered


class _Layer:
    """Process-wide caches, keyed by the store's path (tests point it at a temporary dir)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._key: str | None = None
        self._by_kind: dict[str, list[Edition]] | None = None
        self._resolved: dict[tuple[str, str, dt.date], Resolution] = {}
        self._under: dict[tuple[str, str, dt.date, int], tuple[Entry, ...]] = {}
        """Answers of :meth:`under`, kept as :attr:`_resolved` is (the same editions)."""
        self._in_force: dict[tuple[str, dt.date], Edition | None] = {}
        """Answers of :meth:`edition_on`, kept as :attr:`_resolved` is (the same editions)."""
        self._local = threading.local()

    def pinned(self) -> _Pin:
        """Within, this thread's lookups read the store's location once, not at every lookup.

        Nested pins keep the outermost one's location. A change of
        ``$HARMONIZED_CUSTOMS_DATA_DIR`` inside is seen after the outermost pin ends.
        """
        return _Pin(self._local)

    def reset(self) -> None:
        """Forget every cached edition (after an import, or when the store moved)."""
        with self.lock:
            self._by_kind = None
            self._key = None
            self._resolved = {}
            self._under = {}
            self._in_force = {}

    def editions(self) -> dict[str, list[Edition]]:
        """Every edition by kind, in order of start date."""
        local = self._local
        held: object = getattr(local, "key", _UNPINNED)
        pinned = held is not _UNPINNED
        key = cast("str | None", held) if pinned else store_key()
        by_kind = self._by_kind
        if by_kind is not None and key == self._key:
            return by_kind
        with self.lock:
            if self._by_kind is None or key != self._key:
                self._resolved = {}
                self._under = {}
                self._in_force = {}
                path = store_path(key) if pinned else database_path()
                found: dict[str, list[Edition]] = {}
                for shipped in packaged_datasets():
                    found.setdefault(shipped.dataset.kind, []).append(
                        Edition(shipped.dataset, shipped.entries, indexer=shipped.index)
                    )
                store = Store(path)
                for edition_id, dataset in store.editions():
                    found.setdefault(dataset.kind, []).append(
                        Edition(dataset, _loader(store, edition_id))
                    )
                self._by_kind = {kind: _chain(group) for kind, group in found.items()}
                self._key = key
            return self._by_kind

    def edition_on(self, kind: str, on: dt.date) -> Edition | None:
        """The edition of ``kind`` in force on ``on`` (remembered, as :meth:`resolve` is)."""
        editions = self.editions()
        memo = self._in_force
        key = (kind, on)
        if key in memo:
            return memo[key]
        found = next((e for e in editions.get(kind, ()) if e.dataset.covers(on)), None)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = found
        return found

    def index(self, edition: Edition) -> Mapping[str, tuple[Entry, ...]]:
        """The edition's code index, built on first use."""
        index = edition.index
        if index is not None:
            return index
        with self.lock:
            if edition.index is None:
                built = _group(edition.load()) if edition.indexer is None else edition.indexer()
                edition.sorted_codes = sorted(built)
                edition.index = built
            return edition.index

    def _fresh(self) -> bool:
        """True when this thread pinned the store and the editions listed are of that store.

        The memos then answer for the editions in force without :meth:`editions` being asked.
        """
        held: object = getattr(self._local, "key", _UNPINNED)
        return held is not _UNPINNED and self._by_kind is not None and held == self._key

    def resolved(self, kind: str, code: str, on: dt.date) -> Resolution | None:
        """:meth:`resolve`'s remembered answer within a pin, or None (then ask :meth:`resolve`)."""
        return self._resolved.get((kind, code, on)) if self._fresh() else None

    def found_under(self, kind: str, prefix: str, on: dt.date, limit: int) -> list[Entry] | None:
        """:meth:`under`'s remembered answer within a pin, or None (then ask :meth:`under`)."""
        if not self._fresh():
            return None
        found = self._under.get((kind, prefix, on, limit))
        return list(found) if found is not None else None

    def resolve(self, kind: str, code: str, on: dt.date) -> Resolution:
        """Look ``code`` up in the edition of ``kind`` in force on ``on``.

        Answers are memoised: the rules of several countries ask about the same codes.
        """
        editions = self.editions()
        memo = self._resolved
        found = memo.get((kind, code, on))
        if found is None:
            found = self._resolve(editions, kind, code, on)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[(kind, code, on)] = found
        return found

    def _resolve(
        self, editions: dict[str, list[Edition]], kind: str, code: str, on: dt.date
    ) -> Resolution:
        edition = next((e for e in editions.get(kind, ()) if e.dataset.covers(on)), None)
        if edition is None:
            return Resolution(None, "absent")
        entries = self.index(edition).get(get_kind(kind).normalize(code), ())
        standing = edition.dataset.standing(on)
        for entry in entries:
            if entry.valid_on(on):
                return Resolution(edition.dataset, standing, entry)
        return Resolution(edition.dataset, standing, None, entries)

    def under(self, kind: str, prefix: str, on: dt.date, limit: int) -> list[Entry]:
        """Entries valid on ``on`` whose code starts with ``prefix``, in code order.

        Answers are memoised, as :meth:`resolve`'s are (each goods line asks about its HS6).
        """
        self.editions()  # the memo is of the editions in force for this store
        memo = self._under
        key = (kind, prefix, on, limit)
        found = memo.get(key)
        if found is None:
            found = tuple(self._under_found(kind, prefix, on, limit))
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = found
        return list(found)

    def _under_found(self, kind: str, prefix: str, on: dt.date, limit: int) -> list[Entry]:
        edition = self.edition_on(kind, on)
        if edition is None:
            return []
        index = self.index(edition)
        codes = edition.sorted_codes or []
        wanted = get_kind(kind).normalize(prefix)
        found: list[Entry] = []
        position = bisect.bisect_left(codes, wanted)
        while position < len(codes) and codes[position].startswith(wanted):
            found.extend(e for e in index[codes[position]] if e.valid_on(on))
            position += 1
            if len(found) >= limit:
                break
        return found[:limit]


class _Pin:
    """:meth:`_Layer.pinned`: the store's key read once as the outermost pin is entered.

    Only ``$HARMONIZED_CUSTOMS_DATA_DIR`` is read (a check enters one pin); the store's file
    is worked out from it when the editions are listed (:func:`store_path`).
    """

    __slots__ = ("_local", "_outer")

    def __init__(self, local: threading.local) -> None:
        self._local = local
        self._outer = False

    def __enter__(self) -> None:
        local = self._local
        if getattr(local, "key", _UNPINNED) is _UNPINNED:
            local.key = store_key()
            self._outer = True

    def __exit__(self, *exc: object) -> None:
        if self._outer:
            self._outer = False
            del self._local.key


def _group(entries: Iterable[Entry]) -> dict[str, tuple[Entry, ...]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.code, []).append(entry)
    return {code: tuple(group) for code, group in grouped.items()}


def _loader(store: Store, edition_id: int) -> Callable[[], Iterable[Entry]]:
    def load() -> Iterable[Entry]:
        return store.entries(edition_id)

    return load


layer = _Layer()
"""The process-wide layer."""

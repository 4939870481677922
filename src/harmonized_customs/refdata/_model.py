"""The two values of the reference-data layer: a :class:`Dataset` and an :class:`Entry`.

A dataset is one edition of one kind of code list or tariff schedule; an entry is one code of it.

Both are immutable. Dates are the declaration's dates: an edition *covers* a date when it is in
force on it, and an entry is *valid on* a date when the code may be used on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

__all__ = ["Dataset", "Entry", "Origin", "Standing"]

Origin = Literal["package", "store"]
"""Where an edition comes from: shipped with the library, or imported into the user's store."""

Standing = Literal["current", "stale", "absent"]
"""How an edition stands for a date: in force and recent, in force but older than its source's
publication rhythm (a code missing from it may be new), or no edition covers the date."""


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of a dataset, with what the rules need to know about it.

    Attributes:
        kind: The dataset kind (``hs``, ``us-hts``, ``mx-fraccion``...).
        code: The code as compared: digits only for tariff numbers (``0101210010``).
        description: The official description (for tariff lines, with its parents' text).
        units: The units of quantity the code must be reported in, in order (HTS units such as
            ``("No.", "kg")``; the UMT of a fracción as a c_UnidadAduana code); empty if none.
        valid_from: First day the code may be used, or None when the edition's start applies.
        valid_to: Last day (inclusive), or None when open.
        attrs: Further columns of the source (rates, special program symbols, patterns).
        edition: The edition the entry belongs to.
    """

    kind: str
    code: str
    description: str = ""
    units: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    attrs: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    edition: str = ""

    def valid_on(self, on: dt.date) -> bool:
        """Whether the code may be used on ``on`` (bounds inclusive)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to

    def to_dict(self) -> dict[str, object]:
        """JSON-ready mapping (dates as ISO strings)."""
        return {
            "kind": self.kind,
            "code": self.code,
            "description": self.description,
            "units": list(self.units),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "attrs": dict(self.attrs),
            "edition": self.edition,
        }


@dataclass(frozen=True, slots=True)
class Dataset:
    """One edition of one kind of reference data.

    Attributes:
        kind: What the dataset is (see :data:`harmonized_customs.refdata.KINDS`).
        title: One line saying what it holds.
        source: The official publication the codes come from.
        source_url: Where that publication (or the copy read) is.
        edition: The edition's name (``HS 2022``, ``2026 Revision 5``...).
        valid_from: First day the edition is in force.
        valid_to: Last day it is in force, or None when no successor is known.
        current_as_of: The last date its content is known to reflect.
        refresh_days: The source's publication rhythm: past ``current_as_of`` plus this many
            days the edition is *stale*, and a code missing from it is not an error.
        rows: Number of entries.
        origin: ``package`` (shipped) or ``store`` (imported by the user).
        complete: True when it holds every code of the official list (not an excerpt).
        verified: True when its rows were checked against the official publication.
        imported: When it was imported (store editions only).
    """

    kind: str
    title: str
    source: str
    source_url: str
    edition: str
    valid_from: dt.date
    valid_to: dt.date | None
    current_as_of: dt.date
    refresh_days: int
    rows: int
    origin: Origin
    complete: bool = True
    verified: bool = True
    imported: dt.datetime | None = None

    def covers(self, on: dt.date) -> bool:
        """Whether the edition is in force on ``on``."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def standing(self, on: dt.date) -> Standing:
        """How the edition stands for a declaration dated ``on``."""
        if not self.covers(on):
            return "absent"
        if on > self.current_as_of + dt.timedelta(days=self.refresh_days):
            return "stale"
        return "current"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready mapping (dates as ISO strings)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "source_url": self.source_url,
            "edition": self.edition,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "current_as_of": self.current_as_of.isoformat(),
            "refresh_days": self.refresh_days,
            "rows": self.rows,
            "origin": self.origin,
            "complete": self.complete,
            "verified": self.verified,
            "imported": self.imported.isoformat() if self.imported else None,
        }

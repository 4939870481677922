"""Reference data: official code lists and tariff schedules, dated, with their provenance.

One API for every kind (see :data:`KINDS`): the HS 2022 nomenclature and SAT's catalogues ship
with the library; tariff schedules (HTSUS, a newer SAT c_FraccionArancelaria, the Canadian
Customs Tariff) are imported from the official files into an embedded store in the user's
data directory, several editions side by side. A code is looked up as valid on the
declaration's date, in the edition in force on that date::

    >>> import datetime as dt
    >>> from harmonized_customs import refdata
    >>> refdata.lookup("hs", "870830", on=dt.date(2026, 11, 20)).description
    'Vehicle parts; brakes, servo-brakes and parts thereof'
    >>> refdata.lookup("mx-fraccion", "8708100100", on=dt.date(2024, 6, 1)).units
    ('01',)

Nothing is read at import time: the list of editions is read on first use, and an edition's
rows the first time a lookup needs them, into dicts (a lookup then takes about a microsecond).
See docs/reference-data.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from harmonized_customs.refdata import importers
from harmonized_customs.refdata._layer import Resolution, layer
from harmonized_customs.refdata._model import Dataset, Entry, Origin, Standing
from harmonized_customs.refdata.importers import RefDataFileError
from harmonized_customs.refdata.kinds import KINDS, Kind, get_kind
from harmonized_customs.refdata.store import ENV_VAR, Store, data_dir, database_path

__all__ = [
    "ENV_VAR",
    "KINDS",
    "Dataset",
    "Entry",
    "Kind",
    "Origin",
    "RefDataFileError",
    "Resolution",
    "Standing",
    "data_dir",
    "database_path",
    "dataset",
    "datasets",
    "entries",
    "import_file",
    "lookup",
    "pinned",
    "remove",
    "reset",
    "resolve",
    "under",
]


def _today(on: dt.date | None) -> dt.date:
    return on if on is not None else dt.date.today()


def datasets(kind: str | None = None) -> list[Dataset]:
    """Every edition present, shipped and imported, by kind then start date.

    Args:
        kind: Only this kind's editions.
    """
    if kind is not None:
        get_kind(kind)
    editions = layer.editions()
    return [
        edition.dataset
        for name in sorted(editions)
        if kind is None or name == kind
        for edition in editions[name]
    ]


def dataset(kind: str, on: dt.date | None = None) -> Dataset | None:
    """The edition of ``kind`` in force on ``on`` (today when None), or None."""
    get_kind(kind)
    edition = layer.edition_on(kind, _today(on))
    return edition.dataset if edition is not None else None


def resolve(kind: str, code: str, on: dt.date | None = None) -> Resolution:
    """Look a code up and say why it was or was not found (no edition, stale, expired...).

    Args:
        kind: A kind of :data:`KINDS`.
        code: The code as written (dots and blanks in tariff numbers are ignored).
        on: The declaration's date; today when None.
    """
    if on is None:
        on = dt.date.today()
    if type(kind) is str:  # a kind of the memo was checked when its answer was made
        found = layer.resolved(kind, code, on)
        if found is not None:
            return found
    get_kind(kind)
    return layer.resolve(kind, code, on)


def lookup(kind: str, code: str, on: dt.date | None = None) -> Entry | None:
    """The entry of ``code`` valid on ``on`` in the edition in force then, or None."""
    return resolve(kind, code, on).entry


def under(kind: str, prefix: str, on: dt.date | None = None, *, limit: int = 50) -> list[Entry]:
    """The codes of ``kind`` that start with ``prefix`` (an HS6...), valid on ``on``.

    Args:
        kind: A kind of :data:`KINDS`.
        prefix: The start of the codes wanted, such as an HS6 ``870830``.
        on: The declaration's date; today when None.
        limit: At most this many entries, in code order.
    """
    if on is None:
        on = dt.date.today()
    if type(kind) is str:  # a kind of the memo was checked when its answer was made
        found = layer.found_under(kind, prefix, on, limit)
        if found is not None:
            return found
    get_kind(kind)
    return layer.under(kind, prefix, on, limit)


def entries(kind: str, on: dt.date | None = None) -> list[Entry]:
    """Every entry of the edition of ``kind`` in force on ``on`` (today when None)."""
    get_kind(kind)
    edition = layer.edition_on(kind, _today(on))
    if edition is None:
        return []
    return [entry for group in layer.index(edition).values() for entry in group]


def import_file(
    kind: str,
    path: str | Path,
    *,
    edition: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    current_as_of: dt.date | None = None,
) -> Dataset:
    """Import an official file into the store, as an edition of ``kind``.

    Args:
        kind: ``us-hts`` (USITC JSON or CSV export), ``mx-fraccion`` (SAT catalogue as CSV with
            the shipped columns), ``ca-tariff`` (the CSV format of docs/reference-data.md).
        path: The file.
        edition: The edition's name (``2026 Revision 5``); default: from the file's name.
        valid_from: First day the edition is in force; default: the earliest row validity
            in the file, else today.
        valid_to: Last day it is in force, when known (a later edition ends it anyway).
        current_as_of: The date its content reflects; default: ``valid_from``.

    Returns:
        The stored edition.

    Raises:
        RefDataFileError: The file cannot be read as that kind (the message says where).
        UsageError: The kind cannot be imported.
    """
    parsed = importers.parse(kind, Path(path))
    start = valid_from or parsed.earliest or dt.date.today()
    spec = get_kind(kind)
    described = Dataset(
        kind=spec.name,
        title=spec.title,
        source=parsed.source,
        source_url=parsed.source_url,
        edition=edition or Path(path).stem,
        valid_from=start,
        valid_to=valid_to,
        current_as_of=current_as_of or start,
        refresh_days=spec.refresh_days,
        rows=len(parsed.entries),
        origin="store",
        complete=True,
        verified=True,
    )
    stored = Store(database_path()).save(described, parsed.entries, Path(path))
    layer.reset()
    return stored


def remove(kind: str, edition: str) -> bool:
    """Delete an imported edition from the store; False when there was none."""
    get_kind(kind)
    removed = Store(database_path()).remove(kind, edition)
    layer.reset()
    return removed


def pinned() -> contextlib.AbstractContextManager[None]:
    """Within, lookups of this thread read ``$HARMONIZED_CUSTOMS_DATA_DIR`` once (a check's run).

    Outside, every lookup reads it, so a test or a program that points the store elsewhere is
    followed at once; inside, the change is seen when the block ends.
    """
    return layer.pinned()


def reset() -> None:
    """Forget the cached editions (the store is read again on the next lookup)."""
    layer.reset()

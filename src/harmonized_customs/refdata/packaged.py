"""The datasets shipped with the library: small official lists as package data.

Each is a CSV file in ``refdata/data/`` with a ``<stem>.meta.json`` sidecar: the provenance
fields of :mod:`harmonized_customs.mappings` (title, source, source_url, edition, retrieved,
confidence, columns, key) plus a ``dataset`` object saying which kind it is, which columns hold
the code, the description and the units, and the edition's dates. Nothing is read at import
time; a file is parsed when a lookup first needs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from harmonized_customs.refdata._model import Dataset, Entry
from harmonized_customs.refdata.kinds import get_kind

__all__ = ["PackagedDataset", "packaged_datasets"]

_PACKAGE: Final = "harmonized_customs.refdata"
_FOLDER: Final = "data"
_META_SUFFIX: Final = ".meta.json"


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
        text = (
            resources.files(_PACKAGE).joinpath(_FOLDER, self.stem + ".csv").read_text("utf-8-sig")
        )
        normalize = get_kind(self.dataset.kind).normalize
        for row in csv.DictReader(io.StringIO(text, newline="")):
            if any(row.get(column) != value for column, value in self.only.items()):
                continue
            yield Entry(
                kind=self.dataset.kind,
                code=normalize(row[self.code_column]),
                description=row.get(self.description_column, "") or "",
                units=tuple(row[c] for c in self.unit_columns if row.get(c)),
                valid_from=_date(row.get("valid_from")),
                valid_to=_date(row.get("valid_to")),
                attrs={c: row.get(c, "") or "" for c in self.attr_columns},
                edition=self.dataset.edition,
            )


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

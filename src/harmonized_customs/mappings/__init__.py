"""Customs code tables as data files with provenance, and one loader for all of them.

Each table is a CSV file (UTF-8, one header row) with a ``<name>.meta.json`` sidecar naming
its source, edition, retrieval date, columns and key, and saying how far to trust it. Every
row carries a ``verified`` column: ``no`` marks values the research could not confirm in an
official source; they are kept so that nothing is lost, but checks built on them should warn
rather than block. Codes with a known validity carry ``valid_from``/``valid_to`` dates, to be
checked against the declaration's date.

Only customs-specific tables live here: countries, subdivisions and currencies come from
pycountry. Crosswalks between international and national codes are tables too, with a
``notes`` column for lossy or one-to-many mappings.

Example:
    >>> from harmonized_customs import mappings
    >>> mappings.table("ca_tariff_treatments").lookup("10")["abbreviation"]
    'UST'
    >>> mappings.crosswalk("transport_modes", "rec19", "3", "us_mot")
    ['30', '31']

Nothing is read at import time; tables load on first use, once, under a lock.
"""

from __future__ import annotations

from harmonized_customs.mappings._loader import (
    CodeKey,
    CodeRow,
    CodeTable,
    TableDataError,
    TableMeta,
    UnknownCodeError,
    UnknownTableError,
    add_row,
    crosswalk,
    names,
    reset_overlays,
    table,
    versions,
)

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

"""Importer of SAT's c_FraccionArancelaria (fracción arancelaria + NICO with its UMT).

Source: SAT, "Catálogos del Complemento de Comercio Exterior" (c_FraccionArancelaria, published
as XLS at https://www.sat.gob.mx). A newer edition is imported from a CSV file with the columns
of the shipped snapshot (``refdata/data/sat_cce20_fracciones.csv``): ``fraccion_nico`` (10
digits), ``unidad_aduana`` (the UMT as a two-digit c_UnidadAduana code), ``valid_from``,
``valid_to`` (ISO dates, ``valid_to`` may be empty) and ``texto``. Save SAT's sheet as CSV
with those headings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from harmonized_customs.refdata._files import Parsed, RefDataFileError, iso_date, parse_csv
from harmonized_customs.refdata._model import Entry
from harmonized_customs.refdata.kinds import digits

__all__ = ["COLUMNS", "parse"]

COLUMNS: Final = ("fraccion_nico", "unidad_aduana", "valid_from", "valid_to", "texto")
SOURCE: Final = "SAT, Catálogos del Complemento de Comercio Exterior, c_FraccionArancelaria"
SOURCE_URL: Final = "https://www.sat.gob.mx"
_UNIT: Final = re.compile(r"[0-9]{2}")


def _entry(row: dict[str, str], where: str) -> Entry:
    code = digits(row["fraccion_nico"])
    if not re.fullmatch(r"[0-9]{10}", code):
        raise RefDataFileError(f"{where}: fraccion_nico {row['fraccion_nico']!r} is not 10 digits")
    unit = row["unidad_aduana"].strip()
    if not _UNIT.fullmatch(unit):
        raise RefDataFileError(f"{where}: unidad_aduana {unit!r} is not a two-digit code")
    return Entry(
        kind="mx-fraccion",
        code=code,
        description=row["texto"].strip(),
        units=(unit,),
        valid_from=iso_date(row["valid_from"], f"{where}, valid_from"),
        valid_to=iso_date(row["valid_to"], f"{where}, valid_to"),
    )


def parse(path: Path) -> Parsed:
    """Read a c_FraccionArancelaria CSV file.

    Raises:
        RefDataFileError: A column is missing or a row is malformed (the line is named).
    """
    return parse_csv(path, COLUMNS, _entry, (SOURCE, SOURCE_URL))

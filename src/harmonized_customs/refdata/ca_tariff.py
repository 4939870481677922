"""Importer of the Canadian Customs Tariff, in a CSV format this library defines.

CBSA publishes the Customs Tariff (the schedule to the Customs Tariff Act) each year as PDF and
HTML chapters (https://www.cbsa-asfc.gc.ca/trade-commerce/tariff-tarif/); no machine-readable
official file is known, so no Canadian data ships. A broker who keeps the tariff in a
spreadsheet imports it in this format (UTF-8 CSV, one header row):

``classification_number``
    10 digits: the 8-digit tariff item and the 2-digit statistical suffix (dots allowed).
``description``
    The description of the tariff item / statistical suffix.
``unit``
    The unit of measure of the tariff (CBSA unit code, e.g. ``KGM``, ``NMB``); may be empty.
``mfn_rate``
    The Most-Favoured-Nation rate as printed (``6.5%``, ``Free``); may be empty.
``valid_from``, ``valid_to``
    ISO dates; may be empty (the edition's dates apply).

Columns may come in any order; other columns are kept as attributes of the entry.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from harmonized_customs.refdata._files import Parsed, RefDataFileError, iso_date, parse_csv
from harmonized_customs.refdata._model import Entry
from harmonized_customs.refdata.kinds import digits

__all__ = ["REQUIRED", "parse"]

REQUIRED: Final = ("classification_number", "description")
SOURCE: Final = "CBSA, Customs Tariff (imported from a user-prepared CSV file)"
SOURCE_URL: Final = "https://www.cbsa-asfc.gc.ca/trade-commerce/tariff-tarif/"
_FIXED: Final = {"classification_number", "description", "unit", "valid_from", "valid_to"}


def _entry(row: dict[str, str], where: str) -> Entry:
    code = digits(row["classification_number"] or "")
    if not re.fullmatch(r"[0-9]{10}", code):
        raise RefDataFileError(f"{where}: {row['classification_number']!r} is not 10 digits")
    unit = (row.get("unit") or "").strip()
    return Entry(
        kind="ca-tariff",
        code=code,
        description=(row["description"] or "").strip(),
        units=(unit,) if unit else (),
        valid_from=iso_date(row.get("valid_from") or "", where),
        valid_to=iso_date(row.get("valid_to") or "", where),
        attrs={k: (v or "").strip() for k, v in row.items() if k and k not in _FIXED},
    )


def parse(path: Path) -> Parsed:
    """Read a Customs Tariff CSV file of the documented format.

    Raises:
        RefDataFileError: A required column is missing or a row is malformed.
    """
    return parse_csv(path, REQUIRED, _entry, (SOURCE, SOURCE_URL))

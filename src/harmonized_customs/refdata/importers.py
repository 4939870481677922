"""Importing official files into the store: the dispatch by kind.

One module per source format: :mod:`.us_hts` (USITC JSON and CSV exports),
:mod:`.mx_fracciones` (SAT c_FraccionArancelaria as CSV), :mod:`.ca_tariff` (the documented CSV
format for the Canadian Customs Tariff).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from harmonized_customs.errors import UsageError
from harmonized_customs.refdata import ca_tariff, mx_fracciones, us_hts
from harmonized_customs.refdata._files import Parsed, RefDataFileError
from harmonized_customs.refdata.kinds import get_kind

__all__ = ["PARSERS", "Parsed", "RefDataFileError", "parse"]

PARSERS: Final[dict[str, Callable[[Path], Parsed]]] = {
    "us-hts": us_hts.parse,
    "mx-fraccion": mx_fracciones.parse,
    "ca-tariff": ca_tariff.parse,
}
"""The importer of each importable kind."""


def parse(kind: str, path: Path) -> Parsed:
    """Read ``path`` as an official file of ``kind``.

    Raises:
        UsageError: The kind is not importable.
        RefDataFileError: The file cannot be read as that kind.
    """
    spec = get_kind(kind)
    parser = PARSERS.get(spec.name)
    if parser is None:
        importable = ", ".join(sorted(PARSERS))
        raise UsageError(f"{kind!r} is shipped, not imported; importable kinds: {importable}")
    parsed = parser(path)
    if not parsed.entries:
        raise RefDataFileError(f"{path}: no {kind} codes found")
    return parsed

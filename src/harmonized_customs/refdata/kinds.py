"""The kinds of reference data the library knows: what each holds and how its codes compare.

A kind is one official list or schedule (the HS nomenclature, the HTSUS, SAT's
c_FraccionArancelaria...). Several editions of a kind may be present at once, shipped or
imported; a lookup picks the edition in force on the declaration's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from harmonized_customs.errors import UsageError

__all__ = ["KINDS", "Kind", "get_kind"]

_NON_DIGITS: Final = re.compile(r"[\s.\-]")


def digits(code: str) -> str:
    """A tariff number as compared: dots, hyphens and blanks removed (``0101.21.00.10``).

    A code of digits only (every row of the shipped HS file) has nothing to remove: it is
    returned as it is, without a pass of the pattern.
    """
    if code.isdigit():
        return code
    return _NON_DIGITS.sub("", code)


def upper(code: str) -> str:
    """A letter code as compared: blanks stripped, upper case."""
    return code.strip().upper()


@dataclass(frozen=True)
class Kind:
    """One kind of reference data.

    Attributes:
        name: The kind's name, used by the API and the command line (``us-hts``).
        title: What it holds.
        authority: Who publishes it.
        refresh_days: The source's publication rhythm in days: an edition whose content is
            older than this on the declaration's date is stale.
        importable: True when users may import editions of it (see ``data import``).
        normalize: Turns a code as written into the code as compared.
    """

    name: str
    title: str
    authority: str
    refresh_days: int
    importable: bool = False
    normalize: Callable[[str], str] = upper


KINDS: Final[dict[str, Kind]] = {
    kind.name: kind
    for kind in (
        Kind("hs", "Harmonized System subheadings (HS6)", "WCO", 5 * 366, normalize=digits),
        Kind("hs-section", "Harmonized System sections", "WCO", 5 * 366),
        Kind(
            "us-hts",
            "HTSUS statistical reporting numbers (10 digits) with units and rates",
            "USITC",
            120,
            importable=True,
            normalize=digits,
        ),
        Kind(
            "mx-fraccion",
            "Fracción arancelaria + NICO with its UMT (c_FraccionArancelaria, CCE 2.0)",
            "SAT",
            180,
            importable=True,
            normalize=digits,
        ),
        Kind(
            "ca-tariff",
            "Canadian Customs Tariff classification numbers (10 digits)",
            "CBSA",
            120,
            importable=True,
            normalize=digits,
        ),
        Kind("mx-unidad-aduana", "c_UnidadAduana (UMT codes of the CCE)", "SAT", 366),
        Kind("mx-aduana", "c_Aduana (two-digit aduanas)", "SAT", 366),
        Kind("mx-patente", "c_PatenteAduanal (patentes de agente aduanal)", "SAT", 366),
        Kind("mx-pais", "c_Pais with tax-id and postal-code patterns", "SAT", 366),
        Kind("mx-incoterm", "c_INCOTERM of the CCE 2.0", "SAT", 366),
        Kind("mx-estado", "c_Estado of the CCE 2.0 (MEX, USA, CAN)", "SAT", 366),
    )
}
"""Every kind, by name."""


def get_kind(name: str) -> Kind:
    """Return a kind by name.

    Raises:
        UsageError: No kind has that name.
    """
    kind = KINDS.get(name) if isinstance(name, str) else None
    if kind is None:
        raise UsageError(f"no reference data kind {name!r}; kinds: {', '.join(KINDS)}")
    return kind

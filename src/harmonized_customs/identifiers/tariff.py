"""Tariff classification codes: HS subheading and the national extensions.

The Harmonized System (WCO) is shared to 6 digits; each country extends it:

* ``hs6``: the international subheading, 6 digits (``8471.30``);
* ``us-hts10``: the HTSUS number, 8-digit legal subheading + 2-digit statistical suffix
  (USITC; printed ``8471.30.0100``);
* ``ca-classification10``: the Canadian classification number, 8-digit tariff item +
  2-digit statistical suffix (CBSA; printed ``9507.90.10.00``);
* ``mx-fraccion8``: the fracción arancelaria of the LIGIE, 8 digits (printed ``8471.30.01``);
* ``mx-nico2``: the Número de Identificación Comercial, 2 digits, carried beside the
  fracción (never joined to it in the pedimento).

Only shapes are checked: digits and length, dots and spaces allowed as separators. Whether
a code exists on a given date is a check against the published tariffs. A code is **never
padded or derived**: an HS6 code given where a national code is needed is too short.

More information:

* https://www.wcoomd.org/en/topics/nomenclature/overview/what-is-the-harmonized-system.aspx
* https://hts.usitc.gov/
* https://cbsa-asfc.gc.ca/trade-commerce/tariff-tarif/guide/read-lire-eng.html
* https://blog.cjaduanero.com/acuerdo-por-el-que-se-dan-a-conocer-los-numeros-de-identificacion-comercial-nico-y-sus-tablas-de-correlacion
"""

from __future__ import annotations

from typing import Literal

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = [
    "LEVELS",
    "SCHEME",
    "Level",
    "ca_classification10",
    "check",
    "compact",
    "extends",
    "format",
    "hs6",
    "is_valid",
    "mx_fraccion8",
    "mx_nico2",
    "us_hts10",
    "validate",
]

SCHEME = "tariff"
"""The module's name; ``ctx['identifier']`` names the level (``us-hts10``...)."""

Level = Literal["hs6", "us-hts10", "ca-classification10", "mx-fraccion8", "mx-nico2"]
"""A classification level."""

LEVELS: dict[Level, int] = {
    "hs6": 6,
    "us-hts10": 10,
    "ca-classification10": 10,
    "mx-fraccion8": 8,
    "mx-nico2": 2,
}
"""The number of digits of each level."""

_GROUPS: dict[Level, tuple[int, ...]] = {
    "hs6": (4, 2),
    "us-hts10": (4, 2, 4),
    "ca-classification10": (4, 2, 2, 2),
    "mx-fraccion8": (4, 2, 2),
    "mx-nico2": (2,),
}


def compact(value: str) -> str:
    """The code without dots, spaces and hyphens (``8471.30.0100`` -> ``8471300100``)."""
    return clean(value, " .-")


def validate(value: str, level: Level) -> str:
    """Check the shape of a code of ``level`` and return its compact form.

    Raises:
        InvalidLength: Not the level's number of digits.
        InvalidFormat: Not digits only.
        KeyError: ``level`` is no known level (a programmer error).
    """
    digits = LEVELS[level]
    code = compact(value)
    slug = level.replace("-", "_")
    if len(code) != digits:
        raise InvalidLength(
            f"{slug}_invalid_length", identifier=level, value=code, length=len(code)
        )
    if not code.isascii() or not code.isdigit():
        raise InvalidFormat(f"{slug}_invalid_format", identifier=level, value=code)
    return code


def is_valid(value: str, level: Level) -> bool:
    """True when ``value`` is a well-formed code of ``level``; never raises for data."""
    return passes(lambda text: validate(text, level), value)


def check(value: str, level: Level) -> list[IdentifierError]:
    """Every problem of ``value`` as a code of ``level``; empty when fine."""
    return collect(lambda text: validate(text, level), value)


def format(value: str, level: Level) -> str:
    """The code as printed in its tariff (``8471.30.0100``); invalid values compacted."""
    code = compact(value)
    if len(code) != LEVELS[level]:
        return code
    groups: list[str] = []
    start = 0
    for size in _GROUPS[level]:
        groups.append(code[start : start + size])
        start += size
    return ".".join(groups)


def hs6(value: str) -> str:
    """Check an HS subheading (6 digits) and return its compact form."""
    return validate(value, "hs6")


def us_hts10(value: str) -> str:
    """Check an HTSUS number (10 digits) and return its compact form."""
    return validate(value, "us-hts10")


def ca_classification10(value: str) -> str:
    """Check a Canadian classification number (10 digits) and return its compact form."""
    return validate(value, "ca-classification10")


def mx_fraccion8(value: str) -> str:
    """Check a Mexican fracción arancelaria (8 digits) and return its compact form."""
    return validate(value, "mx-fraccion8")


def mx_nico2(value: str) -> str:
    """Check a Mexican NICO (2 digits) and return its compact form."""
    return validate(value, "mx-nico2")


def extends(national: str, hs6: str) -> bool:
    """True when a national code (8 or 10 digits) begins with the HS subheading ``hs6``.

    Both are compacted first; a value that is not digits, or a national code shorter than
    8 digits, never extends anything.
    """
    code = compact(national)
    subheading = compact(hs6)
    if not is_valid(subheading, "hs6") or not code.isascii() or not code.isdigit():
        return False
    return len(code) in (8, 10) and code[:6] == subheading

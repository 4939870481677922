"""Número de pedimento (Mexican customs declaration number).

Anexo 22 of the Reglas Generales de Comercio Exterior, field 1 "NUM. PEDIMENTO", defines
the 15-digit number:

* año de validación: the last 2 digits of the validation year;
* aduana de despacho: the 2-digit customs office (without the section digit);
* patente or autorización of the agente aduanal (or apoderado, importer, almacén), 4 digits
  left-padded with zeros;
* the last digit of the current year, **except** for a consolidated pedimento begun the year
  before and for the original pedimento of a rectification: a mismatch with the validation
  year is therefore only a warning (``mx_pedimento_year_digit_mismatch``);
* a 6-digit progressive number per aduana and patente, starting at ``000001``.

It is printed with two spaces between the groups and none between the year digit and the
progressive number: ``YY  AA  PPPP  NNNNNNN`` (21 characters, the pattern of the CFDI
``NumeroPedimento``). There is no check digit. Whether the aduana and the patente exist, and
whether the year is not in the future, are checks against catalogues and the declaration
date, not done here.

More information:

* https://www.dof.gob.mx/nota_detalle.php?codigo=5676445&fecha=05/01/2023 (Anexo 22, 2023)
* https://blog.cjaduanero.com/anexo-22-de-las-rgce-para-2019-publicadas-el-24062019
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = [
    "SCHEME",
    "PedimentoParts",
    "check",
    "compact",
    "compose",
    "format",
    "is_valid",
    "parts",
    "validate",
]

SCHEME = "mx-pedimento"
"""The name used in ``ctx['identifier']``."""


class PedimentoParts(NamedTuple):
    """The parts of a pedimento number, as strings of digits."""

    year: str
    """Last 2 digits of the validation year."""
    aduana: str
    """The 2-digit aduana de despacho."""
    patente: str
    """The 4-digit patente or autorización."""
    year_digit: str
    """Last digit of the year the number was assigned in."""
    sequence: str
    """The 6-digit progressive number."""

    @property
    def number(self) -> str:
        """The 7 digits the M3 file carries: year digit and sequence."""
        return self.year_digit + self.sequence


def compact(value: str) -> str:
    """The pedimento number without spaces and hyphens (15 digits)."""
    return clean(value, " -")


def validate(value: str, *, year_digit: bool = False) -> str:
    """Check a pedimento number and return its 15-digit compact form.

    Args:
        value: The number, compact or printed (``25  47  3807  5001234``).
        year_digit: Also reject a year digit that differs from the validation year
            (``mx_pedimento_year_digit_mismatch``, a warning code).

    Raises:
        InvalidLength: Not 15 digits.
        InvalidFormat: Not digits only.
        InvalidComponent: The progressive number is ``000000``; with ``year_digit``, the
            year digit differs from the validation year.
    """
    number = compact(value)
    if len(number) != 15:
        raise InvalidLength(
            "mx_pedimento_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not number.isascii() or not number.isdigit():
        raise InvalidFormat("mx_pedimento_invalid_format", identifier=SCHEME, value=number)
    if number[9:] == "000000":
        raise InvalidComponent("mx_pedimento_zero_sequence", identifier=SCHEME, value=number)
    if year_digit and number[8] != number[1]:
        raise InvalidComponent(
            "mx_pedimento_year_digit_mismatch",
            identifier=SCHEME,
            value=number,
            year=number[:2],
            year_digit=number[8],
        )
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed pedimento number; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the year-digit warning."""
    return collect(validate, value, partial(validate, year_digit=True))


def parts(value: str) -> PedimentoParts:
    """The parts of a valid pedimento number."""
    number = validate(value)
    return PedimentoParts(number[:2], number[2:4], number[4:8], number[8], number[9:])


def compose(year: str, aduana: str, patente: str, number: str) -> str:
    """The 15-digit pedimento number from its parts, as an M3 file carries them.

    Args:
        year: The 2-digit validation year.
        aduana: The 2-digit aduana (the first 2 digits of the aduana-sección).
        patente: The 4-digit patente.
        number: The 7 digits: year digit and 6-digit progressive number.

    Raises:
        IdentifierError: The joined number is not valid (nothing is padded).
    """
    if (len(year), len(aduana), len(patente), len(number)) != (2, 2, 4, 7):
        raise InvalidFormat(
            "mx_pedimento_invalid_format",
            identifier=SCHEME,
            value=f"{year}{aduana}{patente}{number}",
        )
    return validate(year + aduana + patente + number)


def format(value: str) -> str:
    """The printed form ``YY  AA  PPPP  NNNNNNN``; values of another length compacted."""
    number = compact(value)
    if len(number) == 15:
        return f"{number[:2]}  {number[2:4]}  {number[4:8]}  {number[8:]}"
    return number

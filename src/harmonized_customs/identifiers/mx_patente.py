"""Patente aduanal (Mexican customs broker licence number).

The SAT/ANAM grants each agente aduanal a patente, a 4-digit number that is part of every
pedimento number the agent files (left-padded with zeros). Importers and exporters who clear
their own goods through an apoderado aduanal have an autorización number in the same place.
There is no check digit. Whether the patente is active and authorised for the aduana is
checked by SAAI against its own records ("La Patente no se encuentra activada"), not here.

More information:

* https://www.dof.gob.mx/nota_detalle.php?codigo=5676445&fecha=05/01/2023 (Anexo 22, 2023)
"""

from __future__ import annotations

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "is_valid", "validate"]

SCHEME = "mx-patente"
"""The identifier scheme name in the core model."""


def compact(value: str) -> str:
    """The patente without spaces."""
    return clean(value, " ")


def validate(value: str) -> str:
    """Check a patente and return its compact form (nothing is padded).

    Raises:
        InvalidLength: Not 4 characters.
        InvalidFormat: Not digits only.
    """
    number = compact(value)
    if len(number) != 4:
        raise InvalidLength(
            "mx_patente_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not number.isascii() or not number.isdigit():
        raise InvalidFormat("mx_patente_invalid_format", identifier=SCHEME, value=number)
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed patente; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)

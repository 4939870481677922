"""SCAC (Standard Carrier Alpha Code).

The National Motor Freight Traffic Association (NMFTA) assigns carriers a 2- to 4-letter
code. US customs uses it to identify carriers and it prefixes bills of lading, truck
shipment control numbers and trip numbers. Codes ending in U are reserved for container
owners (ISO 6346), X for private rail cars and Z for truck chassis and trailers (secondary
source). There is no check digit; whether a code is assigned cannot be checked offline.

More information:

* https://nmfta.org/scac/
* https://wikimili.com/en/Standard_Carrier_Alpha_Code (secondary)
"""

from __future__ import annotations

import re

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "is_valid", "validate"]

SCHEME = "scac"
"""The identifier scheme name in the core model."""

_SHAPE = re.compile(r"[A-Z]{2,4}")


def compact(value: str) -> str:
    """The SCAC without spaces, upper case."""
    return clean(value, " ")


def validate(value: str) -> str:
    """Check a SCAC and return its compact form.

    Raises:
        InvalidLength: Not 2 to 4 characters.
        InvalidFormat: Something else than the letters A-Z.
    """
    code = compact(value)
    if not 2 <= len(code) <= 4:
        raise InvalidLength("scac_invalid_length", identifier=SCHEME, value=code, length=len(code))
    if not _SHAPE.fullmatch(code):
        raise InvalidFormat("scac_invalid_format", identifier=SCHEME, value=code)
    return code


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed SCAC; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)

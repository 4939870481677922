"""CBP-assigned importer number (United States).

An importer with neither an IRS employer number nor a social security number gets a number
from CBP (requested on CBP Form 5106). It is written ``YYDDPP-NNNNN``: the year of
assignment (2 digits), the district and port that assigned it (4 digits, Census Schedule D)
and a 5-digit serial. It has no check digit. Whether the port code exists is not checked here.

More information:

* https://bmsi.com/bmsi/doc/bildh/cf5106.html (CBP Form 5106 number formats, secondary)
* https://omb.report/icr/201209-1651-002/doc/34778501 (CBP Form 5106)
"""

from __future__ import annotations

import re

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "format", "is_valid", "validate"]

SCHEME = "us-cbp-assigned"
"""The identifier scheme name in the core model."""

_SHAPE = re.compile(r"[0-9]{6}-?[0-9]{5}")


def compact(value: str) -> str:
    """The number without spaces and hyphens (``070101-00123`` -> ``07010100123``)."""
    return clean(value, " -")


def validate(value: str) -> str:
    """Check a CBP-assigned number and return its compact form.

    Raises:
        InvalidLength: Not 11 characters.
        InvalidFormat: Not digits, or a hyphen elsewhere than after the 6th digit.
    """
    number = compact(value)
    if len(number) != 11:
        raise InvalidLength(
            "us_cbp_assigned_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(clean(value, " ")):
        raise InvalidFormat("us_cbp_assigned_invalid_format", identifier=SCHEME, value=number)
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed CBP-assigned number; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)


def format(value: str) -> str:
    """The number as CBP writes it, ``YYDDPP-NNNNN``; other values unchanged."""
    number = compact(value)
    if len(number) == 11:
        return number[:6] + "-" + number[6:]
    return number

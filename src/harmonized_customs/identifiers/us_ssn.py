"""SSN (U.S. Social Security Number), as a CBP importer of record number.

The Social Security Administration issues the 9-digit SSN (``NNN-NN-NNNN``: area, group,
serial). CBP accepts it as the importer number of an individual. It has no check digit;
python-stdnum's ``stdnum.us.ssn`` rejects areas, groups and serials that are never issued
(000, 666, 9xx areas; 00 group; 0000 serial) and a few well-known invalid numbers.

More information:

* https://www.ssa.gov/employer/verifySSN.htm
* https://bmsi.com/bmsi/doc/bildh/cf5106.html (CBP Form 5106 number formats, secondary)
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.us import ssn as stdnum_ssn

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, from_stdnum, passes

__all__ = ["SCHEME", "check", "compact", "format", "is_valid", "validate"]

SCHEME = "us-ssn"
"""The identifier scheme name in the core model."""

_CODES: dict[type[IdentifierError], str] = {
    InvalidFormat: "us_ssn_invalid_format",
    InvalidComponent: "us_ssn_invalid_component",
}


def compact(value: str) -> str:
    """The SSN without spaces and hyphens (``536-90-4399`` -> ``536904399``)."""
    return clean(value, " -")


def validate(value: str) -> str:
    """Check an SSN and return its compact form.

    Raises:
        InvalidLength: Not 9 digits long.
        InvalidFormat: Not digits, or hyphens elsewhere than ``NNN-NN-NNNN``.
        InvalidComponent: An area, group or serial number that is never issued.
    """
    number = compact(value)
    if len(number) != 9:
        raise InvalidLength(
            "us_ssn_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    try:
        stdnum_ssn.validate(clean(value, " "))
    except ValidationError as exc:
        raise from_stdnum(exc, _CODES, identifier=SCHEME, value=number) from None
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid SSN; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)


def format(value: str) -> str:
    """The SSN as ``NNN-NN-NNNN``; other values unchanged."""
    number = compact(value)
    if len(number) == 9:
        return f"{number[:3]}-{number[3:5]}-{number[5:]}"
    return number

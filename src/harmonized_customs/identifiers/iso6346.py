"""ISO 6346 container number.

ISO 6346, managed by the Bureau International des Containers (BIC), identifies an intermodal
container by 11 characters: a 3-letter owner code, an equipment category letter (U freight
container, J detachable equipment, Z trailer or chassis; python-stdnum also accepts R), a
6-digit serial number and a check digit. The check digit weighs each character by a power of
two (letters by a table that skips multiples of 11) and takes the sum mod 11 mod 10. Checks
come from python-stdnum's ``stdnum.iso6346``; the owner code is also required to be letters.

More information:

* https://www.bic-code.org/check-digit-calculator/
* https://en.wikipedia.org/wiki/ISO_6346
* https://prefixlist.com/codes/check-digit.html (worked example)
"""

from __future__ import annotations

import re

from stdnum import iso6346 as stdnum_iso6346

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "calc_check_digit", "check", "compact", "format", "is_valid", "validate"]

SCHEME = "iso6346"
"""The name used in ``ctx['identifier']``."""

_SHAPE = re.compile(r"[A-Z]{3}[UJZR][0-9]{7}")
_BASE_SHAPE = re.compile(r"[A-Z]{3}[UJZR][0-9]{6}")


def compact(value: str) -> str:
    """The container number without spaces and hyphens, upper case."""
    return clean(value, " -")


def calc_check_digit(value: str) -> str:
    """The check digit of owner code, category letter and serial number (10 characters).

    Raises:
        InvalidFormat: ``value`` is not 3 letters, a category letter and 6 digits.
    """
    number = compact(value)
    if not _BASE_SHAPE.fullmatch(number):
        raise InvalidFormat("iso6346_invalid_format", identifier=SCHEME, value=number)
    return str(stdnum_iso6346.calc_check_digit(number))


def validate(value: str) -> str:
    """Check a container number and return its compact form.

    Raises:
        InvalidLength: Not 11 characters.
        InvalidFormat: Not 3 letters, a category letter and 7 digits.
        InvalidChecksum: The check digit is wrong.
    """
    number = compact(value)
    if len(number) != 11:
        raise InvalidLength(
            "iso6346_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat("iso6346_invalid_format", identifier=SCHEME, value=number)
    expected = calc_check_digit(number[:10])
    if number[10] != expected:
        raise InvalidChecksum(
            "iso6346_bad_check_digit",
            identifier=SCHEME,
            value=number,
            check_digit=number[10],
            expected=expected,
        )
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid container number; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)


def format(value: str) -> str:
    """The container number as marked: ``CSQU 305438 3``."""
    return str(stdnum_iso6346.format(compact(value)))

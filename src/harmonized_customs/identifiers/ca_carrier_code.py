"""CBSA carrier code (Canada).

The Canada Border Services Agency issues every carrier that reports cargo to it a
4-character carrier code (forms E369 for non-bonded, E370 for bonded carriers). It begins
every cargo control number and conveyance reference number of that carrier. Letters and
digits are used; "a dash in the code is considered a digit". There is no check digit, and
whether a code is issued cannot be checked offline.

More information:

* https://adbarcode.com/ccds/ (carrier codes and labels, secondary)
* https://wiki.borderconnect.com/index.php/Cargo_Control_Number_(Customs_Glossary_Guide)
"""

from __future__ import annotations

import re

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "is_valid", "validate"]

SCHEME = "ca-carrier-code"
"""The identifier scheme name in the core model."""

_SHAPE = re.compile(r"[A-Z0-9-]{4}")


def compact(value: str) -> str:
    """The carrier code without spaces, upper case (a dash is part of the code)."""
    return clean(value, " ")


def validate(value: str) -> str:
    """Check a carrier code and return its compact form.

    Raises:
        InvalidLength: Not 4 characters.
        InvalidFormat: Something else than letters, digits and dashes.
    """
    code = compact(value)
    if len(code) != 4:
        raise InvalidLength(
            "ca_carrier_code_invalid_length", identifier=SCHEME, value=code, length=len(code)
        )
    if not _SHAPE.fullmatch(code):
        raise InvalidFormat("ca_carrier_code_invalid_format", identifier=SCHEME, value=code)
    return code


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed carrier code; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)

"""CBP filer code (United States).

CBP assigns each ABI filer (a customs broker, or an importer filing for itself) a
3-character filer code. It is the first part of every entry number the filer creates.
CATAIR Appendix E lists the allowed shapes: NNN (001-999), ANN, AAN, AAA, ANA, NAN, NNA and
NAA, so any 3 letters or digits except ``000``; no special characters. Whether a code is
actually assigned cannot be checked offline.

More information:

* https://info.5y1.org/a-u-b-calculator_1_21ff8e.html (CATAIR Appendix E "Valid Entry
  Numbers", mirror)
* https://online.documentine.com/what-is-a-check-digit/3/cbp-and-trade-automated-interface-requirements.html
"""

from __future__ import annotations

import re

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "is_valid", "validate"]

SCHEME = "us-filer-code"
"""The identifier scheme name in the core model."""

_SHAPE = re.compile(r"[0-9A-Z]{3}")


def compact(value: str) -> str:
    """The filer code without surrounding spaces, upper case."""
    return clean(value, " ")


def validate(value: str) -> str:
    """Check a filer code and return its compact form.

    Raises:
        InvalidLength: Not 3 characters.
        InvalidFormat: Something else than letters and digits.
        InvalidComponent: ``000``, outside the numeric range 001-999.
    """
    code = compact(value)
    if len(code) != 3:
        raise InvalidLength(
            "us_filer_code_invalid_length", identifier=SCHEME, value=code, length=len(code)
        )
    if not _SHAPE.fullmatch(code):
        raise InvalidFormat("us_filer_code_invalid_format", identifier=SCHEME, value=code)
    if code == "000":
        raise InvalidComponent("us_filer_code_out_of_range", identifier=SCHEME, value=code)
    return code


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed filer code; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)

"""CCN (Cargo Control Number, Canada).

A cargo control number identifies one shipment reported to the CBSA: the carrier's
4-character CBSA carrier code followed by a reference the carrier makes unique (for marine
cargo since 2006, the ocean bill of lading number). It is at most 25 characters of letters,
digits and dashes, without spaces. A PARS CCN is transmitted exactly as barcoded, with its
literal "PARS" (``1234PARS56789``).

Sources disagree on the minimum length: 5 characters (BorderConnect wiki) or 8
(BorderConnect's eManifest JSON manual). Below 5 is an error here; 5 to 7 is a warning
(``ca_ccn_short``).

More information:

* https://wiki.borderconnect.com/index.php/Cargo_Control_Number_(Customs_Glossary_Guide)
* https://crimsonlogic-northamerica.com/docs/faq-12-what-is-a-cargo-control-number-ccn
* http://tradelines.ghy.com/2012/01/13/ (PARS numbers, CBSA communiqué relayed)
"""

from __future__ import annotations

import re
from functools import partial

from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat, InvalidLength
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "carrier_code", "check", "compact", "is_valid", "validate"]

SCHEME = "ca-ccn"
"""The name used in ``ctx['identifier']``."""

_SHAPE = re.compile(r"[A-Z0-9-]+")
_MIN_LENGTH = 5
_MIN_LENGTH_EMANIFEST = 8
_MAX_LENGTH = 25


def compact(value: str) -> str:
    """The CCN without spaces, upper case (dashes are part of the number)."""
    return clean(value, " ")


def validate(value: str, *, emanifest_length: bool = False) -> str:
    """Check a cargo control number and return its compact form.

    Args:
        value: The CCN.
        emanifest_length: Also reject CCNs shorter than 8 characters (``ca_ccn_short``, a
            warning code).

    Raises:
        InvalidLength: Fewer than 5 or more than 25 characters (or fewer than 8 with
            ``emanifest_length``).
        InvalidFormat: Something else than letters, digits and dashes.
    """
    number = compact(value)
    if not _MIN_LENGTH <= len(number) <= _MAX_LENGTH:
        raise InvalidLength(
            "ca_ccn_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat("ca_ccn_invalid_format", identifier=SCHEME, value=number)
    if emanifest_length and len(number) < _MIN_LENGTH_EMANIFEST:
        raise InvalidLength("ca_ccn_short", identifier=SCHEME, value=number, length=len(number))
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed CCN; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the short-CCN warning."""
    return collect(validate, value, partial(validate, emanifest_length=True))


def carrier_code(value: str) -> str:
    """The CBSA carrier code (first 4 characters) of a valid CCN."""
    return validate(value)[:4]

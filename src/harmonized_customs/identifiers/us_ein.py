"""EIN (U.S. Employer Identification Number), as a CBP importer of record number.

The Internal Revenue Service issues the 9-digit EIN (``NN-NNNNNNN``) to businesses; its
2-digit prefix names the IRS campus that assigned it. CBP accepts it as the importer of
record number and may add a 2-character suffix, written ``NN-NNNNNNNXX``, to tell apart
several importer records of one company. The suffix may not contain the letters O, I or Z
(CBP Form 5106 instructions, as quoted by a secondary source: checked as a warning only).
The prefix check comes from python-stdnum's ``stdnum.us.ein`` (the IRS prefix list).

More information:

* https://www.irs.gov/businesses/small-businesses-self-employed/how-eins-are-assigned-and-valid-ein-prefixes
* https://bmsi.com/bmsi/doc/bildh/cf5106.html (CBP Form 5106 number formats, secondary)
* https://omb.report/icr/201209-1651-002/doc/34778501 (CBP Form 5106)
"""

from __future__ import annotations

import re
from functools import partial

from stdnum.exceptions import ValidationError
from stdnum.us import ein as stdnum_ein

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "check", "compact", "format", "is_valid", "suffix", "validate"]

SCHEME = "us-ein"
"""The identifier scheme name in the core model."""

_SHAPE = re.compile(r"[0-9]{2}-?[0-9]{7}(?:-?[0-9A-Z]{2})?")
_RESERVED_SUFFIX_LETTERS = frozenset("OIZ")


def compact(value: str) -> str:
    """The EIN without spaces and hyphens, upper case (``91-1144442`` -> ``911144442``)."""
    return clean(value, " -")


def validate(value: str, *, suffix_letters: bool = False) -> str:
    """Check an EIN with or without CBP suffix and return its compact form.

    Args:
        value: The EIN, ``NN-NNNNNNN`` or ``NN-NNNNNNNXX``; hyphens where they belong only.
        suffix_letters: Also reject a suffix containing O, I or Z (a rule from a secondary
            source; its code is a warning).

    Raises:
        InvalidLength: Not 9 or 11 characters.
        InvalidFormat: Not 9 digits and an optional 2-character suffix, or a misplaced hyphen.
        InvalidComponent: The IRS does not assign the prefix, or (``suffix_letters``) the
            suffix holds O, I or Z.
    """
    number = compact(value)
    if len(number) not in (9, 11):
        raise InvalidLength(
            "us_ein_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(clean(value, " ")):
        raise InvalidFormat("us_ein_invalid_format", identifier=SCHEME, value=number)
    try:
        stdnum_ein.validate(number[:9])
    except ValidationError:
        raise InvalidComponent(
            "us_ein_unknown_prefix", identifier=SCHEME, value=number, prefix=number[:2]
        ) from None
    if suffix_letters and _RESERVED_SUFFIX_LETTERS.intersection(number[9:]):
        raise InvalidComponent(
            "us_ein_suffix_reserved_letter", identifier=SCHEME, value=number, suffix=number[9:]
        )
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid EIN, with or without suffix; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the suffix-letter warning; empty when fine."""
    return collect(validate, value, partial(validate, suffix_letters=True))


def suffix(value: str) -> str | None:
    """The CBP suffix of a valid EIN, or ``None`` when it has none."""
    return validate(value)[9:] or None


def format(value: str) -> str:
    """The EIN as CBP writes it: ``NN-NNNNNNN`` or ``NN-NNNNNNNXX``; other values unchanged."""
    number = compact(value)
    if len(number) in (9, 11):
        return number[:2] + "-" + number[2:]
    return number

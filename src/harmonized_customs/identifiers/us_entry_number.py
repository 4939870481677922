"""CBP entry number (United States).

Every US customs entry is numbered ``XXX-NNNNNNN-C``: the filer code (3 characters), a
7-digit number the filer assigns, and a check digit computed from the first 10 characters
(19 CFR 142.3a(b); CBP Form 7501 instructions, block 1). In ABI the filer code and the
8-character rest travel in separate fields.

The check digit is Luhn's algorithm over the 10 characters, doubling the 2nd, 4th ... 10th
character (counted from the left) and taking ``(10 - sum mod 10) mod 10``. CBP's own text of
the formula (7501 instructions Appendix 1, CATAIR AE Table 1) was not read; the algorithm is
confirmed on 14 real entry numbers in CBP ruling HQ H005628, all with numeric filer codes.
Letters in a filer code are converted by the conventional alphabetic table (A-I -> 1-9,
J-R -> 1-9, S-Z -> 2-9), which is **unconfirmed**: for filer codes with letters a check-digit
mismatch is only a warning (``us_entry_number_check_digit_unverified``), raised by
:func:`validate` with ``strict=True`` and reported by :func:`check`.

More information:

* http://edocket.access.gpo.gov/cfr_2006/aprqtr/19cfr142.3a.htm (19 CFR 142.3a)
* https://omb.report/icr/201406-1651-006/doc/48229401 (CBP Form 7501 instructions)
* http://www.faqs.org/rulings/rulings2007HQH005628.html (ruling HQ H005628, real numbers)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from harmonized_customs.identifiers import us_filer_code
from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
)
from harmonized_customs.identifiers._util import clean, passes

__all__ = [
    "SCHEME",
    "EntryNumberParts",
    "calc_check_digit",
    "check",
    "compact",
    "format",
    "is_valid",
    "parts",
    "validate",
]

SCHEME = "us-entry-number"
"""The name used in ``ctx['identifier']``."""

_SHAPE = re.compile(r"[0-9A-Z]{3}[0-9]{8}")
_BASE_SHAPE = re.compile(r"[0-9A-Z]{3}[0-9]{7}")
_LETTER_VALUES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789", strict=True))


class EntryNumberParts(NamedTuple):
    """An entry number split as ABI carries it."""

    filer_code: str
    """The 3-character filer code."""
    number: str
    """The 7-digit number the filer assigned."""
    check_digit: str
    """The check digit."""


def compact(value: str) -> str:
    """The entry number without spaces and hyphens (``002-6110316-2`` -> ``00261103162``)."""
    return clean(value, " -")


def _digit_value(char: str) -> int:
    return int(_LETTER_VALUES.get(char, char))


_ODD: dict[str, int] = {char: _digit_value(char) for char in "0123456789" + "".join(_LETTER_VALUES)}
"""What a character at an odd position (1st, 3rd ... 9th) adds to the sum: its value."""
_EVEN: dict[str, int] = {char: value * 2 // 10 + value * 2 % 10 for char, value in _ODD.items()}
"""What a character at an even position (2nd ... 10th) adds: the digits of its double."""


def calc_check_digit(base: str) -> str:
    """The check digit of the first 10 characters (filer code and 7-digit number).

    Raises:
        InvalidLength: ``base`` is not 10 characters.
        InvalidFormat: ``base`` is not a 3-character filer code and 7 digits.
    """
    number = compact(base)
    if len(number) != 10:
        raise InvalidLength(
            "us_entry_number_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _BASE_SHAPE.fullmatch(number):
        raise InvalidFormat("us_entry_number_invalid_format", identifier=SCHEME, value=number)
    return _check_digit(number)


def _check_digit(number: str) -> str:
    """The check digit of a compact, well-shaped 10-character base (Luhn, as documented)."""
    odd, even = _ODD, _EVEN
    total = (
        odd[number[0]]
        + even[number[1]]
        + odd[number[2]]
        + even[number[3]]
        + odd[number[4]]
        + even[number[5]]
        + odd[number[6]]
        + even[number[7]]
        + odd[number[8]]
        + even[number[9]]
    )
    return str((10 - total % 10) % 10)


def validate(value: str, *, strict: bool = False) -> str:
    """Check an entry number and return its compact form.

    Args:
        value: The entry number, ``XXX-NNNNNNN-C`` or without hyphens.
        strict: Also raise when a filer code with letters gives another check digit under
            the unconfirmed letter table (``us_entry_number_check_digit_unverified``).

    Raises:
        InvalidLength: Not 11 characters.
        InvalidFormat: Not a 3-character filer code and 8 digits.
        InvalidComponent: The filer code is not valid.
        InvalidChecksum: The check digit is wrong (numeric filer code).
        UncertainChecksum: With ``strict``: the check digit differs under the letter table.
    """
    number = compact(value)
    if len(number) != 11:
        raise InvalidLength(
            "us_entry_number_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat("us_entry_number_invalid_format", identifier=SCHEME, value=number)
    if not us_filer_code.is_valid(number[:3]):
        raise InvalidComponent(
            "us_entry_number_invalid_filer_code",
            identifier=SCHEME,
            value=number,
            filer_code=number[:3],
        )
    _check_check_digit(number, strict=strict)
    return number


def _check_check_digit(number: str, *, strict: bool) -> None:
    expected = _check_digit(number)  # compact and shaped: validate saw to it
    if number[10] == expected:
        return
    ctx: dict[str, object] = {
        "identifier": SCHEME,
        "value": number,
        "check_digit": number[10],
        "expected": expected,
    }
    if number[:3].isdigit():
        raise InvalidChecksum("us_entry_number_bad_check_digit", **ctx)
    if strict:
        raise UncertainChecksum(
            "us_entry_number_check_digit_unverified", filer_code=number[:3], **ctx
        )


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid entry number; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the unverified-check-digit warning.

    One strict validation: it raises the error the lenient one would, and past every error
    it raises the warning only (what a lenient validation and then a strict review would find).
    """
    try:
        validate(value, strict=True)
    except IdentifierError as problem:
        return [problem]
    return []


def parts(value: str) -> EntryNumberParts:
    """The filer code, number and check digit of a valid entry number."""
    number = validate(value)
    return EntryNumberParts(number[:3], number[3:10], number[10])


def format(value: str) -> str:
    """The entry number as ``XXX-NNNNNNN-C``; values of another length compacted."""
    number = compact(value)
    if len(number) == 11:
        return f"{number[:3]}-{number[3:10]}-{number[10]}"
    return number

"""CBSA transaction number (Canada, B3 field 2 / CAD transaction number).

Each Canadian accounting declaration has a 14-digit transaction number. Its first 5 digits
are the account security number (ASEC) of the broker or importer who issues it; its
barcode's human-readable form is ``12345-001495785``. Under CARM a 5-digit version suffix
may follow (``1496912345678900001`` for version 1 of ``14969123456789``): the 19-digit form is
accepted too (broker source, unconfirmed by CBSA text).

The last digit is a check digit, computed by the algorithm of Memorandum D17-1-10
Appendix F, which was **not read**. :func:`calc_check_digit` implements the one candidate
found in public code (weights 1, 2, 1, 2 ... from the leftmost of the first 13 digits, digits
of each product added, check digit = sum mod 10). It is **unconfirmed**: no real transaction
number was available to test it, and CBSA's own illustrative numbers fit neither it nor
Luhn. The check runs only when asked (``validate(value, check_digit=True)``) and its code
``ca_transaction_number_bad_check_digit`` is a warning.

More information:

* http://www.cbsa-asfc.gc.ca/eservices/info-edi-eng.html (14 digits, ASEC)
* https://www.cbsa-asfc.gc.ca/eservices/contingency-urgence/query-demande-eng.html
* http://www.cbsa-asfc.gc.ca/publications/dm-md/d17/d17-1-10-eng.html (Memorandum D17-1-10)
* https://omnitrans.com/news/carm-release-2 (19-digit CARM form, secondary)
"""

from __future__ import annotations

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = [
    "SCHEME",
    "asec",
    "calc_check_digit",
    "check",
    "compact",
    "format",
    "is_valid",
    "validate",
    "version",
]

SCHEME = "ca-transaction-number"
"""The name used in ``ctx['identifier']``."""


def compact(value: str) -> str:
    """The transaction number without spaces and hyphens."""
    return clean(value, " -")


def calc_check_digit(value: str) -> str:
    """The **candidate** check digit of the first 13 digits (unconfirmed algorithm).

    Raises:
        InvalidFormat: ``value`` is not 13 digits.
    """
    number = compact(value)
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        raise InvalidFormat("ca_transaction_number_invalid_format", identifier=SCHEME, value=number)
    total = 0
    for index, char in enumerate(number):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product // 10 + product % 10
    return str(total % 10)


def validate(value: str, *, check_digit: bool = False) -> str:
    """Check a transaction number and return its compact form.

    Args:
        value: The 14-digit number, or 19 digits with the CARM version suffix.
        check_digit: Also check the 14th digit with the unconfirmed candidate algorithm.

    Raises:
        InvalidLength: Not 14 or 19 digits.
        InvalidFormat: Not digits only.
        UncertainChecksum: With ``check_digit``: the candidate algorithm disagrees.
    """
    number = compact(value)
    if len(number) not in (14, 19):
        raise InvalidLength(
            "ca_transaction_number_invalid_length",
            identifier=SCHEME,
            value=number,
            length=len(number),
        )
    if not number.isascii() or not number.isdigit():
        raise InvalidFormat("ca_transaction_number_invalid_format", identifier=SCHEME, value=number)
    if check_digit:
        _check_check_digit(number)
    return number


def _check_check_digit(number: str) -> None:
    expected = calc_check_digit(number[:13])
    if number[13] != expected:
        raise UncertainChecksum(
            "ca_transaction_number_bad_check_digit",
            identifier=SCHEME,
            value=number,
            check_digit=number[13],
            expected=expected,
        )


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed transaction number; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value`` (the unconfirmed check digit is not checked)."""
    return collect(validate, value)


def asec(value: str) -> str:
    """The account security number (first 5 digits) of a valid transaction number."""
    return validate(value)[:5]


def version(value: str) -> int | None:
    """The CARM version of a valid 19-digit transaction number; ``None`` for 14 digits."""
    number = validate(value)
    return int(number[14:]) if len(number) == 19 else None


def format(value: str) -> str:
    """The barcode's human-readable form ``12345-001495785``; other values compacted."""
    number = compact(value)
    if len(number) == 14:
        return f"{number[:5]}-{number[5:]}"
    return number

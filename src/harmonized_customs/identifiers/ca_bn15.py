"""BN15 (Canadian Business Number with program account).

The Canada Revenue Agency issues the 9-digit Business Number (BN9, Luhn check digit in the
9th position). Each tax or customs program the business registers for adds a program
account: 2 letters (the program identifier) and a 4-digit reference number, 15 characters in
all (``999999999RM9999``). Import and export accounts use the program identifier **RM**; a
commercial accounting declaration (CAD) needs the importer's RM account, and CARM rejects
exporter-only RM accounts on CADs (CBSA Bulletin 5397; a rule for the declaration checks).

Checks come from python-stdnum's ``stdnum.ca.bn``. It knows only the program identifiers
RC, RM, RP and RT; the CRA has more, so another identifier is a warning
(``ca_bn15_unknown_program``), not an error.

More information:

* https://www.canada.ca/en/services/taxes/business-number.html
* https://www.cbsa-asfc.gc.ca/eservices/eccrd-eng.html (CERS ECCRD ch. 25 app. A, BN15 format)
"""

from __future__ import annotations

import re
from functools import partial

from stdnum import luhn
from stdnum.ca import bn as stdnum_bn
from stdnum.exceptions import ValidationError

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = [
    "IMPORT_EXPORT_PROGRAM",
    "SCHEME",
    "business_number",
    "calc_check_digit",
    "check",
    "compact",
    "is_import_export_account",
    "is_valid",
    "program",
    "validate",
]

SCHEME = "ca-bn15"
"""The identifier scheme name in the core model."""

IMPORT_EXPORT_PROGRAM = "RM"
"""The program identifier of import/export accounts."""

_SHAPE = re.compile(r"[0-9]{9}[A-Z]{2}[0-9]{4}")


def compact(value: str) -> str:
    """The BN15 without spaces and hyphens (``12302 6635 RC 0001`` -> ``123026635RC0001``)."""
    return clean(value, " -")


def calc_check_digit(value: str) -> str:
    """The Luhn check digit of the first 8 digits of a business number."""
    return str(luhn.calc_check_digit(compact(value)))


def validate(value: str, *, known_program: bool = False) -> str:
    """Check a BN15 program account and return its compact form.

    Args:
        value: The program account number.
        known_program: Also reject a program identifier other than RC, RM, RP or RT
            (``ca_bn15_unknown_program``, a warning code).

    Raises:
        InvalidLength: Not 15 characters (a bare 9-digit BN is not a program account).
        InvalidFormat: Not 9 digits, 2 letters and 4 digits.
        InvalidChecksum: The business number's check digit is wrong.
        InvalidComponent: With ``known_program``: an unknown program identifier.
    """
    number = compact(value)
    if len(number) != 15:
        raise InvalidLength(
            "ca_bn15_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat("ca_bn15_invalid_format", identifier=SCHEME, value=number)
    try:
        stdnum_bn.validate(number[:9])
    except ValidationError:
        raise InvalidChecksum("ca_bn15_bad_check_digit", identifier=SCHEME, value=number) from None
    if known_program and not stdnum_bn.is_valid(number):
        raise InvalidComponent(
            "ca_bn15_unknown_program", identifier=SCHEME, value=number, program=number[9:11]
        )
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid BN15 (any program identifier); never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the unknown-program warning."""
    return collect(validate, value, partial(validate, known_program=True))


def business_number(value: str) -> str:
    """The 9-digit business number of a valid BN15."""
    return validate(value)[:9]


def program(value: str) -> str:
    """The 2-letter program identifier of a valid BN15 (``RM``, ``RT``...)."""
    return validate(value)[9:11]


def is_import_export_account(value: str) -> bool:
    """True when ``value`` is a valid BN15 of an import/export (RM) account; never raises."""
    return is_valid(value) and compact(value)[9:11] == IMPORT_EXPORT_PROGRAM

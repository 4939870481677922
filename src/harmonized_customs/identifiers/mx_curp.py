"""CURP (Clave Única de Registro de Población, Mexican personal identifier).

The Registro Nacional de Población (RENAPO) gives every person living in Mexico, and every
Mexican, an 18-character key: 4 letters from the name, the birth date (YYMMDD), the sex
(H or M), the 2-letter state of birth (NE for born abroad), 3 consonants from the name, a
character that separates people born before 2000 (digit) from later (letter), and a check
digit. Customs declarations carry it for individuals (importers, agentes aduanales).

Checks come from python-stdnum's ``stdnum.mx.curp``, which checks the check digit by default;
so does this module (``mx_curp_bad_check_digit`` is an error).

More information:

* https://www.gob.mx/curp/
* https://es.wikipedia.org/wiki/Clave_%C3%9Anica_de_Registro_de_Poblaci%C3%B3n
"""

from __future__ import annotations

from stdnum.exceptions import InvalidComponent as StdnumInvalidComponent
from stdnum.exceptions import ValidationError
from stdnum.mx import curp as stdnum_curp

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = ["SCHEME", "STATES", "calc_check_digit", "check", "compact", "is_valid", "validate"]

SCHEME = "mx-curp"
"""The identifier scheme name in the core model."""

STATES: frozenset[str] = frozenset(
    {
        "AS",
        "BC",
        "BS",
        "CC",
        "CH",
        "CL",
        "CM",
        "CS",
        "DF",
        "DG",
        "GR",
        "GT",
        "HG",
        "JC",
        "MC",
        "MN",
        "MS",
        "NE",
        "NL",
        "NT",
        "OC",
        "PL",
        "QR",
        "QT",
        "SL",
        "SP",
        "SR",
        "TC",
        "TL",
        "TS",
        "VZ",
        "YN",
        "ZS",
    }
)
"""The state-of-birth codes of the CURP (``NE``: born abroad)."""


def compact(value: str) -> str:
    """The CURP without spaces, hyphens and underscores, upper case."""
    return clean(value, " -_")


def calc_check_digit(value: str) -> str:
    """The check digit of the first 17 characters of a CURP."""
    return str(stdnum_curp.calc_check_digit(compact(value)))


def validate(value: str) -> str:
    """Check a CURP and return its compact form.

    Raises:
        InvalidLength: Not 18 characters.
        InvalidFormat: Not 4 letters, 6 digits, 6 letters, a letter or digit and a digit.
        InvalidComponent: An impossible birth date, sex, state, or a name word RENAPO
            never uses.
        InvalidChecksum: The check digit is wrong.
    """
    number = compact(value)
    if len(number) != 18:
        raise InvalidLength(
            "mx_curp_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )
    try:
        stdnum_curp.validate(number, validate_check_digits=False)
    except StdnumInvalidComponent:
        raise _component_error(number) from None
    except ValidationError:
        raise InvalidFormat("mx_curp_invalid_format", identifier=SCHEME, value=number) from None
    expected = calc_check_digit(number)
    if number[-1] != expected:
        raise InvalidChecksum(
            "mx_curp_bad_check_digit",
            identifier=SCHEME,
            value=number,
            check_digit=number[-1],
            expected=expected,
        )
    return number


def _component_error(number: str) -> InvalidComponent:
    """Which component python-stdnum rejected: date, sex, state, else the name word."""
    ctx: dict[str, object] = {"identifier": SCHEME, "value": number}
    try:
        stdnum_curp.get_birth_date(number)
    except ValidationError:
        return InvalidComponent("mx_curp_invalid_birth_date", date=number[4:10], **ctx)
    if number[10] not in "HM":
        return InvalidComponent("mx_curp_invalid_sex", sex=number[10], **ctx)
    if number[11:13] not in STATES:
        return InvalidComponent("mx_curp_unknown_state", state=number[11:13], **ctx)
    return InvalidComponent("mx_curp_forbidden_word", word=number[:4], **ctx)


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid CURP; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)

"""RFC (Registro Federal de Contribuyentes, Mexican taxpayer number).

The Servicio de Administración Tributaria (SAT) registers every taxpayer under an RFC. A
persona moral (company) has 12 characters: 3 letters from the name, the incorporation date
(YYMMDD) and a 3-character homoclave. A persona física (individual) has 13: 4 letters from
the name, the birth date and the homoclave. The homoclave's last character is a check digit.
The generic RFCs ``XAXX010101000`` (público en general) and ``XEXX010101000`` (extranjero,
foreign party) are recognised by :func:`is_generic`.

Checks come from python-stdnum's ``stdnum.mx.rfc``. About 1.5% of the RFCs in use fail the
check digit yet are valid at SAT, so a check-digit failure is an :class:`UncertainChecksum`
whose code ``mx_rfc_bad_check_digit`` is a **warning**, raised only with
``validate(value, check_digit=True)`` and reported by :func:`check`. The homoclave alphabet
check that goes with it is a warning for the same reason. A 10-character RFC without
homoclave, which python-stdnum accepts, is an error here: declarations need the full RFC.

More information:

* https://portalsat.plataforma.sat.gob.mx/ConsultaRFC/ (SAT's RFC lookup)
* https://es.wikipedia.org/wiki/Registro_Federal_de_Contribuyentes_(M%C3%A9xico)
* https://github.com/django/django-localflavor/issues/330 (real RFCs failing the check)
"""

from __future__ import annotations

import datetime
import re
from functools import partial
from typing import Literal

from stdnum.exceptions import InvalidComponent as StdnumInvalidComponent
from stdnum.exceptions import ValidationError
from stdnum.mx import rfc as stdnum_rfc

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
)
from harmonized_customs.identifiers._util import clean, collect, passes

__all__ = [
    "GENERIC_RFCS",
    "SCHEME",
    "calc_check_digit",
    "check",
    "compact",
    "format",
    "is_generic",
    "is_valid",
    "persona",
    "validate",
]

SCHEME = "mx-rfc"
"""The identifier scheme name in the core model."""

GENERIC_RFCS: frozenset[str] = frozenset({"XAXX010101000", "XEXX010101000"})
"""The generic RFCs: público en general, and extranjero (foreign party)."""

_HOMOCLAVE = re.compile(r"[1-9A-V][1-9A-Z][0-9A]")


def compact(value: str) -> str:
    """The RFC without spaces, hyphens and underscores, upper case."""
    return clean(value, " -_")


def calc_check_digit(value: str) -> str:
    """The check digit of an RFC without its last character (11 or 12 characters)."""
    return str(stdnum_rfc.calc_check_digit(compact(value)))


def validate(value: str, *, check_digit: bool = False) -> str:
    """Check an RFC and return its compact form.

    Args:
        value: The RFC.
        check_digit: Also check the homoclave alphabet and the check digit (warning codes).

    Raises:
        InvalidLength: Not 12 or 13 characters (10: the homoclave is missing).
        InvalidFormat: Not 3 or 4 letters, 6 digits and 3 letters or digits.
        InvalidComponent: An impossible date, or a name part SAT never uses; with
            ``check_digit``, a homoclave outside SAT's alphabet.
        UncertainChecksum: With ``check_digit``: the check digit is wrong.
    """
    number = compact(value)
    _check_length(number)
    try:
        stdnum_rfc.validate(number)
    except StdnumInvalidComponent:
        raise _component_error(number) from None
    except ValidationError:
        raise InvalidFormat("mx_rfc_invalid_format", identifier=SCHEME, value=number) from None
    if check_digit and number not in GENERIC_RFCS:
        _check_homoclave(number)
    return number


def _check_length(number: str) -> None:
    if len(number) == 10:
        raise InvalidLength("mx_rfc_missing_homoclave", identifier=SCHEME, value=number)
    if len(number) not in (12, 13):
        raise InvalidLength(
            "mx_rfc_invalid_length", identifier=SCHEME, value=number, length=len(number)
        )


def _component_error(number: str) -> InvalidComponent:
    """Which component python-stdnum rejected: the date, else the name word."""
    name_length = len(number) - 9
    date = number[name_length : name_length + 6]
    try:
        datetime.date(2000 + int(date[:2]), int(date[2:4]), int(date[4:]))
    except ValueError:
        return InvalidComponent("mx_rfc_invalid_date", identifier=SCHEME, value=number, date=date)
    return InvalidComponent(
        "mx_rfc_forbidden_word", identifier=SCHEME, value=number, word=number[:name_length]
    )


def _check_homoclave(number: str) -> None:
    if not _HOMOCLAVE.fullmatch(number[-3:]):
        raise InvalidComponent(
            "mx_rfc_invalid_homoclave", identifier=SCHEME, value=number, homoclave=number[-3:]
        )
    expected = calc_check_digit(number[:-1])
    if number[-1] != expected:
        raise UncertainChecksum(
            "mx_rfc_bad_check_digit",
            identifier=SCHEME,
            value=number,
            check_digit=number[-1],
            expected=expected,
        )


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid RFC (check digit not checked); never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``: an error, or the homoclave / check-digit warning."""
    return collect(validate, value, partial(validate, check_digit=True))


def is_generic(value: str) -> bool:
    """True for the generic RFCs ``XAXX010101000`` and ``XEXX010101000``; never raises."""
    return isinstance(value, str) and compact(value) in GENERIC_RFCS


def persona(value: str) -> Literal["moral", "fisica"]:
    """``moral`` for a company's RFC (12 characters), ``fisica`` for an individual's (13)."""
    return "moral" if len(validate(value)) == 12 else "fisica"


def format(value: str, separator: str = " ") -> str:
    """The RFC with its three parts separated (``GODE 561231 GR8``)."""
    return str(stdnum_rfc.format(compact(value), separator))

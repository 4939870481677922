"""U.S. importer of record number: which of CBP's three forms a value is.

CBP identifies an importer of record (and a consignee) by one of three numbers, told apart
by where the hyphens are: an IRS employer number with optional CBP suffix
(``NN-NNNNNNNXX``, :mod:`~harmonized_customs.identifiers.us_ein`), a social security number
(``NNN-NN-NNNN``, :mod:`~harmonized_customs.identifiers.us_ssn`) or a CBP-assigned number
(``YYDDPP-NNNNN``, :mod:`~harmonized_customs.identifiers.us_cbp_assigned`). Without hyphens,
9 digits may be an EIN or an SSN and 11 digits an EIN with suffix or a CBP-assigned number;
:func:`identify` then reports the ambiguity (a warning) instead of guessing.

More information:

* https://bmsi.com/bmsi/doc/bildh/cf5106.html (CBP Form 5106 number formats, secondary)
"""

from __future__ import annotations

import re

from harmonized_customs.identifiers import us_cbp_assigned, us_ein, us_ssn
from harmonized_customs.identifiers._errors import IdentifierError, InvalidFormat
from harmonized_customs.identifiers._interface import FormattingModule
from harmonized_customs.identifiers._util import clean, passes

__all__ = [
    "SCHEME",
    "candidates",
    "check",
    "compact",
    "format",
    "identify",
    "is_valid",
    "validate",
]

SCHEME = "us-importer"
"""The name used in ``ctx['identifier']`` for problems found by the dispatch itself."""

_AMBIGUOUS = "us_importer_ambiguous"

_MODULES: dict[str, FormattingModule] = {
    us_ein.SCHEME: us_ein,
    us_ssn.SCHEME: us_ssn,
    us_cbp_assigned.SCHEME: us_cbp_assigned,
}

_HYPHENATED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (us_ein.SCHEME, re.compile(r"[0-9]{2}-[0-9]{7}(?:-?[0-9A-Z]{2})?")),
    (us_ssn.SCHEME, re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")),
    (us_cbp_assigned.SCHEME, re.compile(r"[0-9]{6}-[0-9]{5}")),
)


def compact(value: str) -> str:
    """The number without spaces and hyphens."""
    return clean(value, " -")


def candidates(value: str) -> list[str]:
    """The schemes (``us-ein``, ``us-ssn``, ``us-cbp-assigned``) under which ``value`` is valid."""
    return [scheme for scheme, module in _MODULES.items() if passes(module.validate, value)]


def identify(value: str) -> str:
    """The scheme of an importer number: ``us-ein``, ``us-ssn`` or ``us-cbp-assigned``.

    Hyphens decide when present; without them, the one scheme under which the value is
    valid. The value is not validated further: use :func:`validate` for that.

    Raises:
        InvalidFormat: The value fits no scheme (``us_importer_invalid_format``), or it fits
            several and has no hyphens (``us_importer_ambiguous``, a warning code).
    """
    shaped = clean(value, " ")
    if "-" in shaped:
        for scheme, pattern in _HYPHENATED:
            if pattern.fullmatch(shaped):
                return scheme
        raise _no_scheme(value)
    found = candidates(value)
    if len(found) == 1:
        return found[0]
    if not found:
        raise _no_scheme(value)
    raise InvalidFormat(
        _AMBIGUOUS, identifier=SCHEME, value=compact(value), candidates=", ".join(found)
    )


def _no_scheme(value: str) -> InvalidFormat:
    return InvalidFormat("us_importer_invalid_format", identifier=SCHEME, value=compact(value))


def validate(value: str) -> str:
    """Check an importer number under its scheme and return its compact form.

    A value valid under several schemes (no hyphens) is accepted.

    Raises:
        IdentifierError: The error of the identified scheme's module, or
            ``us_importer_invalid_format``.
    """
    try:
        scheme = identify(value)
    except IdentifierError as err:
        if err.code != _AMBIGUOUS:
            raise
        return compact(value)
    return _MODULES[scheme].validate(value)


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid importer number of some scheme; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``, including the ambiguity warning; empty when fine."""
    try:
        scheme = identify(value)
    except IdentifierError as err:
        return [err]
    return _MODULES[scheme].check(value)


def format(value: str) -> str:
    """The number with CBP's hyphens for its scheme; ambiguous or invalid values compacted."""
    try:
        scheme = identify(value)
    except IdentifierError:
        return compact(value)
    return _MODULES[scheme].format(value)

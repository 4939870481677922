"""Identifier checks: one module per identifier scheme, in python-stdnum's style.

Every module offers ``compact(value)`` (separators removed, upper case), ``validate(value)``
(the compact form, or an :class:`IdentifierError` subclass raised), ``is_valid(value)``
(never raises) and ``check(value)`` (every problem, errors and warnings, as a list); most
add ``format(value)`` (the display form) and, where the scheme has one,
``calc_check_digit(...)``. Every exception carries a registered issue ``code`` and its
``ctx``; :meth:`IdentifierError.to_issue` turns it into an
:class:`~harmonized_customs.issues.Issue`.

Checks that are unconfirmed or known to misfire on real data (the RFC check digit, the
entry-number check digit of filer codes with letters, the CBSA transaction-number check
digit) have ``warning`` codes, or run only when asked: a false "blocks filing" is worse than
a missed warning. python-stdnum does the work for EIN, SSN, BN, RFC, CURP and ISO 6346.

>>> from harmonized_customs import identifiers
>>> identifiers.us_entry_number.format("00261103162")
'002-6110316-2'
>>> identifiers.check("mx-rfc", "VACE460910SX6")[0].code
'mx_rfc_bad_check_digit'
>>> identifiers.check("us-ein", "91-1144442")
[]
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, cast

from harmonized_customs.identifiers import codes
from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
)
from harmonized_customs.identifiers._interface import FormattingModule, IdentifierModule

if TYPE_CHECKING:
    from harmonized_customs.identifiers import (
        ca_bn15,
        ca_carrier_code,
        ca_ccn,
        ca_transaction_number,
        iso6346,
        mx_curp,
        mx_patente,
        mx_pedimento,
        mx_rfc,
        scac,
        tariff,
        us_cbp_assigned,
        us_ein,
        us_entry_number,
        us_filer_code,
        us_importer,
        us_mid,
        us_ssn,
    )

    SCHEMES: dict[str, IdentifierModule]
    CHECKS: dict[str, IdentifierModule]

__all__ = [
    "CHECKS",
    "SCHEMES",
    "FormattingModule",
    "IdentifierError",
    "IdentifierModule",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "UncertainChecksum",
    "ca_bn15",
    "ca_carrier_code",
    "ca_ccn",
    "ca_transaction_number",
    "check",
    "codes",
    "iso6346",
    "mx_curp",
    "mx_patente",
    "mx_pedimento",
    "mx_rfc",
    "scac",
    "tariff",
    "us_cbp_assigned",
    "us_ein",
    "us_entry_number",
    "us_filer_code",
    "us_importer",
    "us_mid",
    "us_ssn",
]

_SCHEME_MODULES: dict[str, str] = {
    "us-ein": "us_ein",
    "us-cbp-assigned": "us_cbp_assigned",
    "us-ssn": "us_ssn",
    "us-mid": "us_mid",
    "us-filer-code": "us_filer_code",
    "ca-bn15": "ca_bn15",
    "ca-carrier-code": "ca_carrier_code",
    "mx-rfc": "mx_rfc",
    "mx-curp": "mx_curp",
    "mx-patente": "mx_patente",
    "scac": "scac",
}
"""The module that checks each identifier scheme of the core model (``PartyIdentifier``): the
keys and modules of :data:`SCHEMES`.

Schemes without a check of their own (``duns``, ``tax-id``) are absent.
"""

_CHECK_MODULES: dict[str, str] = {
    **_SCHEME_MODULES,
    "us-importer": "us_importer",
    "us-entry-number": "us_entry_number",
    "ca-transaction-number": "ca_transaction_number",
    "ca-ccn": "ca_ccn",
    "mx-pedimento": "mx_pedimento",
    "iso6346": "iso6346",
}
"""Every scheme :func:`check` knows, with its module: the keys and modules of :data:`CHECKS`:
:data:`SCHEMES` plus the declaration references and equipment numbers (``us-entry-number``,
``ca-transaction-number``, ``ca-ccn``, ``mx-pedimento``, ``iso6346``) and the importer-number
dispatch (``us-importer``). Tariff codes have their own :func:`tariff.check`, which takes the
level.
"""

_SUBMODULES = frozenset(_CHECK_MODULES.values()) | {"tariff"}
"""The identifier modules, each imported when first used (a check of US declarations needs
neither the Canadian nor the Mexican ones, nor the python-stdnum modules behind them)."""


def _module(name: str) -> ModuleType:
    """The identifier module ``name`` (``us_ein``...), imported on first use."""
    return importlib.import_module(f"{__name__}.{name}")


def _table(modules: dict[str, str]) -> dict[str, IdentifierModule]:
    """Scheme to identifier module, every module of ``modules`` imported."""
    return {scheme: cast("IdentifierModule", _module(name)) for scheme, name in modules.items()}


def __getattr__(name: str) -> object:
    """An identifier module, :data:`SCHEMES` or :data:`CHECKS`, made on first use (then kept).

    ``SCHEMES`` maps each identifier scheme of the core model to its module; ``CHECKS`` maps
    every scheme :func:`check` knows to its module (see ``_SCHEME_MODULES`` and
    ``_CHECK_MODULES``).
    """
    if name in _SUBMODULES:
        return _module(name)
    if name == "SCHEMES":
        return globals().setdefault("SCHEMES", _table(_SCHEME_MODULES))
    if name == "CHECKS":
        return globals().setdefault("CHECKS", _table(_CHECK_MODULES))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check(scheme: str, value: str) -> list[IdentifierError]:
    """The problems of ``value`` as an identifier of ``scheme``; empty when fine.

    ``scheme`` is a key of :data:`CHECKS` (the model's identifier schemes, ``us-entry-number``,
    ``iso6346``...). Errors and warnings both come back; each one's ``severity`` says which it
    is. An unknown scheme has nothing to check and gives an empty list.

    Raises:
        TypeError: ``value`` is not a string (a programmer error).
    """
    table = globals().get("CHECKS")
    if table is not None:  # made, so perhaps changed by its user: it decides, as it always did
        module: IdentifierModule | None = table.get(scheme)
    else:
        name = _CHECK_MODULES.get(scheme)
        module = None if name is None else cast("IdentifierModule", _module(name))
    if module is None:
        return []
    return module.check(value)

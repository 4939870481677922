"""The filing countries: one package per jurisdiction, all with the same small interface.

A jurisdiction package (``jurisdictions/us``, ``ca``, ``mx``) exposes ``JURISDICTION``, an
object satisfying :class:`Jurisdiction`: its country code, its agency, and its filing rules
(:class:`~harmonized_customs.rules.Rule`). Its wire formats register themselves with
:mod:`harmonized_customs.formats`. Jurisdictions never import each other; they meet only in the
core model and in ``mappings/``. Adding a fourth country is adding a folder and its name to
:data:`PACKAGES`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from harmonized_customs.errors import UsageError
from harmonized_customs.issues import Target
from harmonized_customs.rules import Rule

__all__ = [
    "PACKAGES",
    "Country",
    "Jurisdiction",
    "get_jurisdiction",
    "get_jurisdictions",
    "national_modules",
]

PACKAGES: dict[str, str] = {
    "US": "harmonized_customs.jurisdictions.us",
    "CA": "harmonized_customs.jurisdictions.ca",
    "MX": "harmonized_customs.jurisdictions.mx",
}


@runtime_checkable
class Jurisdiction(Protocol):
    """What every jurisdiction package provides."""

    @property
    def code(self) -> Target:
        """ISO 3166-1 alpha-2 code of the country (US, CA, MX)."""
        ...

    @property
    def name(self) -> str:
        """The country's English name."""
        ...

    @property
    def authority(self) -> str:
        """The customs authority (CBP, CBSA, SAT/ANAM)."""
        ...

    def rules(self) -> Sequence[Rule]:
        """The filing rules of this country, independent of any wire format."""
        ...


@dataclass(frozen=True)
class Country:
    """A jurisdiction whose rules live in a module of their own, imported on first use."""

    code: Target
    name: str
    authority: str
    rules_module: str
    code_modules: tuple[str, ...] = ()
    """Modules registering this country's issue codes (imported to complete the registry)."""
    format_modules: tuple[str, ...] = ()
    """Modules registering this country's wire formats (imported by the format registry)."""

    def rules(self) -> Sequence[Rule]:
        """The country's filing rules (the ``RULES`` tuple of its rules module)."""
        rules: Sequence[Rule] = importlib.import_module(self.rules_module).RULES
        return rules


@functools.cache
def get_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction for a country code; :class:`UsageError` for an unknown one."""
    try:
        module = importlib.import_module(PACKAGES[code.upper()])
    except KeyError:
        raise UsageError(f"unknown jurisdiction {code!r}; known: {', '.join(PACKAGES)}") from None
    jurisdiction: Jurisdiction = module.JURISDICTION
    return jurisdiction


def get_jurisdictions() -> list[Jurisdiction]:
    """Every known jurisdiction."""
    return [get_jurisdiction(code) for code in PACKAGES]


def national_modules(kind: str) -> tuple[str, ...]:
    """The ``code_modules`` or ``format_modules`` every country package declares."""
    found: list[str] = []
    for code in PACKAGES:
        country = get_jurisdiction(code)
        if isinstance(country, Country):
            found.extend(getattr(country, kind))
    return tuple(found)

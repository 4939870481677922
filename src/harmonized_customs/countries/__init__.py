"""The filing countries: one package per jurisdiction, found by convention.

A jurisdiction package (``countries/us``, ``ca``, ``mx``, or a third party's package named
by an entry point of the group ``harmonized_customs.jurisdictions``) defines ``JURISDICTION``,
a :class:`Jurisdiction` (its country code, name and agency). Every module of the package is
imported by discovery (:mod:`harmonized_customs.plugins`), so the issue codes, rules and
formats its modules define register themselves: adding a country is adding a package, with no
list to edit. Jurisdictions never import each other; they meet only in the core model and in
``mappings/``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from harmonized_customs import registry
from harmonized_customs.errors import UsageError
from harmonized_customs.rules import Rule, rules_for

__all__ = [
    "Jurisdiction",
    "get_jurisdiction",
    "list_jurisdictions",
    "register_jurisdiction",
    "unregister_jurisdiction",
]


@dataclass(frozen=True)
class Jurisdiction:
    """A filing country: its code, its name and its customs authority."""

    code: str
    """ISO 3166-1 alpha-2 code of the country (US, CA, MX), upper case."""
    name: str
    """The country's English name."""
    authority: str
    """The customs authority (CBP, CBSA, SAT/ANAM)."""
    rank: int = 100
    """Position in reports and default targets, lower first (then by code)."""

    def rules(self, kind: str = "declaration") -> list[Rule]:
        """The filing rules of this country for documents of ``kind``."""
        return rules_for(kind, self.code)

    def to_dict(self) -> dict[str, str]:
        """JSON-ready description."""
        return {"code": self.code, "name": self.name, "authority": self.authority}


_JURISDICTIONS: dict[str, Jurisdiction] = {}
_LOCK = threading.Lock()


def register_jurisdiction(jurisdiction: Jurisdiction) -> Jurisdiction:
    """Add a jurisdiction; another one under the same code is a programmer error."""
    code = jurisdiction.code
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise UsageError(f"a jurisdiction code is two upper-case letters, got {code!r}")
    with _LOCK:
        existing = _JURISDICTIONS.get(code)
        if existing is not None and existing != jurisdiction:
            raise UsageError(f"jurisdiction {code!r} is already registered")
        _JURISDICTIONS[code] = jurisdiction
    return jurisdiction


def unregister_jurisdiction(code: str) -> None:
    """Remove a jurisdiction (for plugins and tests that add one on the fly)."""
    with _LOCK:
        _JURISDICTIONS.pop(code.upper(), None)


def list_jurisdictions() -> list[Jurisdiction]:
    """Every registered jurisdiction (discovery runs first), by rank, then code."""
    registry.ensure_loaded()
    with _LOCK:
        return sorted(_JURISDICTIONS.values(), key=lambda j: (j.rank, j.code))


def get_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction of a country code, any case; :class:`UsageError` for an unknown one."""
    if not isinstance(code, str):
        raise UsageError(f"a jurisdiction is a country code such as 'US', not {code!r}")
    key = code.strip().upper()
    found = _JURISDICTIONS.get(key)
    if found is None:
        registry.ensure_loaded_for("jurisdiction", key)
        found = _JURISDICTIONS.get(key)
    if found is None:
        known = ", ".join(sorted(_JURISDICTIONS))
        raise UsageError(f"unknown jurisdiction {code!r}; registered: {known}")
    return found

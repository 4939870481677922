"""The modules that register issue codes, imported on demand so the registry is complete.

A new module that calls :func:`harmonized_customs.issues.register_code` adds its dotted name
here, or, inside a country package, to that country's ``code_modules``;
``tests/test_issue_registry.py`` fails when a registering module is missing.
"""

from __future__ import annotations

import importlib

MODULES: tuple[str, ...] = (
    "harmonized_customs.model.codes",
    "harmonized_customs.core_json",
    "harmonized_customs.identifiers.codes",
    "harmonized_customs.core_rules",
    "harmonized_customs.reference_rules",
    "harmonized_customs.convert_codes",
)
"""Registering modules outside the country packages; each country package names its own in
``JURISDICTION.code_modules`` (see :mod:`harmonized_customs.jurisdictions`)."""

_loaded = False


def all_modules() -> tuple[str, ...]:
    """Every module that registers issue codes."""
    from harmonized_customs.jurisdictions import national_modules  # noqa: PLC0415 - cycle

    return MODULES + national_modules("code_modules")


def import_all() -> None:
    """Import every registering module once."""
    global _loaded  # noqa: PLW0603 - a module-level once-flag is the simplest correct cache
    if _loaded:
        return
    for name in all_modules():
        importlib.import_module(name)
    _loaded = True

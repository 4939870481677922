"""The modules that register issue codes, imported on demand so the registry is complete.

A new module that calls :func:`harmonized_customs.issues.register_code` adds its dotted name
here; ``tests/test_issue_registry.py`` fails when a registering module is missing.
"""

from __future__ import annotations

import importlib

MODULES: tuple[str, ...] = (
    "harmonized_customs.model.codes",
    "harmonized_customs.core_json",
    "harmonized_customs.identifiers.codes",
    "harmonized_customs.core_rules",
    "harmonized_customs.jurisdictions.us.codes",
    "harmonized_customs.jurisdictions.ca.codes",
    "harmonized_customs.jurisdictions.mx.codes",
)

_loaded = False


def import_all() -> None:
    """Import every registering module once."""
    global _loaded  # noqa: PLW0603 - a module-level once-flag is the simplest correct cache
    if _loaded:
        return
    for name in MODULES:
        importlib.import_module(name)
    _loaded = True

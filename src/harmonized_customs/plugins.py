"""Discovery: the modules that register issue codes, rules, formats and jurisdictions.

Nothing is listed by hand. On the first question a registry cannot answer from what is
already imported (``hc.formats()``, ``hc.check()``, ``list_issue_codes()``...), discovery
imports, once:

* every module of the ``harmonized_customs`` package (its ``@rule`` functions,
  ``register_code`` and ``register_format`` calls run as they are defined);
* every package named by an entry point of the group ``harmonized_customs.jurisdictions``,
  with all its modules; its ``JURISDICTION`` is registered;
* every entry point of the group ``harmonized_customs.formats``: a :class:`Format`, a callable
  returning one, or a module that registers its formats.

Each jurisdiction package of the library (``harmonized_customs.jurisdictions.us``...) is
registered from its ``JURISDICTION`` the same way, so a fourth country is a new package.
Modules whose name starts with ``__`` (``__main__``) are not imported.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from importlib.metadata import entry_points
from types import ModuleType

from harmonized_customs import registry
from harmonized_customs.errors import UsageError
from harmonized_customs.formats import Format, register_format
from harmonized_customs.jurisdictions import Jurisdiction, register_jurisdiction

__all__ = [
    "FORMAT_ENTRY_POINTS",
    "JURISDICTION_ENTRY_POINTS",
    "discover",
    "import_package",
    "install",
]

JURISDICTION_ENTRY_POINTS = "harmonized_customs.jurisdictions"
FORMAT_ENTRY_POINTS = "harmonized_customs.formats"
LIBRARY = "harmonized_customs"


def _submodules(package: ModuleType) -> Iterator[str]:
    path = getattr(package, "__path__", None)
    if path is None:
        return
    for info in pkgutil.walk_packages(path, package.__name__ + "."):
        if not info.name.rpartition(".")[2].startswith("__"):
            yield info.name


def import_package(name: str) -> list[ModuleType]:
    """Import the module ``name`` and, for a package, every module below it."""
    top = importlib.import_module(name)
    modules = [top]
    modules.extend(importlib.import_module(sub) for sub in _submodules(top))
    return modules


def _register_jurisdictions(modules: list[ModuleType]) -> None:
    for module in modules:
        found = getattr(module, "JURISDICTION", None)
        if isinstance(found, Jurisdiction):
            register_jurisdiction(found)


def _format_from(name: str, loaded: object) -> Format:
    """The Format an entry point names: the object itself, or what its factory returns."""
    if isinstance(loaded, Format):
        return loaded
    if callable(loaded):
        try:
            made = loaded()
        except TypeError:
            made = None
        if isinstance(made, Format):
            return made
    raise UsageError(f"entry point {name!r} does not give a Format")


def discover() -> None:
    """Import the library's modules and every plugin, registering what they define."""
    _register_jurisdictions(import_package(LIBRARY))
    for entry in entry_points(group=JURISDICTION_ENTRY_POINTS):
        _register_jurisdictions(import_package(entry.value.partition(":")[0]))
    for entry in entry_points(group=FORMAT_ENTRY_POINTS):
        if ":" not in entry.value:
            import_package(entry.value)
            continue
        register_format(_format_from(entry.name, entry.load()), replace=True)


def install() -> None:
    """Let the registries run :func:`discover` on their first question (done by the API)."""
    registry.add_loader(discover)

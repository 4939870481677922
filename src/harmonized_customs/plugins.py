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

Each jurisdiction package of the library (``harmonized_customs.countries.us``...) is
registered from its ``JURISDICTION`` the same way, so a fourth country is a new package.
Modules whose name starts with ``__`` (``__main__``) are not imported. Nor, in the library
itself, is a module whose source names no registration (no ``@rule``, no ``register_...(``
call, no ``JURISDICTION``): the command line, the HTML report, the cluster path and the
reference-data tools register nothing, and a one-file ``check`` should not pay for importing
them. A test checks that this gives the same registries as importing every module.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from importlib.metadata import entry_points
from types import ModuleType

from harmonized_customs import registry
from harmonized_customs.countries import Jurisdiction, register_jurisdiction
from harmonized_customs.errors import UsageError
from harmonized_customs.format_registry import Format, register_format

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

_REGISTERS = re.compile(rb"@rule\b|\bregister_\w+\(|\bJURISDICTION\b")
"""What the source of a module that registers something contains."""


def _registers(info: pkgutil.ModuleInfo) -> bool:
    """Whether the module may register something: its source names a registration.

    A module whose source cannot be read (no ``.py`` file) is imported, to be safe.
    """
    if info.ispkg:
        return True
    spec = info.module_finder.find_spec(info.name, None)
    origin = None if spec is None else spec.origin
    if origin is None or not origin.endswith(".py"):
        return True
    try:
        with open(origin, "rb") as source:
            return _REGISTERS.search(source.read()) is not None
    except OSError:
        return True


def _submodules(package: ModuleType, *, all_modules: bool = True) -> Iterator[str]:
    path = getattr(package, "__path__", None)
    if path is None:
        return
    for info in pkgutil.walk_packages(path, package.__name__ + "."):
        if info.name.rpartition(".")[2].startswith("__"):
            continue
        if all_modules or _registers(info):
            yield info.name


def import_package(name: str, *, all_modules: bool = True) -> list[ModuleType]:
    """Import the module ``name`` and, for a package, every module below it.

    With ``all_modules=False``, only the modules whose source names a registration.
    """
    top = importlib.import_module(name)
    modules = [top]
    modules.extend(
        importlib.import_module(sub) for sub in _submodules(top, all_modules=all_modules)
    )
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
    _register_jurisdictions(import_package(LIBRARY, all_modules=False))
    installed = entry_points()  # one scan of the installed distributions for both groups
    for entry in installed.select(group=JURISDICTION_ENTRY_POINTS):
        _register_jurisdictions(import_package(entry.value.partition(":")[0]))
    for entry in installed.select(group=FORMAT_ENTRY_POINTS):
        if ":" not in entry.value:
            import_package(entry.value)
            continue
        register_format(_format_from(entry.name, entry.load()), replace=True)


def install() -> None:
    """Let the registries run :func:`discover` on their first question (done by the API)."""
    registry.add_loader(discover)

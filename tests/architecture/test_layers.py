"""The house has layers: imports go downwards only, with no cycle, lazy imports included.

The import graph comes from ``scripts/module_map.py``, which reads every ``import`` statement
of the library, at module level or inside a function (annotation-only imports under
``if TYPE_CHECKING:`` are left out: they never run).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "harmonized_customs"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "pointers", "registry", "model", "mappings", "refdata", "i18n", "collector"),
    ("issues",),
    (
        "validation",
        "json_input",
        "cargo_io",
        "records",
        "losses",
        "identifiers",
        "format_registry",
        "rules",
        "documents",
        "currency",
        "guard",
        "profiles",
        "patching",
    ),
    (
        "core_json",
        "core_rules",
        "reference_rules",
        "cargo_core_rules",
        "convert_codes",
        "countries",
    ),
    ("trip_consistency",),
    ("crossfiling", "conversion", "plugins", "api", "batch", "cluster"),
    ("report_html", "cli", "", "__main__"),
)
"""From the bottom up: a module may import modules of its own layer or of layers below."""


def _module_map() -> ModuleType:
    spec = importlib.util.spec_from_file_location("module_map", ROOT / "scripts/module_map.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAP = _module_map()
EDGES, LINES = MAP.graph()


def layer_of(module: str) -> int:
    """The layer of a library module, by its first name below the package."""
    first = module.removeprefix(PACKAGE).lstrip(".").split(".")[0]
    for rank, names in enumerate(LAYERS):
        if first in names:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_the_map_sees_the_whole_library() -> None:
    assert len(EDGES) > 60
    assert EDGES[f"{PACKAGE}.crossfiling"] >= {f"{PACKAGE}.rules", f"{PACKAGE}.documents"}


def test_no_import_cycle() -> None:
    assert MAP.cycles(EDGES) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert MAP.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(EDGES))
def test_imports_go_downwards(module: str) -> None:
    upward = [dst for dst in EDGES[module] if layer_of(dst) > layer_of(module)]
    assert upward == [], f"{module} imports a higher layer"


def test_the_model_knows_nothing_of_issues() -> None:
    for module, imported in EDGES.items():
        if module.startswith(f"{PACKAGE}.model"):
            assert all(dst.startswith(f"{PACKAGE}.model") for dst in imported), module


def test_messages_do_not_import_issues() -> None:
    assert f"{PACKAGE}.issues" not in EDGES[f"{PACKAGE}.i18n"]


def test_the_format_registry_does_not_reach_into_countries() -> None:
    assert not any(".countries" in dst for dst in EDGES[f"{PACKAGE}.format_registry"])


def test_countries_do_not_import_each_other() -> None:
    for module, imported in EDGES.items():
        parts = module.split(".")
        if len(parts) < 3 or parts[1] != "countries":
            continue
        for dst in imported:
            other = dst.split(".")
            if len(other) > 2 and other[1] == "countries":
                assert other[2] == parts[2], f"{module} imports {dst}"

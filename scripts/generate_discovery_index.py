"""Generate ``discovery_index.json``: which module of the library registers what.

Discovery (:mod:`harmonized_customs.plugins`) answers a question about one thing (an issue
code, a format, a jurisdiction, the rules of one kind and target, which format a file is in)
by importing only the modules this index names, instead of every module. The index is
collected by importing the library in a fresh interpreter with every module's execution
traced: what a module registers while it runs, beside what the modules it imports register,
is its own. It records the digest of the sources it was made from; the library ignores an
index whose digest differs from its sources (it then imports every module), and a test fails
when the committed file differs from what this script generates. Run::

    python scripts/generate_discovery_index.py
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src"
OUTPUT = SOURCES / "harmonized_customs" / "discovery_index.json"
LIBRARY = "harmonized_customs"

Own = dict[str, set[tuple[str, str]]]


def _registered() -> set[tuple[str, str]]:
    """Every registered code, rule and format of this process, tagged with its registry."""
    found: set[tuple[str, str]] = set()
    for module, registry, tag in (
        ("issues", "_REGISTRY", "code"),
        ("rules", "_RULES", "rule"),
        ("format_registry", "_FORMATS", "format"),
    ):
        held = getattr(sys.modules.get(f"{LIBRARY}.{module}"), registry, {})
        found.update((tag, key) for key in held)
    return found


def _trace(own: Own) -> None:
    """Record in ``own`` what each of the library's modules registers while it executes."""
    original = SourceFileLoader.exec_module
    nested: list[set[tuple[str, str]]] = []

    def traced(loader: SourceFileLoader, module: Any) -> None:
        name = module.__name__
        if name != LIBRARY and not name.startswith(LIBRARY + "."):
            original(loader, module)
            return
        before = _registered()
        nested.append(set())
        try:
            original(loader, module)
        finally:
            by_imports = nested.pop()
            added = _registered() - before
            own.setdefault(name, set()).update(added - by_imports)
            if nested:
                nested[-1].update(added)

    SourceFileLoader.exec_module = traced  # type: ignore[method-assign,assignment]


def _sniffer(fmt: Any) -> str | None:
    """``module:function`` of a format's sniffer; a sniffer that cannot be named is refused."""
    found = fmt.sniffer
    if found is None:
        return None
    where = f"{found.__module__}:{found.__qualname__}"
    if getattr(sys.modules.get(found.__module__), found.__qualname__, None) is not found:
        raise SystemExit(f"the sniffer of {fmt.name} is not a module-level function: {where}")
    return where


def collect() -> dict[str, Any]:
    """Import the library as discovery does, tracing it; the index (run in a fresh process)."""
    own: Own = {}
    _trace(own)
    sys.path.insert(0, str(SOURCES))
    # imported only now, with the tracing in place
    plugins = importlib.import_module(f"{LIBRARY}.plugins")
    jurisdiction_type = importlib.import_module(f"{LIBRARY}.countries").Jurisdiction
    get_format = importlib.import_module(f"{LIBRARY}.format_registry").get_format
    registered_rules = importlib.import_module(f"{LIBRARY}.rules")._RULES

    modules = plugins.import_package(plugins.LIBRARY, all_modules=False)
    index: dict[str, Any] = {
        "sources": plugins.sources_digest(),
        "codes": {},
        "formats": {},
        "jurisdictions": {},
        "rules": {},
    }
    for module, registered in sorted(own.items()):
        for tag, key in sorted(registered):
            if tag == "code":
                index["codes"][key] = module
            elif tag == "rule":
                found = registered_rules[key]
                rules = index["rules"].setdefault(f"{found.kind}/{found.target or ''}", [])
                if module not in rules:
                    rules.append(module)
            else:
                fmt = get_format(key)
                index["formats"][key] = {
                    "module": module,
                    "readable": fmt.reader is not None,
                    "extensions": list(fmt.extensions),
                    "sniffer": _sniffer(fmt),
                }
    for each in modules:
        jurisdiction = getattr(each, "JURISDICTION", None)
        if isinstance(jurisdiction, jurisdiction_type):
            index["jurisdictions"][jurisdiction.code] = each.__name__
    return {key: _sorted(value) for key, value in index.items()}


def _sorted(value: Any) -> Any:
    return dict(sorted(value.items())) if isinstance(value, dict) else value


def text() -> str:
    """The canonical text of the file, collected in a fresh interpreter."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--collect"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return done.stdout


def main() -> None:
    """Write the file (``--collect``: print the index collected in this process)."""
    if sys.argv[1:] == ["--collect"]:
        sys.stdout.write(json.dumps(collect(), indent=1, ensure_ascii=False) + "\n")
        return
    OUTPUT.write_text(text(), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Print the library's module map: lines per module and the imports between modules.

Every ``import`` statement counts, at module level or inside a function; imports under
``if TYPE_CHECKING:`` are annotations only and are listed apart. ``--cycles`` prints the
strongly connected components of the import graph (a cycle is a component of two or more
modules, or a module importing itself).

Usage: ``python scripts/module_map.py [--cycles] [--layers]``
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "harmonized_customs"
ROOT = Path(__file__).resolve().parent.parent / "src" / PACKAGE


def module_name(path: Path) -> str:
    """The dotted module name of a source file under ``src/``."""
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_block(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name | ast.Attribute)
        and ast.unparse(node.test).endswith("TYPE_CHECKING")
    )


def _imports(
    node: ast.Import | ast.ImportFrom, here: str, is_package: bool, modules: set[str]
) -> Iterator[str]:
    """The modules one import statement loads (``from pkg import mod`` loads ``pkg.mod``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        anchor = here.split(".") if is_package else here.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in modules else base


def _annotation_only(tree: ast.Module) -> set[ast.AST]:
    """Nodes inside ``if TYPE_CHECKING:`` blocks (walked apart)."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if _type_checking_block(node):
            skipped.update(ast.walk(node))
    return skipped


def graph() -> tuple[dict[str, set[str]], dict[str, int]]:
    """The import graph between the library's modules, and lines per module."""
    files = sorted(ROOT.rglob("*.py"))
    names = {module_name(path): path for path in files}
    edges: dict[str, set[str]] = {}
    lines: dict[str, int] = {}
    for name, path in names.items():
        text = path.read_text(encoding="utf-8")
        lines[name] = text.count("\n")
        tree = ast.parse(text)
        skipped = _annotation_only(tree)
        found: set[str] = set()
        for node in ast.walk(tree):
            if node in skipped or not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for imported in _imports(node, name, path.name == "__init__.py", set(names)):
                target = imported
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
        edges[name] = found
    return edges, lines


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the map; exit 1 when ``--cycles`` finds one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", action="store_true", help="print import cycles only")
    args = parser.parse_args(argv)
    edges, lines = graph()
    if args.cycles:
        found = cycles(edges)
        for component in found:
            print("cycle:", " <-> ".join(component))
        print(f"{len(found)} cycle(s)")
        return 1 if found else 0
    for name in sorted(edges):
        inner = sorted(e.removeprefix(PACKAGE + ".") for e in edges[name])
        short = name.removeprefix(PACKAGE + ".") or PACKAGE
        print(f"{lines[name]:6d}  {short}: {', '.join(inner)}")
    print(f"{sum(lines.values()):6d}  total in {len(lines)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())

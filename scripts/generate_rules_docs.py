"""Generate docs/rules.md, the list of filing rules per country, from the rule registries.

Each rule appears with the node it looks at and the first line of its docstring, grouped by
jurisdiction, after the core rules. A test fails when the committed page differs from what
this script generates. Run::

    python scripts/generate_rules_docs.py
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import harmonized_customs as hc
from harmonized_customs.documents import list_kinds
from harmonized_customs.rules import Rule, rules_for

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

HEADER = """# Filing rules

Generated from the rule registries by `scripts/generate_rules_docs.py`; do not edit by hand.

`hc.check(document, targets)` runs the core rules of the document's kind, then the rules of each
target country for that kind; rules register themselves with the `@rule` decorator, and each
issue names the rule that found it (`issue.rule`).
A rule looks at one node of the declaration (the whole declaration, each goods item, each
certification...) and reports issues whose codes are listed in [issue-codes.md](issue-codes.md).
Each target is checked as that country's import declaration for the shipment, except when the
declaration is an export from that very country: then as its export declaration (Mexico's
pedimento de exportación; US and Canadian export reporting is outside the library and says so).

## Options

`hc.check(declaration, targets, options={...})` tunes rules whose basis is unverified:

| option | default | effect |
|---|---|---|
"""

OPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "ca_transaction_check_digit",
        "False",
        "also check the CBSA transaction number's check digit with the candidate algorithm "
        "from public sources (unconfirmed by CBSA; a mismatch is a warning)",
    ),
)


def _node(rule: Rule) -> str:
    return f"`/{rule.selector}`" if rule.selector else "the declaration"


def section(title: str, rules: Sequence[Rule]) -> str:
    """One table of rules."""
    lines = [f"\n## {title}\n\n| rule | applies to | checks | filings |\n|---|---|---|---|\n"]
    for each in rules:
        roles = ", ".join(sorted(each.roles))
        lines.append(f"| `{each.name}` | {_node(each)} | {each.doc} | {roles} |\n")
    return "".join(lines)


def render() -> str:
    """The whole page."""
    options = "".join(
        f"| `{name}` | `{default}` | {effect} |\n" for name, default, effect in OPTIONS
    )
    parts = [HEADER, options]
    countries = hc.jurisdictions()
    for kind in list_kinds():
        found = [rules_for(kind.name, None)] + [rules_for(kind.name, j.code) for j in countries]
        if not any(found):
            continue
        prefix = "" if kind.name == "declaration" else f"{kind.name}: "
        parts.append(section(f"{prefix}Core rules (every target)", found[0]))
        for jurisdiction, rules in zip(countries, found[1:], strict=True):
            title = f"{jurisdiction.name} ({jurisdiction.code}, {jurisdiction.authority})"
            parts.append(section(prefix + title, rules))
    return "".join(parts)


def main() -> None:
    """Write the page."""
    OUTPUT.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Generate docs/issue-codes.md, the catalogue of issue codes, from the code registry.

Each entry gives the code's meaning (its message in English, French and Spanish, rendered from
the example values), its default severity, the authority whose rule it is, and the fix. A test
fails when the committed page differs from what this script generates. Run::

    python scripts/generate_issue_docs.py
"""

from __future__ import annotations

from pathlib import Path

from harmonized_customs.i18n import LANGUAGES
from harmonized_customs.issues import Issue, list_issue_codes

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "issue-codes.md"

HEADER = """# Issue codes

Generated from the code registry by `scripts/generate_issue_docs.py`; do not edit by hand.

Every finding the library reports has one of these codes. A code is stable: its meaning never
changes and it is never reused. The severity is the default: `error` blocks filing, `warning`
needs a review, `info` is advice (often with a derived suggestion). A rule may lower a severity
where a check is known to misfire; the issue itself always says its severity.

Each entry shows the message rendered from example values in English, French and Spanish.
See [anatomy of an issue](issues.md) for the fields every issue carries.

| code | severity | authority |
|---|---|---|
"""

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


def anchor(code: str) -> str:
    """The anchor of a code's entry (underscores become hyphens)."""
    return code.replace("_", "-")


def render() -> str:
    """The whole page."""
    definitions = list_issue_codes()
    parts = [HEADER]
    for definition in definitions:
        parts.append(
            f"| [`{definition.code}`](#{anchor(definition.code)}) | {definition.severity.value} "
            f"| {definition.authority} |\n"
        )
    for definition in definitions:
        example = Issue.of(definition.code, "", **dict(definition.example_ctx))
        parts.append(f"\n## {anchor(definition.code)}\n\n")
        parts.append(f"`{definition.code}`: severity **{definition.severity.value}**, ")
        parts.append(f"authority {definition.authority}.\n\n")
        for language in LANGUAGES:
            parts.append(f"- {LANGUAGE_NAMES[language]}: {example.message(language)}\n")
        if definition.fix:
            parts.append(f"\nFix: {definition.fix}\n")
    return "".join(parts)


def main() -> None:
    """Write the page."""
    OUTPUT.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()

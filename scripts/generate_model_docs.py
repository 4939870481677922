"""Generate docs/model.md, the reference of the core model, from the committed JSON Schema.

The page has one section per object of ``src/harmonized_customs/schemas/declaration.schema.json``
(the declaration first, then every object in the order the declaration reaches it), each with a
table of its fields: name, type, whether it is required, the WCO Data Model ID (``x-wco-id``;
for party roles also the IDs of the role's name and identifier, ``x-wco-party``) and the
description. A test fails when the committed page differs from what this script generates. Run::

    python scripts/generate_model_docs.py          # rewrite docs/model.md
    python scripts/generate_model_docs.py --check  # exit 1 when docs/model.md is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "src" / "harmonized_customs" / "schemas" / "declaration.schema.json"
OUTPUT = ROOT / "docs" / "model.md"

ROOT_NAME = "Declaration"
REF_PREFIX = "#/$defs/"

DECIMAL_PATTERNS: dict[str, str] = {
    r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$": "decimal string",
    r"^(0|[1-9][0-9]*)(\.[0-9]+)?$": "non-negative decimal string",
}
"""Patterns of the model's decimal types, named instead of printed."""

GENERATED_NOTE = (
    "Generated from `schemas/declaration.schema.json` by `scripts/generate_model_docs.py`; "
    "do not edit by hand."
)

HEADER = f"""# Core model reference

{GENERATED_NOTE}

This page describes every object of the core model of a North American cargo declaration, as
its `core-json` form carries it (`harmonized-customs schema` prints the JSON Schema it is
generated from). A `core-json` document is one [Declaration](#declaration) object, or a JSON
array of them.

How to read the tables:

- **Type**: the JSON type of the field. Amounts, quantities, weights and rates are *decimal
  strings* such as `"1234.50"`, never JSON numbers, so that no digit is lost. Dates are ISO 8601
  (`"2026-11-23"`). A linked name is another object of this page.
- **Required**: `yes` means the field must be present. A field marked `no` may be left out;
  leaving it out and giving `null` mean the same, and the canonical form leaves it out (empty
  lists too).
- **WCO ID**: the element of the WCO Data Model the field carries, so that every finding about
  the field can name it too. For a party role the class ID comes first, then the IDs of the
  role's name and identifier.
"""


def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    """The JSON Schema at ``path`` (by default the committed declaration schema)."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def anchor(name: str) -> str:
    """The anchor of an object's section (the heading in lower case)."""
    return name.lower()


def link(name: str) -> str:
    """A Markdown link to an object's section."""
    return f"[{name}](#{anchor(name)})"


def code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def prose(text: str) -> str:
    """A schema description as one line of Markdown, with reST literals and roles converted."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    return " ".join(text.split())


def cell(text: str) -> str:
    """``text`` made safe for a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def ref_name(schema: Mapping[str, Any]) -> str | None:
    """The object name a ``$ref`` points to, or ``None``."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        return ref[len(REF_PREFIX) :]
    return None


def non_null(schema: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The alternatives of a schema other than ``null`` (the schema itself if not a union)."""
    alternatives = schema.get("anyOf")
    if not isinstance(alternatives, list):
        return [schema]
    return [alt for alt in alternatives if alt.get("type") != "null"]


def literal(value: object) -> str:
    """A JSON value as a code span."""
    return code(json.dumps(value, ensure_ascii=False))


def string_type(schema: Mapping[str, Any]) -> str:
    """The description of a string schema: its format, pattern and length."""
    if schema.get("format") == "date":
        return "date (ISO 8601)"
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and pattern in DECIMAL_PATTERNS:
        return DECIMAL_PATTERNS[pattern]
    details = []
    if isinstance(pattern, str):
        details.append(f"matching {code(pattern)}")
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None and high is not None:
        details.append(f"{low} to {high} characters")
    elif high is not None:
        details.append(f"at most {high} character{'' if high == 1 else 's'}")
    elif low is not None:
        details.append(f"at least {low} character{'' if low == 1 else 's'}")
    return "string" + (f", {', '.join(details)}" if details else "")


def integer_type(schema: Mapping[str, Any]) -> str:
    """The description of an integer schema with its bounds."""
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"integer, {low} to {high}"
    if low is not None:
        return f"integer, at least {low}"
    if high is not None:
        return f"integer, at most {high}"
    return "integer"


def array_type(schema: Mapping[str, Any]) -> str:
    """The description of an array schema: its item type and size bounds."""
    items = schema.get("items", {})
    text = f"list of {type_text(items)}"
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and high is not None:
        text += f" ({low} to {high} items)"
    elif low is not None:
        text += f" (at least {low})"
    elif high is not None:
        text += f" (at most {high})"
    return text


TYPE_TEXTS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "string": string_type,
    "integer": integer_type,
    "array": array_type,
}
"""JSON types whose description depends on the schema's keywords; others print as named."""


def single_type(schema: Mapping[str, Any]) -> str:
    """The description of one schema that is not a union."""
    name = ref_name(schema)
    if name is not None:
        return link(name)
    if "const" in schema:
        return f"always {literal(schema['const'])}"
    if "enum" in schema:
        return "one of " + ", ".join(literal(value) for value in schema["enum"])
    kind = schema.get("type")
    if not isinstance(kind, str):
        return "any value"
    describe = TYPE_TEXTS.get(kind)
    return describe(schema) if describe is not None else kind


def type_text(schema: Mapping[str, Any]) -> str:
    """The description of a property's type (``null`` alternatives left out)."""
    return " or ".join(single_type(alternative) for alternative in non_null(schema))


def wco_text(schema: Mapping[str, Any]) -> str:
    """The WCO Data Model IDs of a property, or an empty string."""
    wco_id = schema.get("x-wco-id")
    party = schema.get("x-wco-party")
    parts = [code(str(wco_id))] if wco_id is not None else []
    if isinstance(party, Mapping):
        roles = [
            f"{key} {code(str(party[key]))}" for key in ("name", "identifiers") if key in party
        ]
        parts.append(f"({', '.join(roles)})")
    return " ".join(parts)


def description_text(schema: Mapping[str, Any]) -> str:
    """A property's description, with its default value when it has a meaningful one."""
    text = prose(str(schema.get("description", "")))
    default = schema.get("default")
    if default not in (None, [], {}):
        text = f"{text} Default: {literal(default)}.".strip()
    return text


def referenced(schema: Mapping[str, Any]) -> Iterator[str]:
    """The object names a property schema refers to, in order."""
    name = ref_name(schema)
    if name is not None:
        yield name
    for alternative in schema.get("anyOf", []):
        yield from referenced(alternative)
    items = schema.get("items")
    if isinstance(items, Mapping):
        yield from referenced(items)


def objects(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Every object of the schema by name: the root first, then in order of first reference."""
    definitions: Mapping[str, Mapping[str, Any]] = schema.get("$defs", {})
    ordered: dict[str, Mapping[str, Any]] = {}

    def visit(name: str, body: Mapping[str, Any]) -> None:
        if name in ordered:
            return
        ordered[name] = body
        for prop in body.get("properties", {}).values():
            for target in referenced(prop):
                if target in definitions:
                    visit(target, definitions[target])

    visit(str(schema.get("title", ROOT_NAME)), schema)
    for name in sorted(definitions):
        visit(name, definitions[name])
    return ordered


def usages(named: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """For each object, the fields (``Owner.field``) whose values are that object."""
    found: dict[str, list[str]] = {name: [] for name in named}
    for owner, body in named.items():
        for field, prop in body.get("properties", {}).items():
            for target in dict.fromkeys(referenced(prop)):
                if target in found:
                    found[target].append(f"[{code(f'{owner}.{field}')}](#{anchor(owner)})")
    return found


def section(name: str, body: Mapping[str, Any], used_in: Sequence[str], root: str) -> str:
    """The section of one object: heading, description, where it is used, field table."""
    parts = [f"\n## {name}\n\n"]
    description = prose(str(body.get("description", "")))
    if description:
        parts.append(f"{description}\n\n")
    if used_in:
        parts.append(f"Used in: {', '.join(used_in)}.\n\n")
    elif name == root:
        parts.append("The root object of a `core-json` document.\n\n")
    required = set(body.get("required", []))
    parts.append("| Field | Type | Required | WCO ID | Description |\n")
    parts.append("|---|---|---|---|---|\n")
    for field, prop in body.get("properties", {}).items():
        row = [
            code(field),
            type_text(prop),
            "yes" if field in required else "no",
            wco_text(prop),
            description_text(prop),
        ]
        parts.append("| " + " | ".join(cell(value) for value in row) + " |\n")
    return "".join(parts)


def render(schema: Mapping[str, Any]) -> str:
    """The whole page for ``schema``."""
    named = objects(schema)
    used = usages(named)
    root = next(iter(named))
    parts = [HEADER]
    version = str(schema.get("$id", ""))
    if version:
        parts.append(f"\nSchema identifier: {code(version)}.\n")
    parts.append("\nObjects: " + ", ".join(link(name) for name in named) + ".\n")
    for name, body in named.items():
        parts.append(section(name, body, used[name], root))
    return "".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    """Write docs/model.md, or with ``--check`` say whether it is up to date (exit 1 if not)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--schema", type=Path, default=SCHEMA_PATH, help="the JSON Schema")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the page to write")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 when the page is out of date"
    )
    args = parser.parse_args(argv)
    page = render(load_schema(args.schema))
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if current != page:
            sys.stderr.write(f"{output} is out of date; run scripts/generate_model_docs.py\n")
            return 1
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

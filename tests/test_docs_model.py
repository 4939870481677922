"""docs/model.md is generated from the committed schema and must match what the script makes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "generate_model_docs.py"
SCHEMA = ROOT / "src" / "harmonized_customs" / "schemas" / "declaration.schema.json"
PAGE = ROOT / "docs" / "model.md"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_model_docs", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded


def test_committed_page_is_what_the_script_generates(generator: ModuleType) -> None:
    generated = generator.render(generator.load_schema(SCHEMA))
    assert PAGE.read_text(encoding="utf-8") == generated, (
        "docs/model.md is out of date: run python scripts/generate_model_docs.py"
    )


def test_check_mode_accepts_the_committed_page(generator: ModuleType) -> None:
    assert generator.main(["--check", "--schema", str(SCHEMA), "--output", str(PAGE)]) == 0


def test_check_mode_rejects_a_stale_page(generator: ModuleType, tmp_path: Path) -> None:
    stale = tmp_path / "model.md"
    stale.write_text("# stale\n", encoding="utf-8")
    assert generator.main(["--check", "--schema", str(SCHEMA), "--output", str(stale)]) == 1


def test_page_starts_with_the_generated_notice() -> None:
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Core model reference"
    assert lines[2].startswith(
        "Generated from `schemas/declaration.schema.json` by `scripts/generate_model_docs.py`; "
        "do not edit by hand"
    )


def test_every_object_and_field_is_documented(schema: dict[str, Any]) -> None:
    page = PAGE.read_text(encoding="utf-8")
    objects = {"Declaration": schema, **schema["$defs"]}
    for name, body in objects.items():
        assert f"\n## {name}\n" in page, name
        start = page.index(f"\n## {name}\n")
        end = page.find("\n## ", start + 1)
        table = page[start : end if end != -1 else len(page)]
        for field in body.get("properties", {}):
            assert f"| `{field}` |" in table, f"{name}.{field}"


def test_every_wco_id_appears(schema: dict[str, Any]) -> None:
    page = PAGE.read_text(encoding="utf-8")
    objects = {"Declaration": schema, **schema["$defs"]}
    for body in objects.values():
        for prop in body.get("properties", {}).values():
            if "x-wco-id" in prop:
                assert f"`{prop['x-wco-id']}`" in page
            for wco_id in prop.get("x-wco-party", {}).values():
                assert f"`{wco_id}`" in page


def test_a_generated_page_for_a_small_schema(generator: ModuleType) -> None:
    small = {
        "$id": "urn:example",
        "title": "Root",
        "type": "object",
        "required": ["child"],
        "properties": {
            "child": {"$ref": "#/$defs/Child", "x-wco-id": "R037"},
            "role": {
                "anyOf": [{"$ref": "#/$defs/Child"}, {"type": "null"}],
                "default": None,
                "x-wco-id": "74A",
                "x-wco-party": {"name": "R037", "identifiers": "R038"},
            },
        },
        "$defs": {
            "Child": {
                "description": "A child | with a pipe.",
                "properties": {
                    "amount": {"type": "string", "pattern": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"},
                    "code": {"type": "string", "pattern": "^(A|B)$", "maxLength": 1},
                    "kind": {
                        "const": "X",
                        "default": "X",
                        "description": "See ``kind`` and\n    :class:`~pkg.Kind`.",
                    },
                    "count": {"type": "integer", "minimum": 0, "description": "a | b"},
                },
            }
        },
    }
    page = generator.render(small)
    assert "\n## Root\n" in page
    assert "\n## Child\n" in page
    assert page.index("## Root") < page.index("## Child")
    assert "| `child` | [Child](#child) | yes | `R037` |  |" in page
    assert "`74A` (name `R037`, identifiers `R038`)" in page
    assert "Used in: [`Root.child`](#root), [`Root.role`](#root)." in page
    assert "\nA child | with a pipe.\n" in page
    assert "| `count` | integer, at least 0 | no |  | a \\| b |" in page
    assert "| `amount` | decimal string | no |" in page
    assert "matching `^(A\\|B)$`, at most 1 character" in page
    assert '| See `kind` and `pkg.Kind`. Default: `"X"`. |' in page
    assert "integer, at least 0" in page

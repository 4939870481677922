"""The JSON Schema (draft 2020-12) of core-json, generated from the model.

The committed copy is ``schemas/declaration.schema.json``; a test fails when it differs from
what :func:`declaration_schema` generates. Regenerate it with::

    python -m harmonized_customs.model.schema \
        > src/harmonized_customs/schemas/declaration.schema.json

Every property that has a WCO Data Model element carries its ID as ``x-wco-id``; party roles
also carry ``x-wco-party`` (the IDs of the role's name and identifier).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from harmonized_customs.model.declaration import SCHEMA_VERSION, Declaration

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_URI",
    "declaration_schema",
    "declaration_schema_text",
    "published_schema",
]

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:harmonized-customs:schema:declaration:{SCHEMA_VERSION}"


def declaration_schema() -> dict[str, Any]:
    """The schema generated from :class:`~harmonized_customs.model.Declaration`."""
    body = Declaration.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_URI, "$id": SCHEMA_ID, **body}


def declaration_schema_text() -> str:
    """The generated schema as the canonical text of the committed file."""
    return json.dumps(declaration_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def published_schema() -> dict[str, Any]:
    """The committed schema file shipped with the package."""
    path = resources.files("harmonized_customs").joinpath("schemas", "declaration.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


if __name__ == "__main__":
    print(declaration_schema_text(), end="")

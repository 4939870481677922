"""The JSON Schema (draft 2020-12) of core-json, generated from the model.

The committed copy is ``schemas/declaration.schema.json``; a test fails when it differs from
what :func:`declaration_schema` generates. Regenerate it with::

    python -m harmonized_customs.model.schema \
        > src/harmonized_customs/schemas/declaration.schema.json

The schema of a truck trip (:class:`~harmonized_customs.model.CargoReport`) is published the
same way as ``schemas/cargo-report.schema.json``::

    python -m harmonized_customs.model.schema cargo-report \
        > src/harmonized_customs/schemas/cargo-report.schema.json

Every property that has a WCO Data Model element carries its ID as ``x-wco-id``; party roles
also carry ``x-wco-party`` (the IDs of the role's name and identifier).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from harmonized_customs.model.cargo_report import CARGO_REPORT_VERSION, CargoReport
from harmonized_customs.model.declaration import SCHEMA_VERSION, Declaration

__all__ = [
    "CARGO_REPORT_SCHEMA_ID",
    "SCHEMA_ID",
    "SCHEMA_URI",
    "cargo_report_schema",
    "cargo_report_schema_text",
    "declaration_schema",
    "declaration_schema_text",
    "published_schema",
]

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:harmonized-customs:schema:declaration:{SCHEMA_VERSION}"
CARGO_REPORT_SCHEMA_ID = f"urn:harmonized-customs:schema:cargo-report:{CARGO_REPORT_VERSION}"


def declaration_schema() -> dict[str, Any]:
    """The schema generated from :class:`~harmonized_customs.model.Declaration`."""
    body = Declaration.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_URI, "$id": SCHEMA_ID, **body}


def declaration_schema_text() -> str:
    """The generated schema as the canonical text of the committed file."""
    return json.dumps(declaration_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def cargo_report_schema() -> dict[str, Any]:
    """The schema generated from :class:`~harmonized_customs.model.CargoReport` (a trip)."""
    body = CargoReport.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_URI, "$id": CARGO_REPORT_SCHEMA_ID, **body}


def cargo_report_schema_text() -> str:
    """The generated trip schema as the canonical text of ``schemas/cargo-report.schema.json``."""
    return json.dumps(cargo_report_schema(), indent=2, ensure_ascii=False) + "\n"


def published_schema(name: str = "declaration") -> dict[str, Any]:
    """The committed schema file shipped with the package (``declaration``, ``cargo-report``)."""
    path = resources.files("harmonized_customs").joinpath("schemas", f"{name}.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["cargo-report"]:
        print(cargo_report_schema_text(), end="")
    else:
        print(declaration_schema_text(), end="")

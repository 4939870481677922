"""Generate ``model/data/field_docs.json``: the description of every core-model field.

A field's description is the docstring written under it in the model's source. Reading those
docstrings means parsing each class's source, too slow to do on every import, so this script
collects them once (with pydantic's own attribute-docstring extraction, the same text pydantic
would give) and :class:`~harmonized_customs.model._base.CoreModel` applies the file to each
class as it is defined. A test fails when the committed file differs from what this script
generates. Run::

    python scripts/generate_field_docs.py
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic._internal._docs_extraction import extract_docstrings_from_cls

import harmonized_customs.model
from harmonized_customs.model._base import FIELD_DOCS, CoreModel

OUTPUT = Path(harmonized_customs.model.__file__).resolve().parent / FIELD_DOCS


def model_classes(base: type[CoreModel] = CoreModel) -> Iterator[type[CoreModel]]:
    """Every subclass of ``base`` defined in the library, depth first."""
    for sub in base.__subclasses__():
        if sub.__module__.startswith("harmonized_customs."):
            yield sub
        yield from model_classes(sub)


def field_docs() -> dict[str, dict[str, str]]:
    """``{"module.Class": {field: docstring}}`` for every class that documents a field."""
    found: dict[str, dict[str, str]] = {}
    for cls in model_classes():
        docs = extract_docstrings_from_cls(cls, use_inspect=True)
        if docs:
            found[f"{cls.__module__}.{cls.__qualname__}"] = dict(sorted(docs.items()))
    return dict(sorted(found.items()))


def text() -> str:
    """The canonical text of the file."""
    return json.dumps(field_docs(), indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the file."""
    OUTPUT.write_text(text(), encoding="utf-8")


if __name__ == "__main__":
    main()

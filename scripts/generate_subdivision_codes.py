"""Generate ``model/data/iso3166_2_codes.txt``: every ISO 3166-2 subdivision code, one a line.

The model checks a :data:`~harmonized_customs.model._base.SubdivisionCode` by membership only;
loading pycountry's whole subdivisions database (names, types, parents of 5,000 entries) for
that took longer than the rest of reading a small file. The codes are pycountry's (which
ships Debian's iso-codes data); the sidecar ``iso3166_2_codes.meta.json`` names the version.
A test fails when the committed file differs from the installed pycountry. Run::

    python scripts/generate_subdivision_codes.py
"""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pycountry

import harmonized_customs.model
from harmonized_customs.model._base import SUBDIVISION_CODES

OUTPUT = Path(harmonized_customs.model.__file__).resolve().parent / SUBDIVISION_CODES
META = OUTPUT.with_name(OUTPUT.name.removesuffix(".txt") + ".meta.json")


def codes() -> list[str]:
    """Every subdivision code pycountry knows, upper case, sorted."""
    return sorted({str(entry.code).upper() for entry in pycountry.subdivisions})


def text() -> str:
    """The canonical text of the file."""
    return "".join(f"{code}\n" for code in codes())


def meta() -> dict[str, object]:
    """The provenance sidecar."""
    return {
        "title": "ISO 3166-2 subdivision codes",
        "source": "ISO 3166-2, as shipped by pycountry (Debian iso-codes data)",
        "source_url": "https://pypi.org/project/pycountry/",
        "edition": f"pycountry {version('pycountry')}",
        "retrieved": date.today().isoformat(),
        "columns": {"code": "ISO 3166-2 subdivision code, country prefix included (US-TX)."},
        "key": ["code"],
    }


def main() -> None:
    """Write the file and its sidecar."""
    OUTPUT.write_text(text(), encoding="utf-8")
    META.write_text(json.dumps(meta(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

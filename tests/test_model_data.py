"""The model's generated data files: field descriptions and ISO 3166-2 codes.

The model reads them instead of parsing its own source (docstrings) or loading pycountry's
subdivisions database; ``tests/test_docs_generated.py`` checks they are current.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest
from pydantic import TypeAdapter, ValidationError

from harmonized_customs.model import MXDeclarationData
from harmonized_customs.model._base import SubdivisionCode, _codes

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "harmonized_customs" / "model"


def test_a_field_docstring_is_the_field_description() -> None:
    field = MXDeclarationData.model_fields["ajustes"]
    assert field.description == "Incrementables and decrementables as filed (record 501)."


def test_a_description_given_with_field_is_kept() -> None:
    field = MXDeclarationData.model_fields["pedimento_number"]
    assert field.description == "Year (2), aduana (2), patente (4), year digit (1), sequence (6)."


def test_the_subdivision_codes_have_their_provenance() -> None:
    meta = json.loads((MODEL / "data" / "iso3166_2_codes.meta.json").read_text("utf-8"))
    assert meta["edition"].startswith("pycountry ")


@pytest.mark.parametrize("code", ["US-TX", "ca-on", " MX-NLE "])
def test_a_listed_subdivision_is_accepted_in_upper_case(code: str) -> None:
    assert TypeAdapter(SubdivisionCode).validate_python(code) == code.strip().upper()


def test_an_unlisted_subdivision_is_refused() -> None:
    with pytest.raises(ValidationError, match="not an ISO 3166-2 subdivision code"):
        TypeAdapter(SubdivisionCode).validate_python("US-XX")


@pytest.mark.parametrize(
    ("database", "attribute"), [("countries", "alpha_2"), ("currencies", "alpha_3")]
)
def test_the_country_and_currency_codes_are_pycountrys(database: str, attribute: str) -> None:
    entries = getattr(pycountry, database)  # through pycountry's objects, as the codes read
    assert _codes(database, attribute) == {str(getattr(e, attribute)).upper() for e in entries}


def test_a_subdivision_seen_as_given_still_normalises_other_spellings() -> None:
    adapter = TypeAdapter(SubdivisionCode)
    assert adapter.validate_python("CA-QC") == "CA-QC"
    assert adapter.validate_python(" ca-qc") == "CA-QC"
    with pytest.raises(ValidationError, match="not an ISO 3166-2 subdivision code"):
        adapter.validate_python("ca-qq")

import pytest

from harmonized_customs.identifiers import InvalidComponent, InvalidFormat, us_importer

from .conftest import RaisesCode


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("26-164751100", "us-ein"),
        ("91-1144442", "us-ein"),
        ("536-90-4399", "us-ssn"),
        ("070101-00123", "us-cbp-assigned"),
        ("07010100123", "us-cbp-assigned"),  # 07 is no EIN prefix: only one reading
        ("911144442AB", "us-ein"),  # letters in the suffix: only an EIN
    ],
)
def test_identify(value: str, scheme: str) -> None:
    assert us_importer.identify(value) == scheme


def test_nine_digits_without_hyphens_are_ambiguous(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidFormat, "us_importer_ambiguous", us_importer.identify, "536904399")
    assert error.ctx["candidates"] == "us-ein, us-ssn"
    assert not error.blocking
    assert us_importer.candidates("536904399") == ["us-ein", "us-ssn"]
    # Valid under both schemes, so valid; check() reports the ambiguity as a warning.
    assert us_importer.validate("536904399") == "536904399"
    assert [p.code for p in us_importer.check("536904399")] == ["us_importer_ambiguous"]
    assert us_importer.format("536904399") == "536904399"


def test_validate_delegates_to_the_scheme(raises_code: RaisesCode) -> None:
    assert us_importer.validate("26-164751100") == "26164751100"
    raises_code(InvalidComponent, "us_ein_unknown_prefix", us_importer.validate, "07-1144442")
    assert [p.code for p in us_importer.check("666-00-0000")] == ["us_ssn_invalid_component"]


def test_no_scheme_fits(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_importer_invalid_format", us_importer.identify, "12-34")
    raises_code(InvalidFormat, "us_importer_invalid_format", us_importer.validate, "1234")
    assert not us_importer.is_valid("1234-5678")


def test_format_by_scheme() -> None:
    assert us_importer.format("070101-00123") == "070101-00123"
    assert us_importer.format("911144442AB") == "91-1144442AB"
    assert us_importer.format("12") == "12"
    assert us_importer.compact("536-90-4399") == "536904399"

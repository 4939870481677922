import pytest

from harmonized_customs.identifiers import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    us_filer_code,
)

from .conftest import RaisesCode


# 002 is the filer code of the 14 entry numbers in CBP ruling HQ H005628 (us.md V.3); the
# others are the shapes of CATAIR Appendix E (NNN, ANN, AAN, AAA, ANA, NAN, NNA, NAA).
@pytest.mark.parametrize("code", ["002", "999", "B76", "AB1", "ABC", "A1B", "1A2", "12A", "1AB"])
def test_valid_filer_codes(code: str) -> None:
    assert us_filer_code.validate(code) == code
    assert us_filer_code.check(code) == []


def test_compact_upper_cases_and_normalises() -> None:
    assert us_filer_code.validate(" ab1 ") == "AB1"
    assert us_filer_code.validate("００２") == "002"  # full-width digits


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "us_filer_code_invalid_length", us_filer_code.validate, "AB")


def test_special_characters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_filer_code_invalid_format", us_filer_code.validate, "A-1")


def test_000_is_out_of_range(raises_code: RaisesCode) -> None:
    raises_code(InvalidComponent, "us_filer_code_out_of_range", us_filer_code.validate, "000")

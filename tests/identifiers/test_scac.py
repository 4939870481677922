import pytest

from harmonized_customs.identifiers import InvalidFormat, InvalidLength, scac

from .conftest import RaisesCode


@pytest.mark.parametrize("code", ["AB", "ABC", "ABCD", "zzzz"])
def test_valid_scac(code: str) -> None:
    assert scac.validate(code) == code.upper()
    assert scac.check(code) == []


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "scac_invalid_length", scac.validate, "A")
    raises_code(InvalidLength, "scac_invalid_length", scac.validate, "ABCDE")


def test_digits(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "scac_invalid_format", scac.validate, "AB1C")

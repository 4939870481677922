import pytest

from harmonized_customs.identifiers import InvalidFormat, InvalidLength, ca_carrier_code

from .conftest import RaisesCode


# Shapes from canada.md §3.3-3.4: 4 characters, a dash counts as a digit.
@pytest.mark.parametrize("code", ["1234", "ABCD", "1A2B", "014-"])
def test_valid_carrier_codes(code: str) -> None:
    assert ca_carrier_code.validate(code) == code
    assert ca_carrier_code.check(code) == []


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "ca_carrier_code_invalid_length", ca_carrier_code.validate, "1AB")


def test_other_characters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "ca_carrier_code_invalid_format", ca_carrier_code.validate, "1A/B")

import pytest

from harmonized_customs.identifiers import InvalidFormat, InvalidLength, mx_patente

from .conftest import RaisesCode


# Patentes of the real M3 samples quoted in mexico.md (§1.1, verification pass C), and a
# left-padded one.
@pytest.mark.parametrize("patente", ["3685", "3362", "3807", "0012"])
def test_valid_patente(patente: str) -> None:
    assert mx_patente.validate(patente) == patente
    assert mx_patente.check(patente) == []


def test_short_patente_is_not_padded(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "mx_patente_invalid_length", mx_patente.validate, "12")
    raises_code(InvalidLength, "mx_patente_invalid_length", mx_patente.validate, "38075")


def test_letters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "mx_patente_invalid_format", mx_patente.validate, "38O7")

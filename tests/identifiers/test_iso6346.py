import pytest

from harmonized_customs.identifiers import InvalidChecksum, InvalidFormat, InvalidLength, iso6346

from .conftest import RaisesCode


# python-stdnum's tests/test_iso6346.doctest.
@pytest.mark.parametrize(
    "number", ["CSQU3054383", "csqu3054383", "TCNU7200794", "TOLU4734787", "GYOU4047990"]
)
def test_valid_container_numbers(number: str) -> None:
    assert iso6346.validate(number) == number.upper()
    assert iso6346.check(number) == []


# us.md §3.5: prefixlist's worked example and Lobster's example.
@pytest.mark.parametrize(("base", "check_digit"), [("MWCU605978", "4"), ("CSQU305438", "3")])
def test_calc_check_digit(base: str, check_digit: str) -> None:
    assert iso6346.calc_check_digit(base) == check_digit


def test_format() -> None:
    # python-stdnum doctest.
    assert iso6346.format("tasu117 000 0") == "TASU 117000 0"


def test_bad_check_digit(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidChecksum, "iso6346_bad_check_digit", iso6346.validate, "CSQU3054384")
    assert error.ctx["expected"] == "3"


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "iso6346_invalid_length", iso6346.validate, "CSQU305438")


def test_invalid_format(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "iso6346_invalid_format", iso6346.validate, "CSQU3054Z83")
    # python-stdnum's pattern would let a digit or underscore through in the owner code.
    raises_code(InvalidFormat, "iso6346_invalid_format", iso6346.validate, "C5QU3054383")
    raises_code(InvalidFormat, "iso6346_invalid_format", iso6346.validate, "CS_U3054383")
    raises_code(InvalidFormat, "iso6346_invalid_format", iso6346.calc_check_digit, "CSQX305438")

import pytest

from harmonized_customs.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    mx_curp,
)

from .conftest import RaisesCode

# python-stdnum's tests/test_mx_curp.doctest ("found online") and mexico.md §4.
VALID = [
    "HEGG560427MVZRRL04",
    "BEML920313HMCLNS09",
    "PEGL890909MJCRMS08",
    "AAMG890608HDFLJL00",
    "BAAD890419HMNRRV07",
    "VIAA900930MMNCLL08",
    "BOXW310820HNERXN09",
]


@pytest.mark.parametrize("number", VALID)
def test_valid_curp(number: str) -> None:
    assert mx_curp.validate(number) == number
    assert mx_curp.check(number) == []
    assert mx_curp.calc_check_digit(number) == number[-1]


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "mx_curp_invalid_length", mx_curp.validate, "1230")


def test_invalid_format(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "mx_curp_invalid_format", mx_curp.validate, "123ZZZZZZZZZZZZZ90")


# The python-stdnum doctest cases of each component.
@pytest.mark.parametrize(
    ("number", "code", "key", "part"),
    [
        ("BACA890909MJCRMS05", "mx_curp_forbidden_word", "word", "BACA"),
        ("PEGL891313MJCRMS06", "mx_curp_invalid_birth_date", "date", "891313"),
        ("PEGL890909QJCRMS08", "mx_curp_invalid_sex", "sex", "Q"),
        ("PEGL890909MQQRMS02", "mx_curp_unknown_state", "state", "QQ"),
    ],
)
def test_invalid_component(
    raises_code: RaisesCode, number: str, code: str, key: str, part: str
) -> None:
    error = raises_code(InvalidComponent, code, mx_curp.validate, number)
    assert error.ctx[key] == part


@pytest.mark.parametrize(
    ("number", "expected"), [("PEGL890909MJCRMS09", "8"), ("BOXW310820HNERXN08", "9")]
)
def test_bad_check_digit_is_an_error(raises_code: RaisesCode, number: str, expected: str) -> None:
    error = raises_code(InvalidChecksum, "mx_curp_bad_check_digit", mx_curp.validate, number)
    assert error.ctx["expected"] == expected
    assert error.blocking

import pytest

from harmonized_customs.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ca_bn15,
)

from .conftest import RaisesCode

# Real BN15s "found online", from python-stdnum's tests/test_ca_bn.doctest (a selection).
STDNUM_FOUND_ONLINE = [
    "000089987RC1818",
    "100007780RC0001",
    "100078294RC0002",
    "123026635RC0001",
    "700706898RC0001",
    "751055724RC0001",
    "800500001RC0001",
    "852093749RC0001",
    "892220393RC0002",
    "899927438RC0001",
]


@pytest.mark.parametrize("number", STDNUM_FOUND_ONLINE)
def test_real_program_accounts(number: str) -> None:
    assert ca_bn15.validate(number) == number
    assert ca_bn15.check(number) == []
    assert not ca_bn15.is_import_export_account(number)


def test_compact_spaces() -> None:
    # python-stdnum doctest.
    assert ca_bn15.validate("12302 6635 RC 0001") == "123026635RC0001"


def test_import_export_account() -> None:
    # canada.md §3.1: a syntactically valid dummy RM account.
    assert ca_bn15.is_import_export_account("123456782RM0001")
    assert ca_bn15.business_number("123456782RM0001") == "123456782"
    assert ca_bn15.program("123456782 RM 0001") == "RM"
    assert ca_bn15.calc_check_digit("12345678") == "2"
    assert not ca_bn15.is_import_export_account("123456789RM0001")


def test_bad_check_digit(raises_code: RaisesCode) -> None:
    # canada.md §3.1: the often-quoted example 123456789RM0001 fails the Luhn check.
    error = raises_code(
        InvalidChecksum, "ca_bn15_bad_check_digit", ca_bn15.validate, "123456789RM0001"
    )
    assert error.blocking


def test_bare_business_number_is_too_short(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "ca_bn15_invalid_length", ca_bn15.validate, "12302 6635")


def test_letters_in_reference_number(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: only digits allowed in the reference number.
    raises_code(InvalidFormat, "ca_bn15_invalid_format", ca_bn15.validate, "12302 6635 RC OOO1")


def test_unknown_program_is_only_a_warning(raises_code: RaisesCode) -> None:
    # python-stdnum rejects AA; the CRA has more identifiers than it knows, so: warning.
    value = "12302 6635 AA 0001"
    assert ca_bn15.validate(value) == "123026635AA0001"
    (problem,) = ca_bn15.check(value)
    assert problem.code == "ca_bn15_unknown_program"
    assert not problem.blocking
    error = raises_code(
        InvalidComponent, "ca_bn15_unknown_program", ca_bn15.validate, value, known_program=True
    )
    assert error.ctx["program"] == "AA"

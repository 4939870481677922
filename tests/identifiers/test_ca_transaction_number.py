import pytest

from harmonized_customs.identifiers import (
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
    ca_transaction_number,
)

from .conftest import RaisesCode

# No real transaction number with a known-good check digit is available (canada.md §3.2 and
# V.1). The numbers below are CBSA's and a broker's illustrative ones: valid in shape only.


def test_fourteen_digits() -> None:
    assert ca_transaction_number.validate("12345-001495785") == "12345001495785"
    assert ca_transaction_number.check("12345001495785") == []
    assert ca_transaction_number.asec("12345001495785") == "12345"
    assert ca_transaction_number.version("12345001495785") is None
    # The barcode's human-readable form (CBSA contingency page).
    assert ca_transaction_number.format("12345001495785") == "12345-001495785"


def test_nineteen_digit_carm_form() -> None:
    # canada.md V.3: version 1 of 14969123456789 (broker notice).
    assert ca_transaction_number.validate("1496912345678900001") == "1496912345678900001"
    assert ca_transaction_number.version("1496912345678900001") == 1
    assert ca_transaction_number.format("1496912345678900001") == "1496912345678900001"


# canada.md V.1 computed the candidate algorithm on these three numbers; none matches it.
@pytest.mark.parametrize(
    ("value", "candidate"),
    [("12345123456789", "5"), ("12345001495785", "4"), ("14969123456789", "4")],
)
def test_candidate_check_digit(value: str, candidate: str) -> None:
    assert ca_transaction_number.calc_check_digit(value[:13]) == candidate


def test_check_digit_is_opt_in_and_a_warning(raises_code: RaisesCode) -> None:
    value = "12345001495785"
    assert ca_transaction_number.is_valid(value)
    error = raises_code(
        UncertainChecksum,
        "ca_transaction_number_bad_check_digit",
        ca_transaction_number.validate,
        value,
        check_digit=True,
    )
    assert error.ctx["expected"] == "4"
    assert not error.blocking
    assert ca_transaction_number.validate("12345001495784", check_digit=True)


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidLength,
        "ca_transaction_number_invalid_length",
        ca_transaction_number.validate,
        "1234500149578",
    )


def test_letters(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidFormat,
        "ca_transaction_number_invalid_format",
        ca_transaction_number.validate,
        "12345O01495785",
    )
    raises_code(
        InvalidFormat,
        "ca_transaction_number_invalid_format",
        ca_transaction_number.calc_check_digit,
        "123",
    )

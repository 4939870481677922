from harmonized_customs.identifiers import InvalidFormat, InvalidLength, us_cbp_assigned

from .conftest import RaisesCode

# Composed from the documented layout YYDDPP-NNNNN (us.md §3.1): year 07, Schedule D port
# 0101 (Portland, ME), serial 00123. No real CBP-assigned number is published.
VALUE = "070101-00123"


def test_valid_number() -> None:
    assert us_cbp_assigned.validate(VALUE) == "07010100123"
    assert us_cbp_assigned.validate("07010100123") == "07010100123"
    assert us_cbp_assigned.is_valid(VALUE)
    assert us_cbp_assigned.check(VALUE) == []


def test_format() -> None:
    assert us_cbp_assigned.format("07010100123") == VALUE
    assert us_cbp_assigned.format("0701") == "0701"


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidLength, "us_cbp_assigned_invalid_length", us_cbp_assigned.validate, "070101-0012"
    )


def test_letters_or_misplaced_hyphen(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidFormat, "us_cbp_assigned_invalid_format", us_cbp_assigned.validate, "07A101-00123"
    )
    raises_code(
        InvalidFormat, "us_cbp_assigned_invalid_format", us_cbp_assigned.validate, "0701-0100123"
    )

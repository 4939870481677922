from harmonized_customs.identifiers import InvalidComponent, InvalidFormat, InvalidLength, us_ssn

from .conftest import RaisesCode


# Vectors from python-stdnum's stdnum/us/ssn.py doctests.
def test_valid_ssn() -> None:
    assert us_ssn.validate("536-90-4399") == "536904399"
    assert us_ssn.validate("536904399") == "536904399"
    assert us_ssn.check("536-90-4399") == []
    assert us_ssn.format("111223333") == "111-22-3333"
    assert us_ssn.format("1234") == "1234"


def test_misplaced_hyphen(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_ssn_invalid_format", us_ssn.validate, "1112-23333")


def test_letters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_ssn_invalid_format", us_ssn.validate, "536-9A-4399")


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "us_ssn_invalid_length", us_ssn.validate, "536-90-439")


def test_never_issued_parts(raises_code: RaisesCode) -> None:
    raises_code(InvalidComponent, "us_ssn_invalid_component", us_ssn.validate, "666-00-0000")
    # Blacklisted: the Woolworth wallet-card number.
    raises_code(InvalidComponent, "us_ssn_invalid_component", us_ssn.validate, "078-05-1120")

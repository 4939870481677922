from harmonized_customs.identifiers import InvalidFormat, InvalidLength, ca_ccn

from .conftest import RaisesCode


def test_pars_ccn() -> None:
    # canada.md §3.3: a PARS CCN keeps its literal "PARS" (CBSA communiqué, relayed).
    assert ca_ccn.validate("1234PARS56789") == "1234PARS56789"
    assert ca_ccn.carrier_code("1234PARS56789") == "1234"
    assert ca_ccn.check("1234PARS56789") == []


def test_dashes_are_kept() -> None:
    # canada.md §3.4: air CCN shape (unverified example), airline prefix + AWB.
    assert ca_ccn.validate("014-04937402") == "014-04937402"
    assert ca_ccn.carrier_code("014-04937402") == "014-"


def test_short_ccn_is_a_warning(raises_code: RaisesCode) -> None:
    assert ca_ccn.is_valid("1ABC23")
    (problem,) = ca_ccn.check("1ABC23")
    assert problem.code == "ca_ccn_short"
    assert not problem.blocking
    raises_code(InvalidLength, "ca_ccn_short", ca_ccn.validate, "1ABC23", emanifest_length=True)


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "ca_ccn_invalid_length", ca_ccn.validate, "1AB")
    raises_code(InvalidLength, "ca_ccn_invalid_length", ca_ccn.validate, "1ABC" + "9" * 22)


def test_other_characters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "ca_ccn_invalid_format", ca_ccn.validate, "1ABC/2345")

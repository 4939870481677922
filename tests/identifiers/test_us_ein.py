import pytest

from harmonized_customs.identifiers import InvalidComponent, InvalidFormat, InvalidLength, us_ein

from .conftest import RaisesCode


# Vectors from python-stdnum's stdnum/us/ein.py doctests.
def test_valid_ein() -> None:
    assert us_ein.validate("91-1144442") == "911144442"
    assert us_ein.is_valid("04-2103594")
    assert us_ein.check("91-1144442") == []


def test_ein_with_cbp_suffix() -> None:
    # The ABI form of EIN 26-1647511 with suffix 00 (us.md §3.1, cargo-compliance-hub golden
    # file, a transcription).
    assert us_ein.validate("26-164751100") == "26164751100"
    assert us_ein.suffix("26-164751100") == "00"
    assert us_ein.suffix("26-1647511") is None
    assert us_ein.format("26164751100") == "26-164751100"


def test_format_and_compact() -> None:
    assert us_ein.format("042103594") == "04-2103594"
    assert us_ein.format("123") == "123"
    assert us_ein.compact(" 91–1144442 ") == "911144442"  # typographic dash


def test_misplaced_hyphen_is_invalid_format(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: dash in the wrong place.
    raises_code(InvalidFormat, "us_ein_invalid_format", us_ein.validate, "911-14-4442")


def test_letters_in_number_are_invalid_format(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_ein_invalid_format", us_ein.validate, "91-114444A")
    raises_code(InvalidFormat, "us_ein_invalid_format", us_ein.validate, "91-11444420*")


def test_wrong_length(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidLength, "us_ein_invalid_length", us_ein.validate, "1234567")
    assert error.ctx["length"] == 7


def test_unknown_prefix(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: prefix 07 is not assigned by the IRS.
    error = raises_code(InvalidComponent, "us_ein_unknown_prefix", us_ein.validate, "07-1144442")
    assert error.ctx["prefix"] == "07"
    assert error.blocking


@pytest.mark.parametrize("suffix", ["0I", "O1", "Z9"])
def test_suffix_with_o_i_z_is_only_a_warning(raises_code: RaisesCode, suffix: str) -> None:
    value = "91-1144442" + suffix
    assert us_ein.is_valid(value)
    (problem,) = us_ein.check(value)
    assert problem.code == "us_ein_suffix_reserved_letter"
    assert not problem.blocking
    raises_code(
        InvalidComponent,
        "us_ein_suffix_reserved_letter",
        us_ein.validate,
        value,
        suffix_letters=True,
    )

import pytest

from harmonized_customs.identifiers import InvalidFormat, InvalidLength, tariff

from .conftest import RaisesCode


def test_levels() -> None:
    assert tariff.hs6("8471.30") == "847130"
    assert tariff.us_hts10("8471.30.0100") == "8471300100"
    # canada.md §3.5: the CBSA's example classification number.
    assert tariff.ca_classification10("9507.90.10.00") == "9507901000"
    # mexico.md verification pass C: fracción and NICO of a real 551 record.
    assert tariff.mx_fraccion8("48237099") == "48237099"
    assert tariff.mx_nico2("99") == "99"
    assert tariff.check("847130", "hs6") == []


@pytest.mark.parametrize(
    ("value", "level", "printed"),
    [
        ("847130", "hs6", "8471.30"),
        ("8471300100", "us-hts10", "8471.30.0100"),
        ("9507901000", "ca-classification10", "9507.90.10.00"),
        ("48237099", "mx-fraccion8", "4823.70.99"),
        ("00", "mx-nico2", "00"),
        ("8471", "hs6", "8471"),
    ],
)
def test_format(value: str, level: tariff.Level, printed: str) -> None:
    assert tariff.format(value, level) == printed


def test_hs6_is_never_padded_to_a_national_code(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidLength, "us_hts10_invalid_length", tariff.us_hts10, "8471.30")
    assert error.ctx["identifier"] == "us-hts10"
    raises_code(InvalidLength, "mx_fraccion8_invalid_length", tariff.mx_fraccion8, "847130")
    raises_code(
        InvalidLength, "ca_classification10_invalid_length", tariff.ca_classification10, "84713001"
    )
    raises_code(InvalidLength, "mx_nico2_invalid_length", tariff.mx_nico2, "9")
    raises_code(InvalidLength, "hs6_invalid_length", tariff.hs6, "8471")


def test_letters(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "hs6_invalid_format", tariff.hs6, "8471A0")
    assert [p.code for p in tariff.check("847130010X", "us-hts10")] == ["us_hts10_invalid_format"]


@pytest.mark.parametrize("level", sorted(tariff.LEVELS))
def test_every_level_rejects_letters(raises_code: RaisesCode, level: tariff.Level) -> None:
    value = "9" * (tariff.LEVELS[level] - 1) + "X"
    slug = level.replace("-", "_")
    error = raises_code(InvalidFormat, f"{slug}_invalid_format", tariff.validate, value, level)
    assert error.ctx["identifier"] == level


def test_unknown_level_is_a_programmer_error() -> None:
    with pytest.raises(KeyError):
        tariff.validate("847130", "hs8")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("national", "hs6", "expected"),
    [
        ("9507901000", "950790", True),
        ("8471.30.0100", "8471.30", True),
        ("48237099", "482370", True),
        ("9507901000", "950791", False),
        ("950790", "950790", False),  # an HS6 code is not a national extension
        ("950790100", "950790", False),  # 9 digits: no national level
        ("95079X1000", "950790", False),
        ("9507901000", "9507", False),
    ],
)
def test_extends(national: str, hs6: str, expected: bool) -> None:
    assert tariff.extends(national, hs6) is expected

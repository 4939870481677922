from harmonized_customs.identifiers import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    mx_pedimento,
)

from .conftest import RaisesCode

# mexico.md §1.1: the illustrative number of a public CFDI API's documentation.
PRINTED = "25  47  3807  5001234"


def test_printed_form_round_trip() -> None:
    number = mx_pedimento.validate(PRINTED)
    assert number == "254738075001234"
    assert mx_pedimento.format(number) == PRINTED
    assert len(mx_pedimento.format(number)) == 21
    assert mx_pedimento.check(PRINTED) == []
    assert mx_pedimento.format("2547") == "2547"


def test_parts() -> None:
    parts = mx_pedimento.parts(PRINTED)
    assert parts == ("25", "47", "3807", "5", "001234")
    assert parts.aduana == "47"
    assert parts.patente == "3807"
    assert parts.number == "5001234"


def test_compose_from_m3_fields() -> None:
    # mexico.md §1.1: M3 sample `500|1|3685|5003763|470||`, year 25 from the dates,
    # aduana-sección 470 -> aduana 47.
    assert mx_pedimento.compose("25", "47", "3685", "5003763") == "254736855003763"


def test_compose_never_pads(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidFormat,
        "mx_pedimento_invalid_format",
        mx_pedimento.compose,
        "25",
        "47",
        "385",
        "5003763",
    )


def test_year_digit_mismatch_is_a_warning(raises_code: RaisesCode) -> None:
    value = "25  47  3807  4001234"  # e.g. a consolidated pedimento begun in 2024
    assert mx_pedimento.is_valid(value)
    (problem,) = mx_pedimento.check(value)
    assert problem.code == "mx_pedimento_year_digit_mismatch"
    assert not problem.blocking
    error = raises_code(
        InvalidComponent,
        "mx_pedimento_year_digit_mismatch",
        mx_pedimento.validate,
        value,
        year_digit=True,
    )
    assert (error.ctx["year"], error.ctx["year_digit"]) == ("25", "4")


def test_zero_sequence(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidComponent, "mx_pedimento_zero_sequence", mx_pedimento.validate, "25 47 3807 5000000"
    )


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidLength, "mx_pedimento_invalid_length", mx_pedimento.validate, "25 47 3807 500123"
    )


def test_letters(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidFormat, "mx_pedimento_invalid_format", mx_pedimento.validate, "2547380750O1234"
    )

import pytest

from harmonized_customs.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
    us_entry_number,
)
from harmonized_customs.issues import Severity

from .conftest import RaisesCode

# The 14 real entry numbers listed in CBP ruling HQ H005628 (Sept 4, 2007;
# http://www.faqs.org/rulings/rulings2007HQH005628.html), quoted in us.md V.3.
RULING_H005628 = [
    "002-6110316-2",
    "002-6111115-7",
    "002-6111223-9",
    "002-6111109-0",
    "002-6111082-9",
    "002-6110748-6",
    "002-6111267-6",
    "002-6110711-4",
    "002-6111447-4",
    "002-6110706-4",
    "002-6111495-3",
    "002-6110240-4",
    "002-6111224-7",
    "002-6110467-3",
]


@pytest.mark.parametrize("entry", RULING_H005628)
def test_real_entry_numbers_validate(entry: str) -> None:
    compact = entry.replace("-", "")
    assert us_entry_number.validate(entry) == compact
    assert us_entry_number.calc_check_digit(compact[:10]) == compact[10]
    assert us_entry_number.format(compact) == entry
    assert us_entry_number.check(entry) == []


@pytest.mark.parametrize("entry", RULING_H005628)
def test_every_other_check_digit_is_rejected(entry: str, raises_code: RaisesCode) -> None:
    wrong = entry[:-1] + str((int(entry[-1]) + 1) % 10)
    error = raises_code(
        InvalidChecksum, "us_entry_number_bad_check_digit", us_entry_number.validate, wrong
    )
    assert error.ctx["expected"] == entry[-1]
    assert error.blocking


# us.md §3.2: computed by the note's author with the same algorithm (not official); the
# vectors with letters rest on the unconfirmed letter table.
@pytest.mark.parametrize(
    ("base", "check_digit"),
    [
        ("ABC1234567", "6"),
        ("9999999999", "0"),
        ("ZZZ0000001", "1"),
        ("9991234567", "7"),
        ("B760123456", "3"),
    ],
)
def test_calc_check_digit_note_vectors(base: str, check_digit: str) -> None:
    assert us_entry_number.calc_check_digit(base) == check_digit


def test_w3c_ccg_examples_fail_the_check(raises_code: RaisesCode) -> None:
    # us.md §3.2: the W3C CCG traceability examples are not valid entry numbers.
    for value, expected in (("12345123456", "4"), ("73461882610", "2")):
        error = raises_code(
            InvalidChecksum, "us_entry_number_bad_check_digit", us_entry_number.validate, value
        )
        assert error.ctx["expected"] == expected


def test_letter_filer_code_mismatch_is_only_a_warning(raises_code: RaisesCode) -> None:
    value = "ABC-1234567-0"  # the letter table gives 6
    assert us_entry_number.validate(value) == "ABC12345670"
    (problem,) = us_entry_number.check(value)
    assert isinstance(problem, UncertainChecksum)
    assert problem.code == "us_entry_number_check_digit_unverified"
    assert problem.severity is Severity.WARNING
    error = raises_code(
        UncertainChecksum,
        "us_entry_number_check_digit_unverified",
        us_entry_number.validate,
        value,
        strict=True,
    )
    assert error.ctx["filer_code"] == "ABC"
    assert us_entry_number.validate("ABC-1234567-6", strict=True) == "ABC12345676"


def test_parts() -> None:
    parts = us_entry_number.parts("002-6110316-2")
    assert parts == ("002", "6110316", "2")
    assert parts.filer_code == "002"
    assert parts.number == "6110316"
    assert parts.check_digit == "2"


def test_wrong_length(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidLength, "us_entry_number_invalid_length", us_entry_number.validate, "002-6110316"
    )
    raises_code(
        InvalidLength,
        "us_entry_number_invalid_length",
        us_entry_number.calc_check_digit,
        "00261103",
    )
    assert us_entry_number.format("0026") == "0026"


def test_letters_after_the_filer_code(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidFormat, "us_entry_number_invalid_format", us_entry_number.validate, "002-611A316-2"
    )
    raises_code(
        InvalidFormat,
        "us_entry_number_invalid_format",
        us_entry_number.calc_check_digit,
        "002611031A",
    )


def test_invalid_filer_code(raises_code: RaisesCode) -> None:
    error = raises_code(
        InvalidComponent,
        "us_entry_number_invalid_filer_code",
        us_entry_number.validate,
        "000-6110316-0",
    )
    assert error.ctx["filer_code"] == "000"

"""Properties over generated input: check() agrees with is_valid(), check digits agree."""

import unicodedata
from collections.abc import Callable
from functools import partial
from types import ModuleType

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import identifiers
from harmonized_customs.identifiers import _util, iso6346, us_entry_number

MODULES: list[ModuleType] = [
    module
    for module in vars(identifiers).values()
    if isinstance(module, ModuleType)
    and hasattr(module, "check")
    and module is not identifiers.tariff
]


@given(st.text(max_size=40))
def test_check_agrees_with_is_valid_and_uses_registered_codes(text: str) -> None:
    for module in MODULES:
        problems = module.check(text)
        assert all(p.code in identifiers.codes.CODES and str(p) for p in problems)
        assert module.is_valid(text) is not any(p.blocking for p in problems)


@given(st.from_regex(r"[0-9]{3}[0-9]{7}", fullmatch=True), st.integers(1, 9))
def test_entry_number_accepts_its_check_digit_only(base: str, shift: int) -> None:
    check_digit = us_entry_number.calc_check_digit(base)
    assert us_entry_number.is_valid(base + check_digit) is (base[:3] != "000")
    wrong = str((int(check_digit) + shift) % 10)
    assert not us_entry_number.is_valid(base + wrong)


@given(st.from_regex(r"[A-Z]{3}U[0-9]{6}", fullmatch=True))
def test_container_number_with_computed_check_digit_is_valid(base: str) -> None:
    assert iso6346.is_valid(base + iso6346.calc_check_digit(base))


_ENTRY_NUMBER_TEXT = st.one_of(
    st.text(max_size=16),
    st.from_regex(r"[0-9A-Z]{3}-?[0-9]{7}-?[0-9]", fullmatch=True),
    st.from_regex(r"[0-9]{11}", fullmatch=True),
)


@given(_ENTRY_NUMBER_TEXT)
def test_entry_number_check_in_one_pass_is_the_two_pass_check(text: str) -> None:
    one = [(type(p), p.code, p.ctx) for p in us_entry_number.check(text)]
    two = [(type(p), p.code, p.ctx) for p in _entry_number_check_in_two_passes(text)]
    assert one == two


@given(st.one_of(st.text(max_size=14), st.from_regex(r"[0-9A-Z]{3}[0-9]{7}", fullmatch=True)))
def test_entry_number_check_digit_by_table_is_the_one_by_position(base: str) -> None:
    def outcome(function: Callable[[str], str]) -> object:
        try:
            return function(base)
        except identifiers.IdentifierError as error:
            return (type(error), error.code, error.ctx)

    assert outcome(us_entry_number.calc_check_digit) == outcome(_entry_number_digit_by_position)


@given(st.text(max_size=20), st.sampled_from(["", " ", " -", " .-", " -_"]))
def test_clean_by_translation_is_the_clean_by_character(text: str, deletechars: str) -> None:
    assert _util.clean(text, deletechars) == _clean_by_character(text, deletechars)


# The first, plainer implementations the library's are tested against.


def _entry_number_check_in_two_passes(value: str) -> list[identifiers.IdentifierError]:
    """The lenient validation, then the strict review (what ``check`` does in one pass)."""
    return _util.collect(
        us_entry_number.validate, value, partial(us_entry_number.validate, strict=True)
    )


def _entry_number_digit_by_position(base: str) -> str:
    """CBP's check digit position by position (``calc_check_digit`` uses a table)."""
    number = us_entry_number.compact(base)
    if len(number) != 10:
        raise identifiers.InvalidLength(
            "us_entry_number_invalid_length",
            identifier=us_entry_number.SCHEME,
            value=number,
            length=len(number),
        )
    if not us_entry_number._BASE_SHAPE.fullmatch(number):
        raise identifiers.InvalidFormat(
            "us_entry_number_invalid_format", identifier=us_entry_number.SCHEME, value=number
        )
    total = 0
    for position, char in enumerate(number, start=1):
        value = us_entry_number._digit_value(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return str((10 - total % 10) % 10)


def _clean_by_character(value: str, deletechars: str = "") -> str:
    """``clean`` character by character (the library's translates)."""
    text = unicodedata.normalize("NFKC", value).translate(_util._DASHES)
    return "".join(ch for ch in text if ch not in deletechars).strip().upper()

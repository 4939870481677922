"""The reader's check of a derived unit value agrees with the writer's derivation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from hypothesis import example, given
from hypothesis import strategies as st

from harmonized_customs.countries.mx import cfdi_map as m

_AMOUNTS = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20)
_TEXTS = st.one_of(
    _AMOUNTS.map(str),
    _AMOUNTS.map(m.text),
    st.sampled_from(["0", "-0", "0.0", "1", "1.0", "1.50", "1E+3", "1000", " 5", "1_000", "x"]),
)


@given(_TEXTS, _AMOUNTS, _AMOUNTS)
@example("1229.96", Decimal("8454745.04"), Decimal("6874"))
@example("-0", Decimal("0"), Decimal("5"))
@example("0", Decimal("-0.00"), Decimal("5"))
@example("0.5", Decimal("1"), Decimal("2"))
@example("0.50", Decimal("1"), Decimal("2"))
@example("3", Decimal("9.0"), Decimal("3"))
@example("0.0000001", Decimal("0.0000002"), Decimal("2"))
def test_is_unit_value_is_the_derived_value(text: str, total: Decimal, quantity: Decimal) -> None:
    expected = text == m.unit_value(total, quantity)
    assert m.is_unit_value(text, m.decimal_or_none(text), total, quantity) is expected


@given(_AMOUNTS, st.decimals(min_value=Decimal("0.001"), max_value=10**9, places=3))
def test_a_value_times_its_quantity_is_recognised(value: Decimal, quantity: Decimal) -> None:
    total = value * quantity
    text = m.unit_value(total, quantity)
    if text is not None:
        assert m.is_unit_value(text, m.decimal_or_none(text), total, quantity)


_PLAIN_TEXTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**19).map(m.text),
    st.integers(min_value=0, max_value=10**25).map(str),
    st.sampled_from(["0", "0.0", "1", "1.50", "01", "0.5", "5.", ".5", "1E+3", " 5", "-2", "١"]),
)


@given(_PLAIN_TEXTS, _PLAIN_TEXTS, _PLAIN_TEXTS)
@example("1371.97", "7517023.63", "5479")
@example("1371.97", "7517023.630", "5479.0")
@example("1371.970", "7517023.63", "5479")
@example("1234567890123456789", "1234567890123456789", "1")
@example("0.000001", "0.000002", "2")
@example("2", "5", "0")
def test_the_text_check_agrees_with_the_decimal_one(given_: str, total: str, count: str) -> None:
    """Where the check on texts decides, it decides as the decimal computation does."""
    fast = m.is_unit_value_text(given_, total, count)
    if fast is None:
        return
    amount, quantity = m.decimal_or_none(total), m.decimal_or_none(count)
    assert amount is not None
    assert quantity is not None
    assert fast is m.is_unit_value(given_, m.decimal_or_none(given_), amount, quantity)


def test_the_text_check_decides_the_usual_line() -> None:
    assert m.is_unit_value_text("1371.97", "7517023.63", "5479") is True
    assert m.is_unit_value_text("1371.96", "7517023.63", "5479") is False
    assert m.is_unit_value_text("1371.970", "7517023.63", "5479") is None


def _unit_value_in_local_context(total: Decimal, quantity: Decimal, places: int) -> str | None:
    """``unit_value`` as first written: the arithmetic in a local context of 120 digits."""
    if quantity <= 0:
        return None
    with localcontext() as context:
        context.prec = m.PRECISION
        try:
            step = Decimal(1).scaleb(-places)
            value = (total / quantity).quantize(step, rounding=ROUND_HALF_UP)
            if value * quantity != total:
                return None
            whole = value == value.to_integral()
            return m.text(value.quantize(1)) if whole else m.text(value.normalize())
        except ArithmeticError:
            return None


_WIDE_AMOUNTS = st.decimals(allow_nan=False, allow_infinity=False)


@given(
    st.one_of(_AMOUNTS, _WIDE_AMOUNTS),
    st.one_of(_AMOUNTS, _WIDE_AMOUNTS, st.sampled_from([Decimal(3), Decimal("0.5")])),
    st.integers(min_value=0, max_value=8),
)
@example(Decimal("1"), Decimal("3"), 6)
@example(Decimal("9.0"), Decimal("3"), 6)
@example(Decimal("1E+200"), Decimal("1E-200"), 6)
def test_unit_value_in_a_context_of_its_own(total: Decimal, quantity: Decimal, places: int) -> None:
    expected = _unit_value_in_local_context(total, quantity, places)
    assert m.unit_value(total, quantity, places) == expected


@given(st.lists(st.one_of(_AMOUNTS, _WIDE_AMOUNTS), max_size=6))
def test_total_usd_in_a_context_of_its_own(values: list[Decimal]) -> None:
    with localcontext() as context:
        context.prec = m.PRECISION
        try:
            total = sum(values, Decimal(0))
            expected = m.text(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        except ArithmeticError as error:
            expected = type(error).__name__
    try:
        found = m.total_usd(values)
    except ArithmeticError as error:
        found = type(error).__name__
    assert found == expected

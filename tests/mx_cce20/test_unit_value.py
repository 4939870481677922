"""The reader's check of a derived unit value agrees with the writer's derivation."""

from __future__ import annotations

from decimal import Decimal

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

"""Conversion with the declaration's own rates: an amount already in the target is itself."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import currency
from harmonized_customs.model import Declaration, Money
from strategies import amounts, declarations

AMOUNTS = st.one_of(
    amounts(),
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
    st.decimals(min_value=Decimal("-1E+18"), max_value=Decimal("1E+18"), places=12),
    st.sampled_from([Decimal("-0"), Decimal("0E+5"), Decimal("1E+17"), Decimal("1E+18")]),
    st.sampled_from([Decimal("1E-12"), Decimal("1E-13"), Decimal("9" * 31)]),
)


def _by_the_rate(declaration: Declaration, money: Money, target: str) -> Decimal | None:
    """The conversion as the amount times the rate, always computed."""
    factor = currency.rate(declaration, money.currency, target)
    if factor is None:
        return None
    with localcontext(prec=currency.PRECISION):
        return money.amount * factor


@given(declarations(max_goods=1), AMOUNTS, st.sampled_from(["USD", "MXN", "CAD", "EUR"]))
def test_convert_is_the_amount_times_the_rate(
    declaration: Declaration, amount: Decimal, target: str
) -> None:
    for source in ("USD", "MXN", target):
        money = Money.model_construct(amount=amount, currency=source)
        expected = _by_the_rate(declaration, money, target)
        found = currency.convert(declaration, money, target)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert found.as_tuple() == expected.as_tuple()


@given(declarations(max_goods=1))
def test_an_amount_in_the_target_currency_is_given_back(declaration: Declaration) -> None:
    money = Money(amount=Decimal("1234.50"), currency="USD")
    declaration = declaration.model_copy(update={"valuation": None})
    assert str(currency.convert(declaration, money, "USD")) == "1234.50"
    assert currency.convert(declaration, money, "MXN") is None

"""Currency conversion with the exchange rates a declaration itself states.

No rate is looked up or guessed: a conversion the declaration's rates do not support returns
``None``, and the rule that needed it reports the missing rate.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import Context, Decimal, localcontext

from harmonized_customs.model import Declaration, Money
from harmonized_customs.model._base import MAX_DECIMALS, MAX_INTEGER_DIGITS

__all__ = ["PRECISION", "convert", "rate", "wide_context"]

PRECISION = 2 * (MAX_INTEGER_DIGITS + MAX_DECIMALS) + 4
"""Digits of the arithmetic: the product of two amounts within the model's bounds is exact.

The result may exceed those bounds (an 18-digit amount at a rate of 20): the format that
writes it reports the value it cannot place.
"""


def wide_context() -> AbstractContextManager[Context]:
    """A decimal context in which sums, products and roundings of model values never trap.

    Twice :data:`PRECISION` digits: a product of two bounded values, summed over any number
    of lines and rounded to the cent, stays exact (``quantize`` raises ``InvalidOperation``
    when its result has more digits than the context's precision, 28 by default).
    """
    return localcontext(prec=2 * PRECISION)


def rate(declaration: Declaration, source: str, target: str) -> Decimal | None:
    """Units of ``target`` per unit of ``source`` from the declaration's rates (or inverse)."""
    if source == target:
        return Decimal(1)
    valuation = declaration.valuation
    if valuation is None:
        return None
    for each in valuation.exchange_rates:
        if each.source_currency == source and each.target_currency == target:
            return each.rate
    for each in valuation.exchange_rates:
        if each.source_currency == target and each.target_currency == source and each.rate:
            with localcontext(prec=PRECISION):
                return Decimal(1) / each.rate
    return None


def _in_bounds(amount: Decimal) -> bool:
    """A finite amount of at most the model's digits before and after the point.

    Multiplied by 1 in any context of :data:`PRECISION` digits, it is given back unchanged.
    """
    if not amount.is_finite():
        return False
    exponent = amount.as_tuple().exponent
    return (
        isinstance(exponent, int)
        and -exponent <= MAX_DECIMALS
        and amount.adjusted() < MAX_INTEGER_DIGITS
    )


def convert(declaration: Declaration, money: Money, target: str) -> Decimal | None:
    """``money`` in ``target`` currency, or ``None`` when the declaration gives no rate.

    An amount within the model's bounds already in ``target`` is itself (its product by the
    rate 1, exact), with no arithmetic.
    """
    amount = money.amount
    if money.currency == target and type(amount) is Decimal and _in_bounds(amount):
        return amount
    factor = rate(declaration, money.currency, target)
    if factor is None:
        return None
    with localcontext(prec=PRECISION):
        return money.amount * factor

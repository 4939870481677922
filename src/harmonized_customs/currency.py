"""Currency conversion with the exchange rates a declaration itself states.

No rate is looked up or guessed: a conversion the declaration's rates do not support returns
``None``, and the rule that needed it reports the missing rate.
"""

from __future__ import annotations

from decimal import Decimal

from harmonized_customs.model import Declaration, Money

__all__ = ["convert", "rate"]


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
            return Decimal(1) / each.rate
    return None


def convert(declaration: Declaration, money: Money, target: str) -> Decimal | None:
    """``money`` in ``target`` currency, or ``None`` when the declaration gives no rate."""
    factor = rate(declaration, money.currency, target)
    return None if factor is None else money.amount * factor

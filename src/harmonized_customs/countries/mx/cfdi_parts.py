"""What both CFDI readings share: the fields kept per line, line numbers, unit values.

:mod:`~harmonized_customs.countries.mx.cfdi_read` (the general reading) and
:mod:`~harmonized_customs.countries.mx.cfdi_fast` (the one-pass reading of the common shape)
take these from here, so that both decide each value the same way.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx import units

__all__ = [
    "CONCEPTO_KEPT",
    "FISCAL",
    "FRACCION",
    "MERCANCIA_KEPT",
    "PLACEHOLDER_CERTIFICATE",
    "SPECIFIC",
    "SPECIFIC_KEPT",
    "TIME",
    "Decimals",
    "line_numbers",
    "set_field",
    "umt",
]

PLACEHOLDER_CERTIFICATE = "0" * 20
TIME = re.compile(r"T([0-9]{2}:[0-9]{2}:[0-9]{2})")
_LINE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")
"""A canonical line number 1..9999 in ASCII digits (``int()`` also takes ``²`` and ``٣``)."""
FRACCION = re.compile(r"[0-9]{8}([0-9]{2})?")
SPECIFIC = "/cce20:DescripcionesEspecificas[1]"
FISCAL = dict(m.FISCAL_FIELDS)
"""The ``national.mx.cfdi`` field (dotted) of each fiscal attribute path."""


def _fields(fields: tuple[tuple[str, str], ...], under: str) -> dict[str, str]:
    """The kept fields of the attributes ``under/@Name`` of a line element, by name."""
    prefix = f"{under}/@" if under else "@"
    return {
        k[len(prefix) :]: v
        for k, v in fields
        if k.startswith(prefix) and "/" not in k[len(prefix) :]
    }


CONCEPTO_KEPT = _fields(m.CONCEPTO_FIELDS, "")
MERCANCIA_KEPT = _fields(m.MERCANCIA_FIELDS, "")
SPECIFIC_KEPT = _fields(m.MERCANCIA_FIELDS, SPECIFIC[1:])


_COUNTING = [str(number) for number in range(1, 10000)]
"""The canonical line numbers 1..9999 as text, in order."""


def line_numbers(ids: list[str | None]) -> list[int]:
    """``NoIdentificacion`` as line numbers when all are canonical, distinct 1..9999.

    Identifiers that count from 1 (the writer's) are their own numbers, without a pattern
    match each; any other list is read one by one.
    """
    if ids == _COUNTING[: len(ids)]:
        return list(range(1, len(ids) + 1))
    as_numbers = [int(i) if i and _LINE_NUMBER.fullmatch(i) else 0 for i in ids]
    if all(1 <= n <= 9999 for n in as_numbers) and len(set(as_numbers)) == len(as_numbers):
        return as_numbers
    return list(range(1, len(ids) + 1))


@functools.lru_cache(maxsize=256)
def umt(unit: str) -> str:
    """The Apéndice 7 code of a ``UnidadAduana`` (the value itself when it has none)."""
    return units.umt(unit) or unit


def set_field(block: dict[str, Any], dotted: str, value: str) -> None:
    """Set ``value`` at a dotted field path (``domicilio_emisor.colonia``) of ``block``."""
    *parents, name = dotted.split(".")
    for parent in parents:
        block = block.setdefault(parent, {})
    block[name] = value


class Decimals:
    """Each text's decimal and each unit-value decision of one reading, made once."""

    def __init__(self) -> None:
        self.decimals: dict[str | None, Decimal | None] = {}
        self.unit_values: dict[tuple[str, str | None, str | None], bool] = {}
        """:meth:`is_unit_value` by (given, total, count) texts: a mercancía repeats its
        concepto's."""

    def decimal(self, value: str | None) -> Decimal | None:
        """:func:`cfdi_map.decimal_or_none` of ``value``, each text converted once."""
        try:
            return self.decimals[value]
        except KeyError:
            found = self.decimals[value] = m.decimal_or_none(value)
            return found

    def is_unit_value(self, given: str, total: str | None, count: str | None) -> bool:
        """Whether ``given`` is the unit value the writer derives from ``total`` and ``count``.

        Each (given, total, count) is decided once: a mercancía mostly repeats its concepto's.
        """
        key = (given, total, count)
        found = self.unit_values.get(key)
        if found is not None:
            return found
        if total is not None and count is not None:
            known = m.is_unit_value_text(given, total, count)
            if known is not None:
                self.decimals[total] = Decimal(total)  # a plain amount: its decimal_or_none
                self.unit_values[key] = known
                return known
        amount, quantity = self.decimal(total), self.decimal(count)
        decided = False
        if amount is not None and quantity is not None:
            decided = m.is_unit_value(given, self.decimal(given), amount, quantity)
        self.unit_values[key] = decided
        return decided

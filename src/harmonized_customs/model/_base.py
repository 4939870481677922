"""Building blocks shared by every part of the core model.

* :class:`CoreModel`: the pydantic base class (``extra="forbid"``, validated assignment).
* :func:`wco`: the ``x-wco-id`` schema annotation naming the WCO Data Model element.
* :data:`Amount`, :data:`Quantity`: :class:`~decimal.Decimal` values written as JSON strings,
  so that no amount or quantity ever passes through a binary float.
* :data:`CountryCode`, :data:`SubdivisionCode`, :data:`CurrencyCode`: ISO 3166-1 alpha-2,
  ISO 3166-2 and ISO 4217 codes checked against ``pycountry``.

Kosovo has no ISO 3166-1 code; the user-assigned ``XK`` is what CBSA (Memorandum D17-1-10),
the EU and CLDR use, so ``XK`` is accepted as a country here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

import pycountry
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Amount",
    "CoreModel",
    "CountryCode",
    "CurrencyCode",
    "PositiveQuantity",
    "Quantity",
    "SubdivisionCode",
    "wco",
]

MAX_INTEGER_DIGITS = 18
"""Most digits an amount or quantity has before its decimal point (a quintillion minus one)."""
MAX_DECIMALS = 12
"""Most digits after the decimal point (Mexican rates carry ten)."""
_DIGITS = rf"(0|[1-9][0-9]{{0,{MAX_INTEGER_DIGITS - 1}}})(\.[0-9]{{1,{MAX_DECIMALS}}})?$"
DECIMAL_PATTERN = "^-?" + _DIGITS
NON_NEGATIVE_DECIMAL_PATTERN = "^" + _DIGITS
EXTRA_COUNTRY_CODES: dict[str, str] = {"XK": "Kosovo"}
"""User-assigned codes accepted as countries, with the authority's name for them."""


class CoreModel(BaseModel):
    """Base of every core-model class: unknown fields are errors, assignments are validated.

    ``defer_build``: pydantic builds a model's validator on its first use, not when the
    class is defined, so ``import harmonized_customs`` stays quick.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        populate_by_name=False,
        use_attribute_docstrings=True,
        ser_json_inf_nan="strings",
        defer_build=True,
    )


def wco(wco_id: str) -> dict[str, Any]:
    """JSON-schema extras naming the WCO Data Model element of a field (``x-wco-id``)."""
    return {"x-wco-id": wco_id}


def _decimal_input(value: Any) -> Any:
    """Accept ``Decimal``, ``int`` and decimal strings; refuse binary floats (they lose digits)."""
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "a decimal number is expected, not a boolean")
    if isinstance(value, float):
        raise PydanticCustomError(
            "decimal_from_float",
            "binary floating point loses digits; give the amount as a string or Decimal",
        )
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped or stripped.lower() in {"nan", "inf", "-inf", "infinity", "-infinity"}:
            raise PydanticCustomError(
                "decimal_parsing", '"{value}" is not a decimal number', {"value": value}
            )
        return stripped
    return value


def _decimal_bounds(value: Decimal) -> Decimal:
    """Refuse values no filing can carry (``9E+999999``, 41-digit amounts, ``1E-999999``).

    Pydantic refuses infinities and NaN before this. Bounding values here keeps every later
    computation (currency conversion, rounding, message formatting) within the decimal
    context, so none overflows.
    """
    parts = value.as_tuple()
    exponent = int(parts.exponent)
    integer_digits = len(parts.digits) + exponent
    if integer_digits > MAX_INTEGER_DIGITS or -exponent > MAX_DECIMALS:
        raise PydanticCustomError(
            "decimal_out_of_bounds",
            "{value} has more than {integer_digits} digits before the decimal point "
            "or more than {decimals} after it",
            {"value": str(value), "integer_digits": MAX_INTEGER_DIGITS, "decimals": MAX_DECIMALS},
        )
    if value.is_zero() and value.is_signed():
        return value.copy_abs()  # "-0.00" is "0.00": no format writes a signed zero
    return value


def _decimal_to_text(value: Decimal) -> str:
    """Fixed-point text of a decimal, keeping every given digit (``Decimal('1.50') -> '1.50'``)."""
    return format(value, "f")


_IN_BOUNDS = re.compile(DECIMAL_PATTERN).match
"""A decimal string within every bound as written (the published pattern): the fast path."""


def _amount(value: Any, handler: ValidatorFunctionWrapHandler) -> Decimal:
    """One call per amount: a plain in-bounds string becomes a ``Decimal`` at once.

    Anything else takes the full path (:func:`_decimal_input`, pydantic's decimal validator,
    :func:`_decimal_bounds`), so every refusal keeps its error type, message and input.
    """
    if type(value) is str and _IN_BOUNDS(value):
        number = Decimal(value)
        return number.copy_abs() if value[0] == "-" and number.is_zero() else number
    return _decimal_bounds(handler(_decimal_input(value)))


_NON_NEGATIVE_IN_BOUNDS = re.compile(NON_NEGATIVE_DECIMAL_PATTERN).match


def _quantity(value: Any, handler: ValidatorFunctionWrapHandler) -> Decimal:
    """:func:`_amount` for quantities: the fast path takes non-negative strings only."""
    if type(value) is str and _NON_NEGATIVE_IN_BOUNDS(value):
        return Decimal(value)
    return _decimal_bounds(handler(_decimal_input(value)))


_AS_TEXT = PlainSerializer(_decimal_to_text, return_type=str, when_used="json")

Amount = Annotated[
    Decimal,
    WrapValidator(_amount),
    _AS_TEXT,
    WithJsonSchema({"type": "string", "pattern": DECIMAL_PATTERN}),
]
"""A money amount: exact decimal, written as a JSON string such as ``"1234.50"``."""

Quantity = Annotated[
    Decimal,
    Field(ge=0),
    WrapValidator(_quantity),
    _AS_TEXT,
    WithJsonSchema({"type": "string", "pattern": NON_NEGATIVE_DECIMAL_PATTERN}),
]
"""A non-negative quantity, weight or rate: exact decimal written as a JSON string."""

PositiveQuantity = Quantity
"""Alias kept for readability where zero is legal but negative is not."""


@cache
def _codes(database: str, attribute: str) -> frozenset[str]:
    """Every ``attribute`` of a pycountry database, as a set built once on first use.

    A set lookup is a hash probe; ``pycountry``'s ``get`` walks its indexes and lower-cases
    the key on every call, which dominated reading large declarations.
    """
    entries: Any = getattr(pycountry, database)
    return frozenset(str(getattr(entry, attribute)).upper() for entry in entries)


_SEEN_COUNTRIES: set[str] = set()
"""Country codes already accepted as given (upper-case, unpadded): one hash probe each."""


def _country(value: Any) -> Any:
    if type(value) is str and value in _SEEN_COUNTRIES:
        return value
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code in EXTRA_COUNTRY_CODES or code in _codes("countries", "alpha_2"):
        if code == value:
            _SEEN_COUNTRIES.add(code)
        return code
    raise PydanticCustomError(
        "country_unknown",
        '"{value}" is not an ISO 3166-1 alpha-2 country code',
        {"value": value},
    )


def _subdivision(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code in _codes("subdivisions", "code"):
        return code
    raise PydanticCustomError(
        "subdivision_unknown",
        '"{value}" is not an ISO 3166-2 subdivision code (such as US-TX, CA-ON, MX-NLE)',
        {"value": value},
    )


_SEEN_CURRENCIES: set[str] = set()
"""Currency codes already accepted as given, as :data:`_SEEN_COUNTRIES`."""


def _currency(value: Any) -> Any:
    if type(value) is str and value in _SEEN_CURRENCIES:
        return value
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code in _codes("currencies", "alpha_3"):
        if code == value:
            _SEEN_CURRENCIES.add(code)
        return code
    raise PydanticCustomError(
        "currency_unknown", '"{value}" is not an ISO 4217 currency code', {"value": value}
    )


CountryCode = Annotated[
    str,
    BeforeValidator(_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"}),
]
"""ISO 3166-1 alpha-2 country code (plus ``XK`` for Kosovo)."""

SubdivisionCode = Annotated[
    str,
    BeforeValidator(_subdivision),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"}),
]
"""ISO 3166-2 subdivision code, country prefix included: ``US-TX``, ``CA-ON``, ``MX-NLE``."""

CurrencyCode = Annotated[
    str,
    BeforeValidator(_currency),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"}),
]
"""ISO 4217 alphabetic currency code."""

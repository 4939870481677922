"""Valuation: trade terms, currency, exchange rates, freight, insurance and other charges.

Incoterms are the ICC's Incoterms 2020 rules; the legacy codes still found in national lists
(DAT, DAF, DES, DEQ, DDU) are accepted so that old files read, and a rule flags them.
Currencies are ISO 4217 (through pycountry). WCO Data Model: 090 Incoterms, L001 place,
135 currency, 118 rate of exchange, 117 freight, 122 valuation method, 371/181 charges.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import (
    Amount,
    CoreModel,
    CurrencyCode,
    Quantity,
    empty_list,
    wco,
)

__all__ = ["Charge", "ExchangeRate", "Incoterm", "Money", "Valuation"]

Incoterm = Literal[
    "EXW",
    "FCA",
    "FAS",
    "FOB",
    "CFR",
    "CIF",
    "CPT",
    "CIP",
    "DAP",
    "DPU",
    "DDP",
    "DAT",
    "DAF",
    "DES",
    "DEQ",
    "DDU",
]
"""Incoterms 2020 (EXW ... DDP) and legacy codes from earlier editions (DAT, DAF, DES, DEQ, DDU)."""


class Money(CoreModel):
    """An exact amount in a currency."""

    amount: Amount
    currency: CurrencyCode = Field(json_schema_extra=wco("135"))


class ExchangeRate(CoreModel):
    """Units of ``target_currency`` for one unit of ``source_currency``."""

    source_currency: CurrencyCode
    target_currency: CurrencyCode
    rate: Quantity = Field(json_schema_extra=wco("118"))
    date: dt.date | None = None
    basis: str | None = Field(
        None,
        max_length=70,
        description="Where the rate comes from (CBP certified rate, Bank of Canada, DOF).",
    )


class Charge(CoreModel):
    """A cost added to or deducted from the price (packing, commissions, assists...)."""

    kind: str = Field(min_length=1, max_length=35, json_schema_extra=wco("371"))
    amount: Money = Field(json_schema_extra=wco("181"))
    treatment: Literal["addition", "deduction"] = "addition"


class Valuation(CoreModel):
    """The price basis of the shipment."""

    incoterm: Incoterm | None = Field(None, json_schema_extra=wco("090"))
    incoterm_place: str | None = Field(None, max_length=70, json_schema_extra=wco("L001"))
    currency: CurrencyCode = Field(
        description="Invoice currency (ISO 4217).", json_schema_extra=wco("135")
    )
    exchange_rates: list[ExchangeRate] = Field(default_factory=empty_list)
    freight: Money | None = Field(None, json_schema_extra=wco("117"))
    insurance: Money | None = None
    other_charges: list[Charge] = Field(default_factory=empty_list)
    related_parties: bool | None = Field(
        None, description="Buyer and seller are related (transaction value test)."
    )
    method: str | None = Field(
        None, max_length=3, description="Valuation method code.", json_schema_extra=wco("122")
    )

"""The declaration: the root of the core model of a North American cargo declaration.

One object carries what the US entry summary, the Canadian CAD and the Mexican pedimento ask
about the same shipment: header, national references, parties, transport, valuation, invoices,
goods items and certifications of origin. WCO Data Model class 42A Declaration.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from harmonized_customs.model._base import CoreModel, CountryCode, Quantity, wco
from harmonized_customs.model.goods import GoodsItem
from harmonized_customs.model.national import DeclarationNational
from harmonized_customs.model.origin import CertificationOfOrigin
from harmonized_customs.model.parties import Party
from harmonized_customs.model.transport import Transport
from harmonized_customs.model.valuation import Money, Valuation

__all__ = ["SCHEMA_VERSION", "Declaration", "Invoice", "Totals"]

SCHEMA_VERSION = "1.0"


def _party(wco_class: str, name_id: str, id_id: str) -> JsonDict:
    """Schema extras of a party role: its WCO class and the IDs of its name and identifier."""
    return {"x-wco-id": wco_class, "x-wco-party": {"name": name_id, "identifiers": id_id}}


class Invoice(CoreModel):
    """A commercial invoice covering some of the goods items."""

    number: str = Field(min_length=1, max_length=35, json_schema_extra=wco("D016"))
    date: dt.date | None = Field(None, json_schema_extra=wco("D015"))
    total: Money | None = Field(None, json_schema_extra=wco("109"))


class Totals(CoreModel):
    """Declared totals, checked against the goods items when both are given."""

    invoice_total: Money | None = Field(None, json_schema_extra=wco("109"))
    gross_weight_kg: Quantity | None = Field(None, json_schema_extra=wco("131"))
    package_count: int | None = Field(None, ge=0, json_schema_extra=wco("146"))
    line_count: int | None = Field(None, ge=0, json_schema_extra=wco("228"))


class Declaration(CoreModel):
    """A North American cargo declaration: one shipment, fileable in US, CA and MX."""

    schema_version: Literal["1.0"] = Field("1.0", description="Version of the core-json format.")
    direction: Literal["import", "export"] = Field(
        description="Import into, or export from, the declaring country."
    )
    declaration_date: dt.date | None = Field(None, json_schema_extra=wco("D011"))
    arrival_date: dt.date | None = Field(None, description="Date of arrival / importation.")
    export_date: dt.date | None = Field(None, description="Date of exportation.")
    country_of_export: CountryCode | None = Field(None, json_schema_extra=wco("062"))
    country_of_destination: CountryCode | None = Field(None, json_schema_extra=wco("465"))
    trader_reference: str | None = Field(None, max_length=35, json_schema_extra=wco("009"))
    national: DeclarationNational = Field(default_factory=DeclarationNational)

    importer: Party | None = Field(None, json_schema_extra=_party("74A", "R037", "R038"))
    exporter: Party | None = Field(None, json_schema_extra=_party("57A", "R031", "R032"))
    seller: Party | None = Field(None, json_schema_extra=_party("09B", "R050", "R051"))
    buyer: Party | None = Field(None, json_schema_extra=_party("16A", "R009", "R010"))
    consignee: Party | None = Field(None, json_schema_extra=_party("27A", "R014", "R015"))
    declarant: Party | None = Field(
        None,
        description="The customs broker or agent filing (patente, filer code).",
        json_schema_extra=_party("05A", "R003", "R004"),
    )

    transport: Transport | None = None
    valuation: Valuation | None = None
    invoices: list[Invoice] = Field(default_factory=list)
    goods_items: list[GoodsItem] = Field(min_length=1)
    totals: Totals | None = None
    certifications: list[CertificationOfOrigin] = Field(default_factory=list)

    _read_issues: tuple[object, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _cross_references(self) -> Declaration:
        numbers = [item.line_number for item in self.goods_items]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            raise PydanticCustomError(
                "line_numbers_not_unique",
                "line numbers {numbers} are used more than once",
                {"numbers": ", ".join(map(str, duplicates))},
            )
        invoice_numbers = {invoice.number for invoice in self.invoices}
        if len(invoice_numbers) != len(self.invoices):
            raise PydanticCustomError(
                "invoice_numbers_not_unique", "invoice numbers must be unique", {}
            )
        certification_ids = {c.id for c in self.certifications}
        if len(certification_ids) != len(self.certifications):
            raise PydanticCustomError(
                "certification_ids_not_unique", "certification ids must be unique", {}
            )
        for item in self.goods_items:
            if self.invoices and item.invoice_number not in invoice_numbers | {None}:
                raise PydanticCustomError(
                    "invoice_reference_unknown",
                    "line {line} refers to invoice {invoice}, which is not declared",
                    {"line": item.line_number, "invoice": item.invoice_number},
                )
            claim = item.preference
            if claim and claim.certification_id and claim.certification_id not in certification_ids:
                raise PydanticCustomError(
                    "certification_reference_unknown",
                    "line {line} refers to certification {certification}, which is not declared",
                    {"line": item.line_number, "certification": claim.certification_id},
                )
        return self

    @model_validator(mode="after")
    def _totals_agree(self) -> Declaration:
        for invoice in self.invoices:
            if invoice.total is None:
                continue
            lines = [i for i in self.goods_items if i.invoice_number == invoice.number]
            _check_sum(invoice.number, invoice.total, [i.value for i in lines])
        if self.totals is None:
            return self
        if self.totals.invoice_total is not None:
            _check_sum(None, self.totals.invoice_total, [i.value for i in self.goods_items])
        weights = [i.gross_weight_kg for i in self.goods_items]
        if self.totals.gross_weight_kg is not None and all(w is not None for w in weights):
            total = sum((w for w in weights if w is not None), Decimal(0))
            if total != self.totals.gross_weight_kg:
                raise PydanticCustomError(
                    "total_gross_weight_mismatch",
                    "the lines weigh {lines} kg gross, the total says {declared} kg",
                    {"lines": str(total), "declared": str(self.totals.gross_weight_kg)},
                )
        if self.totals.line_count is not None and self.totals.line_count != len(self.goods_items):
            raise PydanticCustomError(
                "line_count_mismatch",
                "the declaration has {lines} lines, the total says {declared}",
                {"lines": len(self.goods_items), "declared": self.totals.line_count},
            )
        return self

    @property
    def read_issues(self) -> tuple[object, ...]:
        """Issues the format reader found while building this declaration (source-located)."""
        return self._read_issues


def _check_sum(invoice: str | None, declared: Money, values: list[Money]) -> None:
    """Raise when line values in the declared currency do not add up to the declared total.

    ``invoice`` names the invoice whose total is checked; ``None`` means the declaration's.
    """
    if not values or any(v.currency != declared.currency for v in values):
        return
    total = sum((v.amount for v in values), Decimal(0))
    if total == declared.amount:
        return
    ctx = {"lines": str(total), "declared": str(declared.amount), "currency": declared.currency}
    if invoice is None:
        raise PydanticCustomError(
            "declaration_total_mismatch",
            "the lines add up to {lines} {currency}, the declared total says {declared}",
            ctx,
        )
    raise PydanticCustomError(
        "invoice_total_mismatch",
        "the lines of invoice {invoice} add up to {lines} {currency}, its total says {declared}",
        {"invoice": invoice, **ctx},
    )

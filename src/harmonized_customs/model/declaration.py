"""The declaration: the root of the core model of a North American cargo declaration.

One object carries what the US entry summary, the Canadian CAD and the Mexican pedimento ask
about the same shipment: header, national references, parties, transport, valuation, invoices,
goods items and certifications of origin. WCO Data Model class 42A Declaration.
"""

import datetime as dt
from typing import Literal

from pydantic import Field
from pydantic.config import JsonDict

from harmonized_customs.model._base import (
    CoreModel,
    CountryCode,
    Quantity,
    empty_list,
    no_arguments,
    wco,
)
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


@no_arguments
def _no_declaration_national() -> DeclarationNational:
    """The default of a declaration's ``national``: no country's block."""
    return DeclarationNational()


class Invoice(CoreModel):
    """A commercial invoice covering some of the goods items."""

    number: str = Field(min_length=1, max_length=35, json_schema_extra=wco("D016"))
    date: dt.date | None = Field(None, json_schema_extra=wco("D015"))
    total: Money | None = Field(None, json_schema_extra=wco("109"))


class Totals(CoreModel):
    """Declared totals; core rules check them against the goods items when both are given."""

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
    national: DeclarationNational = Field(default_factory=_no_declaration_national)

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
    invoices: list[Invoice] = Field(default_factory=empty_list)
    goods_items: list[GoodsItem] = Field(min_length=1)
    totals: Totals | None = None
    certifications: list[CertificationOfOrigin] = Field(default_factory=empty_list)

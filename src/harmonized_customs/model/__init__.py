"""The core model of a North American cargo declaration (pydantic v2).

Shapes only: types, formats, required fields, bounds and code membership for ISO codes.
The consistency of the parts (totals, references, unique numbers) is checked by the core
rules, and what each country requires for filing by the jurisdiction rules, not here.

The modules that define models do not use ``from __future__ import annotations``: with it,
pydantic compiles and evaluates each of the six hundred field annotations from its text when
the class is defined, about a tenth of ``import harmonized_customs``. A method returning its
own class names it in quotes.
"""

from harmonized_customs.model._base import Amount, CoreModel, Quantity
from harmonized_customs.model.cargo_report import (
    CargoReport,
    Carrier,
    Commodity,
    CrewMember,
    Crossing,
    CustomsDocumentLink,
    LicensePlate,
    Place,
    Shipment,
    TravelDocument,
    TripEquipment,
    Truck,
)
from harmonized_customs.model.declaration import SCHEMA_VERSION, Declaration, Invoice, Totals
from harmonized_customs.model.goods import (
    CertificationReference,
    Classification,
    Document,
    GoodsItem,
    Measure,
    NationalAmount,
    NationalBlock,
    Packages,
    PreferenceClaim,
    TariffQuantity,
)
from harmonized_customs.model.national import (
    CADeclarationData,
    CALineData,
    DeclarationNational,
    LineNational,
    MXDeclarationData,
    MXIdentifier,
    MXLineData,
    USDeclarationData,
    USLineData,
)
from harmonized_customs.model.origin import BlanketPeriod, CertificationOfOrigin, CertifiedGood
from harmonized_customs.model.parties import (
    Address,
    Contact,
    IdentifierScheme,
    Party,
    PartyIdentifier,
    TrustedTraderMembership,
)
from harmonized_customs.model.transport import (
    Conveyance,
    Equipment,
    Transport,
    TransportDocument,
    TransportMode,
)
from harmonized_customs.model.valuation import Charge, ExchangeRate, Incoterm, Money, Valuation

__all__ = [
    "SCHEMA_VERSION",
    "Address",
    "Amount",
    "BlanketPeriod",
    "CADeclarationData",
    "CALineData",
    "CargoReport",
    "Carrier",
    "CertificationOfOrigin",
    "CertificationReference",
    "CertifiedGood",
    "Charge",
    "Classification",
    "Commodity",
    "Contact",
    "Conveyance",
    "CoreModel",
    "CrewMember",
    "Crossing",
    "CustomsDocumentLink",
    "Declaration",
    "DeclarationNational",
    "Document",
    "Equipment",
    "ExchangeRate",
    "GoodsItem",
    "IdentifierScheme",
    "Incoterm",
    "Invoice",
    "LicensePlate",
    "LineNational",
    "MXDeclarationData",
    "MXIdentifier",
    "MXLineData",
    "Measure",
    "Money",
    "NationalAmount",
    "NationalBlock",
    "Packages",
    "Party",
    "PartyIdentifier",
    "Place",
    "PreferenceClaim",
    "Quantity",
    "Shipment",
    "TariffQuantity",
    "Totals",
    "Transport",
    "TransportDocument",
    "TransportMode",
    "TravelDocument",
    "TripEquipment",
    "Truck",
    "TrustedTraderMembership",
    "USDeclarationData",
    "USLineData",
    "Valuation",
]

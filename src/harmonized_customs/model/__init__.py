"""The core model of a North American cargo declaration (pydantic v2).

Shapes only: formats, code membership for ISO codes, and internal consistency (totals,
references, dates). What each country requires for filing is checked by the jurisdiction
rules, not here.
"""

from harmonized_customs.model._base import Amount, CoreModel, Quantity
from harmonized_customs.model.declaration import SCHEMA_VERSION, Declaration, Invoice, Totals
from harmonized_customs.model.goods import (
    CertificationReference,
    Classification,
    Document,
    GoodsItem,
    Jurisdiction,
    Measure,
    NationalAmount,
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
    "CertificationOfOrigin",
    "CertificationReference",
    "CertifiedGood",
    "Charge",
    "Classification",
    "Contact",
    "Conveyance",
    "CoreModel",
    "Declaration",
    "DeclarationNational",
    "Document",
    "Equipment",
    "ExchangeRate",
    "GoodsItem",
    "IdentifierScheme",
    "Incoterm",
    "Invoice",
    "Jurisdiction",
    "LineNational",
    "MXDeclarationData",
    "MXIdentifier",
    "MXLineData",
    "Measure",
    "Money",
    "NationalAmount",
    "Packages",
    "Party",
    "PartyIdentifier",
    "PreferenceClaim",
    "Quantity",
    "TariffQuantity",
    "Totals",
    "Transport",
    "TransportDocument",
    "TransportMode",
    "TrustedTraderMembership",
    "USDeclarationData",
    "USLineData",
    "Valuation",
]

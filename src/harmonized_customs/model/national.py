"""Data that only one country's filing carries, kept beside the harmonised core.

Each class holds the national references and codes a country's declaration needs and the
WCO-aligned core has no place for: the US entry number and entry type, the CBSA transaction
number and office, the pedimento number, clave de pedimento and aduana-sección; on lines, the
US special program indicator, the CBSA tariff treatment and value-for-duty code, the Anexo 22
identificadores. Code membership is checked by the jurisdiction rules against ``mappings/``,
not here: the model only checks shapes. Each country's classes live in their own module
(``national_us``, ``national_ca``, ``national_mx``).
"""

from harmonized_customs.model._base import CoreModel
from harmonized_customs.model.national_ca import CADeclarationData, CALineData
from harmonized_customs.model.national_mx import MXDeclarationData, MXIdentifier, MXLineData
from harmonized_customs.model.national_us import USDeclarationData, USLineData

__all__ = [
    "CADeclarationData",
    "CALineData",
    "DeclarationNational",
    "LineNational",
    "MXDeclarationData",
    "MXIdentifier",
    "MXLineData",
    "USDeclarationData",
    "USLineData",
]


class DeclarationNational(CoreModel):
    """National references and codes, one optional block per country."""

    us: USDeclarationData | None = None
    ca: CADeclarationData | None = None
    mx: MXDeclarationData | None = None


class LineNational(CoreModel):
    """National codes on a goods item, one optional block per country."""

    us: USLineData | None = None
    ca: CALineData | None = None
    mx: MXLineData | None = None

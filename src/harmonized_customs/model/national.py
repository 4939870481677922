"""Data that only one country's filing carries, kept beside the harmonised core.

Each class holds the national references and codes a country's declaration needs and the
WCO-aligned core has no place for: the US entry number and entry type, the CBSA transaction
number and office, the pedimento number, clave de pedimento and aduana-sección; on lines, the
US special program indicator, the CBSA tariff treatment and value-for-duty code, the Anexo 22
identificadores. Code membership is checked by the jurisdiction rules against ``mappings/``,
not here: the model only checks shapes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import CoreModel, wco

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


class USDeclarationData(CoreModel):
    """United States entry summary references (CBP Form 7501 / ABI AE)."""

    entry_number: str | None = Field(
        None,
        pattern=r"^[A-Z0-9]{3}[0-9]{8}$",
        description="Filer code (3) + entry number (7) + check digit, without separators.",
        json_schema_extra=wco("D014"),
    )
    entry_type: str | None = Field(
        None,
        pattern=r"^[0-9]{2}$",
        description="CBP entry type code (01, 03, 11, 21...).",
        json_schema_extra=wco("D013"),
    )
    port_of_entry: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="Census Schedule D district/port code.",
        json_schema_extra=wco("065"),
    )
    port_of_unlading: str | None = Field(None, pattern=r"^[0-9]{4}$")
    mode_code: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="ABI mode of transportation code as filed."
    )
    bond_type: str | None = Field(None, pattern=r"^[0-9]$")
    surety_code: str | None = Field(None, pattern=r"^[0-9A-Z]{3}$")
    location_of_goods: str | None = Field(None, max_length=4, description="FIRMS code.")


class CADeclarationData(CoreModel):
    """Canadian commercial accounting declaration references (CARM CAD / B3)."""

    transaction_number: str | None = Field(
        None,
        pattern=r"^[0-9]{14}([0-9]{5})?$",
        description="CBSA transaction number: 14 digits, or the 19-digit CARM form.",
        json_schema_extra=wco("D014"),
    )
    declaration_type: str | None = Field(
        None,
        pattern=r"^[0-9A-Z]{1,2}$",
        description="CAD / B3 type code (AB, F, 10...).",
        json_schema_extra=wco("D013"),
    )
    office_code: str | None = Field(
        None,
        pattern=r"^[0-9]{3,4}$",
        description="CBSA office (port) code.",
        json_schema_extra=wco("065"),
    )
    release_office_code: str | None = Field(None, pattern=r"^[0-9]{3,4}$")
    us_port_of_exit: str | None = Field(None, pattern=r"^[0-9]{4}$")


class MXDeclarationData(CoreModel):
    """Mexican pedimento references (Anexo 22)."""

    pedimento_number: str | None = Field(
        None,
        pattern=r"^[0-9]{15}$",
        description="Year (2), aduana (2), patente (4), year digit (1), sequence (6).",
        json_schema_extra=wco("D014"),
    )
    clave_pedimento: str | None = Field(
        None,
        pattern=r"^[A-Z0-9]{2}$",
        description="Clave de pedimento (Anexo 22 Ap. 2).",
        json_schema_extra=wco("D013"),
    )
    aduana_seccion: str | None = Field(
        None,
        pattern=r"^[0-9]{3}$",
        description="Aduana (2) + sección (1), Ap. 1.",
        json_schema_extra=wco("065"),
    )
    patente: str | None = Field(None, pattern=r"^[0-9]{4}$", json_schema_extra=wco("R004"))
    tipo_operacion: Literal["1", "2"] | None = Field(
        None, description="1 importación, 2 exportación."
    )
    regimen: str | None = Field(None, pattern=r"^[A-Z]{3}$", json_schema_extra=wco("166"))
    destino: str | None = Field(None, pattern=r"^[0-9]{1,2}$", description="Ap. 15 destino.")


class DeclarationNational(CoreModel):
    """National references and codes, one optional block per country."""

    us: USDeclarationData | None = None
    ca: CADeclarationData | None = None
    mx: MXDeclarationData | None = None


class USLineData(CoreModel):
    """US codes on a line."""

    spi: str | None = Field(
        None, pattern=r"^[A-Z0-9#+]{1,2}$", description="Special program indicator (S, S+...)."
    )


class CALineData(CoreModel):
    """Canadian codes on a line."""

    tariff_treatment: str | None = Field(None, pattern=r"^[0-9]{2}$")
    vfd_code: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Value for duty code.")
    sima_code: str | None = Field(None, pattern=r"^[0-9]{1,2}$")
    tariff_code: str | None = Field(
        None, pattern=r"^[0-9]{4}$", description="Tariff code (field 28), when one applies."
    )


class MXIdentifier(CoreModel):
    """An Anexo 22 Apéndice 8 identificador with its complements."""

    code: str = Field(pattern=r"^[A-Z0-9]{2}$")
    complement1: str | None = Field(None, max_length=40)
    complement2: str | None = Field(None, max_length=40)
    complement3: str | None = Field(None, max_length=40)


class MXLineData(CoreModel):
    """Mexican codes on a partida."""

    identifiers: list[MXIdentifier] = Field(default_factory=list)
    valuation_method: str | None = Field(None, pattern=r"^[0-9]$", description="Ap. 11.")
    vinculacion: Literal["0", "1", "2"] | None = None


class LineNational(CoreModel):
    """National codes on a goods item, one optional block per country."""

    us: USLineData | None = None
    ca: CALineData | None = None
    mx: MXLineData | None = None

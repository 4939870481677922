"""Mexican data on a declaration: pedimento references and partida codes.

What the pedimento (Anexo 22 of the RGCE) carries that the harmonised core does not.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import CoreModel, wco

__all__ = ["MXDeclarationData", "MXIdentifier", "MXLineData"]


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

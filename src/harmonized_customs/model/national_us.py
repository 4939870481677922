"""United States data on a declaration: entry summary references and line codes.

What CBP's entry summary (CBP Form 7501, ABI AE) carries that the harmonised core does not.
"""

from __future__ import annotations

from pydantic import Field

from harmonized_customs.model._base import CoreModel, wco

__all__ = ["USDeclarationData", "USLineData"]


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


class USLineData(CoreModel):
    """US codes on a line."""

    spi: str | None = Field(
        None, pattern=r"^[A-Z0-9#+]{1,2}$", description="Special program indicator (S, S+...)."
    )

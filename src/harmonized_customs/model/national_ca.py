"""Canadian data on a declaration: CAD references and line codes.

What CBSA's commercial accounting declaration carries that the harmonised core does not.
"""

from __future__ import annotations

from pydantic import Field

from harmonized_customs.model._base import CoreModel, wco

__all__ = ["CADeclarationData", "CALineData"]


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


class CALineData(CoreModel):
    """Canadian codes on a line."""

    tariff_treatment: str | None = Field(None, pattern=r"^[0-9]{2}$")
    vfd_code: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Value for duty code.")
    sima_code: str | None = Field(None, pattern=r"^[0-9]{1,2}$")
    tariff_code: str | None = Field(
        None, pattern=r"^[0-9]{4}$", description="Tariff code (field 28), when one applies."
    )

"""Canadian data on a declaration: CAD references, sub-headers, line codes, rates and amounts.

What CBSA's commercial accounting declaration (CAD, the CARM successor of the B3-3) carries
that the harmonised core does not. Field numbers are those of the B3-3 coding form (Memorandum
D17-1-10); amounts are Canadian dollars unless said otherwise; rates are percentages
(``"6.5"`` is 6.5 %). Every field is optional, so data without Canadian details stays valid.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from harmonized_customs.model._base import Amount, CoreModel, Quantity, empty_list, wco

__all__ = ["CADeclarationData", "CALineData", "CASubHeader", "CATotals"]

TRANSACTION_NUMBER_PATTERN = r"^[0-9]{14}([0-9]{5})?$"
ReasonCode = Annotated[str, Field(pattern=r"^[A-Z0-9-]{1,35}$")]
"""A CAD declaration reason code, such as R2-74-1-C11 (Memorandum D17-2-1, Appendix A)."""


class CASubHeader(CoreModel):
    """B3 sub-header (fields 10-19) data the core has no per-vendor place for.

    Vendor, origin, tariff treatment and currency live on the goods items; the lines of a
    sub-header name it in ``national.ca.sub_header``.
    """

    number: int = Field(ge=1, le=999, description="Sub-header number (field 10).")
    place_of_export: str | None = Field(
        None,
        pattern=r"^[A-Z]{2,3}$",
        description="Place of export as CBSA codes it (field 13): ISO country, U + state.",
    )
    us_port_of_exit: str | None = Field(
        None, pattern=r"^[0-9]{4}$", description="U.S. port of exit (field 15)."
    )
    direct_shipment_date: dt.date | None = Field(None, description="Field 16.")
    freight: Amount | None = Field(None, description="Freight (field 19), sub-header currency.")


class CATotals(CoreModel):
    """Declared CAD totals (B3 fields 9 and 47-51), in Canadian dollars."""

    value_for_duty: Amount | None = Field(None, description="Total value for duty (field 9).")
    customs_duties: Amount | None = Field(None, description="Field 47.")
    sima_assessment: Amount | None = Field(None, description="Field 48.")
    excise_tax: Amount | None = Field(None, description="Field 49.")
    gst: Amount | None = Field(None, description="Field 50.")
    total: Amount | None = Field(None, description="Field 51: duties and taxes.")


class CADeclarationData(CoreModel):
    """Canadian commercial accounting declaration references (CARM CAD / B3)."""

    transaction_number: str | None = Field(
        None,
        pattern=TRANSACTION_NUMBER_PATTERN,
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
    mode_of_transport: str | None = Field(
        None, pattern=r"^[0-9]$", description="CBSA mode of transport code as filed (field 7)."
    )
    port_of_unlading: str | None = Field(
        None, pattern=r"^[0-9]{3,4}$", description="Port of unlading office code (field 8)."
    )
    release_date: dt.date | None = Field(None, description="Release date (field 20).")
    carrier_code: str | None = Field(
        None,
        pattern=r"^[A-Z0-9-]{4}$",
        description="CBSA carrier code at importation (field 46).",
    )
    adjustment_reason_codes: list[ReasonCode] = Field(
        default_factory=empty_list,
        max_length=3,
        description="CAD declaration reason codes of an adjustment (e.g. R2-74-1-C11).",
    )
    sub_headers: list[CASubHeader] = Field(
        default_factory=empty_list, description="Per-vendor sub-header data (fields 10-19)."
    )
    totals: CATotals | None = None


class CALineData(CoreModel):
    """Canadian codes, rates and amounts on a line."""

    tariff_treatment: str | None = Field(None, pattern=r"^[0-9]{2}$")
    vfd_code: str | None = Field(None, pattern=r"^[0-9]{2}$", description="Value for duty code.")
    sima_code: str | None = Field(None, pattern=r"^[0-9]{1,2}$")
    tariff_code: str | None = Field(
        None, pattern=r"^[0-9]{4}$", description="Tariff code (field 28), when one applies."
    )
    sub_header: int | None = Field(
        None, ge=1, le=999, description="The B3/CAD sub-header the line belongs to."
    )
    classification_description: str | None = Field(
        None, min_length=1, max_length=512, description="CAD classification description."
    )
    special_authority: str | None = Field(
        None, min_length=1, max_length=35, description="OIC or remission order (field 26)."
    )
    sima_subject: Literal["S", "U"] | None = Field(
        None, description="CARM SIMA subject flag: S subject, U undertaking."
    )
    sima_measure: str | None = Field(
        None, min_length=1, max_length=35, description="CARM SIMA measure in force."
    )
    previous_transaction_number: str | None = Field(
        None, pattern=TRANSACTION_NUMBER_PATTERN, description="Field 24."
    )
    previous_transaction_line: int | None = Field(None, ge=1, le=9999, description="Field 25.")
    customs_duty_rate: Quantity | None = Field(None, description="Field 33, percent.")
    excise_tax_rate: Quantity | None = Field(None, description="Field 34, percent.")
    gst_rate: Quantity | None = Field(None, description="Field 35, percent.")
    customs_duties: Amount | None = Field(None, description="Field 38, CAD.")
    sima_assessment: Amount | None = Field(None, description="Field 39, CAD.")
    excise_tax: Amount | None = Field(None, description="Field 40, CAD.")
    value_for_tax: Amount | None = Field(None, description="Field 41, CAD.")
    gst: Amount | None = Field(None, description="Field 42, CAD.")

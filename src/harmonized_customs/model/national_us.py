"""United States data on a declaration: entry summary references, codes, fees and totals.

What CBP's entry summary (CBP Form 7501; ACE ABI CATAIR "Entry Summary Create/Update",
application AE) carries that the harmonised core does not: the entry number and type, the
ABI batch and block envelope, the header indicators of the 10 record, the importer and
consignee numbers as filed, the bond, bills of lading, per-HTS duty, value and quantities,
licences, AD/CVD cases, taxes and fees, and the entry summary totals. Every field is optional
so that a declaration from another source stays valid; field names follow the record
definitions in ``countries/us/data/catair/`` (docs/formats/us-abi-ae.md maps them).
"""

import datetime as dt
from typing import Any

from pydantic import Field

from harmonized_customs.model._base import Amount, CoreModel, Quantity, empty_list, wco

__all__ = [
    "USAbiBatch",
    "USAbiBlock",
    "USAdcvdCase",
    "USAdditionalDeclaration",
    "USArticleParty",
    "USBill",
    "USBond",
    "USDeclarationData",
    "USEntryFlags",
    "USEntryTotals",
    "USFeeAmount",
    "USInvoiceLineReference",
    "USLicense",
    "USLineData",
    "USLineFlags",
    "USLineRange",
    "USManifestQuantity",
    "USTariffLine",
    "USVisa",
]

_ABI_TEXT = r"^[ -~]*$"
"""Printable ASCII, the widest ABI data class (X)."""


def _code(length: int, description: str = "") -> Any:
    """An optional ABI code of at most ``length`` printable characters."""
    return Field(None, max_length=length, pattern=_ABI_TEXT, description=description or None)


class USAbiBatch(CoreModel):
    """ABI batch header (A record, Batch & Block Control chapter)."""

    site_code: str | None = _code(4, "Sender/receiver site code.")
    sender_id: str | None = _code(3, "Sender/receiver ID code.")
    password: str | None = _code(6, "Communication password, as in the file.")
    transmission_date: dt.date | None = None
    application_id: str | None = _code(2, "Application identifier (AE).")
    office_code: str | None = _code(2, "Sender/receiver office code.")
    user_data: str | None = _code(21, "Transmitter's user data text.")


class USAbiBlock(CoreModel):
    """ABI block header (B record)."""

    port: str | None = _code(4, "Processing district/port code.")
    filer_code: str | None = _code(3)
    application_id: str | None = _code(2)
    office_code: str | None = _code(2, "Processing filer office code.")
    remote_port: str | None = _code(4, "Remote preparer district/port.")
    remote_filer_code: str | None = _code(3)
    remote_office_code: str | None = _code(2)
    remote_indicator: str | None = _code(1, "Remotely filed indicator.")
    user_data: str | None = _code(21, "Filer's user data text.")


class USEntryFlags(CoreModel):
    """Indicators and codes of the entry summary header (10 record) with no core equivalent."""

    action: str | None = _code(1, "Filing action request: A add, R replace, D delete.")
    bond_waiver: str | None = _code(1)
    signature: str | None = _code(1, "Electronic signature (X).")
    cargo_release_certification: str | None = _code(1)
    electronic_invoice: str | None = _code(1)
    consolidated_summary: str | None = _code(1)
    shipment_usage: str | None = _code(1)
    live_entry: str | None = _code(1)
    deferred_tax: str | None = _code(1)
    reconciliation_indicator: str | None = _code(1)
    reconciliation_issue: str | None = _code(3)
    payment_type: str | None = _code(1)
    preliminary_statement_date: dt.date | None = None
    periodic_statement_month: str | None = _code(2)
    statement_client_branch: str | None = _code(2)
    bond_waiver_reason: str | None = _code(3)
    psc_indicator: str | None = _code(1, "Post summary correction indicator.")
    accelerated_liquidation: str | None = _code(1)
    known_importer: str | None = _code(1)
    pga_data: str | None = _code(1, "PGA data included indicator.")
    tib_declaration: str | None = _code(1)
    consolidated_express_informal: str | None = _code(1)


class USManifestQuantity(CoreModel):
    """Manifested quantity (22 record)."""

    manifest_quantity: Quantity | None = None
    manifest_uom: str | None = _code(5, "Manifest unit as filed (CTNS...).")


class USBill(CoreModel):
    """Bill of lading or in-bond reference (23 record)."""

    component_type: str | None = _code(1, "I in-bond, M master, H house, S sub-house.")
    issuer_code: str | None = _code(4, "SCAC of the issuer.")
    identifier: str | None = _code(12)


class USBond(CoreModel):
    """Bond data (31 record)."""

    bond_type: str | None = _code(1, "8 continuous, 9 single transaction.")
    designation: str | None = _code(1)
    continuous_indicator: str | None = _code(1)
    surety_code: str | None = _code(3)
    stb_amount: Amount | None = Field(None, description="Single transaction bond, whole USD.")
    stb_producer_account: str | None = _code(10)


class USFeeAmount(CoreModel):
    """An amount under a CBP accounting class (fees, taxes, other revenue), in USD."""

    accounting_class: str | None = _code(3)
    amount: Amount | None = None


class USEntryTotals(CoreModel):
    """Entry summary grand totals (90 record), in USD."""

    duty: Amount | None = None
    user_fees: Amount | None = None
    ir_tax: Amount | None = None
    ad_duty: Amount | None = None
    cvd_duty: Amount | None = None
    other_revenue: Amount | None = None


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
    batch: USAbiBatch | None = Field(None, description="ABI batch header (A record).")
    block: USAbiBlock | None = Field(None, description="ABI block header (B record).")
    flags: USEntryFlags | None = Field(None, description="10-record indicators.")
    importer_number: str | None = Field(
        None,
        max_length=12,
        pattern=_ABI_TEXT,
        description="Importer of record number as filed (EIN+suffix, CBP-assigned, SSN).",
    )
    consignee_number: str | None = _code(12)
    notify_party_number: str | None = _code(12, "Designated notify party (CBP 4811).")
    estimated_entry_date: dt.date | None = None
    destination_state: str | None = _code(2, "US state of destination (USPS code).")
    ftz_identifier: str | None = _code(9, "Foreign trade zone identifier.")
    carrier_code: str | None = _code(4, "Importing carrier (SCAC, IATA or *F-style code).")
    estimated_arrival_date: dt.date | None = None
    conveyance_name: str | None = _code(20, "Vessel or conveyance name (20 record).")
    vessel_code: str | None = _code(7, "Lloyd's vessel code.")
    exam_port: str | None = _code(4, "Designated exam port.")
    in_bond_date: dt.date | None = None
    manifest_quantities: list[USManifestQuantity] = Field(default_factory=empty_list)
    bills: list[USBill] = Field(default_factory=empty_list)
    bond: USBond | None = None
    fee_totals: list[USFeeAmount] = Field(default_factory=empty_list, description="89 record.")
    totals: USEntryTotals | None = None
    unsupported_records: list[str] = Field(
        default_factory=empty_list,
        description="Header and totals records kept verbatim (no layout in this edition).",
    )


class USLineFlags(CoreModel):
    """Line codes of the 40 record with no core equivalent."""

    article_set: str | None = _code(1, "X set header, V set component.")
    textile_export_date: dt.date | None = None
    foreign_port_of_lading: str | None = _code(5, "Schedule K code.")
    textile_category: str | None = _code(3)
    product_claim: str | None = _code(1)
    related_party: str | None = _code(1, "Y related, N not related.")
    net_cost: str | None = _code(1, "NAFTA net cost indicator.")
    fee_exemption: str | None = _code(1)
    ad_non_reimbursement: str | None = _code(1)


class USLineRange(CoreModel):
    """A range of invoice line numbers."""

    begin: int | None = Field(None, ge=0, le=9999)
    end: int | None = Field(None, ge=0, le=9999)


class USInvoiceLineReference(CoreModel):
    """Electronic invoice (EIP) line reference (42 record)."""

    supplier_id: str | None = _code(15)
    invoice_number: str | None = _code(17)
    ranges: list[USLineRange] = Field(default_factory=empty_list, max_length=4)


class USArticleParty(CoreModel):
    """A party of the line (47 record): M manufacturer (MID), S seller, C consignee, E..."""

    party_type: str | None = _code(1)
    identifier: str | None = _code(15)


class USVisa(CoreModel):
    """Standard visa (51 record)."""

    visa_number: str | None = _code(9)


class USLicense(CoreModel):
    """Licence, certificate or permit (52 record)."""

    license_type: str | None = _code(2)
    license_number: str | None = _code(10)


class USAdcvdCase(CoreModel):
    """Antidumping or countervailing duty case (53 record); money in USD."""

    case_number: str | None = _code(10)
    bond_or_cash: str | None = _code(1)
    deposit_rate: Quantity | None = None
    rate_type: str | None = _code(1, "A ad valorem, S specific.")
    value: Amount | None = None
    quantity: Quantity | None = None
    duty: Amount | None = None
    non_reimbursement_id: str | None = _code(10)


class USAdditionalDeclaration(CoreModel):
    """Importer's additional declaration (54 record)."""

    declaration_type: str | None = _code(2)
    declaration_text: str | None = _code(76)


class USTariffLine(CoreModel):
    """One HTS number reported on a line (50 record) with its subordinate records; USD."""

    hts: str | None = Field(None, pattern=r"^[0-9]{10}$")
    duty: Amount | None = None
    value: Amount | None = None
    quantity1: Quantity | None = None
    uom1: str | None = _code(3)
    quantity2: Quantity | None = None
    uom2: str | None = _code(3)
    quantity3: Quantity | None = None
    uom3: str | None = _code(3)
    visas: list[USVisa] = Field(default_factory=empty_list)
    licenses: list[USLicense] = Field(default_factory=empty_list)
    adcvd_cases: list[USAdcvdCase] = Field(default_factory=empty_list)
    additional_declarations: list[USAdditionalDeclaration] = Field(default_factory=empty_list)
    taxes: list[USFeeAmount] = Field(default_factory=empty_list, description="60 record (IR tax).")
    other_revenue: list[USFeeAmount] = Field(default_factory=empty_list, description="61 record.")
    fees: list[USFeeAmount] = Field(
        default_factory=empty_list, description="62 record (user fees)."
    )


class USLineData(CoreModel):
    """US codes on a line."""

    spi: str | None = Field(
        None, pattern=r"^[A-Z0-9#+]{1,2}$", description="Special program indicator (S, S+...)."
    )
    country_of_export: str | None = _code(2, "Line country of export as filed.")
    export_date: dt.date | None = None
    charges: Amount | None = Field(None, description="Freight and insurance charges, whole USD.")
    flags: USLineFlags | None = None
    invoice_references: list[USInvoiceLineReference] = Field(default_factory=empty_list)
    article_parties: list[USArticleParty] = Field(default_factory=empty_list)
    tariff_lines: list[USTariffLine] = Field(default_factory=empty_list)
    description_records: list[str] = Field(
        default_factory=empty_list,
        description="The 44 records' text as filed, when it is not the 70-column wrap of the "
        "description (the description joins them with spaces).",
    )
    unsupported_records: list[str] = Field(default_factory=empty_list)

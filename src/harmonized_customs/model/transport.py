"""Transport of the goods: mode, conveyance, carrier, transport documents and equipment.

Mode of transport is UN/ECE Recommendation 19 (one digit: 1 maritime, 2 rail, 3 road, 4 air,
5 mail, 6 multimodal, 7 fixed installation, 8 inland water, 9 not known), plus a containerised
flag, because the national lists (US ABI mode of transportation, CBSA mode, Anexo 22 Apéndice 3)
distinguish containerised vessel and rail traffic where Rec 19 does not.
WCO Data Model: T022 mode crossing the border, T005/T006 border means name and identification,
T014 nationality, R011/R012 carrier, 159 equipment identification, 165 seal number,
096 container indicator, L009 place of loading.
"""

from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import CoreModel, CountryCode, empty_list, wco
from harmonized_customs.model.parties import Party

__all__ = [
    "Conveyance",
    "Equipment",
    "Transport",
    "TransportDocument",
    "TransportDocumentKind",
    "TransportMode",
]

TransportMode = Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
"""UN/ECE Recommendation 19 mode of transport code."""

TransportDocumentKind = Literal[
    "master-bill",
    "house-bill",
    "bill-of-lading",
    "air-waybill",
    "house-air-waybill",
    "road-waybill",
    "rail-waybill",
    "cargo-control-number",
    "previous-cargo-control-number",
]
"""Kinds of transport document: bills of lading and waybills, and the CBSA cargo control
number (carrier code + unique number) under which the cargo was reported to Canada."""


class Conveyance(CoreModel):
    """The means of transport crossing the border: vessel, aircraft, train or truck."""

    name: str | None = Field(
        None,
        max_length=35,
        description="Vessel name, flight or train number.",
        json_schema_extra=wco("T005"),
    )
    identifier: str | None = Field(
        None,
        max_length=35,
        description="IMO number, aircraft registration, licence plate.",
        json_schema_extra=wco("T006"),
    )
    nationality: CountryCode | None = Field(None, json_schema_extra=wco("T014"))
    voyage: str | None = Field(None, max_length=17, description="Voyage or trip number.")


class TransportDocument(CoreModel):
    """A bill of lading, waybill or cargo control number."""

    kind: TransportDocumentKind
    number: str = Field(
        min_length=1, max_length=35, pattern=r"^[A-Za-z0-9\-/ ]+$", json_schema_extra=wco("D005")
    )
    issuer_code: str | None = Field(
        None, max_length=4, description="SCAC or carrier code of the issuer, when separate."
    )


class Equipment(CoreModel):
    """A container or trailer, with its seals."""

    identifier: str = Field(
        min_length=1,
        max_length=17,
        pattern=r"^[A-Z0-9]+$",
        description="ISO 6346 container number (AAAU1234560) or trailer number.",
        json_schema_extra=wco("159"),
    )
    seals: list[str] = Field(default_factory=empty_list, json_schema_extra=wco("165"))
    size_type: str | None = Field(
        None, pattern=r"^[0-9A-Z]{4}$", description="ISO 6346 size and type code (45G1)."
    )


class Transport(CoreModel):
    """How the goods travel to the border and across it."""

    mode: TransportMode = Field(json_schema_extra=wco("T022"))
    containerised: bool | None = Field(None, json_schema_extra=wco("096"))
    conveyance: Conveyance | None = None
    carrier: Party | None = Field(
        None,
        json_schema_extra={
            "x-wco-id": "18A",
            "x-wco-party": {"name": "R011", "identifiers": "R012"},
        },
    )
    documents: list[TransportDocument] = Field(default_factory=empty_list)
    equipment: list[Equipment] = Field(default_factory=empty_list)
    place_of_loading: str | None = Field(
        None,
        max_length=35,
        description="UN/LOCODE or name of the place of loading.",
        json_schema_extra=wco("L009"),
    )
    place_of_unlading: str | None = Field(None, max_length=35)

"""The core model of a truck cargo report: one trip, with its conveyance, crew and shipments.

A truck crossing a North American border is reported in advance to the customs of each country
it enters (CBP ACE truck e-Manifest, 19 CFR 123.92; CBSA ACI highway eManifest, Memorandum
D3-4-2) and, when it moves goods in Mexico, described by the CFDI with the Carta Porte 3.1
complement (SAT). All three carry the same core: a carrier, a truck and its trailers with their
seals, the crew, the port and time of arrival, and shipments of goods with their control number,
parties, places and commodities. This model holds that core once; each format carries its part
and reports what it cannot carry.

WCO Data Model IDs (``x-wco-id``): R011/R012 carrier name and identification, T006 border means
identification, T010 means type, T014 nationality, T022 mode of transport, 159 equipment
identification, 165 seal number, L009/L010 place of loading, D005 transport document number,
016 UCR, 065 office, 137 description, 145 commodity classification, 144 number of packages,
141 type of packages, 126 gross weight, 108 value, 063 origin, 506 UNDG number, 142 marks,
D018/D019 previous document. The WCO Data Model has no element for crew members in the
declaration profile, nor for licence-plate subdivisions and estimated arrival times: those fields
carry no ID rather than a guessed one.

Times are local to the place they describe (the port for an arrival), as the three formats
write them, unless a UTC offset is given.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from harmonized_customs.model._base import (
    Amount,
    CoreModel,
    CountryCode,
    CurrencyCode,
    Quantity,
    SubdivisionCode,
    empty_list,
    wco,
)
from harmonized_customs.model.parties import Address, Party
from harmonized_customs.model.transport import TransportMode

__all__ = [
    "CARGO_REPORT_VERSION",
    "CargoReport",
    "Carrier",
    "Commodity",
    "CrewMember",
    "Crossing",
    "CustomsDocumentLink",
    "LicensePlate",
    "Place",
    "Shipment",
    "TravelDocument",
    "TripEquipment",
    "Truck",
]

CARGO_REPORT_VERSION = "1.0"
LB_TO_KG = Decimal("0.45359237")
"""Kilograms per avoirdupois pound (exact, International Yard and Pound Agreement, 1959)."""
UPPER_ALNUM = r"^[A-Z0-9]+$"

MXRegime = Literal["IMD", "EXD", "ITR", "ITE", "ETR", "ETE", "DFI", "RFE", "RFS", "TRA"]
"""SAT catalogue c_RegimenAduanero (Carta Porte 3.1)."""

DocumentKind = Literal["us-entry", "ca-transaction", "mx-pedimento", "mx-cfdi-cce", "other"]
"""The customs document a shipment's goods are declared on: a CBP entry number, a CBSA
transaction number, a Mexican pedimento, or the UUID of the CFDI with Comercio Exterior."""


def _party(wco_class: str, name_id: str, id_id: str) -> JsonDict:
    return {"x-wco-id": wco_class, "x-wco-party": {"name": name_id, "identifiers": id_id}}


class LicensePlate(CoreModel):
    """A licence plate and the state or province that issued it."""

    number: str = Field(min_length=1, max_length=10, pattern=r"^[A-Z0-9]+$")
    subdivision: SubdivisionCode | None = Field(
        None, description="ISO 3166-2 code of the issuing state or province (US-TX, CA-ON)."
    )
    country: CountryCode = Field(json_schema_extra=wco("T014"))

    @model_validator(mode="after")
    def _subdivision_in_country(self) -> "LicensePlate":
        if self.subdivision is not None and not self.subdivision.startswith(self.country + "-"):
            raise PydanticCustomError(
                "subdivision_country_mismatch",
                "subdivision {subdivision} is not in country {country}",
                {"subdivision": self.subdivision, "country": self.country},
            )
        return self


class Carrier(CoreModel):
    """The carrier moving the goods, with its codes in each country."""

    name: str | None = Field(None, min_length=1, max_length=256, json_schema_extra=wco("R011"))
    scac: str | None = Field(
        None,
        pattern=r"^[A-Z]{2,4}$",
        description="Standard Carrier Alpha Code (NMFTA): ACE trip and SCN prefix.",
        json_schema_extra=wco("R012"),
    )
    ca_carrier_code: str | None = Field(
        None,
        pattern=r"^[A-Z0-9-]{4}$",
        description="CBSA carrier code (4 characters): ACI trip and CCN prefix.",
        json_schema_extra=wco("R012"),
    )
    mx_rfc: str | None = Field(
        None,
        pattern=r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$",
        description="The carrier's RFC (issuer of the CFDI with Carta Porte).",
        json_schema_extra=wco("R012"),
    )
    mx_permit_type: str | None = Field(
        None, pattern=r"^TP[A-Z0-9]{4}$", description="SICT permit type (c_TipoPermiso: TPAF08)."
    )
    mx_permit_number: str | None = Field(None, min_length=1, max_length=50)
    mx_tax_regime: str | None = Field(
        None,
        pattern=r"^[0-9]{3}$",
        description="The carrier's SAT c_RegimenFiscal (RegimenFiscal of the CFDI issuer: 601).",
    )
    liability_insurer: str | None = Field(None, min_length=1, max_length=50)
    liability_policy: str | None = Field(None, min_length=1, max_length=30)
    address: Address | None = None


class Truck(CoreModel):
    """The power unit crossing the border."""

    unit_number: str = Field(min_length=1, max_length=17, description="Carrier's unit number.")
    type_code: str = Field("TR", pattern=r"^[A-Z]{2}$", json_schema_extra=wco("T010"))
    vin: str | None = Field(None, pattern=r"^[A-HJ-NPR-Z0-9]{17}$", json_schema_extra=wco("T006"))
    plates: list[LicensePlate] = Field(default_factory=empty_list, max_length=4)
    dot_number: str | None = Field(None, pattern=r"^[0-9]{1,8}$", description="US DOT number.")
    model_year: int | None = Field(None, ge=1900, le=2099)
    mx_configuration: str | None = Field(
        None, max_length=8, description="SAT c_ConfigAutotransporte (C2, T3S1...)."
    )
    gross_vehicle_weight_t: Quantity | None = Field(
        None, description="Gross vehicle weight in tonnes (Carta Porte PesoBrutoVehicular)."
    )
    seals: list[str] = Field(default_factory=empty_list, json_schema_extra=wco("165"))


class TripEquipment(CoreModel):
    """A trailer or container pulled by the truck, with its seals."""

    kind: Literal["trailer", "container"] = "trailer"
    number: str = Field(
        min_length=1, max_length=17, pattern=r"^[A-Z0-9-]+$", json_schema_extra=wco("159")
    )
    type_code: str = Field("TL", pattern=r"^[A-Z0-9]{2,4}$", json_schema_extra=wco("152"))
    plates: list[LicensePlate] = Field(default_factory=empty_list, max_length=4)
    mx_subtype: str | None = Field(
        None, pattern=r"^CTR[0-9]{3}$", description="SAT c_SubTipoRem (CTR004...)."
    )
    seals: list[str] = Field(default_factory=empty_list, json_schema_extra=wco("165"))


class TravelDocument(CoreModel):
    """A passport, FAST card or other document identifying a crew member."""

    type: str = Field(pattern=r"^[A-Z0-9]{2,3}$", description="ACE/ACI document type (5K...).")
    number: str = Field(min_length=1, max_length=30)
    country: CountryCode | None = None
    subdivision: SubdivisionCode | None = None


class CrewMember(CoreModel):
    """A driver or passenger of the truck."""

    role: Literal["driver", "passenger"] = "driver"
    first_name: str = Field(min_length=1, max_length=30)
    last_name: str = Field(min_length=1, max_length=30)
    gender: Literal["M", "F"] | None = None
    date_of_birth: dt.date | None = None
    citizenship: CountryCode | None = None
    fast_card: str | None = Field(None, description="FAST commercial driver card number.")
    licence_number: str | None = Field(None, max_length=16)
    mx_rfc: str | None = Field(None, pattern=r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$")
    tax_id: str | None = Field(None, min_length=6, max_length=40)
    residence: CountryCode | None = None
    travel_documents: list[TravelDocument] = Field(default_factory=empty_list)


class Crossing(CoreModel):
    """Where and when the truck enters or leaves a country."""

    country: Literal["US", "CA", "MX"]
    direction: Literal["entry", "exit"] = "entry"
    port: str | None = Field(
        None,
        pattern=r"^[0-9]{2,4}$",
        description="Schedule D port (US), CBSA office (CA) or aduana (MX) code. The Carta "
        "Porte states the direction of a Mexican crossing, not its aduana.",
        json_schema_extra=wco("065"),
    )
    estimated_arrival: dt.datetime | None = None


class Place(CoreModel):
    """A city where goods are loaded or delivered."""

    city: str | None = Field(None, min_length=1, max_length=30)
    subdivision: SubdivisionCode | None = None
    country: CountryCode | None = None
    postal_code: str | None = Field(None, max_length=12)


class CustomsDocumentLink(CoreModel):
    """The customs declaration the shipment's goods are declared on."""

    kind: DocumentKind
    number: str = Field(min_length=1, max_length=150, json_schema_extra=wco("D019"))
    importer_rfc: str | None = Field(
        None,
        pattern=r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$",
        description="RFC of the importer on a pedimento (Carta Porte RFCImpo).",
    )


class Commodity(CoreModel):
    """Goods of one description in a shipment, as the bill of lading gives them."""

    description: str = Field(min_length=1, max_length=1000, json_schema_extra=wco("137"))
    hs_code: str | None = Field(
        None,
        pattern=r"^[0-9]{6}([0-9]{2}([0-9]{2})?)?$",
        description="HS6, or a national code of 8 or 10 digits, as classified (never padded).",
        json_schema_extra=wco("145"),
    )
    mx_fraccion: str | None = Field(
        None,
        pattern=r"^[0-9]{8}([0-9]{2})?$",
        description="TIGIE fracción arancelaria (8 digits), or fracción + NICO (10 digits), "
        "as SAT's c_FraccionArancelaria lists it, when classified in Mexico.",
        json_schema_extra=wco("145"),
    )
    mx_product_key: str | None = Field(
        None,
        pattern=r"^[0-9]{8}$",
        description="SAT c_ClaveProdServCP key of the goods transported (BienesTransp).",
    )
    quantity: Quantity = Field(json_schema_extra=wco("144"))
    package_type: str = Field(
        pattern=r"^[A-Z]{3}$",
        description="Lowest external packaging unit, ANSI X12 code as ACE and ACI use (BOX).",
        json_schema_extra=wco("141"),
    )
    unit: str | None = Field(
        None, pattern=r"^[A-Z0-9]{2,3}$", description="UN/ECE Rec 20 unit (Carta Porte)."
    )
    mx_packaging: str | None = Field(
        None, pattern=r"^[0-9A-Z]{2,4}$", description="SAT c_TipoEmbalaje (4G, Z01...)."
    )
    gross_weight: Quantity = Field(json_schema_extra=wco("126"))
    weight_unit: Literal["KGM", "LBR"] = "KGM"
    value: Amount | None = Field(None, ge=0, json_schema_extra=wco("108"))
    currency: CurrencyCode | None = None
    origin_country: CountryCode | None = Field(None, json_schema_extra=wco("063"))
    un_number: str | None = Field(None, pattern=r"^[0-9]{4}$", json_schema_extra=wco("506"))
    marks: list[str] = Field(default_factory=empty_list, json_schema_extra=wco("142"))

    @property
    def weight_kg(self) -> Decimal:
        """The gross weight in kilograms (1 lb = 0.45359237 kg exactly)."""
        if self.weight_unit == "KGM":
            return self.gross_weight
        return self.gross_weight * LB_TO_KG


class Shipment(CoreModel):
    """One shipment on the truck: its control number, parties, places and goods."""

    shipment_control_number: str | None = Field(
        None,
        max_length=16,
        description="CBP shipment control number (SCN, PAPS number): SCAC + 4-12 characters.",
        json_schema_extra=wco("016"),
    )
    cargo_control_number: str | None = Field(
        None,
        max_length=25,
        description="CBSA cargo control number (CCN, PARS number): carrier code + reference.",
        json_schema_extra=wco("D005"),
    )
    type: str = Field(
        "PAPS",
        pattern=r"^[A-Z0-9]{3,15}$",
        description="Shipment type: PAPS (US), PARS, CSA, A49, E29B, BOND (CA).",
    )
    release_office: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="CBSA office of release.",
        json_schema_extra=wco("065"),
    )
    shipper: Party = Field(json_schema_extra=_party("30A", "R020", "R021"))
    consignee: Party = Field(json_schema_extra=_party("27A", "R014", "R015"))
    place_of_loading: Place = Field(json_schema_extra=wco("L010"))
    place_of_delivery: Place | None = None
    departure: dt.datetime | None = Field(None, description="When the goods leave the shipper.")
    delivery: dt.datetime | None = Field(None, description="When they reach the consignee.")
    distance_km: Quantity | None = Field(None, description="Distance from loading to delivery.")
    mx_regimes: list[MXRegime] = Field(default_factory=empty_list, max_length=10)
    customs_documents: list[CustomsDocumentLink] = Field(default_factory=empty_list)
    commodities: list[Commodity] = Field(min_length=1)

    def documents(self, kind: DocumentKind) -> list[str]:
        """The numbers of the linked customs documents of one kind."""
        return [d.number for d in self.customs_documents if d.kind == kind]


class CargoReport(CoreModel):
    """A truck trip: what the carrier reports to customs before the truck reaches the border."""

    schema_version: Literal["1.0"] = Field("1.0", description="Version of the core format.")
    kind: Literal["cargo-report"] = Field(
        "cargo-report", description="Document kind (tells a trip from a goods declaration)."
    )
    trip_number: str | None = Field(
        None,
        min_length=1,
        max_length=25,
        pattern=UPPER_ALNUM,
        description="Trip / conveyance reference number: SCAC or carrier code + 4-21 characters.",
        json_schema_extra=wco("D026"),
    )
    mode: TransportMode = Field("3", json_schema_extra=wco("T022"))
    reported_at: dt.datetime | None = Field(
        None, description="When the report is (to be) sent, for the advance-time checks."
    )
    fast: bool = Field(False, description="The trip uses a FAST lane (C-TPAT/PIP carrier).")
    mx_ccp_id: str | None = Field(
        None,
        pattern=r"^CCC[0-9a-fA-F]{5}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="IdCCP of the Carta Porte 3.1 describing the trip (CCC + RFC 4122 tail).",
    )
    carrier: Carrier = Field(json_schema_extra=wco("18A"))
    truck: Truck
    equipment: list[TripEquipment] = Field(default_factory=empty_list, max_length=4)
    crew: list[CrewMember] = Field(default_factory=empty_list)
    crossings: list[Crossing] = Field(default_factory=empty_list, max_length=4)
    shipments: list[Shipment] = Field(default_factory=empty_list)

    def crossing(self, country: str, direction: str = "entry") -> Crossing | None:
        """The crossing into (or out of) ``country``, if the trip has one."""
        for each in self.crossings:
            if each.country == country and each.direction == direction:
                return each
        return None

    @property
    def drivers(self) -> list[CrewMember]:
        """The crew members driving."""
        return [c for c in self.crew if c.role == "driver"]

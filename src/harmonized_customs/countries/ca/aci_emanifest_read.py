"""Reading ``ca-aci-emanifest-json``: an ACI_TRIP JSON document into a core trip.

The document layout is described in :mod:`harmonized_customs.countries.ca.aci_emanifest`.
The document is checked against ``data/aci/aci_trip.schema.json`` first; every violation is
an issue located by line, column and wire pointer, and pointing into the core trip. The
carrier code is the first four characters of the trip (conveyance reference) number; states
and provinces are turned into ISO 3166-2 codes (US, Canada, Mexico), never guessed when
ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harmonized_customs import cargo_io as io
from harmonized_customs.countries.ca import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.issues import Issue
from harmonized_customs.model import CargoReport

__all__ = ["POINTERS", "read", "read_trips", "to_core_data"]

Doc = dict[str, Any]
WEIGHT_UNITS = {"KGM": "KGM", "KG": "KGM", "LBR": "LBR", "LB": "LBR", "LBS": "LBR"}
"""ACI weight unit -> UN/ECE Rec 20 (unknown units are kept and reported by the model)."""

POINTERS = io.PointerMap(
    [
        ("/tripNumber", "/trip_number"),
        ("/estimatedArrivalDateTime", "/crossings/0/estimated_arrival"),
        ("/portOfEntry", "/crossings/0/port"),
        ("/truck", "/truck"),
        ("/truck/number", "/truck/unit_number"),
        ("/truck/type", "/truck/type_code"),
        ("/truck/vinNumber", "/truck/vin"),
        ("/truck/dotNumber", "/truck/dot_number"),
        ("/truck/licensePlate", "/truck/plates/0"),
        ("/truck/licensePlate/stateProvince", "/truck/plates/0/subdivision"),
        ("/truck/sealNumbers/*", "/truck/seals/*"),
        ("/trailers/*", "/equipment/*"),
        ("/trailers/*/type", "/equipment/*/type_code"),
        ("/trailers/*/licensePlate", "/equipment/*/plates/0"),
        ("/trailers/*/sealNumbers/*", "/equipment/*/seals/*"),
        ("/drivers", "/crew"),
        ("/drivers/*", "/crew/*"),
        ("/drivers/*/firstName", "/crew/*/first_name"),
        ("/drivers/*/lastName", "/crew/*/last_name"),
        ("/drivers/*/dateOfBirth", "/crew/*/date_of_birth"),
        ("/drivers/*/citizenshipCountry", "/crew/*/citizenship"),
        ("/drivers/*/fastCardNumber", "/crew/*/fast_card"),
        ("/drivers/*/travelDocuments/*", "/crew/*/travel_documents/*"),
        ("/passengers", "/crew"),
        ("/shipments/*", "/shipments/*"),
        ("/shipments/*/cargoControlNumber", "/shipments/*/cargo_control_number"),
        ("/shipments/*/shipmentType", "/shipments/*/type"),
        ("/shipments/*/releaseOffice", "/shipments/*/release_office"),
        ("/shipments/*/portOfEntry", "/crossings/0/port"),
        ("/shipments/*/estimatedArrivalDate", "/crossings/0/estimated_arrival"),
        ("/shipments/*/cityOfLoading", "/shipments/*/place_of_loading"),
        ("/shipments/*/cityOfLoading/cityName", "/shipments/*/place_of_loading/city"),
        ("/shipments/*/cityOfLoading/stateProvince", "/shipments/*/place_of_loading/subdivision"),
        ("/shipments/*/shipper", "/shipments/*/shipper"),
        ("/shipments/*/shipper/name", "/shipments/*/shipper/name"),
        ("/shipments/*/shipper/address", "/shipments/*/shipper/address"),
        ("/shipments/*/consignee", "/shipments/*/consignee"),
        ("/shipments/*/consignee/name", "/shipments/*/consignee/name"),
        ("/shipments/*/consignee/address", "/shipments/*/consignee/address"),
        ("/shipments/*/commodities/*", "/shipments/*/commodities/*"),
        ("/shipments/*/commodities/*/description", "/shipments/*/commodities/*/description"),
        ("/shipments/*/commodities/*/quantity", "/shipments/*/commodities/*/quantity"),
        ("/shipments/*/commodities/*/packagingUnit", "/shipments/*/commodities/*/package_type"),
        ("/shipments/*/commodities/*/weight", "/shipments/*/commodities/*/gross_weight"),
        ("/shipments/*/commodities/*/weightUnit", "/shipments/*/commodities/*/weight_unit"),
        ("/shipments/*/commodities/*/marksAndNumbers/*", "/shipments/*/commodities/*/marks/*"),
    ]
)
"""Wire pointer -> core pointer, to locate every issue in both documents."""


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read an ACI_TRIP document; the trip travels in ``ReadResult.document``."""
    return io.read_results(read_trips(data, source_name))


def read_trips(
    data: bytes, source_name: str | None = None
) -> Iterator[tuple[CargoReport | None, tuple[Issue, ...]]]:
    """The trip of an ACI_TRIP document with the issues found reading it."""
    return io.read_contract(
        data,
        source_name,
        validator=io.wire_validator(
            "harmonized_customs.countries.ca", "data", "aci", "aci_trip.schema.json"
        ),
        pointers=POINTERS,
        invalid_code="ca_aci_invalid",
        to_core_data=to_core_data,
    )


def to_core_data(document: Doc) -> Doc:
    """The core trip data of a schema-valid ACI_TRIP document."""
    trip_number: str = document["tripNumber"]
    truck = document["truck"]
    data: Doc = {
        "kind": "cargo-report",
        "trip_number": trip_number,
        "carrier": {"ca_carrier_code": trip_number[:4]},
        "truck": io.drop(
            {
                "unit_number": truck["number"],
                "type_code": truck.get("type"),
                "vin": truck.get("vinNumber"),
                "dot_number": truck.get("dotNumber"),
                "plates": [io.plate_from_wire(p) for p in [truck.get("licensePlate")] if p],
                "seals": truck.get("sealNumbers", []),
            }
        ),
        "crossings": [
            {
                "country": "CA",
                "direction": "entry",
                "port": document["portOfEntry"],
                "estimated_arrival": io.core_time(document["estimatedArrivalDateTime"]),
            }
        ],
    }
    data["equipment"] = [
        io.drop(
            {
                "number": t["number"],
                "type_code": t.get("type"),
                "plates": [io.plate_from_wire(p) for p in [t.get("licensePlate")] if p],
                "seals": t.get("sealNumbers", []),
            }
        )
        for t in document.get("trailers", [])
    ]
    data["crew"] = [io.person_from_wire(p, "driver") for p in document.get("drivers", [])] + [
        io.person_from_wire(p, "passenger") for p in document.get("passengers", [])
    ]
    data["shipments"] = [_shipment(s) for s in document.get("shipments", [])]
    return io.drop(data)


def _shipment(wire: Doc) -> Doc:
    city = wire["cityOfLoading"]
    subdivision = io.subdivision_of(city.get("stateProvince"))
    loading = {
        "city": city["cityName"],
        "subdivision": subdivision,
        "country": subdivision.split("-")[0] if subdivision else None,
    }
    return io.drop(
        {
            "cargo_control_number": wire["cargoControlNumber"],
            "type": wire["shipmentType"],
            "release_office": wire["releaseOffice"],
            "shipper": io.party_from_wire(wire["shipper"]),
            "consignee": io.party_from_wire(wire["consignee"]),
            "place_of_loading": io.drop(loading),
            "commodities": [_commodity(c) for c in wire["commodities"]],
        }
    )


def _commodity(wire: Doc) -> Doc:
    return io.drop(
        {
            "description": wire["description"],
            "quantity": wire["quantity"],
            "package_type": wire["packagingUnit"],
            "gross_weight": wire["weight"],
            "weight_unit": WEIGHT_UNITS.get(wire["weightUnit"], wire["weightUnit"]),
            "marks": wire.get("marksAndNumbers", []),
        }
    )

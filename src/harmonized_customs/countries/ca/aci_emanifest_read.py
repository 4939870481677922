"""Reading ``ca-aci-emanifest-json``: an ACI_TRIP JSON document into a core trip.

The document layout is described in :mod:`harmonized_customs.countries.ca.aci_emanifest`.
The document is checked against ``data/aci/aci_trip.schema.json`` first; every violation is
an issue located by line, column and wire pointer, and pointing into the core trip. The
carrier code is the first four characters of the trip (conveyance reference) number; states
and provinces are turned into ISO 3166-2 codes (US, Canada, Mexico), never guessed when
ambiguous.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema

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


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    path = resources.files("harmonized_customs.countries.ca").joinpath(
        "data", "aci", "aci_trip.schema.json"
    )
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read one ACI_TRIP document; the trip travels in ``ReadResult.declaration``."""
    for trip, issues in read_trips(data, source_name):
        yield ReadResult(trip, issues)


def read_trips(
    data: bytes, source_name: str | None = None
) -> Iterator[tuple[CargoReport | None, tuple[Issue, ...]]]:
    """The trip of an ACI_TRIP document with the issues found reading it."""
    document, source, problem = io.parse_json(data, source_name)
    if problem is not None or source is None:
        yield None, (problem,) if problem else ()
        return
    issues = tuple(io.schema_issues(document, _validator(), source, POINTERS, "ca_aci_invalid"))
    if issues:
        yield None, issues
        return
    yield io.trip_from_data(to_core_data(document), io.locations(document, source, POINTERS))


def _plate(wire: Doc, fallback: str | None = None) -> Doc:
    subdivision = io.subdivision_of(wire.get("stateProvince"))
    country = subdivision.split("-")[0] if subdivision else fallback
    return _drop({"number": wire["number"], "subdivision": subdivision, "country": country})


def _drop(mapping: Doc) -> Doc:
    return {k: v for k, v in mapping.items() if v is not None and v != []}


def to_core_data(document: Doc) -> Doc:
    """The core trip data of a schema-valid ACI_TRIP document."""
    trip_number: str = document["tripNumber"]
    truck = document["truck"]
    data: Doc = {
        "kind": "cargo-report",
        "trip_number": trip_number,
        "carrier": {"ca_carrier_code": trip_number[:4]},
        "truck": _drop(
            {
                "unit_number": truck["number"],
                "type_code": truck.get("type"),
                "vin": truck.get("vinNumber"),
                "dot_number": truck.get("dotNumber"),
                "plates": [_plate(p) for p in [truck.get("licensePlate")] if p],
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
        _drop(
            {
                "number": t["number"],
                "type_code": t.get("type"),
                "plates": [_plate(p) for p in [t.get("licensePlate")] if p],
                "seals": t.get("sealNumbers", []),
            }
        )
        for t in document.get("trailers", [])
    ]
    data["crew"] = [_person(p, "driver") for p in document.get("drivers", [])] + [
        _person(p, "passenger") for p in document.get("passengers", [])
    ]
    data["shipments"] = [_shipment(s) for s in document.get("shipments", [])]
    return _drop(data)


def _person(wire: Doc, role: str) -> Doc:
    documents = [
        _drop(
            {
                "type": d["type"],
                "number": d["number"],
                "country": d.get("country"),
                "subdivision": io.subdivision_of(d.get("stateProvince"), d.get("country")),
            }
        )
        for d in wire.get("travelDocuments", [])
    ]
    return _drop(
        {
            "role": role,
            "first_name": wire["firstName"],
            "last_name": wire["lastName"],
            "gender": wire.get("gender"),
            "date_of_birth": wire.get("dateOfBirth"),
            "citizenship": wire.get("citizenshipCountry"),
            "fast_card": wire.get("fastCardNumber"),
            "travel_documents": documents,
        }
    )


def _party(wire: Doc) -> Doc:
    address = wire["address"]
    country = address.get("country")
    subdivision = io.subdivision_of(address.get("stateProvince"), country)
    return {
        "name": wire["name"],
        "address": _drop(
            {
                "lines": [address["addressLine"]],
                "city": address["city"],
                "postal_code": address["postalCode"],
                "subdivision": subdivision,
                "country": country or (subdivision.split("-")[0] if subdivision else None),
            }
        ),
    }


def _shipment(wire: Doc) -> Doc:
    city = wire["cityOfLoading"]
    subdivision = io.subdivision_of(city.get("stateProvince"))
    loading = {
        "city": city["cityName"],
        "subdivision": subdivision,
        "country": subdivision.split("-")[0] if subdivision else None,
    }
    return _drop(
        {
            "cargo_control_number": wire["cargoControlNumber"],
            "type": wire["shipmentType"],
            "release_office": wire["releaseOffice"],
            "shipper": _party(wire["shipper"]),
            "consignee": _party(wire["consignee"]),
            "place_of_loading": _drop(loading),
            "commodities": [_commodity(c) for c in wire["commodities"]],
        }
    )


def _commodity(wire: Doc) -> Doc:
    return _drop(
        {
            "description": wire["description"],
            "quantity": wire["quantity"],
            "package_type": wire["packagingUnit"],
            "gross_weight": wire["weight"],
            "weight_unit": WEIGHT_UNITS.get(wire["weightUnit"], wire["weightUnit"]),
            "marks": wire.get("marksAndNumbers", []),
        }
    )

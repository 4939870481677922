"""Writing ``ca-aci-emanifest-json``: a core trip as an ACI_TRIP JSON document.

The document layout is described in :mod:`harmonized_customs.countries.ca.aci_emanifest`.
Only the crossing into Canada is carried (its office and estimated arrival, repeated on each
shipment); values the ACI document has no place for (HS codes, values, origins, the SCAC,
customs document links, Mexican data, other crossings) are reported as ``value_not_carried``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harmonized_customs import cargo_io as io
from harmonized_customs.countries.ca import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.countries.ca.aci_emanifest_read import read_trips
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.issues import Issue
from harmonized_customs.model import (
    CargoReport,
    Commodity,
    LicensePlate,
    Shipment,
    TripEquipment,
)

__all__ = ["NAME", "dumps", "to_document", "write"]

NAME = "ca-aci-emanifest-json"
Doc = dict[str, Any]
LIMITS = {"description": 450, "marks": 35, "party": 60, "city": 25}


def write(trip: CargoReport) -> WriteResult:
    """The ACI_TRIP document of ``trip``, with the issues of what it cannot carry."""
    text = io.dump_json(to_document(trip))
    issues = list(_placement_issues(trip))
    back, problems = next(iter(read_trips(text.encode("utf-8"), None)))
    issues.extend(io.unplaceable(problems, "CA", covered=issues))
    issues.extend(io.losses(trip, lambda: back, NAME, "CA"))
    return WriteResult(text, tuple(issues))


def dumps(trip: CargoReport) -> str:
    """The ACI_TRIP document as text (issues left out; use :func:`write` to see them)."""
    return io.dump_json(to_document(trip))


def to_document(trip: CargoReport) -> Doc:
    """The ACI_TRIP mapping (JSON-ready, numbers as Decimal)."""
    entry = trip.crossing("CA")
    arrival = io.wire_time(entry.estimated_arrival if entry else None)
    port = entry.port if entry else None
    truck = trip.truck
    document: Doc = {
        "data": "ACI_TRIP",
        "tripNumber": trip.trip_number,
        "portOfEntry": port,
        "estimatedArrivalDateTime": arrival,
        "truck": io.drop(
            {
                "number": truck.unit_number,
                "type": truck.type_code,
                "vinNumber": truck.vin,
                "dotNumber": truck.dot_number,
                "licensePlate": _plate(truck.plates),
                "sealNumbers": list(truck.seals),
            }
        ),
        "trailers": [_trailer(e) for e in trip.equipment],
        "drivers": [io.person_to_wire(c) for c in trip.crew if c.role == "driver"],
        "passengers": [io.person_to_wire(c) for c in trip.crew if c.role == "passenger"],
        "shipments": [_shipment(s, port, arrival) for s in trip.shipments],
    }
    return io.drop(document)


def _plate(plates: list[LicensePlate]) -> Doc | None:
    if not plates:
        return None
    return io.drop(
        {"number": plates[0].number, "stateProvince": io.state_code(plates[0].subdivision)}
    )


def _trailer(equipment: TripEquipment) -> Doc:
    return io.drop(
        {
            "number": equipment.number,
            "type": equipment.type_code[:2],
            "licensePlate": _plate(equipment.plates),
            "sealNumbers": list(equipment.seals),
        }
    )


def _shipment(shipment: Shipment, port: str | None, arrival: str | None) -> Doc:
    loading = shipment.place_of_loading
    city = io.drop(
        {
            "cityName": loading.city[: LIMITS["city"]] if loading and loading.city else None,
            "stateProvince": io.state_code(loading.subdivision) if loading else None,
        }
    )
    return io.drop(
        {
            "data": "ACI_SHIPMENT",
            "shipmentType": shipment.type,
            "cargoControlNumber": shipment.cargo_control_number,
            "portOfEntry": port,
            "releaseOffice": shipment.release_office,
            "estimatedArrivalDate": arrival,
            "cityOfLoading": city,
            "shipper": io.party_to_wire(shipment.shipper, LIMITS["party"]),
            "consignee": io.party_to_wire(shipment.consignee, LIMITS["party"]),
            "commodities": [_commodity(c) for c in shipment.commodities],
        }
    )


def _commodity(commodity: Commodity) -> Doc:
    return io.drop(
        {
            "description": commodity.description[: LIMITS["description"]],
            "quantity": commodity.quantity,
            "packagingUnit": commodity.package_type,
            "weight": format(commodity.gross_weight, "f"),
            "weightUnit": commodity.weight_unit,
            "marksAndNumbers": [m[: LIMITS["marks"]] for m in commodity.marks],
        }
    )


def _placement_issues(trip: CargoReport) -> Iterator[Issue]:
    """Errors for values that must be in the document but cannot be placed there."""
    if trip.crossing("CA") is None:
        yield Issue.of("ca_aci_entry_crossing_missing", "/crossings", target="CA")
    for s, shipment in enumerate(trip.shipments):
        for c, commodity in enumerate(shipment.commodities):
            if len(commodity.description) > LIMITS["description"]:
                pointer = f"/shipments/{s}/commodities/{c}/description"
                yield Issue.of(
                    "value_too_long", pointer, target="CA", wco_id=io.wco(pointer), limit=450
                )

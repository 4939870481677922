"""Writing ``us-ace-emanifest-json``: a core trip as an ACE_TRIP JSON document.

The document layout is described in :mod:`harmonized_customs.countries.us.ace_emanifest`.
Only the crossing into the United States is carried (its port and estimated arrival); values
of the trip that ACE has no place for (the carrier's name and codes other than the SCAC,
customs document links, Mexican data, other crossings) are reported as ``value_not_carried``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harmonized_customs import cargo_io as io
from harmonized_customs.countries.us import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.countries.us.ace_emanifest_read import read_trips
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

NAME = "us-ace-emanifest-json"
Doc = dict[str, Any]
WEIGHT_UNITS = {"KGM": "K", "LBR": "L"}
LIMITS = {"description": 512, "marks": 45, "party": 60}


def write(trip: CargoReport) -> WriteResult:
    """The ACE_TRIP document of ``trip``, with the issues of what it cannot carry."""
    document = to_document(trip)
    text = io.dump_json(document)
    issues = list(_placement_issues(trip))
    back, problems = next(iter(read_trips(text.encode("utf-8"), None)))
    issues.extend(io.unplaceable(problems, "US", covered=issues))
    issues.extend(io.losses(trip, lambda: back, NAME, "US"))
    return WriteResult(text, tuple(issues))


def dumps(trip: CargoReport) -> str:
    """The ACE_TRIP document as text (issues left out; use :func:`write` to see them)."""
    return io.dump_json(to_document(trip))


def to_document(trip: CargoReport) -> Doc:
    """The ACE_TRIP mapping (JSON-ready, numbers as Decimal)."""
    entry = trip.crossing("US")
    document: Doc = {"data": "ACE_TRIP", "tripNumber": trip.trip_number}
    document["estimatedArrivalDateTime"] = io.wire_time(entry.estimated_arrival if entry else None)
    document["usPortOfArrival"] = entry.port if entry else None
    truck = trip.truck
    document["truck"] = io.drop(
        {
            "number": truck.unit_number,
            "type": truck.type_code,
            "vinNumber": truck.vin,
            "dotNumber": truck.dot_number,
            "licensePlates": [_plate(p) for p in truck.plates],
            "sealNumbers": list(truck.seals),
        }
    )
    document["trailers"] = [_trailer(e) for e in trip.equipment]
    document["drivers"] = [io.person_to_wire(c) for c in trip.crew if c.role == "driver"]
    document["passengers"] = [io.person_to_wire(c) for c in trip.crew if c.role == "passenger"]
    document["shipments"] = [_shipment(s) for s in trip.shipments]
    return io.drop(document)


def _plate(plate: LicensePlate) -> Doc:
    return io.drop({"number": plate.number, "stateProvince": io.state_code(plate.subdivision)})


def _trailer(equipment: TripEquipment) -> Doc:
    return io.drop(
        {
            "number": equipment.number,
            "type": equipment.type_code[:2],
            "licensePlates": [_plate(p) for p in equipment.plates],
            "sealNumbers": list(equipment.seals),
        }
    )


def _shipment(shipment: Shipment) -> Doc:
    loading = shipment.place_of_loading
    province = io.state_code(loading.subdivision) if loading else None
    return io.drop(
        {
            "data": "ACE_SHIPMENT",
            "shipmentControlNumber": shipment.shipment_control_number,
            "type": shipment.type,
            "provinceOfLoading": province,
            "shipper": io.party_to_wire(shipment.shipper, LIMITS["party"]),
            "consignee": io.party_to_wire(shipment.consignee, LIMITS["party"]),
            "commodities": [_commodity(c) for c in shipment.commodities],
        }
    )


def _commodity(commodity: Commodity) -> Doc:
    value = commodity.value if commodity.currency in {None, "USD"} else None
    return io.drop(
        {
            "description": commodity.description[: LIMITS["description"]],
            "quantity": commodity.quantity,
            "packagingUnit": commodity.package_type,
            "weight": commodity.gross_weight,
            "weightUnit": WEIGHT_UNITS[commodity.weight_unit],
            "marksAndNumbers": [m[: LIMITS["marks"]] for m in commodity.marks],
            "harmonizedCode": commodity.hs_code,
            "value": format(value, "f") if value is not None else None,
            "countryOfOrigin": commodity.origin_country,
        }
    )


def _placement_issues(trip: CargoReport) -> Iterator[Issue]:
    """Errors for values that must be in the document but cannot be placed there."""
    if trip.crossing("US") is None:
        yield Issue.of("us_ace_entry_crossing_missing", "/crossings", target="US")
    for s, shipment in enumerate(trip.shipments):
        for c, commodity in enumerate(shipment.commodities):
            if len(commodity.description) > LIMITS["description"]:
                pointer = f"/shipments/{s}/commodities/{c}/description"
                yield Issue.of(
                    "value_too_long", pointer, target="US", wco_id=io.wco(pointer), limit=512
                )

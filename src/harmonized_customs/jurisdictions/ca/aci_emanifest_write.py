"""Writing ``ca-aci-emanifest-json``: a core trip as an ACI_TRIP JSON document.

The document layout is described in :mod:`harmonized_customs.jurisdictions.ca.aci_emanifest`.
Only the crossing into Canada is carried (its office and estimated arrival, repeated on each
shipment); values the ACI document has no place for (HS codes, values, origins, the SCAC,
customs document links, Mexican data, other crossings) are reported as ``value_not_carried``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harmonized_customs import cargo_io as io
from harmonized_customs.formats import WriteResult
from harmonized_customs.issues import Issue
from harmonized_customs.jurisdictions.ca import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.jurisdictions.ca.aci_emanifest_read import read_trips
from harmonized_customs.model import (
    CargoReport,
    Commodity,
    CrewMember,
    LicensePlate,
    Party,
    Shipment,
    TripEquipment,
)

__all__ = ["NAME", "dumps", "to_document", "write"]

NAME = "ca-aci-emanifest-json"
Doc = dict[str, Any]
LIMITS = {"description": 450, "marks": 35, "party": 60, "city": 25}
_IGNORED = ("/schema_version", "/kind", "/mode", "/reported_at", "/fast")
"""Trip-level values every manifest implies or that are not part of a manifest."""


def write(trip: CargoReport) -> WriteResult:
    """The ACI_TRIP document of ``trip``, with the issues of what it cannot carry."""
    text = io.dump_json(to_document(trip))
    issues = list(_placement_issues(trip))
    issues.extend(io.losses(trip, lambda: _read_back(text), NAME, "CA", _IGNORED))
    return WriteResult(text, tuple(issues))


def dumps(trip: CargoReport) -> str:
    """The ACI_TRIP document as text (issues left out; use :func:`write` to see them)."""
    return io.dump_json(to_document(trip))


def _read_back(text: str) -> CargoReport | None:
    return next(iter(read_trips(text.encode("utf-8"), None)))[0]


def _clean(mapping: Doc) -> Doc:
    return {k: v for k, v in mapping.items() if v is not None and v != []}


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
        "truck": _clean(
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
        "drivers": [_person(c) for c in trip.crew if c.role == "driver"],
        "passengers": [_person(c) for c in trip.crew if c.role == "passenger"],
        "shipments": [_shipment(s, port, arrival) for s in trip.shipments],
    }
    return _clean(document)


def _plate(plates: list[LicensePlate]) -> Doc | None:
    if not plates:
        return None
    return _clean(
        {"number": plates[0].number, "stateProvince": io.state_code(plates[0].subdivision)}
    )


def _trailer(equipment: TripEquipment) -> Doc:
    return _clean(
        {
            "number": equipment.number,
            "type": equipment.type_code[:2],
            "licensePlate": _plate(equipment.plates),
            "sealNumbers": list(equipment.seals),
        }
    )


def _person(member: CrewMember) -> Doc:
    documents = [
        _clean(
            {
                "type": d.type,
                "number": d.number,
                "country": d.country,
                "stateProvince": io.state_code(d.subdivision),
            }
        )
        for d in member.travel_documents
    ]
    return _clean(
        {
            "firstName": member.first_name,
            "lastName": member.last_name,
            "gender": member.gender,
            "dateOfBirth": member.date_of_birth.isoformat() if member.date_of_birth else None,
            "citizenshipCountry": member.citizenship,
            "fastCardNumber": member.fast_card,
            "travelDocuments": documents,
        }
    )


def _party(party: Party) -> Doc:
    address = party.address
    wire: Doc = {"name": party.name[: LIMITS["party"]]}
    if address is not None:
        wire["address"] = _clean(
            {
                "addressLine": address.lines[0] if address.lines else None,
                "city": address.city,
                "postalCode": address.postal_code,
                "stateProvince": io.state_code(address.subdivision),
                "country": address.country,
            }
        )
    return wire


def _shipment(shipment: Shipment, port: str | None, arrival: str | None) -> Doc:
    loading = shipment.place_of_loading
    city = _clean(
        {
            "cityName": loading.city[: LIMITS["city"]] if loading and loading.city else None,
            "stateProvince": io.state_code(loading.subdivision) if loading else None,
        }
    )
    return _clean(
        {
            "data": "ACI_SHIPMENT",
            "shipmentType": shipment.type,
            "cargoControlNumber": shipment.cargo_control_number,
            "portOfEntry": port,
            "releaseOffice": shipment.release_office,
            "estimatedArrivalDate": arrival,
            "cityOfLoading": city,
            "shipper": _party(shipment.shipper),
            "consignee": _party(shipment.consignee),
            "commodities": [_commodity(c) for c in shipment.commodities],
        }
    )


def _commodity(commodity: Commodity) -> Doc:
    return _clean(
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

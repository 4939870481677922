"""Core rules of a truck trip, the same for every country it is reported to.

Every shipment names its shipper and consignee (ACE and ACI JSON reference manuals, ``name``
required; Carta Porte ``NombreRemitenteDestinatario``); a party known only by a number is
reported, never given an invented name.

The FAST commercial driver card (CBP and CBSA) has 14 characters, and a trip reported for a
FAST lane needs one for every driver (ACE and ACI JSON reference manuals, ``fastCardNumber``;
CBP/CBSA FAST programme).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from harmonized_customs.issues import Severity, register_code
from harmonized_customs.model import CargoReport, CrewMember, Shipment
from harmonized_customs.rules import Finding, RuleContext, rule

__all__: list[str] = []

FAST_CARD_LENGTH = 14

register_code(
    "fast_card_form",
    Severity.ERROR,
    'FAST card "{number}" does not have 14 characters',
    authority="CBP/CBSA",
    example_ctx={"number": "4270555"},
    fix="Copy the 14-character number from the driver's FAST commercial driver card.",
)
register_code(
    "trip_not_crossing",
    Severity.INFO,
    "the trip does not cross {country}: no cargo report is filed there",
    authority="harmonized_customs",
    example_ctx={"country": "CA"},
    fix="Nothing to do, unless the trip's crossings are incomplete: then add the crossing.",
)
register_code(
    "fast_card_missing",
    Severity.ERROR,
    "the trip is reported for a FAST lane but driver {driver} has no FAST card",
    authority="CBP/CBSA",
    example_ctx={"driver": 1},
    fix="Give the driver's FAST card number, or do not report the trip as FAST.",
)

register_code(
    "shipper_name_missing",
    Severity.ERROR,
    "the shipper of shipment {shipment} has no name",
    authority="CBP/CBSA/SAT",
    example_ctx={"shipment": 1},
    fix="Give the shipper's name as on the bill of lading.",
)
register_code(
    "consignee_name_missing",
    Severity.ERROR,
    "the consignee of shipment {shipment} has no name",
    authority="CBP/CBSA/SAT",
    example_ctx={"shipment": 1},
    fix="Give the consignee's name as on the bill of lading.",
)


@rule("shipments/*", kind="cargo-report")
def shipment_parties_named(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """The shipper and consignee of a shipment have names: every manifest format needs them."""
    trip = cast(CargoReport, context.document)
    number = context.index_of(trip.shipments, shipment) + 1
    if shipment.shipper.name is None:
        yield Finding.of("shipper_name_missing", "shipper/name", shipment=number)
    if shipment.consignee.name is None:
        yield Finding.of("consignee_name_missing", "consignee/name", shipment=number)


@rule("crew/*", kind="cargo-report")
def fast_card_form(member: CrewMember, context: RuleContext) -> Iterator[Finding]:
    """A FAST card number has 14 characters; a FAST trip needs one for every driver."""
    trip = cast(CargoReport, context.document)
    card = member.fast_card
    if card is not None and len(card) != FAST_CARD_LENGTH:
        yield Finding.of("fast_card_form", "fast_card", number=card)
    elif card is None and trip.fast and member.role == "driver":
        yield Finding.of(
            "fast_card_missing", "fast_card", driver=context.index_of(trip.crew, member) + 1
        )

"""United States rules for a truck trip: what CBP's ACE e-Manifest needs (19 CFR 123.92).

Sources: 19 CFR 123.92 (data elements, 70 FR 13514); advance time of 1 hour, 30 minutes for
FAST (68 FR 68140); the ACE JSON reference manual 1.0.7 for identifier forms (trip number
SCAC + 4-21 characters; SCN SCAC + 4-12, 8-16 in all).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import cast

from harmonized_customs.countries.us import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.model import CargoReport, Shipment
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["advance_minutes"]

CANADIAN_TYPES = frozenset({"PARS", "CSA", "A49", "E29B", "BOND"})
_TRIP = re.compile(r"^[A-Z0-9]{8,25}$")
_SCN = re.compile(r"^[A-Z0-9]{8,16}$")
ADVANCE = dt.timedelta(hours=1)
ADVANCE_FAST = dt.timedelta(minutes=30)
ARRIVAL = ("import",)
"""The manifest is filed for a trip entering the country; an exit-only trip is an export."""


@rule("", target="US", roles=("export",), kind="cargo-report")
def export_not_covered(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """A trip that only leaves the US files no ACE manifest (it is for arrivals); say so."""
    yield Finding.of("us_trip_export_not_covered")


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def scac_given(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The carrier has a SCAC."""
    if trip.carrier.scac is None:
        yield Finding.of("us_scac_missing", "carrier/scac")


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def trip_number_form(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The trip number is the SCAC followed by 4-21 letters or digits."""
    number, scac = trip.trip_number, trip.carrier.scac
    if number is None:
        yield Finding.of("us_trip_number_missing", "trip_number")
    elif scac and not (number.startswith(scac) and _TRIP.match(number)):
        yield Finding.of("us_trip_number_form", "trip_number", number=number, scac=scac)


@rule("shipments/*", target="US", roles=ARRIVAL, kind="cargo-report")
def scn_form(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """Each shipment has an SCN: the SCAC followed by 4-12 characters (8-16 in all)."""
    scac = _trip(context).carrier.scac
    number = shipment.shipment_control_number
    if number is None:
        yield Finding.of(
            "us_scn_missing", "shipment_control_number", shipment=_position(context, shipment)
        )
    elif scac and not (number.startswith(scac) and _SCN.match(number)):
        yield Finding.of("us_scn_form", "shipment_control_number", number=number, scac=scac)


@rule("shipments/*", target="US", roles=ARRIVAL, kind="cargo-report")
def shipment_type_american(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """A Canadian shipment type (PARS, CSA...) is not an ACE shipment type."""
    if shipment.type in CANADIAN_TYPES:
        yield Finding.of("us_shipment_type_canadian", "type", type=shipment.type)


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def arrival_given(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The trip names its US port of arrival and estimated arrival."""
    entry = trip.crossing("US")
    if entry is None or entry.port is None or entry.estimated_arrival is None:
        yield Finding.of("us_arrival_missing", "crossings")


def advance_minutes(reported: dt.datetime, arrival: dt.datetime) -> int | None:
    """Whole minutes between report and arrival.

    ``None`` when one has a UTC offset and the other not: they cannot be compared without
    guessing a time zone.
    """
    if (reported.tzinfo is None) != (arrival.tzinfo is None):
        return None
    return int((arrival - reported).total_seconds() // 60)


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def sent_in_time(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The manifest is sent 1 hour before arrival (30 minutes for a FAST trip)."""
    entry = trip.crossing("US")
    if entry is None or entry.estimated_arrival is None or trip.reported_at is None:
        return
    minutes = advance_minutes(trip.reported_at, entry.estimated_arrival)
    required = ADVANCE_FAST if trip.fast else ADVANCE
    if minutes is not None and minutes < required.total_seconds() // 60:
        yield Finding.of(
            "us_manifest_too_late", "reported_at", minutes=minutes, required=required.seconds // 60
        )


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def driver_named(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """ACE requires at least one driver."""
    if not trip.drivers:
        yield Finding.of("us_driver_missing", "crew")


@rule("", target="US", roles=ARRIVAL, kind="cargo-report")
def conveyance_identified(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The truck has both its VIN and a licence plate with its issuing state."""
    truck = trip.truck
    if truck.vin is None or not any(p.subdivision for p in truck.plates):
        yield Finding.of("us_conveyance_identity_missing", "truck")


@rule("shipments/*", target="US", roles=ARRIVAL, kind="cargo-report")
def hs6_given(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """Each commodity has an HS code, or only its description is sent (a warning)."""
    number = _position(context, shipment)
    for index, commodity in enumerate(shipment.commodities):
        if commodity.hs_code is None:
            yield Finding.of(
                "us_hs6_missing",
                f"commodities/{index}/hs_code",
                commodity=index + 1,
                shipment=number,
            )


def _trip(context: RuleContext) -> CargoReport:
    """The trip checked ."""
    return cast(CargoReport, context.document)


def _position(context: RuleContext, shipment: Shipment) -> int:
    return context.index_of(_trip(context).shipments, shipment) + 1


@rule("", target="US", roles=("none",), kind="cargo-report")
def trip_not_crossing(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """A trip whose crossings never touch the country files nothing there; say so once."""
    yield Finding.of("trip_not_crossing", country="US")

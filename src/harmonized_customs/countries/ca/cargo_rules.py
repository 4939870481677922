"""Canadian rules for a truck trip: what CBSA's ACI highway eManifest needs.

Sources: CBSA Memorandum D3-4-2 (highway pre-arrival and reporting); CBSA pre-arrival page
(cargo and conveyance received and validated 1 hour before arrival at the first port); the
ACI JSON reference manual 1.0.6 (CCN 8-25 characters, description 450, shipment types); CBSA
notice on PARS labels (the CCN is the bar-coded PARS number, "PARS" included).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import cast

from harmonized_customs.countries.ca import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.model import CargoReport, Commodity, Shipment
from harmonized_customs.rules import Finding, RuleContext, rule

__all__: list[str] = []

SHIPMENT_TYPES = ("PARS", "CSA", "A49", "E29B", "BOND")
DESCRIPTION_LIMIT = 450
_CCN = re.compile(r"^[A-Z0-9-]{8,25}$")
ADVANCE = dt.timedelta(hours=1)
ARRIVAL = ("import",)
"""The manifest is filed for a trip entering the country; an exit-only trip is an export."""


@rule("", target="CA", roles=("export",), kind="cargo-report")
def export_not_covered(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """A trip that only leaves Canada files no ACI eManifest (it is for arrivals); say so."""
    yield Finding.of("ca_trip_export_not_covered")


def _trip(context: RuleContext) -> CargoReport:
    """The trip checked ."""
    return cast(CargoReport, context.document)


def _position(context: RuleContext, shipment: Shipment) -> int:
    return context.index_of(_trip(context).shipments, shipment) + 1


@rule("", target="CA", roles=ARRIVAL, kind="cargo-report")
def carrier_code_given(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The carrier has its CBSA carrier code."""
    if trip.carrier.ca_carrier_code is None:
        yield Finding.of("ca_trip_carrier_code_missing", "carrier/ca_carrier_code")


@rule("", target="CA", roles=ARRIVAL, kind="cargo-report")
def trip_number_form(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The conveyance reference number begins with the carrier code and is not a CCN."""
    number, code = trip.trip_number, trip.carrier.ca_carrier_code
    if number is None or code is None:
        return
    if not number.startswith(code):
        yield Finding.of("ca_trip_number_form", "trip_number", number=number, code=code)
    if number in {s.cargo_control_number for s in trip.shipments}:
        yield Finding.of("ca_trip_number_is_ccn", "trip_number", number=number)


@rule("shipments/*", target="CA", roles=ARRIVAL, kind="cargo-report")
def ccn_form(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """Each shipment has a CCN: the carrier code and a reference, 8-25 characters."""
    code = _trip(context).carrier.ca_carrier_code
    number = shipment.cargo_control_number
    if number is None:
        yield Finding.of(
            "ca_ccn_missing", "cargo_control_number", shipment=_position(context, shipment)
        )
    elif code and not (number.startswith(code) and _CCN.match(number)):
        yield Finding.of("ca_ccn_form", "cargo_control_number", number=number, code=code)


@rule("shipments/*", target="CA", roles=ARRIVAL, kind="cargo-report")
def pars_embedded(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """A PARS shipment's CCN is the bar-coded PARS number, which embeds "PARS" (a warning)."""
    number = shipment.cargo_control_number
    if shipment.type == "PARS" and number and "PARS" not in number:
        yield Finding.of("ca_pars_not_embedded", "cargo_control_number", number=number)


@rule("shipments/*", target="CA", roles=ARRIVAL, kind="cargo-report")
def shipment_type_known(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """The shipment type is one of the ACI highway types."""
    if shipment.type not in SHIPMENT_TYPES:
        yield Finding.of(
            "ca_shipment_type_unknown",
            "type",
            type=shipment.type,
            allowed=", ".join(SHIPMENT_TYPES),
        )


@rule("shipments/*", target="CA", roles=ARRIVAL, kind="cargo-report")
def release_office_given(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """Each shipment names its CBSA office of release."""
    if shipment.release_office is None:
        yield Finding.of(
            "ca_release_office_missing", "release_office", shipment=_position(context, shipment)
        )


@rule("", target="CA", roles=ARRIVAL, kind="cargo-report")
def arrival_given(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The trip names its CBSA office of first arrival and estimated arrival."""
    entry = trip.crossing("CA")
    if entry is None or entry.port is None or entry.estimated_arrival is None:
        yield Finding.of("ca_arrival_missing", "crossings")


@rule("", target="CA", roles=ARRIVAL, kind="cargo-report")
def sent_in_time(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """Cargo and conveyance data reach CBSA 1 hour before arrival (FAST does not shorten it)."""
    entry = trip.crossing("CA")
    reported = trip.reported_at
    if entry is None or entry.estimated_arrival is None or reported is None:
        return
    if (reported.tzinfo is None) != (entry.estimated_arrival.tzinfo is None):
        return
    minutes = int((entry.estimated_arrival - reported).total_seconds() // 60)
    if minutes < ADVANCE.seconds // 60:
        yield Finding.of(
            "ca_manifest_too_late", "reported_at", minutes=minutes, required=ADVANCE.seconds // 60
        )


@rule("", target="CA", roles=ARRIVAL, kind="cargo-report")
def driver_named(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """Conveyance data name the drivers, unless the trip is CSA/FAST."""
    if not trip.drivers and not trip.fast and trip.shipments:
        yield Finding.of("ca_driver_missing", "crew")


@rule("shipments/*/commodities/*", target="CA", roles=ARRIVAL, kind="cargo-report")
def description_length(commodity: Commodity, context: RuleContext) -> Iterator[Finding]:
    """An ACI commodity description has at most 450 characters."""
    if len(commodity.description) > DESCRIPTION_LIMIT:
        yield Finding.of(
            "ca_description_too_long", "description", length=len(commodity.description)
        )


@rule("", target="CA", roles=("none",), kind="cargo-report")
def trip_not_crossing(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """A trip whose crossings never touch the country files nothing there; say so once."""
    yield Finding.of("trip_not_crossing", country="CA")

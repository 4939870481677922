"""Mexican rules for a truck trip: what the CFDI with complemento Carta Porte 3.1 needs.

Sources: SAT, Estándar del complemento Carta Porte 3.1 and its XSD (as bundled in satcfdi):
Autotransporte (PermSCT, NumPermisoSCT, IdentificacionVehicular, Seguros), RegimenesAduaneros
required when EntradaSalidaMerc is given, DocumentacionAduanera for goods crossing the border,
NumPedimento pattern ``[0-9]{2}  [0-9]{2}  [0-9]{4}  [0-9]{7}``, PesoEnKg in kilograms, and
FiguraTransporte for the operator. The Carta Porte has no seal element for trucks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from harmonized_customs.countries.mx import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.model import CargoReport, Shipment
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["crosses_border"]

PEDIMENTO = re.compile(r"^[0-9]{2}  [0-9]{2}  [0-9]{4}  [0-9]{7}$")
PLATE = re.compile(r"^[A-Z0-9]{5,7}$")


def _trip(context: RuleContext) -> CargoReport:
    """The trip checked ."""
    return cast(CargoReport, context.document)


def crosses_border(trip: CargoReport) -> bool:
    """True when the trip enters or leaves Mexico (TranspInternac = Sí)."""
    return trip.crossing("MX", "entry") is not None or trip.crossing("MX", "exit") is not None


@rule("", target="MX", kind="cargo-report")
def carrier_identified(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """The carrier has its RFC, SICT permit and civil liability insurance."""
    carrier = trip.carrier
    if carrier.mx_rfc is None:
        yield Finding.of("mx_ccp_carrier_rfc_missing", "carrier/mx_rfc")
    if carrier.mx_permit_type is None or carrier.mx_permit_number is None:
        yield Finding.of("mx_ccp_permit_missing", "carrier/mx_permit_type")
    if carrier.liability_insurer is None or carrier.liability_policy is None:
        yield Finding.of("mx_ccp_insurance_missing", "carrier/liability_insurer")


@rule("truck", target="MX", kind="cargo-report")
def vehicle_identified(truck: object, context: RuleContext) -> Iterator[Finding]:
    """The truck has configuration, model year, gross weight and a plate of 5-7 characters."""
    trip = _trip(context)
    for field in ("mx_configuration", "model_year", "gross_vehicle_weight_t"):
        if getattr(trip.truck, field) is None:
            yield Finding.of("mx_ccp_vehicle_missing", field, field=field)
    if not trip.truck.plates:
        yield Finding.of("mx_ccp_vehicle_missing", "plates", field="plates")
    elif not PLATE.match(trip.truck.plates[0].number):
        yield Finding.of("mx_ccp_plate_form", "plates/0/number", number=trip.truck.plates[0].number)


@rule("shipments/*", target="MX", kind="cargo-report")
def crossing_documented(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """A shipment crossing the border names its customs regime and customs document."""
    trip = _trip(context)
    if not crosses_border(trip):
        return
    number = context.index_of(trip.shipments, shipment) + 1
    if not shipment.mx_regimes:
        yield Finding.of("mx_ccp_regime_missing", "mx_regimes", shipment=number)
    if not shipment.customs_documents:
        yield Finding.of("mx_ccp_customs_document_missing", "customs_documents", shipment=number)


@rule("shipments/*/customs_documents/*", target="MX", kind="cargo-report")
def pedimento_form(document: object, context: RuleContext) -> Iterator[Finding]:
    """A pedimento number is written ``YY  AA  PPPP  NNNNNNN``, as NumPedimento requires."""
    kind, number = getattr(document, "kind", None), str(getattr(document, "number", ""))
    if kind == "mx-pedimento" and not PEDIMENTO.match(number):
        yield Finding.of("mx_ccp_pedimento_form", "number", number=number)


@rule("shipments/*", target="MX", kind="cargo-report")
def goods_coded(shipment: Shipment, context: RuleContext) -> Iterator[Finding]:
    """Each commodity has its c_ClaveProdServCP key and Rec 20 unit; pounds are converted."""
    number = context.index_of(_trip(context).shipments, shipment) + 1
    for index, commodity in enumerate(shipment.commodities):
        where = f"commodities/{index}"
        if commodity.mx_product_key is None:
            yield Finding.of(
                "mx_ccp_product_key_missing",
                f"{where}/mx_product_key",
                commodity=index + 1,
                shipment=number,
            )
        if commodity.unit is None:
            yield Finding.of(
                "mx_ccp_unit_missing", f"{where}/unit", commodity=index + 1, shipment=number
            )
        if commodity.weight_unit == "LBR":
            kg = format(round(commodity.weight_kg, 3), "f")
            yield Finding.of("mx_ccp_weight_converted", f"{where}/weight_unit", kg=kg)


@rule("", target="MX", kind="cargo-report")
def seals_not_carried(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """Seals of a truck or its trailers have no place in the Carta Porte."""
    count = len(trip.truck.seals) + sum(len(e.seals) for e in trip.equipment)
    if count:
        yield Finding.of("mx_ccp_seals_not_carried", "equipment", count=count)


@rule("", target="MX", kind="cargo-report")
def operator_identified(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """Each driver has a licence number and an RFC, or a foreign tax ID and residence."""
    for index, driver in enumerate(trip.crew):
        if driver.role != "driver":
            continue
        if driver.licence_number is None:
            yield Finding.of(
                "mx_ccp_operator_missing",
                f"crew/{index}/licence_number",
                driver=index + 1,
                field="licence_number",
            )
        if driver.mx_rfc is None and (driver.tax_id is None or driver.residence is None):
            yield Finding.of(
                "mx_ccp_operator_missing", f"crew/{index}/mx_rfc", driver=index + 1, field="mx_rfc"
            )


@rule("", target="MX", roles=("none",), kind="cargo-report")
def trip_not_crossing(trip: CargoReport, context: RuleContext) -> Iterator[Finding]:
    """A trip whose crossings never touch the country files nothing there; say so once."""
    yield Finding.of("trip_not_crossing", country="MX")

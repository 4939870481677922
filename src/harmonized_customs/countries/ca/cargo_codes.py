"""Issue codes of the Canadian truck cargo report (ACI highway eManifest) and its format."""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CBSA = "CBSA"

register_code(
    "ca_aci_invalid",
    _E,
    "the ACI_TRIP document breaks its schema: {detail}",
    authority=CBSA,
    example_ctx={"detail": "'x' is not of type 'number'"},
    fix="Correct the value at the given line and column (ACI JSON reference manual 1.0.6).",
)
register_code(
    "ca_aci_entry_crossing_missing",
    _E,
    "the trip has no crossing into Canada, so the ACI manifest has no port or arrival",
    authority=CBSA,
    fix="Add the CBSA office of first arrival and the estimated arrival to the crossings.",
)
register_code(
    "ca_trip_carrier_code_missing",
    _E,
    "the carrier has no CBSA carrier code, which trip and cargo control numbers begin with",
    authority=CBSA,
    fix="Give the 4-character carrier code CBSA issued (forms E369 / E370).",
)
register_code(
    "ca_trip_number_form",
    _E,
    'conveyance reference number "{number}" does not begin with carrier code {code}',
    authority=CBSA,
    example_ctx={"number": "XNLT20261203001", "code": "8X2K"},
    fix="Begin the trip (conveyance reference) number with the carrier code.",
)
register_code(
    "ca_trip_number_is_ccn",
    _E,
    'conveyance reference number "{number}" is also a cargo control number',
    authority=CBSA,
    example_ctx={"number": "8X2KPARS0077123"},
    fix="Give the trip a number of its own; it must not repeat a CCN or PARS number.",
)
register_code(
    "ca_ccn_missing",
    _E,
    "shipment {shipment} has no cargo control number (CCN)",
    authority=CBSA,
    example_ctx={"shipment": 1},
    fix="Give the CCN: the carrier code followed by the carrier's unique reference.",
)
register_code(
    "ca_ccn_form",
    _E,
    'cargo control number "{number}" is not carrier code {code} + reference (8-25 characters)',
    authority=CBSA,
    example_ctx={"number": "XNLT00045821", "code": "8X2K"},
    fix="Begin the CCN with the carrier code; use capital letters, digits and dashes only.",
)
register_code(
    "ca_pars_not_embedded",
    _W,
    'PARS shipment CCN "{number}" does not contain "PARS"',
    authority=CBSA,
    example_ctx={"number": "8X2K0077123"},
    fix="Transmit the CCN exactly as on the bar-coded PARS label, PARS included.",
)
register_code(
    "ca_shipment_type_unknown",
    _E,
    "shipment type {type} is not an ACI highway type ({allowed})",
    authority=CBSA,
    example_ctx={"type": "PAPS", "allowed": "PARS, CSA, A49, E29B, BOND"},
    fix="Use the ACI shipment type: PARS for goods released on a broker's PARS, or another.",
)
register_code(
    "ca_arrival_missing",
    _E,
    "the trip has no CBSA office of first arrival and estimated arrival",
    authority=CBSA,
    fix="Add the crossing into Canada: 4-digit CBSA office and estimated arrival time.",
)
register_code(
    "ca_release_office_missing",
    _E,
    "shipment {shipment} names no CBSA office of release",
    authority=CBSA,
    example_ctx={"shipment": 1},
    fix="Give the 4-digit CBSA office where the goods are released.",
)
register_code(
    "ca_manifest_too_late",
    _E,
    "the eManifest is sent {minutes} minutes before arrival; CBSA needs at least {required}",
    authority=CBSA,
    example_ctx={"minutes": 45, "required": 60},
    fix="Send cargo and conveyance data so that they are validated 1 hour before arrival.",
)
register_code(
    "ca_driver_missing",
    _E,
    "the trip names no driver; conveyance data are needed unless the carrier is CSA/FAST",
    authority=CBSA,
    fix="Add the drivers, or report the trip as FAST if the carrier and drivers are CSA/FAST.",
)
register_code(
    "ca_description_too_long",
    _E,
    "the commodity description has {length} characters; ACI takes at most 450",
    authority=CBSA,
    example_ctx={"length": 512},
    fix="Shorten the description to 450 characters, keeping what identifies the goods.",
)
register_code(
    "ca_trip_export_not_covered",
    _I,
    "the trip only leaves Canada: no ACI eManifest is filed for it",
    authority=CBSA,
    fix="Nothing is filed in eManifest for an outbound truck; export reporting (CERS) is separate.",
)

"""Issue codes of the US truck cargo report (ACE e-Manifest, 19 CFR 123.92) and its format."""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CBP = "CBP"

register_code(
    "us_ace_invalid",
    _E,
    "the ACE_TRIP document breaks its schema: {detail}",
    authority=CBP,
    example_ctx={"detail": "'x' is not of type 'number'"},
    fix="Correct the value at the given line and column (ACE JSON reference manual 1.0.7).",
)
register_code(
    "us_ace_entry_crossing_missing",
    _E,
    "the trip has no crossing into the United States, so the ACE manifest has no port or arrival",
    authority=CBP,
    fix="Add the US port of arrival (Schedule D) and the estimated arrival to the crossings.",
)
register_code(
    "us_scac_missing",
    _E,
    "the carrier has no SCAC, which ACE trip and shipment numbers begin with",
    authority=CBP,
    fix="Give the carrier's Standard Carrier Alpha Code (NMFTA).",
)
register_code(
    "us_trip_number_missing",
    _E,
    "the trip has no trip number",
    authority=CBP,
    fix="Give the trip number: the SCAC followed by 4 to 21 letters or digits.",
)
register_code(
    "us_trip_number_form",
    _E,
    'trip number "{number}" is not the SCAC {scac} followed by 4 to 21 letters or digits',
    authority=CBP,
    example_ctx={"number": "8X2KTRIP7734", "scac": "XLFR"},
    fix="Begin the trip number with the carrier's SCAC; use 8 to 25 characters in all.",
)
register_code(
    "us_scn_missing",
    _E,
    "shipment {shipment} has no shipment control number (SCN)",
    authority=CBP,
    example_ctx={"shipment": 1},
    fix="Give the SCN (PAPS number) that the broker's entry also carries.",
)
register_code(
    "us_scn_form",
    _E,
    'shipment control number "{number}" is not the SCAC {scac} followed by 4 to 12 characters',
    authority=CBP,
    example_ctx={"number": "ABCD12", "scac": "XNLT"},
    fix="Begin the SCN with the carrier's SCAC; use 8 to 16 capital letters or digits.",
)
register_code(
    "us_arrival_missing",
    _E,
    "the trip has no port of arrival and estimated arrival in the United States",
    authority=CBP,
    fix="Add the crossing into the US: 4-digit Schedule D port and estimated arrival time.",
)
register_code(
    "us_manifest_too_late",
    _E,
    "the manifest is sent {minutes} minutes before arrival; ACE needs at least {required}",
    authority=CBP,
    example_ctx={"minutes": 45, "required": 60},
    fix="Send the manifest earlier (1 hour before arrival, 30 minutes for FAST trips).",
)
register_code(
    "us_driver_missing",
    _E,
    "the trip names no driver; ACE requires the crew",
    authority=CBP,
    fix="Add each driver with name, date of birth, citizenship and travel document.",
)
register_code(
    "us_conveyance_identity_missing",
    _E,
    "the truck needs both its VIN and a licence plate with its state for ACE",
    authority=CBP,
    fix="Give the 17-character VIN and the licence plate with its issuing state or province.",
)
register_code(
    "us_hs6_missing",
    _W,
    "commodity {commodity} of shipment {shipment} has no HS code; only its description is sent",
    authority=CBP,
    example_ctx={"commodity": 1, "shipment": 1},
    fix="Give the HTS number to 6 digits at least, or make sure the description is precise.",
)
register_code(
    "us_shipment_type_canadian",
    _E,
    "shipment type {type} is a Canadian (ACI) type, not an ACE one",
    authority=CBP,
    example_ctx={"type": "PARS"},
    fix="Use the ACE shipment type (PAPS for goods entered by a broker).",
)
register_code(
    "us_trip_export_not_covered",
    _I,
    "the trip only leaves the United States: no ACE truck e-Manifest is filed for it",
    authority=CBP,
    fix="Nothing is filed with CBP for an outbound truck; its export (EEI in AES) is separate.",
)

"""Issue codes of the Mexican Carta Porte 3.1 (CFDI complement for goods in transit)."""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
SAT = "SAT/ANAM"

register_code(
    "mx_ccp_invalid",
    _E,
    "the Carta Porte does not follow SAT's schema: {detail}",
    authority=SAT,
    example_ctx={"detail": "Mercancia lacks PesoEnKg"},
    fix="Correct the node at the given XPath (Carta Porte 3.1 standard).",
)
register_code(
    "mx_ccp_carrier_rfc_missing",
    _E,
    "the carrier has no RFC to issue the CFDI with Carta Porte",
    authority=SAT,
    fix="Give the carrier's RFC (the issuer of the CFDI).",
)
register_code(
    "mx_ccp_permit_missing",
    _E,
    "the carrier's SICT permit type and number are not given (PermSCT, NumPermisoSCT)",
    authority=SAT,
    fix="Give the permit type from c_TipoPermiso (such as TPAF01) and the permit number.",
)
register_code(
    "mx_ccp_insurance_missing",
    _E,
    "the civil liability insurer and policy are not given (AseguraRespCivil, PolizaRespCivil)",
    authority=SAT,
    fix="Give the insurer and policy number of the carrier's civil liability insurance.",
)
register_code(
    "mx_ccp_vehicle_missing",
    _E,
    "the truck lacks {field} for the Carta Porte (IdentificacionVehicular)",
    authority=SAT,
    example_ctx={"field": "mx_configuration"},
    fix="Give the vehicle configuration (c_ConfigAutotransporte), model year, gross weight "
    "and plate.",
)
register_code(
    "mx_ccp_plate_form",
    _E,
    'plate "{number}" is not 5 to 7 letters or digits, as PlacaVM requires',
    authority=SAT,
    example_ctx={"number": "AB-12-345"},
    fix="Write the plate without spaces or dashes.",
)
register_code(
    "mx_ccp_regime_missing",
    _E,
    "shipment {shipment} crosses the border but names no customs regime (RegimenAduaneroCCP)",
    authority=SAT,
    example_ctx={"shipment": 1},
    fix="Give the regime of the pedimento (c_RegimenAduanero: EXD, IMD, ITE, ...).",
)
register_code(
    "mx_ccp_customs_document_missing",
    _E,
    "shipment {shipment} crosses the border but names no customs document (DocumentacionAduanera)",
    authority=SAT,
    example_ctx={"shipment": 1},
    fix="Link the pedimento (or other customs document) that covers the goods.",
)
register_code(
    "mx_ccp_pedimento_form",
    _E,
    'pedimento number "{number}" is not written "YY  AA  PPPP  NNNNNNN" (21 characters)',
    authority=SAT,
    example_ctx={"number": "26-24-3456-6001234"},
    fix="Write the 15 digits with two spaces between year, aduana, patente and number.",
)
register_code(
    "mx_ccp_product_key_missing",
    _E,
    "commodity {commodity} of shipment {shipment} has no c_ClaveProdServCP key (BienesTransp)",
    authority=SAT,
    example_ctx={"commodity": 1, "shipment": 1},
    fix="Give the 8-digit key of the goods from SAT's c_ClaveProdServCP catalogue.",
)
register_code(
    "mx_ccp_unit_missing",
    _E,
    "commodity {commodity} of shipment {shipment} has no UN/ECE Rec 20 unit (ClaveUnidad)",
    authority=SAT,
    example_ctx={"commodity": 1, "shipment": 1},
    fix="Give the unit of the quantity from c_ClaveUnidad (XBX box, XPX pallet, H87 piece).",
)
register_code(
    "mx_ccp_weight_converted",
    _I,
    "the weight is given in pounds; the Carta Porte carries it in kilograms ({kg} kg)",
    authority=SAT,
    example_ctx={"kg": "11974.844"},
    fix="Nothing to do unless the weight in kilograms was measured: then give it in KGM.",
)
register_code(
    "mx_ccp_seals_not_carried",
    _W,
    "the Carta Porte has no place for truck or trailer seals ({count} seals)",
    authority=SAT,
    example_ctx={"count": 2},
    fix="Keep the seal numbers in the pedimento or the manifests; the Carta Porte omits them.",
)
register_code(
    "mx_ccp_operator_missing",
    _E,
    "the driver {driver} lacks {field} for FiguraTransporte (operador)",
    authority=SAT,
    example_ctx={"driver": 1, "field": "licence_number"},
    fix="Give the operator's licence number and RFC (or foreign tax ID and residence).",
)
register_code(
    "mx_ccp_id_derived",
    _I,
    "the trip has no IdCCP; the Carta Porte gets one derived from the carrier's RFC and the "
    "trip number",
    authority=SAT,
    fix="Keep the IdCCP of the Carta Porte in mx_ccp_id if the document was already issued.",
)
register_code(
    "mx_ccp_ingreso_amounts_not_kept",
    _I,
    "the comprobante is an ingreso: its conceptos and amounts (the freight charge) are not "
    "part of the trip and are left out",
    authority="harmonized_customs",
    fix="Keep the ingreso CFDI itself for its fiscal amounts; the trip keeps the Carta Porte.",
)
register_code(
    "mx_ccp_comprobante_type",
    _E,
    'TipoDeComprobante "{value}" cannot carry a Carta Porte; it must be T (traslado) or '
    "I (ingreso)",
    authority=SAT,
    example_ctx={"value": "E"},
    fix="Issue the Carta Porte in a CFDI of type T or I.",
)
register_code(
    "mx_ccp_version",
    _E,
    'the Carta Porte has Version "{value}", not 3.1',
    authority=SAT,
    example_ctx={"value": "3.0"},
    fix="Reissue the complement as Carta Porte 3.1 (required since 17 July 2024).",
)

"""Issue codes of the Canadian filing rules (CBSA commercial accounting declaration)."""

from __future__ import annotations

from decimal import Decimal

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CBSA = "CBSA"

register_code(
    "ca_importer_missing",
    _E,
    "the importer is not given",
    authority=CBSA,
    fix="Name the importer with its business number and RM import-export account.",
)
register_code(
    "ca_importer_name_missing",
    _E,
    "the importer has no name",
    authority=CBSA,
    fix="Give the importer's legal name as registered with its business number.",
)
register_code(
    "ca_importer_bn_missing",
    _E,
    "the importer has no business number with an RM import-export program account",
    authority=CBSA,
    fix="Add the importer's 15-character BN (9 digits + RM + 4 digits), e.g. 123456782RM0001.",
)
register_code(
    "ca_importer_bn_not_rm",
    _E,
    "the importer's business number {value} has program account {program}, "
    "not the RM import-export account",
    authority=CBSA,
    example_ctx={"value": "123456789RT0001", "program": "RT"},
    fix="Use the importer's RM (import-export) program account, not an exporter or GST account.",
)
register_code(
    "ca_classification_missing",
    _E,
    "line {line} has no 10-digit Canadian classification number (only HS {hs6})",
    authority=CBSA,
    example_ctx={"line": 1, "hs6": "847130"},
    fix="Classify the line in the Customs Tariff to 10 digits (tariff item + statistical suffix).",
)
register_code(
    "ca_us_origin_state_missing",
    _E,
    "line {line} is of US origin but gives no state of origin",
    authority=CBSA,
    example_ctx={"line": 2},
    fix="Give the US state of origin (CBSA codes US origin as U + state, e.g. UTX).",
)
register_code(
    "ca_tariff_treatment_missing",
    _E,
    "line {line} has no tariff treatment code",
    authority=CBSA,
    example_ctx={"line": 1},
    fix="Give the tariff treatment (02 MFN, 10 UST, 11 MXT...); "
    "a suggestion is given for CUSMA claims.",
)
register_code(
    "ca_tariff_treatment_unknown",
    _W,
    "{code} is not a CBSA tariff treatment code",
    authority=CBSA,
    example_ctx={"code": "99"},
    fix="Check the code against Memorandum D17-1-10; the bundled list may lag behind CBSA's.",
)
register_code(
    "ca_tariff_treatment_origin_mismatch",
    _E,
    "line {line}: tariff treatment {code} ({name}) needs goods of {expected} origin, not {country}",
    authority=CBSA,
    example_ctx={"line": 1, "code": "10", "name": "UST", "expected": "US", "country": "MX"},
    fix="Use UST (10) for US-origin goods and MXT (11) for Mexican-origin goods under CUSMA.",
)
register_code(
    "ca_tariff_treatment_not_cusma",
    _E,
    "line {line}: tariff treatment 12 (MUST) belongs to NAFTA and is not valid for CUSMA claims",
    authority=CBSA,
    example_ctx={"line": 1},
    fix="Claim UST (10) or MXT (11) according to the origin of the goods.",
)
register_code(
    "ca_office_missing",
    _E,
    "the CBSA office (port) code is not given",
    authority=CBSA,
    fix="Give the 3- or 4-digit CBSA office code of release or accounting.",
)
register_code(
    "ca_cargo_control_number_missing",
    _E,
    "no cargo control number is given",
    authority=CBSA,
    fix="Give the cargo control number (carrier code + unique number) the carrier reported.",
)
register_code(
    "ca_value_not_convertible",
    _E,
    "line {line} is valued in {currency} and the declaration gives no rate to CAD",
    authority=CBSA,
    example_ctx={"line": 1, "currency": "USD"},
    fix="Add the exchange rate to CAD (Bank of Canada rate of the day before direct shipment).",
)
register_code(
    "ca_cusma_certification_required",
    _E,
    "the CUSMA claim covers CAD {value} of goods, above CAD {threshold}, "
    "and no certification of origin is named",
    authority=CBSA,
    example_ctx={"value": Decimal("12500.00"), "threshold": Decimal(3300)},
    fix="Attach the CUSMA certification of origin; below CAD 3,300 (LVS) none is required.",
)
register_code(
    "ca_vendor_missing",
    _E,
    "neither a seller (vendor) nor an exporter is given",
    authority=CBSA,
    fix="Name the vendor with its address (CAD sub-header).",
)
register_code(
    "ca_export_not_covered",
    _I,
    "Canadian export declarations (CAED) are outside what this library prepares",
    authority=CBSA,
    fix="Report the export in the Canadian Export Reporting System separately.",
)

# --- the ca-cad format (reading and writing) ------------------------------------------------
register_code(
    "ca_cad_schema_violation",
    _E,
    "the CAD does not follow the ca-cad schema here: {detail}",
    authority=CBSA,
    example_ctx={"detail": "'1600' is not valid under any of the given schemas"},
    fix="Correct the value as schemas/ca-cad.schema.json describes it.",
)
register_code(
    "ca_cad_sub_header_repeated",
    _E,
    "sub-header number {number} is used more than once",
    authority=CBSA,
    example_ctx={"number": 2},
    fix="Number the sub-headers 1, 2, 3... once each and put every vendor's lines under one.",
)
register_code(
    "ca_cad_country_unknown",
    _E,
    "{code} is neither an ISO country code nor a CBSA code of a US state (U + state)",
    authority=CBSA,
    example_ctx={"code": "UXX"},
    fix="Give the ISO 3166-1 alpha-2 country code, or U + the state code for the United States.",
)
register_code(
    "ca_cad_value_missing",
    _E,
    "the CAD needs a {field} and the declaration has none; the output is incomplete",
    authority=CBSA,
    example_ctx={"field": "classification_number"},
    fix="Add the value to the declaration and write the CAD again.",
)
register_code(
    "ca_cad_not_import",
    _W,
    "a CAD accounts for goods imported into Canada, and this declaration is an export",
    authority=CBSA,
    fix="Write the CAD from the import declaration of the shipment.",
)

# --- filing rules added with the CAD ---------------------------------------------------------
register_code(
    "ca_cusma_certification_not_shown",
    _W,
    "tariff treatment {code} claims CUSMA on CAD {value} of goods, above CAD {threshold}: "
    "the importer must hold a certification of origin, which the CAD does not carry",
    authority=CBSA,
    example_ctx={"code": "10", "value": Decimal("12500.00"), "threshold": Decimal(3300)},
    fix="Have the CUSMA certification of origin in hand when the CAD is filed (CN 20-15).",
)
register_code(
    "ca_carrier_code_missing",
    _E,
    "the carrier code at importation is not given",
    authority=CBSA,
    fix="Give the 4-character CBSA carrier code; it begins the cargo control number.",
)
register_code(
    "ca_carrier_code_ccn_mismatch",
    _W,
    "the cargo control number {ccn} does not begin with the carrier code {carrier}",
    authority=CBSA,
    example_ctx={"ccn": "9EXN2611180417", "carrier": "8ABC"},
    fix="Check the carrier code and the cargo control number the carrier reported.",
)
register_code(
    "ca_quantity_missing",
    _E,
    "line {line} gives no quantity in a CBSA unit of measure",
    authority=CBSA,
    example_ctx={"line": 1},
    fix="Give the quantity in the unit the Customs Tariff sets for the classification.",
)
register_code(
    "ca_unit_unknown",
    _W,
    "line {line}: {unit} is not a CBSA unit of measure (Memorandum D17-1-10, Appendix H, List 3)",
    authority=CBSA,
    example_ctx={"line": 1, "unit": "H87"},
    fix="Use the CBSA unit the Customs Tariff gives for the classification (PCE, KGM, LTR...).",
)
register_code(
    "ca_vfd_code_missing",
    _E,
    "line {line} has no value for duty code",
    authority=CBSA,
    example_ctx={"line": 1},
    fix="Give the two-digit value for duty code (relationship and valuation method), e.g. 13.",
)
register_code(
    "ca_sima_subject_flag_missing",
    _E,
    "line {line}: SIMA measure {measure} is given without a SIMA subject flag",
    authority=CBSA,
    example_ctx={"line": 1, "measure": "SIMA-2024-03"},
    fix="Give the subject flag S (subject) or U (undertaking) with the measure in force.",
)
register_code(
    "ca_sima_measure_missing",
    _E,
    "line {line} is flagged SIMA {flag} but names no measure in force",
    authority=CBSA,
    example_ctx={"line": 1, "flag": "S"},
    fix="Name the SIMA measure in force that the goods are subject to.",
)
register_code(
    "ca_duty_amount_mismatch",
    _W,
    "line {line}: customs duties of CAD {declared} do not match {rate} % of the value for duty "
    "(CAD {computed})",
    authority=CBSA,
    example_ctx={"line": 1, "declared": "130.00", "rate": "6.5", "computed": "104.00"},
    fix="Check the rate and the value for duty; CARM computes the duties from them.",
)
register_code(
    "ca_value_for_tax_mismatch",
    _W,
    "line {line}: a value for tax of CAD {declared} is not the value for duty plus duties "
    "and taxes (CAD {computed})",
    authority=CBSA,
    example_ctx={"line": 1, "declared": "1600.00", "computed": "1704.00"},
    fix="Add the customs duties, SIMA assessment and excise tax to the value for duty.",
)
register_code(
    "ca_gst_amount_mismatch",
    _W,
    "line {line}: GST of CAD {declared} does not match {rate} % of the value for tax "
    "(CAD {computed})",
    authority=CBSA,
    example_ctx={"line": 1, "declared": "85.00", "rate": "5", "computed": "85.20"},
    fix="Check the GST rate and the value for tax; CARM computes the GST from them.",
)
register_code(
    "ca_total_mismatch",
    _W,
    "the declared total {field} of CAD {declared} is not the sum of the lines (CAD {computed})",
    authority=CBSA,
    example_ctx={"field": "gst", "declared": "100.00", "computed": "120.00"},
    fix="Correct the total or the line amounts.",
)
register_code(
    "ca_adjustment_line_missing",
    _E,
    "this adjustment has no line {line}: an adjustment must send every line of the CAD again",
    authority=CBSA,
    example_ctx={"line": 3},
    fix="Send every commodity line of the CAD in the adjustment, changed or not.",
)
register_code(
    "ca_vfd_code_unlisted",
    _I,
    "line {line}: value for duty code {code} is not in the bundled list, which confirms only 13",
    authority=CBSA,
    example_ctx={"line": 1, "code": "23"},
    fix="Check the code against the Customs Valuation Handbook (Value for Duty Codes).",
)
register_code(
    "ca_sima_code_unknown",
    _W,
    "line {line}: {code} is not a B3 SIMA code (assessment type 1-5, then payment mode 0-2)",
    authority=CBSA,
    example_ctx={"line": 1, "code": "63"},
    fix="Code the SIMA field with the assessment type and the payment mode, e.g. 10 or 51.",
)
register_code(
    "ca_cad_loss_not_listed",
    _W,
    "the CAD written could not be read back, so the values it leaves out are not listed",
    authority=CBSA,
    fix="Correct the issues reported for the declaration and write the CAD again.",
)
register_code(
    "ca_office_format",
    _W,
    "office code {code} does not have the format {pattern} of a CBSA office code",
    authority=CBSA,
    example_ctx={"code": "453", "pattern": "^[0-9]{4}$"},
    fix="Check the office code; the expected format comes from an unverified source "
    "(mappings/office_formats.csv), so this is a warning.",
)
register_code(
    "ca_office_unknown",
    _W,
    "office {code} is not in the bundled list of CBSA offices, which is partial",
    authority=CBSA,
    example_ctx={"code": "0453"},
    fix="Check the code against Memorandum D17-1-10, Appendix H; add the offices you use to "
    "the table (mappings.add_row) to silence this warning.",
    # Codes of the rules that use the Customs Tariff (jurisdictions/ca/tariff_rules.py).
)
register_code(
    "ca_tariff_dataset_missing",
    _I,
    "no Customs Tariff edition covering {date} is loaded; classification numbers were not checked",
    authority=CBSA,
    example_ctx={"date": "2026-11-20"},
    fix="Import the Customs Tariff in the documented CSV format: harmonized-customs data import "
    "ca-tariff.",
)
register_code(
    "ca_tariff_unknown",
    _E,
    "line {line}: {number} is not a classification number of the Customs Tariff ({edition})",
    authority=CBSA,
    example_ctx={"line": 1, "number": "8708999999", "edition": "2026"},
    fix="Give a 10-digit classification number of the Customs Tariff in force; choices are "
    "suggested.",
)

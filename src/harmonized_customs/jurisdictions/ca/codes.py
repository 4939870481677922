"""Issue codes of the Canadian filing rules (CBSA commercial accounting declaration)."""

from __future__ import annotations

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
    "ca_importer_bn_missing",
    _E,
    "the importer has no business number with an RM import-export program account",
    authority=CBSA,
    fix="Add the importer's 15-character BN (9 digits + RM + 4 digits), e.g. 123456789RM0001.",
)
register_code(
    "ca_importer_bn_not_rm",
    _E,
    "the importer's business number {value} is a {program} account, "
    "not an RM import-export account",
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
    "the CUSMA claim covers CAD {value} of goods, above CAD 3,300, "
    "and no certification of origin is named",
    authority=CBSA,
    example_ctx={"value": "12500.00"},
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

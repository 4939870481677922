"""Issue codes of the United States filing rules (CBP entry summary, CBP Form 7501)."""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CBP = "CBP"

register_code(
    "us_importer_missing",
    _E,
    "the importer of record is not given",
    authority=CBP,
    fix="Name the importer of record with its IRS, EIN or CBP-assigned number (7501 block 24).",
)
register_code(
    "us_importer_number_missing",
    _E,
    "the importer of record has no importer number (IRS/EIN, CBP-assigned or SSN)",
    authority=CBP,
    fix="Add the importer's EIN with its suffix, its CBP-assigned number or SSN.",
)
register_code(
    "us_hts_missing",
    _E,
    "line {line} has no 10-digit HTSUS number (only HS {hs6})",
    authority=CBP,
    example_ctx={"line": 1, "hs6": "870899"},
    fix="Classify the line in the HTSUS to 10 digits; the HS6 alone cannot be filed.",
)
register_code(
    "us_manufacturer_missing",
    _E,
    "line {line} names no manufacturer, so no MID can be reported",
    authority=CBP,
    example_ctx={"line": 1},
    fix="Name the manufacturer or shipper with its address; the entry needs its MID.",
)
register_code(
    "us_mid_missing",
    _E,
    "the manufacturer of line {line} has no manufacturer ID (MID)",
    authority=CBP,
    example_ctx={"line": 1},
    fix="Add the MID; a suggestion derived from the name and address is given when possible.",
)
register_code(
    "us_country_of_export_missing",
    _E,
    "the country of export is not given",
    authority=CBP,
    fix="Give the country from which the goods were exported (7501 block 15).",
)
register_code(
    "us_port_of_entry_missing",
    _E,
    "the US port of entry (Schedule D code) is not given",
    authority=CBP,
    fix="Give the 4-digit Schedule D district/port code of entry.",
)
register_code(
    "us_port_unknown",
    _W,
    "{port} is not a Schedule D port code known to this library",
    authority=CBP,
    example_ctx={"port": "9999"},
    fix="Check the port code against CBP's Schedule D list.",
)
register_code(
    "us_entry_type_missing",
    _E,
    "the CBP entry type is not given",
    authority=CBP,
    fix="Give the entry type code (01 consumption, 11 informal, 21 warehouse...).",
)
register_code(
    "us_entry_type_unknown",
    _E,
    "{code} is not a CBP entry type code",
    authority=CBP,
    example_ctx={"code": "99"},
    fix="Use a code from CBP's entry type list (ACE CATAIR Appendix).",
)
register_code(
    "us_transport_mode_missing",
    _E,
    "the mode of transportation is not given",
    authority=CBP,
    fix="Give the mode of transport (vessel, rail, truck, air...).",
)
register_code(
    "us_value_not_convertible",
    _E,
    "line {line} is valued in {currency} and the declaration gives no rate to USD",
    authority=CBP,
    example_ctx={"line": 1, "currency": "MXN"},
    fix="Add the exchange rate to USD (CBP certified rate of the date of exportation).",
)
register_code(
    "us_spi_suggested",
    _I,
    "line {line} claims USMCA; its special program indicator is {spi}",
    authority=CBP,
    example_ctx={"line": 1, "spi": "S"},
    fix="Report SPI S (or S+ where CBP's conditions for S+ are met) on the line.",
)
register_code(
    "us_spi_without_claim",
    _W,
    "line {line} carries SPI {spi} but no USMCA preference claim",
    authority=CBP,
    example_ctx={"line": 1, "spi": "S"},
    fix="Add the preference claim and its certification, or remove the SPI.",
)
register_code(
    "us_usmca_certification_missing",
    _W,
    "line {line} claims USMCA; the importer must hold a certification of origin",
    authority=CBP,
    example_ctx={"line": 1},
    fix="Attach the certification (19 CFR 182.12): CBP may request it.",
)
register_code(
    "us_import_date_missing",
    _W,
    "the date of importation (arrival) is not given",
    authority=CBP,
    fix="Give the arrival date once known (7501 block 7).",
)
register_code(
    "us_export_not_covered",
    _I,
    "US export filings (EEI in AES) are outside what this library prepares",
    authority=CBP,
    fix="File the Electronic Export Information separately.",
)

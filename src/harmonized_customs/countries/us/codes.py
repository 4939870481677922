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
    restates="preference_claim_without_certification",
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

register_code(
    "us_mid_country_mismatch",
    _W,
    "the MID {mid} of line {line} does not begin with the country of origin {country}",
    authority=CBP,
    example_ctx={"mid": "CNSHEPOW88SHE", "line": 1, "country": "VN"},
    fix="Build the MID from the country of origin (Canadian goods: the province code XA-XY).",
)
register_code(
    "us_exchange_rate_basis_missing",
    _W,
    "the {from_currency} to {to_currency} exchange rate does not say where it comes from",
    authority=CBP,
    example_ctx={"from_currency": "CAD", "to_currency": "USD"},
    fix="Use and name CBP's certified rate of the date of exportation (19 CFR 159.31-159.34).",
)

# --- Reading and writing ABI entry summary records (format us-abi-ae) ---------------------------
ABI = "CBP"
register_code(
    "us_abi_record_length",
    _E,
    "record {record} is {length} characters long; ABI records have exactly 80",
    authority=ABI,
    example_ctx={"record": "50", "length": 72},
    fix="Pad the record with spaces to 80 characters, or remove the extra characters.",
)
register_code(
    "us_abi_record_not_ascii",
    _E,
    "a record kept from the source file holds characters other than printable ASCII; it is "
    "not written",
    authority=ABI,
    fix="Correct the record in the source file: ABI records hold ASCII characters 32 to 126.",
)
register_code(
    "us_abi_record_unknown",
    _E,
    '"{record}" is not a record of the entry summary (edition {edition})',
    authority=ABI,
    example_ctx={"record": "QQ", "edition": "2026-07"},
    fix="Check the control identifier in positions 1-2 against the CATAIR chapter.",
)
register_code(
    "us_abi_record_not_supported",
    _W,
    "record {record} is kept as it is but not read: edition {edition} has no layout for it",
    authority=ABI,
    example_ctx={"record": "41", "edition": "2026-07"},
    fix="Review the record by hand; its content is written back unchanged.",
)
register_code(
    "us_abi_record_out_of_order",
    _E,
    "record {record} cannot come after record {previous}",
    authority=ABI,
    example_ctx={"record": "11", "previous": "40"},
    fix="Put the records in the order the CATAIR chapter prescribes.",
)
register_code(
    "us_abi_record_repeated",
    _E,
    "record {record} occurs more than once in the entry summary; the repeat is kept, not read",
    authority=ABI,
    example_ctx={"record": "11"},
    fix="Keep one record of this type per entry summary.",
)
register_code(
    "us_abi_record_missing",
    _E,
    "a {record} record is required here",
    authority=ABI,
    example_ctx={"record": "40"},
    fix="Add the missing record.",
)
register_code(
    "us_abi_data_in_filler",
    _E,
    'data found in filler of record {record}: "{value}"',
    authority=ABI,
    example_ctx={"record": "A", "value": "X"},
    fix="Leave filler positions blank (spaces); CBP rejects the batch otherwise.",
)
register_code(
    "us_abi_field_class",
    _E,
    'field {field} of record {record} holds "{value}", but class {data_class} allows only '
    "{meaning}",
    authority=ABI,
    example_ctx={
        "field": "duty",
        "record": "50",
        "value": "12A4",
        "data_class": "SN",
        "meaning": "digits right-justified",
    },
    fix="Write the field with the characters its data class allows.",
)
register_code(
    "us_abi_field_not_justified",
    _E,
    'field {field} of record {record} ("{value}") is not justified: text starts in the first '
    "position, numbers end in the last",
    authority=ABI,
    example_ctx={"field": "importer_number", "record": "11", "value": " 12", "side": "left"},
    fix="Align text fields to the left and numeric fields to the right, padded with spaces.",
)
register_code(
    "us_abi_field_missing",
    _E,
    "mandatory field {field} of record {record} is blank",
    authority=ABI,
    example_ctx={"field": "entry_type", "record": "10"},
    fix="Fill in the mandatory field.",
)
register_code(
    "us_abi_date_invalid",
    _E,
    'field {field} of record {record} holds "{value}", which is not a date MMDDYY',
    authority=ABI,
    example_ctx={"field": "import_date", "record": "11", "value": "133126"},
    fix="Write the date as month, day and two-digit year (MMDDYY).",
)
register_code(
    "us_abi_code_not_allowed",
    _E,
    'field {field} of record {record} holds "{value}"; allowed: {allowed}',
    authority=ABI,
    example_ctx={"field": "action", "record": "10", "value": "X", "allowed": "A, R, D"},
    fix="Use one of the allowed codes.",
)
register_code(
    "us_abi_code_unknown",
    _W,
    'field {field} of record {record} holds "{value}", which is not in table {table}',
    authority=ABI,
    example_ctx={"field": "uom1", "record": "50", "value": "ZZZ", "table": "us_abi_units"},
    fix="Check the code against CBP's current table; this library's table may be incomplete.",
)
register_code(
    "us_abi_envelope_mismatch",
    _E,
    'record {record} gives {field} "{found}", but record {header} says "{expected}"',
    authority=ABI,
    example_ctx={
        "record": "Y",
        "field": "port",
        "found": "2704",
        "header": "B",
        "expected": "2709",
    },
    fix="Make the trailer repeat its header.",
)
register_code(
    "us_abi_hts_order",
    _E,
    "line {line} reports HTS {hts} after {previous}; CBP's order is Chapter 98, Chapter 99, "
    "then Chapters 1-97",
    authority=ABI,
    example_ctx={"line": 1, "hts": "9903881503", "previous": "8507600020"},
    fix="Report Chapter 98 numbers first, Chapter 99 next, the Chapter 1-97 number last.",
)
register_code(
    "us_abi_line_number",
    _E,
    'line identifier "{value}" is not a line number from 001 to 999',
    authority=ABI,
    example_ctx={"value": "0A1"},
    fix="Number the lines with three digits.",
)
register_code(
    "us_abi_no_entry",
    _E,
    "the batch holds no entry summary (no 10 record)",
    authority=ABI,
    fix="Check that the file is an ABI entry summary (AE) batch.",
)
register_code(
    "us_abi_value_missing",
    _E,
    "mandatory field {field} of record {record} has no value in the declaration",
    authority=ABI,
    example_ctx={"field": "port_of_entry", "record": "10"},
    fix="Give the value in the declaration before writing the entry summary.",
)
register_code(
    "us_abi_value_too_long",
    _E,
    'field {field} of record {record} takes {length} characters; "{value}" is longer and is '
    "left out",
    authority=ABI,
    example_ctx={
        "field": "broker_reference",
        "record": "10",
        "length": 9,
        "value": "REF-2026-0001",
    },
    fix="Shorten the value to the field's length.",
)
register_code(
    "us_abi_value_not_representable",
    _E,
    "{value} cannot be written in field {field} of record {record} ({length} positions, "
    "{decimals} implied decimals, no sign; dates 2000-2099)",
    authority=ABI,
    example_ctx={"value": "-5.00", "field": "duty", "record": "50", "length": 10, "decimals": 2},
    fix="Correct the value so that it fits the field.",
)
register_code(
    "us_abi_value_rounded",
    _W,
    "{value} is written as {written} in field {field} of record {record} "
    "({decimals} implied decimals)",
    authority=ABI,
    example_ctx={
        "value": "1234.56",
        "written": "1235",
        "field": "value",
        "record": "50",
        "decimals": 0,
    },
    fix="Round the value yourself if another rounding is required.",
)
register_code(
    "us_abi_value_conflict",
    _W,
    "{field} is {written} in the entry summary records but {model} elsewhere in the declaration",
    authority=ABI,
    example_ctx={"field": "us_hts", "written": "8507600020", "model": "8507600010"},
    fix="Make the US tariff lines and the classification agree.",
)

# Codes of the rules that use the HTSUS (jurisdictions/us/tariff_rules.py).
register_code(
    "us_hts_dataset_missing",
    _I,
    "no HTSUS edition covering {date} is loaded; HTS numbers, units and special programs "
    "were not checked",
    authority=CBP,
    example_ctx={"date": "2026-11-20"},
    fix="Import the USITC HTS export in force on that date: harmonized-customs data import us-hts.",
)
register_code(
    "us_hts_dataset_stale",
    _I,
    "the HTSUS edition {edition} is older than the USITC revision rhythm on {date}; "
    "codes missing from it are warnings",
    authority=CBP,
    example_ctx={"edition": "2026 Revision 5", "date": "2026-11-20"},
    fix="Import the latest USITC HTS revision.",
)
register_code(
    "us_hts_unknown",
    _E,
    "line {line}: {hts} is not a statistical reporting number of the HTSUS ({edition})",
    authority=CBP,
    example_ctx={"line": 1, "hts": "0101210099", "edition": "2026 Revision 5"},
    fix="Classify the line to a 10-digit number of the HTSUS in force; choices are suggested.",
)
register_code(
    "us_hts_unit_not_allowed",
    _E,
    "line {line}: {unit} is not a unit of quantity of HTS {hts} (units: {units})",
    authority=CBP,
    example_ctx={"line": 1, "unit": "KG", "hts": "0101210010", "units": "No."},
    fix="Report the quantities in the units the HTSUS gives for the number, and only in those.",
)
register_code(
    "us_hts_quantity_missing",
    _E,
    "line {line}: HTS {hts} needs a quantity in {unit}",
    authority=CBP,
    example_ctx={"line": 1, "hts": "0102292011", "unit": "KG"},
    fix="Add a tariff quantity in each unit of quantity of the HTS number.",
)
register_code(
    "us_spi_not_in_hts",
    _E,
    "line {line}: special program {spi} is not in the special column of HTS {hts} "
    "(programs: {programs})",
    authority=CBP,
    example_ctx={"line": 1, "spi": "S", "hts": "8708292120", "programs": "-"},
    fix="Claim only a program listed for the number; where the general rate is free, no claim "
    "is needed.",
)
register_code(
    "us_duty_derived",
    _I,
    "line {line}: duty at the {rate} rate of HTS {hts} on {value} USD is {duty} USD",
    authority=CBP,
    example_ctx={
        "line": 1,
        "rate": "2.5%",
        "hts": "8708305020",
        "value": "1000.00",
        "duty": "25.00",
    },
    fix="Compare with the duty you file; the amount is derived from the schedule, not filed.",
)

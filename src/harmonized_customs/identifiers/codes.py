"""Issue codes raised by the identifier checks (:mod:`harmonized_customs.identifiers`).

Every code's ``ctx`` names the identifier scheme (``identifier``, such as ``us-ein``) and the
offending value (``value``, in compact form). Checks that are unconfirmed or known to misfire
on real data have ``warning`` codes: a false "blocks filing" is worse than a missed warning.
"""

from __future__ import annotations

from harmonized_customs.issues import IssueCode, Severity, register_code

__all__ = ["CODES"]

CODES: dict[str, IssueCode] = {}
"""Every identifier code, by code."""

ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFO = Severity.INFO


def _code(
    code: str, severity: Severity, template: str, *, authority: str, fix: str, **example: object
) -> None:
    CODES[code] = register_code(
        code, severity, template, authority=authority, example_ctx=example, fix=fix
    )


# --- United States: importer numbers ------------------------------------------------------

_code(
    "us_ein_invalid_length",
    ERROR,
    "EIN {value} has {length} characters; an EIN has 9 digits, or 11 characters with CBP's "
    "2-character suffix (NN-NNNNNNNXX).",
    authority="IRS/CBP",
    identifier="us-ein",
    value="1234567",
    length=7,
    fix="Enter the 9-digit IRS employer identification number, followed by the 2-character "
    "CBP suffix if CBP assigned one.",
)
_code(
    "us_ein_invalid_format",
    ERROR,
    "EIN {value} is not in the form NN-NNNNNNN, optionally followed by a 2-character suffix "
    "of letters and digits.",
    authority="IRS/CBP",
    identifier="us-ein",
    value="9111444A2",
    fix="Write the EIN as 2 digits, a hyphen and 7 digits, then the CBP suffix if any.",
)
_code(
    "us_ein_unknown_prefix",
    ERROR,
    "EIN {value} starts with {prefix}, a prefix the IRS does not assign.",
    authority="IRS/CBP",
    identifier="us-ein",
    value="071144442",
    prefix="07",
    fix="Check the EIN against the importer's IRS letter (CP 575) or CBP Form 5106.",
)
_code(
    "us_ein_suffix_reserved_letter",
    WARNING,
    "The CBP suffix {suffix} of EIN {value} contains O, I or Z, letters CBP does not use "
    "in suffixes.",
    authority="IRS/CBP",
    identifier="us-ein",
    value="91114444201",
    suffix="OI",
    fix="Check the suffix in the importer's CBP record; 0, 1 and 2 are easily mistaken for "
    "O, I and Z.",
)
_code(
    "us_cbp_assigned_invalid_length",
    ERROR,
    "CBP-assigned number {value} has {length} digits; it has 11, written YYDDPP-NNNNN.",
    authority="CBP",
    identifier="us-cbp-assigned",
    value="0701010012",
    length=10,
    fix="Enter the number exactly as CBP assigned it: year (2), port (4), hyphen, serial (5).",
)
_code(
    "us_cbp_assigned_invalid_format",
    ERROR,
    "CBP-assigned number {value} is not in the form YYDDPP-NNNNN (digits only).",
    authority="CBP",
    identifier="us-cbp-assigned",
    value="07A101-00123",
    fix="Enter the number exactly as CBP assigned it: year (2), port (4), hyphen, serial (5).",
)
_code(
    "us_ssn_invalid_length",
    ERROR,
    "SSN {value} has {length} digits; a social security number has 9.",
    authority="SSA/CBP",
    identifier="us-ssn",
    value="53690439",
    length=8,
    fix="Enter the 9-digit social security number as NNN-NN-NNNN.",
)
_code(
    "us_ssn_invalid_format",
    ERROR,
    "SSN {value} is not in the form NNN-NN-NNNN.",
    authority="SSA/CBP",
    identifier="us-ssn",
    value="5369-04399",
    fix="Enter the 9-digit social security number as NNN-NN-NNNN.",
)
_code(
    "us_ssn_invalid_component",
    ERROR,
    "SSN {value} uses an area, group or serial number that is never issued.",
    authority="SSA/CBP",
    identifier="us-ssn",
    value="666000000",
    fix="Check the number with the importer; an EIN or a CBP-assigned number may be meant.",
)
_code(
    "us_importer_invalid_format",
    ERROR,
    "Importer number {value} is neither an EIN (NN-NNNNNNNXX), an SSN (NNN-NN-NNNN) nor a "
    "CBP-assigned number (YYDDPP-NNNNN).",
    authority="CBP",
    identifier="us-importer",
    value="12-34",
    fix="Enter the importer of record number in one of CBP's three forms, with its hyphens.",
)
_code(
    "us_importer_ambiguous",
    WARNING,
    "Without hyphens, importer number {value} could be any of: {candidates}.",
    authority="CBP",
    identifier="us-importer",
    value="536904399",
    candidates="us-ein, us-ssn",
    fix="Write the number with its hyphens (NN-NNNNNNNXX, NNN-NN-NNNN or YYDDPP-NNNNN), or "
    "record its scheme.",
)

# --- United States: filer code, entry number, MID -----------------------------------------

_code(
    "us_filer_code_invalid_length",
    ERROR,
    "Filer code {value} has {length} characters; CBP filer codes have 3.",
    authority="CBP",
    identifier="us-filer-code",
    value="AB",
    length=2,
    fix="Enter the 3-character filer code CBP assigned to the broker or importer.",
)
_code(
    "us_filer_code_invalid_format",
    ERROR,
    "Filer code {value} may contain only letters and digits.",
    authority="CBP",
    identifier="us-filer-code",
    value="A-1",
    fix="Enter the 3-character filer code CBP assigned to the broker or importer.",
)
_code(
    "us_filer_code_out_of_range",
    ERROR,
    "Filer code {value} is never assigned: numeric filer codes run from 001 to 999.",
    authority="CBP",
    identifier="us-filer-code",
    value="000",
    fix="Enter the 3-character filer code CBP assigned to the broker or importer.",
)
_code(
    "us_entry_number_invalid_length",
    ERROR,
    "Entry number {value} has {length} characters; it has 11: filer code (3), entry "
    "number (7), check digit (1).",
    authority="CBP",
    identifier="us-entry-number",
    value="0026110316",
    length=10,
    fix="Enter the full entry number, XXX-NNNNNNN-C, including the check digit.",
)
_code(
    "us_entry_number_invalid_format",
    ERROR,
    "Entry number {value} is not a 3-character filer code followed by 8 digits (XXX-NNNNNNN-C).",
    authority="CBP",
    identifier="us-entry-number",
    value="0026110A162",
    fix="Enter the full entry number, XXX-NNNNNNN-C, including the check digit.",
)
_code(
    "us_entry_number_invalid_filer_code",
    ERROR,
    "Entry number {value} starts with {filer_code}, which is not a valid filer code.",
    authority="CBP",
    identifier="us-entry-number",
    value="00061103162",
    filer_code="000",
    fix="Check the filer code part of the entry number.",
)
_code(
    "us_entry_number_bad_check_digit",
    ERROR,
    "The check digit of entry number {value} is {check_digit}; the digits before it give "
    "{expected}.",
    authority="CBP",
    identifier="us-entry-number",
    value="00261103163",
    check_digit="3",
    expected="2",
    fix="Re-key the entry number from the filer's records; one of its digits is wrong.",
)
_code(
    "us_entry_number_check_digit_unverified",
    WARNING,
    "The check digit of entry number {value} is {check_digit}; the conventional letter table "
    "gives {expected} for filer code {filer_code}, but CBP's table for letters is unconfirmed.",
    authority="CBP",
    identifier="us-entry-number",
    value="ABC12345670",
    check_digit="0",
    expected="6",
    filer_code="ABC",
    fix="Compare the entry number with the filer's ABI records before filing.",
)
_code(
    "us_mid_invalid_length",
    ERROR,
    "MID {value} has {length} characters; a manufacturer identification code has 3 to 15.",
    authority="CBP",
    identifier="us-mid",
    value="CNABCDEFGHIJ1234SHA",
    length=19,
    fix="Build the MID by CBP's rules: country, name (6), street number (4), city (3).",
)
_code(
    "us_mid_invalid_format",
    ERROR,
    "MID {value} may contain only letters A-Z and digits, without spaces or punctuation.",
    authority="CBP",
    identifier="us-mid",
    value="CNABC-DEF1SHA",
    fix="Remove spaces, hyphens and punctuation from the MID.",
)
_code(
    "us_mid_unknown_country",
    ERROR,
    "MID {value} starts with {country}, which is not an ISO 3166-1 country code.",
    authority="CBP",
    identifier="us-mid",
    value="QQABCDEF1SHA",
    country="QQ",
    fix="Start the MID with the ISO code of the goods' country of origin.",
)
_code(
    "us_mid_canada_province_required",
    ERROR,
    "MID {value} starts with CA; for Canada CBP uses province codes (XA Alberta ... XV "
    "Nunavut) instead.",
    authority="CBP",
    identifier="us-mid",
    value="CAACMWID123TOR",
    fix="Replace CA with the province code, such as XO for Ontario or XQ for Quebec.",
)
_code(
    "us_mid_not_derivable",
    INFO,
    "No MID can be derived: the manufacturer's {part} ({value}) gives no usable characters "
    "or code.",
    authority="CBP",
    identifier="us-mid",
    value="",
    part="city",
    fix="Enter the MID from the manufacturer's records, or complete its name, street, city "
    "and country (for Canada, the province).",
)

# --- Canada ---------------------------------------------------------------------------------

_code(
    "ca_bn15_invalid_length",
    ERROR,
    "Business number {value} has {length} characters; a program account (BN15) has 15: "
    "9 digits, 2 letters, 4 digits.",
    authority="CRA/CBSA",
    identifier="ca-bn15",
    value="123456782",
    length=9,
    fix="Give the full import-export program account, such as 123456782RM0001, not only "
    "the 9-digit business number.",
)
_code(
    "ca_bn15_invalid_format",
    ERROR,
    "Business number {value} is not in the form 999999999RM9999 (9 digits, 2-letter "
    "program identifier, 4 digits).",
    authority="CRA/CBSA",
    identifier="ca-bn15",
    value="123456782RMOOO1",
    fix="Give the program account as 9 digits, the 2 program letters and the 4-digit "
    "reference number.",
)
_code(
    "ca_bn15_bad_check_digit",
    ERROR,
    "The 9-digit business number in {value} fails its check digit.",
    authority="CRA/CBSA",
    identifier="ca-bn15",
    value="123456789RM0001",
    fix="Re-key the business number from the CRA confirmation; one of its digits is wrong.",
)
_code(
    "ca_bn15_unknown_program",
    WARNING,
    "Program identifier {program} in business number {value} is none of RC, RM, RP, RT.",
    authority="CRA/CBSA",
    identifier="ca-bn15",
    value="123456782RX0001",
    program="RX",
    fix="Import and export accounts use RM; check the program account with the CRA.",
)
_code(
    "ca_transaction_number_invalid_length",
    ERROR,
    "Transaction number {value} has {length} digits; a CBSA transaction number has 14 "
    "(19 with the CARM version suffix).",
    authority="CBSA",
    identifier="ca-transaction-number",
    value="1234500149578",
    length=13,
    fix="Enter the 14-digit transaction number: account security number (5) and 9 digits.",
)
_code(
    "ca_transaction_number_invalid_format",
    ERROR,
    "Transaction number {value} must contain digits only.",
    authority="CBSA",
    identifier="ca-transaction-number",
    value="12345O01495785",
    fix="Enter the 14-digit transaction number: account security number (5) and 9 digits.",
)
_code(
    "ca_transaction_number_bad_check_digit",
    WARNING,
    "The last digit of transaction number {value} is {check_digit}; the candidate algorithm "
    "gives {expected}, but CBSA's algorithm (D17-1-10 Appendix F) is unconfirmed.",
    authority="CBSA",
    identifier="ca-transaction-number",
    value="12345001495785",
    check_digit="5",
    expected="4",
    fix="Compare the transaction number with the one the broker's system issued.",
)
_code(
    "ca_ccn_invalid_length",
    ERROR,
    "Cargo control number {value} has {length} characters; a CCN has 5 to 25.",
    authority="CBSA",
    identifier="ca-ccn",
    value="1AB",
    length=3,
    fix="Enter the carrier code (4) followed by the carrier's unique reference, 25 "
    "characters at most.",
)
_code(
    "ca_ccn_invalid_format",
    ERROR,
    "Cargo control number {value} may contain only letters, digits and dashes, without spaces.",
    authority="CBSA",
    identifier="ca-ccn",
    value="1ABC/2345",
    fix="Enter the CCN exactly as on the carrier's barcode, without spaces.",
)
_code(
    "ca_ccn_short",
    WARNING,
    "Cargo control number {value} has {length} characters; some eManifest channels require "
    "at least 8.",
    authority="CBSA",
    identifier="ca-ccn",
    value="1ABC23",
    length=6,
    fix="Check the CCN against the carrier's barcode label.",
)
_code(
    "ca_carrier_code_invalid_length",
    ERROR,
    "Carrier code {value} has {length} characters; CBSA carrier codes have 4.",
    authority="CBSA",
    identifier="ca-carrier-code",
    value="1AB",
    length=3,
    fix="Enter the 4-character carrier code CBSA issued to the carrier.",
)
_code(
    "ca_carrier_code_invalid_format",
    ERROR,
    "Carrier code {value} may contain only letters, digits and dashes.",
    authority="CBSA",
    identifier="ca-carrier-code",
    value="1A/B",
    fix="Enter the 4-character carrier code CBSA issued to the carrier.",
)
_code(
    "scac_invalid_length",
    ERROR,
    "SCAC {value} has {length} characters; a Standard Carrier Alpha Code has 2 to 4 letters.",
    authority="NMFTA",
    identifier="scac",
    value="ABCDE",
    length=5,
    fix="Enter the carrier's 2- to 4-letter SCAC as assigned by NMFTA.",
)
_code(
    "scac_invalid_format",
    ERROR,
    "SCAC {value} may contain only letters A-Z.",
    authority="NMFTA",
    identifier="scac",
    value="AB1C",
    fix="Enter the carrier's 2- to 4-letter SCAC as assigned by NMFTA.",
)

# --- Mexico ---------------------------------------------------------------------------------

_code(
    "mx_rfc_invalid_length",
    ERROR,
    "RFC {value} has {length} characters; an RFC has 12 (persona moral) or 13 (persona física).",
    authority="SAT",
    identifier="mx-rfc",
    value="GODE561231G",
    length=11,
    fix="Enter the RFC as shown on the taxpayer's constancia de situación fiscal.",
)
_code(
    "mx_rfc_missing_homoclave",
    ERROR,
    "RFC {value} lacks its 3-character homoclave; a declaration needs the full RFC.",
    authority="SAT",
    identifier="mx-rfc",
    value="COMG600703",
    fix="Add the homoclave from the taxpayer's constancia de situación fiscal.",
)
_code(
    "mx_rfc_invalid_format",
    ERROR,
    "RFC {value} is not 3 or 4 letters, 6 date digits and a 3-character homoclave.",
    authority="SAT",
    identifier="mx-rfc",
    value="GOD3561231GR8",
    fix="Enter the RFC as shown on the taxpayer's constancia de situación fiscal.",
)
_code(
    "mx_rfc_invalid_date",
    ERROR,
    "The date part {date} of RFC {value} is not a valid YYMMDD date.",
    authority="SAT",
    identifier="mx-rfc",
    value="GODE561331GR8",
    date="561331",
    fix="Check the date digits of the RFC (birth or incorporation date, YYMMDD).",
)
_code(
    "mx_rfc_forbidden_word",
    ERROR,
    "RFC {value} starts with {word}, a word SAT replaces in RFCs.",
    authority="SAT",
    identifier="mx-rfc",
    value="CACA580710NF7",
    word="CACA",
    fix="Check the RFC on the taxpayer's constancia de situación fiscal.",
)
_code(
    "mx_rfc_invalid_homoclave",
    WARNING,
    "Homoclave {homoclave} of RFC {value} uses characters SAT does not assign in those positions.",
    authority="SAT",
    identifier="mx-rfc",
    value="CCM650122I06",
    homoclave="I06",
    fix="Confirm the RFC with SAT's ConsultaRFC service before filing.",
)
_code(
    "mx_rfc_bad_check_digit",
    WARNING,
    "The check digit of RFC {value} is {check_digit}; the computed one is {expected}. "
    "About 1.5% of RFCs in use fail this check.",
    authority="SAT",
    identifier="mx-rfc",
    value="VACE460910SX6",
    check_digit="6",
    expected="5",
    fix="Confirm the RFC with SAT's ConsultaRFC service; keep it if SAT lists it.",
)
_code(
    "mx_curp_invalid_length",
    ERROR,
    "CURP {value} has {length} characters; a CURP has 18.",
    authority="RENAPO",
    identifier="mx-curp",
    value="BOXW310820HNERXN0",
    length=17,
    fix="Enter the CURP as shown on the person's CURP record.",
)
_code(
    "mx_curp_invalid_format",
    ERROR,
    "CURP {value} is not 4 letters, 6 date digits, 6 letters, a letter or digit and a check digit.",
    authority="RENAPO",
    identifier="mx-curp",
    value="BOXW3108Z0HNERXN09",
    fix="Enter the CURP as shown on the person's CURP record.",
)
_code(
    "mx_curp_invalid_birth_date",
    ERROR,
    "The birth date {date} in CURP {value} is not a valid YYMMDD date.",
    authority="RENAPO",
    identifier="mx-curp",
    value="PEGL891313MJCRMS06",
    date="891313",
    fix="Check the date digits of the CURP.",
)
_code(
    "mx_curp_invalid_sex",
    ERROR,
    "CURP {value} has {sex} in the sex position; only H and M are used.",
    authority="RENAPO",
    identifier="mx-curp",
    value="PEGL890909QJCRMS08",
    sex="Q",
    fix="Check the 11th character of the CURP.",
)
_code(
    "mx_curp_unknown_state",
    ERROR,
    "CURP {value} has {state} in the state position, which is no Mexican state code "
    "(NE for born abroad).",
    authority="RENAPO",
    identifier="mx-curp",
    value="PEGL890909MQQRMS02",
    state="QQ",
    fix="Check the 12th and 13th characters of the CURP.",
)
_code(
    "mx_curp_forbidden_word",
    ERROR,
    "CURP {value} starts with {word}, a word RENAPO replaces in CURPs.",
    authority="RENAPO",
    identifier="mx-curp",
    value="BACA890909MJCRMS05",
    word="BACA",
    fix="Check the CURP on the person's CURP record.",
)
_code(
    "mx_curp_bad_check_digit",
    ERROR,
    "The check digit of CURP {value} is {check_digit}; the computed one is {expected}.",
    authority="RENAPO",
    identifier="mx-curp",
    value="BOXW310820HNERXN08",
    check_digit="8",
    expected="9",
    fix="Re-key the CURP from the person's CURP record; one of its characters is wrong.",
)
_code(
    "mx_pedimento_invalid_length",
    ERROR,
    "Pedimento number {value} has {length} digits; it has 15: year (2), aduana (2), "
    "patente (4), year digit (1), sequence (6).",
    authority="SAT/ANAM",
    identifier="mx-pedimento",
    value="25473807500123",
    length=14,
    fix="Enter the pedimento number as printed: YY  AA  PPPP  NNNNNNN.",
)
_code(
    "mx_pedimento_invalid_format",
    ERROR,
    "Pedimento number {value} must contain digits only (printed YY  AA  PPPP  NNNNNNN).",
    authority="SAT/ANAM",
    identifier="mx-pedimento",
    value="2547380750O1234",
    fix="Enter the pedimento number as printed: YY  AA  PPPP  NNNNNNN.",
)
_code(
    "mx_pedimento_zero_sequence",
    ERROR,
    "The sequence number of pedimento {value} is 000000; sequences start at 000001.",
    authority="SAT/ANAM",
    identifier="mx-pedimento",
    value="254738075000000",
    fix="Enter the pedimento's progressive number as the agente aduanal's system issued it.",
)
_code(
    "mx_pedimento_year_digit_mismatch",
    WARNING,
    "Year digit {year_digit} of pedimento {value} differs from the validation year {year}; "
    "that is right only for a consolidated pedimento begun the year before or for the "
    "original pedimento of a rectification.",
    authority="SAT/ANAM",
    identifier="mx-pedimento",
    value="254738074001234",
    year="25",
    year_digit="4",
    fix="Check the 9th digit of the pedimento number against its validation year.",
)
_code(
    "mx_patente_invalid_length",
    ERROR,
    "Patente {value} has {length} digits; a patente or autorización number has 4.",
    authority="SAT/ANAM",
    identifier="mx-patente",
    value="38075",
    length=5,
    fix="Enter the 4-digit patente of the agente aduanal (left-padded with zeros).",
)
_code(
    "mx_patente_invalid_format",
    ERROR,
    "Patente {value} must contain digits only.",
    authority="SAT/ANAM",
    identifier="mx-patente",
    value="38O7",
    fix="Enter the 4-digit patente of the agente aduanal (left-padded with zeros).",
)

# --- Equipment ------------------------------------------------------------------------------

_code(
    "iso6346_invalid_length",
    ERROR,
    "Container number {value} has {length} characters; an ISO 6346 container number has 11.",
    authority="ISO",
    identifier="iso6346",
    value="CSQU305438",
    length=10,
    fix="Enter owner code (3 letters), category letter, serial (6 digits) and check digit.",
)
_code(
    "iso6346_invalid_format",
    ERROR,
    "Container number {value} is not 3 owner letters, a category letter (U, J, Z or R), "
    "6 serial digits and a check digit.",
    authority="ISO",
    identifier="iso6346",
    value="CSQU3054Z83",
    fix="Enter owner code (3 letters), category letter, serial (6 digits) and check digit.",
)
_code(
    "iso6346_bad_check_digit",
    ERROR,
    "The check digit of container number {value} is {check_digit}; the computed one is {expected}.",
    authority="ISO",
    identifier="iso6346",
    value="CSQU3054384",
    check_digit="4",
    expected="3",
    fix="Re-key the container number from the container or the bill of lading.",
)

# --- Tariff classification ------------------------------------------------------------------

_TARIFF_LEVELS: tuple[tuple[str, str, str, int, str], ...] = (
    ("hs6", "HS subheading", "WCO", 6, "847130"),
    ("us_hts10", "HTSUS number", "USITC/CBP", 10, "8471300100"),
    ("ca_classification10", "Canadian classification number", "CBSA", 10, "9507901000"),
    ("mx_fraccion8", "Fracción arancelaria", "SAT/ANAM", 8, "84713001"),
    ("mx_nico2", "NICO", "SAT/ANAM", 2, "00"),
)

for _slug, _label, _authority, _digits, _example in _TARIFF_LEVELS:
    _code(
        f"{_slug}_invalid_length",
        ERROR,
        f"{_label} {{value}} has {{length}} digits; it has {_digits}.",
        authority=_authority,
        identifier=_slug.replace("_", "-"),
        value=_example[:-1],
        length=_digits - 1,
        fix="Enter the full code from the tariff; a shorter code is never padded.",
    )
    _code(
        f"{_slug}_invalid_format",
        ERROR,
        f"{_label} {{value}} must contain digits only (dots and spaces are allowed as separators).",
        authority=_authority,
        identifier=_slug.replace("_", "-"),
        value=_example[:-1] + "X",
        fix="Enter the code's digits as printed in the tariff.",
    )

"""Issue codes of the SAAI M3 validation file (``mx-pedimento-m3``): reading and writing.

Messages name the registro and campo as the SAT "Lineamientos Técnicos de Registros VOCE-SAAI
M3" v9.0 number them (campo 1 is the record type), so a broker can find them in the manual.
"""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

__all__ = ["AUTHORITY"]

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
AUTHORITY = "SAT/ANAM"
_FIELD = {"record": "551", "field": "3 (Fracción arancelaria)"}

register_code(
    "mx_m3_empty",
    _E,
    "the file holds no M3 record",
    authority=AUTHORITY,
    fix="Give a validation file that starts with record 500.",
    unreadable=True,
)
register_code(
    "mx_m3_encoding_mixed",
    _W,
    "line {line} mixes UTF-8 characters with {encoding} ones; accents and Ñ may be wrong",
    authority=AUTHORITY,
    example_ctx={"line": 3, "encoding": "windows-1252"},
    fix="Save the whole file in one encoding (Windows-1252 or ISO-8859-1) and check the names.",
)
register_code(
    "mx_m3_control_character",
    _E,
    "line {line} holds the control character {char}",
    authority=AUTHORITY,
    example_ctx={"line": 3, "char": "U+0000"},
    fix="Remove the control character; M3 fields hold printable text only.",
)
register_code(
    "mx_m3_record_unknown",
    _E,
    "{record} is not a record type of the M3 file; the line is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "59X"},
    fix="Start each line with a record type of the Lineamientos Técnicos de Registros.",
)
register_code(
    "mx_m3_record_not_supported",
    _W,
    "record {record} ({name}) is not read by this library; its data is left out",
    authority=AUTHORITY,
    example_ctx={"record": "520", "name": "Destinatarios"},
    fix="Check the data of this record by other means; it is not part of the declaration read.",
)
register_code(
    "mx_m3_field_count",
    _E,
    "record {record} has {found} fields, the layout has {expected}; the line is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "551", "found": 25, "expected": 26},
    fix="Give every field of the record, empty ones included, separated by '|'.",
)
register_code(
    "mx_m3_not_digits",
    _E,
    "campo {field} of record {record} must hold digits only, not '{value}'",
    authority=AUTHORITY,
    example_ctx={**_FIELD, "value": "8708A999"},
    fix="Write the code or amount with digits only, without spaces or signs.",
)
register_code(
    "mx_m3_not_decimal",
    _E,
    "campo {field} of record {record} must be a number with a decimal point, not '{value}'",
    authority=AUTHORITY,
    example_ctx={"record": "501", "field": "11 (Tipo de cambio)", "value": "18,35070"},
    fix="Write the number with digits and a point as decimal separator, without thousands.",
)
register_code(
    "mx_m3_date_invalid",
    _E,
    "campo {field} of record {record} must be a date DDMMAAAA, not '{value}'",
    authority=AUTHORITY,
    example_ctx={"record": "506", "field": "4 (Fecha)", "value": "20261132"},
    fix="Write the date as day, month and four-digit year (23072026).",
)
register_code(
    "mx_m3_too_many_decimals",
    _W,
    "campo {field} of record {record} has {found} decimals; the layout allows {allowed}",
    authority=AUTHORITY,
    example_ctx={"record": "501", "field": "11 (Tipo de cambio)", "found": 6, "allowed": 5},
    fix="Round the value to the decimals the Lineamientos allow.",
)
register_code(
    "mx_m3_field_too_long",
    _W,
    "campo {field} of record {record} has {found} characters; the layout allows {allowed}",
    authority=AUTHORITY,
    example_ctx={
        "record": "551",
        "field": "6 (Descripción de la mercancía)",
        "found": 260,
        "allowed": 250,
    },
    fix="Shorten the value to the length the Lineamientos allow.",
)
register_code(
    "mx_m3_field_required",
    _E,
    "campo {field} of record {record} must not be empty",
    authority=AUTHORITY,
    example_ctx=_FIELD,
    fix="Declare the field; the validator rejects it empty.",
)
register_code(
    "mx_m3_outside_pedimento",
    _E,
    "record {record} is not inside a pedimento (between a record 500 and its 800); it is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "551"},
    fix="Put every record of a pedimento after its record 500 and before its record 800.",
)
register_code(
    "mx_m3_pedimento_mismatch",
    _E,
    "record {record} names pedimento {found}, not {expected} of its record 500; it is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "505", "found": "6000588", "expected": "6000587"},
    fix="Declare the same pedimento number as campo 4 of record 500.",
)
register_code(
    "mx_m3_partida_unknown",
    _E,
    "record {record} refers to partida {partida}, which no record 551 declares; it is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "557", "partida": "3"},
    fix="Put the record after the record 551 of its partida, with the same partida number.",
)
register_code(
    "mx_m3_fraccion_mismatch",
    _E,
    "record {record} gives fracción {found} for partida {partida}, whose record 551 has {expected}",
    authority=AUTHORITY,
    example_ctx={"record": "554", "found": "87089999", "partida": "1", "expected": "87089901"},
    fix="Repeat the fracción arancelaria of the partida's record 551.",
)
register_code(
    "mx_m3_record_repeated",
    _E,
    "pedimento {pedimento} has record {record} more than once; the first one is used",
    authority=AUTHORITY,
    example_ctx={"pedimento": "6000587", "record": "501"},
    fix="Declare this record once per pedimento.",
)
register_code(
    "mx_m3_record_missing",
    _E,
    "pedimento {pedimento} has no record {record}",
    authority=AUTHORITY,
    example_ctx={"pedimento": "6000587", "record": "800"},
    fix="Declare the record; the validator requires it for every pedimento.",
)
register_code(
    "mx_m3_trailer_missing",
    _E,
    "the file does not end with record 801 (fin de archivo)",
    authority=AUTHORITY,
    fix="Close the file with one record 801 naming the file and counting its records.",
)
register_code(
    "mx_m3_after_trailer",
    _E,
    "record {record} comes after record 801 (fin de archivo); it is skipped",
    authority=AUTHORITY,
    example_ctx={"record": "500"},
    fix="Make record 801 the last line of the file.",
)
register_code(
    "mx_m3_trailer_count",
    _W,
    "record 801 declares {declared} in campo {field}; the file holds {found}",
    authority=AUTHORITY,
    example_ctx={"field": "4 (Cantidad de registros)", "declared": 235, "found": 234},
    fix="Count the pedimentos, and the records without the 801, again.",
)
register_code(
    "mx_m3_file_name_invalid",
    _W,
    "{name} is not an M3 file name mPPPPNNN.DDD (patente, sequence, day of the year)",
    authority=AUTHORITY,
    example_ctx={"name": "pedimento.txt"},
    fix="Name the file m + patente (4) + sequence (3) + '.' + day of the year (3).",
)
register_code(
    "mx_m3_file_name_mismatch",
    _W,
    "record 801 names the file {declared}, but the file is called {actual}",
    authority=AUTHORITY,
    example_ctx={"declared": "m3362001.204", "actual": "m3362002.204"},
    fix="Campo 2 of record 801 must equal the name of the file sent to the validator.",
)
register_code(
    "mx_m3_no_trailing_pipe",
    _I,
    "line {line} does not end with '|'; it is written back with it",
    authority=AUTHORITY,
    example_ctx={"line": 1},
    fix="End every record with '|', as the validator's examples do.",
)
register_code(
    "mx_m3_code_unknown",
    _W,
    "campo {field} of record {record}: {value} is not a code of Anexo 22, {appendix}",
    authority=AUTHORITY,
    example_ctx={
        "record": "501",
        "field": "6 (Clave de pedimento)",
        "value": "Z9",
        "appendix": "Apéndice 2",
    },
    fix="Check the code against the current Anexo 22; the bundled list may lag behind SAT's.",
)
register_code(
    "mx_m3_country_not_iso",
    _W,
    "country {value} (Anexo 22, Apéndice 4) has no ISO 3166-1 equivalent; "
    "the core data does not get it",
    authority=AUTHORITY,
    example_ctx={"value": "EMU"},
    fix="Give the ISO country where the other filings need it.",
)
register_code(
    "mx_m3_year_unknown",
    _I,
    "no date of pedimento {pedimento} ends in its year digit; the 15-digit number is not built",
    authority=AUTHORITY,
    example_ctx={"pedimento": "6000587"},
    fix="Declare the dates (record 506) so that the validation year can be told.",
)
register_code(
    "mx_m3_export_origin_assumed",
    _I,
    "partida {partida} of an export pedimento names the destination, not the origin; "
    "origin taken as MX",
    authority=AUTHORITY,
    example_ctx={"partida": "1"},
    fix="Give the country of origin of the goods if it is not Mexico.",
)
register_code(
    "mx_m3_value_missing",
    _E,
    "the pedimento needs campo {field} of record {record}, and the declaration does not give it",
    authority=AUTHORITY,
    example_ctx={"record": "500", "field": "3 (Patente o autorización)"},
    fix="Give the value in the declaration (see the pointer) before writing the M3 file.",
)
register_code(
    "mx_m3_no_code",
    _W,
    "{value} has no code in Anexo 22, {appendix}; campo {field} of record {record} is left empty",
    authority=AUTHORITY,
    example_ctx={
        "value": "ZZ",
        "appendix": "Apéndice 7",
        "record": "551",
        "field": "12 (Unidad de medida de comercialización)",
    },
    fix="Give the Anexo 22 code in the Mexican data of the declaration.",
)
register_code(
    "mx_m3_separator_in_text",
    _W,
    "campo {field} of record {record} holds '|' or a line break; written as a space",
    authority=AUTHORITY,
    example_ctx={"record": "551", "field": "6 (Descripción de la mercancía)"},
    fix="Remove '|' and line breaks from the text.",
)
register_code(
    "mx_m3_movement_not_supported",
    _W,
    "pedimento {pedimento} is a movement {movement} ({name}), which carries no declaration; "
    "it is not read",
    authority=AUTHORITY,
    example_ctx={"pedimento": "6000101", "movement": "2", "name": "Eliminación"},
    fix="Read the pedimento's original validation file to get its declaration.",
)
register_code(
    "mx_m3_vendor_end_record",
    _W,
    "record 999 closes pedimento {pedimento} instead of record 800 (unsigned broker export); "
    "it is written back as an 800",
    authority=AUTHORITY,
    example_ctx={"pedimento": "6000101"},
    fix="Send the validator a file whose pedimentos end with record 800 (fin de pedimento).",
)
register_code(
    "mx_m3_encoding_wrong",
    _W,
    "the file is not {encoding} (line {line}); it was read as {detected}",
    authority=AUTHORITY,
    example_ctx={"encoding": "utf-8", "line": 2, "detected": "windows-1252"},
    fix="Say the encoding the file was saved in, or let the reader detect it.",
)
register_code(
    "mx_m3_header_mismatch",
    _E,
    "campo {field} of record 501 gives {found}, but record 500 gives {expected}; "
    "the value of record 500 is kept",
    authority=AUTHORITY,
    example_ctx={"field": "2 (Patente o autorización)", "found": "3902", "expected": "3901"},
    fix="Declare the same patente and aduana-sección in records 500 and 501.",
)
register_code(
    "mx_m3_value_not_representable",
    _E,
    "campo {field} of record {record} cannot hold '{value}' (its kind or length does not "
    "allow it); it is left empty",
    authority=AUTHORITY,
    example_ctx={"record": "551", "field": "5 (Subdivisión de la fracción (NICO))", "value": "1A"},
    fix="Correct the value in the declaration so that it fits the field (see the Lineamientos).",
)
register_code(
    "mx_m3_value_not_encodable",
    _E,
    "campo {field} of record {record}: '{value}' has a character ({character}) that the "
    "{encoding} encoding of M3 files cannot hold; it is left empty",
    authority=AUTHORITY,
    example_ctx={
        "record": "501",
        "field": "24 (Nombre, denominación o razón social del importador)",
        "value": "ACEROS Ω",
        "character": "Ω",
        "encoding": "cp1252",
    },
    fix="Write the value with characters of Windows-1252 (Spanish letters and accents are).",
)

"""Issue codes of the Mexican filing rules (pedimento, Anexo 22 of the RGCE).

Messages use the vocabulary of SAT and ANAM: pedimento, partida, fracción arancelaria, NICO,
clave de pedimento, aduana-sección, patente, tipo de cambio, identificador.
"""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
SAT = "SAT/ANAM"

register_code(
    "mx_importer_rfc_missing",
    _E,
    "the importer has no RFC",
    authority=SAT,
    fix="Give the importer's RFC (12 characters for a company, 13 for a person).",
)
register_code(
    "mx_exporter_rfc_missing",
    _E,
    "the exporter has no RFC",
    authority=SAT,
    fix="Give the exporter's RFC (12 characters for a company, 13 for a person).",
)
register_code(
    "mx_importer_missing",
    _E,
    "the importer is not given",
    authority=SAT,
    fix="Name the importer with its RFC and fiscal address.",
)
register_code(
    "mx_exporter_missing",
    _E,
    "the exporter is not given",
    authority=SAT,
    fix="Name the exporter with its RFC and fiscal address.",
)
register_code(
    "mx_importer_name_missing",
    _E,
    "the importer has no name or razón social",
    authority=SAT,
    fix="Give the importer's name or razón social as its RFC registration states it.",
)
register_code(
    "mx_exporter_name_missing",
    _E,
    "the exporter has no name or razón social",
    authority=SAT,
    fix="Give the exporter's name or razón social as its RFC registration states it.",
)
register_code(
    "mx_fraccion_missing",
    _E,
    "partida {line} has no 8-digit fracción arancelaria (only HS {hs6})",
    authority=SAT,
    example_ctx={"line": 1, "hs6": "870899"},
    fix="Classify the goods in the TIGIE to 8 digits.",
)
register_code(
    "mx_nico_missing",
    _E,
    "partida {line} has no NICO for fracción {fraccion}",
    authority=SAT,
    example_ctx={"line": 1, "fraccion": "87089999"},
    fix="Give the 2-digit NICO (número de identificación comercial) under the fracción.",
)
register_code(
    "mx_clave_pedimento_missing",
    _E,
    "the clave de pedimento is not given",
    authority=SAT,
    fix="Give the clave de pedimento of Anexo 22, Apéndice 2 (A1, IN, V1...).",
)
register_code(
    "mx_clave_pedimento_unknown",
    _W,
    "{code} is not a clave de pedimento of Apéndice 2",
    authority=SAT,
    example_ctx={"code": "Z9"},
    fix="Check the clave against Anexo 22, Apéndice 2; the bundled list may lag behind SAT's.",
)
register_code(
    "mx_aduana_missing",
    _E,
    "the aduana-sección of clearance is not given",
    authority=SAT,
    fix="Give the 3-digit aduana-sección code (Anexo 22, Apéndice 1).",
)
register_code(
    "mx_aduana_unknown",
    _W,
    "{code} is not an aduana-sección known to this library",
    authority=SAT,
    example_ctx={"code": "999"},
    fix="Check the code against Anexo 22, Apéndice 1.",
)
register_code(
    "mx_patente_missing",
    _E,
    "the customs broker's patente is not given",
    authority=SAT,
    fix="Give the 4-digit patente of the agente aduanal who files the pedimento.",
)
register_code(
    "mx_exchange_rate_missing",
    _E,
    "no tipo de cambio from USD to MXN is given",
    authority=SAT,
    fix="Give the exchange rate published in the DOF for the date that applies.",
)
register_code(
    "mx_value_not_convertible",
    _E,
    "partida {line} is valued in {currency} and the declaration gives no rate to MXN",
    authority=SAT,
    example_ctx={"line": 1, "currency": "CAD"},
    fix="Add the exchange rate to pesos (via the USD rate published in the DOF).",
)
register_code(
    "mx_transport_mode_missing",
    _E,
    "the medio de transporte is not given",
    authority=SAT,
    fix="Give the means of transport (Anexo 22, Apéndice 3).",
)
register_code(
    "mx_tariff_quantity_missing",
    _E,
    "partida {line} has no quantity in the tariff unit (UMT)",
    authority=SAT,
    example_ctx={"line": 1},
    fix="Give the quantity in the unit of measure of the tariff (Apéndice 7).",
)
register_code(
    "mx_commercial_quantity_missing",
    _E,
    "partida {line} has no commercial quantity (UMC)",
    authority=SAT,
    example_ctx={"line": 1},
    fix="Give the quantity and unit of the commercial invoice.",
)
register_code(
    "mx_invoice_missing",
    _E,
    "the pedimento needs at least one invoice (factura or COVE)",
    authority=SAT,
    fix="Give the invoice number and date of the goods.",
)
register_code(
    "mx_tmec_identifier_suggested",
    _I,
    "partida {line} claims T-MEC: identificador TL with complement {complement}",
    authority=SAT,
    example_ctx={"line": 1, "complement": "USA"},
    fix="Declare identificador TL at partida level with the exporting Party (USA or CAN).",
)
register_code(
    "mx_tmec_complement_mismatch",
    _E,
    "partida {line}: identificador TL complement {complement} "
    "does not match the exporting Party {country}",
    authority=SAT,
    example_ctx={"line": 1, "complement": "CAN", "country": "US"},
    fix="Complement 1 names the exporting Party: USA when exported from the US, CAN from Canada.",
)
register_code(
    "mx_tmec_certification_missing",
    _W,
    "partida {line} claims T-MEC and names no certification of origin",
    authority=SAT,
    example_ctx={"line": 1},
    fix="Keep the T-MEC certification of origin with the pedimento's records.",
    restates="preference_claim_without_certification",
)
register_code(
    "mx_pedimento_parts_mismatch",
    _E,
    "pedimento number {number} holds {part} {found}, but the declaration gives {expected}",
    authority=SAT,
    example_ctx={
        "number": "262439996001187",
        "part": "patente",
        "found": "3999",
        "expected": "3998",
    },
    fix="The pedimento number repeats the 2-digit aduana and the patente: make them agree.",
)
register_code(
    "mx_exchange_rate_decimals",
    _W,
    "the tipo de cambio {rate} has more than the 5 decimals the pedimento carries",
    authority=SAT,
    example_ctx={"rate": "17.842105"},
    fix="Give the exchange rate published in the DOF, with 5 decimals.",
)
register_code(
    "mx_unit_unknown",
    _W,
    "partida {line}: {unit} is not a {kind} unit of Anexo 22, Apéndice 7",
    authority=SAT,
    example_ctx={"line": 1, "unit": "KGM", "kind": "UMT"},
    fix="Give the unit as an Apéndice 7 code (1 kilo, 6 pieza, 8 litro...).",
)
register_code(
    "mx_invoice_date_missing",
    _E,
    "invoice {number} has no date (fecha del CFDI o documento equivalente)",
    authority=SAT,
    example_ctx={"number": "COVE26A1B2C3D"},
    fix="Give the date of the invoice, CFDI or COVE.",
)
register_code(
    "mx_transport_mode_unknown",
    _W,
    "{code} is not a medio de transporte of Anexo 22, Apéndice 3",
    authority=SAT,
    example_ctx={"code": "9"},
    fix="Give the means of transport as an Apéndice 3 code (1 marítimo, 4 aéreo, 7 carretero...).",
)
register_code(
    "mx_cce_usd_value_missing",
    _E,
    "partida {line} is valued in {currency} and the declaration gives no rate to USD, which the "
    "CFDI's Complemento de Comercio Exterior needs (ValorDolares)",
    authority=SAT,
    example_ctx={"line": 1, "currency": "EUR"},
    fix="Add the exchange rate from the invoice currency to US dollars.",
)
# Comercio Exterior 2.0 (Estándar del complemento and SAT's XSD) -----------------------------
register_code(
    "mx_cce_valor_dolares_product",
    _W,
    "partida {line}: ValorDolares {dollars} is not CantidadAduana {quantity} × "
    "ValorUnitarioAduana {unit_value} ({computed})",
    authority=SAT,
    example_ctx={
        "line": 1,
        "dollars": "9000.00",
        "quantity": "200",
        "unit_value": "46",
        "computed": "9200",
    },
    fix="Correct ValorUnitarioAduana or ValorDolares so that the product matches, within rounding.",
)
register_code(
    "mx_cce_valor_dolares_inconsistent",
    _W,
    "partida {line}: ValorDolares {dollars} does not follow from Importe {amount} {currency} at "
    "TipoCambio {rate} and TipoCambioUSD {usd_rate} ({computed})",
    authority=SAT,
    example_ctx={
        "line": 1,
        "dollars": "9500.00",
        "amount": "156519.00",
        "currency": "MXN",
        "rate": "1",
        "usd_rate": "17.3910",
        "computed": "9000.00",
    },
    fix="State ValorDolares as Importe × TipoCambio / TipoCambioUSD.",
)
register_code(
    "mx_cce_incoterm_not_in_catalogue",
    _E,
    "the Incoterm {code} is not in the c_INCOTERM catalogue of the CCE 2.0",
    authority=SAT,
    example_ctx={"code": "DAT"},
    fix="Use one of CFR, CIF, CPT, CIP, DAP, DDP, DPU, EXW, FCA, FAS, FOB (DPU replaced DAT).",
)
register_code(
    "mx_cce_exchange_rate_decimals",
    _W,
    "the tipo de cambio {rate} has more than the 6 decimals the CFDI accepts",
    authority=SAT,
    example_ctx={"rate": "17.8421053"},
    fix="Give TipoCambio and TipoCambioUSD with at most 6 decimals (tdCFDI:t_TipoCambio).",
)
# Pedimento consistency (Anexo 22) ---------------------------------------------------------
register_code(
    "mx_pedimento_year_mismatch",
    _W,
    "pedimento {number} was validated in 20{year} by its number, but the declaration is dated "
    "{date}",
    authority=SAT,
    example_ctx={"number": "252439016000123", "year": "25", "date": "2026-02-02"},
    fix="Check the pedimento number and the date of the declaration (Anexo 22, campo 1).",
)
register_code(
    "mx_pedimento_cfdi_form_invalid",
    _E,
    'NumeroPedimento "{value}" is not of the form "YY  AA  PPPP  NNNNNNN" (21 characters)',
    authority=SAT,
    example_ctx={"value": "26 24 3901 6000123"},
    fix="Write the 15 digits in groups of 2, 2, 4 and 7 separated by two spaces.",
)
register_code(
    "mx_pedimento_cfdi_number_mismatch",
    _E,
    "NumeroPedimento {value} is not the pedimento {number} of the declaration",
    authority=SAT,
    example_ctx={"value": "26  24  3901  6000124", "number": "262439016000123"},
    fix="Give the number of the pedimento that covers the goods.",
)
register_code(
    "mx_regimen_operacion_mismatch",
    _E,
    "régimen {regimen} is for tipo de operación {expected}, the operation is {tipo}",
    authority=SAT,
    example_ctx={"regimen": "EXD", "expected": "2", "tipo": "1"},
    fix="Correct the régimen (Apéndice 16) or the tipo de operación (1 importación, "
    "2 exportación).",
)
register_code(
    "mx_tipo_operacion_direction_mismatch",
    _E,
    "the tipo de operación {tipo} contradicts the declaration ({expected} expected)",
    authority=SAT,
    example_ctx={"tipo": "1", "expected": "2"},
    fix="Use tipo de operación 1 for an importación and 2 for an exportación.",
)
register_code(
    "mx_clave_regimen_mismatch",
    _E,
    "clave de pedimento {clave} goes with régimen {expected}, not {regimen}",
    authority=SAT,
    example_ctx={"clave": "IN", "expected": "ITE", "regimen": "IMD"},
    fix="Correct the clave de pedimento (Apéndice 2) or the régimen (Apéndice 16).",
)
register_code(
    "mx_identifier_required",
    _W,
    "identificador {code} is expected with {given}",
    authority=SAT,
    example_ctx={"code": "IM", "given": "clave IN"},
    fix="Declare the identificador of Anexo 22, Apéndice 8, with its complements.",
)
register_code(
    "mx_regimen_unknown",
    _W,
    "{code} is not a régimen known to this library",
    authority=SAT,
    example_ctx={"code": "IMX"},
    fix="Check the code against Anexo 22, Apéndice 16 (the bundled list is unverified).",
    # Codes of the rules that use SAT's catalogues (jurisdictions/mx/catalogue_rules.py).
)
register_code(
    "mx_fraccion_dataset_missing",
    _I,
    "no edition of c_FraccionArancelaria covers {date}; fracciones, NICOs and UMTs were not "
    "checked",
    authority=SAT,
    example_ctx={"date": "2023-06-01"},
    fix="Import SAT's c_FraccionArancelaria in force on that date: harmonized-customs data "
    "import mx-fraccion.",
)
register_code(
    "mx_fraccion_dataset_stale",
    _I,
    "the c_FraccionArancelaria edition {edition} is older than SAT's update rhythm on {date}; "
    "fracciones missing from it are warnings",
    authority=SAT,
    example_ctx={"edition": "SAT CCE 2.0, 2024-05-14", "date": "2026-11-20"},
    fix="Import SAT's current c_FraccionArancelaria: harmonized-customs data import mx-fraccion.",
)
register_code(
    "mx_fraccion_unknown",
    _E,
    "partida {line}: fracción {fraccion} with NICO {nico} is not in c_FraccionArancelaria "
    "({edition})",
    authority=SAT,
    example_ctx={"line": 1, "fraccion": "87083099", "nico": "00", "edition": "SAT CCE 2.0"},
    fix="Give a fracción and NICO of the TIGIE in force; choices are suggested.",
)
register_code(
    "mx_fraccion_expired",
    _E,
    "partida {line}: fracción {fraccion} with NICO {nico} was valid until {valid_to}, not on "
    "{date} ({edition})",
    authority=SAT,
    example_ctx={
        "line": 1,
        "fraccion": "09012199",
        "nico": "00",
        "valid_to": "2024-03-22",
        "date": "2024-06-01",
        "edition": "SAT CCE 2.0",
    },
    fix="Use the fracción and NICO that replaced it; choices are suggested.",
)
register_code(
    "mx_umt_mismatch",
    _E,
    "partida {line}: the tariff quantity is in unit {unit}, but the UMT of fracción {fraccion} "
    "NICO {nico} is {expected} ({description})",
    authority=SAT,
    example_ctx={
        "line": 1,
        "unit": "06",
        "fraccion": "87081001",
        "nico": "00",
        "expected": "01",
        "description": "KILO",
    },
    fix="State the tariff quantity in the UMT of the fracción (c_UnidadAduana / Apéndice 7).",
)
register_code(
    "mx_patente_unknown",
    _E,
    "patente {patente} is not in SAT's list of patentes aduanales ({edition})",
    authority=SAT,
    example_ctx={"patente": "0001", "edition": "SAT CFDI 4.0, 2026-08-06"},
    fix="Give the four-digit patente of the agente aduanal as SAT lists it.",
)
register_code(
    "mx_tax_id_pattern_mismatch",
    _E,
    "NumRegIdTrib {value} does not match SAT's pattern for {country}: {pattern}",
    authority=SAT,
    example_ctx={"value": "12-3456789", "country": "USA", "pattern": "[0-9]{9}"},
    fix="Give the foreign tax identification number as SAT's c_Pais pattern asks (digits only "
    "for USA and CAN).",
)

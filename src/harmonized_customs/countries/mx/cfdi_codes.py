"""Issue codes of the ``mx-cfdi-cce20`` format (CFDI 4.0 with Comercio Exterior 2.0).

Messages name the elements and attributes as SAT's Anexo 20 and the Complemento de Comercio
Exterior 2.0 standard do (``cfdi:Receptor``, ``FraccionArancelaria``, ``TipoCambioUSD``), so a
broker finds them in the XML and in SAT's guía de llenado.

More information: SAT, Anexo 20 de la Resolución Miscelánea Fiscal, CFDI 4.0
(http://omawww.sat.gob.mx/tramitesyservicios/Paginas/anexo_20.htm); SAT, Estándar del
Complemento de Comercio Exterior 2.0
(http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf).
"""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

__all__: list[str] = []

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
SAT = "SAT/ANAM"
XML = "W3C XML 1.0"

register_code(
    "mx_cfdi_xml_syntax",
    _E,
    "the file is not well-formed XML: {detail}",
    authority=XML,
    example_ctx={"detail": "Opening and ending tag mismatch: Emisor line 3 and Comprobante"},
    fix="Repair the XML at the given line; a CFDI must be well-formed UTF-8 XML.",
    unreadable=True,
)
register_code(
    "mx_cfdi_xml_forbidden",
    _E,
    "the XML contains a {construct} declaration, which a CFDI never has; the file is refused "
    "for safety",
    authority=XML,
    example_ctx={"construct": "<!DOCTYPE>"},
    fix="Remove the DOCTYPE and entity declarations; Anexo 20 XML uses neither.",
    unreadable=True,
)
register_code(
    "mx_cfdi_not_cfdi40",
    _E,
    "the root element is {found}, not cfdi:Comprobante of CFDI 4.0 ({expected})",
    authority=SAT,
    example_ctx={
        "found": "{http://www.sat.gob.mx/cfd/3}Comprobante",
        "expected": "http://www.sat.gob.mx/cfd/4",
    },
    fix="Give a CFDI 4.0 comprobante; CFDI 3.3 files must be reissued as 4.0.",
    unreadable=True,
)
register_code(
    "mx_cfdi_cce20_missing",
    _E,
    "the comprobante has no Complemento de Comercio Exterior 2.0 (cce20:ComercioExterior)",
    authority=SAT,
    example_ctx={},
    fix="Add the cce20:ComercioExterior complement (namespace "
    "http://www.sat.gob.mx/ComercioExterior20) inside cfdi:Complemento.",
)
register_code(
    "mx_cfdi_element_missing",
    _E,
    "the element {element} is required and missing",
    authority=SAT,
    example_ctx={"element": "cfdi:Receptor"},
    fix="Add the element as Anexo 20 and the CCE 2.0 standard require.",
)
register_code(
    "mx_cfdi_attribute_missing",
    _E,
    "the attribute {attribute} of {element} is required and missing",
    authority=SAT,
    example_ctx={"attribute": "RegimenFiscal", "element": "cfdi:Emisor"},
    fix="Give the attribute; the guía de llenado of Anexo 20 says which catalogue it comes from.",
)
register_code(
    "mx_cfdi_element_not_supported",
    _W,
    "{element} is not read by this library; its content is left out",
    authority="harmonized_customs",
    example_ctx={"element": "cfdi:Comprobante/cfdi:Impuestos"},
    fix="Check that element by other means; the declaration read here does not include it.",
)
register_code(
    "mx_cfdi_attribute_unknown",
    _W,
    "{attribute} is not an attribute of {element} in CFDI 4.0 or CCE 2.0; it is left out",
    authority=SAT,
    example_ctx={"attribute": "TipoOperacion", "element": "cce20:ComercioExterior"},
    fix="Remove the attribute (CCE 2.0 dropped TipoOperacion and Subdivision of version 1.1).",
)
register_code(
    "mx_cfdi_value_invalid",
    _E,
    '{attribute} "{value}" is not valid: {detail}',
    authority=SAT,
    example_ctx={"attribute": "ValorDolares", "value": "1,200.00", "detail": "not a decimal"},
    fix="Write the value as the XSD of Anexo 20 or of the CCE 2.0 defines it.",
)
register_code(
    "mx_cfdi_fraccion_missing",
    _E,
    "mercancía {line} has no FraccionArancelaria; without it the goods cannot be classified",
    authority=SAT,
    example_ctx={"line": "1"},
    fix="Give the 10-digit FraccionArancelaria (fracción 8 + NICO 2) of the mercancía.",
)
register_code(
    "mx_cfdi_fraccion_legacy",
    _W,
    "FraccionArancelaria {value} has 8 digits; the CCE 2.0 catalogue in force since "
    "12 December 2022 uses fracción + NICO (10 digits)",
    authority=SAT,
    example_ctx={"value": "87089999"},
    fix="Add the 2-digit NICO to the fracción (c_FraccionArancelaria of the CCE 2.0).",
)
register_code(
    "mx_cfdi_nico_missing",
    _E,
    "partida {line}: fracción {fraccion} has no NICO, and the CCE 2.0 FraccionArancelaria "
    "needs 10 digits",
    authority=SAT,
    example_ctx={"line": 1, "fraccion": "87089999"},
    fix="Give the NICO of the partida; it is never padded or guessed.",
)
register_code(
    "mx_cfdi_origin_not_stated",
    _I,
    "the CFDI does not state the country of origin of mercancía {line}",
    authority="harmonized_customs",
    example_ctx={"line": "1"},
    fix="Add the country of origin from the pedimento or the certificate of origin "
    "(read_cce(..., origin_country=...) sets it for every line).",
)
register_code(
    "mx_cfdi_mercancia_unmatched",
    _E,
    'the NoIdentificacion "{value}" of {element} has no counterpart in {other}',
    authority=SAT,
    example_ctx={"value": "A-1", "element": "cce20:Mercancia", "other": "cfdi:Concepto"},
    fix="Every cce20:Mercancia must repeat the NoIdentificacion of a cfdi:Concepto.",
)
register_code(
    "mx_cfdi_total_mismatch",
    _W,
    "{attribute} is {declared}, but the lines add up to {computed}",
    authority=SAT,
    example_ctx={"attribute": "TotalUSD", "declared": "5000.00", "computed": "4999.99"},
    fix="Recompute the total from the lines; SAT rejects comprobantes whose totals disagree.",
)
register_code(
    "mx_cfdi_value_derived",
    _I,
    '{attribute} was written as "{value}": {rule}',
    authority=SAT,
    example_ctx={
        "attribute": "UsoCFDI",
        "value": "S01",
        "rule": "a foreign receptor (XEXX010101000) has no fiscal use in Mexico",
    },
    fix="Check the derived value; give it explicitly if the rule does not fit the operation.",
)
register_code(
    "mx_cfdi_unsigned",
    _I,
    "the comprobante is written without Sello, Certificado or timbre fiscal "
    "(NoCertificado {no_certificado}); it must be signed and stamped before it is issued",
    authority=SAT,
    example_ctx={"no_certificado": "00000000000000000000"},
    fix="Seal it with the emisor's CSD and have a PAC stamp it (timbrado).",
)
register_code(
    "mx_cfdi_signature_not_verified",
    _I,
    "{element} is present but is not verified by this library",
    authority="harmonized_customs",
    example_ctx={"element": "tfd:TimbreFiscalDigital"},
    fix="Verify the seal and the timbre at SAT (verificacfdi.facturaelectronica.sat.gob.mx).",
)
register_code(
    "mx_cfdi_clave_pedimento_not_allowed",
    _E,
    "the CCE 2.0 accepts only ClaveDePedimento A1; the declaration has {code}",
    authority=SAT,
    example_ctx={"code": "V1"},
    fix="Use clave A1, or do not issue a Complemento de Comercio Exterior for this operation.",
)
register_code(
    "mx_cfdi_not_export",
    _W,
    "the Complemento de Comercio Exterior accompanies exports; this declaration is not one "
    "(direction: {direction})",
    authority=SAT,
    example_ctx={"direction": "import"},
    fix="Write the CCE only for an export (definitive, clave A1) from Mexico.",
)
register_code(
    "mx_cfdi_value_not_kept",
    _W,
    '{xpath} = "{value}" is not kept: {attribute} is not an attribute of {element} in CFDI 4.0 '
    "or CCE 2.0",
    authority=SAT,
    example_ctx={
        "xpath": "/cfdi:Comprobante/cfdi:Complemento/cce20:ComercioExterior/@TipoOperacion",
        "value": "2",
        "attribute": "TipoOperacion",
        "element": "cce20:ComercioExterior",
    },
    fix="Remove the attribute (CCE 2.0 dropped TipoOperacion and Subdivision of version 1.1).",
)
register_code(
    "mx_cfdi_attributes_too_many",
    _E,
    "an element has {count} attributes, more than the {limit} read; the file is refused",
    authority=XML,
    example_ctx={"count": 100000, "limit": 100},
    fix="Remove the attributes that Anexo 20 does not define for the element.",
    unreadable=True,
)
register_code(
    "mx_cfdi_identifier_repeated",
    _E,
    "NoIdentificacion {value} is given to more than one concepto, so their mercancías cannot "
    "be told apart",
    authority=SAT,
    example_ctx={"value": "2"},
    fix="Give each concepto its own NoIdentificacion, the one its cce20:Mercancia repeats.",
)

"""A CFDI read, kept as core-json and written again gives every value back (issue 14).

``export_fiscal.xml`` carries the comprobante's fiscal values (Serie, FormaPago, MetodoPago,
LugarExpedicion, régimen fiscal of emisor and receptor, DomicilioFiscalReceptor, UsoCFDI,
Exportacion), seller part numbers as NoIdentificacion, explicit ValorUnitario and
ValorUnitarioAduana, coded address parts, a Propietario, a second DescripcionesEspecificas and a
certificate of origin folio. SAT's XSD (as shipped in satcfdi) is the oracle for validity.
"""

from __future__ import annotations

import json

from lxml import etree

import harmonized_customs as hc
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_cce20 import read_cce, write_cce
from harmonized_customs.countries.mx.cfdi_xml import flatten

from . import samples

FIXTURE = (samples.DATA / "export_fiscal.xml").read_bytes()
_SIGNATURE = {f"{m.C}/@Sello", f"{m.C}/@Certificado", f"{m.C}/@NoCertificado"}


def _values(data: bytes) -> dict[str, str]:
    parsed = flatten(etree.fromstring(data), None)
    return {k: v.text for k, v in parsed.values.items() if k not in _SIGNATURE}


def _through_core_json(data: bytes) -> bytes:
    read = read_cce(data, origin_country="MX")
    assert read.declaration is not None
    text = hc.dump(read.declaration, "core-json")
    assert isinstance(text, str)
    again = hc.loads(text, format="core-json")
    output = write_cce(again).output
    assert isinstance(output, bytes)
    return output


def test_fixture_is_valid_for_sat_xsd() -> None:
    assert samples.sat_errors(FIXTURE) == []


def test_read_core_json_write_is_valid_for_sat_xsd() -> None:
    assert samples.sat_errors(_through_core_json(FIXTURE)) == []


def test_read_core_json_write_keeps_every_value() -> None:
    before, after = _values(FIXTURE), _values(_through_core_json(FIXTURE))
    assert {k: (v, after.get(k)) for k, v in before.items() if after.get(k) != v} == {}
    assert set(after) == set(before)


def test_full_fixture_keeps_every_value_through_core_json() -> None:
    data = (samples.DATA / "full.xml").read_bytes()
    assert _values(_through_core_json(data)) == _values(data)


def test_certificate_folio_is_never_written_as_zero() -> None:
    output = _through_core_json(FIXTURE)
    values = _values(output)
    assert values[f"{m.CE}/@CertificadoOrigen"] == "1"
    assert values[f"{m.CE}/@NumCertificadoOrigen"] == "USMCA-2026-0017"


def test_reading_reports_no_value_as_not_kept() -> None:
    read = read_cce(FIXTURE, origin_country="MX")
    assert [i.code for i in read.issues if "not_kept" in i.code] == []


def test_fixture_is_checked_as_a_consistent_mexican_export() -> None:
    read = read_cce(FIXTURE, origin_country="MX")
    assert read.declaration is not None
    codes = {i.code for i in hc.check(read.declaration, targets=["MX"])}
    assert not {c for c in codes if c.startswith("mx_cce_")}
    assert not codes & {"mx_importer_missing", "mx_unit_unknown", "mx_exporter_missing"}


def test_conversion_to_pedimento_writes_apendice_7_units() -> None:
    result = hc.convert(samples.DATA / "export_fiscal.xml", to="mx-pedimento-m3")
    assert isinstance(result.output, str)
    partidas = [line.split("|") for line in result.output.splitlines() if line[:4] == "551|"]
    assert [p[13] for p in partidas] == ["6", "1"]


def _with_numero_pedimento(value: str) -> bytes:
    concepto = b'Importe="156519.00" ObjetoImp="01"/>'
    informacion = f'<cfdi:InformacionAduanera NumeroPedimento="{value}"/>'.encode()
    inner = concepto[:-2] + b">" + informacion + b"</cfdi:Concepto>"
    assert FIXTURE.count(concepto) == 1
    return FIXTURE.replace(concepto, inner)


def test_numero_pedimento_is_kept_and_written_back() -> None:
    data = _with_numero_pedimento("26  24  3999  6001187")
    assert samples.sat_errors(data) == []
    assert _values(_through_core_json(data)) == _values(data)


def test_numero_pedimento_out_of_form_is_reported() -> None:
    read = read_cce(_with_numero_pedimento("26 24 3999 6001187"), origin_country="MX")
    assert read.declaration is not None
    found = list(hc.check(read.declaration, targets=["MX"]))
    assert [i.code for i in found if i.code.startswith("mx_pedimento_cfdi")] == [
        "mx_pedimento_cfdi_form_invalid"
    ]


def test_certification_reference_too_short_for_the_cce_is_reported() -> None:
    read = read_cce(FIXTURE, origin_country="MX")
    assert read.declaration is not None
    data = read.declaration.model_dump(mode="json", exclude_defaults=True)
    data["goods_items"][0]["preference"]["certification_reference"]["number"] = "AB12"
    written = write_cce(hc.loads(json.dumps(data), format="core-json"))
    invalid = [i for i in written.issues if i.code == "mx_cfdi_value_invalid"]
    assert [i.source.xpath if i.source else None for i in invalid] == [
        f"{m.CE}/@NumCertificadoOrigen"
    ]

"""Composed CCE 2.0 test data: a declaration, the CFDI values it lacks, SAT's XSD as oracle.

Nothing here comes from a real comprobante: names, RFCs (``EKU9003173C9`` is SAT's public test
RFC) and amounts are made up; codes are taken from SAT's catalogues as shipped in ``satcfdi``.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from lxml import etree

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.model import Declaration

DATA = Path(__file__).resolve().parent.parent / "data" / "mx" / "cce20"

EXTRAS: dict[str, str] = {
    f"{m.C}/@LugarExpedicion": "64000",
    f"{m.EMISOR}/@RegimenFiscal": "601",
    f"{m.concepto(1)}/@ClaveProdServ": "25172504",
    f"{m.concepto(1)}/@ObjetoImp": "01",
    f"{m.concepto(2)}/@ClaveProdServ": "01010101",
    f"{m.concepto(2)}/@ObjetoImp": "01",
}
"""The fiscal values of the sample that the core model has no place for."""

SAMPLE: dict[str, object] = {
    "direction": "export",
    "national": {"mx": {"clave_pedimento": "A1"}},
    "exporter": {
        "name": "AUTOPARTES DEL NORTE",
        "identifiers": [{"scheme": "mx-rfc", "value": "EKU9003173C9"}],
        "address": {
            "lines": ["AV. INDUSTRIAL 1450"],
            "subdivision": "MX-NLE",
            "postal_code": "64000",
            "country": "MX",
        },
    },
    "buyer": {
        "name": "Midwest Auto Supply LLC",
        "identifiers": [{"scheme": "tax-id", "value": "741852963", "country": "US"}],
        "address": {
            "lines": ["1200 Commerce Street"],
            "city": "Laredo",
            "subdivision": "US-TX",
            "postal_code": "78040",
            "country": "US",
        },
    },
    "consignee": {
        "name": "Border Logistics Inc",
        "identifiers": [{"scheme": "tax-id", "value": "369258147", "country": "US"}],
        "address": {
            "lines": ["88 Mines Road"],
            "city": "Laredo",
            "subdivision": "US-TX",
            "postal_code": "78045",
            "country": "US",
        },
    },
    "valuation": {
        "incoterm": "FCA",
        "currency": "USD",
        "exchange_rates": [{"source_currency": "USD", "target_currency": "MXN", "rate": "17.3910"}],
    },
    "invoices": [{"number": "A-1043", "date": "2026-11-20"}],
    "goods_items": [
        {
            "line_number": 1,
            "description": "Neumáticos radiales nuevos para automóvil 205/55R16",
            "classification": {"hs6": "401110", "mx_fraccion": "40111010", "mx_nico": "01"},
            "origin_country": "MX",
            "quantity": {"value": "200", "unit": "H87"},
            "tariff_quantities": [{"jurisdiction": "MX", "value": "200", "unit": "6"}],
            "value": {"amount": "9000.00", "currency": "USD"},
            "invoice_number": "A-1043",
        },
        {
            "line_number": 2,
            "description": "Defensas delanteras de acero",
            "classification": {"hs6": "870810", "mx_fraccion": "87081001", "mx_nico": "00"},
            "origin_country": "MX",
            "quantity": {"value": "40", "unit": "H87"},
            "tariff_quantities": [{"jurisdiction": "MX", "value": "40", "unit": "6"}],
            "value": {"amount": "3120.50", "currency": "USD"},
            "invoice_number": "A-1043",
        },
    ],
}


def declaration() -> Declaration:
    """The composed sample declaration."""
    return Declaration.model_validate(SAMPLE)


def _satcfdi_schemas() -> Path:
    spec = importlib.util.find_spec("satcfdi")
    assert spec is not None, "satcfdi (a test dependency) is not installed"
    assert spec.submodule_search_locations is not None
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "transform" / "schemas" / "www.sat.gob.mx" / "sitio_internet" / "cfd"


@functools.cache
def sat_schema() -> etree.XMLSchema:
    """SAT's cfdv40.xsd and ComercioExterior20.xsd, as shipped in satcfdi, in one schema."""
    base = _satcfdi_schemas()
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4"
             schemaLocation="{(base / "4" / "cfdv40.xsd").as_uri()}"/>
  <xs:import namespace="http://www.sat.gob.mx/ComercioExterior20"
             schemaLocation="{(base / "ComercioExterior20" / "ComercioExterior20.xsd").as_uri()}"/>
</xs:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def sat_errors(xml: bytes) -> list[str]:
    """SAT's XSD verdict on ``xml``: the error messages, empty when valid."""
    schema = sat_schema()
    document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    log: Any = schema.error_log
    return [f"line {e.line}: {e.message}" for e in log]


def satcfdi_comprobante() -> bytes:
    """An unsigned CFDI 4.0 + CCE 2.0 built by satcfdi's own builder (an independent writer)."""
    import datetime as dt  # noqa: PLC0415 - only this helper needs them
    from decimal import Decimal  # noqa: PLC0415

    from satcfdi.create.cfd import cce20, cfdi40  # noqa: PLC0415 - test dependency, heavy

    comercio = cce20.ComercioExterior(
        clave_de_pedimento="A1",
        certificado_origen=0,
        tipo_cambio_usd=Decimal("17.5"),
        total_usd=Decimal("1000.00"),
        incoterm="EXW",
        mercancias=[
            cce20.Mercancia(
                no_identificacion="1",
                valor_dolares=Decimal("1000.00"),
                fraccion_arancelaria="4011101001",
                cantidad_aduana=Decimal(10),
                unidad_aduana="06",
                valor_unitario_aduana=Decimal("100.00"),
            )
        ],
        emisor=cce20.Emisor(
            domicilio=cce20.Domicilio(
                calle="AV. INDUSTRIAL", estado="NLE", pais="MEX", codigo_postal="64000"
            )
        ),
        receptor=cce20.Receptor(
            domicilio=cce20.Domicilio(
                calle="1 Main St", estado="CA", pais="USA", codigo_postal="90001"
            )
        ),
    )
    comprobante = cfdi40.Comprobante(
        emisor=cfdi40.Emisor(rfc="EKU9003173C9", nombre="EXPORTADORA DEMO", regimen_fiscal="601"),
        lugar_expedicion="64000",
        receptor=cfdi40.Receptor(
            rfc="XEXX010101000",
            nombre="Pacific Tools Inc",
            domicilio_fiscal_receptor="64000",
            regimen_fiscal_receptor="616",
            uso_cfdi="S01",
            residencia_fiscal="USA",
            num_reg_id_trib="123456789",
        ),
        conceptos=[
            cfdi40.Concepto(
                clave_prod_serv="25172504",
                cantidad=Decimal(10),
                clave_unidad="H87",
                descripcion="Llantas",
                valor_unitario=Decimal("100.00"),
                objeto_imp="01",
                no_identificacion="1",
            )
        ],
        moneda="USD",
        tipo_cambio=Decimal("17.5"),
        exportacion="02",
        folio="77",
        fecha=dt.datetime(2026, 11, 2, 10, 0, 0),
        complemento=comercio,
    )
    xml: bytes = comprobante.xml_bytes(pretty_print=True)
    return xml

"""Hypothesis strategies for declarations that a CFDI 4.0 + CCE 2.0 carries completely.

Narrower than ``tests/strategies.py``: an export with clave A1, invoiced in USD, one invoice,
the parties and fields the CCE has a place for, and codes drawn from SAT's catalogues so that
SAT's XSD accepts the output. Amounts are unit price x quantity, so that the CFDI's
``ValorUnitario`` is exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.model import Declaration
from strategies import dates, text

FRACCIONES = ("4011101001", "4011101099", "8708100100", "8708299901", "6109100301", "8471300101")
"""Ten-digit fracción + NICO values of SAT's c_FraccionArancelaria (catComExt.xsd)."""
UNITS = ("H87", "KGM", "XBX", "C62")
UNIDADES_ADUANA = ("1", "6", "8", "20")
"""Anexo 22 Apéndice 7 codes, as the core keeps them (the CFDI writes 01, 06, 08, 20)."""
ESTADOS_MX = ("MX-NLE", "MX-CHH", "MX-JAL", "MX-CMX", "MX-BCN")
ESTADOS_US = ("US-TX", "US-CA", "US-IL", "US-MI")
INCOTERMS = ("EXW", "FCA", "FOB", "CIF", "DAP", "DDP", "CPT", "CIP", "FAS", "CFR", "DPU")


def _clean(max_size: int) -> st.SearchStrategy[str]:
    """Text the CFDI patterns accept: no ``|``, not blank, no edge or doubled spaces."""
    return (
        text(1, max_size)
        .map(lambda s: " ".join(s.replace("|", "/").split()))
        .filter(lambda s: 0 < len(s) <= max_size)
    )


@st.composite
def _address(draw: st.DrawFn, country: str, states: tuple[str, ...]) -> dict[str, Any]:
    address: dict[str, Any] = {
        "lines": [draw(_clean(60))],
        "subdivision": draw(st.sampled_from(states)),
        "postal_code": draw(st.sampled_from(("64000", "78040", "66600"))),
        "country": country,
    }
    if country != "MX":
        address["city"] = draw(_clean(40))
    return address


@st.composite
def _foreign_party(draw: st.DrawFn) -> dict[str, Any]:
    tax_id = draw(st.text("0123456789ABCDEFGHJK", min_size=6, max_size=20))
    return {
        "name": draw(_clean(80)),
        "identifiers": [{"scheme": "tax-id", "value": tax_id, "country": "US"}],
        "address": draw(_address("US", ESTADOS_US)),
    }


@st.composite
def _item(draw: st.DrawFn, line: int, folio: str) -> dict[str, Any]:
    code = draw(st.sampled_from(FRACCIONES))
    quantity = draw(st.integers(1, 5000))
    price = draw(st.decimals(Decimal("0.01"), Decimal("99999"), places=2))
    return {
        "line_number": line,
        "description": draw(_clean(200)),
        "classification": {"hs6": code[:6], "mx_fraccion": code[:8], "mx_nico": code[8:]},
        "origin_country": "MX",
        "quantity": {"value": str(quantity), "unit": draw(st.sampled_from(UNITS))},
        "tariff_quantities": [
            {
                "jurisdiction": "MX",
                "value": m.text(draw(st.decimals(Decimal("0.001"), Decimal(99999), places=3))),
                "unit": draw(st.sampled_from(UNIDADES_ADUANA)),
            }
        ],
        "value": {"amount": m.text(price * quantity), "currency": "USD"},
        "invoice_number": folio,
        "national": {
            "mx": {**draw(_brand()), "cfdi": {"clave_prod_serv": "01010101", "objeto_imp": "01"}}
        },
    }


def _brand() -> st.SearchStrategy[dict[str, Any]]:
    """Sometimes a marca and modelo (the first DescripcionesEspecificas)."""
    brand = st.fixed_dictionaries({"marca": _clean(35)}, optional={"modelo": _clean(80)})
    return st.one_of(st.just({}), brand)


FISCAL: dict[str, str] = {
    "tipo_de_comprobante": "I",
    "exportacion": "02",
    "lugar_expedicion": "64000",
    "regimen_fiscal_emisor": "601",
    "domicilio_fiscal_receptor": "64000",
    "regimen_fiscal_receptor": "616",
    "uso_cfdi": "S01",
}
"""The comprobante's fiscal values, as the reader keeps them in ``national.mx.cfdi``."""


@st.composite
def cce_declarations(draw: st.DrawFn) -> Declaration:
    """A declaration that survives model -> CFDI -> model unchanged."""
    folio = draw(st.text("ABCDEFGHIJ0123456789-", min_size=1, max_size=20))
    lines = draw(st.lists(st.integers(1, 9999), min_size=1, max_size=4, unique=True))
    rate = draw(st.decimals(Decimal("10"), Decimal("30"), places=4))
    data: dict[str, Any] = {
        "direction": "export",
        "country_of_export": "MX",
        "national": {"mx": {"clave_pedimento": "A1", "cfdi": FISCAL}},
        "exporter": {
            "name": draw(_clean(100)),
            "identifiers": [{"scheme": "mx-rfc", "value": "EKU9003173C9"}],
            "address": draw(_address("MX", ESTADOS_MX)),
        },
        "buyer": draw(_foreign_party()),
        "valuation": {
            "incoterm": draw(st.sampled_from(INCOTERMS)),
            "currency": "USD",
            "exchange_rates": [
                {"source_currency": "USD", "target_currency": "MXN", "rate": m.text(rate)}
            ],
        },
        "invoices": [
            {
                "number": folio,
                "date": draw(dates(dt.date(2017, 1, 1), dt.date(2099, 12, 31))).isoformat(),
            }
        ],
        "goods_items": [draw(_item(line, folio)) for line in lines],
    }
    if draw(st.booleans()):
        data["consignee"] = draw(_foreign_party())
    return Declaration.model_validate(data)

"""Rules of the CFDI with Complemento de Comercio Exterior 2.0, checked on a Mexican export.

Each rule names the part of SAT's Estándar del Complemento de Comercio Exterior 2.0 (and its
XSD, ``ComercioExterior20.xsd`` with ``catComExt.xsd`` and ``tdCFDI.xsd``) it follows. They run
for a definitive export from Mexico (clave de pedimento A1), the operation the complement
accompanies. Amounts the complement states beside the core values (ValorDolares,
ValorUnitarioAduana) are read from the goods items' ``national.mx.cfdi`` block; when a value is
absent the writer derives it exactly, so there is nothing to compare.

More information: http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from harmonized_customs import currency, mappings
from harmonized_customs.countries.mx import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.mx import units
from harmonized_customs.countries.mx.cfdi_map import decimal_or_none
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = [
    "cce_exchange_rate_decimals",
    "cce_incoterm_in_catalogue",
    "cce_valor_dolares_from_importe",
    "cce_valor_dolares_is_the_product",
]

CFDI_RATE_DECIMALS = 6
"""Decimals of ``tdCFDI:t_TipoCambio`` (TipoCambio, TipoCambioUSD)."""


def _cce(declaration: Declaration) -> bool:
    """True for a definitive export (clave A1), the operation the CCE 2.0 accompanies."""
    mx = declaration.national.mx
    return mx is not None and mx.clave_pedimento == "A1"


def _half_unit(value: Decimal) -> Decimal:
    """Half a unit in the last decimal place ``value`` is written with."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5).scaleb(-places - 1)


def _dollars(item: GoodsItem) -> Decimal | None:
    """ValorDolares of the mercancía: as filed, or the line value when it is in dollars."""
    block = item.national.mx.cfdi if item.national.mx else None
    if block is not None and block.valor_dolares is not None:
        return decimal_or_none(block.valor_dolares)
    return item.value.amount if item.value.currency == "USD" else None


@rule("goods_items/*", target="MX", roles=("export",))
def cce_valor_dolares_is_the_product(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """ValorDolares is CantidadAduana × ValorUnitarioAduana within the rounding of both.

    Estándar CCE 2.0, Mercancia: ValorUnitarioAduana (XSD: 6 decimals) is the unit value in
    dollars per UnidadAduana and ValorDolares (4 decimals) the product with CantidadAduana.
    Unit 99 (servicio) has no customs quantity to multiply: the product is not checked.
    """
    block = item.national.mx.cfdi if item.national.mx else None
    quantity = next((q for q in item.tariff_quantities if q.jurisdiction == "MX"), None)
    dollars = _dollars(item)
    if not _cce(context.declaration) or block is None or block.valor_unitario_aduana is None:
        return
    if quantity is None or dollars is None or units.umt(quantity.unit) == units.SERVICE:
        return
    unit_value = decimal_or_none(block.valor_unitario_aduana)
    if unit_value is None:
        return  # not a finite CFDI decimal: the reader reported the value
    computed = quantity.value * unit_value
    tolerance = quantity.value * _half_unit(unit_value) + _half_unit(dollars)
    if abs(computed - dollars) > tolerance:
        yield Finding.of(
            "mx_cce_valor_dolares_product",
            "national/mx/cfdi/valor_unitario_aduana",
            line=item.line_number,
            dollars=format(dollars, "f"),
            quantity=format(quantity.value, "f"),
            unit_value=block.valor_unitario_aduana,
            computed=format(computed, "f"),
        )


@rule("goods_items/*", target="MX", roles=("export",))
def cce_valor_dolares_from_importe(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """ValorDolares is the Importe at TipoCambio, converted at TipoCambioUSD.

    Estándar CCE 2.0: ValorDolares = Importe × TipoCambio / TipoCambioUSD (ValorDolares equals
    Importe when the comprobante is in dollars). The tolerance is the rounding of the two
    stated rates and of ValorDolares, plus half a cent.
    """
    declaration = context.declaration
    block = item.national.mx.cfdi if item.national.mx else None
    if not _cce(declaration) or block is None or block.valor_dolares is None:
        return
    dollars = _dollars(item)
    source = item.value.currency
    rate = Decimal(1) if source == "MXN" else currency.rate(declaration, source, "MXN")
    usd_rate = currency.rate(declaration, "USD", "MXN")
    if dollars is None or rate is None or not usd_rate:
        return
    computed = item.value.amount * rate / usd_rate
    relative = Decimal(0)
    if source != "USD":
        relative = _half_unit(usd_rate) / usd_rate
    if source not in {"USD", "MXN"}:
        relative += _half_unit(rate) / rate
    tolerance = computed * relative + _half_unit(dollars) + Decimal("0.005")
    if abs(computed - dollars) > tolerance:
        yield Finding.of(
            "mx_cce_valor_dolares_inconsistent",
            "national/mx/cfdi/valor_dolares",
            line=item.line_number,
            dollars=block.valor_dolares,
            amount=format(item.value.amount, "f"),
            currency=source,
            rate=format(rate, "f"),
            usd_rate=format(usd_rate, "f"),
            computed=format(computed.quantize(Decimal("0.0001")), "f"),
        )


@rule("", target="MX", roles=("export",))
def cce_incoterm_in_catalogue(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The Incoterm is one of the 11 codes of the CCE 2.0 catalogue c_INCOTERM."""
    valuation = declaration.valuation
    code = valuation.incoterm if valuation else None
    if not _cce(declaration) or code is None:
        return
    row = mappings.table("incoterms").get(code)
    if row is None or row["mx_cce"] != "yes":
        yield Finding.of("mx_cce_incoterm_not_in_catalogue", "valuation/incoterm", code=code)


@rule("", target="MX", roles=("export",))
def cce_exchange_rate_decimals(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """TipoCambio and TipoCambioUSD fit the 6 decimals of tdCFDI:t_TipoCambio."""
    mx = declaration.national.mx
    valuation = declaration.valuation
    if mx is None or mx.cfdi is None or valuation is None:
        return
    for index, rate in enumerate(valuation.exchange_rates):
        exponent = rate.rate.as_tuple().exponent
        too_many = isinstance(exponent, int) and -exponent > CFDI_RATE_DECIMALS
        if rate.target_currency == "MXN" and too_many:
            yield Finding.of(
                "mx_cce_exchange_rate_decimals",
                f"valuation/exchange_rates/{index}/rate",
                rate=format(rate.rate, "f"),
            )

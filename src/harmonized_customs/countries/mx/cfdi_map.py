"""Paths, code conversions and derivations shared by the CFDI 4.0 + CCE 2.0 reader and writer.

The CFDI names countries with the three-letter codes of SAT's ``c_Pais`` catalogue (ISO 3166-1
alpha-3) and states with ``c_Estado`` (the ISO 3166-2 suffix for Mexico, the United States and
Canada, with ``DIF`` kept for Mexico City beside ``CMX``). The core model uses ISO 3166-1
alpha-2 and full ISO 3166-2 codes; this module converts between them, and derives the values
the Estándar del Complemento de Comercio Exterior 2.0 computes from others (unit values,
totals).

More information: SAT, Anexo 20 (catCFDI.xsd ``c_Pais``, ``c_Estado``) and the Estándar del
Complemento de Comercio Exterior 2.0
(http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf).
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

import pycountry
from pydantic import BaseModel

from harmonized_customs.model import Declaration

__all__ = [
    "CE",
    "CE_EMISOR",
    "CE_RECEPTOR",
    "COMPUTED",
    "CONCEPTO_FIELDS",
    "DEST",
    "DEST_DOM",
    "EMISOR",
    "EMISOR_DOM",
    "FISCAL_FIELDS",
    "GENERIC_FOREIGN_RFC",
    "MERCANCIA_FIELDS",
    "RECEPTOR",
    "RECEPTOR_DOM",
    "C",
    "alpha2",
    "alpha3",
    "concepto",
    "decimal_or_none",
    "estado",
    "from_model",
    "is_unit_value",
    "is_unit_value_text",
    "line_field",
    "mercancia",
    "pointer_for_path",
    "subdivision",
    "text",
    "total_usd",
    "unit_value",
]

C = "/cfdi:Comprobante"
CE = f"{C}/cfdi:Complemento/cce20:ComercioExterior"
EMISOR = f"{C}/cfdi:Emisor"
RECEPTOR = f"{C}/cfdi:Receptor"
CE_EMISOR = f"{CE}/cce20:Emisor"
EMISOR_DOM = f"{CE_EMISOR}/cce20:Domicilio"
CE_RECEPTOR = f"{CE}/cce20:Receptor"
RECEPTOR_DOM = f"{CE_RECEPTOR}/cce20:Domicilio"
DEST = f"{CE}/cce20:Destinatario[1]"
DEST_DOM = f"{DEST}/cce20:Domicilio[1]"
GENERIC_FOREIGN_RFC = "XEXX010101000"
"""SAT's generic RFC for a foreign receptor (residente en el extranjero)."""

_MEXICO_CITY_LEGACY = "DIF"

COMPUTED = frozenset(
    {
        f"{C}/@Version",
        f"{C}/@Sello",
        f"{C}/@Certificado",
        f"{C}/@SubTotal",
        f"{C}/@Total",
        f"{CE}/@Version",
        f"{CE}/@TotalUSD",
    }
)
"""Attributes the writer always computes; reading checks them instead of keeping them."""


def _domicilio(path: str, prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (f"{path}/@{attribute}", f"{prefix}.{field}")
        for attribute, field in (
            ("NumeroExterior", "numero_exterior"),
            ("NumeroInterior", "numero_interior"),
            ("Colonia", "colonia"),
            ("Localidad", "localidad"),
            ("Referencia", "referencia"),
            ("Municipio", "municipio"),
        )
    )


FISCAL_FIELDS: tuple[tuple[str, str], ...] = (
    (f"{C}/@Serie", "serie"),
    (f"{C}/@FormaPago", "forma_pago"),
    (f"{C}/@MetodoPago", "metodo_pago"),
    (f"{C}/@CondicionesDePago", "condiciones_de_pago"),
    (f"{C}/@Descuento", "descuento"),
    (f"{C}/@TipoDeComprobante", "tipo_de_comprobante"),
    (f"{C}/@Exportacion", "exportacion"),
    (f"{C}/@LugarExpedicion", "lugar_expedicion"),
    (f"{EMISOR}/@RegimenFiscal", "regimen_fiscal_emisor"),
    (f"{RECEPTOR}/@DomicilioFiscalReceptor", "domicilio_fiscal_receptor"),
    (f"{RECEPTOR}/@ResidenciaFiscal", "residencia_fiscal_receptor"),
    (f"{RECEPTOR}/@RegimenFiscalReceptor", "regimen_fiscal_receptor"),
    (f"{RECEPTOR}/@UsoCFDI", "uso_cfdi"),
    (f"{CE}/@MotivoTraslado", "motivo_traslado"),
    (f"{CE}/@CertificadoOrigen", "certificado_origen"),
    (f"{CE}/@NumCertificadoOrigen", "num_certificado_origen"),
    (f"{CE}/@NumeroExportadorConfiable", "numero_exportador_confiable"),
    (f"{CE}/@Observaciones", "observaciones"),
    *_domicilio(EMISOR_DOM, "domicilio_emisor"),
    *_domicilio(RECEPTOR_DOM, "domicilio_receptor"),
)
"""CFDI attributes of the comprobante kept in ``national.mx.cfdi`` (XPath, field path)."""

CONCEPTO_FIELDS: tuple[tuple[str, str], ...] = (
    ("@ClaveProdServ", "clave_prod_serv"),
    ("@NoIdentificacion", "no_identificacion"),
    ("@ValorUnitario", "valor_unitario"),
    ("@ObjetoImp", "objeto_imp"),
    ("@Descuento", "descuento"),
    ("@Unidad", "unidad"),
)
"""Attributes of a ``cfdi:Concepto`` kept in the goods item's ``national.mx.cfdi``."""

MERCANCIA_FIELDS: tuple[tuple[str, str], ...] = (
    ("@ValorUnitarioAduana", "valor_unitario_aduana"),
    ("@ValorDolares", "valor_dolares"),
    ("cce20:DescripcionesEspecificas[1]/@SubModelo", "submodelo"),
    ("cce20:DescripcionesEspecificas[1]/@NumeroSerie", "numero_serie"),
)
"""Attributes under a ``cce20:Mercancia`` kept in the goods item's ``national.mx.cfdi``."""


def concepto(number: int) -> str:
    """Path of the ``number``-th (1-based) ``cfdi:Concepto``."""
    return f"{C}/cfdi:Conceptos/cfdi:Concepto[{number}]"


def mercancia(number: int) -> str:
    """Path of the ``number``-th (1-based) ``cce20:Mercancia``."""
    return f"{CE}/cce20:Mercancias/cce20:Mercancia[{number}]"


def pointer_for_path(path: str, line_of: dict[int, int] | None = None) -> str:
    """The core-model object nearest to a CFDI path (``/exporter``, ``/goods_items/0``)."""
    for prefix, pointer in (
        (EMISOR, "/exporter"),
        (CE_EMISOR, "/exporter"),
        (RECEPTOR, "/buyer"),
        (CE_RECEPTOR, "/buyer"),
        (f"{CE}/cce20:Destinatario[1]/", "/consignee"),
    ):
        if path.startswith(prefix):
            return pointer
    for maker in (concepto, mercancia):
        base = maker(0)[: -len("[0]")]
        if path.startswith(base + "["):
            number = int(path[len(base) + 1 :].split("]", 1)[0])
            index = (line_of or {}).get(number, number - 1)
            return f"/goods_items/{index}"
    return ""


@functools.cache
def alpha2(code: str | None) -> str | None:
    """ISO alpha-2 of a ``c_Pais`` alpha-3 code, or ``None`` when it has none (``ZZZ``)."""
    if code is None or len(code) != 3:
        return None
    found = pycountry.countries.get(alpha_3=code)
    return str(found.alpha_2) if found is not None else None


@functools.cache
def alpha3(code: str) -> str | None:
    """``c_Pais`` alpha-3 of an ISO alpha-2 code (``None`` for ``XK``, which has none)."""
    found = pycountry.countries.get(alpha_2=code)
    return str(found.alpha_3) if found is not None else None


@functools.cache
def subdivision(country: str, value: str | None) -> str | None:
    """The ISO 3166-2 code of a ``c_Estado`` value in ``country``, when there is one."""
    if not value:
        return None
    suffix = "CMX" if country == "MX" and value == _MEXICO_CITY_LEGACY else value
    code = f"{country}-{suffix}"
    database: Any = pycountry.subdivisions
    found: object = database.get(code=code)
    return code if found is not None else None


def estado(code: str) -> str:
    """The ``c_Estado`` value of an ISO 3166-2 code (its part after the hyphen)."""
    return code.split("-", 1)[1]


def text(value: Decimal) -> str:
    """Fixed-point text of a decimal, keeping every digit it has."""
    return format(value, "f")


PRECISION = 120
"""Digits of the decimal arithmetic on CFDI amounts: every amount it reads fits exactly."""
MAX_DIGITS = 24
"""Larger or finer decimals are not amounts of a CFDI (``t_Importe``: 18 digits, 6 decimals)."""


def decimal_or_none(value: str | None) -> Decimal | None:
    """The decimal of an XML attribute value, or ``None`` when it is not a finite decimal."""
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS:
        return None
    return number if len(number.as_tuple().digits) <= 2 * MAX_DIGITS else None


def unit_value(total: Decimal, quantity: Decimal, places: int = 6) -> str | None:
    """``total / quantity`` when it is exact at ``places`` decimals, else ``None``.

    The CFDI's ``ValorUnitario`` times ``Cantidad`` must give ``Importe``; a unit value is only
    derived when no digit is lost.
    """
    if quantity <= 0:
        return None
    context = _EXACT
    try:
        step = _STEPS.get(places) or Decimal(1).scaleb(-places, context)
        quotient = context.divide(total, quantity)
        value = quotient.quantize(step, rounding=ROUND_HALF_UP, context=context)
        if context.multiply(value, quantity) != total:
            return None
        if value == value.to_integral(context=context):
            return text(value.quantize(_ONE, context=context))
        return text(value.normalize(context))
    except ArithmeticError:  # beyond any CFDI amount: no unit value is derived
        return None


_STEPS = {6: Decimal(1).scaleb(-6)}
"""The unit of the last decimal place, by number of places (the common one made once)."""


_EXACT = Context(prec=PRECISION)
"""Arithmetic of :func:`is_unit_value` (a product of two amounts that fit it is exact), of
:func:`unit_value` and :func:`total_usd`: the default context, made wide."""
_ONE = Decimal(1)


def _small(value: Decimal, quantity: Decimal) -> bool:
    """At most six decimals in ``value``, and a product with ``quantity`` that fits exactly."""
    digits, exponent = value.as_tuple()[1:]
    size = len(digits) + len(quantity.as_tuple().digits)
    return int(exponent) >= -6 and size <= PRECISION and abs(value.adjusted()) <= MAX_DIGITS


def is_unit_value(given: str, value: Decimal | None, total: Decimal, quantity: Decimal) -> bool:
    """``given == unit_value(total, quantity)``, with ``value`` the decimal of ``given``.

    Without dividing: when ``value`` has at most six decimals and ``value * quantity`` is
    exactly ``total``, the unit value is ``value`` itself, written canonically. Zero (whose
    sign the division decides) and the other cases go through :func:`unit_value`.
    """
    if value is None or not value or quantity <= 0 or not _small(value, quantity):
        return given == unit_value(total, quantity)
    if _EXACT.multiply(value, quantity) != total:
        return False
    if value == _EXACT.to_integral_value(value):
        return given == text(_EXACT.quantize(value, _ONE))
    return given == text(_EXACT.normalize(value))


_CANONICAL = re.compile(r"([1-9][0-9]{0,17})|(0|[1-9][0-9]{0,11})\.([0-9]{0,5}[1-9])")
"""A unit value as :func:`unit_value` writes it: no sign, no leading or trailing zero, at most
six decimals, short enough for :func:`is_unit_value`'s fast case."""
_PLAIN = re.compile(r"([0-9]{1,20})(?:\.([0-9]{1,20}))?")
"""An amount in plain ASCII digits (at most 20 before and 20 after the point)."""


def is_unit_value_text(given: str, total: str, count: str) -> bool | None:
    """:func:`is_unit_value` of three texts, or ``None`` when it cannot say.

    When ``given`` is written canonically (nonzero, at most six decimals) and ``total`` and
    ``count`` are plain amounts with a positive count, ``given`` is the unit value exactly when
    ``given * count == total`` (an exact product: the digits fit :data:`_EXACT`). Other texts
    (signs, exponents, spaces, zero, extra zeros) are left to the decimal computation.
    """
    if _CANONICAL.fullmatch(given) is None or _PLAIN.fullmatch(total) is None:
        return None
    if _PLAIN.fullmatch(count) is None:
        return None
    quantity = Decimal(count)
    if not quantity:
        return None
    return _EXACT.multiply(Decimal(given), quantity) == Decimal(total)


def total_usd(values: list[Decimal]) -> str:
    """``TotalUSD``: the sum of the ``ValorDolares`` of the mercancías, at two decimals."""
    total = Decimal(0)
    for value in values:
        total = _EXACT.add(total, value)
    return text(total.quantize(_CENT, rounding=ROUND_HALF_UP, context=_EXACT))


_CENT = Decimal("0.01")


_LINE_FIELDS: tuple[tuple[str, dict[str, str]], ...] = (
    (concepto(0)[: -len("0]")], dict(CONCEPTO_FIELDS)),
    (mercancia(0)[: -len("0]")], dict(MERCANCIA_FIELDS)),
)
"""The path of each repeated line element up to its index, and its kept fields."""


def line_field(path: str) -> tuple[int, str] | None:
    """(concepto or mercancía number, field of ``MXCfdiConcepto``) that keeps ``path``."""
    for base, fields in _LINE_FIELDS:
        if not path.startswith(base):
            continue
        number, _, rest = path[len(base) :].partition("]/")
        field = fields.get(rest)
        if field is not None and number.isascii() and number.isdigit():
            return int(number), field
    return None


def _get(block: BaseModel | None, dotted: str) -> str | None:
    """The value at a dotted field path of ``block`` (``domicilio_emisor.colonia``)."""
    found: object = block
    for name in dotted.split("."):
        found = getattr(found, name, None)
    return found if isinstance(found, str) else None


def from_model(declaration: Declaration) -> dict[str, str]:
    """The CFDI values the ``cfdi`` blocks of ``declaration`` keep, by XPath."""
    values: dict[str, str] = {}
    mx = declaration.national.mx
    block = mx.cfdi if mx else None
    if block is not None:
        values.update(block.otros)
        for path, field in FISCAL_FIELDS:
            value = _get(block, field)
            if value is not None:
                values[path] = value
    for number, item in enumerate(declaration.goods_items, start=1):
        line = item.national.mx.cfdi if item.national.mx else None
        if line is None:
            continue
        for maker, fields in ((concepto, CONCEPTO_FIELDS), (mercancia, MERCANCIA_FIELDS)):
            for suffix, field in fields:
                value = _get(line, field)
                if value is not None:
                    values[f"{maker(number)}/{suffix}"] = value
    return values

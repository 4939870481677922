"""Consistency rules of the pedimento: its number, régimen, clave and identificadores.

Sources: Anexo 22 de las RGCE, campo 1 "NUM. PEDIMENTO" (año de validación, aduana, patente,
last digit of the year, consecutivo) and its printed form ``YY  AA  PPPP  NNNNNNN``, which the
CFDI 4.0 ``InformacionAduanera/@NumeroPedimento`` takes as its pattern (21 characters);
Apéndice 2 (claves de pedimento), Apéndice 8 (identificadores: IM for IMMEX; EO, emisor del
certificado de origen, and PO, proveedor de origen, added by the DOF of 2 November 2023 and
applied from 29 December 2023 beside a preferential claim TL) and Apéndice 16 (regímenes),
with ``mappings/mx_regimenes.csv`` for the régimen's tipo de operación and claves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from harmonized_customs import mappings
from harmonized_customs.countries.mx import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.pointers import escape
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = [
    "IMMEX_CLAVES",
    "TMEC_ORIGIN_IDENTIFIERS_FROM",
    "cfdi_numero_pedimento_form",
    "clave_regimen_operacion_consistent",
    "immex_identifier_given",
    "pedimento_serial_consistent",
    "pedimento_year_matches_date",
    "tmec_origin_identifiers_given",
]

CFDI_FORM = re.compile(r"[0-9]{2}  [0-9]{2}  [0-9]{4}  [0-9]{7}")
"""``NumeroPedimento`` of the CFDI 4.0 XSD: 21 characters, groups separated by two spaces."""

IMMEX_CLAVES = frozenset({"IN", "AF", "RT"})
"""Claves de pedimento of the IMMEX group of Apéndice 2."""

TMEC_ORIGIN_IDENTIFIERS_FROM = dt.date(2023, 12, 29)
"""Since this date identificadores EO and PO accompany a preferential claim (DOF 2023-11-02)."""


@rule("", target="MX")
def pedimento_year_matches_date(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """The pedimento number's first two digits are the year of the declaration's date."""
    mx = declaration.national.mx
    number = mx.pedimento_number if mx else None
    date = declaration.declaration_date
    if number is None or date is None or number[:2] == f"{date.year % 100:02d}":
        return
    yield Finding.of(
        "mx_pedimento_year_mismatch",
        "national/mx/pedimento_number",
        number=number,
        year=number[:2],
        date=date.isoformat(),
    )


@rule("", target="MX")
def pedimento_serial_consistent(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """The 7 digits of record 500 (year digit and consecutivo) end the 15-digit number."""
    mx = declaration.national.mx
    if mx is None or mx.pedimento_number is None or mx.pedimento_serial is None:
        return
    found = mx.pedimento_number[8:]
    if found != mx.pedimento_serial:
        yield Finding.of(
            "mx_pedimento_parts_mismatch",
            "national/mx/pedimento_serial",
            number=mx.pedimento_number,
            part="consecutivo",
            found=found,
            expected=mx.pedimento_serial,
        )


@rule("", target="MX")
def cfdi_numero_pedimento_form(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """A CFDI NumeroPedimento has the printed form and is the declaration's pedimento."""
    mx = declaration.national.mx
    if mx is None or mx.cfdi is None:
        return
    for path, value in mx.cfdi.otros.items():
        if not path.endswith("/@NumeroPedimento"):
            continue
        pointer = "national/mx/cfdi/otros/" + escape(path)
        if not CFDI_FORM.fullmatch(value):
            yield Finding.of("mx_pedimento_cfdi_form_invalid", pointer, value=value)
        elif mx.pedimento_number is not None and value.replace(" ", "") != mx.pedimento_number:
            yield Finding.of(
                "mx_pedimento_cfdi_number_mismatch",
                pointer,
                value=value,
                number=mx.pedimento_number,
            )


@rule("", target="MX")
def clave_regimen_operacion_consistent(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """Clave de pedimento, régimen, tipo de operación and direction agree (Ap. 2 and 16).

    The direction is Mexico's: an export from Mexico is tipo 2, anything entering Mexico 1.
    """
    mx = declaration.national.mx
    if mx is None:
        return
    expected = "2" if context.role == "export" else "1"
    if mx.tipo_operacion is not None and mx.tipo_operacion != expected:
        yield Finding.of(
            "mx_tipo_operacion_direction_mismatch",
            "national/mx/tipo_operacion",
            tipo=mx.tipo_operacion,
            expected=expected,
        )
    table = mappings.table("mx_regimenes")
    row = table.get(mx.regimen, on=context.on) if mx.regimen else None
    if row is None:
        return
    if row["tipo_operacion"] and row["tipo_operacion"] != expected:
        yield Finding.of(
            "mx_regimen_operacion_mismatch",
            "national/mx/regimen",
            regimen=row.code,
            expected=row["tipo_operacion"],
            tipo=expected,
        )
    clave = mx.clave_pedimento
    allowed = [r.code for r in table if clave and clave in r["claves"].split()]
    if allowed and row.code not in allowed:
        yield Finding.of(
            "mx_clave_regimen_mismatch",
            "national/mx/regimen",
            clave=clave,
            expected=" / ".join(allowed),
            regimen=row.code,
        )


@rule("", target="MX")
def immex_identifier_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """An IMMEX clave de pedimento (IN, AF, RT) comes with identificador IM."""
    mx = declaration.national.mx
    if mx is None or mx.clave_pedimento not in IMMEX_CLAVES:
        return
    if not any(i.code == "IM" for i in mx.identifiers):
        yield Finding.of(
            "mx_identifier_required",
            "national/mx/identifiers",
            code="IM",
            given=f"clave {mx.clave_pedimento}",
        )


@rule("goods_items/*", target="MX", roles=("import",))
def tmec_origin_identifiers_given(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Since 2023-12-29 a partida with identificador TL also declares EO or PO."""
    line = item.national.mx
    if line is None or not any(i.code == "TL" for i in line.identifiers):
        return
    if context.on < TMEC_ORIGIN_IDENTIFIERS_FROM:
        return
    mx = context.declaration.national.mx
    declared = {i.code for i in line.identifiers} | {i.code for i in (mx.identifiers if mx else [])}
    if not declared & {"EO", "PO"}:
        yield Finding.of(
            "mx_identifier_required",
            "national/mx/identifiers",
            code="EO",
            given="identificador TL",
        )

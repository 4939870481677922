"""Mexican rules that use SAT's catalogues.

The fracción + NICO exists on the date, the tariff quantity is in its UMT, the patente is
SAT's, the foreign tax id follows SAT's pattern.

Sources: SAT, Catálogos del Complemento de Comercio Exterior 2.0 (c_FraccionArancelaria with
the UMT of each fracción + NICO as a c_UnidadAduana code; c_UnidadAduana) and catálogos del
CFDI 4.0 (c_PatenteAduanal; c_Pais with the NumRegIdTrib pattern per country), shipped in
``refdata/data`` with their provenance; Anexo 22 Apéndice 7 for the one-digit unit codes of
the pedimento (``mappings/mx_units`` holds both numberings). A newer c_FraccionArancelaria is
imported with ``harmonized-customs data import mx-fraccion FILE``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any, Final

import pycountry

from harmonized_customs import mappings, refdata
from harmonized_customs.countries.mx import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.issues import Severity
from harmonized_customs.model import Declaration, GoodsItem, Party
from harmonized_customs.refdata import Entry
from harmonized_customs.reference_rules import (
    choices,
    coverage_findings,
    unknown_code_severity,
    unknown_finding,
)
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["aduana_severity", "fraccion_choices", "umt_as_cce"]

KIND: Final = "mx-fraccion"
NO_UMT_RULE: Final = frozenset({"98010001"})
"""Fracciones whose tariff quantity is not tied to the catalogue's UMT (the 9801.00.01
regla octava operations declare their own units)."""


def umt_as_cce(unit: str) -> str | None:
    """A UMT as its c_UnidadAduana code: ``01`` stays ``01``; Apéndice 7 ``1`` becomes ``01``."""
    units = mappings.table("mx_units")
    row = units.get(unit)
    if row is not None:
        return row["cce_code"] or None
    rows = units.where(cce_code=unit)
    return rows[0]["cce_code"] if rows else None


def aduana_severity(code: str, on: dt.date) -> Severity | None:
    """The severity of an aduana-sección missing from Apéndice 1 as this library knows it.

    The sección list (``mappings/mx_aduanas``) is incomplete, so an unknown sección of an aduana
    that SAT's c_Aduana lists is information only (a real sección must not raise a false
    alarm); an aduana missing from c_Aduana, a complete and verified list, is an error. Without
    that list the code's own severity (a warning) applies.
    """
    found = refdata.resolve("mx-aduana", code[:2], on)
    if found.dataset is None:
        return None
    if found.entry is not None:
        return Severity.INFO
    return Severity.ERROR if unknown_code_severity(found.dataset, found.standing) is None else None


def fraccion_choices(hs6: str, context: RuleContext) -> dict[str, Any] | None:
    """The fracción + NICO codes under an HS6 (or fracción) on the date, as choices."""
    options = [
        {**option, "fraccion": option["code"][:8], "nico": option["code"][8:]}
        for option in choices(KIND, hs6, context.on)
    ]
    return {"choices": options} if options else None


def _code(item: GoodsItem) -> tuple[str, str] | None:
    classification = item.classification
    if classification.mx_fraccion is None or classification.mx_nico is None:
        return None
    return classification.mx_fraccion, classification.mx_nico


@rule("", target="MX")
def fraccion_catalogue_available(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """A c_FraccionArancelaria edition covers the date, and is recent (said once)."""
    yield from coverage_findings(
        KIND, declaration, context.on, "mx_fraccion_dataset_missing", "mx_fraccion_dataset_stale"
    )


@rule("goods_items/*", target="MX")
def fraccion_nico_exists(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The fracción + NICO is in c_FraccionArancelaria and valid on the date."""
    code = _code(item)
    found = refdata.resolve(KIND, "".join(code), context.on) if code is not None else None
    if code is None or found is None or found.dataset is None or found.entry is not None:
        return
    fraccion, nico = code
    suggestion = fraccion_choices(fraccion, context) or fraccion_choices(fraccion[:6], context)
    ended = [e.valid_to for e in found.others if e.valid_to is not None and e.valid_to < context.on]
    if ended:
        yield Finding.of(
            "mx_fraccion_expired",
            "classification/mx_nico",
            suggestion=suggestion,
            line=item.line_number,
            fraccion=fraccion,
            nico=nico,
            valid_to=max(ended).isoformat(),
            date=context.on.isoformat(),
            edition=found.dataset.edition,
        )
        return
    yield from unknown_finding(
        "mx_fraccion_unknown",
        "classification/mx_fraccion",
        found,
        suggestion,
        line=item.line_number,
        fraccion=fraccion,
        nico=nico,
    )


def _entry(item: GoodsItem, context: RuleContext) -> Entry | None:
    code = _code(item)
    return refdata.resolve(KIND, "".join(code), context.on).entry if code is not None else None


@rule("goods_items/*", target="MX")
def tariff_quantity_in_umt(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The tariff quantity is in the UMT that c_FraccionArancelaria gives the fracción + NICO.

    A line without a Mexican tariff quantity has nothing to compare: no lookup is asked.
    """
    mexican = [(i, q) for i, q in enumerate(item.tariff_quantities) if q.jurisdiction == "MX"]
    if not mexican:
        return
    entry = _entry(item, context)
    if entry is None or not entry.units or entry.code[:8] in NO_UMT_RULE:
        return
    expected = entry.units[0]
    for index, quantity in mexican:
        filed = umt_as_cce(quantity.unit)
        if filed is None or filed == expected:
            continue
        unit_row = refdata.lookup("mx-unidad-aduana", expected, context.on)
        yield Finding.of(
            "mx_umt_mismatch",
            f"tariff_quantities/{index}/unit",
            suggestion=expected if len(quantity.unit) == 2 else expected.lstrip("0"),
            line=item.line_number,
            unit=quantity.unit,
            fraccion=entry.code[:8],
            nico=entry.code[8:],
            expected=expected,
            description=unit_row.description if unit_row is not None else "",
        )


@rule("", target="MX")
def patente_in_sat_list(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The patente of the agente aduanal is in SAT's c_PatenteAduanal."""
    mx = declaration.national.mx
    patente = mx.patente if mx else None
    if patente is None:
        return
    found = refdata.resolve("mx-patente", patente, context.on)
    if found.dataset is None or found.entry is not None:
        return
    yield Finding.of(
        "mx_patente_unknown",
        "national/mx/patente",
        severity=unknown_code_severity(found.dataset, found.standing),
        patente=patente,
        edition=found.dataset.edition,
    )


@functools.lru_cache(maxsize=1024)
def _alpha3(alpha2: str | None) -> str | None:
    """The ISO alpha-3 code of an alpha-2 country code (pycountry, asked once per code)."""
    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return country.alpha_3 if country is not None else None


def _tax_id_findings(party: Party, role: str, context: RuleContext) -> Iterator[Finding]:
    for index, identifier in enumerate(party.identifiers):
        if identifier.scheme != "tax-id":
            continue
        address = party.address
        country = _alpha3(identifier.country or (address.country if address else None))
        row = refdata.lookup("mx-pais", country, context.on) if country else None
        pattern = row.attrs.get("tax_id_pattern", "") if row is not None else ""
        if not pattern or country == "MEX" or re.fullmatch(pattern, identifier.value):
            continue
        yield Finding.of(
            "mx_tax_id_pattern_mismatch",
            f"{role}/identifiers/{index}/value",
            value=identifier.value,
            country=country,
            pattern=pattern,
        )


@rule("", target="MX")
def foreign_tax_id_follows_sat_pattern(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """On an export, the foreign receptor's and destinatario's NumRegIdTrib fit SAT's pattern.

    The pattern is the one c_Pais gives for their country (CFDI with Comercio Exterior).
    """
    mx = declaration.national.mx
    if declaration.direction != "export" or declaration.country_of_export not in (None, "MX"):
        return
    if mx is not None and mx.pedimento_number is not None:
        return  # the pedimento view: NumRegIdTrib is a field of the CFDI, not of the pedimento
    for role in ("buyer", "consignee"):
        party = getattr(declaration, role)
        if party is not None:
            yield from _tax_id_findings(party, role, context)

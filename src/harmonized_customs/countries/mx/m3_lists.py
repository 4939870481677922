"""Anexo 22 code lists as the M3 file uses them, and their crosswalks to the core's codes.

Apéndice 4 countries are ISO 3166-1 alpha-3 except the deviations of ``mx_countries``;
Apéndice 5 currencies are ISO 4217 except the legacy codes of ``mx_currencies``; Apéndice 7
units map to UN/ECE Rec 20 through ``unit_crosswalk``; Apéndice 3 transport modes to UN/ECE
Rec 19 through ``mx_transport_modes``; Apéndice 2 claves are the ``MX`` rows of
``declaration_types``; Apéndice 14 terms the ``incoterms`` rows marked ``mx_ap14``. Source:
Anexo 22 de las Reglas Generales de Comercio Exterior (DOF), as transcribed in the tables.
"""

from __future__ import annotations

import functools
from typing import Any

import pycountry

from harmonized_customs import mappings
from harmonized_customs.countries.mx.m3_layout import layout

__all__ = [
    "ap3_from_rec19",
    "ap4_from_iso",
    "ap7_from_rec20",
    "is_subdivision",
    "iso_country",
    "iso_currency",
    "known",
    "rec19_from_ap3",
    "rec20_from_ap7",
]


def _pycountry(database: Any, **key: str) -> Any:
    """A pycountry entry or None (its ``get`` is untyped)."""
    return database.get(**key)


def is_subdivision(code: str) -> bool:
    """True when ``code`` is an ISO 3166-2 subdivision (``MX-NLE``)."""
    return _pycountry(pycountry.subdivisions, code=code) is not None


def iso_country(code: str) -> str | None:
    """ISO 3166-1 alpha-2 of an Apéndice 4 code; None when ISO has no equivalent."""
    row = mappings.table("mx_countries").get(code)
    if row is not None:
        return row["iso_alpha2"] or None
    entry = _pycountry(pycountry.countries, alpha_3=code.upper())
    return str(entry.alpha_2) if entry is not None else None


@functools.cache
def ap4_from_iso(alpha2: str) -> str | None:
    """The Apéndice 4 code of an ISO country (its alpha-3), None when ISO has no alpha-3.

    Cached: ISO 3166 is the installed pycountry's, fixed for the process.
    """
    entry = _pycountry(pycountry.countries, alpha_2=alpha2.upper())
    return str(entry.alpha_3) if entry is not None else None


def iso_currency(code: str) -> str | None:
    """ISO 4217 code of an Apéndice 5 currency code; None when unknown."""
    row = mappings.table("mx_currencies").get(code)
    if row is not None:
        return row["iso4217"] or None
    entry = _pycountry(pycountry.currencies, alpha_3=code.upper())
    return str(entry.alpha_3) if entry is not None else None


def rec20_from_ap7(code: str) -> str | None:
    """The UN/ECE Rec 20 unit of an Apéndice 7 unit: the crosswalk's first row for it.

    Apéndice 7 ``6`` (pieza) gives ``H87``; the table's notes say which rows are lossy.
    """
    found = [c for c in mappings.crosswalk("unit_crosswalk", "mx", code, "rec20") if c]
    return found[0] if found else None


def ap7_from_rec20(code: str) -> str | None:
    """The Apéndice 7 unit of a Rec 20 unit, when the crosswalk has exactly one."""
    return _ap7_from_rec20(mappings.table("unit_crosswalk"), code)


@functools.lru_cache(maxsize=512)
def _ap7_from_rec20(table: mappings.CodeTable, code: str) -> str | None:
    """Cached by the table loaded (a table with a new overlay is a new table)."""
    found = [c for c in mappings.crosswalk(table.name, "rec20", code, "mx") if c]
    return found[0] if len(found) == 1 else None


def rec19_from_ap3(code: str) -> tuple[str, bool | None] | None:
    """Rec 19 mode and containerised flag of an Apéndice 3 medio de transporte."""
    row = mappings.table("mx_transport_modes").get(code)
    if row is None or not row["rec19"]:
        return None
    flag = {"yes": True, "no": False}.get(row["containerised"])
    return row["rec19"], flag


def ap3_from_rec19(mode: str) -> str | None:
    """The Apéndice 3 code of a Rec 19 mode, when ``transport_modes`` gives exactly one."""
    return _ap3_from_rec19(mappings.table("transport_modes"), mode)


@functools.lru_cache(maxsize=64)
def _ap3_from_rec19(table: mappings.CodeTable, mode: str) -> str | None:
    """Cached by the table loaded (a table with a new overlay is a new table)."""
    found = {c for c in mappings.crosswalk(table.name, "rec19", mode, "mx_ap3") if c}
    return found.pop() if len(found) == 1 else None


def known(code_list: str, code: str) -> bool:
    """True when ``code`` is in the code list named by the M3 layout (``codes`` attribute)."""
    if code_list == "m3_movements":
        return code in layout().movement_types
    if code_list == "ap2":
        return mappings.table("declaration_types").get(("MX", code)) is not None
    if code_list == "ap4":
        return (
            mappings.table("mx_countries").get(code) is not None
            or _pycountry(pycountry.countries, alpha_3=code.upper()) is not None
        )
    if code_list == "ap5":
        return iso_currency(code) is not None
    if code_list == "ap14":
        row = mappings.table("incoterms").get(code)
        return row is not None and row["mx_ap14"] == "yes"
    return mappings.table(code_list).get(code) is not None

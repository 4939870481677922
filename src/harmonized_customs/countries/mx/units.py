"""Mexican tariff units (UMT): Anexo 22 Apéndice 7 and the CCE ``c_UnidadAduana`` catalogue.

The pedimento (Anexo 22, Apéndice 7) writes a unit as a number without a leading zero
(``1`` kilo, ``6`` pieza); the Complemento de Comercio Exterior 2.0 writes the same unit in
two digits (``01``, ``06``) and adds ``99`` (servicio), which has no Apéndice 7 code. The core
model keeps a Mexican tariff quantity in the Apéndice 7 code, ``99`` for a service; readers and
writers of the CFDI convert through ``mappings/mx_units.csv``, which holds both columns.

More information: Anexo 22 de las RGCE, Apéndice 7; SAT catálogo ``c_UnidadAduana``
(``catComExt.xsd``).
"""

from __future__ import annotations

import datetime as dt

from harmonized_customs import mappings

__all__ = ["SERVICE", "cce_unit", "umt"]

SERVICE = "99"
"""``c_UnidadAduana`` 99, servicio: a CCE unit with no Apéndice 7 code."""


def umt(unit: str, on: dt.date | None = None) -> str | None:
    """The core (Apéndice 7) code of ``unit`` given in either catalogue, or ``None``."""
    units = mappings.table("mx_units")
    row = units.get(unit, on=on)
    if row is not None:
        return row.code
    found = [r for r in units.where(cce_code=unit) if on is None or r.valid_on(on)]
    return found[0].code if found else None


def cce_unit(unit: str, on: dt.date | None = None) -> str | None:
    """The ``c_UnidadAduana`` code of a unit given in either catalogue, or ``None``."""
    code = umt(unit, on)
    if code is None:
        return None
    return mappings.table("mx_units").lookup(code)["cce_code"]

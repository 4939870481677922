"""Mexico: SAT and ANAM, the pedimento and the Mexican filing rules.

More information: Ley Aduanera; Reglas Generales de Comercio Exterior, Anexo 22 (instructivo
para el llenado del pedimento) and its appendices; SAT "Lineamientos Técnicos de Registros
VOCE-SAAI M3" v9.0 (2021).
"""

from __future__ import annotations

from harmonized_customs.jurisdictions import Jurisdiction

__all__ = ["JURISDICTION"]

JURISDICTION = Jurisdiction(code="MX", name="Mexico", authority="SAT/ANAM", rank=3)

"""Mexico: SAT and ANAM, the pedimento and the Mexican filing rules.

More information: Ley Aduanera; Reglas Generales de Comercio Exterior, Anexo 22 (instructivo
para el llenado del pedimento) and its appendices; SAT "Lineamientos Técnicos de Registros
VOCE-SAAI M3" v9.0 (2021).
"""

from __future__ import annotations

from harmonized_customs.jurisdictions import Country

__all__ = ["JURISDICTION"]

JURISDICTION = Country(
    code="MX",
    name="Mexico",
    authority="SAT/ANAM",
    rules_module="harmonized_customs.jurisdictions.mx.rules",
    code_modules=(
        "harmonized_customs.jurisdictions.mx.cargo_codes",
        "harmonized_customs.jurisdictions.mx.codes",
        "harmonized_customs.jurisdictions.mx.m3_codes",
        "harmonized_customs.jurisdictions.mx.cfdi_codes",
    ),
    format_modules=(
        "harmonized_customs.jurisdictions.mx.pedimento_m3",
        "harmonized_customs.jurisdictions.mx.cfdi_cce20",
    ),
)

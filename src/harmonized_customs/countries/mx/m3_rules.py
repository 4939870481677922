"""MX rules that come from the M3 validation file itself (SAAI M3, Lineamientos Técnicos v9.0).

What the pedimento's records require of the declaration is checked by the writer's own field
definitions (:mod:`harmonized_customs.countries.mx.m3_layout`), so ``check --to MX`` names
everything ``convert --to mx-pedimento-m3`` will need: one definition, not two. The file name
and prevalidator of record 801 are filer settings (a profile), not declaration data.
"""

from __future__ import annotations

from collections.abc import Iterator

from harmonized_customs.countries.mx.m3_write import required_issues
from harmonized_customs.countries.mx.pedimento_m3 import FORMAT
from harmonized_customs.model import Declaration
from harmonized_customs.profiles import declaration_findings, finding_filter
from harmonized_customs.rules import Finding, RuleContext, rule


@rule("", target="MX")
def m3_fields_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Every value the pedimento's M3 records require is given."""
    found = required_issues(declaration, finding_filter(FORMAT, context), once=True)
    yield from declaration_findings(found, FORMAT, context)

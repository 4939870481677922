"""CA rules that come from the CAD data set itself (CBSA CARM, Commercial Accounting Declaration).

What the CAD requires of the declaration is checked by the writer's own definitions
(:func:`harmonized_customs.countries.ca.cad.required_issues`), so ``check --to CA`` names
everything ``convert --to ca-cad`` will need: one definition, not two.
"""

from __future__ import annotations

from collections.abc import Iterator

from harmonized_customs.countries.ca.cad import FORMAT, required_issues
from harmonized_customs.model import Declaration
from harmonized_customs.profiles import declaration_findings, finding_filter
from harmonized_customs.rules import Finding, RuleContext, rule


@rule("", target="CA", roles=("import",))
def cad_fields_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Every value the CAD requires is given."""
    found = required_issues(declaration, finding_filter(FORMAT, context))
    yield from declaration_findings(found, FORMAT, context)

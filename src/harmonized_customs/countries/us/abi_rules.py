"""US rules that come from the ABI entry summary itself (CATAIR AE, https://www.cbp.gov/trade/ace/catair).

What the entry summary's records require of the declaration is checked by the writer's own
field definitions (mandatory and conditional fields, lengths, code classes), so ``check --to
US`` names everything ``convert --to us-abi-ae`` will need: one definition, not two. The filer
settings of the batch and block headers are not declaration data (they come from a profile).
Values a documented rule computes (:mod:`~harmonized_customs.countries.us.derive`) are
reported as derived, with the value as suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator

from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.us.abi_ae import FORMAT
from harmonized_customs.countries.us.abi_write import required_issues
from harmonized_customs.countries.us.derive import derived_totals, line_duty
from harmonized_customs.issues import register_code
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.profiles import declaration_findings, finding_filter
from harmonized_customs.rules import Finding, RuleContext, rule

register_code(
    "us_value_derived",
    "info",
    "{field} is computed by a documented rule: {value}",
    authority="CBP",
    example_ctx={"field": "duty", "value": "0.00"},
    fix="Nothing to do if the computed value is right; otherwise give the value.",
)


@rule("", target="US", roles=("import",))
def entry_summary_fields_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Every value the ABI entry summary's records require is given or derivable."""
    found = required_issues(declaration, finding_filter(FORMAT, context))
    yield from declaration_findings(found, FORMAT, context)


@rule("", target="US", roles=("import",))
def totals_derived(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Record 90 totals settled by a documented rule are reported as derived."""
    us = declaration.national.us
    given = us.totals.model_dump() if us and us.totals else {}
    for key, value in derived_totals(declaration).items():
        if value is not None and given.get(key) is None:
            yield Finding.of(
                "us_value_derived",
                f"national/us/totals/{key}",
                suggestion=str(value),
                field=key,
                value=str(value),
            )


@rule("goods_items/*", target="US", roles=("import",))
def line_duty_derived(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A line's duty settled by a documented rule (a USMCA claim: free) is reported as derived."""
    us = item.national.us
    tariffs = us.tariff_lines if us else []
    if len(tariffs) > 1 or (tariffs and tariffs[0].duty is not None):
        return
    duty = line_duty(item)
    if duty is not None and len(item.classification.us_additional_hts) == 0:
        yield Finding.of(
            "us_value_derived",
            "national/us/tariff_lines/0/duty",
            suggestion=str(duty),
            field="duty",
            value=str(duty),
        )

"""The toy country's one rule: every line needs an importer with a tax id."""

from collections.abc import Iterator

from harmonized_customs import Finding, RuleContext, rule
from harmonized_customs.model import GoodsItem
from toy_gt import codes as _codes  # noqa: F401  (the code this rule reports)


@rule("goods_items/*", target="GT")
def importer_has_nit(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The importer has a tax id (NIT)."""
    importer = context.declaration.importer
    if importer is None or not any(i.scheme == "tax-id" for i in importer.identifiers):
        yield Finding.of("gt_importer_nit_missing", line=item.line_number)

"""Canadian filing rules: what CBSA needs on a commercial accounting declaration (CAD).

Sources: CBSA Memorandum D17-1-10 (coding of the B3/CAD), Customs Notices 20-14 and 20-15
(CUSMA tariff treatments and certification), CARM CAD guidance. Where the research behind a
rule is unverified, the rule is a warning or sits behind an option (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from harmonized_customs import currency, identifiers, mappings
from harmonized_customs.jurisdictions.ca import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.model import Declaration, GoodsItem
from harmonized_customs.rules import Finding, Rule, RuleContext, rule

__all__ = ["LOW_VALUE_THRESHOLD_CAD", "RULES"]

IMPORT = ("import",)
LOW_VALUE_THRESHOLD_CAD = Decimal("3300")
"""CUSMA claims up to this value for duty need no certification (CN 20-15)."""
CENT = Decimal("0.01")
CUSMA_TREATMENT_ORIGIN = {"10": ("UST", "US"), "11": ("MXT", "MX")}


@rule("", target="CA", roles=("export",))
def export_not_covered(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Canadian export reporting is out of scope; say so rather than check it as an import."""
    yield Finding.of("ca_export_not_covered")


@rule("", target="CA", roles=IMPORT)
def importer_has_rm_account(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The importer is identified by a BN15 with an RM (import-export) program account."""
    importer = declaration.importer
    if importer is None:
        yield Finding.of("ca_importer_missing", "importer")
        return
    accounts = [(i, d.value) for i, d in enumerate(importer.identifiers) if d.scheme == "ca-bn15"]
    programs = [(i, value, identifiers.ca_bn15.compact(value)[9:11]) for i, value in accounts]
    if any(program == "RM" for _, _, program in programs):
        return
    if not programs:
        yield Finding.of("ca_importer_bn_missing", "importer/identifiers")
        return
    index, value, program = programs[0]
    yield Finding.of(
        "ca_importer_bn_not_rm", f"importer/identifiers/{index}/value", value=value, program=program
    )


@rule("goods_items/*", target="CA", roles=IMPORT)
def classified_to_ten_digits(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line carries a 10-digit Canadian classification number."""
    if item.classification.ca_tariff is None:
        yield Finding.of(
            "ca_classification_missing",
            "classification/ca_tariff",
            line=item.line_number,
            hs6=item.classification.hs6,
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def us_origin_has_state(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """US-origin goods name their state of origin (CBSA codes them U + state)."""
    if item.origin_country == "US" and item.origin_subdivision is None:
        yield Finding.of("ca_us_origin_state_missing", "origin_subdivision", line=item.line_number)


def _suggested_treatment(item: GoodsItem) -> str | None:
    """UST (10) or MXT (11) for a CUSMA claim on US or Mexican goods; nothing otherwise."""
    if item.preference is None:
        return None
    for code, (_, origin) in CUSMA_TREATMENT_ORIGIN.items():
        if item.origin_country == origin:
            return code
    return None


@rule("goods_items/*", target="CA", roles=IMPORT)
def tariff_treatment_given(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line has a tariff treatment, known to CBSA and consistent with the origin."""
    code = item.national.ca.tariff_treatment if item.national.ca else None
    line = item.line_number
    path = "national/ca/tariff_treatment"
    if code is None:
        yield Finding.of(
            "ca_tariff_treatment_missing", path, line=line, suggestion=_suggested_treatment(item)
        )
        return
    code = code.zfill(2)
    if code == "12":
        yield Finding.of("ca_tariff_treatment_not_cusma", path, line=line)
        return
    if mappings.table("ca_tariff_treatments").get(code, on=context.on) is None:
        yield Finding.of("ca_tariff_treatment_unknown", path, code=code, line=line)
        return
    if code in CUSMA_TREATMENT_ORIGIN:
        name, origin = CUSMA_TREATMENT_ORIGIN[code]
        if item.origin_country != origin:
            yield Finding.of(
                "ca_tariff_treatment_origin_mismatch",
                path,
                line=line,
                code=code,
                name=name,
                expected=origin,
                country=item.origin_country,
            )


@rule("", target="CA", roles=IMPORT)
def office_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The CBSA office code is given."""
    ca = declaration.national.ca
    if ca is None or ca.office_code is None:
        yield Finding.of("ca_office_missing", "national/ca/office_code")


@rule("", target="CA", roles=IMPORT)
def transaction_number_well_formed(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """A transaction number, when given, is well-formed (check digit only on request)."""
    ca = declaration.national.ca
    if ca is None or ca.transaction_number is None:
        return
    try:
        identifiers.ca_transaction_number.validate(
            ca.transaction_number,
            check_digit=bool(context.option("ca_transaction_check_digit", False)),
        )
    except identifiers.IdentifierError as problem:
        yield Finding(problem.code, "national/ca/transaction_number", problem.ctx)


@rule("", target="CA", roles=IMPORT)
def cargo_control_number_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The cargo control number under which the carrier reported the goods is given."""
    documents = declaration.transport.documents if declaration.transport else []
    if not any(d.kind == "cargo-control-number" for d in documents):
        yield Finding.of("ca_cargo_control_number_missing", "transport/documents")


@rule("goods_items/*", target="CA", roles=IMPORT)
def value_convertible_to_cad(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line's value can be stated in Canadian dollars with the declaration's rates."""
    if currency.convert(context.declaration, item.value, "CAD") is None:
        yield Finding.of(
            "ca_value_not_convertible",
            "value/currency",
            line=item.line_number,
            currency=item.value.currency,
        )


def _value_for_duty(declaration: Declaration, item: GoodsItem) -> Decimal | None:
    """The line's value for duty in CAD: as declared for Canada, else converted, to the cent."""
    for declared in item.customs_values:
        if declared.jurisdiction == "CA" and declared.amount.currency == "CAD":
            return declared.amount.amount
    converted = currency.convert(declaration, item.value, "CAD")
    return None if converted is None else converted.quantize(CENT, rounding=ROUND_HALF_UP)


@rule("", target="CA", roles=IMPORT)
def cusma_certification_above_threshold(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """CUSMA claims above CAD 3,300 rest on a certification of origin."""
    claimed = [i for i in declaration.goods_items if i.preference is not None]
    uncertified = [i for i in claimed if i.preference and i.preference.certification_id is None]
    if not uncertified:
        return
    values = [_value_for_duty(declaration, i) for i in claimed]
    if any(v is None for v in values):
        return  # the missing rate is reported per line
    total = sum((v for v in values if v is not None), Decimal(0))
    if total > LOW_VALUE_THRESHOLD_CAD:
        index = declaration.goods_items.index(uncertified[0])
        yield Finding.of(
            "ca_cusma_certification_required",
            f"goods_items/{index}/preference",
            value=str(total.quantize(Decimal("0.01"))),
        )


@rule("", target="CA", roles=IMPORT)
def vendor_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The vendor (seller) or at least the exporter is named."""
    if declaration.seller is None and declaration.exporter is None:
        yield Finding.of("ca_vendor_missing", "seller")


RULES: tuple[Rule, ...] = (
    export_not_covered,
    importer_has_rm_account,
    classified_to_ten_digits,
    us_origin_has_state,
    tariff_treatment_given,
    office_given,
    transaction_number_well_formed,
    cargo_control_number_given,
    value_convertible_to_cad,
    cusma_certification_above_threshold,
    vendor_given,
)

"""Canadian filing rules: what CBSA needs on a commercial accounting declaration (CAD).

Sources: CBSA Memorandum D17-1-10 (coding of the B3/CAD), Customs Notices 20-14 and 20-15
(CUSMA tariff treatments and certification), CARM CAD guidance, and the common CAD rejections
CBSA listed in message TCC24-144 (SIMA subject flag and measure, lines missing from an
adjustment, tariff treatment and country), checked here before submission. Where the research
behind a rule is unverified, the rule is a warning or sits behind an option (docs/rules.md);
amounts are warnings because CARM computes duties and taxes itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from harmonized_customs import currency, identifiers, mappings
from harmonized_customs.countries.ca import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.ca import tariff_rules
from harmonized_customs.countries.ca.cad import carrier_code
from harmonized_customs.issues import Severity
from harmonized_customs.model import CADeclarationData, CALineData, Declaration, GoodsItem
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["LOW_VALUE_THRESHOLD_CAD", "cusma_treatments"]

IMPORT = ("import",)
LOW_VALUE_THRESHOLD_CAD = Decimal("3300")
"""CUSMA claims up to this value for duty need no certification (CN 20-15)."""
CENT = Decimal("0.01")


def cusma_treatments(on: dt.date | None = None) -> dict[str, str]:
    """Tariff treatment code -> the origin it claims CUSMA for (``mappings/usmca_claims.csv``)."""
    return dict(_cusma_by_code(on))


def _cusma_by_code(on: dt.date | None) -> dict[str, str]:
    """:func:`cusma_treatments` as the table keeps it: shared, not to be changed."""
    table = mappings.table("usmca_claims")
    return table.derived(("cusma_treatments", on), lambda t: _cusma_treatments(t, on))


def _cusma_treatments(table: mappings.CodeTable, on: dt.date | None) -> dict[str, str]:
    rows = table.where(jurisdiction="CA", agreement="USMCA")
    return {row.code: row["origin_country"] for row in rows if on is None or row.valid_on(on)}


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


@rule("", target="CA", roles=IMPORT)
def importer_named(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The importer has a name: the CAD header carries it beside its business number."""
    importer = declaration.importer
    if importer is not None and importer.name is None:
        yield Finding.of("ca_importer_name_missing", "importer/name")


@rule("goods_items/*", target="CA", roles=IMPORT)
def classified_to_ten_digits(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line carries a 10-digit Canadian classification number (choices offered)."""
    if item.classification.ca_tariff is None:
        yield Finding.of(
            "ca_classification_missing",
            "classification/ca_tariff",
            suggestion=tariff_rules.tariff_choices(item.classification.hs6, context),
            line=item.line_number,
            hs6=item.classification.hs6,
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def us_origin_has_state(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """US-origin goods name their state of origin (CBSA codes them U + state)."""
    if item.origin_country == "US" and item.origin_subdivision is None:
        yield Finding.of("ca_us_origin_state_missing", "origin_subdivision", line=item.line_number)


def _suggested_treatment(item: GoodsItem, on: dt.date) -> str | None:
    """UST (10) or MXT (11) for a CUSMA claim on US or Mexican goods; nothing otherwise."""
    if item.preference is None:
        return None
    for code, origin in _cusma_by_code(on).items():
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
            "ca_tariff_treatment_missing",
            path,
            line=line,
            suggestion=_suggested_treatment(item, context.on),
        )
        return
    code = code.zfill(2)
    if code == "12":
        yield Finding.of("ca_tariff_treatment_not_cusma", path, line=line)
        return
    if mappings.table("ca_tariff_treatments").get(code, on=context.on) is None:
        yield Finding.of("ca_tariff_treatment_unknown", path, code=code, line=line)
        return
    origin = _cusma_by_code(context.on).get(code)
    if origin is not None:
        name = mappings.table("ca_tariff_treatments").lookup(code)["abbreviation"]
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


_OFFICE_FIELDS = ("office_code", "release_office_code")


@rule("national/ca", target="CA", roles=IMPORT)
def office_code_shape(ca: CADeclarationData, context: RuleContext) -> Iterator[Finding]:
    """Office codes have the shape ``mappings/office_formats.csv`` gives (unverified: a warning)."""
    pattern = mappings.table("office_formats").lookup(("CA", "office"))["pattern"]
    for name in _OFFICE_FIELDS:
        code = getattr(ca, name)
        if code is not None and re.fullmatch(pattern, code) is None:
            yield Finding.of("ca_office_format", name, code=code, pattern=pattern)


@rule("national/ca", target="CA", roles=IMPORT)
def office_known(ca: CADeclarationData, context: RuleContext) -> Iterator[Finding]:
    """Office codes are in ``mappings/ca_offices.csv``.

    The bundled list holds a few example codes, not CBSA's list (none machine-readable was
    found): an office missing from it is said as information only, never as a warning, so that
    real offices do not raise a false alarm. Offices added with ``mappings.add_row`` count.
    """
    offices = mappings.table("ca_offices")
    for name in _OFFICE_FIELDS:
        code = getattr(ca, name)
        if code is not None and offices.get(code, on=context.on) is None:
            yield Finding.of("ca_office_unknown", name, code=code, severity=Severity.INFO)


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
    """Each line's value can be stated in Canadian dollars: a declared value for duty or a rate."""
    if _declared_value_for_duty(item) is not None:
        return
    if currency.convert(context.declaration, item.value, "CAD") is None:
        yield Finding.of(
            "ca_value_not_convertible",
            "value/currency",
            line=item.line_number,
            currency=item.value.currency,
        )


def _declared_value_for_duty(item: GoodsItem) -> Decimal | None:
    """The line's value for duty in CAD as declared for Canada (B3 field 37), if any."""
    for declared in item.customs_values:
        if declared.jurisdiction == "CA" and declared.amount.currency == "CAD":
            return declared.amount.amount
    return None


def _value_for_duty(declaration: Declaration, item: GoodsItem) -> Decimal | None:
    """The line's value for duty in CAD: as declared for Canada, else converted, to the cent."""
    declared = _declared_value_for_duty(item)
    if declared is not None:
        return declared
    converted = currency.convert(declaration, item.value, "CAD")
    return None if converted is None else converted.quantize(CENT, rounding=ROUND_HALF_UP)


@rule("", target="CA", roles=IMPORT)
def cusma_certification_above_threshold(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """CUSMA claims above CAD 3,300 rest on a certification of origin."""
    claimed = [i for i in declaration.goods_items if i.preference is not None]
    uncertified = [i for i in claimed if i.preference and not i.preference.names_certification]
    if not uncertified:
        return
    values = [_value_for_duty(declaration, i) for i in claimed]
    if any(v is None for v in values):
        return  # the missing rate is reported per line
    total = sum((v for v in values if v is not None), Decimal(0))
    if total > LOW_VALUE_THRESHOLD_CAD:
        index = context.index_of(declaration.goods_items, uncertified[0])
        yield Finding.of(
            "ca_cusma_certification_required",
            f"goods_items/{index}/preference",
            value=total.quantize(CENT),
            threshold=LOW_VALUE_THRESHOLD_CAD,
        )


@rule("", target="CA", roles=IMPORT)
def vendor_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The vendor (seller) or at least the exporter is named."""
    if declaration.seller is None and declaration.exporter is None:
        yield Finding.of("ca_vendor_missing", "seller")


_NO_CA_LINE = CALineData()
"""The Canadian block of a line without one: made once, read by the rules, never changed."""


def _line_ca(item: GoodsItem) -> CALineData:
    """The line's Canadian block, or an empty one."""
    return item.national.ca or _NO_CA_LINE


@rule("", target="CA", roles=IMPORT)
def cusma_claim_certification_in_hand(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """A CUSMA claim made only by tariff treatment (as read from a CAD) above CAD 3,300.

    The CAD does not carry the certification of origin; the importer must hold it. Lines with
    a core preference claim are checked by ``cusma_certification_above_threshold``.
    """
    cusma = _cusma_by_code(context.on)
    claimed = [
        (index, item)
        for index, item in enumerate(declaration.goods_items)
        if item.preference is None and _line_ca(item).tariff_treatment in cusma
    ]
    values = [_value_for_duty(declaration, item) for _, item in claimed]
    if not claimed or any(v is None for v in values):
        return
    total = sum((v for v in values if v is not None), Decimal(0))
    if total > LOW_VALUE_THRESHOLD_CAD:
        index, item = claimed[0]
        yield Finding.of(
            "ca_cusma_certification_not_shown",
            f"goods_items/{index}/national/ca/tariff_treatment",
            code=_line_ca(item).tariff_treatment,
            value=total.quantize(CENT),
            threshold=LOW_VALUE_THRESHOLD_CAD,
        )


def _cargo_control_numbers(declaration: Declaration) -> list[tuple[int, str]]:
    documents = declaration.transport.documents if declaration.transport else []
    return [(i, d.number) for i, d in enumerate(documents) if d.kind == "cargo-control-number"]


@rule("", target="CA", roles=IMPORT)
def cargo_control_number_well_formed(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """Each cargo control number is a carrier code and a reference, at most 25 characters."""
    for index, number in _cargo_control_numbers(declaration):
        try:
            identifiers.ca_ccn.validate(number)
        except identifiers.IdentifierError as problem:
            yield Finding(problem.code, f"transport/documents/{index}/number", problem.ctx)


@rule("", target="CA", roles=IMPORT)
def carrier_code_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The carrier code at importation (B3 field 46) is given; the CCN's prefix is suggested."""
    if carrier_code(declaration) is not None:
        return
    numbers = [n for _, n in _cargo_control_numbers(declaration) if identifiers.ca_ccn.is_valid(n)]
    suggestion = identifiers.ca_ccn.carrier_code(numbers[0]) if numbers else None
    yield Finding.of("ca_carrier_code_missing", "national/ca/carrier_code", suggestion=suggestion)


@rule("", target="CA", roles=IMPORT)
def carrier_code_matches_ccn(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The cargo control numbers begin with the carrier code."""
    carrier = carrier_code(declaration)
    if carrier is None:
        return
    for index, number in _cargo_control_numbers(declaration):
        if not number.upper().startswith(carrier.upper()):
            yield Finding.of(
                "ca_carrier_code_ccn_mismatch",
                f"transport/documents/{index}/number",
                ccn=number,
                carrier=carrier,
            )


def _unit_suggestion(item: GoodsItem) -> dict[str, str] | None:
    """The commercial quantity in its CBSA unit, when the unit crosswalk gives exactly one."""
    if item.quantity is None:
        return None
    units = mappings.crosswalk("unit_crosswalk", "rec20", item.quantity.unit, "ca")
    if len(units) != 1:
        return None
    return {"value": format(item.quantity.value, "f"), "unit": units[0]}


@rule("goods_items/*", target="CA", roles=IMPORT)
def quantity_in_cbsa_unit(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line gives its quantity in a CBSA unit of measure (fields 29-30).

    Whether the unit is the one the Customs Tariff sets for the classification cannot be
    checked offline: the tariff's units are not bundled.
    """
    for index, quantity in enumerate(item.tariff_quantities):
        if quantity.jurisdiction == "CA":  # the first Canadian quantity is the one filed
            if mappings.table("ca_units").get(quantity.unit) is None:
                yield Finding.of(
                    "ca_unit_unknown",
                    f"tariff_quantities/{index}/unit",
                    line=item.line_number,
                    unit=quantity.unit,
                )
            return
    yield Finding.of(
        "ca_quantity_missing",
        "tariff_quantities",
        line=item.line_number,
        suggestion=_unit_suggestion(item),
    )


@rule("goods_items/*", target="CA", roles=IMPORT)
def vfd_code_given(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each line has its value for duty code (field 31)."""
    if _line_ca(item).vfd_code is None:
        yield Finding.of("ca_vfd_code_missing", "national/ca/vfd_code", line=item.line_number)


@rule("goods_items/*", target="CA", roles=IMPORT)
def vfd_code_listed(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The value for duty code is in the bundled list (info only: the list is incomplete)."""
    code = _line_ca(item).vfd_code
    if code is not None and mappings.table("ca_vfd_codes").get(code) is None:
        yield Finding.of(
            "ca_vfd_code_unlisted", "national/ca/vfd_code", line=item.line_number, code=code
        )


def _sima_digits_known(code: str) -> bool:
    """Both digits of a B3 SIMA code are in ca_sima_codes (assessment type, payment mode)."""
    if len(code) != 2:
        return False
    table = mappings.table("ca_sima_codes")
    return all(
        table.get((digit, "B3", str(position))) is not None
        for position, digit in enumerate(code, start=1)
    )


@rule("goods_items/*", target="CA", roles=IMPORT)
def sima_code_known(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The B3 SIMA code is two digits: assessment type 1-5, then payment mode 0-2."""
    code = _line_ca(item).sima_code
    if code is not None and not _sima_digits_known(code):
        yield Finding.of(
            "ca_sima_code_unknown", "national/ca/sima_code", line=item.line_number, code=code
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def sima_measure_has_subject_flag(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A SIMA measure in force comes with the S or U subject flag (CARM rejection)."""
    ca = _line_ca(item)
    if ca.sima_measure is not None and ca.sima_subject is None:
        yield Finding.of(
            "ca_sima_subject_flag_missing",
            "national/ca/sima_subject",
            line=item.line_number,
            measure=ca.sima_measure,
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def sima_subject_has_measure(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A line flagged SIMA subject (S) or undertaking (U) names the measure in force."""
    ca = _line_ca(item)
    if ca.sima_subject is not None and ca.sima_measure is None:
        yield Finding.of(
            "ca_sima_measure_missing",
            "national/ca/sima_measure",
            line=item.line_number,
            flag=ca.sima_subject,
        )


def _percent_of(base: Decimal, rate: Decimal) -> Decimal:
    return (base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _differs(declared: Decimal, computed: Decimal) -> bool:
    """More than a cent apart (the rounding of one step)."""
    return abs(declared - computed) > CENT


@rule("goods_items/*", target="CA", roles=IMPORT)
def duty_amount_matches_rate(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Customs duties are the ad valorem rate times the value for duty, to the cent."""
    ca = _line_ca(item)
    if ca.customs_duty_rate is None or ca.customs_duties is None:
        return
    base = _declared_value_for_duty(item)
    if base is None:
        return
    computed = _percent_of(base, ca.customs_duty_rate)
    if _differs(ca.customs_duties, computed):
        yield Finding.of(
            "ca_duty_amount_mismatch",
            "national/ca/customs_duties",
            line=item.line_number,
            declared=format(ca.customs_duties, "f"),
            rate=format(ca.customs_duty_rate, "f"),
            computed=format(computed, "f"),
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def value_for_tax_adds_up(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The value for tax is the value for duty plus duties, SIMA assessment and excise tax."""
    ca = _line_ca(item)
    if ca.value_for_tax is None:
        return
    base = _declared_value_for_duty(item)
    if base is None:
        return
    added = (ca.customs_duties, ca.sima_assessment, ca.excise_tax)
    computed = base + sum((a for a in added if a is not None), Decimal(0))
    if _differs(ca.value_for_tax, computed):
        yield Finding.of(
            "ca_value_for_tax_mismatch",
            "national/ca/value_for_tax",
            line=item.line_number,
            declared=format(ca.value_for_tax, "f"),
            computed=format(computed, "f"),
        )


@rule("goods_items/*", target="CA", roles=IMPORT)
def gst_amount_matches_rate(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """GST is the GST rate times the value for tax, to the cent."""
    ca = _line_ca(item)
    if ca.value_for_tax is None or ca.gst_rate is None or ca.gst is None:
        return
    computed = _percent_of(ca.value_for_tax, ca.gst_rate)
    if _differs(ca.gst, computed):
        yield Finding.of(
            "ca_gst_amount_mismatch",
            "national/ca/gst",
            line=item.line_number,
            declared=format(ca.gst, "f"),
            rate=format(ca.gst_rate, "f"),
            computed=format(computed, "f"),
        )


_TOTALLED = ("customs_duties", "sima_assessment", "excise_tax", "gst")


def _line_totals(declaration: Declaration) -> dict[str, Decimal]:
    sums = {name: Decimal(0) for name in ("value_for_duty", *_TOTALLED)}
    for item in declaration.goods_items:
        ca = _line_ca(item)
        sums["value_for_duty"] += _declared_value_for_duty(item) or Decimal(0)
        for name in _TOTALLED:
            sums[name] += getattr(ca, name) or Decimal(0)
    sums["total"] = sum((sums[name] for name in _TOTALLED), Decimal(0))
    return sums


@rule("", target="CA", roles=IMPORT)
def totals_add_up(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Each declared total (fields 9, 47-51) is the sum of the lines."""
    ca = declaration.national.ca
    if ca is None or ca.totals is None:
        return
    sums = _line_totals(declaration)
    for name, computed in sums.items():
        declared: Decimal | None = getattr(ca.totals, name)
        if declared is not None and _differs(declared, computed):
            yield Finding.of(
                "ca_total_mismatch",
                f"national/ca/totals/{name}",
                field=name,
                declared=format(declared, "f"),
                computed=format(computed, "f"),
            )


def _is_adjustment(declaration: Declaration) -> bool:
    """Reason codes given, or a CARM transaction number of version 2 or later."""
    ca = declaration.national.ca
    if ca is None:
        return False
    number = ca.transaction_number or ""
    return bool(ca.adjustment_reason_codes) or (len(number) == 19 and int(number[14:]) > 1)


@rule("", target="CA", roles=IMPORT)
def adjustment_sends_every_line(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """An adjustment re-sends every line: its line numbers run 1, 2, 3... without a gap.

    CARM rejects an adjustment that leaves out lines of the CAD ("... is missing from the
    submission"). Offline, a gap in the numbering is the one visible sign of a missing line.
    """
    if not _is_adjustment(declaration):
        return
    numbers = {item.line_number for item in declaration.goods_items}
    for missing in sorted(set(range(1, max(numbers) + 1)) - numbers):
        yield Finding.of("ca_adjustment_line_missing", "goods_items", line=missing)

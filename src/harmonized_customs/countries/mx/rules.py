"""Mexican filing rules: what SAT and ANAM need on a pedimento, whatever the wire format.

Sources: Ley Aduanera; Reglas Generales de Comercio Exterior, Anexo 22 (instructivo de llenado
del pedimento) and its appendices; the T-MEC identificador TL as Apéndice 8 defines it.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field

from harmonized_customs import currency, mappings
from harmonized_customs.countries.mx import catalogue_rules, m3_lists, units
from harmonized_customs.countries.mx import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.model import Declaration, GoodsItem, MXDeclarationData
from harmonized_customs.rules import Finding, RuleContext, rule

__all__ = ["tmec_identifiers"]


def tmec_identifiers(on: dt.date | None = None) -> dict[str, tuple[str, str]]:
    """Exporting Party -> (identificador, complemento 1) of a T-MEC claim.

    From ``mappings/usmca_claims.csv``: identificador TL, with the exporting Party as Anexo 22
    Apéndice 4 codes it (``USA``, ``CAN``).
    """
    return dict(_tmec_by_party(on))


def _tmec_by_party(on: dt.date | None) -> dict[str, tuple[str, str]]:
    """:func:`tmec_identifiers` as the table keeps it: shared, not to be changed."""
    table = mappings.table("usmca_claims")
    return table.derived(("tmec_identifiers", on), lambda t: _tmec_identifiers(t, on))


def _tmec_names(on: dt.date | None) -> frozenset[str]:
    """The identificadores of a T-MEC claim (the codes of :func:`tmec_identifiers`)."""
    table = mappings.table("usmca_claims")
    return table.derived(
        ("tmec_identifier_names", on),
        lambda t: frozenset(each for each, _ in _tmec_identifiers(t, on).values()),
    )


def _tmec_identifiers(table: mappings.CodeTable, on: dt.date | None) -> dict[str, tuple[str, str]]:
    rows = table.where(jurisdiction="MX", agreement="USMCA")
    return {
        row["origin_country"]: (row.code, row["complement"])
        for row in rows
        if on is None or row.valid_on(on)
    }


@rule("", target="MX")
def declaring_party_has_rfc(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The importer (on import) or exporter (on export) is identified by its RFC."""
    role = "exporter" if context.role == "export" else "importer"
    party = getattr(declaration, role)
    if party is None:
        yield Finding.of(f"mx_{role}_missing", role)
    elif party.identifier("mx-rfc") is None:
        yield Finding.of(f"mx_{role}_rfc_missing", f"{role}/identifiers")


@rule("", target="MX")
def declaring_party_named(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The importer (on import) or exporter (on export) has its name or razón social.

    Record 501 of the pedimento and the CFDI's Emisor carry it; a file that gives only the
    party's number (an ABI entry summary) leaves it to be supplied, never guessed.
    """
    role = "exporter" if context.role == "export" else "importer"
    party = getattr(declaration, role)
    if party is not None and party.name is None:
        yield Finding.of(f"mx_{role}_name_missing", f"{role}/name")


@rule("goods_items/*", target="MX")
def fraccion_and_nico(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each partida carries its fracción arancelaria and its NICO (choices offered)."""
    classification = item.classification
    if classification.mx_fraccion is None:
        yield Finding.of(
            "mx_fraccion_missing",
            "classification/mx_fraccion",
            suggestion=catalogue_rules.fraccion_choices(classification.hs6, context),
            line=item.line_number,
            hs6=classification.hs6,
        )
    elif classification.mx_nico is None:
        yield Finding.of(
            "mx_nico_missing",
            "classification/mx_nico",
            line=item.line_number,
            fraccion=classification.mx_fraccion,
        )


@rule("", target="MX")
def clave_pedimento_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The clave de pedimento is given and is one of Apéndice 2."""
    mx = declaration.national.mx
    clave = mx.clave_pedimento if mx else None
    if clave is None:
        yield Finding.of("mx_clave_pedimento_missing", "national/mx/clave_pedimento")
        return
    if mappings.table("declaration_types").get(("MX", clave), on=context.on) is None:
        yield Finding.of("mx_clave_pedimento_unknown", "national/mx/clave_pedimento", code=clave)


@rule("", target="MX")
def aduana_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The aduana-sección is given and known (an error when SAT has no such aduana)."""
    mx = declaration.national.mx
    code = mx.aduana_seccion if mx else None
    if code is None:
        yield Finding.of("mx_aduana_missing", "national/mx/aduana_seccion")
    elif mappings.table("mx_aduanas").get(code, on=context.on) is None:
        yield Finding.of(
            "mx_aduana_unknown",
            "national/mx/aduana_seccion",
            severity=catalogue_rules.aduana_severity(code, context.on),
            code=code,
        )


@rule("national/mx", target="MX")
def regimen_known(mx: MXDeclarationData, context: RuleContext) -> Iterator[Finding]:
    """The régimen is in ``mappings/mx_regimenes.csv`` (Apéndice 16; unverified: a warning)."""
    code = mx.regimen
    if code is not None and mappings.table("mx_regimenes").get(code, on=context.on) is None:
        yield Finding.of("mx_regimen_unknown", "regimen", code=code)


@rule("", target="MX")
def patente_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The agente aduanal's patente is given."""
    mx = declaration.national.mx
    declarant = declaration.declarant
    if (mx and mx.patente) or (declarant and declarant.identifier("mx-patente")):
        return
    yield Finding.of("mx_patente_missing", "national/mx/patente")


@rule("", target="MX")
def exchange_rate_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The tipo de cambio from dollars to pesos is stated."""
    if currency.rate(declaration, "USD", "MXN") is None:
        yield Finding.of("mx_exchange_rate_missing", "valuation/exchange_rates")


@rule("goods_items/*", target="MX")
def value_convertible_to_mxn(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each partida's value can be stated in pesos (directly or through the USD rate).

    A value converts where the declaration gives the rate (an amount of the model's bounds
    times a rate never fails), so the rates alone are asked.
    """
    declaration = context.declaration
    given = item.value.currency
    direct = currency.rate(declaration, given, "MXN")
    if direct is not None:
        return
    to_pesos = direct if given == "USD" else currency.rate(declaration, "USD", "MXN")
    if to_pesos is not None and currency.rate(declaration, given, "USD") is not None:
        return
    if to_pesos is None and given == "USD":
        return  # reported once by exchange_rate_given
    yield Finding.of(
        "mx_value_not_convertible",
        "value/currency",
        line=item.line_number,
        currency=item.value.currency,
    )


@rule("", target="MX")
def transport_mode_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The medio de transporte is given."""
    if declaration.transport is None:
        yield Finding.of("mx_transport_mode_missing", "transport")


@rule("goods_items/*", target="MX")
def quantities_given(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """Each partida has its commercial quantity (UMC) and its tariff quantity (UMT)."""
    if item.quantity is None:
        yield Finding.of("mx_commercial_quantity_missing", "quantity", line=item.line_number)
    for quantity in item.tariff_quantities:
        if quantity.jurisdiction == "MX":
            return
    yield Finding.of("mx_tariff_quantity_missing", "tariff_quantities", line=item.line_number)


@rule("", target="MX")
def invoice_given(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """At least one invoice is declared (in the core, or as a factura/COVE of record 505)."""
    mx = declaration.national.mx
    if not declaration.invoices and not (mx and mx.facturas):
        yield Finding.of("mx_invoice_missing", "invoices")


def _exporting_party(declaration: Declaration) -> str | None:
    """The country of the exporting Party: the country of export, else the exporter's."""
    if declaration.country_of_export is not None:
        return declaration.country_of_export
    exporter = declaration.exporter
    if exporter is not None and exporter.address is not None:
        return exporter.address.country
    return None


@dataclass(eq=False)
class _Facts:
    """What the line rules ask of the mappings, asked once per check (see :func:`_facts`)."""

    context: weakref.ReferenceType[RuleContext]
    claim: tuple[str | None, str | None]
    """The identificador and complemento 1 of a T-MEC claim from the exporting Party."""
    names: frozenset[str]
    """The identificadores of a T-MEC claim."""
    umts: dict[str, str | None] = field(default_factory=dict)
    """:func:`units.umt` of each tariff unit met, on the check's date."""
    umcs: dict[str, str | None] = field(default_factory=dict)
    """The Apéndice 7 unit of each Rec 20 unit met."""


_LAST: list[_Facts | None] = [None]
"""The facts of the latest check (held weakly by its context)."""


def _facts(context: RuleContext) -> _Facts:
    """The :class:`_Facts` of the check ``context`` is of, worked out once for it.

    The declaration's exporting Party and the date are the context's, fixed for the check;
    the tables are pinned while it runs.
    """
    kept = _LAST[0]
    if kept is not None and kept.context() is context:
        return kept
    on = context.on
    claim = _tmec_by_party(on).get(_exporting_party(context.declaration) or "", (None, None))
    found = _LAST[0] = _Facts(weakref.ref(context), claim, _tmec_names(on))
    return found


@rule("goods_items/*", target="MX", roles=("import",))
def tmec_claim_identified(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A T-MEC claim is declared with identificador TL and the exporting Party's code."""
    if item.preference is None:
        return
    facts = _facts(context)
    code, expected = facts.claim
    names = facts.names
    declared = [
        i for i in (item.national.mx.identifiers if item.national.mx else []) if i.code in names
    ]
    if not declared and expected is not None:
        yield Finding.of(
            "mx_tmec_identifier_suggested",
            "national/mx/identifiers",
            line=item.line_number,
            complement=expected,
            suggestion={"code": code, "complement1": expected},
        )
    for identifier in declared:
        if expected is not None and identifier.complement1 != expected:
            yield Finding.of(
                "mx_tmec_complement_mismatch",
                "national/mx/identifiers",
                line=item.line_number,
                complement=identifier.complement1 or "",
                country=_exporting_party(context.declaration) or "",
            )
    if not item.preference.names_certification:
        yield Finding.of("mx_tmec_certification_missing", "preference", line=item.line_number)


@rule("", target="MX")
def pedimento_number_consistent(
    declaration: Declaration, context: RuleContext
) -> Iterator[Finding]:
    """The 15-digit pedimento number repeats the aduana and the patente the declaration gives."""
    mx = declaration.national.mx
    number = mx.pedimento_number if mx else None
    if mx is None or number is None:
        return
    parts = (
        ("patente", number[4:8], mx.patente),
        ("aduana", number[2:4], mx.aduana_seccion[:2] if mx.aduana_seccion else None),
    )
    for part, found, expected in parts:
        if expected is not None and found != expected:
            yield Finding.of(
                "mx_pedimento_parts_mismatch",
                "national/mx/pedimento_number",
                number=number,
                part=part,
                found=found,
                expected=expected,
            )


@rule("", target="MX")
def aduana_entrada_known(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The aduana-sección of entry or exit, when given, is one of Apéndice 1."""
    mx = declaration.national.mx
    code = mx.aduana_entrada_salida if mx else None
    if code is not None and mappings.table("mx_aduanas").get(code, on=context.on) is None:
        yield Finding.of(
            "mx_aduana_unknown",
            "national/mx/aduana_entrada_salida",
            severity=catalogue_rules.aduana_severity(code, context.on),
            code=code,
        )


@rule("", target="MX")
def exchange_rate_decimals(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The tipo de cambio fits the 5 decimals of the pedimento (a CFDI alone allows 6)."""
    mx = declaration.national.mx
    if mx is not None and mx.cfdi is not None and mx.pedimento_number is None:
        return  # checked against the CFDI's 6 decimals by cce_exchange_rate_decimals
    valuation = declaration.valuation
    for index, rate in enumerate(valuation.exchange_rates if valuation else []):
        pair = (rate.source_currency, rate.target_currency)
        exponent = rate.rate.as_tuple().exponent
        if pair == ("USD", "MXN") and isinstance(exponent, int) and -exponent > 5:
            yield Finding.of(
                "mx_exchange_rate_decimals",
                f"valuation/exchange_rates/{index}/rate",
                rate=format(rate.rate, "f"),
            )


@rule("goods_items/*", target="MX")
def units_in_apendice_7(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """The UMT is an Apéndice 7 unit (or its c_UnidadAduana code), and the UMC has one."""
    facts: _Facts | None = None
    for index, quantity in enumerate(item.tariff_quantities):
        if quantity.jurisdiction != "MX":
            continue
        facts = facts or _facts(context)
        umts, unit = facts.umts, quantity.unit
        umt = umts[unit] if unit in umts else umts.setdefault(unit, units.umt(unit, context.on))
        if umt is None:
            yield Finding.of(
                "mx_unit_unknown",
                f"tariff_quantities/{index}/unit",
                line=item.line_number,
                unit=quantity.unit,
                kind="UMT",
            )
    line = item.national.mx
    if line is not None and line.umc is not None:
        return
    if item.quantity is None:
        return
    umcs, unit = (facts or _facts(context)).umcs, item.quantity.unit
    umc = umcs[unit] if unit in umcs else umcs.setdefault(unit, m3_lists.ap7_from_rec20(unit))
    if umc is None:
        yield Finding.of(
            "mx_unit_unknown",
            "quantity/unit",
            line=item.line_number,
            unit=item.quantity.unit,
            kind="UMC",
        )


@rule("", target="MX")
def invoices_dated(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """Each invoice (factura, CFDI or COVE of record 505) carries its date."""
    for index, invoice in enumerate(declaration.invoices):
        if invoice.date is None:
            yield Finding.of(
                "mx_invoice_date_missing", f"invoices/{index}/date", number=invoice.number
            )


@rule("", target="MX")
def transport_codes_known(declaration: Declaration, context: RuleContext) -> Iterator[Finding]:
    """The medios de transporte given as filed are Apéndice 3 codes."""
    mx = declaration.national.mx
    if mx is None:
        return
    modes = mappings.table("mx_transport_modes")
    for name in (
        "medio_transporte_salida",
        "medio_transporte_arribo",
        "medio_transporte_entrada_salida",
    ):
        code = getattr(mx, name)
        if code is not None and modes.get(code, on=context.on) is None:
            yield Finding.of("mx_transport_mode_unknown", f"national/mx/{name}", code=code)


@rule("goods_items/*", target="MX", roles=("export",))
def cce_values_in_usd(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
    """A definitive export (A1) states each partida in US dollars, as the CCE 2.0 asks."""
    declaration = context.declaration
    mx = declaration.national.mx
    if mx is None or mx.clave_pedimento != "A1":
        return
    if currency.convert(declaration, item.value, "USD") is None:
        yield Finding.of(
            "mx_cce_usd_value_missing",
            "value/currency",
            line=item.line_number,
            currency=item.value.currency,
        )

"""Hypothesis strategies for the whole core model, producing only valid instances.

Every strategy respects the model's patterns, lengths and ISO code lists (countries,
subdivisions and currencies come from pycountry; Kosovo's ``XK`` is drawn sometimes) and every
model validator: national tariff codes extend the HS6, a subdivision lies in its country, net
weight never exceeds gross weight, line numbers and invoice numbers and certification ids are
unique, references point at invoices and certifications that exist, declared totals add up and
blanket periods stay under twelve months.

Amounts and quantities are exact decimals (never floats); quantities, weights and rates are
non-negative, as the schema says. Free text mixes ASCII with accents, Ñ, ß and CJK characters.
Lists are short so that a declaration is cheap to draw: goods items 1..5 by default.

Optional sub-objects whose fields are all optional (a contact, a conveyance, a national block)
are sometimes drawn empty: an empty block is valid and must survive a round trip.

Format tests reuse these building blocks, for instance::

    @given(declarations(max_goods=2))
    def test_something(declaration: Declaration) -> None: ...
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar, get_args

import pycountry
from hypothesis import strategies as st

from harmonized_customs.model import (
    Address,
    BlanketPeriod,
    CADeclarationData,
    CALineData,
    CertificationOfOrigin,
    CertifiedGood,
    Charge,
    Classification,
    Contact,
    Conveyance,
    CoreModel,
    Declaration,
    DeclarationNational,
    Document,
    Equipment,
    ExchangeRate,
    GoodsItem,
    IdentifierScheme,
    Incoterm,
    Invoice,
    LineNational,
    Measure,
    Money,
    MXDeclarationData,
    MXIdentifier,
    MXLineData,
    NationalAmount,
    NationalBlock,
    Packages,
    Party,
    PartyIdentifier,
    PreferenceClaim,
    TariffQuantity,
    Totals,
    Transport,
    TransportDocument,
    TransportMode,
    TrustedTraderMembership,
    USDeclarationData,
    USLineData,
    Valuation,
)

__all__ = [
    "COUNTRY_CODES",
    "CURRENCY_CODES",
    "SUBDIVISIONS_BY_COUNTRY",
    "addresses",
    "amounts",
    "blanket_periods",
    "certification_ids",
    "certifications",
    "certified_goods",
    "charges",
    "classifications",
    "contacts",
    "conveyances",
    "countries",
    "currencies",
    "dates",
    "declaration_nationals",
    "declarations",
    "documents",
    "equipment",
    "exchange_rates",
    "goods_items",
    "hs6_codes",
    "line_nationals",
    "measures",
    "money",
    "national_amounts",
    "packages",
    "parties",
    "party_identifiers",
    "preference_claims",
    "quantities",
    "subdivisions",
    "tariff_quantities",
    "text",
    "transport_documents",
    "transports",
    "trusted_trader_memberships",
    "valuations",
]

M = TypeVar("M", bound=CoreModel)

# --- ISO code lists -------------------------------------------------------------------------

COUNTRY_CODES: tuple[str, ...] = (*sorted(c.alpha_2 for c in pycountry.countries), "XK")
"""Every ISO 3166-1 alpha-2 code, plus Kosovo's user-assigned ``XK``."""

SUBDIVISIONS_BY_COUNTRY: Mapping[str, tuple[str, ...]] = {
    country: tuple(sorted(s.code for s in pycountry.subdivisions if s.country_code == country))
    for country in COUNTRY_CODES
}
"""ISO 3166-2 codes of each country (empty for countries without subdivisions, and for XK)."""

CURRENCY_CODES: tuple[str, ...] = tuple(sorted(c.alpha_3 for c in pycountry.currencies))
"""Every ISO 4217 alphabetic code pycountry knows."""

NORTH_AMERICA: tuple[str, ...] = ("US", "CA", "MX")
NORTH_AMERICAN_CURRENCIES: tuple[str, ...] = ("USD", "CAD", "MXN")

# --- Primitive values -----------------------------------------------------------------------

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/&'()#"
_ACCENTED = "áéíóúüñÑçÇàèâêîôûœÉÈÊßÄÖÜäöü"
_CJK = "東京上海貨物輸入会社株式中国製造漢字"
_CHARACTERS: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(_PLAIN),
    st.sampled_from(_ACCENTED + _CJK),
    st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co")),
)
_EARLIEST = dt.date(1990, 1, 1)
_LATEST = dt.date(2099, 12, 31)


@functools.cache
def text(min_size: int = 0, max_size: int = 35) -> st.SearchStrategy[str]:
    """Free text within ``min_size``..``max_size`` characters (ASCII, accents, Ñ, ß, CJK...)."""
    return st.text(_CHARACTERS, min_size=min_size, max_size=max_size)


@functools.cache
def _codes(pattern: str) -> st.SearchStrategy[str]:
    """Strings matching ``pattern`` entirely (the model's patterns are plain ASCII classes)."""
    return st.from_regex(pattern, fullmatch=True)


@functools.cache
def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


@functools.cache
def dates(
    min_value: dt.date = _EARLIEST, max_value: dt.date = _LATEST
) -> st.SearchStrategy[dt.date]:
    """Calendar dates, by default 1990..2099."""
    return st.dates(min_value=min_value, max_value=max_value)


def _decimals(
    min_value: Decimal, max_value: Decimal, max_places: int
) -> st.SearchStrategy[Decimal]:
    """Exact decimals in ``[min_value, max_value]`` with 0..``max_places`` decimal places."""
    return st.integers(0, max_places).flatmap(
        lambda places: st.decimals(
            min_value=min_value,
            max_value=max_value,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


@functools.cache
def amounts(*, allow_negative: bool = True) -> st.SearchStrategy[Decimal]:
    """Money amounts: exact, up to 4 decimal places; negative ones only when allowed."""
    non_negative = _decimals(Decimal(0), Decimal("999999999"), 4)
    if not allow_negative:
        return non_negative
    return st.one_of(non_negative, _decimals(Decimal("-999999"), Decimal(0), 2))


@functools.cache
def quantities(max_value: Decimal = Decimal("99999999")) -> st.SearchStrategy[Decimal]:
    """Non-negative quantities, weights and rates: exact, up to 6 decimal places."""
    # copy_abs() turns a possible -0 into 0: the schema's quantity pattern has no sign.
    return _decimals(Decimal(0), max_value, 6).map(lambda d: d.copy_abs())


# --- ISO codes ------------------------------------------------------------------------------


@functools.cache
def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 codes: US/CA/MX often, any country, and Kosovo's XK sometimes."""
    return st.one_of(
        st.sampled_from((*NORTH_AMERICA * 6, "XK")),  # XK about once in 40 codes
        st.sampled_from(COUNTRY_CODES),
    )


@functools.cache
def subdivisions(country: str) -> st.SearchStrategy[str | None]:
    """An ISO 3166-2 subdivision of ``country``, or ``None`` (always for countries without)."""
    codes = SUBDIVISIONS_BY_COUNTRY.get(country, ())
    if not codes:
        return st.none()
    return st.one_of(st.none(), st.sampled_from(codes))


@functools.cache
def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes: USD/CAD/MXN often, any other sometimes."""
    return st.one_of(st.sampled_from(NORTH_AMERICAN_CURRENCIES), st.sampled_from(CURRENCY_CODES))


@functools.cache
def money(currency: str | None = None, *, allow_negative: bool = True) -> st.SearchStrategy[Money]:
    """An exact amount in a currency (``currency`` fixes it)."""
    return st.builds(
        Money,
        amount=amounts(allow_negative=allow_negative),
        currency=st.just(currency) if currency is not None else currencies(),
    )


# --- Model building -------------------------------------------------------------------------


def _model(
    cls: type[M],
    required: Mapping[str, st.SearchStrategy[Any]] | None = None,
    optional: Mapping[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[M]:
    """Instances of ``cls`` with every required field and a drawn subset of optional ones."""
    fields = st.fixed_dictionaries(dict(required or {}), optional=dict(optional or {}))
    return fields.map(cls.model_validate)


def _lists(
    elements: st.SearchStrategy[Any], max_size: int = 2, min_size: int = 0
) -> st.SearchStrategy[list[Any]]:
    return st.lists(elements, min_size=min_size, max_size=max_size)


def _draw_some(
    draw: st.DrawFn, values: dict[str, Any], optional: Mapping[str, st.SearchStrategy[Any]]
) -> None:
    """Set each of the ``optional`` fields in ``values``, or not, as a coin decides."""
    for name, strategy in optional.items():
        if draw(st.booleans()):
            values[name] = draw(strategy)


# --- Parties --------------------------------------------------------------------------------


@st.composite
def addresses(draw: st.DrawFn, country: str | None = None) -> Address:
    """A postal address; its subdivision, when given, lies in its country."""
    code = country if country is not None else draw(countries())
    values: dict[str, Any] = {"country": code}
    subdivision = draw(subdivisions(code))
    if subdivision is not None:
        values["subdivision"] = subdivision
    if draw(st.booleans()):
        values["lines"] = draw(_lists(text(0, 70), max_size=4))
    if draw(st.booleans()):
        values["city"] = draw(text(0, 70))
    if draw(st.booleans()):
        values["postal_code"] = draw(text(0, 17))
    return Address.model_validate(values)


_EMAIL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789._-+éñßü"


@functools.cache
def _emails() -> st.SearchStrategy[str]:
    part = st.text(_EMAIL_CHARACTERS, min_size=1, max_size=20)
    return st.builds("{}@{}.{}".format, part, part, st.sampled_from(["com", "ca", "mx", "中国"]))


@functools.cache
def contacts() -> st.SearchStrategy[Contact]:
    """A contact: name, title, phone, e-mail, each optional."""
    return _model(
        Contact,
        optional={
            "name": text(0, 70),
            "title": text(0, 70),
            "phone": text(0, 35),
            "email": _emails(),
        },
    )


@functools.cache
def party_identifiers() -> st.SearchStrategy[PartyIdentifier]:
    """A (scheme, value) identifier, with an issuing country sometimes."""
    return _model(
        PartyIdentifier,
        required={
            "scheme": st.sampled_from(get_args(IdentifierScheme)),
            "value": text(1, 35),
        },
        optional={"country": countries()},
    )


@functools.cache
def trusted_trader_memberships() -> st.SearchStrategy[TrustedTraderMembership]:
    """C-TPAT, PIP, OEA or FAST membership."""
    return _model(
        TrustedTraderMembership,
        required={"program": st.sampled_from(["C-TPAT", "PIP", "OEA", "FAST"])},
        optional={"identifier": text(0, 35)},
    )


@functools.cache
def parties() -> st.SearchStrategy[Party]:
    """A party: name, and sometimes address, identifiers, contact, trusted-trader programmes."""
    return _model(
        Party,
        required={"name": text(1, 256)},
        optional={
            "address": addresses(),
            "identifiers": _lists(party_identifiers()),
            "contact": contacts(),
            "trusted_trader": _lists(trusted_trader_memberships()),
        },
    )


# --- Goods ----------------------------------------------------------------------------------


@functools.cache
def hs6_codes() -> st.SearchStrategy[str]:
    """Six-digit Harmonized System subheadings."""
    return _digits(6)


@st.composite
def classifications(draw: st.DrawFn, hs6: str | None = None) -> Classification:
    """HS6 with national extensions that begin with it; a NICO only with its fracción."""
    code = hs6 if hs6 is not None else draw(hs6_codes())
    values: dict[str, Any] = {"hs6": code}
    if draw(st.booleans()):
        values["us_hts"] = code + draw(_digits(4))
    if draw(st.booleans()):
        values["us_additional_hts"] = draw(
            _lists(st.builds(str.__add__, st.sampled_from(["98", "99"]), _digits(8)))
        )
    if draw(st.booleans()):
        values["ca_tariff"] = code + draw(_digits(4))
    if draw(st.booleans()):
        values["mx_fraccion"] = code + draw(_digits(2))
        if draw(st.booleans()):
            values["mx_nico"] = draw(_digits(2))
    return Classification.model_validate(values)


_UNITS = _codes(r"[A-Z0-9]{1,3}")
_JURISDICTIONS: st.SearchStrategy[NationalBlock] = st.sampled_from(["US", "CA", "MX"])


@functools.cache
def measures() -> st.SearchStrategy[Measure]:
    """A commercial quantity with a Rec 20-shaped unit code."""
    return st.builds(
        Measure, value=quantities(), unit=st.one_of(st.sampled_from(["KGM", "NMB", "LTR"]), _UNITS)
    )


@functools.cache
def tariff_quantities() -> st.SearchStrategy[TariffQuantity]:
    """A quantity in a national tariff unit."""
    return st.builds(TariffQuantity, jurisdiction=_JURISDICTIONS, value=quantities(), unit=_UNITS)


@functools.cache
def national_amounts(currency: str | None = None) -> st.SearchStrategy[NationalAmount]:
    """An amount computed for one country's filing."""
    return st.builds(
        NationalAmount, jurisdiction=_JURISDICTIONS, amount=money(currency, allow_negative=False)
    )


def preference_claims(
    certification_ids: Sequence[str] = (),
) -> st.SearchStrategy[PreferenceClaim]:
    """A USMCA claim; it refers only to one of ``certification_ids`` (none when empty)."""
    optional: dict[str, st.SearchStrategy[Any]] = {
        "origin_criterion": st.sampled_from(["A", "B", "C", "D"]),
    }
    if certification_ids:
        optional["certification_id"] = st.sampled_from(list(certification_ids))
    return _model(PreferenceClaim, optional=optional)


@functools.cache
def packages() -> st.SearchStrategy[Packages]:
    """Package count with Rec 21-shaped kind and marks."""
    return _model(
        Packages,
        required={"count": st.integers(0, 99999)},
        optional={"kind": _codes(r"[A-Z0-9]{2,3}"), "marks": text(0, 512)},
    )


@functools.cache
def documents() -> st.SearchStrategy[Document]:
    """A supporting document."""
    return _model(
        Document,
        required={"kind": text(1, 35), "reference": text(1, 70)},
        optional={"issuer": text(0, 70), "date": dates()},
    )


@functools.cache
def _mx_identifiers() -> st.SearchStrategy[MXIdentifier]:
    return _model(
        MXIdentifier,
        required={"code": _codes(r"[A-Z0-9]{2}")},
        optional={f"complement{n}": text(0, 40) for n in (1, 2, 3)},
    )


@functools.cache
def line_nationals() -> st.SearchStrategy[LineNational]:
    """National codes on a line, one optional block per country."""
    us = _model(USLineData, optional={"spi": _codes(r"[A-Z0-9#+]{1,2}")})
    ca = _model(
        CALineData,
        optional={
            "tariff_treatment": _digits(2),
            "vfd_code": _digits(2),
            "sima_code": _codes(r"[0-9]{1,2}"),
            "tariff_code": _digits(4),
        },
    )
    mx = _model(
        MXLineData,
        optional={
            "identifiers": _lists(_mx_identifiers()),
            "valuation_method": _digits(1),
            "vinculacion": st.sampled_from(["0", "1", "2"]),
        },
    )
    return _model(LineNational, optional={"us": us, "ca": ca, "mx": mx})


_WEIGHTS = ("net_weight_kg", "gross_weight_kg")


@st.composite
def goods_items(
    draw: st.DrawFn,
    *,
    line_number: int | None = None,
    currency: str | None = None,
    invoice_numbers: Sequence[str] | None = None,
    certification_ids: Sequence[str] = (),
    gross_weight: bool = False,
) -> GoodsItem:
    """A goods item.

    ``line_number`` and ``currency`` fix those values; when ``invoice_numbers`` is given the
    item refers to one of them or to none; its preference claim refers only to one of
    ``certification_ids``; with ``gross_weight`` it always has a gross weight.
    """
    origin = draw(countries())
    values: dict[str, Any] = {
        "line_number": line_number if line_number is not None else draw(st.integers(1, 9999)),
        "description": draw(text(1, 512)),
        "classification": draw(classifications()),
        "origin_country": origin,
        "value": draw(money(currency)),
    }
    subdivision = draw(subdivisions(origin))
    if subdivision is not None:
        values["origin_subdivision"] = subdivision
    weights = sorted(
        draw(st.lists(quantities(Decimal(999999)), min_size=int(gross_weight), max_size=2))
    )
    if len(weights) == 2:
        values["net_weight_kg"], values["gross_weight_kg"] = weights
    elif weights:
        which = "gross_weight_kg" if gross_weight else draw(st.sampled_from(_WEIGHTS))
        values[which] = weights[0]
    if invoice_numbers is None:
        invoice: st.SearchStrategy[str | None] = st.one_of(st.none(), text(0, 35))
    elif invoice_numbers:
        invoice = st.one_of(st.none(), st.sampled_from(list(invoice_numbers)))
    else:
        invoice = st.none()
    values["invoice_number"] = draw(invoice)
    _draw_some(
        draw,
        values,
        {
            "quantity": measures(),
            "tariff_quantities": _lists(tariff_quantities()),
            "customs_values": _lists(national_amounts()),
            "preference": preference_claims(tuple(certification_ids)),
            "packages": packages(),
            "documents": _lists(documents()),
            "manufacturer": parties(),
            "seller": parties(),
            "national": line_nationals(),
        },
    )
    return GoodsItem.model_validate(values)


# --- Transport and valuation ----------------------------------------------------------------


@functools.cache
def conveyances() -> st.SearchStrategy[Conveyance]:
    """The means of transport: name, identifier, nationality, voyage, each optional."""
    return _model(
        Conveyance,
        optional={
            "name": text(0, 35),
            "identifier": text(0, 35),
            "nationality": countries(),
            "voyage": text(0, 17),
        },
    )


@functools.cache
def transport_documents() -> st.SearchStrategy[TransportDocument]:
    """A bill, waybill or cargo control number."""
    kinds = (
        "master-bill",
        "house-bill",
        "bill-of-lading",
        "air-waybill",
        "house-air-waybill",
        "road-waybill",
        "rail-waybill",
        "cargo-control-number",
        "previous-cargo-control-number",
    )
    return _model(
        TransportDocument,
        required={"kind": st.sampled_from(kinds), "number": _codes(r"[A-Za-z0-9\-/ ]{1,35}")},
        optional={"issuer_code": text(0, 4)},
    )


@functools.cache
def equipment() -> st.SearchStrategy[Equipment]:
    """A container or trailer with seals."""
    return _model(
        Equipment,
        required={"identifier": _codes(r"[A-Z0-9]{1,17}")},
        optional={"seals": _lists(text(0, 15), max_size=3), "size_type": _codes(r"[0-9A-Z]{4}")},
    )


@functools.cache
def transports() -> st.SearchStrategy[Transport]:
    """Mode, and sometimes conveyance, carrier, documents, equipment and places."""
    return _model(
        Transport,
        required={"mode": st.sampled_from(get_args(TransportMode))},
        optional={
            "containerised": st.booleans(),
            "conveyance": conveyances(),
            "carrier": parties(),
            "documents": _lists(transport_documents()),
            "equipment": _lists(equipment()),
            "place_of_loading": text(0, 35),
            "place_of_unlading": text(0, 35),
        },
    )


@functools.cache
def exchange_rates() -> st.SearchStrategy[ExchangeRate]:
    """A non-negative exchange rate between two currencies."""
    return _model(
        ExchangeRate,
        required={
            "source_currency": currencies(),
            "target_currency": currencies(),
            "rate": quantities(Decimal(100000)),
        },
        optional={"date": dates(), "basis": text(0, 70)},
    )


@functools.cache
def charges() -> st.SearchStrategy[Charge]:
    """A cost added to or deducted from the price."""
    return _model(
        Charge,
        required={"kind": text(1, 35), "amount": money()},
        optional={"treatment": st.sampled_from(["addition", "deduction"])},
    )


@functools.cache
def valuations(currency: str | None = None) -> st.SearchStrategy[Valuation]:
    """Trade terms, currency (``currency`` fixes it), rates, freight, insurance, charges."""
    return _model(
        Valuation,
        required={"currency": st.just(currency) if currency is not None else currencies()},
        optional={
            "incoterm": st.sampled_from(get_args(Incoterm)),
            "incoterm_place": text(0, 70),
            "exchange_rates": _lists(exchange_rates()),
            "freight": money(allow_negative=False),
            "insurance": money(allow_negative=False),
            "other_charges": _lists(charges()),
            "related_parties": st.booleans(),
            "method": text(0, 3),
        },
    )


@functools.cache
def declaration_nationals() -> st.SearchStrategy[DeclarationNational]:
    """National references, one optional block per country."""
    us = _model(
        USDeclarationData,
        optional={
            "entry_number": _codes(r"[A-Z0-9]{3}[0-9]{8}"),
            "entry_type": _digits(2),
            "port_of_entry": _digits(4),
            "port_of_unlading": _digits(4),
            "mode_code": _digits(2),
            "bond_type": _digits(1),
            "surety_code": _codes(r"[0-9A-Z]{3}"),
            "location_of_goods": text(0, 4),
        },
    )
    ca = _model(
        CADeclarationData,
        optional={
            "transaction_number": st.one_of(_digits(14), _digits(19)),  # CARM: 19
            "declaration_type": _codes(r"[0-9A-Z]{1,2}"),
            "office_code": _codes(r"[0-9]{3,4}"),
            "release_office_code": _codes(r"[0-9]{3,4}"),
            "us_port_of_exit": _digits(4),
        },
    )
    mx = _model(
        MXDeclarationData,
        optional={
            "pedimento_number": _digits(15),
            "clave_pedimento": _codes(r"[A-Z0-9]{2}"),
            "aduana_seccion": _digits(3),
            "patente": _digits(4),
            "tipo_operacion": st.sampled_from(["1", "2"]),
            "regimen": _codes(r"[A-Z]{3}"),
            "destino": _codes(r"[0-9]{1,2}"),
        },
    )
    return _model(DeclarationNational, optional={"us": us, "ca": ca, "mx": mx})


# --- Certification of origin ----------------------------------------------------------------


def _one_year_after(start: dt.date) -> dt.date:
    try:
        return start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


@st.composite
def blanket_periods(draw: st.DrawFn) -> BlanketPeriod:
    """A period that ends on or after its start and covers less than twelve months."""
    start = draw(dates(max_value=dt.date(2098, 12, 31)))
    last = _one_year_after(start) - dt.timedelta(days=1)
    end = draw(st.one_of(st.just(last), st.just(start), dates(start, last)))
    return BlanketPeriod(start=start, end=end)


@functools.cache
def certified_goods() -> st.SearchStrategy[CertifiedGood]:
    """Elements 6 and 7 for one good."""
    return _model(
        CertifiedGood,
        required={
            "description": text(1, 512),
            "hs6": hs6_codes(),
            "origin_criterion": st.sampled_from(["A", "B", "C", "D"]),
        },
        optional={"invoice_number": text(0, 35)},
    )


@functools.cache
def certification_ids() -> st.SearchStrategy[str]:
    """Local references of certifications."""
    return _codes(r"[A-Za-z0-9._\-]{1,35}")


@st.composite
def certifications(draw: st.DrawFn, certification_id: str | None = None) -> CertificationOfOrigin:
    """A USMCA certification; the producer is named or withheld, never both."""
    values: dict[str, Any] = {
        "id": certification_id if certification_id is not None else draw(certification_ids()),
        "certifier_role": draw(st.sampled_from(["importer", "exporter", "producer"])),
        "certifier": draw(parties()),
        "goods": draw(_lists(certified_goods(), min_size=1, max_size=3)),
        "signed_by": draw(text(1, 70)),
        "signed_on": draw(dates()),
    }
    producer = draw(st.sampled_from(["none", "named", "withheld"]))
    if producer == "named":
        values["producer"] = draw(parties())
    elif producer == "withheld":
        values["producer_disclosure"] = draw(st.sampled_from(["various", "available-upon-request"]))
    _draw_some(
        draw,
        values,
        {"exporter": parties(), "importer": parties(), "blanket_period": blanket_periods()},
    )
    return CertificationOfOrigin.model_validate(values)


# --- Declaration ----------------------------------------------------------------------------


def _sum_in_one_currency(draw: st.DrawFn, values: Sequence[Money]) -> Money:
    """The exact total of ``values`` when they share a currency, otherwise any amount."""
    currencies_used = {v.currency for v in values}
    if len(currencies_used) == 1:
        total = sum((v.amount for v in values), Decimal(0))
        return Money(amount=total, currency=currencies_used.pop())
    return draw(money())


def _invoice(draw: st.DrawFn, number: str, items: Sequence[GoodsItem]) -> Invoice:
    """An invoice whose total, when given, is the sum of the items that refer to it."""
    values: dict[str, Any] = {"number": number}
    if draw(st.booleans()):
        values["date"] = draw(dates())
    if draw(st.booleans()):
        covered = [i.value for i in items if i.invoice_number == number]
        values["total"] = _sum_in_one_currency(draw, covered) if covered else draw(money())
    return Invoice.model_validate(values)


_TOTALS = ("invoice_total", "gross_weight_kg", "package_count", "line_count")


def _totals(draw: st.DrawFn, items: Sequence[GoodsItem]) -> Totals:
    """Declared totals that agree with ``items`` wherever the model checks."""
    values: dict[str, Any] = {}
    chosen = draw(st.lists(st.sampled_from(_TOTALS), unique=True))
    if "invoice_total" in chosen:
        values["invoice_total"] = _sum_in_one_currency(draw, [i.value for i in items])
    if "gross_weight_kg" in chosen:
        weights = [i.gross_weight_kg for i in items]
        known = [w for w in weights if w is not None]
        if len(known) == len(weights):
            values["gross_weight_kg"] = sum(known, Decimal(0))
        else:  # not checked when a line has no gross weight
            values["gross_weight_kg"] = draw(quantities())
    if "package_count" in chosen:
        values["package_count"] = draw(st.integers(0, 99999))
    if "line_count" in chosen:
        values["line_count"] = len(items)
    return Totals.model_validate(values)


@st.composite
def declarations(draw: st.DrawFn, *, min_goods: int = 1, max_goods: int = 5) -> Declaration:
    """A valid declaration with ``min_goods``..``max_goods`` goods items.

    Line numbers are unique; items refer only to declared invoices and certifications;
    invoice totals and declared totals add up whenever the model checks them.
    """
    currency = draw(currencies())
    certs = draw(st.lists(certifications(), max_size=2, unique_by=lambda c: c.id))
    cert_ids = [c.id for c in certs]
    invoice_numbers = draw(st.lists(text(1, 35), max_size=3, unique=True))
    line_numbers = draw(
        st.lists(st.integers(1, 9999), min_size=min_goods, max_size=max_goods, unique=True)
    )
    weigh_every_line = draw(st.booleans())  # so that a total gross weight is checked
    items = [
        draw(
            goods_items(
                line_number=number,
                currency=currency if draw(st.integers(0, 3)) else None,
                invoice_numbers=invoice_numbers,
                certification_ids=cert_ids,
                gross_weight=weigh_every_line,
            )
        )
        for number in line_numbers
    ]

    values: dict[str, Any] = {
        "direction": draw(st.sampled_from(["import", "export"])),
        "goods_items": items,
        "invoices": [_invoice(draw, number, items) for number in invoice_numbers],
        "certifications": certs,
    }
    if draw(st.booleans()):
        values["totals"] = _totals(draw, items)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "declaration_date": dates(),
        "arrival_date": dates(),
        "export_date": dates(),
        "country_of_export": countries(),
        "country_of_destination": countries(),
        "trader_reference": text(0, 35),
        "national": declaration_nationals(),
        "importer": parties(),
        "exporter": parties(),
        "seller": parties(),
        "buyer": parties(),
        "consignee": parties(),
        "declarant": parties(),
        "transport": transports(),
        "valuation": valuations(currency),
    }
    _draw_some(draw, values, optional)
    return Declaration.model_validate(values)

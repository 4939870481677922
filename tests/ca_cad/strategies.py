"""Hypothesis strategies for schema-valid ``ca-cad`` documents in canonical key order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from harmonized_customs.countries.ca.cad_schema import cad_fields

Doc = dict[str, Any]

ORIGINS = ("UTX", "UNY", "UMI", "US", "MX", "CN", "DE", "JP", "XK")
TREATMENTS = ("02", "10", "11", "12", "31", "99")
CURRENCIES = ("USD", "EUR", "CAD", "CNY")
UNITS = ("KGM", "NMB", "PCE", "LTR", "H87")
MODES = ("1", "2", "6", "7", "9", "5")


def _ordered(parent: str, values: Doc) -> Doc:
    """``values`` in the order the field table gives the children of ``parent``."""
    order = [f.key for f in cad_fields() if f.parent == parent]
    return {key: values[key] for key in order if key in values}


def _some(draw: st.DrawFn, values: Doc) -> Doc:
    """A random subset of ``values``."""
    return {k: v for k, v in values.items() if draw(st.booleans())}


def _amount(draw: st.DrawFn, *, negative: bool = False) -> str:
    low = -99999999 if negative else 0
    cents = draw(st.integers(min_value=low, max_value=99999999))
    places = draw(st.sampled_from([0, 1, 2, 3]))
    return format(Decimal(cents).scaleb(-places), "f")


def _date(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))
    return day.isoformat()


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40)


@st.composite
def _party(draw: st.DrawFn, *, numbered: bool) -> Doc:
    values: Doc = {"name": draw(_TEXT)}
    if numbered and draw(st.booleans()):
        values["business_number"] = draw(st.from_regex(r"[0-9]{9}RM[0-9]{4}", fullmatch=True))
    if draw(st.booleans()):
        values["address"] = {"city": draw(_TEXT.map(lambda t: t[:70])), "country": "CA"}
    return values


@st.composite
def _line(draw: st.DrawFn, number: int) -> Doc:
    values: Doc = {
        "line_number": number,
        "narrative_description": draw(_TEXT),
        "classification_number": draw(st.from_regex(r"[0-9]{10}", fullmatch=True)),
        "value_for_currency_conversion": _amount(draw, negative=True),
    }
    optional: Doc = {
        "classification_description": draw(_TEXT),
        "previous_transaction_number": draw(st.from_regex(r"[0-9]{14}", fullmatch=True)),
        "previous_transaction_line": draw(st.integers(1, 9999)),
        "special_authority": "20-1135",
        "tariff_code": draw(st.from_regex(r"[0-9]{4}", fullmatch=True)),
        "vfd_code": draw(st.sampled_from(["13", "23", "15"])),
        "sima_code": draw(st.sampled_from(["10", "51", "63"])),
        "sima_subject_flag": draw(st.sampled_from(["S", "U"])),
        "sima_measure": "EXAMPLE-AD-01",
        "customs_duty_rate": _amount(draw),
        "excise_tax_rate": _amount(draw),
        "gst_rate": "5",
        "value_for_duty": _amount(draw, negative=True),
        "customs_duties": _amount(draw, negative=True),
        "sima_assessment": _amount(draw),
        "excise_tax": _amount(draw),
        "value_for_tax": _amount(draw),
        "gst": _amount(draw),
    }
    values.update(_some(draw, optional))
    if draw(st.booleans()):
        values["quantity"] = _amount(draw)
        values["unit_of_measure"] = draw(st.sampled_from(UNITS))
    return _ordered("/sub_headers/*/lines", values)


@st.composite
def _sub_header(draw: st.DrawFn, number: int, first_line: int, lines: int) -> Doc:
    values: Doc = {
        "number": number,
        "vendor": _ordered("/sub_headers/*/vendor", draw(_party(numbered=False))),
        "country_of_origin": draw(st.sampled_from(ORIGINS)),
        "currency": draw(st.sampled_from(CURRENCIES)),
        "lines": [draw(_line(first_line + i)) for i in range(lines)],
    }
    optional: Doc = {
        "invoice_number": draw(_TEXT.map(lambda t: t[:35])),
        "place_of_export": draw(st.sampled_from(ORIGINS)),
        "tariff_treatment": draw(st.sampled_from(TREATMENTS)),
        "us_port_of_exit": draw(st.from_regex(r"[0-9]{4}", fullmatch=True)),
        "direct_shipment_date": _date(draw),
        "freight": _amount(draw),
    }
    values.update(_some(draw, optional))
    return _ordered("/sub_headers", values)


@st.composite
def cad_documents(draw: st.DrawFn) -> Doc:
    """A schema-valid CAD, with one to three sub-headers of one to three lines each."""
    header: Doc = _some(
        draw,
        {
            "cad_type": draw(st.sampled_from(["AB", "C", "F", "V"])),
            "transaction_number": draw(st.from_regex(r"[0-9]{14}([0-9]{5})?", fullmatch=True)),
            "office_code": draw(st.from_regex(r"[0-9]{4}", fullmatch=True)),
            "mode_of_transport": draw(st.sampled_from(MODES)),
            "port_of_unlading": "0440",
            "release_date": _date(draw),
            "declaration_date": _date(draw),
            "importer": _ordered("/header/importer", draw(_party(numbered=True))),
            "broker": _ordered("/header/broker", draw(_party(numbered=True))),
            "cargo_control_numbers": ["9EXN2611180417"],
            "carrier_code": "9EXN",
            "gross_weight_kg": _amount(draw),
            "adjustment_reason_codes": ["R2-74-1-C11"],
        },
    )
    counts = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    numbers = draw(st.permutations(range(1, 10)))[: len(counts)]
    sub_headers = []
    first = 1
    for number, count in zip(numbers, counts, strict=True):
        sub_headers.append(draw(_sub_header(number, first, count)))
        first += count
    document: Doc = {
        "format": "ca-cad",
        "format_version": "1.0",
        "header": _ordered("/header", header),
        "sub_headers": sub_headers,
    }
    if draw(st.booleans()):
        document["totals"] = {"value_for_duty": _amount(draw), "gst": _amount(draw)}
    return document


_DIGITS4 = st.from_regex(r"[0-9]{4}", fullmatch=True)
_MONEY = st.integers(-(10**9), 10**9).map(lambda cents: Decimal(cents).scaleb(-2))
_RATES = st.integers(0, 100000).map(lambda n: Decimal(n).scaleb(-3))


def ca_declaration_data() -> st.SearchStrategy[Doc]:
    """Data of every field of ``national.ca`` (core-json shape), each sometimes left out."""
    sub_header = st.fixed_dictionaries(
        {"number": st.integers(1, 5)},
        optional={
            "place_of_export": st.sampled_from(ORIGINS),
            "us_port_of_exit": _DIGITS4,
            "direct_shipment_date": st.dates().map(dt.date.isoformat),
            "freight": _MONEY.map(str),
        },
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "transaction_number": st.from_regex(r"[0-9]{14}([0-9]{5})?", fullmatch=True),
            "declaration_type": st.sampled_from(["AB", "F", "V"]),
            "office_code": st.from_regex(r"[0-9]{3,4}", fullmatch=True),
            "us_port_of_exit": _DIGITS4,
            "mode_of_transport": st.sampled_from(MODES),
            "port_of_unlading": _DIGITS4,
            "release_date": st.dates().map(dt.date.isoformat),
            "carrier_code": st.from_regex(r"[A-Z0-9-]{4}", fullmatch=True),
            "adjustment_reason_codes": st.lists(st.just("R2-74-1-C11"), max_size=3),
            "sub_headers": st.lists(sub_header, max_size=3, unique_by=lambda s: s["number"]),
            "totals": st.fixed_dictionaries({}, optional={"gst": _MONEY.map(str)}),
        },
    )


def ca_line_data() -> st.SearchStrategy[Doc]:
    """Data of every field of a line's ``national.ca``, each sometimes left out."""
    money = _MONEY.map(str)
    return st.fixed_dictionaries(
        {},
        optional={
            "tariff_treatment": st.sampled_from(TREATMENTS),
            "vfd_code": st.sampled_from(["13", "23"]),
            "sima_code": st.sampled_from(["10", "51"]),
            "tariff_code": _DIGITS4,
            "sub_header": st.integers(1, 5),
            "classification_description": _TEXT,
            "special_authority": st.just("20-1135"),
            "sima_subject": st.sampled_from(["S", "U"]),
            "sima_measure": st.just("EXAMPLE-AD-01"),
            "previous_transaction_number": st.from_regex(r"[0-9]{14}", fullmatch=True),
            "previous_transaction_line": st.integers(1, 9999),
            "customs_duty_rate": _RATES.map(str),
            "excise_tax_rate": _RATES.map(str),
            "gst_rate": _RATES.map(str),
            "customs_duties": money,
            "sima_assessment": money,
            "excise_tax": money,
            "value_for_tax": money,
            "gst": money,
        },
    )

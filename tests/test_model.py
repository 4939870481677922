"""One test per rule of the core model: each custom error becomes an issue with its registered
code and the RFC 6901 pointer of the object or value at fault."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from harmonized_customs.issues import Issue
from harmonized_customs.model import (
    Address,
    BlanketPeriod,
    CargoReport,
    Declaration,
    GoodsItem,
    wco,
)
from harmonized_customs.model._base import (
    Amount,
    CoreModel,
    CountryCode,
    CurrencyCode,
    Quantity,
    SubdivisionCode,
    empty_dict,
    empty_list,
)
from harmonized_customs.validation import issues_from_validation_error

BASE: dict[str, Any] = {
    "direction": "import",
    "importer": {
        "name": "Importadora Núñez, S.A. de C.V.",
        "address": {"country": "MX", "subdivision": "MX-NLE", "city": "Monterrey"},
    },
    "valuation": {"currency": "USD"},
    "invoices": [{"number": "INV-1"}],
    "goods_items": [
        {
            "line_number": 1,
            "description": "Tornillos de acero",
            "classification": {"hs6": "731815"},
            "origin_country": "MX",
            "value": {"amount": "100.00", "currency": "USD"},
            "gross_weight_kg": "12.5",
            "net_weight_kg": "12",
            "invoice_number": "INV-1",
        },
        {
            "line_number": 2,
            "description": "Écrous, Straße 東京",
            "classification": {"hs6": "731816"},
            "origin_country": "US",
            "value": {"amount": "50.25", "currency": "USD"},
            "gross_weight_kg": "3",
        },
    ],
    "certifications": [
        {
            "id": "cert-1",
            "certifier_role": "exporter",
            "certifier": {"name": "Tornillería del Norte"},
            "goods": [{"description": "Tornillos", "hs6": "731815", "origin_criterion": "B"}],
            "signed_by": "María Peña",
            "signed_on": "2026-01-05",
        }
    ],
}


def _data() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def _issues(data: dict[str, Any]) -> list[Issue]:
    with pytest.raises(ValidationError) as info:
        Declaration.model_validate(data)
    return list(issues_from_validation_error(info.value))


def _assert_only(data: dict[str, Any], code: str, pointer: str) -> Issue:
    issues = _issues(data)
    assert [(i.code, i.pointer) for i in issues] == [(code, pointer)]
    return issues[0]


def test_base_declaration_is_valid() -> None:
    declaration = Declaration.model_validate(_data())
    assert [i.line_number for i in declaration.goods_items] == [1, 2]
    assert declaration.goods_items[0].value.amount == Decimal("100.00")


# --- Addresses and ISO codes ----------------------------------------------------------------


def test_country_unknown_rejects_uk() -> None:
    data = _data()
    data["goods_items"][0]["origin_country"] = "UK"
    issue = _assert_only(data, "country_unknown", "/goods_items/0/origin_country")
    assert issue.wco_id == "063"
    assert issue.ctx["value"] == "UK"


def test_country_accepts_kosovo_xk() -> None:
    data = _data()
    data["goods_items"][0]["origin_country"] = "XK"
    data["importer"]["address"] = {"country": "XK", "city": "Prishtinë"}
    declaration = Declaration.model_validate(data)
    assert declaration.goods_items[0].origin_country == "XK"
    assert Address(country="XK").country == "XK"


def test_country_and_subdivision_codes_are_normalised_to_upper_case() -> None:
    address = Address(country="mx", subdivision="mx-nle")
    assert (address.country, address.subdivision) == ("MX", "MX-NLE")


def test_subdivision_unknown() -> None:
    data = _data()
    data["importer"]["address"] = {"country": "US", "subdivision": "US-XX"}
    issue = _assert_only(data, "subdivision_unknown", "/importer/address/subdivision")
    assert issue.ctx["value"] == "US-XX"


def test_currency_unknown() -> None:
    data = _data()
    data["goods_items"][0]["value"]["currency"] = "MXP"
    issue = _assert_only(data, "currency_unknown", "/goods_items/0/value/currency")
    assert issue.wco_id == "135"


@pytest.mark.parametrize(
    ("field", "pointer"),
    [
        ("amount", "/goods_items/0/value/amount"),
        ("gross_weight_kg", "/goods_items/0/gross_weight_kg"),
    ],
)
def test_decimal_from_float(field: str, pointer: str) -> None:
    data = _data()
    if field == "amount":
        data["goods_items"][0]["value"]["amount"] = 100.1
    else:
        data["goods_items"][0]["gross_weight_kg"] = 12.5
    _assert_only(data, "decimal_from_float", pointer)


@pytest.mark.parametrize(
    "amount", ["9E+999999", "1" * 41, "-" + "1" * 31, "1E-999999", "0." + "0" * 12 + "1"]
)
def test_amount_beyond_the_model_bounds(amount: str) -> None:
    data = _data()
    data["goods_items"][0]["value"]["amount"] = amount
    issue = _assert_only(data, "decimal_out_of_bounds", "/goods_items/0/value/amount")
    assert (issue.ctx["integer_digits"], issue.ctx["decimals"]) == (18, 12)


@pytest.mark.parametrize(
    "amount", ["9" * 18 + "." + "9" * 12, "-" + "9" * 18, "9E+17", "16.0000000000"]
)
def test_amount_at_the_model_bounds_is_accepted(amount: str) -> None:
    data = _data()
    data["goods_items"][0]["value"]["amount"] = amount
    declaration = Declaration.model_validate(data)
    assert declaration.goods_items[0].value.amount == Decimal(amount)


def test_infinite_amount_is_refused() -> None:
    data = _data()
    data["goods_items"][0]["value"]["amount"] = Decimal("Infinity")
    issue = _assert_only(data, "value_invalid", "/goods_items/0/value/amount")
    assert "finite" in issue.ctx["detail"]


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        (("goods_items", 0, "net_weight_kg"), "/goods_items/0/net_weight_kg"),
        (("totals", "gross_weight_kg"), "/totals/gross_weight_kg"),
    ],
)
def test_quantities_are_not_negative(path: tuple[str | int, ...], pointer: str) -> None:
    data = _data()
    data.setdefault("totals", {})
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = "-1"
    _assert_only(data, "value_out_of_range", pointer)


# --- Classification -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "code"),
    [("us_hts", "7318160000"), ("ca_tariff", "7318160000"), ("mx_fraccion", "73181600")],
)
def test_national_code_hs6_mismatch(field: str, code: str) -> None:
    data = _data()
    data["goods_items"][0]["classification"][field] = code
    issue = _assert_only(
        data, "national_code_hs6_mismatch", f"/goods_items/0/classification/{field}"
    )
    assert (issue.ctx["field"], issue.ctx["code"], issue.ctx["hs6"]) == (field, code, "731815")


def test_national_codes_extending_hs6_are_accepted() -> None:
    data = _data()
    data["goods_items"][0]["classification"].update(
        us_hts="7318155090",
        us_additional_hts=["9903880300"],
        ca_tariff="7318150000",
        mx_fraccion="73181599",
        mx_nico="00",
    )
    classification = Declaration.model_validate(data).goods_items[0].classification
    assert classification.mx_nico == "00"


@pytest.mark.parametrize(
    "extra",
    [
        "8471300100",  # not Chapter 98 or 99
        "990388030",  # nine digits
    ],
)
def test_additional_hts_invalid(extra: str) -> None:
    data = _data()
    data["goods_items"][0]["classification"]["us_additional_hts"] = ["9903880300", extra]
    issue = _assert_only(
        data, "additional_hts_invalid", "/goods_items/0/classification/us_additional_hts"
    )
    assert issue.ctx["code"] == extra


def test_additional_hts_needs_ascii_digits() -> None:
    data = _data()
    data["goods_items"][0]["classification"]["us_additional_hts"] = ["99²²²²²²²²"]
    issue = _assert_only(
        data, "additional_hts_invalid", "/goods_items/0/classification/us_additional_hts"
    )
    assert issue.ctx["code"] == "99²²²²²²²²"


def test_nico_without_fraccion() -> None:
    data = _data()
    data["goods_items"][0]["classification"]["mx_nico"] = "01"
    _assert_only(data, "nico_without_fraccion", "/goods_items/0/classification/mx_nico")


# --- Consistency is the core rules' business, not the model's -------------------------------


def test_an_inconsistent_declaration_loads() -> None:
    data = _data()
    data["importer"]["address"]["subdivision"] = "CA-ON"
    data["goods_items"][1]["line_number"] = 1
    data["goods_items"][1]["invoice_number"] = "INV-2"
    data["goods_items"][0]["net_weight_kg"] = "13"
    data["invoices"].append({"number": "INV-1", "total": {"amount": "1", "currency": "USD"}})
    data["totals"] = {"line_count": 7, "gross_weight_kg": "1"}
    declaration = Declaration.model_validate(data)
    assert [i.line_number for i in declaration.goods_items] == [1, 1]
    assert declaration.totals is not None
    assert declaration.totals.line_count == 7


# --- Certification of origin ----------------------------------------------------------------


def test_period_end_before_start() -> None:
    data = _data()
    data["certifications"][0]["blanket_period"] = {"start": "2026-02-01", "end": "2026-01-31"}
    issue = _assert_only(data, "period_end_before_start", "/certifications/0/blanket_period")
    assert (issue.ctx["start"], issue.ctx["end"]) == ("2026-02-01", "2026-01-31")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01", "2027-01-01"),  # exactly twelve months and a day
        ("2026-01-01", "2027-06-30"),
        ("2024-02-29", "2025-02-28"),  # a year after 29 February is 28 February
        ("2024-02-29", "2025-03-01"),
        ("2025-03-01", "2026-03-01"),
    ],
)
def test_blanket_period_too_long(start: str, end: str) -> None:
    data = _data()
    data["certifications"][0]["blanket_period"] = {"start": start, "end": end}
    issue = _assert_only(data, "blanket_period_too_long", "/certifications/0/blanket_period")
    assert (issue.ctx["start"], issue.ctx["end"]) == (start, end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01", "2026-12-31"),  # the longest period starting 1 January
        ("2024-02-29", "2025-02-27"),
        ("2023-03-01", "2024-02-29"),  # across a leap day
        ("2026-07-15", "2026-07-15"),  # a single day
    ],
)
def test_blanket_period_within_twelve_months_is_accepted(start: str, end: str) -> None:
    period = BlanketPeriod.model_validate({"start": start, "end": end})
    assert (period.end - period.start) < dt.timedelta(days=366)


def test_producer_named_and_withheld() -> None:
    data = _data()
    data["certifications"][0]["producer"] = {"name": "Aceros de Saltillo"}
    data["certifications"][0]["producer_disclosure"] = "available-upon-request"
    _assert_only(data, "producer_named_and_withheld", "/certifications/0")


def test_goods_item_rules_apply_outside_a_declaration() -> None:
    item = copy.deepcopy(BASE["goods_items"][0])
    item["classification"]["mx_nico"] = "00"
    with pytest.raises(ValidationError) as info:
        GoodsItem.model_validate(item)
    assert [(i.code, i.pointer) for i in issues_from_validation_error(info.value)] == [
        ("nico_without_fraccion", "/classification/mx_nico")
    ]


def test_wco_ids_of_the_published_schemas_are_the_models_own() -> None:
    """The WCO lookup reads the shipped schemas; they answer as the models' generated ones."""
    for model in (Declaration, CargoReport):
        published = wco._schema(model)
        generated = model.model_json_schema()
        assert published["$defs"] == generated["$defs"]
        assert published["properties"] == generated["properties"]


def test_shared_type_schemas_stay_as_built() -> None:
    """Each field of an amount, quantity or code type gets a copy of the type's one schema.

    Pydantic writes the JSON-schema hooks into the schema a type hands out; were the shared
    schema handed out itself, every field would add its hook to all the others'.
    """
    Declaration.model_json_schema()
    types: tuple[Any, ...] = (Amount, Quantity, CountryCode, SubdivisionCode, CurrencyCode)
    for annotated in types:
        (prebuilt,) = annotated.__metadata__
        assert "metadata" not in prebuilt._schema


def _core_models() -> list[type[Any]]:
    """Every model class of the core model package."""
    found: list[type[Any]] = []
    pending: list[type[Any]] = [CoreModel]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_ready_made_factory_signatures_are_the_factories_own() -> None:
    """A default factory given its signature ready made takes no arguments, as it says."""
    factories = {
        info.default_factory
        for model in _core_models()
        for info in model.model_fields.values()
        if info.default_factory is not None
    }
    ready_made = [f for f in factories if "__signature__" in vars(f)]
    assert {empty_list, empty_dict} <= set(ready_made)
    for factory in ready_made:
        assert inspect.signature(factory) == inspect.Signature()
        assert factory.__code__.co_argcount == factory.__code__.co_kwonlyargcount == 0
        assert factory() is not factory()

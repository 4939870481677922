"""The CAD check's missing values, line by line, are the writer's, in the writer's order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs.countries.ca import cad
from harmonized_customs.issues import Issue
from harmonized_customs.model import CALineData, Declaration, GoodsItem
from strategies import declarations, parties

from .test_required_sub_headers import _files

ROOT = Path(__file__).resolve().parents[2]
Wanted = Callable[[str, str], bool]


def _reference(declaration: Declaration, wanted: Wanted | None = None) -> list[Issue]:
    """What the check gave before: the header's party blocks and the grouped sub-headers."""
    document = {
        "header": {
            "importer": cad._party_out(declaration.importer),
            "broker": cad._party_out(declaration.declarant),
        },
        "sub_headers": cad._required_sub_headers(declaration),
    }
    return cad._missing_required(declaration, document, wanted)


def _refusing(kept: frozenset[int]) -> Wanted:
    """A filter keeping the values whose pointer's character sum falls in ``kept`` (mod 4)."""
    return lambda code, pointer: sum(map(ord, pointer)) % 4 in kept


_FILTERS = st.frozensets(st.integers(0, 3)).map(_refusing)


def _like(item: GoodsItem, model: GoodsItem) -> GoodsItem:
    """``item`` with the origin, treatment, currency and invoice of ``model``: what, with the
    vendor, puts lines in one sub-header."""
    national = item.national
    treatment = model.national.ca.tariff_treatment if model.national.ca else None
    if national.ca is not None or treatment is not None:
        ca = (national.ca or CALineData()).model_copy(update={"tariff_treatment": treatment})
        national = national.model_copy(update={"ca": ca})
    changes = {
        "origin_country": model.origin_country,
        "origin_subdivision": model.origin_subdivision,
        "invoice_number": model.invoice_number,
        "value": item.value.model_copy(update={"currency": model.value.currency}),
        "national": national,
    }
    return item.model_copy(update=changes)


def _often(draw: st.DrawFn) -> bool:
    """True three times in four."""
    return draw(st.integers(0, 3)) > 0


@st.composite
def _with_parties(draw: st.DrawFn) -> Declaration:
    """Lines that often share a sub-header's values and a vendor, some without an origin or a
    Canadian tariff number; in some declarations vendors without a name, or lines naming
    their sub-header; an importer and a broker given, without a name, or not at all."""
    declaration = draw(declarations(min_goods=2, max_goods=6))
    named = draw(parties())
    nameless = named.model_copy(update={"name": None})
    pool = [None, named, named.model_copy(deep=True)]
    if draw(st.booleans()):
        pool = [None, named, nameless, nameless.model_copy(deep=True)]
    numbered = draw(st.booleans())
    models = declaration.goods_items[:2]
    items: list[GoodsItem] = []
    for item in declaration.goods_items:
        changed = _like(item, models[0] if _often(draw) else models[1])
        update: dict[str, object] = {"seller": draw(st.sampled_from(pool))}
        if not _often(draw):
            update["origin_country"] = update["origin_subdivision"] = None
        if _often(draw):
            classification = changed.classification.model_copy(update={"ca_tariff": None})
            update["classification"] = classification
        if numbered and draw(st.booleans()):
            ca = (changed.national.ca or CALineData()).model_copy(
                update={"sub_header": draw(st.integers(1, 2))}
            )
            update["national"] = changed.national.model_copy(update={"ca": ca})
        items.append(changed.model_copy(update=update))
    update = {
        "goods_items": items,
        "seller": draw(st.sampled_from(pool)),
        "importer": draw(st.sampled_from([None, named, nameless])),
        "declarant": draw(st.sampled_from([None, named, nameless])),
    }
    return declaration.model_copy(update=update)


@given(_with_parties(), st.none() | _FILTERS)
def test_the_same_issues_in_the_same_order(declaration: Declaration, wanted: Wanted | None) -> None:
    assert cad.required_issues(declaration, wanted) == _reference(declaration, wanted)


@given(_with_parties())
def test_each_value_asked_once(declaration: Declaration) -> None:
    asked: list[str] = []

    def wanted(code: str, pointer: str) -> bool:
        asked.append(pointer)
        return True

    issues = cad.required_issues(declaration, wanted)
    assert sorted(asked) == sorted(i.pointer for i in issues)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_same_in_every_sample(path: Path) -> None:
    for result in hc.read(path):
        if isinstance(result.document, Declaration):
            document = result.document
            assert cad.required_issues(document) == _reference(document)
            every_other = _refusing(frozenset({0, 2}))
            assert cad.required_issues(document, every_other) == _reference(document, every_other)


def _truck(*changes: Mapping[str, object]) -> Declaration:
    """``examples/us-to-ca-truck.json`` (three US lines of one vendor), each line changed."""
    declaration: Declaration = hc.load(ROOT / "examples" / "us-to-ca-truck.json")
    lines = zip(declaration.goods_items, changes, strict=True)
    items = [item.model_copy(update=dict(change)) for item, change in lines]
    return declaration.model_copy(update={"goods_items": items})


def _pointers(declaration: Declaration) -> list[str]:
    return [issue.pointer for issue in cad.required_issues(declaration)]


def test_the_lines_values_in_the_order_of_their_sub_headers() -> None:
    untariffed = {"ca_tariff": None}
    mexican = {"origin_country": "MX", "origin_subdivision": None}
    lines = [
        {"classification": item.classification.model_copy(update=untariffed), **origin}
        for item, origin in zip(_truck({}, {}, {}).goods_items, ({}, mexican, {}), strict=True)
    ]
    assert _pointers(_truck(*lines)) == [
        "/goods_items/0/classification/ca_tariff",
        "/goods_items/2/classification/ca_tariff",
        "/goods_items/1/classification/ca_tariff",
    ]


def test_a_vendor_without_a_name_is_its_sub_headers_first_lines() -> None:
    declaration = _truck({}, {}, {})
    nameless = declaration.seller.model_copy(update={"name": None}) if declaration.seller else None
    mexican = {"origin_country": "MX", "origin_subdivision": None}
    changed = _truck({}, {**mexican, "seller": nameless}, {**mexican, "seller": nameless})
    assert _pointers(changed) == ["/goods_items/1/seller/name"]


def test_a_named_sub_header_takes_its_first_lines_origin() -> None:
    def numbered(number: int | None) -> dict[str, object]:
        line = _truck({}, {}, {}).goods_items[0]
        ca = (line.national.ca or CALineData()).model_copy(update={"sub_header": number})
        return {"national": line.national.model_copy(update={"ca": ca})}

    without_origin = {"origin_country": None, "origin_subdivision": None}
    changed = _truck(numbered(1), {**numbered(1), **without_origin}, without_origin)
    assert _pointers(changed) == ["/goods_items/2/origin_country"]

"""The CAD check reads of each sub-header what the writer's sub-headers give."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs.countries.ca import cad
from harmonized_customs.model import CALineData, Declaration, GoodsItem, LineNational, Party
from strategies import declarations, parties

ROOT = Path(__file__).resolve().parents[2]


def _reference(declaration: Declaration) -> list[tuple[str, str]]:
    """What the check found before: the writer's sub-headers, lines with required values."""
    document = {"sub_headers": cad._sub_headers(declaration, cad._line_required)}
    return list(cad._each_missing(declaration, document))


def _checked(declaration: Declaration) -> list[tuple[str, str]]:
    document = {"sub_headers": cad._required_sub_headers(declaration)}
    return list(cad._each_missing(declaration, document))


@st.composite
def _varied(draw: st.DrawFn) -> Declaration:
    """A declaration whose lines share sellers (the same object or an equal copy), lack a
    seller, a seller's name, an origin or a Canadian tariff number, or name a sub-header."""
    declaration = draw(declarations(max_goods=5))
    pool: list[Party | None] = [None, *draw(st.lists(parties(), min_size=1, max_size=2))]
    pool += [p.model_copy(update={"name": None}) for p in pool if p is not None]
    pool += [p.model_copy(deep=True) for p in pool if p is not None]
    items: list[GoodsItem] = []
    for item in declaration.goods_items:
        classification = item.classification
        if draw(st.booleans()):
            classification = classification.model_copy(update={"ca_tariff": None})
        national = item.national
        if draw(st.booleans()):
            number = draw(st.none() | st.integers(1, 3))
            ca = (national.ca or CALineData()).model_copy(update={"sub_header": number})
            national = (national or LineNational()).model_copy(update={"ca": ca})
        changes = {
            "seller": draw(st.sampled_from(pool)),
            "classification": classification,
            "national": national,
        }
        if draw(st.booleans()):
            changes["origin_country"] = None
            changes["origin_subdivision"] = None
        items.append(item.model_copy(update=changes))
    seller = draw(st.sampled_from(pool))
    return declaration.model_copy(update={"goods_items": items, "seller": seller})


@given(_varied())
def test_the_checks_sub_headers_give_the_writers_missing_values(declaration: Declaration) -> None:
    assert _checked(declaration) == _reference(declaration)


def _files() -> list[Path]:
    patterns = ("examples/*.json", "tests/conformance/samples/*/*", "tests/data/ca/**/*")
    return sorted(p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file())


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_same_in_every_sample(path: Path) -> None:
    for result in hc.read(path):
        if isinstance(result.document, Declaration):
            assert _checked(result.document) == _reference(result.document)

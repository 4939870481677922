"""The CAD writer's losses: read back without validation, the same as the validated read-back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings

from harmonized_customs.countries.ca import cad
from harmonized_customs.model import CALineData, Declaration, GoodsItem, LineNational
from strategies import declarations

from .conftest import DATA


def _declaration() -> Declaration:
    read = next(cad.read((DATA / "valid" / "lvs_under_3300.json").read_bytes()))
    assert isinstance(read.document, Declaration)
    return read.document


def _with_ca(item: GoodsItem, **values: Any) -> GoodsItem:
    national = LineNational(ca=CALineData.model_construct(**values))
    return item.model_copy(update={"national": national})


def _issues(declaration: Declaration) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The losses by the unvalidated read-back and by the validated one."""
    document = cad.to_document(declaration)
    fast = [i.to_dict() for i in cad._not_carried(declaration, document)]
    reference = [i.to_dict() for i in cad._not_carried_validated(declaration, document)]
    return fast, reference


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(declarations())
def test_read_back_gives_the_issues_of_the_validated_read_back(declaration: Declaration) -> None:
    fast, reference = _issues(declaration)
    assert fast == reference


def test_a_signed_zero_amount_comes_back_unsigned() -> None:
    """Validation drops the sign; a model built without it can still hold one."""
    declaration = _declaration()
    item = _with_ca(declaration.goods_items[0], customs_duties=Decimal("-0.00"))
    declaration.goods_items[0] = item
    fast, reference = _issues(declaration)
    assert fast == reference
    assert "/goods_items/0/national/ca/customs_duties" in {i["pointer"] for i in fast}


def test_a_sub_header_beyond_999_is_read_back_by_the_model() -> None:
    declaration = _declaration()
    first = _with_ca(declaration.goods_items[0], sub_header=999)
    other = _with_ca(declaration.goods_items[0]).model_copy(update={"line_number": 2})
    declaration = declaration.model_copy(update={"goods_items": [first, other]})
    document = cad.to_document(declaration)
    assert [s["number"] for s in document["sub_headers"]] == [999, 1000]
    assert cad.read_back(declaration, document) is None
    fast, reference = _issues(declaration)
    assert fast == reference
    assert [i["code"] for i in fast] == ["ca_cad_loss_not_listed"]

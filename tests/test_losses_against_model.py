"""``lost_against_model``: the nodes ``lost_against`` finds in the model's dump, fewer dumped."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.losses import lost_against, lost_against_model
from harmonized_customs.model import Declaration
from strategies import declarations


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Declaration, dict[str, Any], dict[str, Any]]:
    """A declaration, its dump, and a read-back: some fields kept, dropped or changed."""
    declaration = draw(declarations(max_goods=3))
    dump = declaration.model_dump(mode="json", exclude_defaults=True)
    kept = draw(st.sets(st.sampled_from(sorted(dump))))
    changed = draw(st.sets(st.sampled_from(sorted(kept)))) if kept else set()
    back = {name: "changed" if name in changed else dump[name] for name in sorted(kept)}
    return declaration, dump, back


@given(_cases())
def test_same_nodes_as_against_the_whole_dump(
    case: tuple[Declaration, dict[str, Any], dict[str, Any]],
) -> None:
    declaration, dump, back = case
    ignore = {"/direction", "/schema_version"}
    assert lost_against_model(declaration, back, ignore=ignore) == lost_against(
        dump, back, ignore=ignore
    )


def test_a_field_the_read_back_lacks_is_lost_whole() -> None:
    declaration = Declaration.model_validate(
        {
            "direction": "import",
            "trader_reference": "PO-1",
            "goods_items": [
                {
                    "line_number": 1,
                    "description": "Bolts",
                    "classification": {"hs6": "731815"},
                    "value": {"amount": "10.00", "currency": "USD"},
                }
            ],
        }
    )
    back = {"goods_items": [{"line_number": 1, "description": "Bolts"}]}
    assert lost_against_model(declaration, back, ignore={"/direction"}) == [
        "/trader_reference",
        "/goods_items/0/classification",
        "/goods_items/0/value",
    ]

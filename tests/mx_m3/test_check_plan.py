"""A check's plan of the M3 records finds what the record engine finds, asking the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import records
from harmonized_customs.countries.mx import m3_check
from harmonized_customs.countries.mx.m3_layout import DIALECT, RecordDef, Value, layout

DEFINITIONS = list(layout().records.values())

TEXTS = st.one_of(
    st.text(max_size=6),
    st.text(alphabet="AZaz09 |\r\n-.áÑ€\x81ſ漢", max_size=8),
    st.sampled_from(["", " ", "A", "01", "6", "USA", "CAN", "TL", "00", "é", "|", "\n", "1" * 300]),
)
NUMBERS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.decimals(min_value=0, max_value=10**12, places=3),
    st.sampled_from(
        [Decimal(0), Decimal("-0"), Decimal("0.00"), Decimal("1E+3"), Decimal("5E-1"), Decimal(-1)]
    ),
)
DATES = st.one_of(st.dates(), st.datetimes(), st.just(dt.date(2100, 1, 1)))
VALUES: st.SearchStrategy[Value] = st.one_of(
    st.none(), TEXTS, NUMBERS, DATES, st.integers(-5, 10**11), st.booleans()
)


@st.composite
def records_with_values(draw: st.DrawFn) -> tuple[RecordDef, dict[str, Value]]:
    """An M3 record definition and values for some of its data fields (and one it lacks)."""
    definition = draw(st.sampled_from(DEFINITIONS))
    names = [fd.name for fd in definition.data_fields] + ["not_a_field"]
    return definition, {name: draw(VALUES) for name in names if draw(st.booleans())}


def _filter(answer: bool | None, asked: list[tuple[str, str]]) -> m3_check.Keep:
    """A filter recording each question: always ``answer``, or yes and no in turn (None)."""

    def keep(code: str, name: str) -> bool:
        asked.append((code, name))
        return answer if answer is not None else len(asked) % 2 == 0

    return keep


@given(records_with_values())
def test_the_plan_finds_and_asks_what_the_engine_does(
    case: tuple[RecordDef, dict[str, Value]],
) -> None:
    definition, values = case
    for answer in (True, False, None):
        by_engine: list[tuple[str, str]] = []
        by_plan: list[tuple[str, str]] = []
        expected = records.record_problems(DIALECT, definition, values, _filter(answer, by_engine))
        assert m3_check.problems(definition, values, _filter(answer, by_plan)) == expected
        assert by_plan == by_engine


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("Reproductores de raza pura", []),
        ("Cañón ÑANDÚ €", []),
        ("a|b", ["separator"]),
        ("漢", ["not_encodable"]),
        ("x" * 251, ["overlong"]),
    ],
)
def test_a_description_fits_or_is_refused_as_the_engine_says(value: str, kinds: list[str]) -> None:
    definition = layout().records["551"]
    values = {"descripcion": value}
    found = m3_check.problems(definition, values, lambda code, name: name == "descripcion")
    assert [p.kind for p in found] == kinds
    assert found == records.record_problems(
        DIALECT, definition, values, lambda code, name: name == "descripcion"
    )


def test_the_plan_is_made_once_per_definition() -> None:
    definition = layout().records["551"]
    assert m3_check._plan(definition) is m3_check._plan(definition)

"""The compiled record formatter gives what the record engine gives, for any values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import records
from harmonized_customs.countries.us import abi_records, abi_write
from harmonized_customs.countries.us.abi_read import _values_of
from harmonized_customs.countries.us.abi_records import (
    DIALECT,
    RecordDef,
    Value,
    compiled_record,
    compiled_record_back,
    field_def,
    load_edition,
)
from harmonized_customs.issues import Issue

EDITIONS = abi_records.edition_names()
DEFINITIONS = [d for name in EDITIONS for d in load_edition(name).records.values()]

TEXTS = st.one_of(
    st.text(alphabet="AZ09 -.a/", max_size=12),
    st.sampled_from(["", " ", "A", "AE", "01", "S", "US", "MX", "0001", "é", "\n"]),
)
NUMBERS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
    st.decimals(min_value=0, max_value=10**12, places=3),
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.00"), Decimal("1E+3"), Decimal("5E-1")]),
)
DATES = st.one_of(
    st.dates(),
    st.datetimes(),
    st.sampled_from([dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(2099, 12, 31)]),
    st.just(dt.date(2100, 1, 1)),
)
VALUES: st.SearchStrategy[Value] = st.one_of(
    st.none(), TEXTS, NUMBERS, DATES, st.integers(-5, 10**11), st.booleans()
)


@st.composite
def records_with_values(draw: st.DrawFn) -> tuple[RecordDef, dict[str, Value]]:
    """A record definition of some edition and values for some of its data fields."""
    definition = draw(st.sampled_from(DEFINITIONS))
    names = [fd.name for fd in definition.data_fields]
    chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    return definition, {name: draw(VALUES) for name in chosen}


@given(records_with_values())
def test_compiled_record_formats_as_the_engine(case: tuple[RecordDef, dict[str, Value]]) -> None:
    definition, values = case
    assert compiled_record(definition)(values) == records.format_record(DIALECT, definition, values)


@given(records_with_values())
def test_values_known_are_the_readers(case: tuple[RecordDef, dict[str, Value]]) -> None:
    definition, values = case
    text, problems, back = compiled_record_back(definition)(values)
    assert (text, problems) == records.format_record(DIALECT, definition, values)
    if back is not None:
        assert repr(back) == repr(_values_of(definition, text))  # Decimal exponents too


@given(records_with_values())
def test_a_problem_is_the_writers_issue_as_issue_of_makes_it(
    case: tuple[RecordDef, dict[str, Value]],
) -> None:
    definition, values = case
    for problem in compiled_record(definition)(values)[1]:
        expected = Issue.of(problem.code, "/x", target="US", **problem.ctx)
        assert abi_write._problem_issue(problem, "/x") == expected


@pytest.mark.parametrize(
    ("cls", "value", "text", "kinds"),
    [
        ("SN", Decimal("12.34"), "      1234", []),
        ("SN", Decimal(0), "         0", []),
        ("SN", Decimal("1.005"), "       101", ["rounded"]),
        ("SN", Decimal(-1), "          ", ["not_representable"]),
        ("D", dt.date(2026, 1, 2), "010226", []),
        ("D", dt.date(1999, 1, 2), "      ", ["not_representable"]),
        ("D", dt.date(2100, 1, 1), "      ", ["not_representable"]),
        ("N", "42", "0042", []),
        ("AN", "ab", "    ", ["wrong_class"]),
    ],
)
def test_compiled_field_cases(cls: str, value: Value, text: str, kinds: list[str]) -> None:
    fd = field_def("50", "duty", 3, 10 if cls == "SN" else 6 if cls == "D" else 4, cls, decimals=2)
    definition = RecordDef("50", (field_def("50", "control", 1, 2, "AN"), fd))
    written, problems = compiled_record(definition)({"duty": value})
    assert written[2:] == text
    assert [p.kind for p in problems] == kinds
    assert (written, problems) == records.format_record(DIALECT, definition, {"duty": value})


def test_compiled_record_is_made_once_per_definition() -> None:
    definition = load_edition().records["40"]
    assert compiled_record(definition) is compiled_record(definition)


def test_a_required_field_left_empty_gives_the_engine_problem() -> None:
    definition = load_edition().records["40"]
    got = compiled_record(definition)({})
    assert got == records.format_record(DIALECT, definition, {})
    assert got[1]

"""The record engine on its own: one layout vocabulary for fixed-width and delimited records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmonized_customs import records
from harmonized_customs.countries.mx import m3_layout
from harmonized_customs.countries.us import abi_records
from harmonized_customs.issues import Severity, get_issue_code
from harmonized_customs.records import Dialect, FieldDef, RecordDef, Value

FIXED = Dialect(name="toy fixed", codes={}, record_length=21)
PIPES = Dialect(name="toy pipes", codes={"class:decimal": "not_a_decimal"}, separator="|")


def _fixed_record() -> RecordDef:
    return RecordDef(
        "T1",
        (
            FieldDef("T1", "control", "alphanumeric", 2, start=1),
            FieldDef("T1", "code", "alphanumeric", 4, start=3, required=True),
            FieldDef("T1", "amount", "decimal", 8, start=7, decimals=2),
            FieldDef("T1", "filler", "filler", 1, start=15),
            FieldDef("T1", "date", "date", 6, start=16, date_format="MMDDYY"),
        ),
    )


def _pipe_record() -> RecordDef:
    return RecordDef(
        "900",
        (
            FieldDef("900", "key", "digits", 4, index=1, required=True),
            FieldDef("900", "rate", "decimal", 10, index=2, decimals=3),
            FieldDef("900", "day", "date", 8, index=3, date_format="DDMMYYYY"),
            FieldDef("900", "note", "text", 10, index=4),
        ),
    )


def test_fixed_width_round_trip_with_implied_decimals() -> None:
    values: dict[str, Value] = {
        "code": "AB12",
        "amount": Decimal("12.50"),
        "date": dt.date(2026, 7, 4),
    }
    text, problems = records.format_record(FIXED, _fixed_record(), values)
    assert (text, problems) == ("T1AB12    1250 070426", [])
    parsed = records.parse_record(FIXED, _fixed_record(), text, 3)
    assert parsed.problems == []
    assert parsed.values == values


def test_fixed_width_problems_are_located_by_column() -> None:
    parsed = records.parse_record(FIXED, _fixed_record(), "T1    12X4    X070426", 7)
    found = {(p.kind, p.column, p.field.name if p.field else None) for p in parsed.problems}
    assert found == {("missing", 3, "code"), ("class", 9, "amount"), ("filler", 15, "filler")}
    assert all(p.ctx["record"] == "T1" for p in parsed.problems)


def test_fixed_width_refuses_what_would_spill_or_corrupt() -> None:
    definition = _fixed_record()
    text, problems = records.format_record(
        FIXED, definition, {"code": "TOOLONG", "amount": "12A", "date": "2026-07-04"}
    )
    assert text == "T1" + " " * 19
    assert [p.kind for p in problems] == ["overlong", "wrong_class", "wrong_class"]


def test_delimited_round_trip_and_columns() -> None:
    line = "900|0042|17.125|05032026|a&b|"
    split = records.split(PIPES, line, 2)
    assert split.columns == (5, 10, 17, 26)
    parsed = records.parse_record(PIPES, _pipe_record(), line, 2)
    assert parsed.problems == []
    assert parsed.values == {
        "key": "0042",
        "rate": Decimal("17.125"),
        "day": dt.date(2026, 3, 5),
        "note": "a&b",
    }
    assert records.format_record(PIPES, _pipe_record(), parsed.values) == (line, [])


def test_delimited_problem_codes_come_from_the_dialect() -> None:
    parsed = records.parse_record(PIPES, _pipe_record(), "900|0042|17,1|31022026|x|", 1)
    assert [(p.code, p.column) for p in parsed.problems] == [
        ("not_a_decimal", 10),
        ("date", 15),
    ]


@pytest.mark.parametrize(
    ("name", "value", "kind"),
    [
        ("key", "42A", "wrong_class"),
        ("key", "12345", "overlong"),
        ("rate", Decimal(-1), "not_representable"),
        ("day", Decimal(5), "wrong_class"),
        ("note", dt.date(2026, 1, 1), "wrong_class"),
    ],
)
def test_delimited_refuses_values_that_do_not_fit(name: str, value: Value, kind: str) -> None:
    spec = _pipe_record().field(name)
    text, problems = records.format_field(PIPES, spec, value)
    assert text == ""
    assert [p.kind for p in problems] == [kind]


def _field_by_field(
    dialect: Dialect, definition: RecordDef, values: dict[str, Value]
) -> tuple[str, list[records.Problem]]:
    """A record as :func:`records.format_field` writes each of its fields."""
    parts: list[str] = [] if dialect.fixed else [definition.record_id]
    problems: list[records.Problem] = []
    for fd in definition.fields if dialect.fixed else definition.data_fields:
        text, found = records.format_field(dialect, fd, values.get(fd.name))
        parts.append(text)
        problems.extend(found)
    if dialect.fixed:
        return "".join(parts), problems
    return dialect.separator.join(parts) + dialect.separator, problems


def _shipped_layouts() -> list[tuple[Dialect, RecordDef]]:
    edition = abi_records.load_edition(None)
    return [(abi_records.DIALECT, d) for d in edition.records.values()] + [
        (m3_layout.DIALECT, d) for d in m3_layout.layout().records.values()
    ]


def _sample_value(fd: FieldDef) -> Value:
    samples: dict[str, Value] = {
        "date": dt.date(2026, 7, 4),
        "integer": 7,
        "decimal": Decimal("12.345"),
        "digits": "12345678901234",
    }
    return samples.get(fd.cls, "ABC|x\u00e9")


def test_a_record_is_its_fields_written_one_by_one() -> None:
    for dialect, definition in _shipped_layouts():
        filled: dict[str, Value] = {fd.name: _sample_value(fd) for fd in definition.data_fields}
        for values in ({}, filled):
            assert records.format_record(dialect, definition, values) == _field_by_field(
                dialect, definition, values
            ), definition.record_id


_VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("AZaz09 -.|\r\nÑé€Ā\x7f"), max_size=90),
    st.sampled_from(["", "US", "S", "AE", "01", "1", "USD", "KG"]),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.decimals(min_value=-(10**12), max_value=10**12, places=4),
    st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(min_value=0, max_value=10**16),
        st.integers(min_value=-3, max_value=5),
    ),
    st.integers(min_value=-5, max_value=10**15),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
_LAYOUTS = [
    (abi_records.DIALECT, definition)
    for definition in abi_records.load_edition(None).records.values()
] + [(m3_layout.DIALECT, definition) for definition in m3_layout.layout().records.values()]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_LAYOUTS), st.data())
def test_record_problems_are_those_of_formatting(layout: Any, data: st.DataObject) -> None:
    dialect, definition = layout
    values = {fd.name: data.draw(_VALUES) for fd in definition.data_fields}
    _, problems = records.format_record(dialect, definition, values)
    assert records.record_problems(dialect, definition, values) == problems


def _blocks(code: str, name: str = "") -> bool:
    return get_issue_code(code).severity is Severity.ERROR


def _warns(code: str, name: str = "") -> bool:
    return not _blocks(code)


def _odd_names(code: str, name: str) -> bool:
    return len(name) % 2 == 1


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_LAYOUTS), st.data())
def test_record_problems_kept_are_those_the_filter_accepts(
    layout: Any, data: st.DataObject
) -> None:
    dialect, definition = layout
    values = {fd.name: data.draw(_VALUES) for fd in definition.data_fields}
    every = records.record_problems(dialect, definition, values)
    for keep in (_blocks, _odd_names):
        asked: list[tuple[str, str]] = []

        def noted(code: str, name: str, keep: Any = keep, asked: Any = asked) -> bool:
            asked.append((code, name))
            return bool(keep(code, name))

        kept = records.record_problems(dialect, definition, values, noted)
        assert kept == [p for p in every if p.field and keep(p.code, p.field.name)]
        assert asked == [(p.code, p.field.name) for p in every if p.field]  # each once, in order


def _issue_codes(dialect: Dialect) -> list[str]:
    return sorted(set(dialect.codes.values()))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_LAYOUTS), st.data())
def test_record_problems_of_the_codes_asked_for(layout: Any, data: st.DataObject) -> None:
    dialect, definition = layout
    values = {fd.name: data.draw(_VALUES) for fd in definition.data_fields}
    every = records.record_problems(dialect, definition, values)
    blocking = frozenset(c for c in _issue_codes(dialect) if _blocks(c))
    chosen = frozenset(data.draw(st.sets(st.sampled_from(_issue_codes(dialect)))))
    for codes in (blocking, chosen):
        assert records.record_problems(dialect, definition, values, None, codes) == [
            p for p in every if p.code in codes
        ]
        asked: list[tuple[str, str]] = []

        def noted(code: str, name: str, asked: Any = asked) -> bool:
            asked.append((code, name))
            return _odd_names(code, name)

        kept = records.record_problems(dialect, definition, values, noted, codes)
        of_codes = [p for p in every if p.field and p.code in codes]
        assert kept == [p for p in of_codes if p.field and _odd_names(p.code, p.field.name)]
        assert asked == [(p.code, p.field.name) for p in of_codes if p.field]  # the others not


_TEXTS = st.text(alphabet=st.sampled_from("AZaz09 -~.|\r\n\t\x00\x7fÑé€Ā"), max_size=90)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LAYOUTS), st.data())
def test_a_text_fits_its_field_as_its_check_plan_says(layout: Any, data: st.DataObject) -> None:
    """The check plan's pattern of a text field matches exactly the texts it holds as they are."""
    dialect, definition = layout
    for fd in definition.data_fields:
        fitting = records._fitting_text(dialect, fd)
        if fitting is None:
            assert fd.cls not in {"alpha", "alphanumeric", "printable", "text", "digits"}
            continue
        for value in (data.draw(_TEXTS), *fd.values):
            if value:  # an empty text is no value: never tested against the pattern
                fits = records.format_field(dialect, fd, value)[1] == []
                assert (fitting.fullmatch(value) is not None) == fits, (fd, value)


def test_record_problems_skip_what_fits_and_report_the_rest() -> None:
    values: dict[str, Value] = {"key": "12a", "rate": Decimal("1.2345"), "note": "ok"}
    found = records.record_problems(PIPES, _pipe_record(), values)
    assert [(p.kind, p.field.name if p.field else None) for p in found] == [
        ("wrong_class", "key"),
        ("decimals", "rate"),
    ]
    assert records.record_problems(PIPES, _pipe_record(), {"key": "1234"}) == []


def test_a_check_not_asking_about_decimals_finds_only_numbers_refused() -> None:
    """A delimited number with more decimals than allowed only warns; a check not asking
    about decimals finds the numbers the field refuses (below zero, not whole in integers)."""
    record = RecordDef(
        "901",
        (
            FieldDef("901", "rate", "decimal", 10, index=1, decimals=3),
            FieldDef("901", "count", "integer", 5, index=2),
        ),
    )
    refusals = frozenset({"not_representable", "unset"})

    def kinds(values: dict[str, Value], codes: frozenset[str] | None) -> list[str]:
        return [p.kind for p in records.record_problems(PIPES, record, values, None, codes)]

    assert kinds({"rate": Decimal("1.23456")}, None) == ["decimals"]
    assert kinds({"rate": Decimal("1.23456"), "count": Decimal("2.00")}, refusals) == []
    assert kinds({"rate": Decimal("-1.5")}, refusals) == ["not_representable"]
    assert kinds({"rate": Decimal("NaN"), "count": Decimal("2.5")}, refusals) == [
        "not_representable",
        "not_representable",
    ]


def _edge_numbers(fd: FieldDef) -> list[Value]:
    places = fd.decimals or 0
    widest = Decimal(10**fd.length - 1).scaleb(-places)
    finer = Decimal(1).scaleb(-places - 1)
    return [
        *(widest, widest + 1, finer, widest - finer, Decimal(0), Decimal("-0"), 10**fd.length),
        *(Decimal(-1), Decimal("NaN"), Decimal("Infinity"), widest + finer * 5, widest / 10),
        *(widest / 10 + finer * 5, Decimal("0E+99"), Decimal("1E-99"), Decimal("sNaN")),
    ]


@pytest.mark.parametrize(("dialect", "definition"), _LAYOUTS)
def test_record_problems_at_the_edges_of_number_fields(
    dialect: Dialect, definition: RecordDef
) -> None:
    numbers = [fd for fd in definition.data_fields if fd.cls in {"integer", "decimal"}]
    for fd in numbers:
        for value in _edge_numbers(fd):
            _, problems = records.format_record(dialect, definition, {fd.name: value})
            assert records.record_problems(dialect, definition, {fd.name: value}) == problems
            for keep in (_blocks, _warns):  # a filter: only the problems it accepts are made
                kept = records.record_problems(dialect, definition, {fd.name: value}, keep)
                assert kept == [p for p in problems if keep(p.code)]
                codes = frozenset(c for c in _issue_codes(dialect) if keep(c))
                of_codes = records.record_problems(
                    dialect, definition, {fd.name: value}, None, codes
                )
                assert of_codes == kept


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_LAYOUTS), st.data())
def test_record_problems_of_values_that_mostly_fit(layout: Any, data: st.DataObject) -> None:
    """Records whose values mostly fit (the common case, tested for the whole record at once)."""
    dialect, definition = layout
    values = {
        fd.name: data.draw(st.one_of(st.just(_sample_value(fd)), st.none(), _VALUES))
        for fd in definition.data_fields
    }
    _, problems = records.format_record(dialect, definition, values)
    assert records.record_problems(dialect, definition, values) == problems
    blocking = frozenset(c for c in _issue_codes(dialect) if _blocks(c))
    asked: list[tuple[str, str]] = []

    def noted(code: str, name: str) -> bool:
        asked.append((code, name))
        return _odd_names(code, name)

    kept = records.record_problems(dialect, definition, values, noted, blocking)
    of_codes = [p for p in problems if p.field and p.code in blocking]
    assert kept == [p for p in of_codes if p.field and _odd_names(p.code, p.field.name)]
    assert asked == [(p.code, p.field.name) for p in of_codes if p.field]

"""Round-trip properties of the M3 engine and format (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmonized_customs.issues import Severity
from harmonized_customs.jurisdictions.mx import pedimento_m3
from harmonized_customs.jurisdictions.mx.m3_layout import (
    FieldDef,
    RecordDef,
    Value,
    format_record,
    format_value,
    layout,
    parse_line,
    parse_record,
)
from harmonized_customs.model import Declaration
from strategies import declarations

from .conftest import GOOD, read_path

_TEXT = st.text(
    st.characters(codec="latin-1", exclude_characters="|\r\n", exclude_categories=("Cc", "Cs")),
    min_size=1,
)


def _field_values(spec: FieldDef) -> st.SearchStrategy[Value]:
    """Valid values of one field, or None (empty)."""
    width = max(1, min(spec.length, 12))
    if spec.source_class == "N":
        kind: st.SearchStrategy[Value] = st.from_regex(rf"[0-9]{{1,{width}}}", fullmatch=True)
    elif spec.source_class == "I":
        kind = st.integers(0, 10**width - 1).map(Decimal)
    elif spec.source_class == "D":
        places = spec.decimals or 0
        kind = st.decimals(0, 10**6, places=places, allow_nan=False).map(
            lambda d: d.quantize(Decimal(1).scaleb(-places))
        )
    elif spec.source_class == "F":
        kind = st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31))
    else:
        kind = _TEXT.filter(lambda t: len(t) <= spec.length)
    return st.none() | kind


@st.composite
def records(draw: st.DrawFn) -> tuple[RecordDef, dict[str, Value]]:
    """A record type and valid values for each of its fields."""
    definition = draw(st.sampled_from(sorted(layout().records.values(), key=lambda r: r.code)))
    values = {spec.name: draw(_field_values(spec)) for spec in definition.fields}
    return definition, values


@given(records())
def test_record_text_round_trip(drawn: tuple[RecordDef, dict[str, Value]]) -> None:
    definition, values = drawn
    text, _ = format_record(definition, values)
    record, issues = parse_record(parse_line(text, 1), definition)
    assert [i.code for i in issues if i.code != "mx_m3_field_required"] == []
    assert record.values == values
    again, _ = format_record(definition, record.values)
    assert again == text


@given(records())
def test_record_bytes_round_trip_in_latin1(drawn: tuple[RecordDef, dict[str, Value]]) -> None:
    definition, values = drawn
    text, _ = format_record(definition, values)
    [raw] = [parse_line(line, 1) for line in text.encode("latin-1").decode("latin-1").split("\n")]
    assert raw.values == tuple(format_value(s, values[s.name])[0] for s in definition.fields)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(declarations(max_goods=3))
def test_any_declaration_writes_records_of_the_right_width(declaration: Declaration) -> None:
    written = pedimento_m3.write(declaration)
    assert isinstance(written.output, str)
    for number, line in enumerate(written.output.splitlines(), start=1):
        raw = parse_line(line, number)
        assert len(raw.values) + 1 == layout().records[raw.code].field_count


_BASES = [d for path in GOOD for d in (r.declaration for r in read_path(path)) if d is not None]
_LATIN1_TEXT = _TEXT.filter(lambda t: t.strip() == t and len(t) <= 120)


@st.composite
def pedimentos(draw: st.DrawFn) -> Declaration:
    """A composed pedimento with its core values (names, descriptions, amounts) redrawn."""
    base = draw(st.sampled_from(_BASES))
    items = []
    for item in base.goods_items:
        usd = draw(st.decimals(0, 10**9, places=2, allow_nan=False))
        umt = draw(st.decimals(0, 10**9, places=5, allow_nan=False))
        items.append(
            item.model_copy(
                update={
                    "description": draw(_LATIN1_TEXT.filter(lambda t: len(t) <= 250)),
                    "value": item.value.model_copy(update={"amount": usd}),
                    "tariff_quantities": [
                        q.model_copy(update={"value": umt}) for q in item.tariff_quantities
                    ],
                }
            )
        )
    party = "exporter" if base.direction == "export" else "importer"
    holder = getattr(base, party)
    update: dict[str, object] = {"goods_items": items}
    if holder is not None:
        update[party] = holder.model_copy(update={"name": draw(_LATIN1_TEXT)})
    return Declaration.model_validate(base.model_copy(update=update).model_dump())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pedimentos())
def test_model_wire_model_is_identity(declaration: Declaration) -> None:
    written = pedimento_m3.write(declaration)
    assert written.issues == ()
    assert isinstance(written.output, str)
    [result] = pedimento_m3.read(written.output.encode("latin-1"), None)
    assert result.declaration == declaration
    assert pedimento_m3.write(result.declaration).output == written.output


def _in_file(declaration: Declaration, name: str) -> Declaration:
    """The declaration as it reads from a file called ``name`` (no prevalidador)."""
    data = declaration.model_dump()
    data["national"]["mx"]["archivo"] = {"nombre_archivo": name}
    return Declaration.model_validate(data)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pedimentos(), min_size=1, max_size=3))
def test_several_pedimentos_in_one_file(found: list[Declaration]) -> None:
    name = "m3901001.064"
    originals = [_in_file(d, name) for d in found]
    written = pedimento_m3.write_file(originals, name)
    assert isinstance(written.output, str)
    results = list(pedimento_m3.read(written.output.encode("utf-8"), name))
    assert [r.declaration for r in results] == originals
    assert [i.code for r in results for i in r.issues if i.severity != Severity.INFO] == []


_FILE_LINES = [p.read_bytes().decode("latin-1").split("\n") for p in GOOD]
_JUNK = st.text(alphabet="0123456789ABZ .-ÑéT,|", max_size=14) | st.sampled_from(
    ["", "0", "999", "EMU", "31022026", "1e5", "-1", "99999999999999999999"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_FILE_LINES),
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40), _JUNK), max_size=4),
)
def test_damaged_files_give_issues_never_exceptions(
    lines: list[str], edits: list[tuple[int, int, str]]
) -> None:
    damaged = list(lines)
    for line, position, value in edits:
        parts = damaged[line % len(damaged)].split("|")
        parts[position % len(parts)] = value
        damaged[line % len(damaged)] = "|".join(parts)
    for result in pedimento_m3.read("\n".join(damaged).encode("latin-1"), None):
        assert result.declaration is not None or result.issues
        if result.declaration is not None:
            assert isinstance(pedimento_m3.write(result.declaration).output, str)

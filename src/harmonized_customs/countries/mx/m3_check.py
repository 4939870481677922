"""The problems of M3 records for a check, found by a plan made once per record definition.

A check asks what blocks writing the pedimento's records, not their text: for each record,
what :func:`harmonized_customs.records.record_problems` finds in its values under the check's
filter. This module finds the same problems, in the same order, with the filter asked the
same questions in the same order, by a plan of each record's fields (see :func:`problems`):
a value that certainly fits its field is passed over by one test (for a text: its length,
its codes, and one pattern of the characters its class and the file's Windows-1252 hold,
separators excluded; for a number: its sign and decimals), any other value is given to the
record engine's field formatter, which says why it does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from harmonized_customs import records
from harmonized_customs.countries.mx.m3_layout import DIALECT, ENCODING, Problem, RecordDef, Value

__all__ = ["problems"]

Keep = Callable[[str, str], bool]
"""Whether a problem (its issue code, its field's name) is wanted."""

_Step = tuple[int, str, records.FieldDef, Any, int, tuple[str, ...], str, Any, str, int | None]
"""Per data field: its place in the record, name, definition, the match of the texts that fit
it (None for a class not of text), length, allowed codes, the code of leaving it empty, the
problem of leaving it empty (None when it may be; a problem holds no state: one serves every
record), engine class and decimals allowed."""


@dataclass(frozen=True)
class _Plan:
    """A record's steps by field name, and the required fields (place and name)."""

    steps: Mapping[str, _Step]
    required: tuple[tuple[int, str], ...]
    ordered: tuple[_Step, ...]
    """The steps in the record's order of fields."""


_PLANS: dict[int, tuple[RecordDef, _Plan]] = {}
"""Plans by the identity of their definition (kept with it, so the identity stays its)."""

_HELD = frozenset(bytes([b]).decode(ENCODING, errors="ignore") for b in range(256)) - {""}
"""The characters the file's encoding holds."""


def _fitting_text(pattern: re.Pattern[str] | None) -> Any:
    """The full match of the texts that fit a field of text ``pattern`` without a problem.

    A text fits when each character is of the field's class (its pattern matches it), held by
    the encoding, and neither the separator nor a line break (its length and codes are tested
    apart). None for a field whose class is not of text.
    """
    if pattern is None:
        return None
    refused = {DIALECT.separator, "\r", "\n"}
    chars = sorted(c for c in _HELD if c not in refused and pattern.fullmatch(c))
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]*").fullmatch


def _plan(definition: RecordDef) -> _Plan:
    """The plan of :func:`problems` for one record definition, made once."""
    kept = _PLANS.get(id(definition))
    if kept is None or kept[0] is not definition:
        steps = []
        for place, (fd, pattern) in enumerate(definition.check_plan):
            unset = records.format_field(DIALECT, fd, None)[1]
            steps.append(
                (
                    place,
                    fd.name,
                    fd,
                    _fitting_text(pattern),
                    fd.length,
                    fd.values,
                    DIALECT.code("unset", fd),
                    unset[0] if unset else None,
                    fd.cls,
                    fd.decimals,
                )
            )
        plan = _Plan(
            {step[1]: step for step in steps},
            tuple((step[0], step[1]) for step in steps if step[2].required),
            tuple(steps),
        )
        kept = _PLANS[id(definition)] = (definition, plan)
    return kept[1]


_ZERO = Decimal(0)


def _number_fits(value: Decimal, cls: str, decimals: int | None) -> bool:
    """Whether a number is written in a field of class ``cls`` without a problem."""
    if not value.is_finite() or value < _ZERO:
        return False
    if cls == "decimal":
        exponent = value.as_tuple().exponent
        return decimals is None or (isinstance(exponent, int) and max(0, -exponent) <= decimals)
    if cls == "integer":
        return value == value.to_integral_value() and (decimals is None or decimals >= 0)
    return False


def problems(definition: RecordDef, values: Mapping[str, Value], keep: Keep) -> list[Problem]:
    """What ``records.record_problems(DIALECT, definition, values, keep)`` gives.

    ``keep`` is asked what that function asks it, in the same order: for each problem found,
    its code and its field's name; a problem it refuses is not made. The values given are
    looked at first, each once: a record whose values all fit and whose required fields are
    all given has no problem; otherwise the fields that may have one are looked at again, in
    the record's order.
    """
    plan = _plan(definition)
    steps = plan.steps
    places: list[int] = []
    for name, value in values.items():
        if value is None or value == "":
            continue
        step = steps.get(name)
        if step is None:
            continue
        if type(value) is str:  # most values: a text that fits, passed over at once
            fits = step[3]
            allowed = step[5]
            if (
                fits is not None
                and len(value) <= step[4]
                and (not allowed or value in allowed)
                and fits(value) is not None
            ):
                continue
        elif type(value) is Decimal and _number_fits(value, step[8], step[9]):
            continue
        places.append(step[0])
    get = values.get
    for place, name in plan.required:
        value = get(name)
        if value is None or value == "":
            places.append(place)
    if not places:
        return []
    return _found(plan, sorted(places), values, keep)


def _found(
    plan: _Plan, places: list[int], values: Mapping[str, Value], keep: Keep
) -> list[Problem]:
    """The problems of the fields at ``places`` (in order) that ``keep`` accepts."""
    found: list[Problem] = []
    for place in places:
        _, name, fd, _, _, _, unset_code, unset, _, _ = plan.ordered[place]
        value = values.get(name)
        if value is None or value == "":
            if keep(unset_code, name):
                found.append(unset)
            continue
        refused = records.format_field(DIALECT, fd, value)[1]
        found.extend(p for p in refused if keep(p.code, name))
    return found

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
from decimal import Decimal
from typing import Any

from harmonized_customs import records
from harmonized_customs.countries.mx.m3_layout import DIALECT, ENCODING, Problem, RecordDef, Value

__all__ = ["problems"]

Keep = Callable[[str, str], bool]
"""Whether a problem (its issue code, its field's name) is wanted."""

_Step = tuple[str, records.FieldDef, bool, Any, int, tuple[str, ...], str, Any, str, Any]
"""Per data field: its name, definition, whether required, the match of the texts that fit it
(None for a class not of text), length, allowed codes, the code of leaving it empty, the
problem of leaving it empty (None when it may be; a problem holds no state: one serves
every record), engine class and decimals allowed."""

_PLANS: dict[int, tuple[RecordDef, tuple[_Step, ...]]] = {}
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


def _plan(definition: RecordDef) -> tuple[_Step, ...]:
    """The steps of :func:`problems` for one record definition, made once."""
    kept = _PLANS.get(id(definition))
    if kept is None or kept[0] is not definition:
        steps = []
        for fd, pattern in definition.check_plan:
            unset = records.format_field(DIALECT, fd, None)[1]
            steps.append(
                (
                    fd.name,
                    fd,
                    fd.required,
                    _fitting_text(pattern),
                    fd.length,
                    fd.values,
                    DIALECT.code("unset", fd),
                    unset[0] if unset else None,
                    fd.cls,
                    fd.decimals,
                )
            )
        kept = _PLANS[id(definition)] = (definition, tuple(steps))
    return kept[1]


def _number_fits(value: Decimal, cls: str, decimals: int | None) -> bool:
    """Whether a number is written in a field of class ``cls`` without a problem."""
    if not value.is_finite() or value < 0:
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
    its code and its field's name; a problem it refuses is not made.
    """
    found: list[Problem] = []
    get = values.get
    for name, fd, required, fits, length, allowed, unset_code, unset, cls, decimals in _plan(
        definition
    ):
        value = get(name)
        if value is None or value == "":
            if required and keep(unset_code, name):
                found.append(unset)
            continue
        if type(value) is str:
            if (
                fits is not None
                and len(value) <= length
                and (not allowed or value in allowed)
                and fits(value) is not None
            ):
                continue
        elif type(value) is Decimal and _number_fits(value, cls, decimals):
            continue
        refused = records.format_field(DIALECT, fd, value)[1]
        if refused:
            found.extend(p for p in refused if keep(p.code, name))
    return found

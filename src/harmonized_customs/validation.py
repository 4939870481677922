"""Issue codes of the core model, and the translation of pydantic errors into issues.

Every error pydantic reports while building a :class:`~harmonized_customs.model.Declaration`
becomes an :class:`~harmonized_customs.issues.Issue` with a registered code, an RFC 6901
pointer and the WCO Data Model ID of the element, so that a broker sees the same kind of
finding for a malformed file as for a missing filing requirement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from harmonized_customs.documents import get_kind
from harmonized_customs.issues import Issue, Severity, SourceLocation, register_code
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import join

__all__ = ["issues_from_validation_error", "pointer_from_loc"]

_E = Severity.ERROR
_W = Severity.WARNING
_I = Severity.INFO

# Generic shape problems.
register_code(
    "value_missing",
    _E,
    "a value is required here",
    authority="harmonized_customs",
    example_ctx={},
    fix="Give the value; the field cannot be left out.",
)
register_code(
    "field_unknown",
    _E,
    '"{field}" is not a field of the core model',
    authority="harmonized_customs",
    example_ctx={"field": "importr"},
    fix="Remove the field or correct its spelling (see docs/model.md).",
)
register_code(
    "value_format",
    _E,
    '"{value}" does not have the expected format {pattern}',
    authority="harmonized_customs",
    example_ctx={"value": "8471.30", "pattern": "^[0-9]{6}$"},
    fix="Write the value in the documented format.",
)
register_code(
    "code_not_allowed",
    _E,
    '"{value}" is not one of the allowed codes: {allowed}',
    authority="harmonized_customs",
    example_ctx={"value": "DDX", "allowed": "'EXW', 'FCA'"},
    fix="Use one of the listed codes.",
)
register_code(
    "value_type",
    _E,
    '"{value}" is not a valid {expected}',
    authority="harmonized_customs",
    example_ctx={"value": "abc", "expected": "date"},
    fix="Give a value of the expected type (dates as YYYY-MM-DD, amounts as decimal strings).",
)
register_code(
    "value_out_of_range",
    _E,
    '"{value}" is outside the allowed range ({limit})',
    authority="harmonized_customs",
    example_ctx={"value": "0", "limit": ">= 1"},
    fix="Give a value within the range.",
)
register_code(
    "value_too_long",
    _E,
    "the value is longer than the {limit} characters allowed",
    authority="harmonized_customs",
    example_ctx={"limit": 35},
    fix="Shorten the value.",
)
register_code(
    "value_too_short",
    _E,
    "the value needs at least {limit} characters or elements",
    authority="harmonized_customs",
    example_ctx={"limit": 1},
    fix="Complete the value.",
)
register_code(
    "value_invalid",
    _E,
    "invalid value: {detail}",
    authority="harmonized_customs",
    example_ctx={"detail": "Input should be a valid dictionary"},
    fix="Correct the value as the detail says.",
)
register_code(
    "decimal_from_float",
    _E,
    "amounts and quantities must be decimal strings, not binary floating-point numbers",
    authority="harmonized_customs",
    example_ctx={},
    fix='Write the amount as a string ("1234.50") so no digit is lost.',
)
register_code(
    "decimal_out_of_bounds",
    _E,
    "{value} has more than {integer_digits} digits before the decimal point "
    "or more than {decimals} after it",
    authority="harmonized_customs",
    example_ctx={"value": "9E+999999", "integer_digits": 18, "decimals": 12},
    fix="Correct the amount or quantity; no customs value needs that many digits.",
)
# ISO code membership.
register_code(
    "country_unknown",
    _E,
    '"{value}" is not an ISO 3166-1 alpha-2 country code',
    authority="ISO 3166",
    example_ctx={"value": "UK"},
    fix="Use the ISO 3166-1 alpha-2 code (GB, not UK); Kosovo is XK.",
)
register_code(
    "subdivision_unknown",
    _E,
    '"{value}" is not an ISO 3166-2 subdivision code',
    authority="ISO 3166",
    example_ctx={"value": "US-XX"},
    fix="Use the ISO 3166-2 code with its country prefix: US-TX, CA-ON, MX-NLE.",
)
register_code(
    "currency_unknown",
    _E,
    '"{value}" is not an ISO 4217 currency code',
    authority="ISO 4217",
    example_ctx={"value": "MXP"},
    fix="Use the ISO 4217 code (MXN, USD, CAD).",
)
# Internal consistency of the declaration.
register_code(
    "national_code_hs6_mismatch",
    _E,
    "{field} {code} does not extend HS {hs6}",
    authority="WCO",
    example_ctx={"field": "us_hts", "code": "8471500150", "hs6": "847130"},
    fix="A national tariff number must begin with the six HS digits of the line.",
)
register_code(
    "additional_hts_invalid",
    _E,
    "{code} is not a 10-digit HTSUS Chapter 98 or 99 number",
    authority="CBP",
    example_ctx={"code": "8471300100"},
    fix="Report only Chapter 98 and 99 numbers as additional HTS numbers.",
)
register_code(
    "nico_without_fraccion",
    _E,
    "a NICO needs its fracción arancelaria",
    authority="SAT/ANAM",
    example_ctx={},
    fix="Give the 8-digit fracción with the NICO.",
)
register_code(
    "period_end_before_start",
    _E,
    "the period ends ({end}) before it starts ({start})",
    authority="USMCA",
    example_ctx={"start": "2026-01-01", "end": "2025-12-31"},
    fix="Swap or correct the dates.",
)
register_code(
    "blanket_period_too_long",
    _E,
    "a blanket period may cover at most 12 months; {start} to {end} is longer",
    authority="USMCA",
    example_ctx={"start": "2026-01-01", "end": "2027-01-01"},
    fix="Limit the blanket period to 12 months (USMCA Annex 5-A, element 8).",
)
register_code(
    "producer_named_and_withheld",
    _E,
    "name the producer or say it is 'various' / 'available upon request', not both",
    authority="USMCA",
    example_ctx={},
    fix="Keep one of the two (Annex 5-A, element 4).",
)
# Writing a format that cannot carry everything.
register_code(
    "value_not_carried",
    _W,
    "{format} has no place for this value; it is left out of the output",
    authority="harmonized_customs",
    example_ctx={"format": "us-abi-ae"},
    fix="Keep the value elsewhere (or file it by other means) if the receiving agency needs it.",
)
register_code(
    "source_value_not_kept",
    _I,
    "the core model has no place for this value of the {format} file; it is not kept",
    authority="harmonized_customs",
    example_ctx={"format": "mx-cfdi-cce20"},
    fix="Keep the original file if this value is needed later (a seal, a fiscal regime...).",
)
# Reading the canonical JSON.
register_code(
    "json_syntax",
    _E,
    "the file is not valid JSON: {detail}",
    authority="RFC 8259",
    example_ctx={"detail": "Expecting ',' delimiter"},
    fix="Repair the JSON syntax at the given line and column.",
    unreadable=True,
)
register_code(
    "input_unreadable",
    _E,
    "the input cannot be read: {detail}",
    authority="harmonized_customs",
    example_ctx={"detail": "not UTF-8 text"},
    fix="Check the file's encoding and that it is the format you named.",
    unreadable=True,
)
register_code(
    "format_not_recognised",
    _E,
    "no registered format recognises this input",
    authority="harmonized_customs",
    example_ctx={},
    fix="Name the format with --from (see `harmonized-customs formats`).",
    unreadable=True,
)
register_code(
    "input_too_large",
    _E,
    "the input is {size} bytes, above the limit of {limit}",
    authority="harmonized_customs",
    example_ctx={"size": 300000000, "limit": 268435456},
    fix="Split the batch, or raise the limit explicitly if the file is trusted.",
    unreadable=True,
)

_PYDANTIC_TO_CODE: Mapping[str, str] = {
    "missing": "value_missing",
    "extra_forbidden": "field_unknown",
    "string_pattern_mismatch": "value_format",
    "literal_error": "code_not_allowed",
    "enum": "code_not_allowed",
    "string_too_long": "value_too_long",
    "too_long": "value_too_long",
    "string_too_short": "value_too_short",
    "too_short": "value_too_short",
    "greater_than_equal": "value_out_of_range",
    "greater_than": "value_out_of_range",
    "less_than_equal": "value_out_of_range",
    "less_than": "value_out_of_range",
    "date_parsing": "value_type",
    "date_from_datetime_parsing": "value_type",
    "date_from_datetime_inexact": "value_type",
    "date_type": "value_type",
    "decimal_parsing": "value_type",
    "decimal_type": "value_type",
    "int_parsing": "value_type",
    "int_type": "value_type",
    "int_from_float": "value_type",
    "bool_parsing": "value_type",
    "bool_type": "value_type",
    "string_type": "value_type",
    "json_invalid": "json_syntax",
}
_EXPECTED: Mapping[str, str] = {
    "date": "date (YYYY-MM-DD)",
    "decimal": "decimal number",
    "int": "whole number",
    "bool": "true or false",
    "string": "text",
}


def pointer_from_loc(loc: Sequence[int | str]) -> str:
    """RFC 6901 pointer of a pydantic error location (``('goods_items', 0, 'hs6')``)."""
    return join(loc)


def _ctx(error: ErrorDetails) -> dict[str, Any]:
    """Message values for one pydantic error."""
    raw: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    ctx: dict[str, Any] = {k: v for k, v in raw.items() if k != "error"}
    kind = error["type"]
    if kind == "extra_forbidden":
        ctx["field"] = str(error["loc"][-1]) if error["loc"] else ""
    if isinstance(value, str | int | float | bool) and "value" not in ctx:
        ctx["value"] = value
    if kind == "literal_error":
        ctx["allowed"] = raw.get("expected", "")
    if kind.endswith(("_too_long", "_too_short")) or kind in {"too_long", "too_short"}:
        ctx["limit"] = raw.get("max_length", raw.get("min_length", ""))
    for bound in ("ge", "gt", "le", "lt"):
        if bound in raw:
            sign = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}[bound]
            ctx["limit"] = f"{sign} {raw[bound]}"
    if kind.endswith(("_parsing", "_type")) or kind in {"int_from_float"}:
        ctx["expected"] = _EXPECTED.get(kind.split("_")[0], kind.split("_")[0])
    ctx.setdefault("detail", error["msg"])
    ctx.setdefault("value", "")
    return ctx


Locate = Mapping[str, SourceLocation] | Callable[[str], SourceLocation | None]
"""Where a pointer is in the source file: a mapping (the nearest enclosing located pointer
is used) or a function giving the location of a pointer or of its nearest enclosing value."""


def issues_from_validation_error(
    error: ValidationError,
    *,
    locate: Locate | None = None,
    document_kind: str = "declaration",
) -> Iterator[Issue]:
    """Turn every error of a pydantic validation into an issue with pointer and WCO ID.

    ``locate`` gives the place of a pointer in the source file (line and column), when the
    reader knows it; it is asked only for the pointers of the errors. ``document_kind`` names
    the model validated (``declaration``, ``cargo-report``), for the WCO IDs.
    """
    for detail in error.errors(include_url=False):
        kind = detail["type"]
        code = _PYDANTIC_TO_CODE.get(kind, kind)
        loc = tuple(p for p in detail["loc"] if not _is_branch_tag(p))
        pointer = pointer_from_loc(loc)
        wco_id = wco_id_for_pointer(pointer, get_kind(document_kind).model)
        try:
            issue = Issue.of(code, pointer, wco_id=wco_id, **_ctx(detail))
        except KeyError:
            issue = Issue.of("value_invalid", pointer, wco_id=wco_id, **_ctx(detail))
        if callable(locate):
            issue = issue.replace(source=locate(pointer))
        elif locate:
            issue = issue.replace(source=_nearest(locate, pointer))
        yield issue


def _is_branch_tag(part: int | str) -> bool:
    """Pydantic adds union branch names (``function-after[...]``) to locations; drop them."""
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "decimal"})


def _nearest(locate: Mapping[str, SourceLocation], pointer: str) -> SourceLocation | None:
    probe = pointer
    while True:
        if probe in locate:
            return locate[probe]
        if not probe:
            return None
        probe = probe.rsplit("/", 1)[0]

"""Issue.built and Finding.of make what the constructors make of the same members."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.issues import Issue, Severity, SourceLocation
from harmonized_customs.rules import Finding

_TEXT = st.text(max_size=12)
_MEMBERS = st.tuples(
    _TEXT,
    st.sampled_from(list(Severity)),
    _TEXT,
    st.none() | st.sampled_from(["US", "CA", "MX"]),
    st.none() | _TEXT,
    st.none() | st.builds(SourceLocation, line=st.none() | st.integers(1, 9)),
    st.dictionaries(_TEXT, st.integers() | _TEXT | st.decimals(allow_nan=False), max_size=3),
    st.none() | _TEXT | st.just(Decimal("1.5")),
    _TEXT,
    st.none() | _TEXT,
)


@given(_MEMBERS)
def test_built_is_the_constructors_issue(members: tuple[object, ...]) -> None:
    made = Issue(*members)  # type: ignore[arg-type]
    built = Issue.built(*members)  # type: ignore[arg-type]
    assert type(built) is Issue
    assert built == made
    assert repr(built) == repr(made)
    assert dataclasses.astuple(built) == dataclasses.astuple(made)
    assert built.replace(code="other") == made.replace(code="other")


def _refusal(issue: Issue) -> type[BaseException] | None:
    try:
        issue.code = "y"  # type: ignore[misc]
    except (dataclasses.FrozenInstanceError, TypeError, AttributeError) as error:
        return type(error)
    return None


def test_a_built_issue_is_as_immutable_as_a_made_one() -> None:
    made = Issue("x", Severity.ERROR, "/a", None, None, None, {}, None, "", None)
    built = Issue.built("x", Severity.ERROR, "/a", None, None, None, {}, None, "", None)
    assert _refusal(built) is not None
    assert _refusal(built) is _refusal(made)
    assert built.code == "x"


@given(
    _TEXT,
    _TEXT,
    st.dictionaries(st.sampled_from(["line", "field", "value"]), st.integers() | _TEXT),
    st.none() | _TEXT,
    st.none() | st.sampled_from(list(Severity)),
)
def test_finding_of_is_the_constructors_finding(
    code: str, path: str, ctx: dict[str, object], suggestion: str | None, severity: Severity | None
) -> None:
    made = Finding(code, path, dict(ctx), suggestion, severity)
    shorthand = Finding.of(code, path, suggestion=suggestion, severity=severity, **ctx)
    assert type(shorthand) is Finding
    assert shorthand == made
    assert shorthand.__dict__ == made.__dict__

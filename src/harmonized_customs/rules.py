"""Rules: small functions that look at one node of a declaration and yield findings.

A rule is declared with the node it applies to (a selector such as ``""`` for the declaration,
``"goods_items/*"`` for every goods item, ``"goods_items/*/manufacturer"``) and yields
:class:`Finding` objects whose ``path`` is relative to that node. The engine turns findings
into :class:`~harmonized_customs.issues.Issue` objects: it adds the absolute RFC 6901 pointer,
the WCO Data Model ID of the element, the target country and the authority, so a rule only
says what is wrong and where below its node::

    @rule("goods_items/*", target="CA")
    def us_origin_needs_state(item: GoodsItem, context: RuleContext) -> Iterator[Finding]:
        if item.origin_country == "US" and item.origin_subdivision is None:
            yield Finding("ca_us_origin_state_missing", "origin_subdivision")

Rules never raise for data problems; a rule that raises is a programmer error and surfaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from harmonized_customs.issues import Issue, Severity, Target
from harmonized_customs.model import Declaration
from harmonized_customs.model.codes import wco_id_for_pointer
from harmonized_customs.pointers import escape

__all__ = [
    "Finding",
    "Rule",
    "RuleContext",
    "RuleFunction",
    "rule",
    "run_rules",
    "select",
]


@dataclass(frozen=True)
class Finding:
    """What a rule found, relative to the node it was given.

    ``path`` is a relative pointer without the leading slash (``"origin_subdivision"``,
    ``"identifiers/0/value"``); empty means the node itself.
    """

    code: str
    path: str = ""
    ctx: Mapping[str, Any] = field(default_factory=dict)
    suggestion: Any = None
    severity: Severity | None = None
    """Overrides the code's default severity (for example a check known to misfire)."""

    @classmethod
    def of(
        cls,
        code: str,
        path: str = "",
        /,
        *,
        suggestion: Any = None,
        severity: Severity | None = None,
        **ctx: Any,
    ) -> Finding:
        """Shorthand taking the message values as keyword arguments."""
        return cls(code, path, dict(ctx), suggestion, severity)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides its node."""

    declaration: Declaration
    target: Target | None
    role: str = "import"
    """``import`` or ``export``: the kind of filing checked for the target."""
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def on(self) -> dt.date:
        """The date codes are checked against: the declaration's date, or today."""
        declaration = self.declaration
        return (
            declaration.declaration_date
            or declaration.arrival_date
            or declaration.export_date
            or dt.date.today()
        )

    def option(self, name: str, default: Any = None) -> Any:
        """A checking option (see :func:`harmonized_customs.crossfiling.check`)."""
        return self.options.get(name, default)


RuleFunction = Callable[[Any, RuleContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its function, its node selector and its target country."""

    function: RuleFunction
    selector: str
    target: Target | None
    roles: frozenset[str] = frozenset({"import", "export"})

    @property
    def name(self) -> str:
        """The rule's function name (rule names appear in the docs)."""
        return self.function.__name__

    @property
    def doc(self) -> str:
        """The first line of the rule's docstring."""
        return (
            (self.function.__doc__ or "").strip().splitlines()[0] if self.function.__doc__ else ""
        )


def rule(
    selector: str, *, target: Target | None = None, roles: tuple[str, ...] = ("import", "export")
) -> Callable[[RuleFunction], Rule]:
    """Decorator turning a function into a :class:`Rule` for ``selector`` and ``target``."""

    def wrap(function: RuleFunction) -> Rule:
        return Rule(function, selector.strip("/"), target, frozenset(roles))

    return wrap


def select(node: Any, selector: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every (pointer, node) that ``selector`` picks under ``node``; ``*`` iterates a list."""
    if not selector:
        yield prefix, node
        return
    head, _, rest = selector.partition("/")
    if head == "*":
        if isinstance(node, list | tuple):
            for index, child in enumerate(node):
                yield from select(child, rest, f"{prefix}/{index}")
        return
    if isinstance(node, BaseModel):
        child = getattr(node, head, None)
    elif isinstance(node, Mapping):
        child = node.get(head)
    else:
        child = None
    if child is None:
        return
    yield from select(child, rest, f"{prefix}/{escape(head)}")


def _issue(finding: Finding, base: str, target: Target | None) -> Issue:
    pointer = base + ("/" + finding.path if finding.path else "")
    return Issue.of(
        finding.code,
        pointer,
        target=target,
        severity=finding.severity,
        wco_id=wco_id_for_pointer(pointer),
        suggestion=finding.suggestion,
        **dict(finding.ctx),
    )


def run_rules(rules: Iterable[Rule], context: RuleContext) -> Iterator[Issue]:
    """Apply each rule to every node its selector picks, yielding located issues."""
    for each in rules:
        if context.role not in each.roles:
            continue
        for pointer, node in select(context.declaration, each.selector):
            for finding in each.function(node, context):
                yield _issue(finding, pointer, each.target)

"""Rules: small functions that look at one node of a document and yield findings.

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

The decorator registers the rule: a rule anywhere in an imported module runs, there is no
list to keep. A rule names the document kind it checks (``kind="declaration"`` by default;
``"cargo-report"`` for trips) and its target country (``None``: the core rules, run for every
target). Every issue a rule yields names it (:attr:`Issue.rule`, the rule's dotted name).

Rules compute in a wide decimal context (:func:`harmonized_customs.currency.wide_context`),
so sums and roundings of bounded model values never overflow. Rules never raise for data
problems; a rule that raises all the same (a defect) gives an
``internal_error`` issue at the node it was given (:mod:`harmonized_customs.guard`).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from harmonized_customs import refdata, registry
from harmonized_customs.currency import wide_context
from harmonized_customs.guard import internal_error, is_ours
from harmonized_customs.issues import (
    Issue,
    IssueCode,
    Severity,
    Target,
    _Unguarded,
    get_issue_code,
    restating_codes,
)
from harmonized_customs.model import Declaration
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import escape, within

__all__ = [
    "Finding",
    "Rule",
    "RuleContext",
    "RuleFunction",
    "check_rules",
    "list_rules",
    "rule",
    "rules_for",
    "run_rules",
    "select",
    "unregister_rule",
]


@dataclass(frozen=True)
class Finding:
    """What a rule found, relative to the node it was given.

    ``path`` is a relative pointer without the leading slash (``"origin_subdivision"``,
    ``"identifiers/0/value"``); empty means the node itself. ``ctx`` is a dict of the
    finding's own (a copy of the mapping given): the issue made of the finding holds it.
    """

    code: str
    path: str = ""
    ctx: Mapping[str, Any] = field(default_factory=dict)
    suggestion: Any = None
    severity: Severity | None = None
    """Overrides the code's default severity (for example a check known to misfire)."""

    def __init__(
        self,
        code: str,
        path: str = "",
        ctx: Mapping[str, Any] | None = None,
        suggestion: Any = None,
        severity: Severity | None = None,
    ) -> None:
        # stored in the instance dict, not by a frozen field's setattr: rules make many findings
        members = self.__dict__
        members["code"] = code
        members["path"] = path
        members["ctx"] = {} if ctx is None else dict(ctx)  # the issue's own, as of() makes it
        members["suggestion"] = suggestion
        members["severity"] = severity

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
        made = _new_object(cls)  # as cls(code, path, ctx, ...) makes it, one call fewer
        members = made.__dict__
        members["code"] = code
        members["path"] = path
        members["ctx"] = ctx  # a new dict already
        members["suggestion"] = suggestion
        members["severity"] = severity
        return made


_new_object = object.__new__


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides its node."""

    document: BaseModel
    """The whole document being checked (a :class:`Declaration`, a cargo report...)."""
    target: Target | None
    role: str = "import"
    """``import`` or ``export``: the kind of filing checked for the target."""
    options: Mapping[str, Any] = field(default_factory=dict)
    reference_date: dt.date | None = None
    """The document's own date (see :class:`harmonized_customs.documents.DocumentKind`)."""
    _positions: dict[int, dict[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _blocked: list[tuple[frozenset[str], frozenset[str]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )  # while a format rule runs: where the run's other rules block (see run_rules)
    _let_through: list[tuple[object, set[tuple[str, str]]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )  # what a format's filter found no rule says, with the blocking it was asked under

    def __init__(
        self,
        document: BaseModel,
        target: Target | None,
        role: str = "import",
        options: Mapping[str, Any] | None = None,
        reference_date: dt.date | None = None,
    ) -> None:
        # stored in the instance dict, not by a frozen field's setattr: a check makes one
        # context per target
        members = self.__dict__
        members["document"] = document
        members["target"] = target
        members["role"] = role
        members["options"] = {} if options is None else options
        members["reference_date"] = reference_date
        members["_positions"] = {}
        members["_blocked"] = []
        members["_let_through"] = []
        # what rules read many times a line, set once (the cached properties below are then
        # never called, so their lock is never taken)
        if isinstance(document, Declaration):
            members["declaration"] = document
        members["on"] = self._date()

    @functools.cached_property
    def declaration(self) -> Declaration:
        """The document, for rules of goods declarations.

        Set when the context is made (rules read it many times a line); a document that is not
        a declaration raises each time.
        """
        if not isinstance(self.document, Declaration):
            raise TypeError(f"this rule checks declarations, not {type(self.document).__name__}")
        return self.document

    @functools.cached_property
    def on(self) -> dt.date:
        """The date codes are checked against: the document's date, or today.

        Set when the context is made: the context's members do not change.
        """
        return self._date()

    def _date(self) -> dt.date:
        """:attr:`on`, worked out."""
        if self.reference_date is not None:
            return self.reference_date
        document = self.document
        if isinstance(document, Declaration):
            found = document.declaration_date or document.arrival_date or document.export_date
            if found is not None:
                return found
        return dt.date.today()

    def said_by_a_rule(self, code: str, pointer: str) -> bool:
        """Whether a format's finding ``code`` at ``pointer`` is one the report leaves out.

        True when a rule that is not a format's (a ``*_fields_given`` rule) already blocks on
        that value or on a value containing it, for this target or for every target, so
        :func:`~harmonized_customs.crossfiling.each_fact_once` would drop the finding: a format
        rule need not build it. Known only while the engine runs a format rule, after the
        run's other rules; False otherwise.
        """
        if not self._blocked or not pointer:
            return False
        blocked, restating = self._blocked[0]
        # the value itself asked first: a format's finding is mostly a rule's at that value
        return code not in restating and (pointer in blocked or within(pointer, blocked))

    def _not_said(self) -> set[tuple[str, str]]:
        """The (code, pointer) pairs known not :meth:`said_by_a_rule` in this format rule's run.

        A format's filter (:func:`~harmonized_customs.profiles.finding_filter`) adds the pairs
        it asked about and let through; what the rule then yields need not be asked again.
        The set is new whenever where the run's rules block has changed (another run).
        """
        now: object = self._blocked[0] if self._blocked else None
        kept = self._let_through
        if kept and kept[0][0] is now:
            return kept[0][1]
        pairs: set[tuple[str, str]] = set()
        kept[:] = [(now, pairs)]
        return pairs

    def option(self, name: str, default: Any = None) -> Any:
        """A checking option (see :func:`harmonized_customs.crossfiling.check`)."""
        return self.options.get(name, default)

    def index_of(self, sequence: Sequence[Any], item: Any) -> int:
        """The position of ``item`` (the same object) in ``sequence`` of the document.

        Constant time after the first call for a sequence, so that a rule run on every
        element stays linear (``list.index`` would compare every element, deeply).
        """
        table = self._positions.get(id(sequence))
        if table is None:
            table = {id(each): position for position, each in enumerate(sequence)}
            self._positions[id(sequence)] = table
        return table[id(item)]


RuleFunction = Callable[[Any, RuleContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its function, its node selector, its target and document kind."""

    function: RuleFunction
    selector: str
    target: Target | None
    roles: frozenset[str] = frozenset({"import", "export"})
    kind: str = "declaration"
    """The document kind the rule checks (see :mod:`harmonized_customs.documents`)."""

    @property
    def name(self) -> str:
        """The rule's function name (rule names appear in the docs)."""
        return self.function.__name__

    @functools.cached_property
    def qualified_name(self) -> str:
        """The rule's dotted name (module and function), as issues name it."""
        return f"{self.function.__module__}.{self.function.__qualname__}"

    @functools.cached_property
    def checks_a_format(self) -> bool:
        """Whether the rule checks a filing format's fields (:func:`is_format_rule`)."""
        return is_format_rule(self.qualified_name)

    @property
    def module(self) -> str:
        """The module that defines the rule."""
        return self.function.__module__

    @property
    def doc(self) -> str:
        """The first line of the rule's docstring."""
        return (
            (self.function.__doc__ or "").strip().splitlines()[0] if self.function.__doc__ else ""
        )


_RULES: dict[str, Rule] = {}
_LOCK = threading.Lock()
_ORDERED: dict[tuple[str, str | None] | None, tuple[Rule, ...]] = {}
"""The rules in definition order (key ``None``) and per (kind, target), forgotten on change."""


def rule(
    selector: str,
    *,
    target: Target | None = None,
    roles: tuple[str, ...] = ("import", "export"),
    kind: str = "declaration",
) -> Callable[[RuleFunction], Rule]:
    """Decorator turning a function into a registered :class:`Rule`.

    ``selector`` picks the nodes the rule looks at, ``target`` is the country whose filing it
    checks (``None``: a core rule, run for every target), ``roles`` the filings it applies to
    and ``kind`` the document kind. Defining the function registers the rule.
    """

    def wrap(function: RuleFunction) -> Rule:
        made = Rule(
            function,
            selector.strip("/"),
            target.upper() if target else None,
            frozenset(roles),
            kind,
        )
        with _LOCK:
            _RULES[made.qualified_name] = made
            _ORDERED.clear()
        return made

    return wrap


def unregister_rule(found: Rule) -> None:
    """Remove a rule from the registry (for plugins and tests that define rules on the fly)."""
    with _LOCK:
        _RULES.pop(found.qualified_name, None)
        _ORDERED.clear()


def list_rules() -> list[Rule]:
    """Every registered rule (every module discovered first), by module, then as defined.

    The order does not depend on the order modules were imported in, so reports and the
    generated docs are the same from run to run.
    """
    registry.ensure_loaded()
    with _LOCK:
        ordered = _ORDERED.get(None)
        if ordered is None:
            ordered = _ORDERED[None] = tuple(sorted(_RULES.values(), key=_definition_order))
        return list(ordered)


def _definition_order(each: Rule) -> tuple[str, int]:
    code = getattr(each.function, "__code__", None)
    return each.module, code.co_firstlineno if code is not None else 0


def rules_for(kind: str, target: Target | None) -> list[Rule]:
    """The rules of ``kind`` for ``target`` (``None``: core rules), in :func:`list_rules` order."""
    return list(_ordered(kind, target))


def _ordered(kind: str, target: Target | None) -> tuple[Rule, ...]:
    """:func:`rules_for` as the tuple kept (the same object until a rule comes or goes)."""
    wanted = target.upper() if target else None
    found = _ORDERED.get((kind, wanted))
    if found is None:
        registry.ensure_loaded_for("rules", f"{kind}/{wanted or ''}")
        with _LOCK:
            chosen = (r for r in _RULES.values() if r.kind == kind and r.target == wanted)
            found = _ORDERED[(kind, wanted)] = tuple(sorted(chosen, key=_definition_order))
    return found


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
    child = _child(node, head)
    if child is None:
        return
    yield from select(child, rest, f"{prefix}/{escape(head)}")


def _child(node: Any, name: str) -> Any:
    """The member ``name`` of a model or a mapping (None when it has none)."""
    if isinstance(node, BaseModel):
        return getattr(node, name, None)
    if isinstance(node, Mapping):
        return node.get(name)
    return None


def _selected(node: Any, selector: str) -> list[tuple[str, Any]]:
    """``list(select(node, selector))``, made by one recursive function, no generator.

    A selector whose only ``*`` is its last name (or without one, and without a ``~``), as
    every rule's is, is followed name by name without the recursion.
    """
    if not selector:
        return [("", node)]
    names = selector.split("/")
    each_element = names[-1] == "*"
    if each_element:
        names.pop()
    if "*" not in names and "~" not in selector:
        for name in names:
            node = _child(node, name)
            if node is None:
                return []
        prefix = "/" + "/".join(names) if names else ""
        if not each_element:
            return [(prefix, node)]
        if not isinstance(node, list | tuple):
            return []
        return [(f"{prefix}/{index}", each) for index, each in enumerate(node)]
    found: list[tuple[str, Any]] = []
    _pick(node, selector, "", found)
    return found


def _pick(node: Any, selector: str, prefix: str, found: list[tuple[str, Any]]) -> None:
    """Add to ``found`` what :func:`select` yields, in the same order."""
    if not selector:
        found.append((prefix, node))
        return
    head, _, rest = selector.partition("/")
    if head == "*":
        if isinstance(node, list | tuple):
            for index, child in enumerate(node):
                _pick(child, rest, f"{prefix}/{index}", found)
        return
    child = _child(node, head)
    if child is not None:  # a selector's names hold no "/" (escaped only for a "~")
        _pick(child, rest, f"{prefix}/{escape(head) if '~' in head else head}", found)


_WCO_IDS: dict[tuple[str, str], Any] = {}
"""WCO Data Model IDs by rule selector and the shape of the finding path (its line index made
``0``: list indexes do not change them), so a document's size does not empty it."""
_WCO_IDS_KEPT = 4096
_LINES = "goods_items/"
_LINES_END = len(_LINES)
_DIGITS = "0123456789"
_FIRST_LINE = "goods_items/0"
_NOT_KEPT = object()
"""What :data:`_WCO_IDS` gives for a key it does not hold (None is an ID's absence)."""


def run_rules(
    rules: Iterable[Rule],
    context: RuleContext,
    earlier: Sequence[Issue] | None = None,
    *,
    nodes: dict[str, list[tuple[str, Any]]] | None = None,
) -> Iterator[Issue]:
    """Apply each rule to every node its selector picks, yielding located issues.

    The nodes of each selector are walked once per run (many rules share ``goods_items/*``).
    A rule that raises (a defect) gives one ``internal_error`` issue at the node it was
    looking at, instead of what it found there; the other rules and nodes still run. The
    rules run before the first issue is given, with the reference-data store's location read
    once (:func:`harmonized_customs.refdata.pinned`). A format's rule (``*_fields_given``)
    runs after the others, its issues still given in rule order; given the ``earlier``
    issues of a check (:func:`~harmonized_customs.crossfiling.check`, which reports each fact
    once), it knows what they and the run's other rules block on
    (:meth:`RuleContext.said_by_a_rule`) and leaves out what the report would. ``nodes``
    keeps the nodes of each selector for the next run on the same document (a check's targets).
    """
    with refdata.pinned():
        return _issues_of(rules, context, earlier, nodes)


def check_rules(
    kind: str,
    context: RuleContext,
    earlier: Sequence[Issue] | None = None,
    *,
    nodes: dict[str, list[tuple[str, Any]]] | None = None,
) -> Iterator[Issue]:
    """:func:`run_rules` of :func:`rules_for` ``kind`` and the context's target, for a check.

    The caller holds the reference-data pin (:func:`harmonized_customs.refdata.pinned`)
    around its runs, as :func:`~harmonized_customs.crossfiling.check` does; the rules' list
    is the one kept, so its order of application is looked up, not made again.
    """
    return _issues_of(_ordered(kind, context.target), context, earlier, nodes)


def _issues_of(
    rules: Iterable[Rule],
    context: RuleContext,
    earlier: Sequence[Issue] | None,
    nodes: dict[str, list[tuple[str, Any]]] | None,
) -> Iterator[Issue]:
    """:func:`run_rules` within its decimal context, the reference data pinned by the caller.

    The rules that do not check a format run first, in order, their issues added to one
    list (on a document with many nodes of one selector, that selector's rules take its nodes
    batch by batch: :func:`_apply_batched`); each format's rule then runs into a list of its
    own, put back at its rule's place.
    """
    segments, formats = _plan(rules, context.role)
    found: list[Issue] = []
    picked: dict[str, list[tuple[str, Any]]] = {} if nodes is None else nodes
    codes: dict[str, IssueCode] = {}
    marks: list[int] = []
    with wide_context():  # entered once: the rules' own sums never trap
        for segment in segments:
            if segment[1] and _many_nodes(segment[1], context, picked):
                _apply_batched(segment, context, found, picked, codes)
            else:
                for spec in segment[0]:
                    _apply(spec, context, found, picked, codes)
            marks.append(len(found))
        if not formats:
            return iter(found)
        blocked = context._blocked
        if earlier is not None:
            blocked.append(_blocking(earlier, found, context.target))
        try:
            chunks = [_apply(each, context, [], picked, codes) for each in formats]
        finally:
            blocked.clear()
    return iter(_merged(found, marks, chunks))


def _merged(found: list[Issue], marks: list[int], chunks: list[list[Issue]]) -> list[Issue]:
    """``found`` with each chunk put in at its mark (the format rules' issues at their place)."""
    if not any(chunks):
        return found
    out: list[Issue] = []
    start = 0
    for mark, chunk in zip(marks, chunks, strict=False):
        out += found[start:mark]
        out += chunk
        start = mark
    out += found[start:]
    return out


_Spec = tuple[str, RuleFunction, Target | None, str, Rule]
"""What :func:`_apply` reads of a rule: its selector, function, target, dotted name, itself."""
_Group = tuple[str, tuple[_Spec, ...], tuple[int, ...]]
"""Rules of one segment sharing a selector that picks a list's elements: the selector, the
rules, and their places in the segment's order."""
_Segment = tuple[tuple[_Spec, ...], tuple[_Group, ...]]
"""A segment's rules in order, and its groups of two or more rules of one ``*`` selector."""
_Plan = tuple[tuple[_Segment, ...], tuple[_Spec, ...]]
_PLANS: dict[tuple[object, ...], tuple[tuple[Rule, ...], _Plan]] = {}
"""Each run's order of rules, by the run's role and its rules' identities (the rules are kept
with it, so that no other object takes one of their identities while it is kept), and by the
identity of the tuple of rules and the role (a tuple kept by :func:`_ordered` is found so)."""
_PLANS_KEPT = 64


def _plan(rules: Iterable[Rule], role: str) -> _Plan:
    """The order ``rules`` run in for ``role``: segments of rules, then the format rules.

    The rules that apply to ``role`` and do not check a format's fields run first, in their
    order, cut into segments at each format rule's place (one more segment than format
    rules); each format rule (``*_fields_given``) runs after them, its issues put in after
    its segment. Made once per list of rules and role (a check runs the same lists each time).
    """
    if type(rules) is tuple:
        kept = _PLANS.get((id(rules), role))
        if kept is not None and kept[0] is rules:  # the same tuple: the same rules
            return kept[1]
    given = tuple(rules)
    key = (role, *map(id, given))
    kept = _PLANS.get(key)
    if kept is not None and kept[0] == given:  # element by element, identity first
        return kept[1]
    segments: list[_Segment] = []
    segment: list[_Spec] = []
    formats: list[_Spec] = []
    for each in given:
        if role not in each.roles:
            continue
        spec = (each.selector, each.function, each.target or None, each.qualified_name, each)
        if each.checks_a_format:
            segments.append((tuple(segment), _grouped(segment)))
            segment = []
            formats.append(spec)
        else:
            segment.append(spec)
    segments.append((tuple(segment), _grouped(segment)))
    plan = (tuple(segments), tuple(formats))
    if len(_PLANS) >= _PLANS_KEPT - 1:
        _PLANS.clear()
    _PLANS[key] = _PLANS[(id(given), role)] = (given, plan)
    return plan


def _grouped(segment: list[_Spec]) -> tuple[_Group, ...]:
    """The groups of two or more of ``segment``'s rules sharing a selector with a ``*``."""
    by_selector: dict[str, list[int]] = {}
    for place, spec in enumerate(segment):
        if "*" in spec[0]:
            by_selector.setdefault(spec[0], []).append(place)
    return tuple(
        (selector, tuple(segment[place] for place in places), tuple(places))
        for selector, places in by_selector.items()
        if len(places) > 1
    )


BATCHED_FROM = 256
"""Nodes of one selector from which its rules take them batch by batch (:func:`_apply_batched`)."""
BATCH = 128
"""Nodes in a batch: few enough that a batch's nodes are still at hand for its next rule."""


def _many_nodes(
    groups: tuple[_Group, ...], context: RuleContext, picked: dict[str, list[tuple[str, Any]]]
) -> bool:
    """Whether a group's selector picks :data:`BATCHED_FROM` nodes or more."""
    for selector, _, _ in groups:
        nodes = picked.get(selector)
        if nodes is None:
            nodes = picked[selector] = _selected(context.document, selector)
        if len(nodes) >= BATCHED_FROM:
            return True
    return False


def _apply_batched(
    segment: _Segment,
    context: RuleContext,
    found: list[Issue],
    picked: dict[str, list[tuple[str, Any]]],
    codes: dict[str, IssueCode],
) -> None:
    """A segment's rules (and its groups), each group's taking its nodes :data:`BATCH` at a time.

    Every rule of a group runs on a batch of nodes before the next batch: a document of
    thousands of lines is read while its lines are at hand, instead of being fetched again
    from memory by each rule (the time of a rule walking all the lines grew faster than the
    lines). Each rule's issues go to a list of its own, in node order, and the lists are
    added to ``found`` in rule order: the issues and their order are those of each rule run
    on all its nodes in turn (:func:`_apply`).
    """
    rules, groups = segment
    lists: list[list[Issue] | None] = [None] * len(rules)
    for selector, specs, places in groups:
        nodes = picked[selector]  # picked by _many_nodes
        per_rule: list[list[Issue]] = [[] for _ in specs]
        for start in range(0, len(nodes), BATCH):
            batch = nodes[start : start + BATCH]
            for spec, issues in zip(specs, per_rule, strict=True):
                _apply(spec, context, issues, picked, codes, nodes=batch)
        for place, issues in zip(places, per_rule, strict=True):
            lists[place] = issues
    for spec, kept in zip(rules, lists, strict=True):
        if kept is None:
            _apply(spec, context, found, picked, codes)
        else:
            found += kept


def _apply(
    spec: _Spec,
    context: RuleContext,
    found: list[Issue],
    picked: dict[str, list[tuple[str, Any]]],
    codes: dict[str, IssueCode],
    *,
    nodes: list[tuple[str, Any]] | None = None,
) -> list[Issue]:
    """A rule on its nodes, its issues added to ``found`` (an ``internal_error`` if it raises).

    The nodes are its selector's, walked once a run (kept in ``picked``), or ``nodes`` when
    given (a batch of them). Each finding
    becomes the issue :meth:`Issue.of` would make with the rule's name, its absolute pointer
    and the WCO Data Model ID of that pointer, and the finding's own message values (a
    :class:`Finding` holds a dict of its own). What the rule's findings share is looked up
    once: the rule's members once per plan (``spec``), the code's definition once per run and
    code (in ``codes``), what a relative path adds to the node's pointer and its WCO ID once
    per call and path (:func:`_place`). Returns ``found``.
    """
    selector, function, target, name, each = spec
    if nodes is None:
        nodes = picked.get(selector)
        if nodes is None:
            nodes = picked[selector] = _selected(context.document, selector)
    located: dict[str, tuple[str, str | None]] | None = None  # by path: ("/" + path, WCO ID)
    for pointer, node in nodes:
        made = 0  # the node's issues so far, taken back if the rule raises
        try:
            for finding in function(node, context):
                code = finding.code
                definition = codes.get(code)
                if definition is None:
                    definition = codes[code] = get_issue_code(code)
                path = finding.path
                if located is None:
                    located = {}
                place = located.get(path)
                if place is None:
                    place = located[path] = _place(selector, path, pointer)
                severity = finding.severity
                if severity is None:
                    severity = definition.severity
                elif type(severity) is not Severity:
                    severity = Severity(severity)
                # the issue Issue.built makes of these members, without the call
                issue: Any = _Unguarded()
                issue.code = code
                issue.severity = severity
                issue.pointer = pointer + place[0]
                issue.target = target
                issue.wco_id = place[1]
                issue.source = None
                issue.ctx = finding.ctx
                issue.suggestion = finding.suggestion
                issue.authority = definition.authority
                issue.rule = name
                issue.__class__ = Issue
                found.append(issue)
                made += 1
        except Exception as error:
            if is_ours(error):
                raise
            if made:
                del found[-made:]  # what the node gave before the defect is not kept
            stage = f"rule:{each.qualified_name}"
            found.append(internal_error(stage, error, pointer=pointer, target=each.target))
    return found


def _place(selector: str, path: str, pointer: str) -> tuple[str, str | None]:
    """What a finding's ``path`` adds to its node's ``pointer``, and the WCO ID of the result.

    The ID is the one :func:`wco_id_for_pointer` gives (list indexes do not change it), kept
    by the rule's selector and the path's shape (:data:`_WCO_IDS`).
    """
    shape = path
    if path.startswith(_LINES):  # goods_items/<index>...: the index made 0
        after = path[_LINES_END:].lstrip(_DIGITS)
        if len(after) < len(path) - _LINES_END and (not after or after[0] == "/"):
            shape = _FIRST_LINE + after
    suffix = "/" + path if path else ""
    kept = _WCO_IDS.get((selector, shape), _NOT_KEPT)
    wco_id = _wco_id(selector, shape, pointer + suffix) if kept is _NOT_KEPT else kept
    return suffix, wco_id


def _wco_id(selector: str, shape: str, pointer: str) -> str | None:
    """The WCO Data Model ID of ``pointer``, kept by its rule's selector and path's shape."""
    found = wco_id_for_pointer(pointer)
    if len(_WCO_IDS) >= _WCO_IDS_KEPT:
        _WCO_IDS.clear()
    _WCO_IDS[(selector, shape)] = found
    return found


FORMAT_RULE_SUFFIX = "_fields_given"
"""Rules named so check a country's filing format by its writer's own field definitions."""


def is_format_rule(name: str | None) -> bool:
    """Whether the rule named ``name`` checks a filing format's fields (``*_fields_given``)."""
    return name is not None and name.endswith(FORMAT_RULE_SUFFIX)


def _blocking(
    earlier: Sequence[Issue], found: Sequence[Issue], target: Target | None
) -> tuple[frozenset[str], frozenset[str]]:
    """Where a rule that is not a format's blocks for ``target``, and the restating codes.

    ``earlier`` are a check's earlier issues, ``found`` the run's issues so far (of rules
    that do not check a format: those run first). A finding whose code restates another
    changes the report, so it is always built. A core issue whose code a national code
    restates may leave the report for ``target``
    (:func:`~harmonized_customs.crossfiling.restated`), so it does not count. What
    ``earlier`` blocks on is read once for every target when it is a tuple
    (:func:`_earlier_blocking`).
    """
    restating, restated = restating_codes()
    every, by_target = _earlier_blocking(earlier, restated)
    blocked: set[str] = set(every)
    mine = by_target.get(target)
    if mine is not None:
        blocked |= mine
    add = blocked.add
    error = Severity.ERROR
    for each in found:  # no format rule's issue among them
        issue_target = each.target
        if issue_target != target and (issue_target is not None or each.code in restated):
            continue
        if each.severity is error:
            add(each.pointer)
    return frozenset(blocked), restating


_EarlierBlocking = tuple[frozenset[str], dict[Target | None, frozenset[str]]]
_EARLIER: list[tuple[Sequence[Issue], frozenset[str], _EarlierBlocking]] = []
"""The last tuple of earlier issues read by :func:`_earlier_blocking` (held, so that no other
object takes its identity), the restated codes it was read with, and what it blocks on."""


def _earlier_blocking(earlier: Sequence[Issue], restated: frozenset[str]) -> _EarlierBlocking:
    """Where ``earlier``'s blocking issues of rules that are not a format's block.

    The pointers that block for every target (core issues whose code no national code
    restates), then, by target, those that block for that target only (its own issues, and
    core issues whose code a national code restates: ``target`` ``None``). A tuple (a check
    passes one to each target's run) is read once.
    """
    if type(earlier) is tuple:
        try:
            kept, kept_restated, answer = _EARLIER[0]
        except IndexError:
            pass
        else:
            if kept is earlier and kept_restated is restated:
                return answer
    every: set[str] = set()
    by_target: dict[Target | None, set[str]] = {}
    error = Severity.ERROR
    for each in earlier:
        if each.severity is not error:
            continue
        name = each.rule
        if name is not None and name.endswith(FORMAT_RULE_SUFFIX):
            continue
        issue_target = each.target
        if issue_target is None and each.code not in restated:
            every.add(each.pointer)
        else:
            by_target.setdefault(issue_target, set()).add(each.pointer)
    answer = (frozenset(every), {key: frozenset(value) for key, value in by_target.items()})
    if type(earlier) is tuple:
        _EARLIER[:] = [(earlier, restated, answer)]
    return answer

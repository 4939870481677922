"""Cross-filing: one document in, and for each target country what blocks filing there.

:func:`check` runs the core rules of the document's kind (internal consistency, identifier
checks) and each target country's filing rules for that kind, and returns a
:class:`CrossFilingReport`. The targets default to every registered jurisdiction
(:func:`harmonized_customs.jurisdictions`). Each target is checked as the filing that country
would need for this shipment: an import declaration, or, when the declaration is an export from
that very country, its export declaration (the document kind decides).

A core-model issue (``target`` None) of severity error blocks every target; a target's own
errors block only that target. Warnings never block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from harmonized_customs import collector, refdata
from harmonized_customs.countries import get_jurisdiction, list_jurisdictions
from harmonized_customs.documents import DocumentKind, kind_of
from harmonized_customs.errors import UsageError
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.guard import internal_error, is_ours
from harmonized_customs.i18n import negotiate, ui
from harmonized_customs.issues import (
    Issue,
    Report,
    Severity,
    Target,
    _code_names,
    get_issue_code,
    render_issues,
    restating_codes,
)
from harmonized_customs.patching import patch_template
from harmonized_customs.pointers import within
from harmonized_customs.rules import RuleContext, check_rules, is_format_rule

__all__ = [
    "CrossFilingReport",
    "check",
    "default_targets",
    "each_fact_once",
    "normalise_targets",
    "restated",
]

_SEVERITY_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class CrossFilingReport(Report):
    """The issues of one declaration for a set of target countries."""

    def __init__(
        self, issues: Iterable[Issue], targets: Sequence[Target], document: Any = None
    ) -> None:
        super().__init__(issues)
        self.targets: tuple[Target, ...] = tuple(targets)
        self.document = document
        """The document checked (None when the report was built otherwise)."""

    def patch_template(self, target: str | None = None, locale: str = "en") -> list[dict[str, Any]]:
        """RFC 6902 operations answering what blocks filing in ``target`` (default: all).

        One ``add`` per value that blocks, its ``value`` the suggestion where a rule derives
        one and ``null`` where the user must decide; see :mod:`harmonized_customs.patching`.
        """
        chosen = [self._require_target(target)] if target else list(self.targets)
        issues = [i for t in chosen for i in self.blocking(t)] if chosen else list(self.errors)
        return patch_template(issues, self.document, locale)

    def _require_target(self, target: str) -> Target:
        code = target.upper()
        if code not in self.targets:
            raise UsageError(f"{target!r} was not checked; checked: {', '.join(self.targets)}")
        return code

    def blocking(self, target: str) -> list[Issue]:
        """The issues that block filing in ``target`` (core-model errors included)."""
        code = self._require_target(target)
        return [i for i in self if i.blocking and i.target in (None, code)]

    def ready(self, target: str) -> bool:
        """True when nothing blocks filing in ``target``."""
        return not self.blocking(target)

    def for_target(self, target: str) -> Report:
        """Every issue concerning ``target``, core-model issues included."""
        code = self._require_target(target)
        return Report(i for i in self if i.target in (None, code))

    def matrix(self) -> dict[str, dict[str, str]]:
        """Field x country: for each pointer with an issue, the worst severity per target.

        A core-model issue counts for every target. Cells without an issue say ``ok``.
        """
        cells: dict[str, dict[str, Severity]] = {}
        for issue in self:
            row = cells.setdefault(issue.pointer or "/", {})
            for target in self.targets if issue.target is None else (issue.target,):
                if target not in self.targets:
                    continue
                current = row.get(target)
                if current is None or _SEVERITY_RANK[issue.severity] > _SEVERITY_RANK[current]:
                    row[target] = issue.severity
        return {
            pointer: {t: row[t].value if t in row else "ok" for t in self.targets}
            for pointer, row in sorted(cells.items())
        }

    def to_dict(self, locale: str | None = None) -> dict[str, Any]:
        """JSON-ready: per target readiness and blocking count, the matrix and the issues."""
        data = super().to_dict(locale)
        counts = {t: len(self.blocking(t)) for t in self.targets}
        data["targets"] = {t: {"ready": not n, "blocking": n} for t, n in counts.items()}
        data["matrix"] = self.matrix()
        return data

    def render(self, locale: str = "en") -> str:
        """Per target: ready or blocked, then its issues, in ``locale``.

        Issues of the core model, and those a reader found for a country that was not checked
        (a malformed field of a US file checked for Canada only), come first.
        """
        language = negotiate(locale)
        sections: list[str] = []
        unchecked = sorted({i.target for i in self if i.target and i.target not in self.targets})
        core = Report(i for i in self if i.target is None or i.target in unchecked)
        if core:
            sections.append(render_issues(core, locale))
        for target in self.targets:
            status = ui("ready", language) if self.ready(target) else ui("blocked", language)
            own = [i for i in self if i.target == target]
            heading = f"{target}: {status}"
            sections.append(heading + ("\n" + render_issues(own, locale) if own else ""))
        return "\n".join(sections)


def default_targets() -> tuple[Target, ...]:
    """Every registered jurisdiction's code, in report order (US, CA, MX first)."""
    return tuple(j.code for j in list_jurisdictions())


def normalise_targets(targets: str | Iterable[str] | None) -> list[Target]:
    """Registered country codes, upper case, each once; a string may list them ("US,CA").

    ``None`` means every registered jurisdiction; an empty list means none (the core rules).
    """
    if targets is None:
        return list(default_targets())
    if isinstance(targets, str):
        targets = targets.split(",")
    chosen: list[Target] = []
    for target in targets:
        if not isinstance(target, str):
            raise UsageError(f"a target is a country code such as 'US', not {target!r}")
        if not target.strip():
            continue
        code = get_jurisdiction(target).code
        if code not in chosen:
            chosen.append(code)
    return chosen


def check(
    document: Any,
    targets: str | Iterable[str] | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    issues: Iterable[Issue] = (),
) -> CrossFilingReport:
    """Check ``document`` for filing in each of ``targets`` (default: every jurisdiction).

    ``document`` is a document of a registered kind (a :class:`Declaration`...) or the
    :class:`ReadResult` a reader gave (its reader issues then come first). ``targets`` is an
    iterable of country codes or one string ("US" or "US,CA"), any case; an empty list checks
    the core rules only. ``issues`` are earlier
    findings to include (a reader's). ``options`` tune rules whose basis is unverified; see
    docs/rules.md (for example ``ca_transaction_check_digit=True`` turns on the candidate CBSA
    check digit).
    """
    found: list[Issue] = list(issues)
    if isinstance(document, ReadResult):
        found = [*document.issues, *found]
        document = document.document
    kind = kind_of(document)
    chosen = normalise_targets(targets)
    settings = dict(options or {})
    with collector.paused(), refdata.pinned():  # the store's location read once a check
        try:
            _run_checks(found, kind, document, chosen, settings)
        except Exception as error:  # each rule is guarded; this catches the kind's own hooks
            if is_ours(error):
                raise
            found.append(internal_error("check", error))
        return CrossFilingReport(each_fact_once(restated(found, chosen)), chosen, document)


def _run_checks(
    found: list[Issue],
    kind: DocumentKind,
    document: Any,
    chosen: Sequence[Target],
    settings: dict[str, Any],
) -> None:
    date = kind.reference_date(document)
    core_context = RuleContext(document, None, options=settings, reference_date=date)
    nodes: dict[str, list[tuple[str, Any]]] = {}  # each selector's nodes, walked once a check
    found.extend(check_rules(kind.name, core_context, nodes=nodes))
    # what a target's format rule weighs: the reader's and the core rules' issues (another
    # target's issues never count for it), a tuple: read once for every target
    earlier = tuple(found)
    for target in chosen:
        context = RuleContext(document, target, kind.role(document, target), settings, date)
        found.extend(check_rules(kind.name, context, earlier, nodes=nodes))


def each_fact_once(issues: Iterable[Issue]) -> list[Issue]:
    """Each (code, pointer, target) once, and no format finding a rule already makes.

    A format's finding (a ``*_fields_given`` rule) where a rule of the same country, or a core
    rule, already blocks on that value or on a value containing it is left out: the rule says
    it in its own words.
    """
    listed = issues if isinstance(issues, list) else list(issues)
    # whether a rule checks a format, asked once per rule name (a report names a few rules)
    formats = {name for name in {i.rule for i in listed} if is_format_rule(name)}
    by_rules: dict[str | None, set[str]] = {}
    error = Severity.ERROR
    for i in listed:
        if i.severity is error and i.rule not in formats:
            place = by_rules.get(i.target)
            if place is None:
                place = by_rules[i.target] = set()
            place.add(i.pointer)
    seen: set[tuple[str, str, str | None]] = set()
    out: list[Issue] = []
    see, keep = seen.add, out.append
    for issue in listed:
        key = (issue.code, issue.pointer, issue.target)
        if key in seen or (issue.rule in formats and _restated(issue, by_rules)):
            continue
        see(key)
        keep(issue)
    return out


def restated(issues: Iterable[Issue], targets: Sequence[Target]) -> list[Issue]:
    """The issues with each core issue a national code restates replaced for that country.

    A core issue (``target`` None) whose code a national issue at the same pointer restates
    (``register_code(..., restates=...)``) is kept, as a copy for each other checked country,
    only for the countries that do not say it in their own terms.
    """
    listed = list(issues)
    codes = dict.fromkeys([issue.code for issue in listed])  # in the order they first come
    if not codes.keys() <= _code_names():
        for code in codes:  # a code not registered yet: looked up (or refused) in that order
            get_issue_code(code)
    if restating_codes()[0].isdisjoint(codes):
        return listed  # no code restates another: every issue stays as it is
    restates = {code: get_issue_code(code).restates for code in codes}
    saying: dict[tuple[str, str], set[str]] = {}
    for issue in listed:
        core_code = restates[issue.code]
        if core_code is not None and issue.target:
            saying.setdefault((core_code, issue.pointer), set()).add(issue.target)
    if not saying:  # no national issue restates a core one: every issue stays as it is
        return listed
    out: list[Issue] = []
    for issue in listed:
        said_by = saying.get((issue.code, issue.pointer)) if issue.target is None else None
        if not said_by:
            out.append(issue)
            continue
        out.extend(issue.replace(target=t) for t in targets if t not in said_by)
    return out


def _restated(issue: Issue, by_rules: Mapping[str | None, set[str]]) -> bool:
    """Whether a rule already blocks on the value of a format's finding, or on a parent.

    ``by_rules`` holds the pointers rules block on, by target (``None``: every target).
    """
    if not issue.pointer:
        return False
    return within(issue.pointer, by_rules.get(issue.target, _NONE), by_rules.get(None, _NONE))


_NONE: frozenset[str] = frozenset()

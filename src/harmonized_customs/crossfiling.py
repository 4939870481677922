"""Cross-filing: one declaration in, and for each of US, CA, MX what blocks filing there.

:func:`check` runs the core rules (internal consistency, identifier checks) and each target
country's filing rules, and returns a :class:`CrossFilingReport`. Each target is checked as
the declaration that country would need for this shipment: an import declaration, or, when the
declaration is an export from that very country, its export declaration.

A core-model issue (``target`` None) of severity error blocks every target; a target's own
errors block only that target. Warnings never block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from harmonized_customs import core_rules
from harmonized_customs.errors import UsageError
from harmonized_customs.issues import Issue, Report, Severity, Target
from harmonized_customs.jurisdictions import get_jurisdiction
from harmonized_customs.model import Declaration
from harmonized_customs.rules import RuleContext, run_rules

__all__ = ["DEFAULT_TARGETS", "CrossFilingReport", "check"]

DEFAULT_TARGETS: tuple[Target, ...] = ("US", "CA", "MX")

_SEVERITY_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class CrossFilingReport(Report):
    """The issues of one declaration for a set of target countries."""

    def __init__(self, issues: Iterable[Issue], targets: Sequence[Target]) -> None:
        super().__init__(issues)
        self.targets: tuple[Target, ...] = tuple(targets)

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
        data["targets"] = {
            t: {"ready": self.ready(t), "blocking": len(self.blocking(t))} for t in self.targets
        }
        data["matrix"] = self.matrix()
        return data

    def render(self, locale: str = "en") -> str:
        """Per target: ready or blocked, then its issues, in ``locale``.

        Issues of the core model, and those a reader found for a country that was not checked
        (a malformed field of a US file checked for Canada only), come first.
        """
        from harmonized_customs.i18n import negotiate, render_report, ui  # noqa: PLC0415

        language = negotiate(locale)
        sections: list[str] = []
        unchecked = sorted({i.target for i in self if i.target and i.target not in self.targets})
        core = Report(i for i in self if i.target is None or i.target in unchecked)
        if core:
            sections.append(render_report(core, locale))
        for target in self.targets:
            status = ui("ready", language) if self.ready(target) else ui("blocked", language)
            own = [i for i in self if i.target == target]
            heading = f"{target}: {status}"
            sections.append(heading + ("\n" + render_report(own, locale) if own else ""))
        return "\n".join(sections)


def _role(declaration: Declaration, target: Target) -> str:
    if declaration.direction == "export" and declaration.country_of_export == target:
        return "export"
    return "import"


def check(
    declaration: Declaration,
    targets: Iterable[str] = DEFAULT_TARGETS,
    *,
    options: Mapping[str, Any] | None = None,
) -> CrossFilingReport:
    """Check ``declaration`` for filing in each of ``targets`` (US, CA, MX).

    ``options`` tune rules whose basis is unverified; see docs/rules.md (for example
    ``ca_transaction_check_digit=True`` turns on the candidate CBSA check digit).
    """
    if not isinstance(declaration, Declaration):
        raise UsageError(f"check() needs a Declaration, not {type(declaration).__name__}")
    chosen: list[Target] = []
    for target in targets:
        code = get_jurisdiction(target).code
        if code not in chosen:
            chosen.append(code)
    settings = dict(options or {})
    issues: list[Issue] = [i for i in declaration.read_issues if isinstance(i, Issue)]
    core_context = RuleContext(declaration, None, options=settings)
    issues.extend(run_rules(core_rules.RULES, core_context))
    for target in chosen:
        jurisdiction = get_jurisdiction(target)
        context = RuleContext(declaration, target, _role(declaration, target), settings)
        issues.extend(run_rules(list(jurisdiction.rules()), context))
    return CrossFilingReport(issues, chosen)

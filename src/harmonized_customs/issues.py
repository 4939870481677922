"""Findings about a declaration: the :class:`Issue`, its code registry and the :class:`Report`.

An issue is a data problem, never a programmer error. It is immutable and names:

* ``code``: a stable snake_case slug, registered once with :func:`register_code` and never
  reused for another meaning (pydantic's ``ErrorType`` model);
* ``severity``: ``error`` blocks filing, ``warning`` needs a human review, ``info`` is advice;
* ``target``: the jurisdiction (``US``, ``CA``, ``MX``) whose filing the issue concerns, or
  ``None`` for the core model itself;
* ``pointer``: an RFC 6901 JSON pointer into the core-model JSON (``/goods_items/0/origin``);
* ``wco_id``: the WCO Data Model element, when there is one;
* ``source``: where in the wire file the value came from (line and column, or an XPath);
* ``ctx``: the values the message is rendered from, at report time, in the reader's language;
* ``suggestion``: a value derived by a documented rule, offered, never applied;
* ``authority``: the agency whose rule it is (``CBP``, ``CBSA``, ``SAT/ANAM``, ``WCO``...);
* ``rule``: the dotted name of the rule that found it (``None`` for readers and writers).

Messages are rendered from ``code`` and ``ctx`` through :mod:`harmonized_customs.i18n`, so an
issue can be shown in English, French or Spanish long after it was found.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import threading
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from harmonized_customs import registry
from harmonized_customs.i18n import (
    LANGUAGES,
    colon,
    negotiate,
    placeholders,
    render_fix,
    render_location,
    render_message,
    suggestion_text,
    translate,
    ui,
)

__all__ = [
    "Issue",
    "IssueCode",
    "Report",
    "Severity",
    "SourceLocation",
    "Target",
    "get_issue_code",
    "list_issue_codes",
    "register_code",
    "registered_codes",
    "render_issues",
    "restating_codes",
]

Target = str
"""A jurisdiction code (ISO 3166-1 alpha-2 of the filing country, upper case): any registered
jurisdiction (:func:`harmonized_customs.jurisdictions`), not a fixed list."""


class Severity(enum.StrEnum):
    """How much an issue matters for filing."""

    ERROR = "error"
    """Blocks filing in the target jurisdiction (or makes the declaration unusable)."""
    WARNING = "warning"
    """Needs a human review; does not block by itself."""
    INFO = "info"
    """Advice, such as a derived value offered as a suggestion."""


@dataclass(frozen=True)
class IssueCode:
    """One registered issue code: what it means, by default how bad, and who says so."""

    code: str
    severity: Severity
    template: str
    """English message template with ``{name}`` placeholders filled from ``ctx``."""
    authority: str
    """The agency or standard whose rule this is (CBP, CBSA, SAT/ANAM, WCO, ISO, ...)."""
    example_ctx: Mapping[str, Any] = field(default_factory=dict)
    """Values that render the template, used by the docs and the translation tests."""
    fix: str = ""
    """One sentence telling a broker what to do about it (English)."""
    unreadable: bool = False
    """True for codes meaning the input could not be parsed at all (not even partly read)."""
    translations: Mapping[str, str] = field(default_factory=dict)
    """A plugin's own translations of ``template`` by language (``{"fr": ..., "es": ...}``);
    the library's codes are translated in its gettext catalogues instead."""
    restates: str | None = None
    """The core code this national code says again in its country's terms: where both are
    found at one pointer, the national issue replaces the core one for that country."""

    def translated(self, language: str) -> str | None:
        """The template in ``language`` (a supported one), or None when nobody translated it."""
        return translate(self.template, self.code, language) or self.translations.get(language)

    def translation_problems(self) -> list[str]:
        """What keeps this code from rendering in every language: missing or wrong entries."""
        problems: list[str] = []
        wanted = placeholders(self.template)
        for language in LANGUAGES:
            text = self.translated(language)
            if text is None:
                problems.append(f"{self.code}: no {language} translation")
            elif placeholders(text) != wanted:
                problems.append(f"{self.code}: the {language} placeholders differ")
        if not wanted <= set(self.example_ctx):
            problems.append(f"{self.code}: example_ctx does not fill every placeholder")
        return problems

    @functools.cached_property
    def docs_anchor(self) -> str:
        """The anchor of this code's entry in ``docs/issue-codes.md``."""
        return "issue-codes.md#" + self.code.replace("_", "-")


_REGISTRY: dict[str, IssueCode] = {}
_REGISTRY_LOCK = threading.Lock()


def register_code(
    code: str,
    severity: Severity | str,
    template: str,
    *,
    authority: str,
    example_ctx: Mapping[str, Any] | None = None,
    fix: str = "",
    unreadable: bool = False,
    translations: Mapping[str, str] | None = None,
    restates: str | None = None,
) -> IssueCode:
    """Register an issue code and return it.

    Registering the same code twice with the same definition is harmless (modules may be
    reloaded); registering a different definition under an existing code is a programmer error.
    A plugin whose codes are not in the library's catalogues gives their ``translations``.
    """
    if not code or not code.replace("_", "").isalnum() or not code.islower():
        raise ValueError(f"issue codes are lower snake_case slugs, got {code!r}")
    entry = IssueCode(
        code=code,
        severity=Severity(severity),
        template=template,
        authority=authority,
        example_ctx=dict(example_ctx or {}),
        fix=fix,
        unreadable=unreadable,
        translations=dict(translations or {}),
        restates=restates,
    )
    with _REGISTRY_LOCK:
        existing = _REGISTRY.get(code)
        if existing is not None and existing != entry:
            raise ValueError(f"issue code {code!r} is already registered with another meaning")
        _REGISTRY[code] = entry
        if existing is None:
            _RESTATING.clear()
    return entry


def get_issue_code(code: str) -> IssueCode:
    """Return the registered definition of ``code``; :class:`KeyError` if it is unknown."""
    found = _REGISTRY.get(code)
    if found is None:
        registry.ensure_loaded_for("code", code)
        found = _REGISTRY[code]
    return found


def list_issue_codes() -> list[IssueCode]:
    """All registered issue codes (every module discovered first), sorted by code."""
    registry.ensure_loaded()
    return registered_codes()


def registered_codes() -> list[IssueCode]:
    """The issue codes registered so far, sorted by code (no discovery)."""
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def _code_names() -> Set[str]:
    """The codes registered so far, as a live view (no discovery; not to be changed)."""
    return _REGISTRY.keys()


_RESTATING: list[tuple[frozenset[str], frozenset[str]]] = []
"""What :func:`restating_codes` answers, kept until the next code is registered."""


def restating_codes() -> tuple[frozenset[str], frozenset[str]]:
    """The codes registered so far that restate another, and the codes they restate.

    Made once per state of the registry (a check asks at every target).
    """
    try:
        return _RESTATING[0]
    except IndexError:  # not made yet, or a code registered since
        pass
    with _REGISTRY_LOCK:
        codes = [code for code in _REGISTRY.values() if code.restates is not None]
        found = (
            frozenset(code.code for code in codes),
            frozenset(code.restates for code in codes if code.restates is not None),
        )
        _RESTATING[:] = [found]
    return found


@dataclass(frozen=True)
class SourceLocation:
    """Where in a wire file a value came from.

    Lines and columns are 1-based, as editors show them. ``record`` names the record type
    of a record-oriented format (``"50"`` of an ABI batch, ``"551"`` of an M3 file),
    ``field`` its field name; ``xpath`` locates a value in an XML document.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    record: str | None = None
    field: str | None = None
    xpath: str | None = None

    def __str__(self) -> str:
        return render_location(self, "en")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping without empty members."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one value of a declaration. Immutable; render it with :class:`Report`."""

    code: str
    severity: Severity
    pointer: str = ""
    target: Target | None = None
    wco_id: str | None = None
    source: SourceLocation | None = None
    ctx: Mapping[str, Any] = field(default_factory=dict)
    suggestion: Any = None
    authority: str = ""
    rule: str | None = None
    """The dotted name of the rule that found this issue; None for readers and writers."""

    @classmethod
    def of(
        cls,
        code: str,
        pointer: str = "",
        /,
        *,
        target: Target | None = None,
        severity: Severity | str | None = None,
        wco_id: str | None = None,
        source: SourceLocation | None = None,
        suggestion: Any = None,
        **ctx: Any,
    ) -> Issue:
        """Build an issue of a registered code, taking severity and authority from the registry."""
        definition = get_issue_code(code)
        return (Issue.built if cls is Issue else cls)(
            code,
            Severity(severity) if severity is not None else definition.severity,
            pointer,
            target,
            wco_id,
            source,
            dict(ctx),
            suggestion,
            definition.authority,
            None,
        )

    @staticmethod
    def built(  # noqa: PLR0917 - every member in order, as the constructor takes them
        code: str,
        severity: Severity,
        pointer: str,
        target: Target | None,
        wco_id: str | None,
        source: SourceLocation | None,
        ctx: Mapping[str, Any],
        suggestion: Any,
        authority: str,
        rule: str | None,
    ) -> Issue:
        """The issue of these members, equal to ``Issue(...)`` of them, made faster.

        The members are stored in an object of :class:`_Unguarded`, the same slots without
        the frozen class's guarded assignment, which then becomes an ``Issue`` (the engine
        makes an issue for every finding).
        """
        made: Any = _new_object(_Unguarded)
        made.code = code
        made.severity = severity
        made.pointer = pointer
        made.target = target
        made.wco_id = wco_id
        made.source = source
        made.ctx = ctx
        made.suggestion = suggestion
        made.authority = authority
        made.rule = rule
        made.__class__ = Issue
        issue: Issue = made
        return issue

    @property
    def blocking(self) -> bool:
        """True when this issue blocks filing."""
        return self.severity is Severity.ERROR

    @property
    def docs_anchor(self) -> str:
        """Where this issue's code is explained in the docs."""
        return get_issue_code(self.code).docs_anchor

    def replace(self, **changes: Any) -> Issue:
        """A copy with some members changed (issues are immutable)."""
        return dataclasses.replace(self, **changes)

    def message(self, locale: str = "en") -> str:
        """The message in ``locale`` (``en``, ``fr``, ``es``; ``fr_CA``, ``es-MX``, any case)."""
        definition = get_issue_code(self.code)
        return render_message(
            self.code, definition.template, self.ctx, locale, definition.translations
        )

    def fix(self, locale: str = "en") -> str:
        """What to do about it, in ``locale``: its code's ``fix`` text."""
        return render_fix(get_issue_code(self.code).fix, locale)

    def to_dict(self, locale: str | None = None) -> dict[str, Any]:
        """JSON-ready mapping; with ``locale`` it includes the rendered message and fix."""
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "target": self.target,
            "pointer": self.pointer,
            "wco_id": self.wco_id,
            "authority": self.authority,
            "ctx": {k: _jsonable(v) for k, v in self.ctx.items()},
            "docs": self.docs_anchor,
            "rule": self.rule,
        }
        if self.source is not None:
            data["source"] = self.source.to_dict()
        if self.suggestion is not None:
            data["suggestion"] = _jsonable(self.suggestion)
        if locale is not None:
            data["message"] = self.message(locale)
            data["fix"] = self.fix(locale)
        return data


_new_object = object.__new__


class _Unguarded:
    """An :class:`Issue`'s slots, assignable: what :meth:`Issue.built` fills.

    Its layout is the issue's (the same slots in the same order, no other member), so an
    object of it may become an ``Issue`` by assigning its class once every member is set.
    """

    __slots__ = tuple(each.name for each in dataclasses.fields(Issue))


def _jsonable(value: Any) -> Any:
    """Turn ctx values (Decimal, date, tuples...) into JSON-ready values without loss."""
    if isinstance(value, str | int | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


class Report:
    """An ordered collection of issues with filtering and rendering.

    ``Report`` is iterable and sized; filters return new reports.
    """

    def __init__(self, issues: Iterable[Issue] = ()) -> None:
        self._issues: tuple[Issue, ...] = tuple(issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self._issues)

    def __len__(self) -> int:
        return len(self._issues)

    def __bool__(self) -> bool:
        return bool(self._issues)

    def __repr__(self) -> str:
        return f"Report({len(self._issues)} issues)"

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues, in the order they were found."""
        return self._issues

    def filter(
        self,
        *,
        severity: Severity | str | None = None,
        target: str | None = "*",
        code: str | None = None,
    ) -> Report:
        """Issues that match every given criterion (``target=None`` selects core-model issues)."""
        wanted = Severity(severity) if severity is not None else None
        country = target.upper() if isinstance(target, str) and target != "*" else target
        return Report(
            issue
            for issue in self._issues
            if (wanted is None or issue.severity is wanted)
            and (country in ("*", issue.target))
            and (code is None or issue.code == code)
        )

    @property
    def errors(self) -> Report:
        """Issues of severity error."""
        return self.filter(severity=Severity.ERROR)

    @property
    def has_errors(self) -> bool:
        """True when at least one issue is an error."""
        return any(issue.blocking for issue in self._issues)

    def to_dict(self, locale: str | None = None) -> dict[str, Any]:
        """JSON-ready mapping of the issues, with rendered messages when ``locale`` is given."""
        return {"issues": [issue.to_dict(locale) for issue in self._issues]}

    def render(self, locale: str = "en") -> str:
        """Human-readable text, one issue per line, in ``locale``."""
        return render_issues(self._issues, locale)


def render_issues(issues: Iterable[Issue], locale: str = "en") -> str:
    """One line per issue: severity, target, pointer, message, and source location."""
    language = negotiate(locale)
    lines: list[str] = []
    for issue in issues:
        target = issue.target or "core"
        where = issue.pointer or "/"
        if issue.wco_id:
            where += f" ({ui('WCO', language)} {issue.wco_id})"
        sep = colon(language)
        text = f"{ui(issue.severity.value, language)} [{target}] {where}{sep}"
        text += issue.message(locale) + f" [{issue.code}]"
        if issue.source is not None:
            text += f"\n    {ui('source', language)}{sep}{render_location(issue.source, language)}"
        if issue.suggestion is not None:
            text += f"\n    {ui('suggestion', language)}{sep}{suggestion_text(issue.suggestion)}"
        fix = issue.fix(locale)
        if fix:
            text += f"\n    {ui('fix', language)}{sep}{fix}"
        lines.append(text)
    if not lines:
        lines.append(ui("no issues", language))
    return "\n".join(lines)

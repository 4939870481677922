"""Filer profiles: the transmission and filer settings a writer needs, kept apart from the data.

A declaration says what is shipped; how the filer transmits it (the ABI batch and block
headers: site code, sender id, password, block port and filer code; the M3 file name and
prevalidator) belongs to the filer. Each format lists its settings
(:class:`~harmonized_customs.format_registry.FilerSetting`); a *profile* is a mapping of
setting names to values, given to ``convert``/``dump`` (``profile=``) or on the command line
(``--profile FILE``, TOML or JSON). A profile may hold one section per format name
(``[us-abi-ae]``) or the settings at its top level.

The settings are placed in a copy of the document handed to the writer. What the writer then
finds missing at a setting's place is one issue ``filer_setting_missing`` naming the setting,
never a finding about the declaration; a value it refuses is ``filer_setting_invalid``.
Secret settings (the ABI password) are never echoed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from harmonized_customs.errors import UsageError
from harmonized_customs.format_registry import FilerSetting, Format
from harmonized_customs.issues import Issue, Severity, register_code
from harmonized_customs.rules import Finding, RuleContext

__all__ = [
    "apply_profile",
    "declaration_findings",
    "finding_filter",
    "load_profile",
    "profile_for",
    "setting_issues",
    "without_settings",
]

register_code(
    "filer_setting_missing",
    "error",
    "the filer setting {setting} is not given",
    authority="harmonized_customs",
    example_ctx={"setting": "site_code"},
    fix="Give the setting in the filer profile (--profile FILE, or profile= in the API).",
)
register_code(
    "filer_setting_invalid",
    "error",
    "the filer setting {setting} is refused by the format",
    authority="harmonized_customs",
    example_ctx={"setting": "sender_id"},
    fix="Correct the setting in the filer profile; the format page gives its length and codes.",
)

_MISSING_SUFFIX = "_missing"
_LOSSES = frozenset({"value_not_carried", "values_not_carried"})
_NOTHING: frozenset[tuple[str, str]] = frozenset()


def load_profile(path: str | Path) -> dict[str, Any]:
    """The profile in a TOML (``.toml``) or JSON file; :class:`UsageError` when unreadable."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the profile {file}: {error.strerror}") from None
    try:
        if file.suffix.lower() == ".toml":
            import tomllib  # noqa: PLC0415 - its regular expressions cost at import

            loaded: Any = tomllib.loads(data.decode("utf-8"))
        else:
            loaded = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise UsageError(f"the profile {file} is not valid TOML or JSON: {error}") from None
    if not isinstance(loaded, dict):
        raise UsageError(f"the profile {file} must hold a table of settings")
    return loaded


def profile_for(fmt: Format, profile: Mapping[str, Any] | None) -> dict[str, str]:
    """The settings of ``profile`` that ``fmt`` takes: its own section, else the top level."""
    if not profile:
        return {}
    if not isinstance(profile, Mapping):
        raise UsageError("a profile is a mapping of setting names to values")
    section = profile.get(fmt.name)
    chosen = section if isinstance(section, Mapping) else profile
    names = {s.name for s in fmt.settings}
    return {k: str(v) for k, v in chosen.items() if k in names and v is not None}


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _set(data: dict[str, Any], pointer: str, value: str) -> None:
    parts = _parts(pointer)
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


def apply_profile(
    document: Any, fmt: Format, profile: Mapping[str, Any] | None
) -> tuple[Any, tuple[Issue, ...]]:
    """A copy of ``document`` with the profile's settings for ``fmt`` in place.

    A setting the model refuses is left out and reported (``filer_setting_invalid``).
    """
    values = profile_for(fmt, profile)
    if not values:
        return document, ()
    model = type(document)
    data = document.model_dump(mode="json", exclude_none=True)
    issues: list[Issue] = []
    for setting in fmt.settings:
        if setting.name not in values:
            continue
        trial = json.loads(json.dumps(data))
        _set(trial, setting.pointer, values[setting.name])
        try:
            model.model_validate(trial)
        except ValidationError:
            issues.append(_invalid(setting, fmt))
            continue
        data = trial
    return model.model_validate(data), tuple(issues)


def _invalid(setting: FilerSetting, fmt: Format) -> Issue:
    return Issue.of(
        "filer_setting_invalid", setting.pointer, target=fmt.jurisdiction, setting=setting.name
    )


def setting_issues(issues: Iterable[Issue], fmt: Format) -> tuple[Issue, ...]:
    """The writer's issues with those about a setting's value restated as setting issues.

    A missing value at a setting's place is ``filer_setting_missing``; any other finding about
    a secret setting is ``filer_setting_invalid`` (its value is not repeated). Each once.
    """
    by_pointer = {s.pointer: s for s in fmt.settings}
    out: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for found in issues:
        setting = by_pointer.get(found.pointer)
        issue = found
        if setting is not None and found.code.endswith(_MISSING_SUFFIX):
            issue = Issue.of(
                "filer_setting_missing", found.pointer, target=found.target, setting=setting.name
            )
        elif setting is not None and setting.secret:
            issue = _invalid(setting, fmt).replace(target=found.target)
        key = (issue.code, issue.pointer)
        if setting is not None and key in seen:
            continue
        seen.add(key)
        out.append(issue)
    return tuple(out)


def without_settings(issues: Iterable[Issue], fmt: Format) -> list[Issue]:
    """The issues that are about the declaration, not about the format's filer settings."""
    pointers = {s.pointer for s in fmt.settings}
    return [i for i in issues if i.pointer not in pointers]


def finding_filter(fmt: Format, context: RuleContext) -> Callable[[str, str], bool]:
    """Whether a writer's issue (code, pointer) may become one of :func:`declaration_findings`.

    False for what the report would leave out by code or pointer alone: a filer setting's
    value, a loss, a finding another rule already makes, and the same code at the same pointer
    as an issue it let through before (the report says each fact once, the first time). A
    writer run for a check need not build those issues; the ones it builds still go through
    :func:`declaration_findings`. Each run of a format's rule takes a filter of its own.
    """
    settings = frozenset(s.pointer for s in fmt.settings)
    said = context.said_by_a_rule
    let_through: set[tuple[str, str]] = set()
    not_said = context._not_said()  # what declaration_findings need not ask again

    def wanted(code: str, pointer: str) -> bool:
        if pointer in settings or code in _LOSSES:
            return False
        key = (code, pointer)
        if key in let_through or said(code, pointer):
            return False
        let_through.add(key)
        not_said.add(key)
        return True

    return wanted


def declaration_findings(
    issues: Iterable[Issue], fmt: Format, context: RuleContext | None = None
) -> Iterator[Finding]:
    """The blocking issues of a writer as findings of a rule on the whole document.

    A country's rule that runs its filing format's writer yields these, so that what the
    format's field definitions require is what the country's check requires. The format's
    filer settings are left out: they come from a profile, not from the declaration. Given the
    rule's ``context``, a finding another rule already makes is not built
    (:meth:`RuleContext.said_by_a_rule`).
    """
    settings = {s.pointer for s in fmt.settings}
    said = None if context is None else context.said_by_a_rule
    not_said = _NOTHING if context is None else context._not_said()
    error = Severity.ERROR
    for issue in issues:
        code, pointer = issue.code, issue.pointer
        if issue.severity is not error or pointer in settings or code in _LOSSES:
            continue
        if said is not None and (code, pointer) not in not_said and said(code, pointer):
            continue
        # the finding copies ctx (a dict of its own for the issue)
        yield Finding(code, pointer.removeprefix("/"), issue.ctx)

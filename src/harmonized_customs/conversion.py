"""Converting a document from any registered format to any other, through the core model.

``hc.convert("entry.txt", to="mx-pedimento-m3")`` reads the source (format sniffed, or named
with ``format=``), writes it with the target format's writer and checks it against the filing
rules of the target format's country. The :class:`ConversionResult` carries the output and one
report of

* every value the target format cannot carry (the writer's issues, ``value_not_carried`` and
  the format's own codes), and
* every value that needs a human decision before filing in the target country (national
  classification, tariff units, office codes, exchange rates...): the issues of
  :func:`harmonized_customs.check` for that country, core-model issues included, each with a
  suggestion where a documented rule can derive the value.

A format without a jurisdiction (``core-json``) gets only its writer's issues. When the report
holds an error, ``result.blocked`` is True: the output is still given, and it is the caller's
decision whether to use it (the command line refuses to write it unless told ``--force``).

The formats are those of :mod:`harmonized_customs.format_registry`; see docs/api-guide.md and
docs/brokers-guide.md for worked examples.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from harmonized_customs import collector
from harmonized_customs.api import DEFAULT_MAX_SIZE, Source, read, summary
from harmonized_customs.crossfiling import check
from harmonized_customs.documents import DocumentKind, kind_of, list_kinds
from harmonized_customs.errors import InputError, UsageError
from harmonized_customs.format_registry import Format, ReadResult, WriteResult, get_format
from harmonized_customs.guard import internal_error, is_ours
from harmonized_customs.issues import Issue, Report
from harmonized_customs.losses import group_losses
from harmonized_customs.profiles import apply_profile, setting_issues

__all__ = [
    "ConversionResult",
    "convert",
    "convert_all",
    "convert_declaration",
    "convert_document",
    "target_format",
]

LOSS_CODES = frozenset({"value_not_carried", "values_not_carried"})
"""Issue codes meaning a value is left out of the output (the rest are decisions to make)."""


@dataclass(frozen=True)
class ConversionResult:
    """One declaration written in another format, with what was lost and what must be decided."""

    output: str | bytes
    """The written declaration: text for text formats, bytes for XML."""
    report: Report
    """The writer's issues, then the target country's filing issues (see the module docs)."""
    format: Format
    """The target format."""
    document: Any
    """The document as read from the source (the core model)."""
    index: int = 0
    """The declaration's position in its source file (0-based)."""

    @property
    def declaration(self) -> Any:
        """The document, under the name it has for goods declarations."""
        return self.document

    @property
    def blocked(self) -> bool:
        """True when the output would fail the target's rules: an error is in the report."""
        return self.report.has_errors

    @property
    def losses(self) -> Report:
        """The values the target format has no place for (left out of the output)."""
        return Report(i for i in self.report if i.code in LOSS_CODES)

    @property
    def decisions(self) -> Report:
        """Everything else in the report: values to supply, correct or confirm before filing."""
        return Report(i for i in self.report if i.code not in LOSS_CODES)

    def to_dict(self, locale: str | None = None) -> dict[str, Any]:
        """JSON-ready summary (without the output): format, blocked, counts and the issues."""
        return {
            "format": self.format.name,
            "index": self.index,
            "blocked": self.blocked,
            "losses": len(self.losses),
            "decisions": len(self.decisions),
            **self.report.to_dict(locale),
        }


def target_format(name: str) -> Format:
    """The registered format called ``name``, which must have a writer."""
    fmt = get_format(name)
    if fmt.writer is None:
        raise UsageError(f"format {name!r} can be read, not written")
    return fmt


def _issue_key(issue: Issue) -> tuple[str, str, str | None]:
    return issue.code, issue.pointer, issue.target


def _merge(*groups: Report | tuple[Issue, ...]) -> Report:
    """The issues of every group in order, each (code, pointer, target) once."""
    seen: set[tuple[str, str, str | None]] = set()
    merged: list[Issue] = []
    for group in groups:
        for issue in group:
            key = _issue_key(issue)
            if key not in seen:
                seen.add(key)
                merged.append(issue)
    return Report(merged)


def _not_restated(written: tuple[Issue, ...], filing: Report) -> tuple[Issue, ...]:
    """The writer's issues less its "missing" findings at a place a rule already names."""
    named = {(i.pointer, i.target) for i in filing if i.blocking and i.pointer}
    return tuple(i for i in written if not (i.code.endswith("_missing") and _named(i, named)))


def _named(issue: Issue, named: set[tuple[str, str | None]]) -> bool:
    """True when a rule of the issue's country, or a core rule, blocks at its pointer."""
    return (issue.pointer, issue.target) in named or (issue.pointer, None) in named


def _document_kind(document: Any, fmt: Format) -> DocumentKind:
    kind = kind_of(document)
    if fmt.kind != kind.name and fmt.jurisdiction is not None:
        raise UsageError(f"format {fmt.name!r} carries {fmt.kind} documents, not a {kind.name}")
    return kind


def convert_document(
    document: Any,
    to: str | Format,
    *,
    index: int = 0,
    options: Mapping[str, Any] | None = None,
    issues: tuple[Issue, ...] = (),
    profile: Mapping[str, Any] | None = None,
) -> ConversionResult:
    """Write ``document`` in the format ``to`` and report what is lost or to be decided.

    ``issues`` are the reader's findings about the document; they are reported for the
    target's country, as :func:`harmonized_customs.check` reports them. ``profile`` holds the
    filer settings of the format (see :mod:`harmonized_customs.profiles`).
    """
    fmt = to if isinstance(to, Format) else target_format(to)
    if fmt.writer is None:
        raise UsageError(f"format {fmt.name!r} can be read, not written")
    _document_kind(document, fmt)
    profiled, refused = apply_profile(document, fmt, profile)
    written = _write(fmt, profiled)
    own = setting_issues((*refused, *written.issues), fmt)
    if fmt.jurisdiction is None:
        report = Report(group_losses(_merge(own)))
        return ConversionResult(written.output, report, fmt, document, index)
    filing = check(document, [fmt.jurisdiction], options=options, issues=issues)
    mine = filing.for_target(fmt.jurisdiction)
    report = Report(group_losses(_merge(_not_restated(own, mine), mine)))
    return ConversionResult(written.output, report, fmt, document, index)


def _write(fmt: Format, document: Any) -> WriteResult:
    """The writer's result; an exception from it gives no output and an ``internal_error``.

    The writer runs with the cycle collector paused (:mod:`harmonized_customs.collector`).
    """
    assert fmt.writer is not None
    try:
        with collector.paused():
            return fmt.writer(document)
    except Exception as error:
        if is_ours(error):
            raise
        empty: str | bytes = b"" if fmt.binary else ""
        return WriteResult(empty, (internal_error(f"write:{fmt.name}", error),))


convert_declaration = convert_document
"""The name :func:`convert_document` has for goods declarations."""


def _is_document(source: object) -> bool:
    return any(isinstance(source, kind.model) for kind in list_kinds())


def convert_all(
    source: Source | Any,
    to: str,
    format: str | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    profile: Mapping[str, Any] | None = None,
) -> Iterator[ConversionResult]:
    """Convert every declaration in ``source``, one at a time.

    :class:`InputError` at the first declaration that cannot be read (the ones before it have
    been yielded). ``format`` names the source format; by default it is sniffed.
    """
    fmt = target_format(to)
    if _is_document(source):
        yield convert_document(source, fmt, options=options, profile=profile)
        return
    for result in read(source, format, max_size=max_size):
        yield _converted(result, fmt, options, profile)


def _converted(
    result: ReadResult,
    fmt: Format,
    options: Mapping[str, Any] | None,
    profile: Mapping[str, Any] | None = None,
) -> ConversionResult:
    if result.document is None:
        raise InputError(summary(result), Report(result.issues))
    return convert_document(
        result.document,
        fmt,
        index=result.index,
        options=options,
        issues=result.issues,
        profile=profile,
    )


def convert(
    source: Source | Any,
    to: str,
    format: str | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    profile: Mapping[str, Any] | None = None,
) -> ConversionResult:
    """Convert the one document in ``source`` (a path, bytes, a binary file or a document).

    ``to`` names the target format (``hc.formats()`` lists them). :class:`InputError` when the
    source cannot be read; :class:`UsageError` when it holds several declarations (use
    :func:`convert_all`) or ``to`` cannot be written.
    """
    fmt = target_format(to)
    if _is_document(source):
        return convert_document(source, fmt, options=options, profile=profile)
    results = list(read(source, format, max_size=max_size))
    if len(results) != 1:
        raise UsageError(f"the input holds {len(results)} documents; use convert_all()")
    return _converted(results[0], fmt, options, profile)

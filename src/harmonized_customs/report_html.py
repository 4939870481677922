"""The HTML readiness report: one self-contained page for the declarations of one run.

The page is HTML5 with its style sheet inline and no script, image, font or link to load: it
opens offline, from a file or an e-mail attachment, and its Content-Security-Policy forbids
loading anything. For each declaration it shows

* its status and, per target country, whether anything blocks filing there;
* the readiness matrix: one row per field (RFC 6901 JSON pointer into core-json) that has a
  finding, one column per target country checked, each cell naming the most serious
  finding for that country in words and with a symbol, not by colour alone; rows that block
  filing come first;
* every finding, blocking ones first, with its message in the chosen language, where it is
  (pointer, WCO Data Model element, line and column or XPath in the input file), any derived
  suggestion, the authority whose rule it is, and a link to the code's entry in
  ``docs/issue-codes.md``.

Input is what ``harmonized-customs check --output json`` gives per declaration: the keys of
:meth:`harmonized_customs.crossfiling.CrossFilingReport.to_dict` (``issues``, ``targets``,
``matrix``) plus ``file``, ``index``, ``read`` and ``status``; a declaration that could not be
read has ``issues`` only. Every string taken from a record is escaped, so a goods description
or a file name holding markup is shown as text.

Interface phrases are data: ``report_html_labels.json`` holds each in English, French (CBSA
vocabulary) and Spanish (SAT/ANAM vocabulary); severity and status words come from the gettext
catalogues (context ``ui``), as in the text report.

More information:

* HTML Living Standard (WHATWG), https://html.spec.whatwg.org/
* WCAG 2.2, success criterion 1.4.1 "Use of Color", https://www.w3.org/TR/WCAG22/#use-of-color
* RFC 6901, JavaScript Object Notation (JSON) Pointer, https://www.rfc-editor.org/rfc/rfc6901
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from html import escape
from importlib import resources
from typing import Any

from harmonized_customs.i18n import authority_name, colon, negotiate, suggestion_text, ui
from harmonized_customs.issues import Issue, Severity, get_issue_code

__all__ = ["DEFAULT_DOCS_BASE", "LABELS_FILE", "label", "labels", "render_html"]

LABELS_FILE = "report_html_labels.json"
"""The data file of interface phrases, inside the package."""

DEFAULT_DOCS_BASE = "docs/"
"""Prefix of the links to issue-code entries: relative to a page saved at the project root."""

SEVERITY_ORDER: tuple[str, ...] = ("error", "warning", "info")
"""Most serious first; findings and matrix rows are listed in this order."""

_SYMBOLS = {"error": "\u2716", "warning": "\u26a0", "info": "\u2139", "ok": "\u2714"}
"""A symbol per cell state, shown with the word, so that no state is told by colour alone."""

_DOCS_TARGET = re.compile(r"^[a-z0-9-]+\.md#[a-z0-9-]+$")
_CODE = re.compile(r"^[a-z0-9_]+$")

_STYLE = """
:root { color-scheme: light; --error-bg: #f8d7da; --error-fg: #58151c;
  --warning-bg: #fff3cd; --warning-fg: #4d3a00; --info-bg: #cfe2ff; --info-fg: #052c65;
  --ok-bg: #d1e7dd; --ok-fg: #0a3622; --rule: #8a8f98; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1d2125;
  background: #fff; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.5rem; padding-top: 0.5rem;
  border-top: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
table { border-collapse: collapse; margin: 0.25rem 0 1rem; }
caption { text-align: left; font-size: 0.9rem; color: #41464b; padding-bottom: 0.3rem; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; text-align: left;
  vertical-align: top; }
thead th { background: #e9ecef; }
th[scope=row] { font-weight: normal; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace;
  font-size: 0.9em; overflow-wrap: anywhere; }
.cell { font-weight: 600; white-space: nowrap; }
.error { background: var(--error-bg); color: var(--error-fg); }
.warning { background: var(--warning-bg); color: var(--warning-fg); }
.info { background: var(--info-bg); color: var(--info-fg); }
.ok { background: var(--ok-bg); color: var(--ok-fg); }
.unknown { background: #e2e3e5; color: #2b2f32; }
td a, th a { color: inherit; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; padding: 0; margin: 0 0 0.75rem;
  list-style: none; font-size: 0.9rem; }
.legend li span { padding: 0.05rem 0.4rem; border-radius: 3px; }
ol.findings { padding-left: 1.8rem; }
ol.findings li { margin: 0 0 0.8rem; padding: 0.4rem 0.6rem; border-left: 4px solid var(--rule); }
ol.findings li.error { border-left-color: var(--error-fg); background: #fcebed; }
ol.findings li.warning { border-left-color: var(--warning-fg); background: #fff9e6; }
ol.findings li.info { border-left-color: var(--info-fg); background: #eef4ff; }
.badge { font-weight: 700; }
.message { display: block; margin: 0.15rem 0; color: #1d2125; }
.fix { display: block; margin: 0.15rem 0; }
.meta { display: block; font-size: 0.88rem; color: #41464b; }
.note { font-style: italic; }
@media print { h2 { break-before: page; } a { text-decoration: none; } }
"""

_SEPARATOR = " \u00b7 "

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Every interface phrase of the page: ``{key: {"en": ..., "fr": ..., "es": ...}}``."""
    path = resources.files("harmonized_customs").joinpath(LABELS_FILE)
    loaded: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def label(key: str, language: str) -> str:
    """The phrase ``key`` in ``language`` (a :class:`KeyError` for an unknown key)."""
    return labels()[key][language]


def _text(value: object) -> str:
    """Any value from a record, as escaped HTML text."""
    return escape("" if value is None else str(value), quote=True)


def _rank(severity: object) -> int:
    """Sort key of a severity: errors first, unknown words last."""
    text = str(severity)
    return SEVERITY_ORDER.index(text) if text in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _css_class(state: object) -> str:
    """The CSS class of a severity or ``ok``; never a string taken from the record."""
    text = str(state)
    return text if text in _SYMBOLS else "unknown"


def _state_word(state: object, language: str) -> str:
    """A severity or ``ok`` in words, with its symbol, escaped."""
    text = str(state)
    if text == "ok":
        word = label("ok", language)
    elif text in SEVERITY_ORDER:
        word = ui(text, language)
    else:
        word = text
    symbol = _SYMBOLS.get(text, "?")
    return f'<span aria-hidden="true">{symbol}</span> {_text(word)}'


def _status_word(status: object, language: str) -> str:
    """A record status (ready, blocked, invalid, unreadable) in words, escaped."""
    text = str(status)
    known = {"ready", "blocked", "invalid", "unreadable"}
    return _text(ui(text, language) if text in known else text)


def _issues(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The record's findings, blocking ones first, otherwise in the order they were found."""
    raw = record.get("issues") or []
    found = [issue for issue in raw if isinstance(issue, Mapping)]
    return sorted(found, key=lambda issue: _rank(issue.get("severity")))


def _targets(record: Mapping[str, Any]) -> list[str]:
    """The countries a record was checked for, in the order of the check (by rank)."""
    checked = record.get("targets")
    return [str(t) for t in checked] if isinstance(checked, Mapping) else []


def _pointer_of(issue: Mapping[str, Any]) -> str:
    """The matrix row of an issue: its pointer, ``/`` for the declaration as a whole."""
    return str(issue.get("pointer") or "/")


def _message(issue: Mapping[str, Any], language: str) -> str:
    """The rendered message, or one rendered now from code and ctx when the record lacks it."""
    message = issue.get("message")
    if message is not None:
        return str(message)
    code = str(issue.get("code", ""))
    try:
        get_issue_code(code)
    except KeyError:
        return code
    ctx = issue.get("ctx")
    values = dict(ctx) if isinstance(ctx, Mapping) else {}
    return Issue(code=code, severity=Severity.ERROR, ctx=values).message(language)


def _docs_href(issue: Mapping[str, Any], docs_base: str) -> str | None:
    """Where the issue's code is explained, or ``None`` for a code we cannot link safely."""
    docs = str(issue.get("docs") or "")
    if _DOCS_TARGET.match(docs):
        return docs_base + docs
    code = str(issue.get("code") or "")
    if _CODE.match(code):
        return f"{docs_base}issue-codes.md#{code.replace('_', '-')}"
    return None


def _source_text(source: object, language: str) -> str:
    """Where in the input file a finding is, in words (escaped)."""
    if not isinstance(source, Mapping):
        return ""
    parts: list[str] = []
    if source.get("file"):
        parts.append(f"<code>{_text(source['file'])}</code>")
    if source.get("line") is not None:
        where = f"{_text(label('line', language))} {_text(source['line'])}"
        if source.get("column") is not None:
            where += f", {_text(label('column', language))} {_text(source['column'])}"
        parts.append(where)
    if source.get("record"):
        parts.append(f"{_text(label('record', language))} {_text(source['record'])}")
    if source.get("field"):
        parts.append(f"{_text(label('field_name', language))} {_text(source['field'])}")
    if source.get("xpath"):
        parts.append(f"<code>{_text(source['xpath'])}</code>")
    return ": ".join(parts)


def _suggestion_text(value: object) -> str:
    """A derived suggestion in words, as escaped text."""
    return _text(suggestion_text(value))


def _finding(issue: Mapping[str, Any], element_id: str, language: str, docs_base: str) -> str:
    """One finding as a list item."""
    severity = issue.get("severity")
    target = issue.get("target")
    applies = _text(target) if target else _text(label("all_countries", language))
    code = _text(issue.get("code", ""))
    href = _docs_href(issue, docs_base)
    code_html = f"<code>{code}</code>"
    if href is not None:
        code_html += f' (<a href="{_text(href)}">{_text(label("explanation", language))}</a>)'
    meta = [
        f"{_text(label('field', language))}: <code>{_text(_pointer_of(issue))}</code>",
        f"{_text(label('code', language))}: {code_html}",
    ]
    if issue.get("wco_id"):
        meta.append(f"{_text(label('wco_element', language))}: {_text(issue['wco_id'])}")
    if issue.get("authority"):
        agency = authority_name(str(issue["authority"]), language)
        meta.append(f"{_text(label('authority', language))}{colon(language)}{_text(agency)}")
    lines = [
        f'<span class="badge">{_state_word(severity, language)}</span> '
        f"\u2014 {_text(label('applies_to', language))}: {applies}",
        f'<span class="message">{_text(_message(issue, language))}</span>',
        '<span class="meta">' + _SEPARATOR.join(meta) + "</span>",
    ]
    where = _source_text(issue.get("source"), language)
    if where:
        lines.append(f'<span class="meta">{_text(ui("source", language))}: {where}</span>')
    if issue.get("suggestion") is not None:
        suggestion = _suggestion_text(issue["suggestion"])
        lines.append(f'<span class="meta">{_text(ui("suggestion", language))}: {suggestion}</span>')
    if issue.get("fix"):
        fix = f"{_text(ui('fix', language))}{colon(language)}{_text(issue['fix'])}"
        lines.append(f'<span class="fix">{fix}</span>')
    return f'<li id="{element_id}" class="{_css_class(severity)}">' + "\n".join(lines) + "</li>"


def _findings(
    issues: list[Mapping[str, Any]], prefix: str, language: str, docs_base: str
) -> list[str]:
    """The findings section of one declaration."""
    parts = [f"<h3>{_text(label('issues_heading', language))}</h3>"]
    if not issues:
        parts.append(f"<p>{_text(ui('no issues', language))}</p>")
        return parts
    parts.append('<ol class="findings">')
    parts.extend(
        _finding(issue, f"{prefix}-f{n}", language, docs_base) for n, issue in enumerate(issues, 1)
    )
    parts.append("</ol>")
    return parts


def _matrix_rows(record: Mapping[str, Any], columns: list[str]) -> list[tuple[str, list[str]]]:
    """(pointer, state per column) for each row, rows with the worst state first."""
    matrix = record.get("matrix")
    rows: list[tuple[str, list[str]]] = []
    if columns and isinstance(matrix, Mapping):
        for pointer, cells in matrix.items():
            row = cells if isinstance(cells, Mapping) else {}
            rows.append((str(pointer), [str(row.get(column, "ok")) for column in columns]))
    elif not columns:
        worst: dict[str, str] = {}
        for issue in _issues(record):
            worst.setdefault(_pointer_of(issue), str(issue.get("severity")))
        rows = [(pointer, [state]) for pointer, state in worst.items()]
    return sorted(rows, key=lambda row: (min(_rank(s) for s in row[1]), row[0]))


_Anchors = dict[tuple[str, str | None, str], int]
"""(pointer, target or None for a core finding or "*" for any, severity) -> first finding."""


def _anchors(issues: list[Mapping[str, Any]]) -> _Anchors:
    """Where the first finding of each pointer, target and severity is, in one pass."""
    first: _Anchors = {}
    for n, issue in enumerate(issues, 1):
        pointer, severity = _pointer_of(issue), str(issue.get("severity"))
        target = issue.get("target")
        first.setdefault((pointer, str(target) if target else None, severity), n)
        first.setdefault((pointer, "*", severity), n)
    return first


def _cell_target(
    anchors: _Anchors, prefix: str, pointer: str, column: str | None, state: str
) -> str | None:
    """The id of the first finding behind a matrix cell, to link the cell to it.

    A country's cell shows its own findings and the core model's; with no country (the core
    column) any finding of the field counts.
    """
    if column is None:
        found = anchors.get((pointer, "*", state))
    else:
        numbers = [anchors.get((pointer, key, state)) for key in (column, None)]
        found = min((n for n in numbers if n is not None), default=None)
    return None if found is None else f"{prefix}-f{found}"


def _legend(language: str) -> str:
    """The key to the matrix cells."""
    items = [
        f'<li><span class="{state}">{_state_word(state, language)}</span> '
        f"{_text(label('legend_' + state, language))}</li>"
        for state in ("error", "warning", "info", "ok")
    ]
    return (
        f'<ul class="legend" aria-label="{_text(label("legend", language))}">'
        + "".join(items)
        + "</ul>"
    )


def _matrix(
    record: Mapping[str, Any], issues: list[Mapping[str, Any]], prefix: str, language: str
) -> list[str]:
    """The readiness matrix of one declaration: fields x target countries."""
    columns = _targets(record)
    headings = columns or [label("core_column", language)]
    rows = _matrix_rows(record, columns)
    parts = [
        f"<h3>{_text(label('matrix_heading', language))}</h3>",
        _legend(language),
        f'<table class="matrix" id="{prefix}-matrix">',
        f"<caption>{_text(label('matrix_caption', language))}</caption>",
        "<thead><tr>",
        f'<th scope="col">{_text(label("field", language))}</th>',
        *(f'<th scope="col">{_text(h)}</th>' for h in headings),
        "</tr></thead><tbody>",
    ]
    if not rows:
        cells = "".join(f'<td class="cell ok">{_state_word("ok", language)}</td>' for _ in headings)
        parts.append(
            f'<tr><th scope="row"><em>{_text(label("all_fields", language))}</em></th>{cells}</tr>'
        )
    anchors = _anchors(issues)
    for pointer, states in rows:
        parts.append(
            _matrix_row(
                pointer, states, columns=columns, anchors=anchors, prefix=prefix, language=language
            )
        )
    parts.append("</tbody></table>")
    return parts


def _matrix_row(
    pointer: str,
    states: list[str],
    *,
    columns: list[str],
    anchors: _Anchors,
    prefix: str,
    language: str,
) -> str:
    """One matrix row: the field, then one cell per country linking to its finding."""
    name = f"<code>{_text(pointer)}</code>"
    if pointer == "/":
        name += f" <em>({_text(label('whole_declaration', language))})</em>"
    cells: list[str] = []
    for position, state in enumerate(states):
        column = columns[position] if columns else None
        content = _state_word(state, language)
        anchor = None if state == "ok" else _cell_target(anchors, prefix, pointer, column, state)
        if anchor is not None:
            content = f'<a href="#{anchor}">{content}</a>'
        cells.append(f'<td class="cell {_css_class(state)}">{content}</td>')
    return f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>'


def _readiness(record: Mapping[str, Any], language: str) -> list[str]:
    """Per target country: ready or blocked, and how many issues block it."""
    columns = _targets(record)
    parts = [f"<h3>{_text(label('readiness_heading', language))}</h3>"]
    if not columns:
        parts.append(f'<p class="note">{_text(label("no_targets", language))}</p>')
        return parts
    targets = record.get("targets")
    checked: Mapping[str, Any] = targets if isinstance(targets, Mapping) else {}
    parts += [
        '<table class="readiness"><thead><tr>',
        f'<th scope="col">{_text(label("country", language))}</th>',
        f'<th scope="col">{_text(label("status", language))}</th>',
        f'<th scope="col">{_text(label("blocking_count", language))}</th>',
        "</tr></thead><tbody>",
    ]
    for target in columns:
        parts.append(_readiness_row(target, checked.get(target), language))
    parts.append("</tbody></table>")
    return parts


def _readiness_row(target: str, entry: object, language: str) -> str:
    """One country of the readiness table."""
    return f'<tr><th scope="row">{_text(target)}</th>{_readiness_cells(entry, language)}</tr>'


def _readiness_cells(entry: object, language: str) -> str:
    """Ready or blocked, and the number of blocking issues, as two table cells."""
    info: Mapping[str, Any] = entry if isinstance(entry, Mapping) else {}
    ready = info.get("ready") is True
    state = "ok" if ready else "error"
    word = ui("ready" if ready else "blocked", language)
    symbol = _SYMBOLS[state]
    return (
        f'<td class="cell {state}"><span aria-hidden="true">{symbol}</span> {_text(word)}</td>'
        f"<td>{_text(info.get('blocking', 0))}</td>"
    )


def _position(record: Mapping[str, Any]) -> str:
    """The declaration's 1-based position in its file, as text."""
    index = record.get("index")
    return str(index + 1) if isinstance(index, int) and not isinstance(index, bool) else "?"


def _section(record: Mapping[str, Any], number: int, language: str, docs_base: str) -> str:
    """Everything about one declaration."""
    prefix = f"d{number}"
    issues = _issues(record)
    status = record.get("status", "")
    heading = (
        f"{_text(label('declaration', language))} {number}: "
        f"<code>{_text(record.get('file', ''))}</code> #{_text(_position(record))} \u2014 "
        f'<span class="status-{_css_class(_status_state(status))}">'
        f"{_status_word(status, language)}</span>"
    )
    parts = [f'<section class="declaration" id="{prefix}">', f"<h2>{heading}</h2>"]
    if record.get("read") is False:
        parts.append(f'<p class="note">{_text(label("not_read", language))}</p>')
    else:
        parts += _readiness(record, language)
        parts += _matrix(record, issues, prefix, language)
    parts += _findings(issues, prefix, language, docs_base)
    parts.append("</section>")
    return "\n".join(parts)


def _status_state(status: object) -> str:
    """The cell state that stands for a record status."""
    return "ok" if status == "ready" else "error"


def _summary(records: list[Mapping[str, Any]], language: str) -> list[str]:
    """The table of every declaration of the run with its status per country."""
    parts = [f"<h2>{_text(label('summary_heading', language))}</h2>"]
    if not records:
        parts.append(f"<p>{_text(label('no_records', language))}</p>")
        return parts
    targets: list[str] = []
    for record in records:
        targets += [t for t in _targets(record) if t not in targets]
    parts += [
        '<table class="summary">',
        f"<caption>{_text(label('summary_caption', language))}</caption>",
        "<thead><tr>",
        f'<th scope="col">{_text(label("declaration", language))}</th>',
        f'<th scope="col">{_text(label("file", language))}</th>',
        f'<th scope="col">{_text(label("number_in_file", language))}</th>',
        f'<th scope="col">{_text(label("status", language))}</th>',
        *(f'<th scope="col" colspan="2">{_text(t)}</th>' for t in targets),
        "</tr></thead><tbody>",
    ]
    for number, record in enumerate(records, 1):
        parts.append(_summary_row(record, number, targets, language))
    parts.append("</tbody></table>")
    return parts


def _summary_row(record: Mapping[str, Any], number: int, targets: list[str], language: str) -> str:
    """One declaration of the summary table."""
    status = record.get("status", "")
    checked = record.get("targets")
    per_target: Mapping[str, Any] = checked if isinstance(checked, Mapping) else {}
    cells = [
        f'<th scope="row"><a href="#d{number}">{number}</a></th>',
        f"<td><code>{_text(record.get('file', ''))}</code></td>",
        f"<td>{_text(_position(record))}</td>",
        f'<td class="cell {_status_state(status)}">{_status_word(status, language)}</td>',
    ]
    for target in targets:
        entry = per_target.get(target)
        cells.append(
            _readiness_cells(entry, language)
            if isinstance(entry, Mapping)
            else '<td colspan="2">\u2014</td>'
        )
    return "<tr>" + "".join(cells) + "</tr>"


def render_html(
    records: Iterable[Mapping[str, Any]], language: str, *, docs_base: str = DEFAULT_DOCS_BASE
) -> str:
    """One self-contained HTML page for the declarations of a run.

    Args:
        records: one mapping per declaration, as ``harmonized-customs check --output json``
            gives them under ``results``.
        language: ``en``, ``fr`` or ``es`` (``fr_CA`` and ``es_MX`` accepted).
        docs_base: prefix of the links to ``issue-codes.md``; the default is relative to a
            page saved at the project root. Give an absolute address of the published docs to
            make the links work from anywhere.

    Returns:
        The page, as text (write it as UTF-8).

    Raises:
        UsageError: for an unsupported language.
    """
    chosen = negotiate(language)
    items = [record for record in records if isinstance(record, Mapping)]
    title = _text(label("page_title", chosen))
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{chosen}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
    ]
    body = _summary(items, chosen)
    body += [_section(record, n, chosen, docs_base) for n, record in enumerate(items, 1)]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>", ""])

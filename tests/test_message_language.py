"""No English word inside French or Spanish messages, and French typography.

Every registered code is rendered with its example values in fr and es; the example values
are taken out (they are data, not words of the message) and what remains is scanned for
English words that are not also French or Spanish words. Official names and acronyms the
agencies themselves use (SCAC, MID, HTSUS, CUSMA, ACE...) are not words of this list.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.i18n import FIX_CONTEXT, translate
from harmonized_customs.issues import Issue, list_issue_codes
from harmonized_customs.report_html import render_html

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ENGLISH = frozenset(
    {
        "the",
        "of",
        "and",
        "with",
        "without",
        "not",
        "is",
        "are",
        "has",
        "have",
        "must",
        "should",
        "missing",
        "given",
        "broker",
        "importer",
        "exporter",
        "record",
        "records",
        "entry",
        "summary",
        "schedule",
        "filer",
        "cargo",
        "shipment",
        "invoice",
        "line",
        "lines",
        "weight",
        "number",
        "value",
        "rate",
        "field",
        "filler",
        "carrier",
        "trip",
        "manifest",
        "unknown",
        "invalid",
        "length",
    }
)
"""Words that are English and neither French nor Spanish, matched as lower-case words."""
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
NNBSP = "\u202f"

CODES = [c.code for c in list_issue_codes()]


def _words(code: str, language: str) -> list[str]:
    definition = next(c for c in list_issue_codes() if c.code == code)
    text = Issue.of(code, "", **definition.example_ctx).message(language)
    for value in sorted((str(v) for v in definition.example_ctx.values()), key=len, reverse=True):
        text = text.replace(value, " ")
    return _WORD.findall(text)


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("code", CODES)
def test_no_english_word_in_the_message(code: str, language: str) -> None:
    found = [w for w in _words(code, language) if w in ENGLISH]
    assert found == [], f"{code} ({language}): {found}"


@pytest.mark.parametrize("code", CODES)
def test_french_typography_before_double_punctuation(code: str) -> None:
    definition = next(c for c in list_issue_codes() if c.code == code)
    text = Issue.of(code, "", **definition.example_ctx).message("fr")
    for value in sorted((str(v) for v in definition.example_ctx.values()), key=len, reverse=True):
        text = text.replace(value, "X")
    for match in re.finditer(r"(.)([;:!?])(\s|$)", text):
        assert match.group(1) == NNBSP, f"{code}: {text!r}"


@pytest.mark.parametrize("code", CODES)
def test_partida_only_in_spanish(code: str) -> None:
    assert "partida" not in " ".join(_words(code, "fr"))


def _truck_report() -> hc.CrossFilingReport:
    return hc.check(hc.load(EXAMPLES / "us-to-ca-truck.json"), ["CA"])


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_issue_renders_its_fix_in_text_json_and_html(language: str) -> None:
    report = _truck_report()
    issue = report.blocking("CA")[0]
    fix = issue.fix(language)
    assert fix
    assert fix in report.render(language)
    data = report.to_dict(language)
    assert all(entry["fix"] for entry in data["issues"])
    record = {"file": "x.json", "index": 0, "read": True, "status": "blocked", **data}
    assert html.escape(fix, quote=True) in render_html([record], language)


def test_french_html_names_the_asfc() -> None:
    data = _truck_report().to_dict("fr")
    page = render_html([{"file": "x.json", "index": 0, "read": True, **data}], "fr")
    assert "ASFC" in page
    assert "Autorité\u202f: CBSA" not in page


def test_suggestion_is_written_in_words() -> None:
    document = hc.load(EXAMPLES / "complete-us-import.json")
    report = hc.check(document, ["MX"])
    suggested = [i for i in report if i.code == "mx_tmec_identifier_suggested"]
    assert suggested
    text = report.render("es")
    assert "complement1=" not in text
    assert "TL CAN" in text


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("code", CODES)
def test_fix_is_translated_without_english_words(code: str, language: str) -> None:
    definition = next(c for c in list_issue_codes() if c.code == code)
    assert translate(definition.fix, FIX_CONTEXT, language), f"{code}: no {language} fix"
    words = _WORD.findall(Issue.of(code, "", **definition.example_ctx).fix(language))
    assert [w for w in words if w in ENGLISH] == [], code


@pytest.mark.parametrize("code", CODES)
def test_french_fix_typography(code: str) -> None:
    definition = next(c for c in list_issue_codes() if c.code == code)
    text = re.sub(r"https?://\S+|\S+\.\S+\(|`[^`]*`", "X", Issue.of(code, "").fix("fr"))
    for match in re.finditer(r"(.)([;:!?])(\s|$)", text):
        assert match.group(1) == NNBSP, f"{code}: {text!r}"
    assert definition.fix

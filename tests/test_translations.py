"""Every issue message and interface phrase is translated, renders, and uses agency vocabulary.

The catalogues under ``locales/<lang>/LC_MESSAGES`` are regenerated from the code registry with
``scripts/update_catalogues.py``; these tests fail when a registered code has no reviewed
translation in one of :data:`harmonized_customs.i18n.LANGUAGES`, when a translation loses or
invents a placeholder, or when a catalogue carries fuzzy, obsolete or stale entries.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from harmonized_customs import i18n
from harmonized_customs.errors import UsageError
from harmonized_customs.issues import Issue, IssueCode, list_issue_codes

CODES: list[IssueCode] = list_issue_codes()
UI_KEYS: list[str] = sorted(i18n.ui_keys())
LANGUAGES: tuple[str, ...] = i18n.LANGUAGES
TRANSLATED: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang != "en")
RENDERED: tuple[str, ...] = (*LANGUAGES, "fr_CA", "es_MX")


@functools.cache
def _read_catalogue(language: str) -> Catalog:
    """Parse one ``.po`` file strictly, keeping obsolete entries so they can be detected."""
    path = resources.files("harmonized_customs").joinpath(
        "locales", language, "LC_MESSAGES", i18n.DOMAIN + ".po"
    )
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=i18n.DOMAIN, abort_invalid=True)


def _leftover_braces(text: str, ctx: dict[str, Any]) -> bool:
    """True when ``text`` still has a brace that did not come from a ctx value."""
    for value in ctx.values():
        if isinstance(value, str) and value:
            text = text.replace(value, "")
    return "{" in text or "}" in text


# ------------------------------------------------------------------------- issue messages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_issue_message_is_translated(definition: IssueCode, language: str) -> None:
    translated = i18n.translate(definition.template, definition.code, language)
    assert translated is not None, f"{definition.code}: no {language} translation"
    entry = _read_catalogue(language).get(definition.template, context=definition.code)
    assert entry is not None, f"{definition.code}: no entry in the {language} catalogue"
    assert not entry.fuzzy, f"{definition.code}: the {language} entry is fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_issue_message_keeps_the_placeholders(definition: IssueCode, language: str) -> None:
    translated = i18n.translate(definition.template, definition.code, language)
    assert translated is not None, f"{definition.code}: no {language} translation"
    assert i18n.placeholders(translated) == i18n.placeholders(definition.template)


@pytest.mark.parametrize("language", RENDERED)
@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_issue_message_renders_the_example(definition: IssueCode, language: str) -> None:
    ctx = dict(definition.example_ctx)
    assert i18n.placeholders(definition.template) <= set(ctx), (
        f"{definition.code}: example_ctx does not fill every placeholder"
    )
    text = Issue.of(definition.code, "", **ctx).message(language)
    assert text.strip()
    assert f"[{definition.code}]" not in text, f"{definition.code}: missing-translation marker"
    assert not _leftover_braces(text, ctx), f"{definition.code}: unfilled placeholder in {text!r}"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("definition", CODES, ids=lambda d: d.code)
def test_issue_message_is_not_left_in_english(definition: IssueCode, language: str) -> None:
    translated = i18n.translate(definition.template, definition.code, language)
    assert translated != definition.template, f"{definition.code}: {language} text is the English"


# ------------------------------------------------------------------------- interface phrases


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", UI_KEYS)
def test_ui_phrase_is_translated(key: str, language: str) -> None:
    translated = i18n.translate(key, i18n.UI_CONTEXT, language)
    assert translated is not None, f"ui {key!r}: no {language} translation"
    entry = _read_catalogue(language).get(key, context=i18n.UI_CONTEXT)
    assert entry is not None, f"ui {key!r}: no entry in the {language} catalogue"
    assert not entry.fuzzy, f"ui {key!r}: the {language} entry is fuzzy"
    assert i18n.placeholders(translated) == i18n.placeholders(key)
    rendered = i18n.ui(key, language)
    assert rendered.strip()
    assert "{" not in rendered
    assert "}" not in rendered


# ------------------------------------------------------------------------- locale negotiation


@pytest.mark.parametrize(
    ("locale", "language"),
    [("fr_CA", "fr"), ("fr-CA", "fr"), ("es_MX", "es"), ("es-MX", "es"), ("en_US", "en")],
)
def test_negotiate_accepts_regional_locales(locale: str, language: str) -> None:
    assert i18n.negotiate(locale) == language


@pytest.mark.parametrize("locale", ["xx", "xx_YY", "de"])
def test_negotiate_rejects_unsupported_languages(locale: str) -> None:
    with pytest.raises(UsageError):
        i18n.negotiate(locale)


def test_unsupported_language_is_rejected_when_rendering() -> None:
    definition = CODES[0]
    issue = Issue.of(definition.code, "", **definition.example_ctx)
    with pytest.raises(UsageError):
        issue.message("xx")


# ------------------------------------------------------------------------- catalogue hygiene


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_clean(language: str) -> None:
    catalog = _read_catalogue(language)
    assert not catalog.obsolete, f"obsolete entries: {sorted(catalog.obsolete)}"
    fuzzy = [(m.context, m.id) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    expected = {(d.code, d.template) for d in CODES} | {(i18n.UI_CONTEXT, k) for k in UI_KEYS}
    expected |= {(i18n.FIX_CONTEXT, d.fix) for d in CODES if d.fix}
    present = {(m.context, m.id) for m in catalog if m.id}
    assert not present - expected, f"stale entries (run the update script): {present - expected}"
    assert not expected - present, f"missing entries (run the update script): {expected - present}"


def test_english_catalogue_repeats_the_templates() -> None:
    catalog = _read_catalogue("en")
    differing = [m.context for m in catalog if m.id and m.string != m.id]
    assert not differing, f"en entries that differ from the template: {differing}"


# ------------------------------------------------------------------------- agency vocabulary


def _message(code: str, language: str) -> str:
    definition = next(d for d in CODES if d.code == code)
    return Issue.of(code, "", **definition.example_ctx).message(language)


REGISTERED = {d.code for d in CODES}

VOCABULARY = [
    # CBSA / CARM French
    ("ca_importer_bn_missing", "fr", "RM"),
    ("ca_importer_bn_missing", "fr", "numéro d'entreprise"),
    ("ca_cargo_control_number_missing", "fr", "numéro de contrôle du fret"),
    ("ca_tariff_treatment_missing", "fr", "traitement tarifaire"),
    ("ca_office_missing", "fr", "ASFC"),
    ("ca_cusma_certification_required", "fr", "ACEUM"),
    ("ca_transaction_number_invalid_format", "fr", "numéro de transaction"),
    ("ca_us_origin_state_missing", "fr", "État d'origine"),
    ("ca_tariff_treatment_not_cusma", "fr", "ALENA"),
    # SAT / ANAM Spanish
    ("mx_fraccion_missing", "es", "fracción arancelaria"),
    ("mx_fraccion_missing", "es", "partida"),
    ("mx_nico_missing", "es", "NICO"),
    ("mx_clave_pedimento_missing", "es", "clave de pedimento"),
    ("mx_aduana_missing", "es", "aduana-sección"),
    ("mx_patente_missing", "es", "agente aduanal"),
    ("mx_exchange_rate_missing", "es", "tipo de cambio"),
    ("mx_tmec_identifier_suggested", "es", "identificador TL"),
    ("mx_tmec_certification_missing", "es", "T-MEC"),
    ("mx_commercial_quantity_missing", "es", "UMC"),
    ("mx_tariff_quantity_missing", "es", "UMT"),
    ("mx_importer_rfc_missing", "es", "RFC"),
    ("mx_transport_mode_missing", "es", "medio de transporte"),
    # How a Canadian or Mexican broker names US and treaty things
    ("us_entry_type_missing", "fr", "CBP"),
    ("us_entry_type_missing", "es", "CBP"),
    ("us_spi_suggested", "fr", "ACEUM"),
    ("us_spi_suggested", "es", "T-MEC"),
    ("us_hts_missing", "fr", "SH"),
    ("us_hts_missing", "es", "SA"),
    ("preference_claim_without_certification", "es", "T-MEC"),
]


@pytest.mark.parametrize(
    ("code", "language", "term"),
    VOCABULARY,
    ids=[f"{code}-{language}-{term}" for code, language, term in VOCABULARY],
)
def test_agency_vocabulary(code: str, language: str, term: str) -> None:
    if code not in REGISTERED:
        pytest.skip(f"{code} is not registered")
    assert term in _message(code, language)


@pytest.mark.parametrize(
    ("code", "language", "term"),
    [
        ("ca_importer_bn_missing", "fr", "business number"),
        ("ca_office_missing", "fr", "CBSA"),
        ("preference_claim_without_certification", "fr", "USMCA"),
        ("preference_claim_without_certification", "es", "USMCA"),
        ("ca_tariff_treatment_not_cusma", "fr", "CUSMA"),
        ("ca_tariff_treatment_not_cusma", "es", "NAFTA"),
    ],
)
def test_english_names_are_not_left_in(code: str, language: str, term: str) -> None:
    if code not in REGISTERED:
        pytest.skip(f"{code} is not registered")
    assert term not in _message(code, language)

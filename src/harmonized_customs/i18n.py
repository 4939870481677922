"""Messages in English, French and Spanish, rendered at report time from code and ctx.

The catalogues are gettext ``.po`` files under ``locales/<lang>/LC_MESSAGES/`` read through
Babel (no compiled ``.mo`` is needed). Each issue message is the entry whose ``msgctxt`` is the
issue code and whose ``msgid`` is the English template; interface words (headings of the
report) use the context ``ui``. Locales are negotiated with Babel, so ``fr_CA``, ``fr-CA`` and
``es_MX`` select French and Spanish. Numbers, amounts and dates in ctx are formatted for the
locale with Babel.

A translation that is missing is not replaced by English silently: the English text is used
and marked with the code in brackets, and the test suite fails on any missing entry.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import threading
from collections.abc import Mapping
from decimal import Decimal, localcontext
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from babel import Locale, negotiate_locale
from babel.numbers import format_decimal

from harmonized_customs.errors import UsageError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "authority_name",
    "catalogue",
    "colon",
    "negotiate",
    "placeholders",
    "render_fix",
    "render_location",
    "render_message",
    "translate",
    "ui",
    "ui_count",
]

DOMAIN = "harmonized_customs"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
UI_CONTEXT = "ui"
FIX_CONTEXT = "fix"
"""The catalogue context of the ``fix`` texts (what to do about an issue)."""

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=256)
def negotiate(locale: str | None) -> str:
    """The supported language for a locale string (``fr_CA`` -> ``fr``); English by default."""
    if not locale:
        return "en"
    wanted = locale.replace("-", "_").lower()
    chosen = negotiate_locale([wanted, wanted.split("_")[0]], list(LANGUAGES))
    if chosen is None:
        raise UsageError(f"unsupported language {locale!r}; choose one of {', '.join(LANGUAGES)}")
    return str(chosen).lower()


@functools.cache
def catalogue(language: str) -> Catalog:
    """The parsed catalogue of ``language`` (cached).

    English needs none (messages are written in it): babel's catalogue reader, and the date
    module it brings, are imported only when another language is first asked for.
    """
    from babel.messages.pofile import read_po  # noqa: PLC0415 - see above

    with _LOCK:
        path = resources.files("harmonized_customs").joinpath(
            "locales", language, "LC_MESSAGES", DOMAIN + ".po"
        )
        with path.open("rb") as handle:
            return read_po(handle, locale=language, domain=DOMAIN)


@functools.lru_cache(maxsize=8192)
def translate(template: str, context: str, language: str) -> str | None:
    """The translation of ``template`` in ``context``, or ``None`` when the catalogue lacks it."""
    if language == "en":
        return template
    message = catalogue(language).get(template, context=context)
    if message is None or not message.string or message.fuzzy:
        return None
    text = message.string
    return text if isinstance(text, str) else None


def ui(key: str, language: str) -> str:
    """An interface phrase (report headings); ``key`` is its English text."""
    return translate(key, UI_CONTEXT, language) or key


def ui_count(count: int, singular: str, plural: str, language: str) -> str:
    """``count`` and the interface word for it, by the language's plural rule (CLDR).

    ``1 file``, ``2 files``; ``0 fichier``, ``1 fichier``, ``2 fichiers``; ``1 archivo``.
    """
    category = Locale.parse(language).plural_form(count)
    return f"{count} {ui(singular if category == 'one' else plural, language)}"


def placeholders(template: str) -> set[str]:
    """The placeholder names a ``str.format`` template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


NUMBER_DIGITS = 40
"""Numbers with more integer or decimal digits than this are shown as written (``9E+999``)."""


@functools.lru_cache(maxsize=4096)
def _format_number(value: Decimal | int, locale: Locale) -> str:
    """``value`` in the locale's notation; a non-finite or out-of-scale one as written."""
    if isinstance(value, int) and value.bit_length() > NUMBER_DIGITS * 4:
        return f"{Decimal(value):.6E}"
    number = Decimal(value) if isinstance(value, int) else value
    if not number.is_finite() or abs(number.adjusted()) > NUMBER_DIGITS:
        return str(number)
    if len(number.as_tuple().digits) > NUMBER_DIGITS * 2:
        return str(number)
    with localcontext() as context:
        context.prec = NUMBER_DIGITS * 3
        return str(format_decimal(number, locale=locale, decimal_quantization=False))


def _format_value(value: Any, locale: Locale) -> Any:
    if isinstance(value, bool):
        return value
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else None
    if (
        isinstance(value, Decimal)
        and isinstance(exponent, int)
        and value.is_finite()
        and abs(value.adjusted()) <= NUMBER_DIGITS
        and 0 <= -exponent <= NUMBER_DIGITS
    ):
        places = max(0, -exponent)  # 12500.00 keeps its cents
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=locale, decimal_quantization=False)
    if isinstance(value, Decimal | int):
        return _format_number(value, locale)
    if isinstance(value, dt.date):
        from babel.dates import format_date  # noqa: PLC0415 - babel.dates costs at import

        return format_date(value, format="medium", locale=locale)
    return value


class _Ctx(dict[str, Any]):
    """Format mapping that leaves an unknown placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@functools.lru_cache(maxsize=256)
def _formatting_locale(requested: str | None, language: str) -> Locale:
    """The regional locale asked for (es_MX formats 1,234.5), else the language's default."""
    if requested:
        try:
            parsed = Locale.parse(requested.replace("-", "_"))
        except (ValueError, TypeError):
            parsed = None
        if parsed is not None and parsed.language == language:
            return parsed
    return Locale.parse(language)


def render_message(
    code: str,
    template: str,
    ctx: Mapping[str, Any],
    locale: str = "en",
    own: Mapping[str, str] | None = None,
) -> str:
    """The message of issue code ``code`` (English ``template``) with ``ctx``, in ``locale``.

    ``own`` holds translations a plugin registered with its code, used when the library's
    catalogue has none.
    """
    language = negotiate(locale)
    translated = translate(template, code, language) or (own or {}).get(language)
    chosen = translated if translated is not None else f"[{code}] {template}"
    babel_locale = _formatting_locale(locale, language)
    try:
        values = _Ctx({k: _format_value(v, babel_locale) for k, v in ctx.items()})
        return chosen.format_map(values)
    except (ArithmeticError, ValueError, TypeError, IndexError, AttributeError, KeyError):
        return chosen


def suggestion_text(value: Any) -> str:
    """A suggested value in words: a mapping's values in order (``7200 PCE``, ``TL CAN``)."""
    if isinstance(value, Mapping):
        return " ".join(suggestion_text(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return ", ".join(suggestion_text(v) for v in value)
    return str(value)


_AUTHORITY_NAMES: Mapping[str, Mapping[str, str]] = {
    "fr": {"CBSA": "ASFC"},
    "es": {"CBSA": "ASFC"},
}
"""Agencies under their acronym in the language (the ASFC is the CBSA in French and Spanish);
an agency without one in the language keeps its own (CBP, SAT/ANAM)."""


def authority_name(authority: str, locale: str = "en") -> str:
    """The acronym of ``authority`` in ``locale``'s language (CBSA is ASFC in French)."""
    return _AUTHORITY_NAMES.get(negotiate(locale), {}).get(authority, authority)


def colon(locale: str = "en") -> str:
    """A colon and its space, with the narrow no-break space French typography puts before."""
    return "\u202f: " if negotiate(locale) == "fr" else ": "


def render_fix(fix: str, locale: str = "en") -> str:
    """The ``fix`` text of an issue code in ``locale`` (English when it is not translated)."""
    if not fix:
        return ""
    return translate(fix, FIX_CONTEXT, negotiate(locale)) or fix


class Located(Protocol):
    """Where a value was in an input file (see :class:`harmonized_customs.SourceLocation`)."""

    @property
    def file(self) -> str | None:
        """The file's name."""

    @property
    def line(self) -> int | None:
        """The 1-based line."""

    @property
    def column(self) -> int | None:
        """The 1-based column."""

    @property
    def record(self) -> str | None:
        """The record type of a record-oriented file."""

    @property
    def field(self) -> str | None:
        """The field name."""

    @property
    def xpath(self) -> str | None:
        """The XPath of a value in an XML document."""


def render_location(source: Located, language: str) -> str:
    """Where a value was in the input file, with the words in ``language``."""
    parts: list[str] = []
    if source.file:
        parts.append(source.file)
    if source.line is not None:
        where = f"{ui('line', language)} {source.line}"
        if source.column is not None:
            where += f", {ui('column', language)} {source.column}"
        parts.append(where)
    if source.record:
        parts.append(f"{ui('record', language)} {source.record}")
    if source.field:
        parts.append(f"{ui('field', language)} {source.field}")
    if source.xpath:
        parts.append(source.xpath)
    return ": ".join(parts) if parts else "-"


def ui_keys() -> Mapping[str, str]:
    """The interface phrases the library renders, with a note on where each is used."""
    return {
        "error": "severity name",
        "warning": "severity name",
        "info": "severity name",
        "no issues": "report with nothing to say",
        "ready": "a target with nothing blocking",
        "blocked": "a target with blocking issues",
        "invalid": "an input that breaks the core model's rules",
        "unreadable": "an input that could not be read into a declaration",
        "suggestion": "label before a derived value",
        "source": "label before a location in the input file",
        "converted": "a declaration written in the target format",
        "forced": "a declaration written despite blocking issues (--force)",
        "failed": "a reader or writer that stopped on an internal error",
        "not carried by": "heading before the values a target format cannot carry",
        "files": "count label in a batch summary",
        "file": "count label in a batch summary, one file (plural rule of the language)",
        "declaration": "count label in a batch summary, one declaration",
        "declarations": "count label in a batch summary",
        "line": "a line number in the input file",
        "column": "a column number in the input file",
        "record": "a record type of a record-oriented file (ABI, M3)",
        "field": "a field name of a record or document",
        "WCO": "abbreviation of the World Customs Organization, before a WCO Data Model ID",
        "fix": "label before what to do about an issue",
    }

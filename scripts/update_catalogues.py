"""Regenerate the message template and merge it into the en / fr / es catalogues.

The template holds one entry per registered issue code (``msgctxt`` = the code, ``msgid`` =
the English template) and one per interface phrase (``msgctxt`` = ``ui``). Existing
translations are kept; entries whose English changed become fuzzy, and fuzzy entries count as
missing until a translator reviews them. Run::

    python scripts/update_catalogues.py

then translate the new or fuzzy entries in ``locales/fr`` and ``locales/es``. Translations
prepared beside the code, in ``locales/pending/<module>.json`` as
``{"code": {"fr": "...", "es": "..."}}`` (interface phrases as ``"ui:<phrase>"``), are
merged into empty entries, and the pending files are removed once every code they translate
is registered (and so merged).
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from harmonized_customs.i18n import DOMAIN, FIX_CONTEXT, LANGUAGES, UI_CONTEXT, ui_keys
from harmonized_customs.issues import list_issue_codes

LOCALES = Path(__file__).resolve().parent.parent / "src" / "harmonized_customs" / "locales"


def template() -> Catalog:
    """The catalogue template built from the code registry and the interface phrases."""
    catalog = Catalog(
        project="harmonized_customs",
        domain=DOMAIN,
        fuzzy=False,
        copyright_holder="harmonized_customs maintainers",
        msgid_bugs_address="the project's issue tracker",
    )
    for definition in list_issue_codes():
        catalog.add(
            definition.template,
            context=definition.code,
            auto_comments=[f"authority: {definition.authority}", f"fix: {definition.fix}"],
        )
    for key, note in ui_keys().items():
        catalog.add(key, context=UI_CONTEXT, auto_comments=[note])
    for fix in sorted({d.fix for d in list_issue_codes() if d.fix}):
        catalog.add(fix, context=FIX_CONTEXT, auto_comments=["what to do about an issue (its fix)"])
    return catalog


def pending() -> dict[str, dict[str, str]]:
    """Translations waiting to be merged: code -> language -> text."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted((LOCALES / "pending").glob("*.json")):
        for code, texts in json.loads(path.read_text(encoding="utf-8")).items():
            found.setdefault(code, {}).update(texts)
    return found


def _pending_key(message: Message) -> str:
    """How a pending file names an entry: the issue code, or ``ui:<phrase>``."""
    if message.context == UI_CONTEXT:
        return f"{UI_CONTEXT}:{message.id}"
    return str(message.context)


def update(language: str, pot: Catalog) -> Path:
    """Merge the template into one language's catalogue and write it back."""
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(
            locale=language,
            domain=DOMAIN,
            project="harmonized_customs",
            copyright_holder="harmonized_customs maintainers",
            msgid_bugs_address="the project's issue tracker",
            last_translator="harmonized_customs maintainers",
            language_team=f"harmonized_customs {language}",
            fuzzy=False,
        )
    catalog.update(pot, no_fuzzy_matching=False, update_header_comment=False)
    waiting = pending()
    for message in catalog:
        if not message.id:
            continue
        if language == "en":
            message.string = message.id
            message.flags.discard("fuzzy")
        elif (not message.string or message.fuzzy) and _pending_key(message) in waiting:
            text = waiting[_pending_key(message)].get(language)
            if text:
                message.string = text
                message.flags.discard("fuzzy")
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    return path


def main() -> None:
    """Update every language."""
    for language in LANGUAGES:
        update(language, template())  # a fresh template each: update() shares its messages
    registered = {definition.code for definition in list_issue_codes()}
    registered |= {f"{UI_CONTEXT}:{key}" for key in ui_keys()}
    for path in sorted((LOCALES / "pending").glob("*.json")):
        if set(json.loads(path.read_text(encoding="utf-8"))) <= registered:
            path.unlink()


if __name__ == "__main__":
    main()

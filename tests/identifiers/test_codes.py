"""Every identifier code is registered, renders, and is actually raised somewhere."""

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest

import harmonized_customs.identifiers.codes as identifier_codes
from harmonized_customs import identifiers, mappings
from harmonized_customs.identifiers import tariff
from harmonized_customs.issues import _REGISTRY, Severity

SOURCES = Path(identifier_codes.__file__).parent
CODES = identifier_codes.CODES


CODE_LITERAL = re.compile(r"(?:us|ca|mx|scac|iso6346)_[a-z0-9_]+")


def _raised_codes() -> set[str]:
    """Code-like string literals in the identifier modules (codes.py excluded).

    Codes reach the error classes directly or through module constants (``_CODES``,
    ``_AMBIGUOUS``); every code-shaped literal counts.
    """
    found: set[str] = set()
    for path in SOURCES.glob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE_LITERAL.fullmatch(node.value)
            ):
                found.add(node.value)
    return found - _public_names() - _table_names()


def _table_names() -> set[str]:
    """Code table names and their columns (``ca_provinces``, ``us_mid_code``), not codes."""
    names = set(mappings.names())
    for name in mappings.names():
        names.update(mappings.table(name).columns)
    return names


def _public_names() -> set[str]:
    """Module and function names (``us_ein``, ``tariff.us_hts10``), which are not codes."""
    names = {path.stem for path in SOURCES.glob("*.py")}
    for module in vars(identifiers).values():
        if isinstance(module, ModuleType):
            names.update(getattr(module, "__all__", ()))
    return names


def _tariff_codes() -> set[str]:
    """The codes tariff.validate builds from the level names."""
    slugs = (level.replace("-", "_") for level in tariff.LEVELS)
    return {f"{slug}_{kind}" for slug in slugs for kind in ("invalid_length", "invalid_format")}


def test_every_raised_code_is_registered() -> None:
    raised = _raised_codes() | _tariff_codes()
    assert len(raised) > 50
    assert raised - set(_REGISTRY) == set()


def test_every_registered_code_is_raised() -> None:
    assert set(CODES) - (_raised_codes() | _tariff_codes()) == set()


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_in_the_issue_registry(code: str) -> None:
    assert _REGISTRY[code] is CODES[code] or _REGISTRY[code] == CODES[code]


@pytest.mark.parametrize("code", sorted(CODES))
def test_example_renders_and_names_identifier_and_value(code: str) -> None:
    entry = CODES[code]
    assert {"identifier", "value"} <= set(entry.example_ctx)
    message = entry.template.format_map(entry.example_ctx)
    assert "{" not in message
    assert entry.fix.endswith(".")
    assert entry.authority


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_a_snake_case_slug_with_a_scheme_prefix(code: str) -> None:
    prefixes = ("us_", "ca_", "mx_", "scac_", "iso6346_", "hs6_")
    assert code.startswith(prefixes)
    assert code == code.lower()


def test_checks_that_misfire_are_warnings_not_errors() -> None:
    warnings = {code for code, entry in CODES.items() if entry.severity is Severity.WARNING}
    assert warnings == {
        "us_ein_suffix_reserved_letter",
        "us_importer_ambiguous",
        "us_entry_number_check_digit_unverified",
        "ca_bn15_unknown_program",
        "ca_transaction_number_bad_check_digit",
        "ca_ccn_short",
        "mx_rfc_invalid_homoclave",
        "mx_rfc_bad_check_digit",
        "mx_pedimento_year_digit_mismatch",
    }
    infos = {code for code, entry in CODES.items() if entry.severity is Severity.INFO}
    assert infos == {"us_mid_not_derivable"}

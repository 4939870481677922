"""The SCHEMES registry, check(), and a junk-input sweep over every module."""

import importlib
import subprocess
import sys
from types import ModuleType
from typing import get_args

import pytest

from harmonized_customs import identifiers
from harmonized_customs.identifiers import IdentifierError
from harmonized_customs.issues import _REGISTRY, Severity
from harmonized_customs.model.parties import IdentifierScheme

MODULES: list[ModuleType] = [
    identifiers.us_ein,
    identifiers.us_cbp_assigned,
    identifiers.us_ssn,
    identifiers.us_importer,
    identifiers.us_filer_code,
    identifiers.us_entry_number,
    identifiers.us_mid,
    identifiers.ca_bn15,
    identifiers.ca_transaction_number,
    identifiers.ca_ccn,
    identifiers.ca_carrier_code,
    identifiers.scac,
    identifiers.mx_rfc,
    identifiers.mx_curp,
    identifiers.mx_pedimento,
    identifiers.mx_patente,
    identifiers.iso6346,
]

JUNK_TEXT = ["", " ", "-", "€", "😴", "x" * 1000, "0" * 40, "\x00", "ÑÑÑÑ"]
JUNK_OBJECTS: list[object] = [None, 0, 12.5, b"123456789", object(), ["1"]]


def test_schemes_cover_every_checkable_model_scheme() -> None:
    model_schemes = set(get_args(IdentifierScheme)) - {"duns", "tax-id"}
    assert set(identifiers.SCHEMES) == model_schemes


@pytest.mark.parametrize("scheme", sorted(identifiers.SCHEMES))
def test_scheme_module_names_its_scheme(scheme: str) -> None:
    assert scheme == identifiers.SCHEMES[scheme].SCHEME


@pytest.mark.parametrize("scheme", sorted(identifiers.CHECKS))
def test_every_checked_scheme_names_its_module(scheme: str) -> None:
    assert scheme == identifiers.CHECKS[scheme].SCHEME


def test_checks_extend_the_model_schemes() -> None:
    assert set(identifiers.SCHEMES) < set(identifiers.CHECKS)
    assert identifiers.check("us-entry-number", "002-6110316-2") == []
    assert [p.code for p in identifiers.check("iso6346", "CSQU3054384")] == [
        "iso6346_bad_check_digit"
    ]
    assert [p.code for p in identifiers.check("mx-pedimento", "25 47 3807 4001234")] == [
        "mx_pedimento_year_digit_mismatch"
    ]


def test_check_returns_empty_list_for_valid_value() -> None:
    assert identifiers.check("ca-bn15", "123456782RM0001") == []


def test_check_returns_errors() -> None:
    (problem,) = identifiers.check("us-ein", "07-1144442")
    assert problem.code == "us_ein_unknown_prefix"
    assert problem.blocking


def test_check_returns_warnings() -> None:
    (problem,) = identifiers.check("mx-rfc", "ACE900319JT9")
    assert problem.code == "mx_rfc_bad_check_digit"
    assert problem.severity is Severity.WARNING


def test_check_of_unknown_scheme_is_empty() -> None:
    assert identifiers.check("duns", "not checked") == []
    assert identifiers.check("no-such-scheme", "x") == []


def test_check_of_non_text_is_a_programmer_error() -> None:
    with pytest.raises(TypeError):
        identifiers.check("us-ein", None)  # type: ignore[arg-type]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.split(".")[-1])
def test_module_offers_the_common_interface(module: ModuleType) -> None:
    for name in ("compact", "validate", "is_valid", "check"):
        assert callable(getattr(module, name)), name
    assert module.__doc__ is not None
    assert "More information:" in module.__doc__


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.split(".")[-1])
def test_junk_is_never_valid_and_never_crashes(module: ModuleType) -> None:
    for junk in [*JUNK_TEXT, *JUNK_OBJECTS]:
        assert module.is_valid(junk) is False, repr(junk)
    for text in JUNK_TEXT:
        problems = module.check(text)
        assert problems, repr(text)
        assert all(isinstance(p, IdentifierError) and p.code in _REGISTRY for p in problems)


def test_tariff_junk_is_never_valid() -> None:
    for level in identifiers.tariff.LEVELS:
        for junk in [*JUNK_TEXT, *JUNK_OBJECTS]:
            assert identifiers.tariff.is_valid(junk, level) is False  # type: ignore[arg-type]


def test_each_module_is_imported_when_first_used() -> None:
    code = (
        "import sys\n"
        "from harmonized_customs import identifiers\n"
        "before = {m for m in sys.modules if m.startswith('harmonized_customs.identifiers.mx_')}\n"
        "identifiers.check('mx-rfc', 'VACE460910SX6')\n"
        "print(sorted(before), 'harmonized_customs.identifiers.mx_rfc' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["[]", "True"]


def test_the_tables_name_the_modules_of_the_package() -> None:
    assert identifiers.CHECKS["mx-rfc"] is identifiers.mx_rfc
    assert identifiers.SCHEMES["us-ein"] is importlib.import_module(
        "harmonized_customs.identifiers.us_ein"
    )
    assert list(identifiers.CHECKS)[: len(identifiers.SCHEMES)] == list(identifiers.SCHEMES)


def test_check_follows_a_change_to_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(identifiers.CHECKS, "us-ein", identifiers.mx_rfc)
    assert [e.code for e in identifiers.check("us-ein", "91-1144442")] != []
    monkeypatch.delitem(identifiers.CHECKS, "us-ein")
    assert identifiers.check("us-ein", "nonsense") == []


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = identifiers.nope

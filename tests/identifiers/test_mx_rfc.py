import pytest

from harmonized_customs.identifiers import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
    mx_rfc,
)
from harmonized_customs.issues import Severity

from .conftest import RaisesCode

# Real RFCs with valid check digits, from python-stdnum's tests/test_mx_rfc.doctest (a
# selection) and mexico.md §4 (EKU9003173C9 is SAT's test RFC).
VALID_CHECK_DIGIT = [
    "GODE561231GR8",
    "MAB9307148T4",
    "CFE010608HC8",
    "MUÑ110218LJ6",
    "EKU9003173C9",
    "&&&030828PX7",
    "AAAA791128D63",
    "B&D9605298Y3",
    "COML8103203QA",
    "ZENP8101128Y0",
]

# Valid at SAT's ConsultaRFC but failing the check digit: python-stdnum's test list (a
# selection) and django-localflavor issue #330 (ACE900319JT9). The list's RFCs with Ñ
# (AÑE9902224Z4, BAÑ930616R66, NIÑ7409256U1) pass python-stdnum 2.2's check: left out.
SAT_VALID_BAD_CHECK_DIGIT = [
    "AAC0903183F6",
    "ALC920108P18",
    "CUP820427ID9",
    "TPT890516JP5",
    "CAMG590407QSA",
    "SIN9311169P8",
    "VACE460910SX6",
    "ACE900319JT9",
]


@pytest.mark.parametrize("number", VALID_CHECK_DIGIT)
def test_valid_rfcs_with_check_digit(number: str) -> None:
    assert mx_rfc.validate(number, check_digit=True) == number
    assert mx_rfc.check(number) == []


@pytest.mark.parametrize("number", SAT_VALID_BAD_CHECK_DIGIT)
def test_bad_check_digit_is_a_warning_not_an_error(number: str) -> None:
    assert mx_rfc.validate(number) == number
    assert mx_rfc.is_valid(number)
    (problem,) = mx_rfc.check(number)
    assert isinstance(problem, UncertainChecksum)
    assert problem.code == "mx_rfc_bad_check_digit"
    assert problem.severity is Severity.WARNING


def test_check_digit_on_request(raises_code: RaisesCode) -> None:
    error = raises_code(
        UncertainChecksum,
        "mx_rfc_bad_check_digit",
        mx_rfc.validate,
        "VACE-460910-SX6",
        check_digit=True,
    )
    assert error.ctx["expected"] == mx_rfc.calc_check_digit("VACE460910SX")


def test_homoclave_alphabet_is_a_warning(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: CCM 650122 I06 fails the homoclave alphabet (0 in 2nd place).
    assert mx_rfc.is_valid("CCM 650122 I06")
    (problem,) = mx_rfc.check("CCM 650122 I06")
    assert problem.code == "mx_rfc_invalid_homoclave"
    assert not problem.blocking
    raises_code(
        InvalidComponent,
        "mx_rfc_invalid_homoclave",
        mx_rfc.validate,
        "CCM650122I06",
        check_digit=True,
    )


@pytest.mark.parametrize("number", ["XAXX010101000", "XEXX010101000"])
def test_generic_rfcs(number: str) -> None:
    assert mx_rfc.is_generic(number)
    assert mx_rfc.validate(number, check_digit=True) == number
    assert mx_rfc.check(number) == []


def test_not_generic() -> None:
    assert not mx_rfc.is_generic("GODE561231GR8")
    assert not mx_rfc.is_generic(None)  # type: ignore[arg-type]


def test_persona_and_format() -> None:
    assert mx_rfc.persona("MAB9307148T4") == "moral"
    assert mx_rfc.persona("GODE561231GR8") == "fisica"
    # python-stdnum doctests.
    assert mx_rfc.format("GODE561231GR8") == "GODE 561231 GR8"
    assert mx_rfc.format("VSM140430NQA") == "VSM 140430 NQA"
    assert mx_rfc.compact("mab-930714-8t4") == "MAB9307148T4"


def test_wrong_length(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: only personal RFCs may lack the homoclave.
    raises_code(InvalidLength, "mx_rfc_invalid_length", mx_rfc.validate, "AKJ970902")


def test_missing_homoclave(raises_code: RaisesCode) -> None:
    # python-stdnum accepts a 10-character personal RFC; a declaration needs the full RFC.
    raises_code(InvalidLength, "mx_rfc_missing_homoclave", mx_rfc.validate, "COMG-600703")


def test_invalid_format(raises_code: RaisesCode) -> None:
    # python-stdnum doctest: Ñ is not allowed in the homoclave.
    raises_code(InvalidFormat, "mx_rfc_invalid_format", mx_rfc.validate, "AABN 821103 8Ñ2")


def test_invalid_date(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidComponent, "mx_rfc_invalid_date", mx_rfc.validate, "ABCD123456GR8")
    assert error.ctx["date"] == "123456"


def test_forbidden_word(raises_code: RaisesCode) -> None:
    # python-stdnum doctest.
    error = raises_code(
        InvalidComponent, "mx_rfc_forbidden_word", mx_rfc.validate, "CACA 580710 NF7"
    )
    assert error.ctx["word"] == "CACA"

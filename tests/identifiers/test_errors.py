import pickle

from harmonized_customs.identifiers import (
    IdentifierError,
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
    UncertainChecksum,
)
from harmonized_customs.issues import Severity


def test_error_is_a_value_error_with_code_and_ctx() -> None:
    error = InvalidLength("us_ein_invalid_length", identifier="us-ein", value="1234", length=4)
    assert isinstance(error, ValueError)
    assert isinstance(error, InvalidFormat)  # as in python-stdnum
    assert error.code == "us_ein_invalid_length"
    assert error.ctx == {"identifier": "us-ein", "value": "1234", "length": 4}
    assert str(error).startswith("EIN 1234 has 4 characters")
    assert "us_ein_invalid_length" in repr(error)


def test_severity_comes_from_the_code_not_the_class() -> None:
    error = UncertainChecksum(
        "mx_rfc_bad_check_digit",
        identifier="mx-rfc",
        value="VACE460910SX6",
        check_digit="6",
        expected="5",
    )
    assert isinstance(error, InvalidChecksum)
    assert error.severity is Severity.WARNING
    assert not error.blocking
    blocking = InvalidChecksum(
        "mx_curp_bad_check_digit",
        identifier="mx-curp",
        value="BOXW310820HNERXN08",
        check_digit="8",
        expected="9",
    )
    assert blocking.severity is Severity.ERROR
    assert blocking.blocking


def test_unregistered_code_renders_as_the_code() -> None:
    assert str(IdentifierError("no_such_code", value="x")) == "no_such_code"


def test_to_issue_carries_code_severity_authority_and_ctx() -> None:
    error = InvalidChecksum(
        "us_entry_number_bad_check_digit",
        identifier="us-entry-number",
        value="00261103163",
        check_digit="3",
        expected="2",
    )
    issue = error.to_issue("/national/us/entry_number", target="US")
    assert issue.code == error.code
    assert issue.severity is Severity.ERROR
    assert issue.authority == "CBP"
    assert issue.target == "US"
    assert issue.pointer == "/national/us/entry_number"
    assert dict(issue.ctx) == error.ctx


def test_errors_pickle_with_their_ctx() -> None:
    error = InvalidFormat("scac_invalid_format", identifier="scac", value="AB1C")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is InvalidFormat
    assert (copy.code, copy.ctx) == (error.code, error.ctx)


def test_missing_ctx_value_leaves_the_placeholder() -> None:
    error = InvalidLength("us_ein_invalid_length", identifier="us-ein", value="1234")
    assert "{length}" in str(error)

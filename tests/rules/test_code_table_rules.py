"""Rules that check a code against a shipped table: CBSA offices, their format, regímenes.

The tables are partial or unverified, so each finding is a warning that does not block, and a
row added to a table (``mappings.add_row``) is accepted at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harmonized_customs import mappings
from harmonized_customs.issues import Severity

from .conftest import Complete, Seen, check_for, only, seen

W = Severity.WARNING
OFFICE = "/national/ca/office_code"


@pytest.fixture
def overlay() -> Iterator[None]:
    yield
    mappings.reset_overlays()


# --- office_known ---------------------------------------------------------------------------


def test_office_not_in_the_partial_list_is_information_only(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["office_code"] = "0453"
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_office_unknown", "CA", OFFICE, "065", Severity.INFO)]
    assert only(report).ctx == {"code": "0453"}
    assert report.ready("CA")


def test_office_added_to_the_table_is_known(complete: Complete, overlay: None) -> None:
    data = complete("CA")
    data["national"]["ca"]["release_office_code"] = "0453"
    mappings.add_row("ca_offices", {"code": "0453"})
    assert list(check_for(data, "CA")) == []


def test_release_office_is_checked_too(complete: Complete) -> None:
    data = complete("CA")
    data["national"]["ca"]["release_office_code"] = "0809"
    assert seen(check_for(data, "CA")) == [
        Seen("ca_office_unknown", "CA", "/national/ca/release_office_code", None, Severity.INFO)
    ]


# --- office_code_shape ----------------------------------------------------------------------


def test_office_code_of_three_digits_has_not_the_listed_format(
    complete: Complete, overlay: None
) -> None:
    data = complete("CA")
    data["national"]["ca"]["office_code"] = "440"
    mappings.add_row("ca_offices", {"code": "440"})
    report = check_for(data, "CA")
    assert seen(report) == [Seen("ca_office_format", "CA", OFFICE, "065", W)]
    assert only(report).ctx == {"code": "440", "pattern": "^[0-9]{4}$"}


def test_office_code_shape_follows_the_format_table(complete: Complete, overlay: None) -> None:
    data = complete("CA")
    data["national"]["ca"]["office_code"] = "440"
    mappings.add_row("ca_offices", {"code": "440"})
    mappings.add_row(
        "office_formats", {"jurisdiction": "CA", "kind": "office", "pattern": "^[0-9]{3,4}$"}
    )
    assert list(check_for(data, "CA")) == []


# --- regimen_known --------------------------------------------------------------------------


def test_regimen_not_in_apendice_16_is_a_warning(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["regimen"] = "IMX"
    report = check_for(data, "MX")
    assert seen(report) == [Seen("mx_regimen_unknown", "MX", "/national/mx/regimen", "166", W)]
    assert only(report).ctx == {"code": "IMX"}
    assert report.ready("MX")


def test_listed_regimen_is_accepted(complete: Complete) -> None:
    data = complete("MX")
    data["national"]["mx"]["regimen"] = "ITE"
    codes = [i.code for i in check_for(data, "MX")]
    assert "mx_regimen_unknown" not in codes
    assert codes == ["mx_clave_regimen_mismatch"]  # A1 is a definitive import, not ITE

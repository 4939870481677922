"""The USMCA claim codes of the US, CA and MX rules come from ``mappings/usmca_claims.csv``.

The rules follow the table, its validity dates included: a row added to the table (an overlay,
as a user adds a code published after a release) changes what the rules accept and suggest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from harmonized_customs import mappings
from harmonized_customs.countries.ca.rules import cusma_treatments
from harmonized_customs.countries.mx.rules import tmec_identifiers
from harmonized_customs.countries.us.rules import usmca_spi

from .conftest import Complete, check_for

BEFORE_USMCA = dt.date(2020, 6, 30)


@pytest.fixture
def overlay() -> Iterator[None]:
    yield
    mappings.reset_overlays("usmca_claims")


def test_the_claim_codes_are_the_table_rows() -> None:
    assert usmca_spi() == ["S", "S+"]
    assert cusma_treatments() == {"10": "US", "11": "MX"}
    assert tmec_identifiers() == {"US": ("TL", "USA"), "CA": ("TL", "CAN")}


def test_no_usmca_code_applies_before_the_agreement() -> None:
    assert (usmca_spi(BEFORE_USMCA), cusma_treatments(BEFORE_USMCA)) == ([], {})
    assert tmec_identifiers(BEFORE_USMCA) == {}


def test_us_suggests_no_usmca_spi_before_the_agreement(complete: Complete) -> None:
    data = complete("US")
    data["goods_items"][1]["national"]["us"]["spi"] = None
    data["declaration_date"] = BEFORE_USMCA.isoformat()
    assert "us_spi_suggested" not in {i.code for i in check_for(data, "US")}


def test_a_treatment_added_to_the_table_is_checked_against_origin(
    complete: Complete, overlay: None
) -> None:
    data = complete("CA")
    data["goods_items"][0]["national"]["ca"]["tariff_treatment"] = "13"
    before = {i.code for i in check_for(data, "CA")}
    mappings.add_row(
        "usmca_claims",
        {"jurisdiction": "CA", "origin_country": "MX", "code": "13", "agreement": "USMCA"},
    )
    after = {i.code for i in check_for(data, "CA")}
    assert "ca_tariff_treatment_origin_mismatch" not in before
    assert "ca_tariff_treatment_origin_mismatch" in after


def test_an_identifier_added_to_the_table_is_suggested(complete: Complete, overlay: None) -> None:
    data = complete("MX")
    data["country_of_export"] = "US"
    data["goods_items"][0]["national"]["mx"]["identifiers"] = []
    mappings.add_row(
        "usmca_claims",
        {
            "jurisdiction": "MX",
            "origin_country": "US",
            "code": "TL",
            "complement": "EUA",
            "agreement": "USMCA",
        },
    )
    suggestions = [i.suggestion for i in check_for(data, "MX") if i.code.endswith("suggested")]
    assert suggestions == [{"code": "TL", "complement1": "EUA"}]

"""French and Spanish messages of the Canadian codes added with the CAD format.

The French must use CBSA's vocabulary (ASFC, DDC, TPS, LMSI, ACEUM, numéro de contrôle du
fret...), never a European or word-for-word rendering; the Spanish names CUSMA as T-MEC.
"""

from __future__ import annotations

import pytest

from harmonized_customs.issues import Issue, get_issue_code

CODES = (
    "ca_cad_schema_violation",
    "ca_cad_sub_header_repeated",
    "ca_cad_country_unknown",
    "ca_cad_value_missing",
    "ca_cad_not_import",
    "ca_cusma_certification_not_shown",
    "ca_carrier_code_missing",
    "ca_carrier_code_ccn_mismatch",
    "ca_quantity_missing",
    "ca_unit_unknown",
    "ca_vfd_code_missing",
    "ca_sima_subject_flag_missing",
    "ca_sima_measure_missing",
    "ca_duty_amount_mismatch",
    "ca_value_for_tax_mismatch",
    "ca_gst_amount_mismatch",
    "ca_total_mismatch",
    "ca_adjustment_line_missing",
    "ca_vfd_code_unlisted",
    "ca_sima_code_unknown",
    "ca_cad_loss_not_listed",
)

FRENCH_TERMS = {
    "GST": "TPS",
    "SIMA": "LMSI",
    "CUSMA": "ACEUM",
    "the CAD": "DDC",
    "value for duty": "valeur en douane",
    "value for tax": "valeur pour taxe",
    "cargo control number": "numéro de contrôle du fret",
    "carrier code": "code de transporteur",
    "tariff treatment": "traitement tarifaire",
    "unit of measure": "unité de mesure",
    "adjustment": "rajustement",
    "customs duties": "droits de douane",
}
"""English term in the template -> the CBSA French term the translation must use."""

NOT_CANADIAN = ("TVA", "ALENA", "dédouanement", "USMCA", "T-MEC", "déclaration comptable")
"""Words a CBSA French message does not use for these notions."""


def _message(code: str, language: str) -> str:
    definition = get_issue_code(code)
    return Issue.of(code, **dict(definition.example_ctx)).message(language)


def test_codes_are_cbsa_codes() -> None:
    assert {get_issue_code(code).authority for code in CODES} == {"CBSA"}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("language", ["fr", "es"])
def test_message_is_translated(code: str, language: str) -> None:
    message = _message(code, language)
    assert not message.startswith("[")
    assert message != _message(code, "en")
    assert "{" not in message


@pytest.mark.parametrize("code", CODES)
def test_french_uses_cbsa_vocabulary(code: str) -> None:
    english = get_issue_code(code).template
    french = _message(code, "fr")
    for term, required in FRENCH_TERMS.items():
        if term in english and required not in french:
            pytest.fail(f"{code}: '{term}' should read '{required}' in French: {french}")
    assert not [word for word in NOT_CANADIAN if word in french]


@pytest.mark.parametrize("code", CODES)
def test_spanish_uses_tmec_for_cusma(code: str) -> None:
    english = get_issue_code(code).template
    spanish = _message(code, "es")
    if "CUSMA" in english:
        assert "T-MEC" in spanish
    assert "ACEUM" not in spanish

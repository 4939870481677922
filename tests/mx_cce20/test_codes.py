"""The issue codes of mx-cfdi-cce20: registered with the jurisdiction and renderable.

Their French and Spanish messages are checked with every other code by test_translations.py.
"""

from __future__ import annotations

import pytest

import harmonized_customs as hc
from harmonized_customs.issues import IssueCode, list_issue_codes


def _ours() -> list[IssueCode]:
    return [c for c in list_issue_codes() if c.code.startswith("mx_cfdi_")]


def test_format_is_discovered_with_the_jurisdiction() -> None:
    assert "MX" in {j.code for j in hc.jurisdictions()}
    assert {f.jurisdiction for f in hc.formats() if f.name == "mx-cfdi-cce20"} == {"MX"}


def test_codes_exist() -> None:
    assert len(_ours()) >= 15


@pytest.mark.parametrize("code", _ours(), ids=lambda c: c.code)
def test_example_renders_and_fix_is_a_sentence(code: IssueCode) -> None:
    assert code.template.format(**code.example_ctx)
    assert code.fix.endswith(".")
    assert code.authority


def test_message_reads_in_spanish_for_a_broker() -> None:
    from harmonized_customs.issues import Issue  # noqa: PLC0415 - local to this check

    issue = Issue.of(
        "mx_cfdi_attribute_missing", "", attribute="RegimenFiscal", element="cfdi:Emisor"
    )
    message = issue.message("es_MX")
    assert "RegimenFiscal" in message
    assert message.startswith("falta el atributo")

"""Junk and arbitrary declarations: issues with registered codes, never a traceback."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from harmonized_customs.countries.mx.cfdi_cce20 import read_cce, write_cce
from harmonized_customs.issues import get_issue_code
from harmonized_customs.model import Declaration
from strategies import declarations

from .samples import DATA

SAMPLE = (DATA / "sample.xml").read_bytes()


@given(st.binary(max_size=2000))
@settings(max_examples=50)
def test_arbitrary_bytes_give_registered_issues(data: bytes) -> None:
    result = read_cce(data, "junk.xml", origin_country="MX")
    assert result.declaration is None
    assert result.issues
    for issue in result.issues:
        assert get_issue_code(issue.code).code == issue.code


@given(st.integers(0, len(SAMPLE) - 1), st.binary(min_size=1, max_size=3))
@settings(max_examples=60)
def test_corrupted_sample_never_raises(position: int, junk: bytes) -> None:
    data = SAMPLE[:position] + junk + SAMPLE[position + len(junk) :]
    result = read_cce(data, "corrupted.xml", origin_country="MX")
    for issue in result.issues:
        assert get_issue_code(issue.code).code == issue.code
        assert issue.source is not None
    assert result.declaration is not None or any(i.blocking for i in result.issues)


@given(declarations(max_goods=3))
@settings(max_examples=30)
def test_any_declaration_writes_well_formed_xml_or_says_why(declaration: Declaration) -> None:
    result = write_cce(declaration)
    assert isinstance(result.output, bytes)
    root = etree.fromstring(result.output)
    assert root.tag == "{http://www.sat.gob.mx/cfd/4}Comprobante"
    for issue in result.issues:
        assert get_issue_code(issue.code).code == issue.code
    assert any(i.code == "mx_cfdi_unsigned" for i in result.issues)

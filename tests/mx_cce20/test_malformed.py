"""Each composed fixture in tests/data/mx/cce20 gives exactly the issues listed here.

The table names, per file, the blocking and warning issues expected (code, XPath or line);
every value of a supported attribute is kept in the model (test_fiscal_roundtrip.py).
"""

from __future__ import annotations

import pytest

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_cce20 import read_cce
from harmonized_customs.issues import Issue, Severity

from .samples import DATA

Expected = tuple[str, str | None, int | None]
"""(code, xpath, line) of one expected issue; None where the issue has no such location."""

CASES: dict[str, tuple[bool, list[Expected]]] = {
    "xxe.xml": (False, [("mx_cfdi_xml_forbidden", None, 2)]),
    "billion_laughs.xml": (False, [("mx_cfdi_xml_forbidden", None, 2)]),
    "broken.xml": (False, [("mx_cfdi_xml_syntax", None, 8)]),
    "latin1.xml": (False, [("input_unreadable", None, 6)]),
    "wrong_namespace.xml": (
        False,
        [("mx_cfdi_not_cfdi40", "/{http://www.sat.gob.mx/cfd/3}Comprobante", 2)],
    ),
    "missing_required.xml": (
        True,
        [
            ("mx_cfdi_attribute_missing", m.EMISOR, 3),
            ("mx_cfdi_attribute_missing", m.mercancia(2), 22),
        ],
    ),
    "cce11_complement.xml": (
        False,
        [
            (
                "mx_cfdi_element_not_supported",
                f"{m.C}/cfdi:Complemento/{{http://www.sat.gob.mx/ComercioExterior11}}"
                "ComercioExterior",
                10,
            ),
            ("mx_cfdi_cce20_missing", f"{m.C}/cfdi:Complemento", 9),
            ("value_missing", m.concepto(1), 6),
            ("value_missing", m.concepto(2), 7),
        ],
    ),
    "legacy_fraccion.xml": (
        True,
        [
            ("mx_cfdi_value_not_kept", f"{m.CE}/@TipoOperacion", 10),
            ("mx_cfdi_fraccion_legacy", f"{m.mercancia(1)}/@FraccionArancelaria", 21),
        ],
    ),
    "total_mismatch.xml": (True, [("mx_cfdi_total_mismatch", f"{m.CE}/@TotalUSD", 10)]),
    "unmatched.xml": (
        False,
        [
            ("mx_cfdi_mercancia_unmatched", f"{m.concepto(2)}/@NoIdentificacion", 7),
            ("mx_cfdi_mercancia_unmatched", f"{m.mercancia(2)}/@NoIdentificacion", 22),
        ],
    ),
    "bad_decimal.xml": (False, [("value_type", f"{m.concepto(2)}/@Importe", 7)]),
    "sample.xml": (True, []),
    "full.xml": (True, []),
    "export_fiscal.xml": (True, []),
}


def _found(issues: tuple[Issue, ...]) -> list[Expected]:
    return [
        (i.code, i.source.xpath if i.source else None, i.source.line if i.source else None)
        for i in issues
        if i.code != "source_value_not_kept"
    ]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_gives_exactly_the_expected_issues(name: str) -> None:
    readable, expected = CASES[name]
    result = read_cce((DATA / name).read_bytes(), name, origin_country="MX")
    assert _found(result.issues) == expected
    assert (result.declaration is not None) is readable


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_issue_names_the_file(name: str) -> None:
    result = read_cce((DATA / name).read_bytes(), name, origin_country="MX")
    assert all(i.source is not None and i.source.file == name for i in result.issues)


def test_every_fixture_is_listed() -> None:
    assert sorted(p.name for p in DATA.glob("*.xml")) == sorted(CASES)


def test_xxe_never_reads_the_referenced_file() -> None:
    result = read_cce((DATA / "xxe.xml").read_bytes(), "xxe.xml", origin_country="MX")
    assert result.declaration is None
    assert "root:" not in repr(result)


def test_missing_required_attribute_names_attribute_and_element() -> None:
    result = read_cce((DATA / "missing_required.xml").read_bytes(), origin_country="MX")
    missing = [i for i in result.issues if i.code == "mx_cfdi_attribute_missing"]
    assert [(i.ctx["element"], i.ctx["attribute"]) for i in missing] == [
        ("cfdi:Emisor", "RegimenFiscal"),
        ("cce20:Mercancia", "ValorDolares"),
    ]
    assert all(i.severity is Severity.ERROR for i in missing)


def test_syntax_error_has_line_and_column() -> None:
    (issue,) = read_cce((DATA / "broken.xml").read_bytes(), "broken.xml").issues
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == (8, 20)


def test_entity_declaration_without_doctype_keyword_is_refused() -> None:
    data = b'<?xml version="1.0"?>\n<!ENTITY x "y">\n<cfdi:Comprobante/>'
    (issue,) = read_cce(data).issues
    assert issue.code == "mx_cfdi_xml_forbidden"
    assert issue.ctx["construct"] == "<!ENTITY>"


@pytest.mark.parametrize(
    "data", [b"", b"\x00\x01", b"<a>", "<cfdi:Comprobante>ñ".encode(), b"<x/>" * 3, b"{}"]
)
def test_junk_gives_issues_never_a_traceback(data: bytes) -> None:
    result = read_cce(data)
    assert result.declaration is None
    assert result.issues
    assert all(i.blocking for i in result.issues)


def test_value_not_kept_names_the_value_and_its_xpath() -> None:
    result = read_cce((DATA / "legacy_fraccion.xml").read_bytes(), origin_country="MX")
    found = next(i for i in result.issues if i.code == "mx_cfdi_value_not_kept")
    message = found.message("en")
    assert f"{m.CE}/@TipoOperacion" in message
    assert '"2"' in message

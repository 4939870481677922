"""Reading and writing ABI entry summary batches: fixtures, byte-exact round trips, issues."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.countries.us import abi_ae
from harmonized_customs.format_registry import ReadResult, get_format, sniff
from harmonized_customs.i18n import translate
from harmonized_customs.issues import Issue, get_issue_code
from harmonized_customs.model import Declaration

DATA = Path(__file__).resolve().parents[1] / "data" / "us" / "abi_ae"
VALID = sorted((DATA / "valid").glob("*.txt"))
MALFORMED = sorted((DATA / "malformed").glob("*.txt"))
EXPECTED = json.loads((DATA / "malformed" / "expected.json").read_text(encoding="utf-8"))
PENDING = Path(abi_ae.__file__).resolve().parents[2] / "locales" / "pending"


def edition_of(path: Path) -> str | None:
    return "2021" if "edition-2021" in path.name else None


def read(path: Path) -> list[ReadResult]:
    return list(abi_ae.read(path.read_bytes(), path.name, edition=edition_of(path)))


def declarations(path: Path) -> list[Declaration]:
    found = [r.declaration for r in read(path)]
    assert all(d is not None for d in found)
    return [d for d in found if d is not None]


def test_there_are_at_least_ten_entry_summaries() -> None:
    assert sum(len(read(p)) for p in VALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_reads_without_errors(path: Path) -> None:
    for result in read(path):
        assert result.declaration is not None
        assert [i.code for i in result.issues if i.blocking] == []


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_writes_back_byte_identical(path: Path) -> None:
    written = abi_ae.dumps_all(declarations(path), edition=edition_of(path))
    assert written.output == path.read_text(encoding="ascii")
    assert written.issues == ()


@pytest.mark.parametrize("path", [p for p in VALID if not edition_of(p)], ids=lambda p: p.name)
def test_registered_writer_reports_nothing_lost_for_read_declarations(path: Path) -> None:
    for declaration in declarations(path):
        result = get_format("us-abi-ae").writer(declaration)  # type: ignore[misc]
        assert result.issues == ()


def test_single_summary_dump_of_load_is_identity() -> None:
    path = DATA / "valid" / "01-consumption-vessel.txt"
    assert hc.dump(hc.load(str(path), format="us-abi-ae"), "us-abi-ae") == path.read_text()


def test_batch_gives_several_declarations_through_load_all() -> None:
    path = DATA / "valid" / "batch-two-blocks-three-entries.txt"
    found = list(hc.load_all(str(path)))
    assert [d.national.us.entry_number for d in found if d.national.us] == [
        "99726110085",
        "99726110093",
        "51204600202",
    ]


def test_kept_record_is_reported_and_written_back() -> None:
    path = DATA / "valid" / "batch-two-blocks-three-entries.txt"
    third = read(path)[2]
    assert [(i.code, i.source.line if i.source else None) for i in third.issues] == [
        ("us_abi_record_not_supported", 34)
    ]
    assert third.declaration is not None
    item_us = third.declaration.goods_items[0].national.us
    assert item_us is not None
    assert item_us.unsupported_records[0].startswith("41P0712")


def test_sniffer_recognises_an_ae_batch() -> None:
    data = VALID[0].read_bytes()
    fmt = sniff(data, "x.txt")
    assert fmt is not None
    assert fmt.name == "us-abi-ae"
    assert not abi_ae.FORMAT.sniffer(b'{"goods_items": []}')  # type: ignore[misc]


# --- what the records become in the core model ----------------------------------------------


def first(name: str) -> Declaration:
    return declarations(DATA / "valid" / name)[0]


def test_header_maps_to_the_core_model() -> None:
    d = first("01-consumption-vessel.txt")
    us = d.national.us
    assert us is not None
    assert us.entry_number == "99726110010"
    assert (us.entry_type, us.port_of_entry, us.mode_code) == ("01", "0401", "11")
    assert d.trader_reference == "BOS-11821"
    assert d.transport is not None
    assert (d.transport.mode, d.transport.containerised) == ("1", True)
    assert d.transport.conveyance is not None
    assert d.transport.conveyance.name == "EXAMPLE TRADER"
    assert [(t.kind, t.number) for t in d.transport.documents] == [
        ("master-bill", "261104778100"),
        ("house-bill", "HB2611047781"),
    ]
    assert us.importer_number is None
    assert d.importer is not None
    assert d.importer.name is None
    assert d.importer.identifier("us-ein") == "86-305172800"
    assert d.arrival_date is not None
    assert d.arrival_date.isoformat() == "2026-11-19"
    assert us.bond is not None
    assert (us.bond_type, us.surety_code) == ("8", "457")


def test_line_maps_to_the_core_model() -> None:
    item = first("01-consumption-vessel.txt").goods_items[0]
    assert item.line_number == 1
    assert item.classification.us_hts == "8507600020"
    assert item.classification.hs6 == "850760"
    assert item.origin_country == "CN"
    assert item.gross_weight_kg == Decimal(2140)
    assert item.value.amount == Decimal(10000)
    assert item.value.currency == "USD"
    assert [(q.value, q.unit) for q in item.tariff_quantities] == [(Decimal("5.00"), "NO")]
    us = item.national.us
    assert us is not None
    assert us.tariff_lines[0].duty == Decimal("341.00")
    assert [(f.accounting_class, f.amount) for f in us.tariff_lines[0].fees] == [
        ("499", Decimal("34.64")),
        ("501", Decimal("12.50")),
    ]
    assert [(p.party_type, p.identifier) for p in us.article_parties] == [("M", "CNSHEPOW88SHE")]


def test_totals_and_fees_are_read() -> None:
    us = first("01-consumption-vessel.txt").national.us
    assert us is not None
    assert us.totals is not None
    assert (us.totals.duty, us.totals.user_fees) == (Decimal("341.00"), Decimal("47.14"))
    assert [(f.accounting_class, f.amount) for f in us.fee_totals] == [
        ("499", Decimal("34.64")),
        ("501", Decimal("12.50")),
    ]


def test_multi_hts_line_keeps_chapter_99_as_additional_number() -> None:
    item = first("01-multi-hts-section-301.txt").goods_items[0]
    assert item.classification.us_hts == "8504409550"
    assert item.classification.us_additional_hts == ["9903881503"]
    # the 44 records are one text joined with spaces; their own wrap is kept to write them back
    assert item.description == "ELECTRIC TRANSFORMER CHARGERS FOR LAPTOP COMPUTERS"
    assert item.national.us is not None
    assert item.national.us.description_records == [
        "ELECTRIC TRANSFORMER CHARGERS",
        "FOR LAPTOP COMPUTERS",
    ]


def test_usmca_spi_becomes_a_preference_claim() -> None:
    items = first("01-usmca-truck.txt").goods_items
    assert [i.national.us.spi if i.national.us else None for i in items] == ["S", "S+"]
    assert all(i.preference is not None and i.preference.program == "USMCA" for i in items)
    us = items[1].national.us
    assert us is not None
    assert us.country_of_export == "CA"
    assert items[1].origin_country == "MX"


def test_adcvd_case_is_read_with_its_decimals() -> None:
    us = first("03-adcvd.txt").goods_items[0].national.us
    assert us is not None
    case = us.tariff_lines[0].adcvd_cases[0]
    assert case.case_number == "A570890000"
    assert (case.deposit_rate, case.quantity, case.duty) == (
        Decimal("198.54"),
        Decimal("200.0000"),
        Decimal("49635.00"),
    )


def test_invoices_come_from_the_invoice_line_references() -> None:
    d = first("01-several-lines-invoices.txt")
    assert [i.number for i in d.invoices] == ["INV-26-7001", "INV-26-7002"]
    assert [i.invoice_number for i in d.goods_items] == [
        "INV-26-7001",
        "INV-26-7001",
        "INV-26-7002",
    ]


def test_edition_2021_reads_the_ftz_identifier_at_54() -> None:
    us = first("06-ftz-edition-2021.txt").national.us
    assert us is not None
    assert us.ftz_identifier == "FTZ0023"


def test_edition_2021_file_read_with_the_new_edition_reports_filler_data() -> None:
    path = DATA / "valid" / "06-ftz-edition-2021.txt"
    issues = next(iter(abi_ae.read(path.read_bytes(), path.name))).issues
    assert [(i.code, i.source.column if i.source else None) for i in issues] == [
        ("us_abi_data_in_filler", 54)
    ]


# --- malformed files --------------------------------------------------------------------------


def located(issue: Issue) -> dict[str, object]:
    source = issue.source
    assert source is not None
    return {
        "code": issue.code,
        "severity": issue.severity.value,
        "line": source.line,
        "column": source.column,
        "record": source.record,
        "field": source.field,
        "pointer": issue.pointer,
    }


def test_every_malformed_fixture_has_an_expectation() -> None:
    assert {p.name for p in MALFORMED} == set(EXPECTED)


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_malformed_fixture_gives_exactly_the_expected_issue(path: Path) -> None:
    issues = [issue for result in read(path) for issue in result.issues]
    assert [located(i) for i in issues] == EXPECTED[path.name]


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
@pytest.mark.parametrize("locale", ["en", "fr", "es"])
def test_malformed_fixture_issue_renders_in_each_language(path: Path, locale: str) -> None:
    for result in read(path):
        for issue in result.issues:
            assert issue.message(locale).strip()


def translation(code: str, language: str) -> str | None:
    """The template in ``language``: from the catalogue, or still waiting in ``pending``."""
    pending_file = PENDING / "harmonized_customs.countries.us.codes.json"
    if pending_file.exists():
        pending = json.loads(pending_file.read_text(encoding="utf-8"))
        if code in pending:
            return str(pending[code][language])
    return translate(get_issue_code(code).template, code, language)


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
@pytest.mark.parametrize("language", ["fr", "es"])
def test_malformed_fixture_issue_has_a_translation(path: Path, language: str) -> None:
    for result in read(path):
        for issue in result.issues:
            template = translation(issue.code, language)
            assert template is not None, issue.code
            text = template.format(**issue.ctx)
            assert text.strip()
            assert "{" not in text


def test_unreadable_bytes_give_issues_not_exceptions() -> None:
    results = list(abi_ae.read(b"\x00\xff garbage\n", "junk.txt"))
    assert results[0].declaration is None
    codes = {i.code for r in results for i in r.issues}
    assert "us_abi_no_entry" in codes
    assert all(get_issue_code(c) for c in codes)


def test_batch_without_trailers_is_reported() -> None:
    text = (DATA / "valid" / "11-informal-air.txt").read_text().splitlines(keepends=True)
    issues = next(iter(abi_ae.read("".join(text[:-2]).encode(), "cut.txt"))).issues
    assert [i.code for i in issues] == ["us_abi_record_missing"]
    assert issues[0].ctx["record"] == "Y"


def test_check_of_a_us_entry_names_what_canada_and_mexico_need() -> None:
    d = first("01-usmca-truck.txt")
    report = hc.check(d, ["CA", "MX"])
    assert not report.ready("CA")
    assert not report.ready("MX")
    ca = {i.code for i in report.blocking("CA")}
    mx = {i.code for i in report.blocking("MX")}
    assert {"ca_classification_missing", "ca_tariff_treatment_missing"} <= ca
    assert {"mx_fraccion_missing", "mx_clave_pedimento_missing"} <= mx

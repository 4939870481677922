"""The ``ca-cad`` format: schema, reading, canonical writing, round trips, sniffing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs import format_registry as formats
from harmonized_customs.core_json import FORMAT as CORE_JSON
from harmonized_customs.countries.ca import cad
from harmonized_customs.countries.ca.cad_schema import (
    cad_fields,
    cad_schema,
    cad_schema_text,
    published_schema,
)
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.model import Declaration
from strategies import declarations

from .conftest import DATA, VALID
from .strategies import ca_declaration_data, ca_line_data, cad_documents

EXPECTED_CASES = {
    "us_origin_cusma_truck",
    "mx_origin_cusma",
    "mfn_china_marine",
    "lvs_under_3300",
    "multi_vendor",
    "sima_subject",
    "excise_tax",
    "adjustment_all_lines",
}


def _read_one(data: bytes, name: str | None = None) -> ReadResult:
    results = list(cad.read(data, name))
    assert len(results) == 1
    return results[0]


def _declaration(path: Path) -> Declaration:
    result = _read_one(path.read_bytes(), path.name)
    assert result.issues == ()
    assert isinstance(result.declaration, Declaration)
    return result.declaration


# --- the schema -----------------------------------------------------------------------------


def test_committed_schema_is_the_generated_one() -> None:
    path = Path(cad.__file__).resolve().parents[2] / "schemas" / "ca-cad.schema.json"
    assert path.read_text(encoding="utf-8") == cad_schema_text()
    assert published_schema() == cad_schema()


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(published_schema())


def test_every_field_has_labels_in_both_languages() -> None:
    for field in cad_fields():
        assert field.label_en, field.pointer
        assert field.label_fr, field.pointer
        assert field.label_fr_source in {"B3-3", "ours"}, field.pointer


def test_every_b3_line_field_is_tagged() -> None:
    numbered = {f.b3_field for f in cad_fields() if f.b3_field is not None}
    line_fields = set(range(21, 43)) - {23}  # field 23 (weight) is not carried, see the docs
    assert line_fields <= numbered
    assert {1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 45, 46} <= numbered


def test_line_fields_carry_b3_numbers_in_the_schema() -> None:
    line = published_schema()["properties"]["sub_headers"]["items"]["properties"]["lines"]
    gst = line["items"]["properties"]["gst"]
    assert (gst["x-b3-field"], gst["title"], gst["x-label-fr"]) == (42, "GST", "TPS")


# --- fixtures: read, validate, write back identical -----------------------------------------


def test_the_eight_composed_cases_are_there() -> None:
    assert {p.stem for p in VALID} == EXPECTED_CASES
    assert (DATA / "README.md").is_file()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_fixture_reads_without_issue(path: Path) -> None:
    declaration = _declaration(path)
    assert declaration.direction == "import"
    assert declaration.national.ca is not None


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_fixture_is_valid_against_the_schema(path: Path) -> None:
    jsonschema.Draft202012Validator(published_schema()).validate(json.loads(path.read_bytes()))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_fixture_writes_back_identical(path: Path) -> None:
    result = cad.write(_declaration(path))
    assert result.issues == ()
    assert result.output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_model_survives_write_and_read(path: Path) -> None:
    declaration = _declaration(path)
    again = _read_one(cad.dumps(declaration).encode()).declaration
    assert again == declaration


def test_us_origin_is_read_as_country_and_state() -> None:
    item = _declaration(DATA / "valid" / "us_origin_cusma_truck.json").goods_items[0]
    assert (item.origin_country, item.origin_subdivision) == ("US", "US-TX")
    assert item.classification.hs6 == "831120"
    assert item.classification.ca_tariff == "8311200020"


def test_line_amounts_are_exact_decimals() -> None:
    item = _declaration(DATA / "valid" / "excise_tax.json").goods_items[0]
    ca = item.national.ca
    assert ca is not None
    assert (ca.customs_duties, ca.excise_tax, ca.value_for_tax, ca.gst) == (
        Decimal("3126.25"),
        Decimal("1000.00"),
        Decimal("55376.25"),
        Decimal("2768.81"),
    )
    assert item.customs_values[0].amount.amount == Decimal("51250.00")


def test_multi_vendor_keeps_each_vendor_and_sub_header() -> None:
    declaration = _declaration(DATA / "valid" / "multi_vendor.json")
    assert declaration.seller is not None
    assert declaration.seller.name == "Example Weld Consumables of Texas, LLC"
    sellers = [i.seller.name if i.seller else None for i in declaration.goods_items]
    assert sellers == [None, "Beispiel Schweisstechnik GmbH", "Beispiel Schweisstechnik GmbH"]
    ca = declaration.national.ca
    assert ca is not None
    assert [(s.number, s.place_of_export, s.freight) for s in ca.sub_headers] == [
        (1, "UTX", Decimal("120.00")),
        (2, "UNY", Decimal("260.00")),
    ]
    assert declaration.country_of_export == "US"
    assert declaration.valuation is not None
    assert declaration.valuation.freight is None


def test_single_sub_header_freight_is_the_declarations() -> None:
    declaration = _declaration(DATA / "valid" / "mfn_china_marine.json")
    assert declaration.valuation is not None
    assert declaration.valuation.freight is not None
    assert declaration.valuation.freight.amount == Decimal("1400.00")
    assert declaration.transport is not None
    assert declaration.transport.mode == "1"


def test_an_array_holds_several_cads() -> None:
    texts = [p.read_text(encoding="utf-8") for p in VALID[:2]]
    data = ("[" + ",".join(texts) + "]").encode()
    results = list(cad.read(data, "two.json"))
    assert [r.index for r in results] == [0, 1]
    assert all(r.declaration is not None for r in results)


# --- sniffing and the registry --------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_sniffed_as_ca_cad_and_not_as_core_json(path: Path) -> None:
    data = path.read_bytes()
    assert formats.sniff(data, path.name) is cad.FORMAT
    assert CORE_JSON.sniffer is not None
    assert not CORE_JSON.sniffer(data)


def test_core_json_is_not_sniffed_as_ca_cad() -> None:
    assert cad.FORMAT.sniffer is not None
    assert not cad.FORMAT.sniffer(b'{"schema_version": "1.0", "goods_items": []}')


def test_registered_for_canada() -> None:
    fmt = formats.get_format("ca-cad")
    assert (fmt.jurisdiction, fmt.direction, fmt.media_type) == (
        "CA",
        "read/write",
        "application/json",
    )


def test_load_and_dump_through_the_public_api() -> None:
    path = DATA / "valid" / "lvs_under_3300.json"
    declaration = hc.load(path)
    assert hc.dump(declaration, "ca-cad") == path.read_text(encoding="utf-8")


# --- writing a declaration that did not come from a CAD -------------------------------------


def _core(name: str) -> Declaration:
    examples = Path(__file__).resolve().parents[2] / "examples"
    return Declaration.model_validate_json((examples / name).read_text(encoding="utf-8"))


def _from_core() -> Declaration:
    declaration = _declaration(DATA / "valid" / "lvs_under_3300.json")
    exporter = declaration.seller
    return declaration.model_copy(update={"exporter": exporter, "trader_reference": "PO-1"})


def test_values_without_a_place_are_reported() -> None:
    result = cad.write(_from_core())
    assert [(i.code, i.pointer, dict(i.ctx)) for i in result.issues] == [
        ("value_not_carried", "/trader_reference", {"format": "ca-cad"}),
        ("value_not_carried", "/exporter", {"format": "ca-cad"}),
    ]
    assert result.issues[1].wco_id == "57A"


def test_missing_classification_is_reported_and_left_out() -> None:
    declaration = _declaration(DATA / "valid" / "lvs_under_3300.json")
    item = declaration.goods_items[0]
    bare = item.classification.model_copy(update={"ca_tariff": None})
    declaration.goods_items[0] = item.model_copy(update={"classification": bare})
    result = cad.write(declaration)
    assert [(i.code, i.pointer, i.ctx["field"]) for i in result.issues] == [
        ("ca_cad_value_missing", "/goods_items/0/classification/ca_tariff", "classification_number")
    ]
    assert "classification_number" not in result.output


@pytest.mark.parametrize(
    ("party", "pointer", "field"),
    [
        ("importer", "/importer/name", "importer/name"),
        ("declarant", "/declarant/name", "broker/name"),
    ],
)
def test_header_party_without_its_name_is_reported(party: str, pointer: str, field: str) -> None:
    declaration = _declaration(DATA / "valid" / "lvs_under_3300.json")
    given = getattr(declaration, party)
    assert given is not None
    declaration = declaration.model_copy(update={party: given.model_copy(update={"name": None})})
    result = cad.write(declaration)
    missing = [
        (i.pointer, i.ctx["field"]) for i in result.issues if i.code == "ca_cad_value_missing"
    ]
    assert missing == [(pointer, field)]
    with pytest.raises(hc.InputError):  # what the writer reports is what reading it refuses
        hc.loads(result.output, format="ca-cad")


def test_export_is_flagged() -> None:
    declaration = _from_core().model_copy(update={"direction": "export", "exporter": None})
    codes = [i.code for i in cad.write(declaration).issues]
    assert codes == ["ca_cad_not_import", "value_not_carried"]  # trader_reference


@given(declarations())
def test_any_declaration_writes_a_readable_cad_or_says_what_is_missing(
    declaration: Declaration,
) -> None:
    result = cad.write(declaration)
    assert isinstance(result.output, str)
    missing = [i for i in result.issues if i.code == "ca_cad_value_missing"]
    document = json.loads(result.output)
    errors = list(jsonschema.Draft202012Validator(published_schema()).iter_errors(document))
    if not missing:
        assert errors == []
        back = _read_one(result.output.encode())
        assert back.declaration is not None, [i.code for i in back.issues]
    for issue in result.issues:
        assert issue.code in {"value_not_carried", "ca_cad_value_missing", "ca_cad_not_import"}


# --- junk never raises ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe",
        b"null",
        b"[]",
        b"[1, 2]",
        b'{"format": "ca-cad"}',
        b'{"format": "ca-cad", "format_version": "1.0", "header": {}, "sub_headers": [1]}',
        b'{"format": "ca-cad", "format_version": "1.0", "header": [], "sub_headers": {}}',
    ],
)
def test_junk_gives_issues_not_exceptions(data: bytes) -> None:
    results = list(cad.read(data, "junk.json"))
    assert all(r.declaration is None and r.issues for r in results)


@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    for result in cad.read(data, None):
        assert result.declaration is None or isinstance(result.declaration, Declaration)


def test_docs_page_has_the_field_table() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "formats" / "ca-cad.md"
    text = page.read_text(encoding="utf-8")
    assert "not CBSA's wire format" in text
    for field in cad_fields():
        assert f"| `{field.pointer}` | {field.b3_field or '-'} |" in text, field.pointer
        assert f"| {field.label_en} | {field.label_fr}" in text, field.pointer


@pytest.mark.parametrize(
    ("code", "country", "subdivision"),
    [("XK", "XK", None), ("UNY", "US", "US-NY"), ("MX", "MX", None), ("US", "US", None)],
)
def test_cbsa_country_codes(code: str, country: str, subdivision: str | None) -> None:
    document = json.loads((DATA / "valid" / "mfn_china_marine.json").read_bytes())
    document["sub_headers"][0]["country_of_origin"] = code
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    declaration = _read_one(text.encode()).declaration
    assert declaration is not None
    item = declaration.goods_items[0]
    assert (item.origin_country, item.origin_subdivision) == (country, subdivision)
    assert cad.dumps(declaration) == text


@given(cad_documents())
def test_any_canonical_cad_reads_and_writes_back_identical(document: dict[str, object]) -> None:
    jsonschema.Draft202012Validator(published_schema()).validate(document)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    result = _read_one(text.encode())
    assert result.declaration is not None, [(i.code, i.pointer, dict(i.ctx)) for i in result.issues]
    written = cad.write(result.declaration)
    assert written.output == text
    assert written.issues == ()


@given(declarations(), ca_declaration_data(), st.lists(ca_line_data(), min_size=1), st.data())
def test_canadian_details_are_written_or_reported(
    declaration: Declaration,
    header: dict[str, object],
    lines: list[dict[str, object]],
    data: st.DataObject,
) -> None:
    dumped = declaration.model_dump(mode="json")
    dumped["national"]["ca"] = header
    for item in dumped["goods_items"]:
        item["national"]["ca"] = data.draw(st.sampled_from(lines))
    declaration = Declaration.model_validate(dumped)
    result = cad.write(declaration)
    codes = {i.code for i in result.issues}
    assert "ca_cad_loss_not_listed" not in codes
    if "ca_cad_value_missing" not in codes:
        jsonschema.Draft202012Validator(published_schema()).validate(json.loads(result.output))
        assert _read_one(str(result.output).encode()).declaration is not None


@pytest.mark.parametrize(
    ("pointer", "core"),
    [
        ("/header/cargo_control_numbers/1", "/transport/documents/1/number"),
        ("/header/adjustment_reason_codes/0", "/national/ca/adjustment_reason_codes/0"),
        ("/header/importer/address/country", "/importer/address/country"),
        ("/header/importer/business_number", "/importer/identifiers/0/value"),
        ("/sub_headers/1/country_of_origin", "/goods_items/2/origin_country"),
        ("/sub_headers/1/freight", "/national/ca/sub_headers/1/freight"),
        ("/sub_headers/1/lines/1/gst", "/goods_items/3/national/ca/gst"),
        ("/sub_headers/0/lines/0/quantity", "/goods_items/0/tariff_quantities/0/value"),
        ("/header/payment_code", ""),
        ("/format", ""),
    ],
)
def test_cad_pointers_map_to_core_pointers(pointer: str, core: str) -> None:
    document = json.loads((DATA / "valid" / "multi_vendor.json").read_bytes())
    document["sub_headers"][0]["lines"].append(document["sub_headers"][0]["lines"][0])
    assert cad.core_pointer(pointer, document) == core


def test_a_seller_without_a_name_is_reported_not_written_empty() -> None:
    data = json.loads(
        (Path(__file__).resolve().parents[2] / "examples" / "us-to-ca-truck.json").read_text()
    )
    data["seller"] = (
        {"identifiers": data["seller"].get("identifiers", [])} if "seller" in data else {}
    )
    declaration = Declaration.model_validate(data)
    written = cad.write(declaration)
    missing = [(i.code, i.pointer, i.ctx.get("field")) for i in written.issues if i.blocking]
    assert ("ca_cad_value_missing", "/seller/name", "vendor/name") in missing
    assert len(missing) == len(set(missing))

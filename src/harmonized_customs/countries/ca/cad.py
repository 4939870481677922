"""``ca-cad``: the CBSA commercial accounting declaration (CAD) as documented JSON.

Since CARM Release 3 (21 October 2024) a Canadian import is accounted for with a commercial
accounting declaration, which replaced the B3-3 coding form. CBSA gives the CAD's EDI and API
specification (Electronic Commerce Client Requirements Document, chapters 24 and 26) only to
trade partners who ask for it. **This format is therefore not CBSA's wire message**: it is
this library's own documented JSON rendering of the public CAD / B3 data elements, with a JSON
Schema (``schemas/ca-cad.schema.json``), that a broker's system maps to its CBSA EDI or API.

A document has a ``header`` (B3 fields 1-9, 20, 45, 46 and the CAD declaration boxes),
``sub_headers`` (fields 10-19: vendor, origin, place of export, tariff treatment, U.S. port
of exit, direct shipment date, currency, freight), each with its ``lines`` (fields 21-42: one
per invoice line, with classification and narrative descriptions, the 10-digit
classification number, tariff code, quantity and unit, VFD and SIMA codes, rates and amounts of
duty, excise tax and GST), and declared ``totals`` (fields 9, 47-51). Every field's B3-3
number, CBSA exception-form box and English and French labels are in the schema
(``x-b3-field``, ``x-cad-box``, ``title``, ``x-label-fr``), generated from
``data/cad_fields.csv``; ``docs/formats/ca-cad.md`` has the table.

Reading validates the document against the schema (each problem located by its JSON pointer
and its line and column), then builds the core declaration. Writing is canonical (two-space
indentation, keys in schema order, absent values left out), so reading and writing a
canonical document gives it back byte for byte; whatever a declaration holds that a CAD has
no place for is reported as ``value_not_carried``.

More information:

* https://cbsa-asfc.gc.ca/services/carm-gcra/start-passer-eng.html (CAD, ECCRD chapters 24/26)
* https://cbsa-asfc.gc.ca/publications/forms-formulaires/b3-3-eng.html (B3-3 fields)
* http://www.cbsa-asfc.gc.ca/publications/dm-md/d17/d17-1-10-eng.html (Memorandum D17-1-10)
* https://cbsa-asfc.gc.ca/publications/forms-formulaires/bsf945-eng.html (exception CAD form)
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

import pycountry
from pydantic import ValidationError

from harmonized_customs import collector, mappings
from harmonized_customs.countries.ca import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.ca.cad_schema import (
    FORMAT_VERSION,
    cad_fields,
    field_for,
    published_schema,
)
from harmonized_customs.countries.ca.sniff import cad as _sniff
from harmonized_customs.format_registry import Format, ReadResult, WriteResult, register_format
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.json_input import JsonText, read_json
from harmonized_customs.losses import lost_against, lost_against_model, not_carried_by
from harmonized_customs.model import CADeclarationData, Declaration, GoodsItem, Party
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import escape, join
from harmonized_customs.validation import issues_from_validation_error

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "FORMAT",
    "NAME",
    "carrier_code",
    "dumps",
    "read",
    "read_back",
    "required_issues",
    "to_document",
    "write",
]

NAME = "ca-cad"
Doc = dict[str, Any]
_NOT_COMPARED = frozenset({"/schema_version", "/direction"})
"""Not reported as lost: the version is the core format's, the direction has its own code."""
_UNKNOWN_MODE = "9"
"""UN/ECE Rec 19 'mode not known', for a CBSA mode code without a mapping."""


# --- reading --------------------------------------------------------------------------------


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read one CAD (a JSON object) or several (a JSON array) from ``data``."""
    parsed = read_json(data, source_name)
    if parsed.source is None:
        yield ReadResult(None, (parsed.problem,) if parsed.problem else ())
        return
    located = _Locations(parsed.source)
    if isinstance(parsed.value, list):
        for index, document in enumerate(parsed.value):
            yield _read_one(document, located.under(f"/{index}"), index)
        return
    yield _read_one(parsed.value, located, 0)


class _Locations:
    """CAD pointer -> line and column in the file, found when an issue needs it."""

    def __init__(self, source: JsonText, prefix: str = "") -> None:
        self._source = source
        self._prefix = prefix

    def under(self, prefix: str) -> _Locations:
        """The locations of one document of an array."""
        return _Locations(self._source, self._prefix + prefix)

    def at(self, pointer: str) -> SourceLocation:
        """The location of ``pointer`` or of its nearest enclosing value."""
        return self._source.at(self._prefix + pointer, field=pointer)


def _read_one(document: Any, located: _Locations, index: int) -> ReadResult:
    problems = list(_schema_issues(document, located))
    if problems:
        return ReadResult(None, tuple(problems), index)
    problems = list(_document_issues(document, located))
    if problems:
        return ReadResult(None, tuple(problems), index)
    data, places = to_core_data(document)
    try:
        with collector.paused():
            declaration = Declaration.model_validate(data)
    except ValidationError as exc:
        where = _core_locator(places, located)
        return ReadResult(None, tuple(issues_from_validation_error(exc, locate=where)), index)
    return ReadResult(declaration, (), index)


def _core_locator(
    places: Mapping[str, str], located: _Locations
) -> Callable[[str], SourceLocation | None]:
    """Core pointer -> where in the file its CAD field (or the nearest enclosing one) is.

    Only the pointers an issue names are located.
    """

    def locate(core: str) -> SourceLocation | None:
        probe = core
        while probe not in places:
            if not probe:
                return None
            probe = probe.rsplit("/", 1)[0]
        return located.at(places[probe])

    return locate


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """The validator of the published schema, built (and jsonschema imported) on first use."""
    import jsonschema  # noqa: PLC0415 - a check that reads no CAD does not import it

    return jsonschema.Draft202012Validator(published_schema())


def _schema_issues(document: Any, located: _Locations) -> Iterator[Issue]:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    for error in errors:
        pointer = join(error.absolute_path)
        code, where, ctx = _schema_problem(error, pointer)
        core = core_pointer(where, document)
        yield Issue.of(code, core, wco_id=wco_id_for_pointer(core), source=located.at(where), **ctx)


def _schema_problem(
    error: jsonschema.ValidationError, pointer: str
) -> tuple[str, str, dict[str, Any]]:
    """The issue code, CAD pointer and message values of one schema violation."""
    if error.validator in {"required", "dependentRequired"}:
        return "value_missing", f"{pointer}/{_missing_property(error)}", {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        known = schema.get("properties", {})
        extra = sorted(key for key in error.instance if key not in known)
        return "field_unknown", f"{pointer}/{escape(extra[0])}", {"field": extra[0]}
    code, ctx = _value_problem(error)
    return code, pointer, ctx


_VALUE_CODES = {
    "pattern": "value_format",
    "type": "value_type",
    "const": "code_not_allowed",
    "enum": "code_not_allowed",
    "minItems": "value_missing",
    "maxLength": "value_too_long",
    "minimum": "value_out_of_range",
    "maximum": "value_out_of_range",
}
"""Schema keyword -> the generic issue code of a value that breaks it."""


def _value_problem(error: jsonschema.ValidationError) -> tuple[str, dict[str, Any]]:
    kind, expected = str(error.validator), cast(Any, error.validator_value)
    code = _VALUE_CODES.get(kind)
    ctx: dict[str, Any] = {"value": _shown(error.instance)}
    if code is None:
        return "ca_cad_schema_violation", {"detail": error.message}
    if kind == "pattern":
        ctx["pattern"] = expected
    elif kind == "type":
        ctx["expected"] = expected
    elif code == "code_not_allowed":
        ctx["allowed"] = ", ".join(map(repr, expected if kind == "enum" else [expected]))
    elif code == "value_out_of_range":
        ctx["limit"] = f"{'>=' if kind == 'minimum' else '<='} {expected}"
    else:
        ctx = {"limit": expected} if code == "value_too_long" else {}
    return code, ctx


def _missing_property(error: jsonschema.ValidationError) -> str:
    instance = error.instance if isinstance(error.instance, dict) else {}
    wanted: Any = error.validator_value
    if error.validator == "dependentRequired":
        wanted = [name for key, names in wanted.items() if key in instance for name in names]
    return next((name for name in wanted if name not in instance), "")


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _document_issues(document: Doc, located: _Locations) -> Iterator[Issue]:
    """Problems the schema cannot see: repeated sub-header numbers, unknown country codes.

    Repeated line numbers are the core rule ``line_numbers_unique``'s: the CAD still loads.
    """
    seen: set[int] = set()
    for i, sub_header in enumerate(document["sub_headers"]):
        number = sub_header["number"]
        if number in seen:
            where = f"/sub_headers/{i}/number"
            yield Issue.of(
                "ca_cad_sub_header_repeated",
                core_pointer(where, document),
                source=located.at(where),
                number=number,
            )
        seen.add(number)
        for key in ("country_of_origin", "place_of_export"):
            code = sub_header.get(key)
            if code is not None and _iso_country(code) is None:
                where = f"/sub_headers/{i}/{key}"
                yield Issue.of(
                    "ca_cad_country_unknown",
                    core_pointer(where, document),
                    source=located.at(where),
                    code=code,
                )


@functools.lru_cache(maxsize=1024)
def _iso_country(code: str) -> tuple[str, str | None] | None:
    """(ISO country, ISO subdivision) of a CBSA country code: ``UTX``, ``MX``, ``XK``."""
    if len(code) == 3:
        state = mappings.table("ca_us_state_codes").get(code)
        return None if state is None else ("US", state["iso_3166_2"])
    deviation = mappings.table("ca_country_deviations").get(code)
    if deviation is not None and not deviation["iso_alpha2"]:
        return code, None  # XK Kosovo: a CBSA code without an ISO one, accepted by the model
    found: object = pycountry.countries.get(alpha_2=code)
    return None if found is None else (code, None)


def _cbsa_country(country: str | None, subdivision: str | None) -> str | None:
    """The CBSA code of a country: ISO alpha-2, or U + state for a known US state."""
    if country == "US" and subdivision is not None:
        rows = mappings.table("ca_us_state_codes").where(iso_3166_2=subdivision)
        if rows:
            return rows[0].code
    return country


# --- CAD pointers and core pointers ---------------------------------------------------------


def _line_index(document: Any, sub_header: int, line: int) -> int:
    """The goods-item index of line ``line`` of sub-header ``sub_header``."""
    sub_headers = document.get("sub_headers") if isinstance(document, dict) else None
    if not isinstance(sub_headers, list):
        return line
    before = 0
    for each in sub_headers[:sub_header]:
        lines = each.get("lines") if isinstance(each, dict) else None
        before += len(lines) if isinstance(lines, list) else 0
    return before + line


def core_pointer(pointer: str, document: Any) -> str:
    """The core-model pointer a CAD pointer maps to (``""`` when it maps to none)."""
    field = field_for(pointer)
    if field is None or not field.core:
        return ""
    parts = pointer.split("/")
    numbers = [int(p) for p in parts if p.isascii() and p.isdigit()]
    sub_header = numbers[0] if numbers else 0
    line = numbers[1] if len(numbers) > 1 and "/lines/" in pointer else 0
    target = field.core[0]
    target = target.replace(
        "/goods_items/*", f"/goods_items/{_line_index(document, sub_header, line)}"
    )
    target = target.replace("/national/ca/sub_headers/*", f"/national/ca/sub_headers/{sub_header}")
    rest = [p for p in parts[len(field.pointer.split("/")) :] if p]
    if field.type == "array:string" and rest:
        item = rest.pop(0)  # the index in a list of codes: CCNs are the transport documents
        target = target.replace("/transport/documents/*", f"/transport/documents/{item}")
        target = target if "*" in field.core[0] else f"{target}/{item}"
    target = target.replace("/*", "/0")
    return target + "".join("/" + p for p in rest)


# --- CAD -> core ----------------------------------------------------------------------------


def _put(target: Doc, key: str, value: Any) -> None:
    if value not in (None, [], {}):
        target[key] = value


def _party(data: Doc | None, scheme: str = "ca-bn15") -> Doc | None:
    if data is None:
        return None
    party: Doc = {}
    _put(party, "name", data.get("name"))
    _put(party, "address", data.get("address"))
    if "business_number" in data:
        party["identifiers"] = [{"scheme": scheme, "value": data["business_number"]}]
    return party


def _transport(header: Doc) -> Doc | None:
    code = header.get("mode_of_transport")
    numbers = header.get("cargo_control_numbers", [])
    if code is None and not numbers:
        return None
    row = mappings.table("ca_transport_modes").get(code) if code else None
    transport: Doc = {"mode": row["rec19"] if row else _UNKNOWN_MODE}
    _put(transport, "documents", [{"kind": "cargo-control-number", "number": n} for n in numbers])
    return transport


def _export_country(sub_header: Doc) -> str | None:
    """The ISO country of a sub-header's place of export (a US state gives US)."""
    place = sub_header.get("place_of_export")
    found = _iso_country(place) if place else None
    return found[0] if found else None


def _same(values: list[Any]) -> Any:
    """The value all entries share, or ``None``."""
    return values[0] if values and all(v == values[0] for v in values) else None


def _national_header(document: Doc) -> Doc:
    header = document["header"]
    ca: Doc = {}
    for key, cad_key in (
        ("transaction_number", "transaction_number"),
        ("declaration_type", "cad_type"),
        ("office_code", "office_code"),
        ("mode_of_transport", "mode_of_transport"),
        ("port_of_unlading", "port_of_unlading"),
        ("release_date", "release_date"),
        ("carrier_code", "carrier_code"),
        ("adjustment_reason_codes", "adjustment_reason_codes"),
    ):
        _put(ca, key, header.get(cad_key))
    sub_headers = document["sub_headers"]
    _put(ca, "us_port_of_exit", _same([s.get("us_port_of_exit") for s in sub_headers]))
    ca["sub_headers"] = [
        {
            k: v
            for k, v in (
                ("number", s["number"]),
                ("place_of_export", s.get("place_of_export")),
                ("us_port_of_exit", s.get("us_port_of_exit")),
                ("direct_shipment_date", s.get("direct_shipment_date")),
                ("freight", s.get("freight")),
            )
            if v is not None
        }
        for s in sub_headers
    ]
    _put(ca, "totals", document.get("totals"))
    return ca


_LINE_NATIONAL = (
    ("classification_description", "classification_description"),
    ("special_authority", "special_authority"),
    ("previous_transaction_number", "previous_transaction_number"),
    ("previous_transaction_line", "previous_transaction_line"),
    ("tariff_code", "tariff_code"),
    ("vfd_code", "vfd_code"),
    ("sima_code", "sima_code"),
    ("sima_subject", "sima_subject_flag"),
    ("sima_measure", "sima_measure"),
    ("customs_duty_rate", "customs_duty_rate"),
    ("excise_tax_rate", "excise_tax_rate"),
    ("gst_rate", "gst_rate"),
    ("customs_duties", "customs_duties"),
    ("sima_assessment", "sima_assessment"),
    ("excise_tax", "excise_tax"),
    ("value_for_tax", "value_for_tax"),
    ("gst", "gst"),
)
"""(core CALineData field, CAD line field) pairs copied as they are."""


def _item(sub_header: Doc, line: Doc, first_vendor: Doc | None) -> Doc:
    code = sub_header.get("country_of_origin")
    country, subdivision = (_iso_country(code) if code else None) or (None, None)
    number = line["classification_number"]
    item: Doc = {
        "line_number": line["line_number"],
        "description": line["narrative_description"],
        "classification": {"hs6": number[:6], "ca_tariff": number},
    }
    _put(item, "origin_country", country)
    _put(item, "origin_subdivision", subdivision)
    if "quantity" in line:
        item["tariff_quantities"] = [
            {"jurisdiction": "CA", "value": line["quantity"], "unit": line["unit_of_measure"]}
        ]
    item["value"] = {
        "amount": line["value_for_currency_conversion"],
        "currency": sub_header["currency"],
    }
    if "value_for_duty" in line:
        amount = {"amount": line["value_for_duty"], "currency": "CAD"}
        item["customs_values"] = [{"jurisdiction": "CA", "amount": amount}]
    _put(item, "invoice_number", sub_header.get("invoice_number"))
    if sub_header.get("vendor") != first_vendor:
        item["seller"] = _party(sub_header.get("vendor"))
    ca: Doc = {"sub_header": sub_header["number"]}
    _put(ca, "tariff_treatment", sub_header.get("tariff_treatment"))
    for key, cad_key in _LINE_NATIONAL:
        _put(ca, key, line.get(cad_key))
    item["national"] = {"ca": ca}
    return item


def to_core_data(document: Doc) -> tuple[Doc, dict[str, str]]:
    """The core-json data of a schema-valid CAD, and core pointer -> CAD pointer of each part."""
    header = document["header"]
    sub_headers: list[Doc] = document["sub_headers"]
    first = sub_headers[0]
    data: Doc = {"direction": "import"}
    _put(data, "declaration_date", header.get("declaration_date"))
    export = _same([_export_country(s) for s in sub_headers])
    _put(data, "export_date", _same([s.get("direct_shipment_date") for s in sub_headers]))
    _put(data, "country_of_export", export)
    data["national"] = {"ca": _national_header(document)}
    _put(data, "importer", _party(header.get("importer")))
    _put(data, "seller", _party(first.get("vendor")))
    _put(data, "declarant", _party(header.get("broker")))
    _put(data, "transport", _transport(header))
    valuation: Doc = {"currency": first["currency"]}
    if len(sub_headers) == 1 and "freight" in first:
        valuation["freight"] = {"amount": first["freight"], "currency": first["currency"]}
    data["valuation"] = valuation
    places: dict[str, str] = {"": ""}
    items: list[Doc] = []
    for i, sub_header in enumerate(sub_headers):
        for j, line in enumerate(sub_header["lines"]):
            places[f"/goods_items/{len(items)}"] = f"/sub_headers/{i}/lines/{j}"
            items.append(_item(sub_header, line, first.get("vendor")))
    data["goods_items"] = items
    if "gross_weight_kg" in header:
        data["totals"] = {"gross_weight_kg": header["gross_weight_kg"]}
    places.update(_header_places())
    return data, places


@functools.cache
def _header_places() -> Mapping[str, str]:
    """Core pointer -> CAD pointer of the header fields (those without array indices)."""
    return {
        core: field.pointer
        for field in cad_fields()
        for core in field.core
        if "*" not in core and "*" not in field.pointer
    }


# --- core -> CAD ----------------------------------------------------------------------------


def _compact(values: Doc) -> Doc:
    return {k: v for k, v in values.items() if v is not None and v != []}


def _json(value: Any) -> Any:
    """A model value as it appears in JSON (decimals and dates as strings)."""
    if value is None or isinstance(value, str | int):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return format(value, "f")


def _party_out(party: Party | None, *, numbered: bool = True) -> Doc | None:
    """The CAD block of a party: its BN15 (preferring an RM account), name and address."""
    if party is None:
        return None
    numbers = [i.value for i in party.identifiers if numbered and i.scheme == "ca-bn15"]
    rm = [n for n in numbers if re.sub(r"[\s-]", "", n).upper()[9:11] == "RM"]
    address = (
        party.address.model_dump(mode="json", exclude_defaults=True) if party.address else None
    )
    return _compact(
        {
            "business_number": next(iter(rm or numbers), None),
            "name": party.name,
            "address": address,
        }
    )


def _mode_code(declaration: Declaration) -> str | None:
    ca = declaration.national.ca
    if ca is not None and ca.mode_of_transport is not None:
        return ca.mode_of_transport
    if declaration.transport is None:
        return None
    rows = mappings.table("ca_transport_modes").where(rec19=declaration.transport.mode)
    return rows[0].code if len(rows) == 1 else None


def _header_out(declaration: Declaration) -> Doc:
    ca = declaration.national.ca
    documents = declaration.transport.documents if declaration.transport else []
    totals = declaration.totals
    return _compact(
        {
            "cad_type": ca.declaration_type if ca else None,
            "transaction_number": ca.transaction_number if ca else None,
            "office_code": ca.office_code if ca else None,
            "mode_of_transport": _mode_code(declaration),
            "port_of_unlading": ca.port_of_unlading if ca else None,
            "release_date": _json(ca.release_date) if ca else None,
            "declaration_date": _json(declaration.declaration_date),
            "importer": _party_out(declaration.importer),
            "broker": _party_out(declaration.declarant),
            "cargo_control_numbers": [
                d.number for d in documents if d.kind == "cargo-control-number"
            ],
            "carrier_code": carrier_code(declaration),
            "gross_weight_kg": _json(totals.gross_weight_kg) if totals else None,
            "adjustment_reason_codes": list(ca.adjustment_reason_codes) if ca else [],
        }
    )


def carrier_code(declaration: Declaration) -> str | None:
    """The CBSA carrier code: filed in the CA block, else held as the carrier's identifier."""
    ca = declaration.national.ca
    if ca is not None and ca.carrier_code is not None:
        return ca.carrier_code
    carrier = declaration.transport.carrier if declaration.transport else None
    held = carrier.identifier("ca-carrier-code") if carrier else None
    if held is None:
        return None  # what the field gives for no value, without building a block
    try:
        return CADeclarationData(carrier_code=held).carrier_code
    except ValidationError:  # not a code the CAD's field takes: reported with the carrier
        return None


def _ca_line(item: GoodsItem) -> Any:
    return item.national.ca


def _group_key(declaration: Declaration, item: GoodsItem, vendors: dict[int, str]) -> object:
    """The sub-header number a line is filed under, or what lines of one sub-header share.

    ``vendors`` keeps the JSON of each vendor object met, so a seller shared by every line is
    serialised once.
    """
    ca = _ca_line(item)
    if ca is not None and ca.sub_header is not None:
        return ca.sub_header
    vendor = item.seller or declaration.seller
    if vendor is not None and id(vendor) not in vendors:
        vendors[id(vendor)] = vendor.model_dump_json()
    return (
        vendors[id(vendor)] if vendor else None,
        item.origin_country,
        item.origin_subdivision,
        ca.tariff_treatment if ca else None,
        item.value.currency,
        item.invoice_number,
    )


def _grouped(declaration: Declaration) -> dict[object, list[GoodsItem]]:
    """The lines by what their sub-header is known by (:func:`_group_key`), in order."""
    grouped: dict[object, list[GoodsItem]] = {}
    vendors: dict[int, str] = {}
    for item in declaration.goods_items:
        grouped.setdefault(_group_key(declaration, item, vendors), []).append(item)
    return grouped


def _groups(declaration: Declaration) -> list[tuple[int, list[GoodsItem]]]:
    """The lines grouped into numbered sub-headers, in order of first appearance."""
    grouped = _grouped(declaration)
    used = {key for key in grouped if isinstance(key, int)}
    next_number = max(used, default=0)
    numbered: list[tuple[int, list[GoodsItem]]] = []
    for key, items in grouped.items():
        if not isinstance(key, int):
            next_number += 1
            key = next_number  # noqa: PLW2901 - numbering the automatic groups
        numbered.append((key, items))
    return numbered


def _sub_header_out(
    declaration: Declaration,
    number: int,
    items: list[GoodsItem],
    single: bool,
    line_out: Callable[[GoodsItem], Doc],
) -> Doc:
    first = items[0]
    ca = declaration.national.ca
    stored = next((s for s in (ca.sub_headers if ca else []) if s.number == number), None)
    ca_line = _ca_line(first)
    vendor = first.seller or declaration.seller
    freight = stored.freight if stored else None
    valuation = declaration.valuation
    given = valuation.freight if valuation and stored is None and single else None
    if given is not None and given.currency == first.value.currency:
        freight = given.amount
    place = stored.place_of_export if stored else _cbsa_country(declaration.country_of_export, None)
    port = stored.us_port_of_exit if stored else (ca.us_port_of_exit if ca else None)
    date = stored.direct_shipment_date if stored else declaration.export_date
    return _compact(
        {
            "number": number,
            "vendor": _party_out(vendor, numbered=False),
            "invoice_number": first.invoice_number,
            "country_of_origin": _cbsa_country(first.origin_country, first.origin_subdivision),
            "place_of_export": place,
            "tariff_treatment": ca_line.tariff_treatment if ca_line else None,
            "us_port_of_exit": port,
            "direct_shipment_date": _json(date),
            "currency": first.value.currency,
            "freight": _json(freight),
            "lines": [line_out(item) for item in items],
        }
    )


def _line_out(item: GoodsItem) -> Doc:
    ca = _ca_line(item)
    quantity = next((q for q in item.tariff_quantities if q.jurisdiction == "CA"), None)
    vfd = next(
        (
            v.amount.amount
            for v in item.customs_values
            if v.jurisdiction == "CA" and v.amount.currency == "CAD"
        ),
        None,
    )
    national = {cad_key: _json(getattr(ca, key)) if ca else None for key, cad_key in _LINE_NATIONAL}
    return _compact(
        {
            "line_number": item.line_number,
            "classification_description": national["classification_description"],
            "narrative_description": item.description,
            "previous_transaction_number": national["previous_transaction_number"],
            "previous_transaction_line": national["previous_transaction_line"],
            "special_authority": national["special_authority"],
            "classification_number": item.classification.ca_tariff,
            "tariff_code": national["tariff_code"],
            "quantity": _json(quantity.value) if quantity else None,
            "unit_of_measure": quantity.unit if quantity else None,
            "vfd_code": national["vfd_code"],
            "sima_code": national["sima_code"],
            "sima_subject_flag": national["sima_subject_flag"],
            "sima_measure": national["sima_measure"],
            "customs_duty_rate": national["customs_duty_rate"],
            "excise_tax_rate": national["excise_tax_rate"],
            "gst_rate": national["gst_rate"],
            "value_for_currency_conversion": _json(item.value.amount),
            "value_for_duty": _json(vfd),
            "customs_duties": national["customs_duties"],
            "sima_assessment": national["sima_assessment"],
            "excise_tax": national["excise_tax"],
            "value_for_tax": national["value_for_tax"],
            "gst": national["gst"],
        }
    )


def _line_required(item: GoodsItem) -> Doc:
    """The values of a line that the CAD requires, as :func:`_line_out` gives them."""
    return _compact(
        {"line_number": item.line_number, "classification_number": item.classification.ca_tariff}
    )


def _sub_headers(
    declaration: Declaration, line_out: Callable[[GoodsItem], Doc] = _line_out
) -> list[Doc]:
    """The sub-headers of the CAD, each line given by ``line_out``."""
    groups = _groups(declaration)
    single = len(groups) == 1
    return [_sub_header_out(declaration, n, items, single, line_out) for n, items in groups]


def to_document(declaration: Declaration) -> Doc:
    """The CAD document of ``declaration``: required values it lacks are left out."""
    ca = declaration.national.ca
    totals = ca.totals.model_dump(mode="json", exclude_defaults=True) if ca and ca.totals else None
    return _compact(
        {
            "format": NAME,
            "format_version": FORMAT_VERSION,
            "header": _header_out(declaration),
            "sub_headers": _sub_headers(declaration),
            "totals": totals or None,
        }
    )


def dumps(declaration: Declaration) -> str:
    """The canonical text of the CAD of ``declaration`` (ends with a newline)."""
    return canonical_text(to_document(declaration))


def canonical_text(document: Any) -> str:
    """``json.dumps(document, indent=2, ensure_ascii=False)`` and a newline, the same text.

    The standard library indents in pure Python, value by value; here each string is escaped
    by its C encoder and the layout is joined once.
    """
    out: list[str] = []
    _pretty(document, out, "\n")
    out.append("\n")
    return "".join(out)


_STRING: Callable[[str], str] = json.encoder.encode_basestring
_SCALARS = {None: "null", True: "true", False: "false"}


def _pretty(value: Any, out: list[str], newline: str) -> None:
    """Append the indented JSON of ``value``, its nested lines starting with ``newline``."""
    kind = type(value)
    if kind is str:
        out.append(_STRING(value))
    elif kind is dict and value:
        inner = newline + "  "
        opening = "{" + inner
        for key, child in value.items():
            out.append(opening)
            out.append(_STRING(key) if type(key) is str else json.dumps(str(key)))
            out.append(": ")
            _pretty(child, out, inner)
            opening = "," + inner
        out.append(newline + "}")
    elif kind is list and value:
        inner = newline + "  "
        opening = "[" + inner
        for child in value:
            out.append(opening)
            _pretty(child, out, inner)
            opening = "," + inner
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None or kind is bool:
        out.append(_SCALARS[value])
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def write(declaration: Declaration) -> WriteResult:
    """Writer entry of the format registry: the CAD text and what it could not carry."""
    with collector.paused():
        return _write(declaration)


def _write(declaration: Declaration) -> WriteResult:
    document = to_document(declaration)
    issues: list[Issue] = []
    if declaration.direction != "import":
        issues.append(Issue.of("ca_cad_not_import", "/direction", target="CA"))
    issues.extend(_missing_required(declaration, document))
    issues.extend(_not_carried(declaration, document))
    return WriteResult(canonical_text(document), tuple(issues))


_NAMED_PARTIES = (("importer", "/importer/name"), ("broker", "/declarant/name"))
"""The header's party blocks, each requiring its name when written, and the name's pointer."""


def _party_names_missing(document: Doc) -> Iterator[tuple[str, str]]:
    """A header party written without the name the CAD requires of it (``cad_fields.csv``).

    A party the declaration gives with neither a name nor a number or address is written as
    an empty block, which the CAD refuses when it is read.
    """
    header = document.get("header") or {}
    for key, pointer in _NAMED_PARTIES:
        party = header.get(key)
        if party is not None and not party.get("name"):
            yield pointer, f"{key}/name"


def required_issues(
    declaration: Declaration, wanted: Callable[[str, str], bool] | None = None
) -> list[Issue]:
    """What the CAD requires of ``declaration`` and does not find (no output is written).

    The writer's ``ca_cad_value_missing`` issues, in its order, worked out without writing:
    the header's parties are read for their names (:func:`_header_names_missing`) and the
    lines, where they can be, one by one (:func:`_lines_missing`). Given ``wanted`` (see
    :func:`harmonized_customs.profiles.finding_filter`), a value whose code and pointer it
    refuses is not made an issue; it is asked once about each value, not necessarily in the
    issues' order (its answer must not depend on that order).
    """
    return [
        Issue.of(_MISSING, pointer, target="CA", field=field)
        for pointer, field in _required_missing(declaration, wanted)
    ]


def _required_missing(
    declaration: Declaration, wanted: Callable[[str, str], bool] | None
) -> list[tuple[str, str]]:
    """The (pointer, CAD field) of each value :func:`required_issues` reports, in order.

    The lines' values are asked about line by line; only when more than one of them is kept
    is the order of the sub-headers (:func:`_grouped`, which serialises each vendor) needed.
    """
    header = _asked(list(_header_names_missing(declaration)), wanted)
    lines = _lines_missing(declaration)
    if lines is None:  # which line leads its sub-header matters: grouped as written
        return header + _asked(_grouped_missing(declaration), wanted)
    kept = _asked(lines, wanted)
    if len(kept) > 1:
        order = {pair: position for position, pair in enumerate(_grouped_missing(declaration))}
        kept.sort(key=order.__getitem__)
    return header + kept


def _asked(
    pairs: list[tuple[str, str]], wanted: Callable[[str, str], bool] | None
) -> list[tuple[str, str]]:
    """The (pointer, field) pairs ``wanted`` accepts (all of them without it), in order."""
    if wanted is None:
        return pairs
    return [pair for pair in pairs if wanted(_MISSING, pair[0])]


def _header_names_missing(declaration: Declaration) -> Iterator[tuple[str, str]]:
    """:func:`_party_names_missing` of the header the writer makes of ``declaration``.

    :func:`_party_out` gives a block for every party given (an empty one at worst) and its
    name when the party has one: the block lacks a name exactly when the party does.
    """
    parties = (declaration.importer, declaration.declarant)
    for party, (key, pointer) in zip(parties, _NAMED_PARTIES, strict=True):
        if party is not None and not party.name:
            yield pointer, f"{key}/name"


def _grouped_missing(declaration: Declaration) -> list[tuple[str, str]]:
    """What the sub-headers lack (:func:`_each_missing`), each once, the lines grouped."""
    document = {"sub_headers": _required_sub_headers(declaration)}
    return list(dict.fromkeys(_each_missing(declaration, document)))


def _lines_missing(declaration: Declaration) -> list[tuple[str, str]] | None:
    """What :func:`_grouped_missing` gives, each once, in the lines' order, or None.

    Lines of one sub-header share their vendor's serialised form (so whether it is given and
    its name) and their origin (:func:`_group_key`), so each line lacks what its sub-header's
    first line lacks, and only the order of the values depends on the grouping. None when a
    line names its sub-header (lines of other vendors or origins may join it) or a vendor is
    given without a name (its pointer names the sub-header's first line), in a declaration
    of more than one line.
    """
    items = declaration.goods_items
    several = len(items) > 1
    index = {item.line_number: position for position, item in enumerate(items)}
    seller = declaration.seller
    found: dict[tuple[str, str], None] = {}
    for item in items:
        ca = item.national.ca
        if several and ca is not None and ca.sub_header is not None:
            return None
        vendor = item.seller or seller
        if vendor is None:
            found["/seller", "vendor"] = None
        elif not vendor.name:
            if several:
                return None
            found[_vendor_pointer(declaration, item.line_number, index), "vendor/name"] = None
        at = index[item.line_number]
        if item.origin_country is None:
            found[f"/goods_items/{at}/origin_country", "country_of_origin"] = None
        if item.classification.ca_tariff is None:
            found[f"/goods_items/{at}/classification/ca_tariff", "classification_number"] = None
    return list(found)


def _required_sub_headers(declaration: Declaration) -> list[Doc]:
    """The sub-headers as far as :func:`_each_missing` reads them, lines grouped as written.

    Whether the vendor is given and its name, whether the country of origin is (the CBSA code
    :func:`_cbsa_country` gives is None only for no country) and each line's required values:
    what ``_sub_headers(declaration, _line_required)`` gives of them (property-tested), without
    the rest of each sub-header. One line is one sub-header, whatever its key.
    """
    items = declaration.goods_items
    groups = list(_grouped(declaration).values()) if len(items) > 1 else [items]
    found: list[Doc] = []
    for lines in groups:
        if not lines:
            continue  # a declaration without lines: no sub-header
        first = lines[0]
        sub_header: Doc = {"lines": [_line_required(item) for item in lines]}
        vendor = first.seller or declaration.seller
        if vendor is not None:
            sub_header["vendor"] = {"name": vendor.name}
        if first.origin_country is not None:
            sub_header["country_of_origin"] = first.origin_country
        found.append(sub_header)
    return found


_MISSING = "ca_cad_value_missing"


def _missing_required(
    declaration: Declaration, document: Doc, wanted: Callable[[str, str], bool] | None = None
) -> list[Issue]:
    """Values the format requires and the declaration does not have, each once.

    Given ``wanted``, only those it accepts (asked once for each, in order) are made issues.
    """
    found = dict.fromkeys(_party_names_missing(document))  # the header's parties first
    found.update(dict.fromkeys(_each_missing(declaration, document)))  # each once, first met
    return [
        Issue.of(_MISSING, pointer, target="CA", field=field)
        for pointer, field in found
        if wanted is None or wanted(_MISSING, pointer)
    ]


def _each_missing(declaration: Declaration, document: Doc) -> Iterator[tuple[str, str]]:
    """The pointer and the CAD field of each required value ``document`` lacks, in order."""
    index = {item.line_number: i for i, item in enumerate(declaration.goods_items)}
    for sub_header in document["sub_headers"]:
        if "vendor" not in sub_header:
            yield "/seller", "vendor"
        elif not sub_header["vendor"].get("name"):
            first = sub_header["lines"][0]["line_number"]
            yield _vendor_pointer(declaration, first, index), "vendor/name"
        for line in sub_header["lines"] if "country_of_origin" not in sub_header else ():
            yield f"/goods_items/{index[line['line_number']]}/origin_country", "country_of_origin"
        for line in sub_header["lines"]:
            if "classification_number" not in line:
                pointer = f"/goods_items/{index[line['line_number']]}/classification/ca_tariff"
                yield pointer, "classification_number"


def _vendor_pointer(declaration: Declaration, line_number: int, index: dict[int, int]) -> str:
    """Where a sub-header's vendor comes from: its first line's seller, or the seller.

    ``line_number`` is that first line's number, ``index`` each line number's position.
    """
    first = index[line_number]
    if declaration.goods_items[first].seller is not None:
        return f"/goods_items/{first}/seller/name"
    return "/seller/name"


def _filled(declaration: Declaration, document: Doc) -> Doc:
    """A copy of ``document`` with stand-ins for missing required values, to read it back.

    Only what the stand-ins change is copied (the sub-headers, their vendors and lines).
    """
    filled: Doc = dict(document)
    filled["sub_headers"] = [_sub_header_copy(s) for s in document["sub_headers"]]
    by_line = {item.line_number: item for item in declaration.goods_items}
    for sub_header in filled["sub_headers"]:
        sub_header.setdefault("vendor", {"name": "-"})
        sub_header["vendor"].setdefault("name", "-")
        sub_header.setdefault("country_of_origin", "CA")
        for line in sub_header["lines"]:
            hs6 = by_line[line["line_number"]].classification.hs6
            line.setdefault("classification_number", hs6 + "0000")
    return filled


def _sub_header_copy(sub_header: Doc) -> Doc:
    copied = dict(sub_header)
    if "vendor" in copied:
        copied["vendor"] = dict(copied["vendor"])
    copied["lines"] = [dict(line) for line in sub_header["lines"]]
    return copied


def _not_carried(declaration: Declaration, document: Doc) -> Iterator[Issue]:
    """``value_not_carried`` for every value that does not come back when the CAD is read.

    The CAD is read back without validating it (:func:`read_back`); where the model could
    refuse what was written, the document is read back as :func:`read` would
    (:func:`_not_carried_validated`), so the issues are the same either way.
    """
    back = read_back(declaration, document)
    if back is None:
        yield from _not_carried_validated(declaration, document)
        return
    by_line = {item["line_number"]: item for item in back["goods_items"]}
    back["goods_items"] = [by_line.get(i.line_number, {}) for i in declaration.goods_items]
    lost = lost_against_model(declaration, back, ignore=_NOT_COMPARED)
    yield from not_carried_by(NAME, "CA").issues(lost)


def _not_carried_validated(declaration: Declaration, document: Doc) -> Iterator[Issue]:
    """:func:`_not_carried` by reading the CAD back into a validated declaration."""
    original = declaration.model_dump(mode="json", exclude_defaults=True)
    data, _ = to_core_data(_filled(declaration, document))
    try:
        back = Declaration.model_validate(data).model_dump(mode="json", exclude_defaults=True)
    except ValidationError:
        yield Issue.of("ca_cad_loss_not_listed", "", target="CA")
        return
    yield from _lost(original, back)


def _lost(original: Doc, back: Doc) -> list[Issue]:
    """The issues of the values of ``original`` (a dump) that ``back`` does not give."""
    by_line = {item["line_number"]: item for item in back.get("goods_items", [])}
    back["goods_items"] = [by_line.get(i["line_number"], {}) for i in original["goods_items"]]
    lost = lost_against(original, back, ignore=_NOT_COMPARED)
    return not_carried_by(NAME, "CA").issues(lost)


def read_back(declaration: Declaration, document: Doc) -> Doc | None:
    """What reading ``document`` (the CAD of ``declaration``) gives, as a model dump.

    The values :func:`to_core_data` maps, as validating and dumping them would give them:
    every one comes from a value of the model (or from a code table), so only a zero amount
    written with a sign changes (the model drops the sign). None when the model would refuse
    the document: a sub-header number beyond the CAD's 999.
    """
    if any(not 1 <= s["number"] <= _MAX_SUB_HEADER for s in document["sub_headers"]):
        return None
    data, _ = to_core_data(_filled(declaration, document))
    _unsigned_zeros(data)
    return data


_MAX_SUB_HEADER = 999


def _unsigned_zeros(data: Doc) -> None:
    """Drop the sign of each zero amount read back (``-0.00`` is read as ``0.00``)."""
    for item in data["goods_items"]:
        _unsigned(item["value"], "amount")
        for value in item.get("customs_values", ()):
            _unsigned(value["amount"], "amount")
        _unsigned_all(item["national"]["ca"], _LINE_AMOUNTS)
    ca = data["national"]["ca"]
    for sub_header in ca["sub_headers"]:
        _unsigned(sub_header, "freight")
    if "totals" in ca:
        ca["totals"] = dict(ca["totals"])  # the written document's own, left as it is
        _unsigned_all(ca["totals"], tuple(ca["totals"]))
    freight = data["valuation"].get("freight")
    if freight is not None:
        _unsigned(freight, "amount")


_LINE_AMOUNTS = ("customs_duties", "sima_assessment", "excise_tax", "value_for_tax", "gst")
"""The amounts of a line's CA data (its rates are quantities, which keep their sign)."""


def _unsigned_all(values: Doc, keys: tuple[str, ...]) -> None:
    for key in keys:
        _unsigned(values, key)


def _unsigned(values: Doc, key: str) -> None:
    text = values.get(key)
    if type(text) is str and text.startswith("-") and not text.strip("-0."):
        values[key] = text[1:]


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="CA",
        media_type="application/json",
        description=(
            "CBSA commercial accounting declaration (CAD): the library's documented JSON "
            "rendering of the public CAD/B3 data elements, with a JSON Schema."
        ),
        reader=read,
        writer=write,
        sniffer=_sniff,
        extensions=(".cad.json", ".json"),
    )
)

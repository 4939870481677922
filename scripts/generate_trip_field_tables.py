"""Generate the field tables of the ACE and ACI trip format pages from the wire schemas.

Each row is one leaf of the wire JSON Schema (``countries/us/data/ace/ace_trip.schema.json``,
``countries/ca/data/aci/aci_trip.schema.json``): its wire pointer, the core-trip pointer the
reader fills (from the reader's ``POINTERS`` map, the fields the shared person, party and plate
records carry below it), the WCO Data Model ID of that core element, whether the schema
requires it (when its parent is present), and its type, length and pattern. The table sits
between two markers in ``docs/formats/<format>.md``; the rest of the page is written by hand.
A test fails when a committed table differs from what this script generates. Run::

    python scripts/generate_trip_field_tables.py
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import harmonized_customs as hc
from harmonized_customs.cargo_io import PointerMap
from harmonized_customs.countries.ca import aci_emanifest_read
from harmonized_customs.countries.us import ace_emanifest_read
from harmonized_customs.model import CargoReport
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.rules import Rule, rules_for

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = "scripts/generate_trip_field_tables.py"

RECORD_FIELDS = {
    "number": "number",
    "stateProvince": "subdivision",
    "type": "type",
    "country": "country",
    "name": "name",
    "address": "address",
    "addressLine": "lines/0",
    "city": "city",
    "cityName": "city",
    "postalCode": "postal_code",
    "firstName": "first_name",
    "lastName": "last_name",
    "gender": "gender",
    "dateOfBirth": "date_of_birth",
    "citizenshipCountry": "citizenship",
    "fastCardNumber": "fast_card",
    "travelDocuments": "travel_documents",
}
"""Wire member -> core member in the records ``cargo_io`` reads for both formats."""

ENVELOPE = "filer setting, not part of the trip"

NOTES: dict[str, dict[str, str]] = {
    "us-ace-emanifest-json": {
        "/data": "`ACE_TRIP`",
        "/sendId": ENVELOPE,
        "/companyKey": ENVELOPE,
        "/operation": ENVELOPE,
        "/autoSend": ENVELOPE,
        "/tripNumber": "SCAC + 4-21 characters; its first 4 characters are read as `/carrier/scac`",
        "/estimatedArrivalDateTime": "local time at the port, `YYYY-MM-DD HH:MM:SS`",
        "/usPortOfArrival": "CBP port code (Schedule D)",
        "/passengers/*/firstName": "passengers follow the drivers in `/crew`",
        "/shipments/*/data": "`ACE_SHIPMENT`",
        "/shipments/*/shipmentControlNumber": "SCN (PAPS): SCAC + 4-12 characters",
        "/shipments/*/provinceOfLoading": "state or province code; also gives the country",
        "/shipments/*/commodities/*/weightUnit": "`L`/`LB`/`LBS` -> `LBR`, `K`/`KG` -> `KGM`",
        "/shipments/*/commodities/*/value": "read as US dollars",
    },
    "ca-aci-emanifest-json": {
        "/data": "`ACI_TRIP`",
        "/sendId": ENVELOPE,
        "/companyKey": ENVELOPE,
        "/operation": ENVELOPE,
        "/autoSend": ENVELOPE,
        "/tripNumber": "carrier code + reference; its first 4 characters are read as "
        "`/carrier/ca_carrier_code`",
        "/portOfEntry": "CBSA office of first arrival",
        "/estimatedArrivalDateTime": "local time at the port, `YYYY-MM-DD HH:MM:SS`",
        "/drivers/*/firstName": "drivers are optional for CSA/FAST carriers",
        "/passengers/*/firstName": "passengers follow the drivers in `/crew`",
        "/shipments/*/data": "`ACI_SHIPMENT`",
        "/shipments/*/cargoControlNumber": "CCN: carrier code + reference (PARS number)",
        "/shipments/*/consolidatedFreight": "not read",
        "/shipments/*/portOfEntry": "written from the trip's Canadian crossing",
        "/shipments/*/estimatedArrivalDate": "written from the trip's Canadian crossing",
        "/shipments/*/deliveryDestinations/*/name": "not read (the core trip has no "
        "delivery destinations besides the consignee)",
        "/shipments/*/commodities/*/description": "at most 450 characters",
        "/shipments/*/commodities/*/weight": "a decimal number as text",
    },
}


@dataclass(frozen=True)
class Page:
    """A format page and where its table comes from."""

    format_name: str
    schema: str
    pointers: PointerMap
    target: str

    @property
    def path(self) -> Path:
        """The page's file."""
        return ROOT / "docs" / "formats" / f"{self.format_name}.md"


PAGES = (
    Page(
        "us-ace-emanifest-json",
        "src/harmonized_customs/countries/us/data/ace/ace_trip.schema.json",
        ace_emanifest_read.POINTERS,
        "US",
    ),
    Page(
        "ca-aci-emanifest-json",
        "src/harmonized_customs/countries/ca/data/aci/aci_trip.schema.json",
        aci_emanifest_read.POINTERS,
        "CA",
    ),
)


def leaves(
    schema: Mapping[str, Any], pointer: str = "", required: bool = True
) -> Iterator[tuple[str, bool, Mapping[str, Any]]]:
    """``(wire pointer, required, schema)`` of every leaf; ``*`` stands for an array index."""
    if "properties" in schema:
        for name, child in schema["properties"].items():
            yield from leaves(child, f"{pointer}/{name}", name in schema.get("required", []))
    elif schema.get("type") == "array":
        items = schema["items"]
        yield from leaves(items, f"{pointer}/*", required and "properties" not in items)
    else:
        yield pointer, required, schema


def core_pointer(wire: str, pointers: PointerMap) -> str | None:
    """The core pointer the reader fills from ``wire``, or ``None`` when it is not read."""
    parts = wire.split("/")[1:]
    for template, target in pointers.pairs:
        shape = template.split("/")[1:]
        if shape == parts[: len(shape)]:
            rest = [RECORD_FIELDS.get(p, "*" if p == "*" else "") for p in parts[len(shape) :]]
            return None if "" in rest else "/".join([target, *rest])
    return None


def describe(schema: Mapping[str, Any]) -> str:
    """Type, length and pattern of a wire leaf."""
    if "const" in schema:
        return f"constant `{schema['const']}`"
    text = str(schema.get("type", ""))
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None and low == high:
        text += f", {low}"
    elif high is not None:
        text += f", {low or 0}-{high}"
    if "minimum" in schema:
        text += f", >= {schema['minimum']}"
    if "pattern" in schema:
        text += f", `{schema['pattern']}`"
    return text.replace("|", "\\|")


def row(page: Page, wire: str, required: bool, schema: Mapping[str, Any]) -> str:
    """One table row."""
    core = core_pointer(wire, page.pointers)
    wco = wco_id_for_pointer(core.replace("*", "0"), CargoReport) if core else None
    note = NOTES[page.format_name].get(wire, "" if core else "not read")
    cells = (
        f"`{wire}`",
        f"`{core}`" if core else "—",
        wco or "",
        "yes" if required else "",
        describe(schema),
        note,
    )
    return "| " + " | ".join(cells) + " |"


def table(page: Page) -> str:
    """The field table of one page."""
    schema = json.loads((ROOT / page.schema).read_text(encoding="utf-8"))
    header = [
        "| wire field | core trip | WCO ID | required | wire form | notes |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join(header + [row(page, *leaf) for leaf in leaves(schema)])


def _rule_row(each: Rule) -> str:
    node = f"`/{each.selector}`" if each.selector else "the trip"
    roles = ", ".join(sorted(each.roles))
    return f"| `{each.name}` | {node} | {each.doc} | {roles} |"


def rules_table(page: Page) -> str:
    """The trip rules run when checking the page's country (core rules first)."""
    hc.jurisdictions()  # discovery registers every rule
    found = rules_for("cargo-report", None) + rules_for("cargo-report", page.target)
    header = ["| rule | applies to | checks | filings |", "|---|---|---|---|"]
    return "\n".join(header + [_rule_row(each) for each in found])


def replace_block(text: str, name: str, body: str) -> str:
    """``text`` with the generated block ``name`` holding ``body``."""
    start, end = f"<!-- {name}:start ({GENERATOR}) -->", f"<!-- {name}:end -->"
    head, found, rest = text.partition(start)
    if not found:
        raise ValueError(f"no {start} in the page")
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n\n{body}\n\n{end}{tail}"


def render(page: Page) -> str:
    """The page's text with its generated blocks replaced."""
    text = page.path.read_text(encoding="utf-8")
    text = replace_block(text, "field-table", table(page))
    return replace_block(text, "rules", rules_table(page))


def main() -> None:
    """Rewrite the generated blocks of both pages."""
    for page in PAGES:
        page.path.write_text(render(page), encoding="utf-8")


if __name__ == "__main__":
    main()

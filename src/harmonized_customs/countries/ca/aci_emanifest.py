"""``ca-aci-emanifest-json``: the ACI highway eManifest trip as the ACI_TRIP JSON document.

A highway carrier bound for Canada transmits its cargo and conveyance data to CBSA so that
they are received and validated at least one hour before the truck reaches the first port of
arrival (CBSA Memorandum D3-4-2; amendments do not restart the clock). CBSA's EDI message maps
(ECCRD) are given to its trade partners only; the document here is the public JSON contract in
use by carriers (ACI_TRIP with its ACI_SHIPMENT objects), as the BorderConnect JSON reference
manual 1.0.6 describes it field by field. Its structure, lengths and patterns are in
``data/aci/aci_trip.schema.json`` (with its ``.meta.json``).

One document is one trip: the truck with its single licence plate, trailers, drivers (optional
for CSA/FAST carriers), the CBSA office of first arrival and estimated arrival, and shipments
with their cargo control number (CCN: carrier code + reference; the PARS number for PARS
shipments), type, offices of entry and release, city of loading, shipper, consignee, delivery
destinations and commodities (description of at most 450 characters; no HS code, value or
origin). Reading checks the document against the schema (each problem located by line, column
and wire pointer) and builds a :class:`~harmonized_customs.model.CargoReport`; writing reports
every value of the trip the document cannot carry (``value_not_carried``).

More information:

* https://cbsa-asfc.gc.ca/publications/dm-md/d3/d3-4-2-eng.html (Memorandum D3-4-2)
* https://www.cbsa-asfc.gc.ca/services/carrier-transporteur/pre-arriv-eng.html (timing)
* https://borderconnect.com/borderconnect/api/index.htm (JSON reference manual 1.0.6)
"""

from __future__ import annotations

from harmonized_customs.countries.ca.aci_emanifest_read import read
from harmonized_customs.countries.ca.aci_emanifest_write import NAME, dumps, write
from harmonized_customs.countries.ca.sniff import aci_emanifest as _sniff
from harmonized_customs.format_registry import Format, register_format

__all__ = ["FORMAT", "NAME", "dumps", "read", "write"]

FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="CA",
        media_type="application/json",
        description="CBSA ACI highway eManifest trip (ACI_TRIP JSON, public contract 1.0.6).",
        reader=read,
        writer=write,
        sniffer=_sniff,
        kind="cargo-report",
        extensions=(".aci.json", ".json"),
    )
)

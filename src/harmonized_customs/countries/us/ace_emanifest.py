"""``us-ace-emanifest-json``: the ACE truck e-Manifest trip as the ACE_TRIP JSON document.

CBP requires the carrier of a truck bound for the United States to send its manifest (19 CFR
123.92: conveyance and equipment, carrier SCAC, trip and shipment control numbers, seals,
foreign place of loading, scheduled arrival at the first port, quantities in the lowest
external packaging unit, weight, and a precise description or the HTS number to 6 digits)
through ACE at least one hour before the truck reaches the port, or 30 minutes for a FAST
trip. CBP's own ANSI X12 309/358 guides are given only to ACE participants; the document here
is the public JSON contract in use by carriers (ACE_TRIP with its ACE_SHIPMENT objects), as
the BorderConnect JSON reference manual 1.0.7 describes it field by field. Its structure,
lengths and patterns are in ``data/ace/ace_trip.schema.json`` (with its ``.meta.json``).

One document is one trip: truck, trailers, drivers and passengers, the US port and estimated
arrival, and the shipments with their shipment control number (SCN, the PAPS number: SCAC +
4-12 characters), shipper, consignee, province of loading and commodities. Reading checks the
document against the schema (each problem located by line, column and wire pointer) and builds
a :class:`~harmonized_customs.model.CargoReport`; writing reports every value of the trip the
document cannot carry (``value_not_carried``).

More information:

* https://www.ecfr.gov/current/title-19/chapter-I/part-123/subpart-J/section-123.92
* https://www.cbp.gov/trade/ace/e-manifest-truck-carriers (ACE truck manifest)
* https://www.borderconnect.com/emanifest-api/index.htm (JSON reference manual 1.0.7)
"""

from __future__ import annotations

from harmonized_customs.countries.us.ace_emanifest_read import read
from harmonized_customs.countries.us.ace_emanifest_write import NAME, dumps, write
from harmonized_customs.countries.us.sniff import ace_emanifest as _sniff
from harmonized_customs.format_registry import Format, register_format

__all__ = ["FORMAT", "NAME", "dumps", "read", "write"]

FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="US",
        media_type="application/json",
        description="CBP ACE truck e-Manifest trip (ACE_TRIP JSON, public contract 1.0.7).",
        reader=read,
        writer=write,
        sniffer=_sniff,
        kind="cargo-report",
        extensions=(".ace.json", ".json"),
    )
)

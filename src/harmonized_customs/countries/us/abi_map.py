"""How the records of ``us-abi-ae`` meet the core model: the facts its reader and writer share.

Which records map into the core model, where the values of the header and line records land,
the order CBP wants a line's HTS numbers in (CSMS #18-000657: Chapter 98, Chapter 99, then
Chapter 1-97) and the SPI of a USMCA claim (19 CFR 182.11(b): S or S+). The reader is
:mod:`~harmonized_customs.countries.us.abi_read`, the writer
:mod:`~harmonized_customs.countries.us.abi_write`; the format is registered in
:mod:`~harmonized_customs.countries.us.abi_ae`.
"""

from __future__ import annotations

import functools
import textwrap

__all__ = [
    "BILL_ORDER",
    "DOCUMENT_KINDS",
    "HEADER_POINTERS",
    "IMPORTER_SCHEMES",
    "KIND_TO_COMPONENT",
    "LINE_POINTERS",
    "MAPPED",
    "NAME",
    "TARIFF_SUBRECORDS",
    "USMCA_SPI",
    "description_chunks",
    "hts_rank",
]


NAME = "us-abi-ae"
"""The format's name in the registry."""
USMCA_SPI = ("S", "S+")
BILL_ORDER = "IMHS"
DOCUMENT_KINDS = {"M": "master-bill", "H": "house-bill"}
KIND_TO_COMPONENT = {
    "master-bill": "M",
    "bill-of-lading": "M",
    "air-waybill": "M",
    "house-bill": "H",
    "house-air-waybill": "H",
}
IMPORTER_SCHEMES = ("us-ein", "us-cbp-assigned", "us-ssn")
TARIFF_SUBRECORDS = {
    "51": "visas",
    "52": "licenses",
    "53": "adcvd_cases",
    "54": "additional_declarations",
    "60": "taxes",
    "61": "other_revenue",
    "62": "fees",
}
HEADER_POINTERS = {
    "filer_code": "/national/us/entry_number",
    "entry_number": "/national/us/entry_number",
    "port_of_entry": "/national/us/port_of_entry",
    "broker_reference": "/trader_reference",
    "entry_type": "/national/us/entry_type",
    "mode": "/national/us/mode_code",
    "import_date": "/arrival_date",
}
LINE_POINTERS = {
    "line_id": "/line_number",
    "origin_country": "/origin_country",
    "export_country": "/national/us/country_of_export",
    "export_date": "/national/us/export_date",
    "spi": "/national/us/spi",
    "charges": "/national/us/charges",
    "gross_weight": "/gross_weight_kg",
    "description": "/description",
}


MAPPED = frozenset(
    {"A", "B", "Y", "Z", "10", "11", "20", "22", "23", "31", "40", "42", "44", "47", "50"}
    | {"51", "52", "53", "54", "60", "61", "62", "89", "90"}
)
"""Records this module maps into the core model. A record an edition defines but that is not
here (a layout added in a later edition) is kept verbatim and reported, never misread."""


def hts_rank(hts: str) -> int:
    """CBP's reporting order of an HTS number on a line: Chapter 98, Chapter 99, then 1-97."""
    return {"98": 0, "99": 1}.get(hts[:2], 2)


def description_chunks(description: str) -> list[str]:
    """The texts of the 44 records of a description: its lines wrapped at 70 columns."""
    return list(_chunks(description))


@functools.lru_cache(maxsize=4096)
def _chunks(description: str) -> tuple[str, ...]:
    """:func:`description_chunks`, remembered (a writer wraps a text, then reads it back)."""
    chunks: list[str] = []
    for part in description.split("\n"):
        words = _plain_words(part)
        if words is not None:
            chunks.extend(_packed(words))  # what wrapping gives, without its machinery
            continue
        chunks.extend(
            textwrap.wrap(part, _WIDTH, break_long_words=True, break_on_hyphens=False) or [""]
        )
    return tuple(chunks)


_WIDTH = 70


def _plain_words(part: str) -> list[str] | None:
    """The words of ``part`` when they are separated by single spaces and each fits a line."""
    if not part or not part.isprintable() or part[0] == " " or part[-1] == " " or "  " in part:
        return None
    words = part.split(" ")
    return words if max(map(len, words)) <= _WIDTH else None


def _packed(words: list[str]) -> list[str]:
    """Lines of as many words as fit, one space apart (greedy, as ``textwrap`` wraps them)."""
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= _WIDTH:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines

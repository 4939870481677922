"""The flat reading of a CFDI indexes repeated elements while it walks the tree."""

from __future__ import annotations

import re

from lxml import etree

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_xml import Parsed, flatten

from . import samples

CONCEPTOS = f"{m.C}/cfdi:Conceptos/cfdi:Concepto"
MERCANCIAS = f"{m.CE}/cce20:Mercancias/cce20:Mercancia"


def _indexes_in_values(parsed: Parsed, base: str) -> list[int]:
    """The indexes ``n`` of ``base[n]`` that some value path goes through."""
    pattern = re.compile(re.escape(base) + r"\[([0-9]+)\]/")
    return sorted({int(g.group(1)) for k in parsed.values if (g := pattern.match(k))})


def test_repeats_are_the_indexes_of_the_values() -> None:
    parsed = flatten(etree.fromstring((samples.DATA / "full.xml").read_bytes()), None)
    assert parsed.repeats[CONCEPTOS] == [1, 2]
    assert parsed.repeats[MERCANCIAS] == [1, 2]
    for base, found in parsed.repeats.items():
        assert found == _indexes_in_values(parsed, base)


def test_a_repeated_element_holding_no_value_is_not_indexed() -> None:
    root = etree.fromstring((samples.DATA / "full.xml").read_bytes())
    first = root.find(".//{http://www.sat.gob.mx/cfd/4}Concepto")
    assert first is not None
    for name in list(first.attrib):
        del first.attrib[name]
    for child in list(first):
        first.remove(child)
    parsed = flatten(root, None)
    assert parsed.repeats[CONCEPTOS] == [2]
    assert _indexes_in_values(parsed, CONCEPTOS) == [2]
    missing = [i for i in parsed.issues if i.code == "mx_cfdi_attribute_missing"]
    assert missing
    assert {i.source.xpath if i.source else None for i in missing} == {f"{CONCEPTOS}[1]"}

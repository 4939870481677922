"""The paths to write are indexed once: every element path above a value, every repeat index."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.countries.mx.cfdi_xml import _Indexed

C = "/cfdi:Comprobante"
CONCEPTO = f"{C}/cfdi:Conceptos/cfdi:Concepto"


def test_every_element_above_a_value_is_a_branch() -> None:
    indexed = _Indexed({f"{CONCEPTO}[2]/cfdi:Impuestos/@X": "1", f"{C}/@Folio": "9"})
    assert indexed.branches == {
        C,
        f"{C}/cfdi:Conceptos",
        f"{CONCEPTO}[2]",
        f"{CONCEPTO}[2]/cfdi:Impuestos",
    }


def test_repeats_gather_the_indexes_of_each_repeated_element() -> None:
    values = {f"{CONCEPTO}[{n}]/@Importe": "1" for n in (3, 1, 3)}
    values[f"{CONCEPTO}[7]/cfdi:Parte[2]/@Cantidad"] = "2"
    indexed = _Indexed(values)
    assert indexed.repeats == {CONCEPTO: {1, 3, 7}, f"{CONCEPTO}[7]/cfdi:Parte": {2}}


def test_a_relative_path_does_not_count_its_first_step() -> None:
    assert _Indexed({"a/b[1]/@x": "1"}).branches == {"a/b[1]"}


_STEP = re.compile(r"\[([0-9]+)\]$")
"""The repeat index of a branch, as a pattern: the reference for the index kept."""


def _repeats_by_pattern(branches: set[str]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for branch in branches:
        step = _STEP.search(branch)
        if step:
            found.setdefault(branch[: step.start()], set()).add(int(step.group(1)))
    return found


_STEPS = st.sampled_from(["a", "b[1]", "b[12]", "c[x]", "d[1][2]", "e[", "f]", "g[\u0663]", "[3]"])


@given(st.lists(st.lists(_STEPS, min_size=1, max_size=4).map("/".join), max_size=6))
def test_repeats_are_the_indexes_a_pattern_reads(elements: list[str]) -> None:
    indexed = _Indexed({f"/{element}/@x": "1" for element in elements})
    assert indexed.repeats == _repeats_by_pattern(indexed.branches)

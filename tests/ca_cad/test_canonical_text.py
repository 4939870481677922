"""The CAD's canonical text is the standard library's two-space indented JSON, byte for byte."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.countries.ca.cad import canonical_text

_SCALARS = st.none() | st.booleans() | st.integers() | st.text()
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(_JSON)
def test_canonical_text_is_json_dumps_indented(document: Any) -> None:
    expected = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert canonical_text(document) == expected


def test_canonical_text_keeps_empty_blocks_and_escapes() -> None:
    document = {"a": {}, "b": [], "c": ['é"\\\n\x00\u2028', None, True, -3]}
    expected = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert canonical_text(document) == expected

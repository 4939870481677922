"""The 44 records of a description: its lines wrapped at 70 columns, words kept whole."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from harmonized_customs.countries.us.abi_map import description_chunks

_PIECES = st.sampled_from([" ", "  ", "\t", "\n", "-", "a", "bolts", "é", "x" * 69, "y" * 71])


def _wrapped(description: str) -> list[str]:
    chunks: list[str] = []
    for part in description.split("\n"):
        wrapped = textwrap.wrap(part, 70, break_long_words=True, break_on_hyphens=False)
        chunks.extend(wrapped or [""])
    return chunks


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_a_description_is_wrapped_as_textwrap_wraps_it(description: str) -> None:
    assert description_chunks(description) == _wrapped(description)


def test_words_are_packed_up_to_70_columns() -> None:
    words = ["w" * 30, "x" * 30, "y" * 8, "z" * 10]
    assert description_chunks(" ".join(words)) == [" ".join(words[:3]), words[3]]

"""The shipped datasets' rows: the filter of their ``only`` columns and the lazy index."""

from __future__ import annotations

import dataclasses
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.refdata.packaged import (
    LazyIndex,
    PackagedDataset,
    _cell,
    _kept,
    packaged_datasets,
)

_CELLS = st.sampled_from(["", "6", "4", "x"])
_CONDITIONS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 5)),
        st.one_of(st.none(), _CELLS, st.just(6)),
    ),
    max_size=3,
)


def _cell_by_cell(rows: list[list[str]], only: list[tuple[int | None, Any]]) -> list[list[str]]:
    """The filter written out: a row is kept when it is not blank and every cell matches."""
    return [row for row in rows if row and all(_cell(row, p) == v for p, v in only)]


@given(rows=st.lists(st.lists(_CELLS, max_size=6), max_size=20), only=_CONDITIONS)
def test_kept_rows_are_those_of_the_cell_by_cell_filter(
    rows: list[list[str]], only: list[tuple[int | None, Any]]
) -> None:
    assert list(_kept(iter(rows), only)) == _cell_by_cell(rows, only)


def test_a_shipped_files_index_lists_its_codes_in_file_order() -> None:
    for shipped in packaged_datasets():
        codes = list(dict.fromkeys(entry.code for entry in shipped.entries()))
        assert list(shipped.index()) == codes


def _parsed_whole(shipped: PackagedDataset) -> LazyIndex[Any]:
    """The index as made by parsing the whole file (the list of located rows set aside)."""
    with mock.patch.object(PackagedDataset, "_located_index", return_value=None):
        return shipped.index()


def test_an_index_from_located_rows_is_the_index_of_the_whole_file() -> None:
    for shipped in packaged_datasets():
        located = shipped._located_index()
        if located is None:
            continue
        whole = _parsed_whole(shipped)
        assert list(located) == list(whole)
        assert {code: located[code] for code in located} == {code: whole[code] for code in whole}


def test_a_list_of_located_rows_made_for_another_filter_is_not_used() -> None:
    [hs] = [shipped for shipped in packaged_datasets() if shipped.stem == "hs2022"]
    assert hs._located_index() is not None
    other = dataclasses.replace(hs, only={"level": "4"})
    assert other._located_index() is None
    assert list(other.index()) == list(_parsed_whole(other))

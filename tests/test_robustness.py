"""Junk input at every entry point: issues or documented exceptions, never anything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import harmonized_customs as hc
from harmonized_customs.cli import EXIT_UNREADABLE, main
from harmonized_customs.issues import get_issue_code

JUNK: list[bytes] = [
    b"",
    b"\x00" * 10,
    b"{",
    b"[]",
    b"[1, 2]",
    b"null",
    b'{"goods_items": "many"}',
    b'{"direction": "import", "goods_items": [{}]}',
    '{"direction": "import", "goods_items": [{"description": "\U0001f4e6"}]}'.encode(),
    b'{"goods_items": []}' + b" " * 10000,
    b'\xef\xbb\xbf{"goods_items": [null]}',
    b'{"direction": "import", "goods_items": [{"line_number": 1e400}]}',
]


def _assert_registered(results: list[hc.ReadResult]) -> None:
    for result in results:
        for issue in result.issues:
            assert get_issue_code(issue.code)
            assert issue.pointer == "" or issue.pointer.startswith("/")


@pytest.mark.parametrize("data", JUNK)
def test_read_returns_registered_issues_for_junk(data: bytes) -> None:
    results = list(hc.read(data, format="core-json"))
    _assert_registered(results)
    assert all(r.declaration is None for r in results)


@pytest.mark.parametrize("data", JUNK)
def test_load_raises_only_input_error(data: bytes) -> None:
    with pytest.raises((hc.InputError, hc.UsageError)):
        hc.load(data, format="core-json")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_escape(data: bytes) -> None:
    _assert_registered(list(hc.read(data, format="core-json")))


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["direction", "goods_items", "importer", "x"]), children, max_size=4
            )
        ),
        max_leaves=20,
    )
)
def test_arbitrary_json_never_escapes(value: object) -> None:
    _assert_registered(list(hc.read(json.dumps(value).encode(), format="core-json")))


@pytest.mark.parametrize("value", [None, 42, 3.5, object()])
def test_wrong_argument_types_are_usage_errors(value: object) -> None:
    with pytest.raises(hc.UsageError):
        list(hc.read(value))  # type: ignore[arg-type]


def test_check_rejects_what_is_not_a_declaration() -> None:
    with pytest.raises(hc.UsageError):
        hc.check({"direction": "import"})


def test_directory_is_reported_not_raised(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path)]) == EXIT_UNREADABLE

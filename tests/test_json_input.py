"""The one JSON reader of core-json and ca-cad: decoding, bounds and locations on demand."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs import core_json
from harmonized_customs.countries.ca import cad
from harmonized_customs.errors import InputError
from harmonized_customs.format_registry import Reader
from harmonized_customs.json_input import MAX_DEPTH, JsonText, read_json

READERS = [core_json.read, cad.read]

TEXT = '{\n  "a": [\n    1,\n    {"b~c": {"d/e": true}}\n  ],\n  "f": "x"\n}\n'


def _where(text: str, pointer: str) -> tuple[int | None, int | None]:
    location = JsonText(text).at(pointer)
    return location.line, location.column


def test_pointer_is_located_at_its_key_or_element() -> None:
    assert _where(TEXT, "") == (1, 1)
    assert _where(TEXT, "/a") == (2, 3)
    assert _where(TEXT, "/a/0") == (3, 5)
    assert _where(TEXT, "/a/1") == (4, 5)
    assert _where(TEXT, "/a/1/b~0c/d~1e") == (4, 14)
    assert _where(TEXT, "/f") == (6, 3)


def test_absent_pointer_is_located_at_its_nearest_enclosing_value() -> None:
    assert _where(TEXT, "/a/1/missing") == (4, 5)
    assert _where(TEXT, "/a/7") == (2, 3)
    assert _where(TEXT, "/f/0") == (6, 3)


def test_elements_give_the_text_of_each_array_member() -> None:
    source = JsonText(' [ {"a": 1} ,\n"b", [2, 3] ] ')
    assert list(source.elements()) == ['{"a": 1}', '"b"', "[2, 3]"]


def test_byte_order_mark_is_accepted() -> None:
    assert read_json(b'\xef\xbb\xbf{"a": 1}').value == {"a": 1}


def test_non_utf8_is_input_unreadable_at_its_line() -> None:
    problem = read_json(b'{\n"a": "\xff"}', "x.json").problem
    assert problem is not None
    assert (problem.code, problem.source and problem.source.line) == ("input_unreadable", 2)


@pytest.mark.parametrize("read", READERS, ids=["core-json", "ca-cad"])
def test_deep_nesting_is_a_located_issue(read: Reader) -> None:
    depth = 100_000
    (result,) = read(b"[" * depth + b"]" * depth, "deep.json")
    (issue,) = result.issues
    assert (issue.code, issue.ctx) == ("json_too_deep", {"limit": MAX_DEPTH})
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == (1, MAX_DEPTH + 1)


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "[" * MAX_DEPTH + '"]]]"' + "]" * MAX_DEPTH
    assert read_json(text.encode()).problem is None
    assert read_json(("[" + text + "]").encode()).problem is not None


def test_deep_nesting_makes_load_raise_input_error() -> None:
    with pytest.raises(InputError):
        hc.loads(b'{"goods_items": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "core-json")


@pytest.mark.parametrize("read", READERS, ids=["core-json", "ca-cad"])
def test_integer_beyond_the_conversion_limit_is_a_located_issue(read: Reader) -> None:
    limit = sys.get_int_max_str_digits()
    digits = "1" * (limit + 1)
    (result,) = read(f'{{"text": "{digits}",\n "n": {digits}}}'.encode(), "big.json")
    (issue,) = result.issues
    assert (issue.code, issue.ctx) == ("json_number_too_long", {"limit": limit})
    assert issue.source is not None
    assert (issue.source.line, issue.source.column) == (2, 7)


def test_error_in_a_later_declaration_of_an_array_is_located_in_it() -> None:
    example = _example()
    broken = _example()
    broken["goods_items"][0]["classification"]["hs6"] = "8471"
    text = json.dumps([example, example, broken], indent=2)
    results = list(core_json.read(text.encode()))
    assert [r.declaration is not None for r in results] == [True, True, False]
    (issue,) = results[2].issues
    assert issue.pointer == "/goods_items/0/classification/hs6"
    assert issue.source is not None
    line = text.splitlines()[(issue.source.line or 0) - 1]
    assert line.strip() == '"hs6": "8471",'


def _example() -> Any:
    path = Path(__file__).resolve().parent.parent / "examples" / "complete-us-import.json"
    return json.loads(path.read_text(encoding="utf-8"))

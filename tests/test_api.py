"""The public API: load, loads, load_all, read, dump, formats and their errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import harmonized_customs as hc

MINIMAL = {
    "direction": "import",
    "goods_items": [
        {
            "line_number": 1,
            "description": "Steel bolts",
            "classification": {"hs6": "731815"},
            "origin_country": "US",
            "value": {"amount": "100.00", "currency": "USD"},
        }
    ],
}


def test_public_names_are_exported() -> None:
    for name in ("Declaration", "load", "dump", "formats", "read", "load_all", "Issue"):
        assert hasattr(hc, name), name


def test_load_path_bytes_and_file_object(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    from_path = hc.load(path)
    from_str_path = hc.load(str(path))
    from_bytes = hc.load(path.read_bytes())
    from_file = hc.load(io.BytesIO(path.read_bytes()))
    assert from_path == from_str_path == from_bytes == from_file
    assert from_path.goods_items[0].classification.hs6 == "731815"


def test_load_raises_input_error_with_report() -> None:
    with pytest.raises(hc.InputError) as exc:
        hc.loads('{"direction": "sideways", "goods_items": []}')
    codes = {issue.code for issue in exc.value.report}
    assert codes == {"code_not_allowed", "value_too_short"}


def test_load_refuses_several_declarations() -> None:
    with pytest.raises(hc.UsageError):
        hc.loads(json.dumps([MINIMAL, MINIMAL]))


def test_load_all_yields_each_declaration() -> None:
    declarations = list(hc.load_all(json.dumps([MINIMAL, MINIMAL]).encode()))
    assert len(declarations) == 2


def test_read_never_raises_for_bad_data() -> None:
    results = list(hc.read(b"\x00\x01garbage"))
    assert len(results) == 1
    assert results[0].declaration is None
    assert results[0].issues[0].code == "format_not_recognised"


def test_read_respects_the_size_limit() -> None:
    results = list(hc.read(json.dumps(MINIMAL).encode(), max_size=10))
    assert results[0].issues[0].code == "input_too_large"


def test_unknown_format_is_a_programmer_error() -> None:
    with pytest.raises(hc.UnknownFormatError):
        hc.loads(json.dumps(MINIMAL), format="no-such-format")


def test_dump_needs_a_declaration() -> None:
    with pytest.raises(hc.UsageError):
        hc.dump({"direction": "import"}, "core-json")


def test_dump_then_load_is_identity() -> None:
    declaration = hc.loads(json.dumps(MINIMAL))
    text = hc.dump(declaration)
    assert isinstance(text, str)
    assert hc.loads(text) == declaration


def test_formats_describe_themselves() -> None:
    described = {f.name: f.to_dict() for f in hc.formats()}
    assert described["core-json"]["direction"] == "read/write"
    assert described["core-json"]["media_type"] == "application/json"

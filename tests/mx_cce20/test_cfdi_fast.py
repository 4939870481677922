"""The one-pass CFDI reading gives what the general reading gives, or leaves the file to it.

Every comprobante of the test data, CFDIs written from drawn declarations and mutations of
them (attributes dropped, changed or added, elements repeated or removed) are read twice:
as ``read_cce`` reads them, and with the one-pass reading turned off. The declarations (as
JSON), the values kept aside and the issues must be the same.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from harmonized_customs.countries.mx import cfdi_fast, cfdi_parts, cfdi_read, cfdi_xml
from harmonized_customs.countries.mx.cfdi_cce20 import write_cce
from harmonized_customs.model import Declaration

from .cce_strategies import cce_declarations

ROOT = Path(__file__).resolve().parent.parent
_CCE_DATA = ROOT / "data" / "mx" / "cce20"
_SAMPLES = ROOT / "conformance" / "samples" / "mx-cfdi-cce20"
CORPUS = sorted([*_CCE_DATA.glob("*.xml"), *_SAMPLES.glob("*.xml")])
ORIGINS = ("MX", "US", None)
_ATTRIBUTE = re.compile(rb' ([A-Za-z:]+)="([^"]*)"')
_VALUES = (
    *(b"", b" ", b"0", b"-0.00", b"1E+3", b"abc", b"0101210100", b"01012101", b"12", b"1"),
    *(b"2", b"USA", b"MEX", b"ZZZ", b"XEXX010101000", b"USD", b"MXN", b"T12:30:00"),
    *(b"2026-11-14T10:11:12", b"1.5", b"17.3910", b"07", b"99", b"\xc3\xa9", b"&amp;"),
    *(b"1 ", b"\xd9\xa3", b"x" * 41, b"NLE", b"TX"),
)


def _fingerprint(data: bytes, origin: str | None) -> tuple[object, ...]:
    """Everything ``read_cce`` gives for ``data``, comparable."""
    result = cfdi_read.read_cce(data, "in.xml", origin_country=origin)
    declaration = result.declaration
    issues = [
        (i.code, i.severity, i.pointer, i.target, i.wco_id, i.source, i.ctx, i.message("en"))
        for i in result.issues
    ]
    dumped = declaration.model_dump_json() if declaration is not None else None
    return dumped, dict(result.extras), issues


def _general(
    data: bytes, origin: str | None, monkeypatch: pytest.MonkeyPatch
) -> tuple[object, ...]:
    """:func:`_fingerprint` with the one-pass reading turned off."""
    with monkeypatch.context() as patch:
        patch.setattr(cfdi_fast, "read", lambda root, origin: None)
        return _fingerprint(data, origin)


def _taken(data: bytes, origin: str | None) -> bool:
    """Whether the one-pass reading reads ``data`` itself."""
    root, _ = cfdi_xml.parse(data, None)
    return root is not None and cfdi_fast.read(root, origin) is not None


def _mutate(data: bytes, rng: random.Random, most: int = 4) -> bytes:
    """``data`` with one to ``most`` attributes or element lines dropped, changed or added."""
    for _ in range(rng.randint(1, most)):
        found = list(_ATTRIBUTE.finditer(data))
        if not found:
            return data
        match = rng.choice(found)
        start = data.rfind(b"\n", 0, match.start()) + 1
        end = data.find(b"\n", match.end())
        kind = rng.random()
        if kind < 0.3:
            data = data[: match.start()] + data[match.end() :]
        elif kind < 0.7:
            value = rng.choice((*_VALUES, match.group(2)[:-1], match.group(2) + b"0"))
            data = data[: match.start(2)] + value + data[match.end(2) :]
        elif kind < 0.8:
            data = data[: match.end()] + b' Extra="x"' + data[match.end() :]
        elif kind < 0.9 and end > 0:
            data = data[:end] + b"\n" + data[start:end] + data[end:]
        elif end > 0 and data[start:end].strip().endswith(b"/>"):
            data = data[:start] + data[end + 1 :]
    return data


def _mutations(count: int, seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    seeds = [path.read_bytes() for path in CORPUS]
    for _ in range(count):
        yield _mutate(rng.choice(seeds), rng)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
@pytest.mark.parametrize("origin", ORIGINS)
def test_test_data_reads_the_same(
    path: Path, origin: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    assert _fingerprint(data, origin) == _general(data, origin, monkeypatch)


def test_mutated_test_data_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = 0
    for data in _mutations(400, seed=15):
        for origin in ORIGINS:
            assert _fingerprint(data, origin) == _general(data, origin, monkeypatch), data
        taken += _taken(data, "MX")
    assert 0 < taken < 400  # both readings ran on some


def test_sample_changed_once_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    sample = (_CCE_DATA / "sample.xml").read_bytes()
    rng = random.Random(20)
    taken = 0
    for _ in range(300):
        data = _mutate(sample, rng, most=1)
        assert _fingerprint(data, "MX") == _general(data, "MX", monkeypatch), data
        taken += _taken(data, "MX")
    assert 50 < taken < 300  # both readings ran on many


def test_common_shape_is_read_in_one_pass() -> None:
    data = (ROOT / "data" / "mx" / "cce20" / "sample.xml").read_bytes()
    assert _taken(data, "MX")
    assert not _taken(data, None)  # each line then gets mx_cfdi_origin_not_stated


def _written(declaration: Declaration) -> bytes:
    output = write_cce(declaration).output
    assert isinstance(output, bytes)
    return output


@given(cce_declarations(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_written_cfdis_read_the_same(declaration: Declaration, rng: random.Random) -> None:
    data = _written(declaration)
    for candidate in (data, _mutate(data, rng)):
        with pytest.MonkeyPatch.context() as monkeypatch:
            assert _fingerprint(candidate, "MX") == _general(candidate, "MX", monkeypatch)


@pytest.mark.parametrize("after", [b"<cfdi:Conceptos>", b"<cce20:Mercancias>", b"<cce20:Emisor>"])
@pytest.mark.parametrize("node", [b"<!-- a note -->", b"<?note x?>"])
def test_comments_and_instructions_read_the_same(
    after: bytes, node: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = (_CCE_DATA / "sample.xml").read_bytes()
    data = sample.replace(after, after + node, 1)
    assert data != sample
    assert _taken(data, "MX")  # the parser leaves comments and instructions out
    assert _fingerprint(data, "MX") == _general(data, "MX", monkeypatch)


def test_every_line_attribute_is_taken_or_kept() -> None:
    """The one-pass reading of a line declines no supported attribute: each has a place."""
    shape = cfdi_fast._shape()
    concepto = shape.concepto[1].attribute_set
    mercancia = shape.mercancia[1]["cce20:Mercancia"].attribute_set
    assert concepto == cfdi_fast._CONCEPTO_TAKEN | set(cfdi_parts.CONCEPTO_KEPT)
    assert mercancia == cfdi_fast._MERCANCIA_TAKEN | set(cfdi_parts.MERCANCIA_KEPT)


def _line_numbers_one_by_one(ids: list[str | None]) -> list[int]:
    """:func:`cfdi_parts.line_numbers` as written before identifiers counting from 1 were seen."""
    as_numbers = [int(i) if i and re.fullmatch(r"[1-9][0-9]{0,3}", i) else 0 for i in ids]
    if all(1 <= n <= 9999 for n in as_numbers) and len(set(as_numbers)) == len(as_numbers):
        return as_numbers
    return list(range(1, len(ids) + 1))


_IDS = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10001).map(str),
    st.sampled_from(["01", "1 ", "²", "٣", "", "x"]),
)


@given(st.lists(_IDS, max_size=12))
@example([str(n) for n in range(1, 10001)])
@example([str(n) for n in range(1, 10000)])
@example(["1", "2", "2"])
def test_line_numbers_are_the_ones_read_one_by_one(ids: list[str | None]) -> None:
    assert cfdi_parts.line_numbers(ids) == _line_numbers_one_by_one(ids)


@given(st.integers(min_value=1, max_value=30))
def test_counting_identifiers_are_their_own_numbers(count: int) -> None:
    ids: list[str | None] = [str(n) for n in range(1, count + 1)]
    assert (
        cfdi_parts.line_numbers(ids) == _line_numbers_one_by_one(ids) == list(range(1, count + 1))
    )

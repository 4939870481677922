"""The conformance suite: every registered format, by registering, gets these tests.

Parametrised over ``hc.formats()`` (nothing here names a format):

* each valid sample in ``samples/<format name>/`` reads without error; written and read
  back, each document gives the same document, and writing it again gives the same output
  (read -> write -> read is lossless for what the format carries, and a fixed point);
* a junk-input sweep: empty, binary, truncated and corrupted inputs never raise from the
  reader, and each gives at least one result with located issues or a document;
* every issue code the reader or writer reports is registered and renders in en/fr/es;
* the format has its page in ``docs/formats/``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs.documents import get_kind
from harmonized_customs.formats import Format, ReadResult

ROOT = Path(__file__).resolve().parents[2]
FORMATS = hc.formats()
WRITABLE = [f for f in FORMATS if f.writer is not None and f.reader is not None]
READABLE = [f for f in FORMATS if f.reader is not None]


def _read(fmt: Format, data: bytes) -> list[ReadResult]:
    assert fmt.reader is not None
    return list(fmt.reader(data, f"conformance{fmt.extensions[0] if fmt.extensions else ''}"))


def _written(fmt: Format, document: object) -> bytes:
    assert fmt.writer is not None
    return fmt.encode(fmt.writer(document).output)


SAMPLES = Path(__file__).resolve().parent / "samples"


def _samples(fmt: Format) -> list[Path]:
    folder = SAMPLES / fmt.name
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


CASES = [(fmt, path) for fmt in READABLE for path in _samples(fmt)]


@pytest.mark.parametrize("fmt", READABLE, ids=lambda f: f.name)
def test_every_readable_format_has_samples(fmt: Format) -> None:
    assert _samples(fmt), f"add valid files of {fmt.name} to tests/conformance/samples/"


@pytest.mark.parametrize(("fmt", "sample"), CASES, ids=[f"{f.name}-{p.name}" for f, p in CASES])
def test_sample_reads_writes_and_reads_back_the_same(fmt: Format, sample: Path) -> None:
    results = _read(fmt, sample.read_bytes())
    assert results
    for result in results:
        assert result.document is not None, [i.code for i in result.issues]
        assert not [i.code for i in result.issues if i.blocking]
        if fmt.writer is None:
            continue
        first = _written(fmt, result.document)
        [again] = _read(fmt, first)
        assert again.document == result.document, "the written file reads back differently"
        assert _written(fmt, again.document) == first


def _junk(seed: bytes) -> Iterator[bytes]:
    yield b""
    yield b"\x00\xff\xfe\x80" * 8
    yield b"{" * 50 + b"}" * 10
    yield b"<" + b"a" * 100
    yield seed[: len(seed) // 2]
    yield seed[:-1]
    chooser = random.Random(len(seed))
    for _ in range(12):
        mutated = bytearray(seed)
        for _ in range(4):
            if mutated:
                mutated[chooser.randrange(len(mutated))] = chooser.randrange(256)
        yield bytes(mutated)


def _seed(fmt: Format) -> bytes:
    found = _samples(fmt)
    return found[0].read_bytes() if found else b""


@pytest.mark.parametrize("fmt", READABLE, ids=lambda f: f.name)
def test_junk_input_never_raises_from_the_reader(fmt: Format) -> None:
    for data in _junk(_seed(fmt)):
        results = _read(fmt, data)
        assert results, f"{fmt.name} gave nothing for {data[:40]!r}"
        for result in results:
            assert result.document is not None or result.issues
            for issue in result.issues:
                for language in ("en", "fr", "es"):
                    assert issue.message(language)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_the_format_has_its_docs_page(fmt: Format) -> None:
    if fmt.jurisdiction is None:
        page = ROOT / "docs" / "model.md"
    else:
        page = ROOT / "docs" / "formats" / f"{fmt.name}.md"
    assert page.is_file()
    assert fmt.name in page.read_text(encoding="utf-8") or fmt.jurisdiction is None


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_the_format_describes_itself(fmt: Format) -> None:
    described = fmt.to_dict()
    assert described["name"] == fmt.name
    assert described["kind"] == fmt.kind
    assert get_kind(fmt.kind).name == fmt.kind
    assert fmt.media_type
    assert fmt.description

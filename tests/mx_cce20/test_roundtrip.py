"""Round trips of mx-cfdi-cce20: model -> wire -> model, wire -> model -> wire, golden files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from harmonized_customs.countries.mx.cfdi_cce20 import read_cce, write_cce
from harmonized_customs.model import Declaration

from . import samples
from .cce_strategies import cce_declarations


@given(cce_declarations())
@settings(max_examples=30)
def test_model_wire_model_is_identity(declaration: Declaration) -> None:
    written = write_cce(declaration)
    assert isinstance(written.output, bytes)
    read = read_cce(written.output, origin_country="MX")
    assert read.declaration == declaration, read.issues


@given(cce_declarations())
@settings(max_examples=15)
def test_written_cce_is_valid_for_sat_xsd(declaration: Declaration) -> None:
    written = write_cce(declaration)
    assert [i for i in written.issues if i.blocking] == []
    assert isinstance(written.output, bytes)
    assert samples.sat_errors(written.output) == []


@given(cce_declarations())
@settings(max_examples=15)
def test_wire_model_wire_is_stable(declaration: Declaration) -> None:
    first = write_cce(declaration).output
    assert isinstance(first, bytes)
    read = read_cce(first, origin_country="MX")
    assert read.declaration is not None
    assert write_cce(read.declaration, read.extras).output == first


@pytest.mark.parametrize("name", ["sample.xml", "full.xml"])
def test_fixture_wire_model_wire_gives_the_same_bytes(name: str) -> None:
    data = (samples.DATA / name).read_bytes()
    read = read_cce(data, name, origin_country="MX")
    assert read.declaration is not None
    assert write_cce(read.declaration, read.extras).output == data


@pytest.mark.parametrize("name", ["sample.xml", "full.xml"])
def test_fixture_is_valid_for_sat_xsd(name: str) -> None:
    assert samples.sat_errors((samples.DATA / name).read_bytes()) == []


def test_golden_sample_is_what_the_writer_produces() -> None:
    golden = samples.DATA / "sample.xml"
    assert golden.exists(), "golden file missing: tests/data/mx/cce20/sample.xml"
    assert write_cce(samples.declaration(), samples.EXTRAS).output == golden.read_bytes()


def test_sat_xsd_oracle_rejects_a_broken_cce() -> None:
    data = (samples.DATA / "sample.xml").read_bytes().replace(b'ValorDolares="9000.00"', b"")
    assert samples.sat_errors(data) != []

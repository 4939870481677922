"""The importer of an ABI entry summary: known by its number only, never given a name."""

from __future__ import annotations

from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs import conversion
from harmonized_customs.countries.us import abi_ae
from harmonized_customs.model import Declaration

DATA = Path(__file__).resolve().parents[1] / "data" / "us" / "abi_ae" / "valid"
USMCA = DATA / "01-usmca-truck.txt"


def _declaration(path: Path = USMCA) -> Declaration:
    found: Declaration | None = next(iter(abi_ae.read(path.read_bytes(), path.name))).declaration
    assert found is not None
    return found


def test_the_reader_builds_the_importer_from_its_number() -> None:
    importer = _declaration().importer
    assert importer is not None
    assert importer.name is None
    assert [(i.scheme, i.value) for i in importer.identifiers] == [("us-ein", "86-305172800")]


def test_the_importer_number_is_said_once() -> None:
    us = _declaration().national.us
    assert us is not None
    assert us.importer_number is None


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_abi_to_core_to_abi_keeps_the_importer_number(path: Path) -> None:
    source = path.read_bytes()
    numbers = {line[2:14] for line in source.decode("ascii").splitlines() if line[:2] == "11"}
    written = "".join(str(hc.dump(r.declaration, "us-abi-ae")) for r in abi_ae.read(source))
    assert numbers <= {line[2:14] for line in written.splitlines() if line[:2] == "11"}


def test_a_us_check_needs_no_name() -> None:
    report = hc.check(_declaration(), ["US"])
    assert not [i for i in report if "importer" in i.code]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("mx-pedimento-m3", "mx_importer_name_missing"),
        ("ca-cad", "ca_importer_name_missing"),
    ],
)
def test_conversion_names_the_missing_name(target: str, code: str) -> None:
    report = conversion.convert(_declaration(), target).report
    codes = {i.code for i in report}
    assert code in codes
    assert not {"mx_importer_missing", "ca_importer_missing"} & codes
    assert [i.pointer for i in report if i.code == code] == ["/importer/name"]


def test_cfdi_from_abi_names_no_missing_importer() -> None:
    report = conversion.convert(_declaration(), "mx-cfdi-cce20").report
    assert "mx_importer_missing" not in {i.code for i in report}

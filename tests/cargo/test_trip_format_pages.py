"""The ACE and ACI format pages: their generated blocks are current and their tables true."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    path = ROOT / "scripts" / "generate_trip_field_tables.py"
    spec = importlib.util.spec_from_file_location("generate_trip_field_tables", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


@pytest.mark.parametrize("page", SCRIPT.PAGES, ids=lambda page: page.format_name)
def test_page_is_current(page: object) -> None:
    committed = page.path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert committed == SCRIPT.render(page), "run: python scripts/generate_trip_field_tables.py"


@pytest.mark.parametrize(
    ("format_name", "wire", "core"),
    [
        (
            "us-ace-emanifest-json",
            "/shipments/*/shipmentControlNumber",
            "/shipments/*/shipment_control_number",
        ),
        ("us-ace-emanifest-json", "/passengers/*/gender", "/crew/*/gender"),
        (
            "us-ace-emanifest-json",
            "/shipments/*/consignee/address/addressLine",
            "/shipments/*/consignee/address/lines/0",
        ),
        ("ca-aci-emanifest-json", "/truck/licensePlate/number", "/truck/plates/0/number"),
        ("ca-aci-emanifest-json", "/shipments/*/deliveryDestinations/*/name", None),
        ("ca-aci-emanifest-json", "/shipments/*/consolidatedFreight", None),
    ],
)
def test_core_pointer_of_wire_field(format_name: str, wire: str, core: str | None) -> None:
    page = next(p for p in SCRIPT.PAGES if p.format_name == format_name)
    assert SCRIPT.core_pointer(wire, page.pointers) == core


@pytest.mark.parametrize("page", SCRIPT.PAGES, ids=lambda page: page.format_name)
def test_table_lists_every_mapped_pointer(page: object) -> None:
    """Every core pointer of the reader's map appears in the page's table."""
    text = page.path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    leaves = {core for _, core in page.pointers.pairs if not core.endswith("*")}  # type: ignore[attr-defined]
    missing = [core for core in leaves if f"`{core}" not in text]
    assert not missing

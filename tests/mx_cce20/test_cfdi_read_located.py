"""The source locations a CFDI read gives its model errors (``cfdi_read._Located``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from harmonized_customs.countries.mx import cfdi_read


def _located(locate: dict[str, str], every: dict[str, str] | None) -> Any:
    """A ``_Located`` over a stand-in source; ``every`` None: resolving every line fails."""

    def located() -> dict[str, str]:
        if every is None:
            raise AssertionError("every goods item's pointers were resolved")
        return every

    return cfdi_read._Located(SimpleNamespace(locate=locate, located=located))  # type: ignore[arg-type]


def test_truth_with_header_pointers_resolves_no_line() -> None:
    # asked once per validation error: resolving every line each time made many errors quadratic
    assert bool(_located({"/importer/name": "/cfdi:Comprobante/@Nombre"}, None)) is True


@pytest.mark.parametrize(("lines", "expected"), [({}, False), ({"/goods_items/0": "p"}, True)])
def test_truth_without_header_pointers_is_whether_a_line_is_located(
    lines: dict[str, str], expected: bool
) -> None:
    assert bool(_located({}, lines)) is expected

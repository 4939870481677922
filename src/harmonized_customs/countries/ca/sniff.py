"""How a file in one of the Canadian formats looks, told from its first bytes without reading it.

The sniffers of ``ca-cad`` (the library's JSON rendering of the CBSA commercial accounting
declaration, ``"format": "ca-cad"``) and ``ca-aci-emanifest`` (CBSA ACI highway eManifest trip
JSON, ``"data": "ACI_TRIP"``). They live apart from the readers so that recognising a file
imports no reader (see :mod:`harmonized_customs.plugins`).
"""

from __future__ import annotations

import re

__all__ = ["aci_emanifest", "cad"]

_CAD = re.compile(rb'"format"\s*:\s*"ca-cad"')
_ACI_TRIP = re.compile(rb'"data"\s*:\s*"ACI_TRIP"')


def cad(data: bytes) -> bool:
    """A CAD JSON document: ``"format": "ca-cad"`` in the first 4 KiB."""
    return bool(_CAD.search(data[:4096]))


def aci_emanifest(data: bytes) -> bool:
    """An ACI highway eManifest trip: ``"data": "ACI_TRIP"`` in the first 4 KiB."""
    return bool(_ACI_TRIP.search(data[:4096]))

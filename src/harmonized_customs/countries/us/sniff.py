"""How a file in one of the US formats looks, told from its first bytes without reading it.

The sniffers of ``us-abi-ae`` (ACE ABI entry summary, CATAIR: an ``A`` batch record with the
application ``AE`` in columns 26-27, or a bare 80-column ``10`` record) and ``us-ace-emanifest``
(ACE truck e-Manifest trip JSON, ``"data": "ACE_TRIP"``). They live apart from the readers so
that recognising a file imports no reader (see :mod:`harmonized_customs.plugins`).
"""

from __future__ import annotations

import re

__all__ = ["RECORD_LENGTH", "abi_ae", "ace_emanifest"]

RECORD_LENGTH = 80
"""Every ABI record is 80 characters."""

_ACE_TRIP = re.compile(rb'"data"\s*:\s*"ACE_TRIP"')


def abi_ae(data: bytes) -> bool:
    """An ABI batch of entry summaries (A record, application AE) or a bare 10 record."""
    head = data[:200].decode("latin-1").split("\n", 1)[0].rstrip("\r")
    if head.startswith("A") and len(head) >= 27:
        return head[25:27] == "AE"
    return head.startswith("10") and len(head) == RECORD_LENGTH and head[2:3] in {"A", "R", "D"}


def ace_emanifest(data: bytes) -> bool:
    """An ACE truck e-Manifest trip: ``"data": "ACE_TRIP"`` in the first 4 KiB."""
    return bool(_ACE_TRIP.search(data[:4096]))

"""How a file in one of the Mexican formats looks, told from its first bytes without reading it.

The sniffers of ``mx-pedimento-m3`` (SAAI M3 validation file: a record 500 first), of
``mx-cfdi-cce20`` (a CFDI 4.0 ``Comprobante``, namespace ``http://www.sat.gob.mx/cfd/4``) and
of ``mx-cartaporte31`` (a CFDI 4.0 with the Carta Porte 3.1 namespace). They live apart from
the readers so that recognising a file imports no reader and no XML library (see
:mod:`harmonized_customs.plugins`).
"""

from __future__ import annotations

import re

__all__ = ["cartaporte31", "cfdi_cce20", "pedimento_m3"]

_CFDI4 = b"http://www.sat.gob.mx/cfd/4"
_M3_FIRST_RECORD = re.compile(rb"500\|[0-9]{1,2}\|")


def pedimento_m3(data: bytes) -> bool:
    """True when the data starts like an M3 file: a record 500 line."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return _M3_FIRST_RECORD.match(head) is not None


def cfdi_cce20(data: bytes) -> bool:
    """A CFDI 4.0 comprobante: its namespace and ``Comprobante`` in the first 4 KiB."""
    head = data[:4096]
    return _CFDI4 in head and b"Comprobante" in head


def cartaporte31(data: bytes) -> bool:
    """A CFDI 4.0 with the Carta Porte 3.1 complement, both namespaces in the first 8 KiB."""
    head = data[:8192]
    return _CFDI4 in head and b"http://www.sat.gob.mx/CartaPorte31" in head

"""Paths shared by the reader and the writer of ``mx-cfdi-cartaporte31``.

Every attribute is addressed by the XPath :mod:`~harmonized_customs.countries.mx.cfdi_xml`
uses (canonical prefixes ``cfdi`` and ``cartaporte31``, 1-based indexes on repeating elements),
so a reader issue names the attribute to fix and a writer issue names the one it could not fill.
"""

from __future__ import annotations

import uuid

from harmonized_customs.countries.mx.cfdi_xml import Layout, layout

__all__ = [
    "CARTA",
    "COMPROBANTE",
    "DRIVER_FIGURE",
    "EMISOR",
    "MERCANCIAS",
    "NAME",
    "NO_CERTIFICADO",
    "RECEPTOR",
    "TRUCK",
    "concepto",
    "figura",
    "idccp_for",
    "mercancia",
    "remolque",
    "shape",
    "ubicacion",
]

NAME = "mx-cfdi-cartaporte31"
COMPROBANTE = "/cfdi:Comprobante"
EMISOR = f"{COMPROBANTE}/cfdi:Emisor"
RECEPTOR = f"{COMPROBANTE}/cfdi:Receptor"
CARTA = f"{COMPROBANTE}/cfdi:Complemento/cartaporte31:CartaPorte"
MERCANCIAS = f"{CARTA}/cartaporte31:Mercancias"
TRUCK = f"{MERCANCIAS}/cartaporte31:Autotransporte"
DRIVER_FIGURE = "01"
"""c_FiguraTransporte 01: Operador (the driver)."""
NO_CERTIFICADO = "0" * 20
"""``NoCertificado`` written until the comprobante is sealed (the XSD requires 20 digits)."""
_IDCCP_NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-4c55-9a0e-5d2f8b7c1e44")


def shape() -> Layout:
    """The CFDI 4.0 + Carta Porte 3.1 layout (``data/ccp31/layout.json``)."""
    return layout("ccp31")


def concepto(number: int) -> str:
    """Path of the ``number``-th (1-based) ``cfdi:Concepto``."""
    return f"{COMPROBANTE}/cfdi:Conceptos/cfdi:Concepto[{number}]"


def ubicacion(number: int) -> str:
    """Path of the ``number``-th (1-based) ``Ubicacion``."""
    return f"{CARTA}/cartaporte31:Ubicaciones/cartaporte31:Ubicacion[{number}]"


def mercancia(number: int) -> str:
    """Path of the ``number``-th (1-based) ``Mercancia``."""
    return f"{MERCANCIAS}/cartaporte31:Mercancia[{number}]"


def remolque(number: int) -> str:
    """Path of the ``number``-th (1-based) ``Remolque``."""
    return f"{TRUCK}/cartaporte31:Remolques/cartaporte31:Remolque[{number}]"


def figura(number: int) -> str:
    """Path of the ``number``-th (1-based) ``TiposFigura``."""
    return f"{CARTA}/cartaporte31:FiguraTransporte/cartaporte31:TiposFigura[{number}]"


def idccp_for(key: str) -> str:
    """A stable ``IdCCP`` for a trip without one: ``CCC`` + the tail of a name-based UUID.

    The identifier names the document, not the goods (RFC 4122 version 5 of ``key``), so the
    same trip always gets the same one.
    """
    return "CCC" + str(uuid.uuid5(_IDCCP_NAMESPACE, key))[3:]

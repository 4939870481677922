"""``mx-cfdi-cartaporte31``: the CFDI 4.0 with the Complemento Carta Porte 3.1 (XML).

Goods moved by road in Mexico travel with a CFDI carrying SAT's Complemento Carta Porte; for
foreign trade it is required since 1 January 2024, in version 3.1 since 17 July 2024. The
carrier issues it (type ``T``, traslado, or ``I``, ingreso for the freight charge): the
complement states whether the move is international (``TranspInternac``, ``EntradaSalidaMerc``,
``PaisOrigenDestino``, ``ViaEntradaSalida``), the customs regimes (``RegimenesAduaneros``),
the places of origin and destination with the sender and receiver and their times
(``Ubicaciones``), the goods with their SAT product key, quantity, Rec 20 unit, weight in
kilograms, value, fracción arancelaria and customs documents (``DocumentacionAduanera``:
pedimento number ``YY  AA  PPPP  NNNNNNN`` and importer RFC; ``UUIDComercioExt``), the truck
with its SICT permit, configuration, plate and model year, insurance and up to two trailers
(``Autotransporte``), and the drivers (``FiguraTransporte``, figure 01).

One document is one trip. Reading is :mod:`.cartaporte31_read`, writing
:mod:`.cartaporte31_write`; the tree supported (the elements a truck move uses) is in
``data/ccp31/layout.json``, transcribed from SAT's XSDs. Sealing (``Sello``), the CSD
certificate and the timbre fiscal digital are out of scope: the comprobante is written
unsigned, and a read signature is not verified. The Carta Porte has no seal element for
trucks, no port or time of the border crossing, and no SCN or CCN: those values are reported
as not carried.

More information:

* SAT, Complemento Carta Porte: http://omawww.sat.gob.mx/tramitesyservicios/Paginas/complemento_carta_porte.htm
  (schema http://www.sat.gob.mx/sitio_internet/cfd/CartaPorte/CartaPorte31.xsd)
* SAT, Anexo 20, CFDI 4.0: http://omawww.sat.gob.mx/tramitesyservicios/Paginas/anexo_20.htm
"""

from __future__ import annotations

from harmonized_customs.countries.mx.cartaporte31_paths import NAME
from harmonized_customs.countries.mx.cartaporte31_read import read
from harmonized_customs.countries.mx.cartaporte31_write import write
from harmonized_customs.countries.mx.sniff import cartaporte31 as _sniff
from harmonized_customs.format_registry import Format, register_format

__all__ = ["FORMAT", "NAME", "read", "write"]


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="MX",
        media_type="application/xml",
        description="CFDI 4.0 with the Complemento Carta Porte 3.1 (SAT): the trip in Mexico.",
        reader=read,
        writer=write,
        sniffer=_sniff,
        kind="cargo-report",
        extensions=(".xml",),
        binary=True,
    )
)

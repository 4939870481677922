"""``mx-cfdi-cce20``: the CFDI 4.0 with its Complemento de Comercio Exterior 2.0 (XML).

The Comprobante Fiscal Digital por Internet (CFDI) is Mexico's electronic invoice, defined by
SAT in Anexo 20 of the Resolución Miscelánea Fiscal. An export of goods under a definitive
pedimento with clave A1 must be invoiced with a CFDI carrying the Complemento de Comercio
Exterior (CCE), version 2.0 since January 2024: exporter and foreign receptor with their
addresses, destinatarios, propietarios, and for each mercancía the 10-digit
``FraccionArancelaria`` (fracción 8 + NICO 2), ``CantidadAduana``, ``UnidadAduana``,
``ValorUnitarioAduana`` and ``ValorDolares``, with the ``TipoCambioUSD``, ``TotalUSD``,
``Incoterm``, ``ClaveDePedimento`` and ``CertificadoOrigen`` of the operation.

Reading is :func:`~harmonized_customs.countries.mx.cfdi_read.read_cce`; writing is
:func:`~harmonized_customs.countries.mx.cfdi_write.write_cce`. The comprobante's fiscal
values with no harmonised home (régimen fiscal, uso del CFDI, ClaveProdServ...) travel in the
``cfdi`` blocks of the Mexican national data (``national.mx.cfdi`` and, per goods item,
``national.mx.cfdi``), so that a CFDI read, kept as core-json and written gives every value
back. The writer produces UTF-8 bytes with the ``cfdi`` and ``cce20`` namespaces and
``xsi:schemaLocation``. Sealing (``Sello``), the CSD certificate and the timbre fiscal digital
are out of scope: the comprobante is written unsigned, and a read signature is not verified.

More information:

* SAT, Anexo 20, CFDI 4.0: http://omawww.sat.gob.mx/tramitesyservicios/Paginas/anexo_20.htm
  (schema http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd)
* SAT, Estándar del Complemento de Comercio Exterior 2.0:
  http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf
  (schema http://www.sat.gob.mx/sitio_internet/cfd/ComercioExterior20/ComercioExterior20.xsd)
* SAT catalogues of the CCE: http://omawww.sat.gob.mx/tramitesyservicios/Paginas/catalogos_emision_cfdi_complemento_ce.htm
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from harmonized_customs.countries.mx.cfdi_read import CceReadResult, read_cce
from harmonized_customs.countries.mx.cfdi_write import write_cce
from harmonized_customs.countries.mx.sniff import cfdi_cce20 as _sniff
from harmonized_customs.format_registry import Format, ReadResult, WriteResult, register_format
from harmonized_customs.model import Declaration

__all__ = ["FORMAT", "CceReadResult", "dumps", "read", "read_cce", "write", "write_cce"]

NAME = "mx-cfdi-cce20"


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Reader entry of the format registry: one comprobante, one declaration.

    The CFDI does not state the country of origin of the goods: the lines are read without
    it (``check`` reports it as missing); :func:`read_cce` with ``origin_country`` sets it.
    """
    result = read_cce(data, source_name)
    yield ReadResult(result.declaration, result.issues, 0)


def write(declaration: Declaration) -> WriteResult:
    """Writer entry of the format registry: fiscal values come from the ``cfdi`` blocks."""
    return write_cce(declaration)


def dumps(declaration: Declaration, extras: Mapping[str, str] | None = None) -> bytes:
    """The XML bytes of ``declaration`` (issues are dropped; use :func:`write_cce` for them)."""
    output = write_cce(declaration, extras).output
    return output if isinstance(output, bytes) else output.encode("utf-8")


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="MX",
        media_type="application/xml",
        description="CFDI 4.0 with the Complemento de Comercio Exterior 2.0 (SAT, Anexo 20).",
        reader=read,
        writer=write,
        sniffer=_sniff,
        extensions=(".xml",),
        binary=True,
    )
)

_ = CceReadResult

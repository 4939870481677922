"""Mexican data on a declaration: pedimento references, records and partida codes.

What the pedimento (Anexo 22 of the RGCE) and its electronic validation file (SAT
"Lineamientos Técnicos de Registros VOCE-SAAI M3" v9.0, 2021) carry that the harmonised core
does not: the parts of the pedimento number, the aduana of entry beside the aduana of clearance,
the Apéndice 3 transport codes, the facturas/COVE with their supplier, the dates, identificadores,
contribution rates and amounts, descargos, observations and the closing signature; on partidas,
the peso values, the Apéndice 7 commercial unit, brand and model, the entidades federativas,
permits and the partida contributions. Every field is optional so that a declaration built
without a pedimento stays valid; the ``mx-pedimento-m3`` reader fills them and its writer
prefers them to values derived from the core.

Field names are the Spanish names of the M3 fields (see docs/formats/mx-pedimento-m3.md).

The ``cfdi`` blocks keep what a CFDI 4.0 with Complemento de Comercio Exterior 2.0 (SAT,
Anexo 20; ``cfdv40.xsd`` and ``ComercioExterior20.xsd``) states beside the harmonised data: the
comprobante's fiscal values (serie, forma and método de pago, lugar de expedición, régimen
fiscal, uso del CFDI, exportación...) and, per concepto, the ClaveProdServ, unit value,
ObjetoImp and NoIdentificacion. Field names are the XSD attribute names in snake case; values
are kept as filed (catalogue codes are SAT's, not translated). Whatever else the comprobante
holds with no named field here stays in ``otros`` by XPath, so that reading and writing again
gives every value back.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import Amount, CoreModel, Quantity, empty_dict, empty_list, wco

__all__ = [
    "MXArchivoM3",
    "MXCfdi",
    "MXCfdiConcepto",
    "MXContenedor",
    "MXContribucion",
    "MXCuentaAduanera",
    "MXDeclarationData",
    "MXDescargo",
    "MXDomicilio",
    "MXFactura",
    "MXFecha",
    "MXFirma",
    "MXGuia",
    "MXIdentifier",
    "MXLineData",
    "MXMercancia",
    "MXObservacion",
    "MXPermiso",
    "MXTasa",
    "MXTransporte",
    "MXValorAjustes",
]

_CODE = r"^[0-9]+$"


class MXIdentifier(CoreModel):
    """An Anexo 22 Apéndice 8 identificador with its complements (M3 records 507 and 554)."""

    code: str = Field(pattern=r"^[A-Z0-9]{2}$")
    complement1: str | None = Field(None)
    complement2: str | None = Field(None)
    complement3: str | None = Field(None)


class MXDomicilio(CoreModel):
    """A fiscal address as the pedimento carries it (codes as filed, not ISO)."""

    calle: str | None = Field(None)
    numero_interior: str | None = Field(None)
    numero_exterior: str | None = Field(None)
    colonia: str | None = Field(None, description="Colonia (c_Colonia in the CFDI).")
    localidad: str | None = Field(None, description="Localidad (c_Localidad in the CFDI).")
    referencia: str | None = Field(None, description="Reference to find the address.")
    codigo_postal: str | None = Field(None)
    municipio: str | None = Field(None)
    entidad: str | None = Field(None, description="Entidad federativa as filed.")
    pais: str | None = Field(None, description="Anexo 22 Ap. 4 country code.")


class MXValorAjustes(CoreModel):
    """Incrementables and decrementables of the pedimento, whole pesos (record 501)."""

    fletes: Amount | None = None
    seguros: Amount | None = None
    embalajes: Amount | None = None
    otros_incrementables: Amount | None = None
    decrementables_fletes: Amount | None = None
    decrementables_seguros: Amount | None = None
    decrementables_carga: Amount | None = None
    decrementables_descarga: Amount | None = None
    otros_decrementables: Amount | None = None


class MXFactura(CoreModel):
    """A CFDI, equivalent document or COVE (acuse de valor) of the pedimento (record 505)."""

    fecha: dt.date | None = None
    numero: str | None = Field(None, description="Factura, CFDI or COVE.")
    incoterm: str | None = Field(None, description="Ap. 14 término de facturación.")
    moneda: str | None = Field(None, description="Ap. 5 currency code as filed.")
    valor_usd: Amount | None = None
    valor_moneda: Amount | None = None
    pais: str | None = Field(None)
    entidad: str | None = Field(None)
    identificacion_fiscal: str | None = Field(None)
    nombre: str | None = Field(None)
    calle: str | None = Field(None)
    numero_interior: str | None = Field(None)
    numero_exterior: str | None = Field(None)
    colonia: str | None = Field(None, description="Colonia (c_Colonia in the CFDI).")
    localidad: str | None = Field(None, description="Localidad (c_Localidad in the CFDI).")
    referencia: str | None = Field(None, description="Reference to find the address.")
    codigo_postal: str | None = Field(None)
    municipio: str | None = Field(None)


class MXFecha(CoreModel):
    """A dated event of the pedimento (record 506): tipo 1 entrada, 2 pago, 5 presentación..."""

    tipo: str = Field(pattern=_CODE)
    fecha: dt.date | None = None


class MXTasa(CoreModel):
    """A contribution rate (records 509 and 556): Ap. 12 contribución, Ap. 18 tipo de tasa."""

    contribucion: str | None = Field(None, pattern=_CODE)
    tasa: Amount | None = None
    tipo_tasa: str | None = Field(None, pattern=_CODE)


class MXContribucion(CoreModel):
    """A contribution amount in pesos (records 510 and 557) with its Ap. 13 forma de pago."""

    contribucion: str | None = Field(None, pattern=_CODE)
    forma_pago: str | None = Field(None, pattern=_CODE)
    importe: Amount | None = None


class MXObservacion(CoreModel):
    """An observation (records 511 and 558)."""

    secuencia: str | None = Field(None)
    texto: str | None = None


class MXDescargo(CoreModel):
    """A discharge of an earlier pedimento (record 512)."""

    patente_original: str | None = Field(None)
    pedimento_original: str | None = Field(None)
    aduana_original: str | None = Field(None)
    clave_original: str | None = Field(None)
    fecha_original: dt.date | None = None
    fraccion: str | None = Field(None)
    unidad: str | None = Field(None)
    cantidad: Amount | None = None


class MXTransporte(CoreModel):
    """A means of transport (record 502); field meanings after the first are unverified."""

    rfc_transportista: str | None = Field(None)
    curp_transportista: str | None = Field(None)
    nombre_transportista: str | None = Field(None)
    pais_transporte: str | None = Field(None)
    identificador_transporte: str | None = Field(None)
    total_bultos: str | None = Field(None)
    domicilio_transportista: str | None = Field(None)


class MXGuia(CoreModel):
    """A guía, manifest or bill of lading (record 503): tipo M master, H house."""

    numero: str | None = Field(None)
    tipo: str | None = Field(None)


class MXContenedor(CoreModel):
    """A container or vehicle (record 504) with its Ap. 10 type."""

    numero: str | None = Field(None)
    tipo: str | None = Field(None)


class MXFirma(CoreModel):
    """The closing record of a pedimento (800): who signs and the signature."""

    tipo_figura: str | None = Field(None)
    firma: str | None = Field(None)
    numero_serie_certificado: str | None = Field(None)


class MXArchivoM3(CoreModel):
    """The validation file the pedimento came in (record 801); counts are recomputed."""

    nombre_archivo: str | None = Field(None)
    clave_prevalidador: str | None = Field(None)


class MXCfdi(CoreModel):
    """Fiscal data of a CFDI 4.0 comprobante and its Comercio Exterior 2.0 complement.

    Each field is the attribute of ``cfdi:Comprobante`` (or of the element named in its
    description) with the same name in camel case, as SAT's XSD defines it.
    """

    serie: str | None = Field(None, max_length=25, description="Comprobante/@Serie.")
    hora: str | None = Field(
        None,
        pattern=r"^[0-9]{2}:[0-9]{2}:[0-9]{2}$",
        description="Time of Comprobante/@Fecha (the date is the invoice's).",
    )
    forma_pago: str | None = Field(None, description="Comprobante/@FormaPago (c_FormaPago).")
    metodo_pago: str | None = Field(None, description="Comprobante/@MetodoPago (PUE, PPD).")
    condiciones_de_pago: str | None = Field(None, description="Comprobante/@CondicionesDePago.")
    descuento: str | None = Field(None, description="Comprobante/@Descuento, as filed.")
    tipo_de_comprobante: str | None = Field(
        None, description="Comprobante/@TipoDeComprobante (I ingreso, T traslado)."
    )
    exportacion: str | None = Field(None, description="Comprobante/@Exportacion (c_Exportacion).")
    lugar_expedicion: str | None = Field(
        None, description="Comprobante/@LugarExpedicion: the issuer's postal code."
    )
    regimen_fiscal_emisor: str | None = Field(
        None, description="Emisor/@RegimenFiscal (c_RegimenFiscal)."
    )
    domicilio_emisor: MXDomicilio | None = Field(
        None, description="Parts of ComercioExterior/Emisor/Domicilio beyond the core address."
    )
    domicilio_receptor: MXDomicilio | None = Field(
        None, description="Parts of ComercioExterior/Receptor/Domicilio beyond the core address."
    )
    domicilio_fiscal_receptor: str | None = Field(
        None, description="Receptor/@DomicilioFiscalReceptor: postal code."
    )
    residencia_fiscal_receptor: str | None = Field(
        None, description="Receptor/@ResidenciaFiscal (c_Pais) when not derived from an id."
    )
    regimen_fiscal_receptor: str | None = Field(
        None, description="Receptor/@RegimenFiscalReceptor (c_RegimenFiscal)."
    )
    uso_cfdi: str | None = Field(None, description="Receptor/@UsoCFDI (c_UsoCFDI).")
    motivo_traslado: str | None = Field(
        None, description="ComercioExterior/@MotivoTraslado (c_MotivoTraslado)."
    )
    certificado_origen: str | None = Field(
        None,
        description=(
            "ComercioExterior/@CertificadoOrigen when no certification reference of the goods "
            "items states it (1: the CFDI serves as certificate of origin)."
        ),
    )
    num_certificado_origen: str | None = Field(
        None,
        description="ComercioExterior/@NumCertificadoOrigen when no preference claim holds it.",
    )
    numero_exportador_confiable: str | None = Field(
        None, description="ComercioExterior/@NumeroExportadorConfiable."
    )
    observaciones: str | None = Field(None, description="ComercioExterior/@Observaciones.")
    otros: dict[str, str] = Field(
        default_factory=empty_dict,
        description=(
            "Any other value of the comprobante, by XPath (cfdi and cce20 prefixes), written "
            "back as it is: coded address parts, propietarios, further destinatarios..."
        ),
    )


class MXCfdiConcepto(CoreModel):
    """Values of one ``cfdi:Concepto`` and its ``cce20:Mercancia`` with no harmonised home."""

    clave_prod_serv: str | None = Field(None, description="Concepto/@ClaveProdServ.")
    no_identificacion: str | None = Field(
        None,
        description="Concepto/@NoIdentificacion (the seller's part number) when not the line.",
    )
    valor_unitario: str | None = Field(
        None, description="Concepto/@ValorUnitario when not Importe / Cantidad exactly."
    )
    objeto_imp: str | None = Field(None, description="Concepto/@ObjetoImp (c_ObjetoImp).")
    descuento: str | None = Field(None, description="Concepto/@Descuento, as filed.")
    unidad: str | None = Field(None, description="Concepto/@Unidad (free text).")
    valor_unitario_aduana: str | None = Field(
        None, description="Mercancia/@ValorUnitarioAduana when not ValorDolares / CantidadAduana."
    )
    valor_dolares: str | None = Field(
        None, description="Mercancia/@ValorDolares when the line value is not in dollars."
    )
    submodelo: str | None = Field(None, description="First DescripcionesEspecificas/@SubModelo.")
    numero_serie: str | None = Field(
        None, description="First DescripcionesEspecificas/@NumeroSerie."
    )


class MXDeclarationData(CoreModel):
    """Mexican pedimento references and records (Anexo 22, SAAI M3)."""

    pedimento_number: str | None = Field(
        None,
        pattern=r"^[0-9]{15}$",
        description="Year (2), aduana (2), patente (4), year digit (1), sequence (6).",
        json_schema_extra=wco("D014"),
    )
    pedimento_serial: str | None = Field(
        None,
        pattern=r"^[0-9]{7}$",
        description="Year digit (1) and sequence (6): the pedimento as the M3 file carries it.",
    )
    clave_pedimento: str | None = Field(
        None,
        pattern=r"^[A-Z0-9]{2}$",
        description="Clave de pedimento (Anexo 22 Ap. 2).",
        json_schema_extra=wco("D013"),
    )
    aduana_seccion: str | None = Field(
        None,
        pattern=r"^[0-9]{3}$",
        description="Aduana (2) + sección (1) of clearance (despacho), Ap. 1.",
        json_schema_extra=wco("065"),
    )
    aduana_entrada_salida: str | None = Field(
        None,
        pattern=r"^[0-9A-Z]{3}$",
        description="Aduana-sección where the goods enter or leave the country, Ap. 1.",
    )
    patente: str | None = Field(None, pattern=r"^[0-9]{4}$", json_schema_extra=wco("R004"))
    tipo_operacion: Literal["1", "2"] | None = Field(
        None, description="1 importación, 2 exportación."
    )
    tipo_movimiento: str | None = Field(
        None, pattern=r"^[0-9]{1,2}$", description="M3 record 500: 1 nuevo, 2 eliminación..."
    )
    acuse_validacion: str | None = Field(
        None, max_length=8, description="Acuse of the pedimento eliminated or desisted."
    )
    regimen: str | None = Field(None, pattern=r"^[A-Z]{3}$", json_schema_extra=wco("166"))
    destino: str | None = Field(None, pattern=r"^[0-9]{1,2}$", description="Ap. 15 destino.")
    curp: str | None = Field(None, description="CURP of the importer/exporter.")
    curp_agente: str | None = Field(None, description="CURP of the broker.")
    rfc_emisor_servicios: str | None = Field(
        None, max_length=13, description="RFC of the issuer of the CFDI for the services."
    )
    medio_transporte_salida: str | None = Field(None, pattern=r"^[0-9]{1,2}$")
    medio_transporte_arribo: str | None = Field(None, pattern=r"^[0-9]{1,2}$")
    medio_transporte_entrada_salida: str | None = Field(
        None, pattern=r"^[0-9]{1,2}$", description="Ap. 3 code crossing the border."
    )
    uso_futuro: str | None = Field(
        None, max_length=12, description="Record 501 field reserved for future use, as filed."
    )
    domicilio: MXDomicilio | None = Field(None, description="Importer/exporter fiscal address.")
    ajustes: MXValorAjustes | None = None
    """Incrementables and decrementables as filed (record 501)."""
    facturas: list[MXFactura] = Field(default_factory=empty_list)
    """Facturas, CFDI or COVE with their supplier or buyer (record 505)."""
    fechas: list[MXFecha] = Field(default_factory=empty_list)
    """Dates of the pedimento (record 506)."""
    identifiers: list[MXIdentifier] = Field(default_factory=empty_list)
    """Pedimento-level identificadores (record 507)."""
    tasas: list[MXTasa] = Field(default_factory=empty_list)
    """Pedimento-level contribution rates (record 509)."""
    contribuciones: list[MXContribucion] = Field(default_factory=empty_list)
    """Pedimento-level contributions (record 510)."""
    observaciones: list[MXObservacion] = Field(default_factory=empty_list)
    """Pedimento-level observations (record 511)."""
    descargos: list[MXDescargo] = Field(default_factory=empty_list)
    """Discharges of earlier pedimentos (record 512)."""
    transportes: list[MXTransporte] = Field(default_factory=empty_list)
    """Means of transport (record 502)."""
    guias: list[MXGuia] = Field(default_factory=empty_list)
    """Guías, manifests, bills of lading (record 503)."""
    contenedores: list[MXContenedor] = Field(default_factory=empty_list)
    """Containers and vehicles (record 504)."""
    firma: MXFirma | None = None
    """The closing signature (record 800)."""
    archivo: MXArchivoM3 | None = None
    """The M3 file the pedimento came in (record 801)."""
    cfdi: MXCfdi | None = None
    """Fiscal data of the CFDI with Comercio Exterior the declaration was read from."""


class MXMercancia(CoreModel):
    """Goods detail of a partida (record 552), such as a vehicle; meanings unverified."""

    numero_serie: str | None = Field(None)
    kilometraje: str | None = Field(None)


class MXPermiso(CoreModel):
    """A permit, NOM certificate or authorisation of a partida (record 553, Ap. 9)."""

    clave: str | None = Field(None)
    firma_descargo: str | None = Field(None)
    numero: str | None = Field(None)
    valor_usd: Amount | None = None
    cantidad: Amount | None = None


class MXCuentaAduanera(CoreModel):
    """A cuenta aduanera de garantía of a partida (record 555); fields 6-13 unverified."""

    institucion: str | None = Field(None)
    numero_cuenta: str | None = Field(None)
    folio: str | None = Field(None)
    fecha: str | None = Field(None)
    tipo: str | None = Field(None)
    titulos: str | None = Field(None)
    valor_unitario_titulo: str | None = Field(None)
    total_garantia: str | None = Field(None)
    cantidad_umt: str | None = Field(None)


class MXLineData(CoreModel):
    """Mexican codes and values on a partida."""

    identifiers: list[MXIdentifier] = Field(default_factory=empty_list)
    valuation_method: str | None = Field(None, pattern=r"^[0-9]{1,2}$", description="Ap. 11.")
    vinculacion: Literal["0", "1", "2"] | None = None
    precio_unitario: Quantity | None = Field(None, description="Unit price in pesos (551).")
    precio_pagado: Amount | None = Field(
        None, description="Precio pagado o valor comercial, whole pesos (551)."
    )
    valor_agregado: Amount | None = Field(None, description="Value added (IMMEX), pesos.")
    umc: str | None = Field(None, pattern=r"^[0-9]{1,2}$", description="Ap. 7 commercial unit.")
    cantidad_umc: Quantity | None = None
    codigo_producto: str | None = Field(None)
    marca: str | None = Field(None)
    modelo: str | None = Field(None)
    pais_origen_destino: str | None = Field(
        None, max_length=3, description="Ap. 4 country of origin (import) or destination."
    )
    pais_vendedor_comprador: str | None = Field(None, description="Ap. 4.")
    entidad_origen: str | None = Field(None)
    entidad_destino: str | None = Field(None)
    entidad_comprador: str | None = Field(None)
    entidad_vendedor: str | None = Field(None)
    mercancias: list[MXMercancia] = Field(default_factory=empty_list)
    """Goods details (record 552)."""
    permisos: list[MXPermiso] = Field(default_factory=empty_list)
    """Permits (record 553)."""
    cuentas_aduaneras: list[MXCuentaAduanera] = Field(default_factory=empty_list)
    """Customs guarantee accounts (record 555)."""
    tasas: list[MXTasa] = Field(default_factory=empty_list)
    """Partida contribution rates (record 556)."""
    contribuciones: list[MXContribucion] = Field(default_factory=empty_list)
    """Partida contributions in pesos (record 557)."""
    observaciones: list[MXObservacion] = Field(default_factory=empty_list)
    """Partida observations (record 558)."""
    cfdi: MXCfdiConcepto | None = None
    """The concepto and mercancía values of a CFDI with Comercio Exterior."""

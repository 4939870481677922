"""Writing ``mx-cfdi-cartaporte31``: a core trip as a CFDI 4.0 traslado with Carta Porte 3.1.

The document layout is described in :mod:`harmonized_customs.countries.mx.cartaporte31`.
The carrier issues a CFDI of type ``T`` (traslado) to itself: ``SubTotal`` and ``Total`` 0,
``Moneda`` XXX, ``Exportacion`` 01, one ``Concepto`` per commodity (value 0, ``ObjetoImp``
01). The comprobante is unsigned: ``Sello`` and ``Certificado`` empty, ``NoCertificado``
twenty zeros, no timbre fiscal. Every value of the trip the output does not give back when
read again is reported as ``value_not_carried`` (seals, travel documents, the ports and times
of the crossings, SCN and CCN, other countries' document numbers...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from harmonized_customs import cargo_io as io
from harmonized_customs.countries.mx import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.countries.mx import cartaporte31_paths as p
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cargo_rules import crosses_border
from harmonized_customs.countries.mx.cartaporte31_read import read_trips
from harmonized_customs.countries.mx.cfdi_xml import build
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.issues import Issue
from harmonized_customs.model import Address, CargoReport, Commodity, Party, Shipment

__all__ = ["write"]

_GRAMS = Decimal("0.001")
_FOREIGN_RFC = "XEXX010101000"
"""The generic RFC SAT gives to foreign residents (Anexo 20, guía de llenado)."""
_PEDIMENTO_DOCUMENT = "01"
"""c_DocumentoAduanero 01: Pedimento."""


@dataclass
class _Writer:
    """The attribute values written so far, with the core pointer of each."""

    trip: CargoReport
    values: dict[str, str] = field(default_factory=dict)
    pointers: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def put(self, path: str, value: object, pointer: str = "") -> None:
        self.pointers.setdefault(path, pointer)
        if value is None or value == "":
            return
        text = m.text(value) if isinstance(value, Decimal) else str(value)
        self.values[path] = text
        self.pointers.setdefault(path.rsplit("/@", 1)[0], pointer)

    def fixed(self, path: str, value: str) -> None:
        self.values[path] = value


def write(trip: CargoReport) -> WriteResult:
    """The CFDI with Carta Porte 3.1 of ``trip`` (UTF-8 bytes), with what it cannot carry."""
    writer = _Writer(trip)
    _comprobante(writer)
    _carta_porte(writer)
    _ubicaciones(writer)
    _mercancias(writer)
    _autotransporte(writer)
    _figuras(writer)
    built = build(writer.values, p.shape())
    for path, attribute in built.missing:
        element = path.rsplit("/", 1)[-1].split("[", 1)[0]
        writer.issues.append(
            Issue.of(
                "mx_cfdi_attribute_missing",
                _pointer_of(writer, f"{path}/@{attribute}"),
                target="MX",
                attribute=attribute,
                element=element,
            )
        )
    for path, attribute in built.refused:
        writer.issues.append(
            Issue.of(
                "mx_cfdi_value_invalid",
                _pointer_of(writer, path),
                target="MX",
                attribute=attribute,
                value=writer.values[f"{path}/@{attribute}"].encode("unicode_escape").decode(),
                detail="it holds a control character that XML cannot carry",
            )
        )
    if trip.mx_ccp_id is None:
        writer.issues.append(Issue.of("mx_ccp_id_derived", "/mx_ccp_id", target="MX"))
    writer.issues.append(
        Issue.of("mx_cfdi_unsigned", "", target="MX", no_certificado=p.NO_CERTIFICADO)
    )
    writer.issues.extend(io.losses(trip, lambda: _read_back(built.output), p.NAME, "MX"))
    return WriteResult(built.output, tuple(writer.issues))


def _pointer_of(writer: _Writer, path: str) -> str:
    """The core pointer of the value nearest to ``path`` (itself or an ancestor)."""
    while path:
        if path in writer.pointers:
            return writer.pointers[path]
        path = path.rsplit("/", 1)[0]
    return ""


def _read_back(output: bytes) -> CargoReport | None:
    return next(iter(read_trips(output, None)))[0]


def _comprobante(writer: _Writer) -> None:
    trip, c = writer.trip, p.COMPROBANTE
    carrier = trip.carrier
    writer.fixed(f"{c}/@Version", "4.0")
    writer.put(f"{c}/@Folio", trip.trip_number, "/trip_number")
    when = (
        trip.reported_at.replace(tzinfo=None).isoformat("T", "seconds")
        if trip.reported_at
        else None
    )
    writer.put(f"{c}/@Fecha", when, "/reported_at")
    for name, value in (("Sello", ""), ("Certificado", ""), ("SubTotal", "0"), ("Total", "0")):
        writer.fixed(f"{c}/@{name}", value)
    writer.fixed(f"{c}/@NoCertificado", p.NO_CERTIFICADO)
    writer.fixed(f"{c}/@Moneda", "XXX")
    writer.fixed(f"{c}/@TipoDeComprobante", "T")
    writer.fixed(f"{c}/@Exportacion", "01")
    address = carrier.address
    postal = address.postal_code if address is not None and address.country == "MX" else None
    writer.put(f"{c}/@LugarExpedicion", postal, "/carrier/address/postal_code")
    writer.put(f"{p.EMISOR}/@Rfc", carrier.mx_rfc, "/carrier/mx_rfc")
    writer.put(f"{p.EMISOR}/@Nombre", carrier.name, "/carrier/name")
    writer.put(f"{p.EMISOR}/@RegimenFiscal", carrier.mx_tax_regime, "/carrier/mx_tax_regime")
    writer.put(f"{p.RECEPTOR}/@Rfc", carrier.mx_rfc, "/carrier/mx_rfc")
    writer.put(f"{p.RECEPTOR}/@Nombre", carrier.name, "/carrier/name")
    writer.put(f"{p.RECEPTOR}/@DomicilioFiscalReceptor", postal, "/carrier/address/postal_code")
    writer.put(
        f"{p.RECEPTOR}/@RegimenFiscalReceptor", carrier.mx_tax_regime, "/carrier/mx_tax_regime"
    )
    writer.fixed(f"{p.RECEPTOR}/@UsoCFDI", "S01")
    for number, (pointer, commodity) in enumerate(_commodities(trip), start=1):
        path = p.concepto(number)
        writer.put(f"{path}/@ClaveProdServ", commodity.mx_product_key, f"{pointer}/mx_product_key")
        writer.put(f"{path}/@Cantidad", commodity.quantity, f"{pointer}/quantity")
        writer.put(f"{path}/@ClaveUnidad", commodity.unit, f"{pointer}/unit")
        writer.put(f"{path}/@Descripcion", commodity.description, f"{pointer}/description")
        for name, value in (("ValorUnitario", "0"), ("Importe", "0"), ("ObjetoImp", "01")):
            writer.fixed(f"{path}/@{name}", value)


def _commodities(trip: CargoReport) -> Iterator[tuple[str, Commodity]]:
    for s, shipment in enumerate(trip.shipments):
        for c, commodity in enumerate(shipment.commodities):
            yield f"/shipments/{s}/commodities/{c}", commodity


def _carta_porte(writer: _Writer) -> None:
    trip, cp = writer.trip, p.CARTA
    writer.fixed(f"{cp}/@Version", "3.1")
    key = f"{trip.carrier.mx_rfc}/{trip.trip_number}/{trip.reported_at}"
    writer.put(f"{cp}/@IdCCP", trip.mx_ccp_id or p.idccp_for(key), "/mx_ccp_id")
    international = crosses_border(trip)
    writer.fixed(f"{cp}/@TranspInternac", "Sí" if international else "No")
    exit_ = trip.crossing("MX", "exit")
    crossing = exit_ or trip.crossing("MX", "entry")
    if international and crossing is not None:
        index = trip.crossings.index(crossing)
        writer.put(
            f"{cp}/@EntradaSalidaMerc",
            "Salida" if exit_ else "Entrada",
            f"/crossings/{index}/direction",
        )
        other = _other_country(trip, leaving=exit_ is not None)
        writer.put(f"{cp}/@PaisOrigenDestino", m.alpha3(other) if other else None, "/crossings")
        writer.fixed(f"{cp}/@ViaEntradaSalida", "01")
    distances = [s.distance_km for s in trip.shipments if s.distance_km is not None]
    if distances and len(distances) == len(trip.shipments):
        writer.put(f"{cp}/@TotalDistRec", sum(distances, Decimal(0)), "/shipments")
    regimes = dict.fromkeys(r for s in trip.shipments for r in s.mx_regimes)
    for number, regime in enumerate(regimes, start=1):
        path = f"{cp}/cartaporte31:RegimenesAduaneros/cartaporte31:RegimenAduaneroCCP[{number}]"
        writer.put(f"{path}/@RegimenAduanero", regime, "/shipments")


def _other_country(trip: CargoReport, *, leaving: bool) -> str | None:
    """The country the goods go to (leaving Mexico) or come from (entering it)."""
    for crossing in trip.crossings:
        if crossing.country != "MX" and (crossing.direction == "entry") == leaving:
            return crossing.country
    for shipment in trip.shipments:
        party = shipment.consignee if leaving else shipment.shipper
        if party.address is not None and party.address.country != "MX":
            return party.address.country
    return None


def _ubicaciones(writer: _Writer) -> None:
    for index, shipment in enumerate(writer.trip.shipments):
        base = f"/shipments/{index}"
        origin = p.ubicacion(2 * index + 1)
        writer.put(f"{origin}/@TipoUbicacion", "Origen", f"{base}/shipper")
        writer.put(f"{origin}/@IDUbicacion", f"OR{index + 1:06d}", base)
        _party(writer, shipment.shipper, origin, f"{base}/shipper")
        writer.put(f"{origin}/@FechaHoraSalidaLlegada", _time(shipment, "departure"), base)
        destination = p.ubicacion(2 * index + 2)
        writer.put(f"{destination}/@TipoUbicacion", "Destino", f"{base}/consignee")
        writer.put(f"{destination}/@IDUbicacion", f"DE{index + 1:06d}", base)
        _party(writer, shipment.consignee, destination, f"{base}/consignee")
        writer.put(
            f"{destination}/@FechaHoraSalidaLlegada",
            _time(shipment, "delivery"),
            f"{base}/delivery",
        )
        writer.put(f"{destination}/@DistanciaRecorrida", shipment.distance_km, base)


def _time(shipment: Shipment, name: str) -> str | None:
    value = getattr(shipment, name)
    return value.replace(tzinfo=None).isoformat("T", "seconds") if value else None


def _party(writer: _Writer, party: Party, path: str, base: str) -> None:
    rfc = party.identifier("mx-rfc")
    tax_id = party.identifier("tax-id")
    country = party.address.country if party.address is not None else None
    if rfc is not None:
        writer.put(f"{path}/@RFCRemitenteDestinatario", rfc, f"{base}/identifiers")
    elif country is not None and country != "MX":
        writer.put(f"{path}/@RFCRemitenteDestinatario", _FOREIGN_RFC, f"{base}/address/country")
        writer.put(f"{path}/@NumRegIdTrib", tax_id, f"{base}/identifiers")
        writer.put(f"{path}/@ResidenciaFiscal", m.alpha3(country), f"{base}/address/country")
    writer.put(f"{path}/@NombreRemitenteDestinatario", party.name, f"{base}/name")
    if party.address is not None:
        _domicilio(writer, party.address, f"{path}/cartaporte31:Domicilio", f"{base}/address")


def _domicilio(writer: _Writer, address: Address, path: str, base: str) -> None:
    if address.lines:
        writer.put(f"{path}/@Calle", address.lines[0], f"{base}/lines/0")
    if address.country != "MX":
        writer.put(f"{path}/@Municipio", address.city, f"{base}/city")
    if address.subdivision is not None:
        writer.put(f"{path}/@Estado", m.estado(address.subdivision), f"{base}/subdivision")
    writer.put(f"{path}/@Pais", m.alpha3(address.country), f"{base}/country")
    writer.put(f"{path}/@CodigoPostal", address.postal_code, f"{base}/postal_code")


def _mercancias(writer: _Writer) -> None:
    trip = writer.trip
    several = len(trip.shipments) > 1
    commodities = list(_commodities(trip))
    total = sum((c.weight_kg for _, c in commodities), Decimal(0))
    writer.put(f"{p.MERCANCIAS}/@PesoBrutoTotal", _kg(total), "/shipments")
    writer.fixed(f"{p.MERCANCIAS}/@UnidadPeso", "KGM")
    writer.fixed(f"{p.MERCANCIAS}/@NumTotalMercancias", str(len(commodities)))
    number = 0
    for s, shipment in enumerate(trip.shipments):
        for c, commodity in enumerate(shipment.commodities):
            number += 1
            path, pointer = p.mercancia(number), f"/shipments/{s}/commodities/{c}"
            _mercancia(writer, commodity, path, pointer)
            _documents(writer, shipment, path, f"/shipments/{s}")
            if several:
                moved = f"{path}/cartaporte31:CantidadTransporta[1]"
                writer.put(f"{moved}/@Cantidad", commodity.quantity, f"/shipments/{s}")
                writer.put(f"{moved}/@IDOrigen", f"OR{s + 1:06d}", f"/shipments/{s}")
                writer.put(f"{moved}/@IDDestino", f"DE{s + 1:06d}", f"/shipments/{s}")


def _kg(value: Decimal) -> Decimal:
    """Kilograms with at most three decimals (the XSD's fractionDigits), digits kept as given."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -3:
        return value
    return value.quantize(_GRAMS, rounding=ROUND_HALF_UP)


def _mercancia(writer: _Writer, commodity: Commodity, path: str, pointer: str) -> None:
    writer.put(f"{path}/@BienesTransp", commodity.mx_product_key, f"{pointer}/mx_product_key")
    writer.put(f"{path}/@Descripcion", commodity.description, f"{pointer}/description")
    writer.put(f"{path}/@Cantidad", commodity.quantity, f"{pointer}/quantity")
    writer.put(f"{path}/@ClaveUnidad", commodity.unit, f"{pointer}/unit")
    writer.put(f"{path}/@Unidad", commodity.package_type, f"{pointer}/package_type")
    if commodity.un_number is not None:
        writer.put(f"{path}/@MaterialPeligroso", "Sí", f"{pointer}/un_number")
        writer.put(f"{path}/@CveMaterialPeligroso", commodity.un_number, f"{pointer}/un_number")
    writer.put(f"{path}/@Embalaje", commodity.mx_packaging, f"{pointer}/mx_packaging")
    writer.put(f"{path}/@PesoEnKg", _kg(commodity.weight_kg), f"{pointer}/gross_weight")
    if commodity.value is not None and commodity.currency is not None:
        writer.put(f"{path}/@ValorMercancia", commodity.value, f"{pointer}/value")
        writer.put(f"{path}/@Moneda", commodity.currency, f"{pointer}/currency")
    writer.put(f"{path}/@FraccionArancelaria", commodity.mx_fraccion, f"{pointer}/mx_fraccion")


def _documents(writer: _Writer, shipment: Shipment, path: str, base: str) -> None:
    number = 0
    for index, document in enumerate(shipment.customs_documents):
        pointer = f"{base}/customs_documents/{index}"
        if document.kind == "mx-cfdi-cce":
            writer.put(f"{path}/@UUIDComercioExt", document.number, f"{pointer}/number")
        if document.kind != "mx-pedimento":
            continue
        number += 1
        doc = f"{path}/cartaporte31:DocumentacionAduanera[{number}]"
        writer.put(f"{doc}/@TipoDocumento", _PEDIMENTO_DOCUMENT, f"{pointer}/kind")
        writer.put(f"{doc}/@NumPedimento", document.number, f"{pointer}/number")
        writer.put(f"{doc}/@RFCImpo", document.importer_rfc, f"{pointer}/importer_rfc")


def _autotransporte(writer: _Writer) -> None:
    trip, t = writer.trip, p.TRUCK
    carrier, truck = trip.carrier, trip.truck
    writer.put(f"{t}/@PermSCT", carrier.mx_permit_type, "/carrier/mx_permit_type")
    writer.put(f"{t}/@NumPermisoSCT", carrier.mx_permit_number, "/carrier/mx_permit_number")
    vehicle = f"{t}/cartaporte31:IdentificacionVehicular"
    writer.put(f"{vehicle}/@ConfigVehicular", truck.mx_configuration, "/truck/mx_configuration")
    writer.put(
        f"{vehicle}/@PesoBrutoVehicular",
        truck.gross_vehicle_weight_t,
        "/truck/gross_vehicle_weight_t",
    )
    plate = truck.plates[0].number if truck.plates else None
    writer.put(f"{vehicle}/@PlacaVM", plate, "/truck/plates")
    writer.put(f"{vehicle}/@AnioModeloVM", truck.model_year, "/truck/model_year")
    insurance = f"{t}/cartaporte31:Seguros"
    writer.put(f"{insurance}/@AseguraRespCivil", carrier.liability_insurer, "/carrier")
    writer.put(f"{insurance}/@PolizaRespCivil", carrier.liability_policy, "/carrier")
    for index, equipment in enumerate(trip.equipment[:2]):
        path, base = p.remolque(index + 1), f"/equipment/{index}"
        writer.put(f"{path}/@SubTipoRem", equipment.mx_subtype, f"{base}/mx_subtype")
        placa = equipment.plates[0].number if equipment.plates else None
        writer.put(f"{path}/@Placa", placa, f"{base}/plates")


def _figuras(writer: _Writer) -> None:
    number = 0
    for index, member in enumerate(writer.trip.crew):
        if member.role != "driver":
            continue
        number += 1
        path, base = p.figura(number), f"/crew/{index}"
        writer.fixed(f"{path}/@TipoFigura", p.DRIVER_FIGURE)
        writer.put(f"{path}/@RFCFigura", member.mx_rfc, f"{base}/mx_rfc")
        writer.put(f"{path}/@NumLicencia", member.licence_number, f"{base}/licence_number")
        name = f"{member.first_name} {member.last_name}"
        writer.put(f"{path}/@NombreFigura", name, f"{base}/first_name")
        writer.put(f"{path}/@NumRegIdTribFigura", member.tax_id, f"{base}/tax_id")
        residence = m.alpha3(member.residence) if member.residence else None
        writer.put(f"{path}/@ResidenciaFiscalFigura", residence, f"{base}/residence")

"""Reading ``mx-cfdi-cartaporte31``: a CFDI 4.0 with Carta Porte 3.1 into a core trip.

The document layout is described in :mod:`harmonized_customs.countries.mx.cartaporte31`.
The XML is parsed safely (no DTD, no entities, no network, size-bounded); every problem is
located by line and XPath. The Carta Porte identifies the truck and its trailers by their
plates only, so the plate stands for the unit and trailer numbers; the plates are Mexican
(``PlacaVM`` of a vehicle with a SICT permit). Each origin ``Ubicacion`` with its destination
makes a shipment; with several, ``CantidadTransporta`` says which goods go where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from harmonized_customs import cargo_io as io
from harmonized_customs.countries.mx import cargo_codes as _codes  # noqa: F401 - registers
from harmonized_customs.countries.mx import cartaporte31_paths as p
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_xml import Parsed, flatten, parse
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import CargoReport

__all__ = ["read", "read_trips"]

Doc = dict[str, Any]
_FOREIGN_RFC = "XEXX010101000"
_PACKAGE = re.compile(r"^[A-Z]{3}$")
_INDEX = re.compile(r"\[([0-9]+)\]$")


@dataclass
class _Source:
    """The values read, and where each core value came from."""

    parsed: Parsed
    name: str | None
    locate: dict[str, SourceLocation] = field(default_factory=dict)

    def get(self, path: str) -> str | None:
        value = self.parsed.values.get(path)
        return value.text if value is not None else None

    def take(self, pointer: str, path: str) -> str | None:
        """The value at ``path``, recording it as the source of ``pointer``."""
        value = self.parsed.values.get(path)
        element = path.split("/@", 1)[0]
        line = value.line if value is not None else self.parsed.lines.get(element)
        self.locate.setdefault(pointer, SourceLocation(file=self.name, line=line, xpath=path))
        return value.text if value is not None else None

    def count(self, base: str) -> int:
        """How many elements ``base[n]`` the document has."""
        found = {
            int(hit.group(1))
            for key in self.parsed.lines
            if key.startswith(base + "[")
            and (hit := _INDEX.search(key))
            and key[: hit.start()] == base
        }
        return max(found, default=0)


def read(data: bytes, source_name: str | None = None) -> Iterator[ReadResult]:
    """Read a comprobante; the trip travels in ``ReadResult.document``."""
    return io.read_results(read_trips(data, source_name))


def read_trips(
    data: bytes, source_name: str | None = None
) -> Iterator[tuple[CargoReport | None, tuple[Issue, ...]]]:
    """The trip of a CFDI with Carta Porte 3.1, with the issues found reading it."""
    root, problem = parse(data, source_name)
    if root is None:
        yield None, (problem,) if problem else ()
        return
    parsed = flatten(root, source_name, p.shape())
    issues = list(parsed.issues)
    if parsed.fatal or p.CARTA not in parsed.lines:
        yield None, tuple(issues)
        return
    source = _Source(parsed, source_name)
    issues.extend(_header_issues(source))
    trip, found = io.trip_from_data(_trip(source), source.locate)
    yield trip, (*issues, *found)


def _header_issues(source: _Source) -> Iterator[Issue]:
    """The comprobante is a traslado or an ingreso, the complement version 3.1."""
    kind_path = f"{p.COMPROBANTE}/@TipoDeComprobante"
    kind = source.get(kind_path)
    where = SourceLocation(file=source.name, line=source.parsed.lines.get(p.COMPROBANTE))
    if kind == "I":
        yield Issue.of("mx_ccp_ingreso_amounts_not_kept", "", target="MX", source=where)
    elif kind is not None and kind != "T":
        yield Issue.of(
            "mx_ccp_comprobante_type",
            "",
            target="MX",
            source=SourceLocation(file=source.name, line=where.line, xpath=kind_path),
            value=kind,
        )
    version = source.get(f"{p.CARTA}/@Version")
    if version is not None and version != "3.1":
        carta = SourceLocation(
            file=source.name, line=source.parsed.lines.get(p.CARTA), xpath=f"{p.CARTA}/@Version"
        )
        yield Issue.of("mx_ccp_version", "", target="MX", source=carta, value=version)


def _trip(source: _Source) -> Doc:
    data: Doc = {
        "kind": "cargo-report",
        "trip_number": source.take("/trip_number", f"{p.COMPROBANTE}/@Folio"),
        "reported_at": source.take("/reported_at", f"{p.COMPROBANTE}/@Fecha"),
        "mx_ccp_id": source.take("/mx_ccp_id", f"{p.CARTA}/@IdCCP"),
        "carrier": _carrier(source),
        "truck": _truck(source),
        "equipment": _equipment(source),
        "crew": _crew(source),
        "crossings": _crossings(source),
        "shipments": _shipments(source),
    }
    return io.drop(data)


def _carrier(source: _Source) -> Doc:
    postal = source.take("/carrier/address/postal_code", f"{p.COMPROBANTE}/@LugarExpedicion")
    insurance = f"{p.TRUCK}/cartaporte31:Seguros"
    return io.drop(
        {
            "name": source.take("/carrier/name", f"{p.EMISOR}/@Nombre"),
            "mx_rfc": source.take("/carrier/mx_rfc", f"{p.EMISOR}/@Rfc"),
            "mx_tax_regime": source.take("/carrier/mx_tax_regime", f"{p.EMISOR}/@RegimenFiscal"),
            "mx_permit_type": source.take("/carrier/mx_permit_type", f"{p.TRUCK}/@PermSCT"),
            "mx_permit_number": source.take(
                "/carrier/mx_permit_number", f"{p.TRUCK}/@NumPermisoSCT"
            ),
            "liability_insurer": source.take(
                "/carrier/liability_insurer", f"{insurance}/@AseguraRespCivil"
            ),
            "liability_policy": source.take(
                "/carrier/liability_policy", f"{insurance}/@PolizaRespCivil"
            ),
            "address": {"postal_code": postal, "country": "MX"} if postal else None,
        }
    )


def _truck(source: _Source) -> Doc:
    vehicle = f"{p.TRUCK}/cartaporte31:IdentificacionVehicular"
    plate = source.take("/truck/unit_number", f"{vehicle}/@PlacaVM")
    source.take("/truck/plates/0/number", f"{vehicle}/@PlacaVM")
    return io.drop(
        {
            "unit_number": plate,
            "plates": [{"number": plate, "country": "MX"}] if plate else [],
            "model_year": source.take("/truck/model_year", f"{vehicle}/@AnioModeloVM"),
            "mx_configuration": source.take(
                "/truck/mx_configuration", f"{vehicle}/@ConfigVehicular"
            ),
            "gross_vehicle_weight_t": source.take(
                "/truck/gross_vehicle_weight_t", f"{vehicle}/@PesoBrutoVehicular"
            ),
        }
    )


def _equipment(source: _Source) -> list[Doc]:
    found = []
    base = f"{p.TRUCK}/cartaporte31:Remolques/cartaporte31:Remolque"
    for number in range(1, source.count(base) + 1):
        path, pointer = p.remolque(number), f"/equipment/{number - 1}"
        plate = source.take(f"{pointer}/number", f"{path}/@Placa")
        subtype = source.take(f"{pointer}/mx_subtype", f"{path}/@SubTipoRem")
        found.append(
            io.drop(
                {
                    "number": plate,
                    "plates": [{"number": plate, "country": "MX"}] if plate else [],
                    "mx_subtype": subtype,
                }
            )
        )
    return found


def _crew(source: _Source) -> list[Doc]:
    crew: list[Doc] = []
    base = f"{p.CARTA}/cartaporte31:FiguraTransporte/cartaporte31:TiposFigura"
    for number in range(1, source.count(base) + 1):
        path = p.figura(number)
        if source.get(f"{path}/@TipoFigura") != p.DRIVER_FIGURE:
            continue
        pointer = f"/crew/{len(crew)}"
        name = source.take(f"{pointer}/first_name", f"{path}/@NombreFigura") or ""
        first, _, last = name.strip().partition(" ")
        source.take(f"{pointer}/last_name", f"{path}/@NombreFigura")
        rfc = source.take(f"{pointer}/mx_rfc", f"{path}/@RFCFigura")
        residence = source.take(f"{pointer}/residence", f"{path}/@ResidenciaFiscalFigura")
        crew.append(
            io.drop(
                {
                    "role": "driver",
                    "first_name": first or None,
                    "last_name": last.strip() or None,
                    "licence_number": source.take(
                        f"{pointer}/licence_number", f"{path}/@NumLicencia"
                    ),
                    "mx_rfc": rfc,
                    "tax_id": source.take(f"{pointer}/tax_id", f"{path}/@NumRegIdTribFigura"),
                    "residence": m.alpha2(residence) if residence else ("MX" if rfc else None),
                }
            )
        )
    return crew


def _crossings(source: _Source) -> list[Doc]:
    if source.get(f"{p.CARTA}/@TranspInternac") != "Sí":
        return []
    direction = source.take("/crossings/0/direction", f"{p.CARTA}/@EntradaSalidaMerc")
    if direction not in {"Entrada", "Salida"}:
        return []
    leaving = direction == "Salida"
    found: list[Doc] = [{"country": "MX", "direction": "exit" if leaving else "entry"}]
    other = m.alpha2(source.take("/crossings/1/country", f"{p.CARTA}/@PaisOrigenDestino"))
    if leaving and other in {"US", "CA"}:
        found.append({"country": other, "direction": "entry"})
    elif not leaving and other in {"US", "CA"}:
        found.append({"country": other, "direction": "exit"})
    return found


def _ubicaciones(source: _Source) -> tuple[list[str], list[str]]:
    origins: list[str] = []
    destinations: list[str] = []
    base = f"{p.CARTA}/cartaporte31:Ubicaciones/cartaporte31:Ubicacion"
    for number in range(1, source.count(base) + 1):
        path = p.ubicacion(number)
        kind = source.get(f"{path}/@TipoUbicacion")
        (origins if kind == "Origen" else destinations).append(path)
    return origins, destinations


def _shipments(source: _Source) -> list[Doc]:
    origins, destinations = _ubicaciones(source)
    count = max(len(origins), len(destinations))
    if not origins or not destinations:
        return []
    regimes = _regimes(source)
    shipments = []
    for index in range(count):
        origin = origins[min(index, len(origins) - 1)]
        destination = destinations[min(index, len(destinations) - 1)]
        base = f"/shipments/{index}"
        shipment = io.drop(
            {
                "shipper": _party(source, origin, f"{base}/shipper"),
                "consignee": _party(source, destination, f"{base}/consignee"),
                "place_of_loading": _place(source, origin, f"{base}/place_of_loading"),
                "place_of_delivery": _place(source, destination, f"{base}/place_of_delivery")
                or None,
                "departure": source.take(f"{base}/departure", f"{origin}/@FechaHoraSalidaLlegada"),
                "delivery": source.take(
                    f"{base}/delivery", f"{destination}/@FechaHoraSalidaLlegada"
                ),
                "distance_km": source.take(
                    f"{base}/distance_km", f"{destination}/@DistanciaRecorrida"
                ),
                "mx_regimes": regimes,
            }
        )
        shipments.append(shipment | {"customs_documents": [], "commodities": []})
    _assign_goods(source, shipments, origins, destinations)
    for shipment in shipments:
        if not shipment["customs_documents"]:
            del shipment["customs_documents"]
    return shipments


def _regimes(source: _Source) -> list[str]:
    base = f"{p.CARTA}/cartaporte31:RegimenesAduaneros/cartaporte31:RegimenAduaneroCCP"
    found = []
    for number in range(1, source.count(base) + 1):
        value = source.take("/shipments/0/mx_regimes", f"{base}[{number}]/@RegimenAduanero")
        if value is not None:
            found.append(value)
    return found


def _party(source: _Source, path: str, pointer: str) -> Doc:
    rfc = source.take(f"{pointer}/identifiers", f"{path}/@RFCRemitenteDestinatario")
    tax_id = source.take(f"{pointer}/identifiers", f"{path}/@NumRegIdTrib")
    residence = m.alpha2(source.get(f"{path}/@ResidenciaFiscal"))
    identifiers = []
    if rfc is not None and rfc != _FOREIGN_RFC:
        identifiers.append({"scheme": "mx-rfc", "value": rfc})
    if tax_id is not None:
        identifiers.append(io.drop({"scheme": "tax-id", "value": tax_id, "country": residence}))
    return io.drop(
        {
            "name": source.take(f"{pointer}/name", f"{path}/@NombreRemitenteDestinatario"),
            "identifiers": identifiers,
            "address": _address(source, f"{path}/cartaporte31:Domicilio", f"{pointer}/address"),
        }
    )


def _address(source: _Source, path: str, pointer: str) -> Doc | None:
    if path not in source.parsed.lines:
        return None
    country = m.alpha2(source.take(f"{pointer}/country", f"{path}/@Pais"))
    estado = source.take(f"{pointer}/subdivision", f"{path}/@Estado")
    street = source.take(f"{pointer}/lines/0", f"{path}/@Calle")
    return io.drop(
        {
            "lines": [street] if street else [],
            "city": source.take(f"{pointer}/city", f"{path}/@Municipio"),
            "subdivision": m.subdivision(country, estado) if country else None,
            "postal_code": source.take(f"{pointer}/postal_code", f"{path}/@CodigoPostal"),
            "country": country,
        }
    )


def _place(source: _Source, path: str, pointer: str) -> Doc:
    address = _address(source, f"{path}/cartaporte31:Domicilio", pointer) or {}
    return {k: v for k, v in address.items() if k in {"city", "subdivision", "country"}} | (
        {"postal_code": address["postal_code"]} if "postal_code" in address else {}
    )


def _assign_goods(
    source: _Source, shipments: list[Doc], origins: list[str], destinations: list[str]
) -> None:
    ids = {source.get(f"{path}/@IDUbicacion"): n for n, path in enumerate(destinations)}
    base = f"{p.MERCANCIAS}/cartaporte31:Mercancia"
    for number in range(1, source.count(base) + 1):
        path = p.mercancia(number)
        target = ids.get(source.get(f"{path}/cartaporte31:CantidadTransporta[1]/@IDDestino"), 0)
        shipment = shipments[min(target, len(shipments) - 1)]
        pointer = f"/shipments/{shipments.index(shipment)}"
        index = len(shipment["commodities"])
        shipment["commodities"].append(_commodity(source, path, f"{pointer}/commodities/{index}"))
        for document in _documents(source, path, f"{pointer}/customs_documents"):
            if document not in shipment["customs_documents"]:
                shipment["customs_documents"].append(document)


def _commodity(source: _Source, path: str, pointer: str) -> Doc:
    package = source.take(f"{pointer}/package_type", f"{path}/@Unidad")
    return io.drop(
        {
            "description": source.take(f"{pointer}/description", f"{path}/@Descripcion"),
            "mx_product_key": source.take(f"{pointer}/mx_product_key", f"{path}/@BienesTransp"),
            "quantity": source.take(f"{pointer}/quantity", f"{path}/@Cantidad"),
            "unit": source.take(f"{pointer}/unit", f"{path}/@ClaveUnidad"),
            "package_type": package if package and _PACKAGE.match(package) else None,
            "mx_packaging": source.take(f"{pointer}/mx_packaging", f"{path}/@Embalaje"),
            "gross_weight": source.take(f"{pointer}/gross_weight", f"{path}/@PesoEnKg"),
            "weight_unit": "KGM",
            "value": source.take(f"{pointer}/value", f"{path}/@ValorMercancia"),
            "currency": source.take(f"{pointer}/currency", f"{path}/@Moneda"),
            "mx_fraccion": source.take(f"{pointer}/mx_fraccion", f"{path}/@FraccionArancelaria"),
            "un_number": source.take(f"{pointer}/un_number", f"{path}/@CveMaterialPeligroso"),
        }
    )


def _documents(source: _Source, path: str, pointer: str) -> Iterator[Doc]:
    base = f"{path}/cartaporte31:DocumentacionAduanera"
    for number in range(1, source.count(base) + 1):
        doc = f"{base}[{number}]"
        kind = source.get(f"{doc}/@TipoDocumento")
        number_text = source.take(f"{pointer}/{number - 1}/number", f"{doc}/@NumPedimento")
        if kind != "01":
            number_text = source.take(f"{pointer}/{number - 1}/number", f"{doc}/@IdentDocAduanero")
        yield io.drop(
            {
                "kind": "mx-pedimento" if kind == "01" else "other",
                "number": number_text,
                "importer_rfc": source.take(
                    f"{pointer}/{number - 1}/importer_rfc", f"{doc}/@RFCImpo"
                ),
            }
        )
    uuid = source.take(f"{pointer}/0/number", f"{path}/@UUIDComercioExt")
    if uuid is not None:
        yield {"kind": "mx-cfdi-cce", "number": uuid}

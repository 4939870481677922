"""From the records of one pedimento of an M3 file to a core-model declaration.

Mapping of the SAAI M3 records (SAT "Lineamientos Técnicos de Registros VOCE-SAAI M3" v9.0) to
the core model: the importer or exporter (501) and the supplier or buyer of the first factura
(505) become parties; the tipo de cambio a USD->MXN exchange rate; the partidas (551) goods
items with fracción and NICO, USD value, valor en aduana in pesos, UMC and UMT; the dates (506)
the arrival and declaration dates; the transport mode (Apéndice 3) a Rec 19 mode. Every value
is also kept in ``national.mx`` as filed, so that the writer gives the same records back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import ValidationError

from harmonized_customs import collector
from harmonized_customs.countries.mx import m3_lists
from harmonized_customs.countries.mx.m3_layout import ParsedRecord, Partida, Pedimento, layout
from harmonized_customs.identifiers import mx_pedimento
from harmonized_customs.identifiers._errors import IdentifierError
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration
from harmonized_customs.model.valuation import Incoterm
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["build_declaration"]

Data = dict[str, Any]

_NATIONAL_OBJECTS: dict[str, str] = {
    "502": "transportes",
    "503": "guias",
    "504": "contenedores",
    "505": "facturas",
    "506": "fechas",
    "507": "identifiers",
    "509": "tasas",
    "510": "contribuciones",
    "511": "observaciones",
    "512": "descargos",
}
"""Pedimento-level record -> list of ``national.mx`` holding one object per record."""

_LINE_OBJECTS: dict[str, str] = {
    "552": "mercancias",
    "553": "permisos",
    "554": "identifiers",
    "555": "cuentas_aduaneras",
    "556": "tasas",
    "557": "contribuciones",
    "558": "observaciones",
}
"""Partida-level record -> list of the goods item's ``national.mx``."""

_PEDIMENTO_KEYS = frozenset({"pedimento"})
_PARTIDA_KEYS = frozenset({"pedimento", "fraccion", "partida"})

_GENERAL_FIELDS = (
    "aduana_entrada_salida",
    "curp",
    "curp_agente",
    "rfc_emisor_servicios",
    "medio_transporte_salida",
    "medio_transporte_arribo",
    "medio_transporte_entrada_salida",
    "uso_futuro",
    "destino",
    "clave_pedimento",
    "tipo_operacion",
)
_ADDRESS_FIELDS = (
    "calle",
    "numero_interior",
    "numero_exterior",
    "codigo_postal",
    "municipio",
    "entidad",
    "pais",
)
_ADJUSTMENTS = (
    "fletes",
    "seguros",
    "embalajes",
    "otros_incrementables",
    "decrementables_fletes",
    "decrementables_seguros",
    "decrementables_carga",
    "decrementables_descarga",
    "otros_decrementables",
)
_CHARGES = {
    "embalajes": ("embalajes", "addition"),
    "otros_incrementables": ("otros incrementables", "addition"),
    "decrementables_fletes": ("decrementables: fletes", "deduction"),
    "decrementables_seguros": ("decrementables: seguros", "deduction"),
    "decrementables_carga": ("decrementables: carga", "deduction"),
    "decrementables_descarga": ("decrementables: descarga", "deduction"),
    "otros_decrementables": ("otros decrementables", "deduction"),
}
_LINE_FIELDS = (
    "valuation_method",
    "precio_unitario",
    "precio_pagado",
    "valor_agregado",
    "umc",
    "cantidad_umc",
    "codigo_producto",
    "marca",
    "modelo",
    "pais_origen_destino",
    "pais_vendedor_comprador",
    "entidad_origen",
    "entidad_destino",
    "entidad_comprador",
    "entidad_vendedor",
)
_DOCUMENT_KINDS = {"M": "master-bill", "H": "house-bill"}
_TMEC_PARTIES = {"USA", "CAN"}


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """The entries that hold a value."""
    return {k: v for k, v in values.items() if v is not None}


def _fits(value: str | None, limit: int) -> str | None:
    """The value when the core model's length limit takes it."""
    return value if value is not None and len(value) <= limit else None


def _object(record: ParsedRecord, keys: frozenset[str]) -> Data:
    """A national object from a record: its fields except the keys, empty ones left out."""
    return _present({k: v for k, v in record.values.items() if k not in keys})


class _Builder:
    """Collects core-json data, issues and source locations for one pedimento."""

    def __init__(
        self, pedimento: Pedimento, trailer: ParsedRecord | None, file: str | None
    ) -> None:
        self.pedimento = pedimento
        self.trailer = trailer
        self.file = file
        self.issues: list[Issue] = []
        self.locate: dict[str, SourceLocation] = {"": pedimento.start.source(file=file)}
        self.general = self._general()
        self.direction = {"1": "import", "2": "export"}.get(
            (self.general.text("tipo_operacion") if self.general else None) or ""
        )

    def _general(self) -> ParsedRecord | None:
        found = [r for r in self.pedimento.records if r.code == "501"]
        for extra in found[1:]:
            self.issues.append(
                Issue.of(
                    "mx_m3_record_repeated",
                    source=extra.source(file=self.file),
                    pedimento=self.pedimento.number or "",
                    record="501",
                )
            )
        if not found:
            self.issues.append(self._no_general())
            return None
        self.locate["/national/mx"] = found[0].source(file=self.file)
        self.issues.extend(self._header_mismatches(found[0]))
        return found[0]

    def _header_mismatches(self, general: ParsedRecord) -> Iterator[Issue]:
        """Patente and aduana-sección of the 501 that differ from the 500's."""
        for name in ("patente", "aduana_seccion"):
            found, expected = general.text(name), self.pedimento.start.text(name)
            if found is not None and expected is not None and found != expected:
                yield Issue.of(
                    "mx_m3_header_mismatch",
                    source=general.source(name, self.file),
                    field=general.definition.field(name).label,
                    found=found,
                    expected=expected,
                )

    def _no_general(self) -> Issue:
        """Why there is no record 501: a movement without data, or a missing record."""
        start = self.pedimento.start
        movement = start.text("tipo_movimiento")
        names = layout().movement_types
        if movement is not None and movement != "1" and movement in names:
            return Issue.of(
                "mx_m3_movement_not_supported",
                source=start.source("tipo_movimiento", self.file),
                pedimento=self.pedimento.number or "",
                movement=movement,
                name=names[movement],
            )
        return Issue.of(
            "mx_m3_record_missing",
            source=start.source(file=self.file),
            pedimento=self.pedimento.number or "",
            record="501",
        )

    def records(self, code: str) -> list[ParsedRecord]:
        return [r for r in self.pedimento.records if r.code == code]

    # -- code lists -------------------------------------------------------------------
    def code_issues(self) -> Iterator[Issue]:
        every = [self.pedimento.start, *self.pedimento.records]
        for partida in self.pedimento.partidas:
            every += [partida.record, *partida.details]
        if self.pedimento.end is not None:
            every.append(self.pedimento.end)
        lists = layout().code_lists
        for record in every:
            for spec in record.definition.fields:
                value = record.text(spec.name)
                if spec.table is None or value is None or m3_lists.known(spec.table, value):
                    continue
                yield Issue.of(
                    "mx_m3_code_unknown",
                    source=record.source(spec.name, self.file),
                    record=record.code,
                    field=spec.label,
                    value=value,
                    appendix=lists[spec.table],
                )

    # -- national.mx --------------------------------------------------------------------
    def national(self) -> Data:
        start = self.pedimento.start
        mx: Data = {
            "pedimento_serial": start.text("pedimento"),
            "patente": start.text("patente"),
            "aduana_seccion": start.text("aduana_seccion"),
            "tipo_movimiento": start.text("tipo_movimiento"),
            "acuse_validacion": start.text("acuse_validacion"),
        }
        general = self.general
        if general is not None:
            mx.update({name: general.values.get(name) for name in _GENERAL_FIELDS})
            mx["domicilio"] = _present({n: general.values.get(n) for n in _ADDRESS_FIELDS}) or None
            mx["ajustes"] = _present({n: general.values.get(n) for n in _ADJUSTMENTS}) or None
        for code, name in _NATIONAL_OBJECTS.items():
            mx[name] = [_object(r, _PEDIMENTO_KEYS) for r in self.records(code)]
        end = self.pedimento.end
        if end is not None:
            mx["firma"] = _object(end, _PEDIMENTO_KEYS)
        if self.trailer is not None:
            mx["archivo"] = _present(
                {
                    "nombre_archivo": self.trailer.text("nombre_archivo"),
                    "clave_prevalidador": self.trailer.text("clave_prevalidador"),
                }
            )
        mx["pedimento_number"] = self.pedimento_number()
        return _present(mx)

    def _dates(self) -> list[dt.date]:
        """Dates of the pedimento, the payment date first."""
        fechas = self.records("506")
        ordered = [r for r in fechas if r.text("tipo") == "2"] + fechas
        found = [r.date("fecha") for r in ordered]
        found += [r.date("fecha") for r in self.records("505")]
        return [d for d in found if d is not None]

    def pedimento_number(self) -> str | None:
        """The 15-digit number, when a date of the pedimento gives the validation year."""
        start = self.pedimento.start
        serial, patente = start.text("pedimento"), start.text("patente")
        aduana = start.text("aduana_seccion")
        if serial is None or patente is None or aduana is None or len(serial) != 7:
            return None
        year = next((d.year for d in self._dates() if str(d.year)[-1] == serial[0]), None)
        if year is None:
            self.issues.append(
                Issue.of(
                    "mx_m3_year_unknown", source=start.source(file=self.file), pedimento=serial
                )
            )
            return None
        try:
            return mx_pedimento.compose(f"{year % 100:02d}", aduana[:2], patente, serial)
        except IdentifierError:
            return None

    # -- parties ----------------------------------------------------------------------------
    def _address(self, values: dict[str, Any]) -> Data | None:
        country = self._country(values.get("pais"))
        if country is None:
            return None
        entidad = values.get("entidad")
        subdivision = f"{country}-{entidad}" if entidad else None
        if subdivision is not None and not m3_lists.is_subdivision(subdivision):
            subdivision = None
        calle = values.get("calle")
        return _present(
            {
                "lines": [calle] if calle else [],
                "city": _fits(values.get("municipio"), 70),
                "postal_code": _fits(values.get("codigo_postal"), 17),
                "subdivision": subdivision,
                "country": country,
            }
        )

    def _country(self, code: str | None, where: SourceLocation | None = None) -> str | None:
        if code is None:
            return None
        iso = m3_lists.iso_country(code)
        if iso is None and m3_lists.known("ap4", code):
            self.issues.append(Issue.of("mx_m3_country_not_iso", source=where, value=code))
        return iso

    def declarant_party(self) -> Data | None:
        general = self.general
        if general is None or general.text("nombre") is None:
            return None
        identifiers = [
            {"scheme": scheme, "value": general.text(name)}
            for scheme, name in (("mx-rfc", "rfc"), ("mx-curp", "curp"))
            if general.text(name) is not None
        ]
        return _present(
            {
                "name": general.text("nombre"),
                "identifiers": identifiers,
                "address": self._address(general.values),
            }
        )

    def counterparty(self) -> Data | None:
        factura = next((r for r in self.records("505") if r.text("nombre")), None)
        if factura is None:
            return None
        country = self._country(factura.text("pais"), factura.source("pais", self.file))
        tax_id = _fits(factura.text("identificacion_fiscal"), 35)
        identifiers = [{"scheme": "tax-id", "value": tax_id, "country": country}] if tax_id else []
        return _present(
            {
                "name": factura.text("nombre"),
                "identifiers": [_present(i) for i in identifiers],
                "address": self._address(factura.values),
            }
        )

    # -- valuation, invoices, transport --------------------------------------------------------
    def currency(self) -> str:
        monedas = [m for m in (r.text("moneda") for r in self.records("505")) if m]
        iso = m3_lists.iso_currency(monedas[0]) if monedas else None
        return iso or "USD"

    def valuation(self) -> Data:
        general = self.general
        data: Data = {"currency": self.currency()}
        incoterms = [t for t in (r.text("incoterm") for r in self.records("505")) if t]
        if incoterms and incoterms[0] in get_args(Incoterm):
            data["incoterm"] = incoterms[0]
        if general is None:
            return data
        rate = general.decimal("tipo_cambio")
        if rate is not None:
            data["exchange_rates"] = [
                {
                    "source_currency": "USD",
                    "target_currency": "MXN",
                    "rate": rate,
                    "basis": "tipo de cambio del pedimento (DOF)",
                }
            ]
        for name, target in (("fletes", "freight"), ("seguros", "insurance")):
            amount = general.decimal(name)
            if amount:
                data[target] = {"amount": amount, "currency": "MXN"}
        data["other_charges"] = [
            {
                "kind": kind,
                "amount": {"amount": general.decimal(name), "currency": "MXN"},
                "treatment": treatment,
            }
            for name, (kind, treatment) in _CHARGES.items()
            if general.decimal(name)
        ]
        return data

    def invoices(self) -> list[Data]:
        seen: set[str] = set()
        found: list[Data] = []
        for record in self.records("505"):
            number = _fits(record.text("numero"), 35)
            if number is None or number in seen:
                continue
            seen.add(number)
            self.locate[f"/invoices/{len(found)}"] = record.source(file=self.file)
            currency = m3_lists.iso_currency(record.text("moneda") or "")
            amount = record.decimal("valor_moneda")
            total = {"amount": amount, "currency": currency} if currency and amount else None
            found.append(_present({"number": number, "date": record.date("fecha"), "total": total}))
        return found

    def transport(self) -> Data | None:
        general = self.general
        if general is None:
            return None
        codes = (
            "medio_transporte_entrada_salida",
            "medio_transporte_arribo",
            "medio_transporte_salida",
        )
        mode = next(
            (m for m in (m3_lists.rec19_from_ap3(general.text(c) or "") for c in codes) if m),
            None,
        )
        if mode is None:
            return None
        documents = [
            {
                "kind": _DOCUMENT_KINDS.get(r.text("tipo") or "", "bill-of-lading"),
                "number": r.text("numero"),
            }
            for r in self.records("503")
            if (r.text("numero") or "").replace("-", "").replace("/", "").replace(" ", "").isalnum()
            and len(r.text("numero") or "") <= 35
        ]
        equipment = [
            {"identifier": r.text("numero")}
            for r in self.records("504")
            if (r.text("numero") or "").isalnum() and (r.text("numero") or "").isupper()
        ]
        return _present(
            {
                "mode": mode[0],
                "containerised": mode[1],
                "documents": documents,
                "equipment": equipment,
            }
        )

    def dates(self) -> Data:
        by_type: dict[str, dt.date] = {}
        for record in self.records("506"):
            tipo, fecha = record.text("tipo"), record.date("fecha")
            if tipo is not None and fecha is not None:
                by_type.setdefault(tipo, fecha)
        return _present(
            {
                "arrival_date": by_type.get("1") if self.direction == "import" else None,
                "declaration_date": by_type.get("2"),
            }
        )

    # -- goods items ----------------------------------------------------------------------------
    def goods_items(self) -> list[Data]:
        items = []
        for index, partida in enumerate(self.pedimento.partidas):
            self.locate[f"/goods_items/{index}"] = partida.record.source(file=self.file)
            items.append(self.goods_item(partida))
        return items

    def _origin(self, record: ParsedRecord) -> str | None:
        code = record.text("pais_origen_destino")
        if self.direction != "export":
            return self._country(code, record.source("pais_origen_destino", self.file))
        self.issues.append(
            Issue.of(
                "mx_m3_export_origin_assumed",
                source=record.source("pais_origen_destino", self.file),
                partida=record.text("partida") or "",
            )
        )
        return "MX"

    def goods_item(self, partida: Partida) -> Data:
        record = partida.record
        fraccion = record.text("fraccion")
        line_mx: Data = {name: record.values.get(name) for name in _LINE_FIELDS}
        vinculacion = record.text("vinculacion")
        line_mx["vinculacion"] = vinculacion if vinculacion in ("0", "1", "2") else None
        for code, name in _LINE_OBJECTS.items():
            line_mx[name] = [_object(r, _PARTIDA_KEYS) for r in partida.details if r.code == code]
        usd, pagado = record.decimal("valor_usd"), record.decimal("precio_pagado")
        value = {"amount": usd, "currency": "USD"} if usd is not None else None
        if value is None and pagado is not None:
            value = {"amount": pagado, "currency": "MXN"}
        umc, cantidad_umc = record.text("umc"), record.decimal("cantidad_umc")
        unit = m3_lists.rec20_from_ap7(umc) if umc else None
        umt, cantidad_umt = record.text("umt"), record.decimal("cantidad_umt")
        aduana = record.decimal("valor_aduana")
        return _present(
            {
                "line_number": int(record.text("partida") or 0),
                "description": record.text("descripcion"),
                "classification": _present(
                    {
                        "hs6": fraccion[:6] if fraccion else None,
                        "mx_fraccion": fraccion,
                        "mx_nico": record.text("nico"),
                    }
                ),
                "origin_country": self._origin(record),
                "quantity": {"value": cantidad_umc, "unit": unit}
                if unit and cantidad_umc is not None
                else None,
                "tariff_quantities": [{"jurisdiction": "MX", "value": cantidad_umt, "unit": umt}]
                if umt and cantidad_umt is not None
                else [],
                "value": value,
                "customs_values": [
                    {"jurisdiction": "MX", "amount": {"amount": aduana, "currency": "MXN"}}
                ]
                if aduana is not None
                else [],
                "preference": {"program": "USMCA"} if _claims_tmec(line_mx) else None,
                "national": {"mx": _present(line_mx)},
            }
        )

    def data(self) -> Data:
        for issue in self.code_issues():
            self.issues.append(issue)
        role = "exporter" if self.direction == "export" else "importer"
        other = "buyer" if self.direction == "export" else "seller"
        general = self.general
        peso = general.decimal("peso_bruto") if general else None
        items = self.goods_items()
        destination = None
        if self.direction == "export" and self.pedimento.partidas:
            first = self.pedimento.partidas[0].record.text("pais_origen_destino")
            destination = m3_lists.iso_country(first) if first else None
        return _present(
            {
                "direction": self.direction,
                **self.dates(),
                "country_of_destination": "MX" if self.direction == "import" else destination,
                "country_of_export": "MX" if self.direction == "export" else None,
                "national": {"mx": self.national()},
                role: self.declarant_party(),
                other: self.counterparty(),
                "transport": self.transport(),
                "valuation": self.valuation(),
                "invoices": self.invoices(),
                "goods_items": items,
                "totals": {"gross_weight_kg": peso} if peso is not None else None,
            }
        )


def _claims_tmec(line_mx: Data) -> bool:
    """An identificador TL naming the United States or Canada as the exporting Party."""
    return any(
        i.get("code") == "TL" and i.get("complement1") in _TMEC_PARTIES
        for i in line_mx.get("identifiers", [])
    )


_KEY_POINTERS = {
    "pedimento": "/national/mx/pedimento_serial",
    "fraccion": "/goods_items/{item}/classification/mx_fraccion",
    "partida": "/goods_items/{item}/line_number",
}


def _record_pointers(pedimento: Pedimento) -> dict[int, tuple[ParsedRecord, int | None, int]]:
    """Line -> (record, goods item index or None, position among its kind)."""
    found: dict[int, tuple[ParsedRecord, int | None, int]] = {
        pedimento.start.raw.line: (pedimento.start, None, 0)
    }
    counts: dict[str, int] = {}
    for record in pedimento.records:
        found[record.raw.line] = (record, None, counts.get(record.code, 0))
        counts[record.code] = counts.get(record.code, 0) + 1
    for item, partida in enumerate(pedimento.partidas):
        found[partida.record.raw.line] = (partida.record, item, 0)
        details: dict[str, int] = {}
        for record in partida.details:
            found[record.raw.line] = (record, item, details.get(record.code, 0))
            details[record.code] = details.get(record.code, 0) + 1
    if pedimento.end is not None:
        found[pedimento.end.raw.line] = (pedimento.end, None, 0)
    return found


def _field_pointer(record: ParsedRecord, name: str, item: int | None, n: int, party: str) -> str:
    """The core-model pointer of one field of a record."""
    definition = record.definition
    spec = next((f for f in definition.fields if f.title == name), None)
    if spec is None:
        return ""
    values = {"item": "" if item is None else str(item), "n": str(n), "party": party}
    base = definition.pointer.format(**values)
    if spec.pointer is not None:
        target = spec.pointer if spec.pointer.startswith("/") else f"{base}/{spec.pointer}"
    elif spec.name in _KEY_POINTERS and definition.code not in ("500", "512"):
        target = _KEY_POINTERS[spec.name]
    elif definition.code == "551":
        target = f"{base}/national/mx/{spec.name}"
    else:
        target = f"{base}/{spec.name}"
    return target.format(**values)


def locate_issues(issues: list[Issue], pedimento: Pedimento, direction: str | None) -> list[Issue]:
    """Give each field issue of the pedimento's records the pointer of its value."""
    lines = _record_pointers(pedimento)
    party = "exporter" if direction == "export" else "importer"
    located = []
    for issue in issues:
        where = issue.source
        known = lines.get(where.line) if where is not None and where.line is not None else None
        if issue.pointer or where is None or where.field is None or known is None:
            located.append(issue)
            continue
        record, item, n = known
        pointer = _field_pointer(record, where.field, item, n, party)
        located.append(issue.replace(pointer=pointer) if pointer else issue)
    return located


def build_declaration(
    pedimento: Pedimento, trailer: ParsedRecord | None, file: str | None
) -> tuple[Declaration | None, list[Issue]]:
    """The declaration of one pedimento, and the issues found building it."""
    builder = _Builder(pedimento, trailer, file)
    if builder.general is None:
        return None, builder.issues
    data = builder.data()
    found = locate_issues(builder.issues, pedimento, builder.direction)
    try:
        with collector.paused():
            declaration = Declaration.model_validate(data)
    except ValidationError as exc:
        return None, [*found, *issues_from_validation_error(exc, locate=builder.locate)]
    return declaration, found

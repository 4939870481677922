"""From declarations to the records of an SAAI M3 validation file.

Each value comes from ``national.mx`` when the declaration holds it as filed (a declaration
read from an M3 file does), otherwise from the core model through the Anexo 22 crosswalks.
A value the pedimento needs and the declaration lacks gives ``mx_m3_value_missing``; a core
value the M3 file has no place for gives ``value_not_carried``. Layout: SAT "Lineamientos
Técnicos de Registros VOCE-SAAI M3" v9.0 (2021), as described in ``data/m3_records.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel

from harmonized_customs import currency
from harmonized_customs.countries.mx import m3_lists, units
from harmonized_customs.countries.mx.m3_layout import (
    DIALECT,
    FieldDef,
    Problem,
    RecordDef,
    Value,
    format_record,
    layout,
)
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.issues import Issue, Severity
from harmonized_customs.issues import get_issue_code as _code
from harmonized_customs.losses import not_carried_by
from harmonized_customs.model import Declaration, GoodsItem, Money, Party, TariffQuantity
from harmonized_customs.model.national_mx import MXDeclarationData, MXLineData
from harmonized_customs.records import record_problems

__all__ = ["required_issues", "write_declarations"]

FORMAT_NAME = "mx-pedimento-m3"
_CENT = Decimal("0.01")
_PEDIMENTO_LISTS = (
    ("502", "transportes"),
    ("503", "guias"),
    ("504", "contenedores"),
    ("505", "facturas"),
    ("506", "fechas"),
    ("507", "identifiers"),
    ("509", "tasas"),
    ("510", "contribuciones"),
    ("511", "observaciones"),
    ("512", "descargos"),
)
_LINE_LISTS = (
    ("552", "mercancias"),
    ("553", "permisos"),
    ("554", "identifiers"),
    ("555", "cuentas_aduaneras"),
    ("556", "tasas"),
    ("557", "contribuciones"),
    ("558", "observaciones"),
)
_CHARGE_FIELDS = {
    "embalajes": "embalajes",
    "otros incrementables": "otros_incrementables",
    "decrementables: fletes": "decrementables_fletes",
    "decrementables: seguros": "decrementables_seguros",
    "decrementables: carga": "decrementables_carga",
    "decrementables: descarga": "decrementables_descarga",
    "otros decrementables": "otros_decrementables",
}
_TMEC_PARTY = {"US": "USA", "CA": "CAN"}
_GUIA_TYPES = {"master-bill": "M", "house-bill": "H"}
"""Transport document kinds record 503 carries: M master, H house (meanings unverified)."""
_NOT_CARRIED = (
    "trader_reference",
    "export_date",
    "consignee",
    "declarant",
    "certifications",
)
_ITEM_NOT_CARRIED = (
    "origin_subdivision",
    "gross_weight_kg",
    "net_weight_kg",
    "packages",
    "documents",
    "manufacturer",
    "invoice_number",
)


def _dump(model: BaseModel) -> dict[str, Any]:
    """A national object's values, Decimal and date kept."""
    return model.model_dump()


_PESO = Decimal(1)
_SERIAL = "/national/mx/pedimento_serial"
"""Where the pedimento number is, for every record that repeats it."""


class _Writer:
    """The records of one declaration, with the issues of writing them."""

    def __init__(
        self,
        declaration: Declaration,
        *,
        losses: bool = True,
        text: bool = True,
        wanted: Callable[[str, str], bool] | None = None,
        once: bool = False,
    ) -> None:
        self.declaration = declaration
        self.losses = losses
        self.text = text
        """False to find the blocking problems of the records without writing them."""
        self.wanted = wanted
        """In a check, whether a record's problem (code, pointer) is worth an issue."""
        self.once = once and wanted is not None
        """True when ``wanted`` refuses a (code, pointer) it was asked about before (a check's
        :func:`~harmonized_customs.profiles.finding_filter` does): a field repeating a value
        an earlier record checked at the same place is then not checked again (see
        :func:`_unrepeated`)."""
        self.mx = declaration.national.mx or _no_mx_data()
        self.lines: list[str] = []
        self.count = 0
        """The records emitted (written or not)."""
        self.issues: list[Issue] = []
        self.serial = self.mx.pedimento_serial or (
            self.mx.pedimento_number[8:] if self.mx.pedimento_number else None
        )
        self.party = (
            declaration.exporter if declaration.direction == "export" else declaration.importer
        )
        self.other = declaration.buyer if declaration.direction == "export" else declaration.seller
        self.umcs: dict[str, str | None] = {}
        """The Apéndice 7 unit of each Rec 20 unit met (see :meth:`umc_of`)."""

    # -- emitting -------------------------------------------------------------------------
    def emit(self, code: str, values: dict[str, Value], pointers: dict[str, str]) -> None:
        """Append one record; missing, refused and cleaned values are reported."""
        definition = layout().records[code]
        self.count += 1
        if not self.text:  # a check: what does not block filing is not asked for
            self._check_record(definition, values, pointers)
            return
        line, problems = format_record(definition, values)
        self.lines.append(line)
        if problems:
            placed = {"pedimento": _SERIAL, **pointers}
            self.issues.extend(_problem_issues(problems, placed, self.wanted))

    def _check_record(
        self, definition: RecordDef, values: dict[str, Value], pointers: dict[str, str]
    ) -> None:
        """A check's record: the problems that block filing, those ``wanted``, as issues.

        A problem is made only once blocking and ``wanted`` (asked once, in order) accept it
        (:func:`~harmonized_customs.records.record_problems` asks about blocking codes only).
        """
        wanted = self.wanted
        keep: Callable[[str, str], bool] | None = None
        if self.once:
            definition = _unrepeated(definition)
        if wanted is not None:
            asked = wanted

            def keep(code: str, name: str) -> bool:
                return asked(code, pointers.get(name, _placed_alone(name)))

        problems = record_problems(DIALECT, definition, values, keep, _blocking_codes())
        if problems:
            self.issues.extend(_problem_issues(problems, {"pedimento": _SERIAL, **pointers}))

    def not_carried(self, pointer: str) -> None:
        if self.losses:
            self.issues.extend(not_carried_by(FORMAT_NAME, "MX").issues([pointer]))

    def value_missing(self, pointer: str, record: str, name: str) -> None:
        """``mx_m3_value_missing``: field ``name`` of ``record`` needs the value at ``pointer``."""
        code = "mx_m3_value_missing"
        if self.wanted is None or self.wanted(code, pointer):
            label = layout().records[record].field(name).label
            self.issues.append(Issue.of(code, pointer, target="MX", record=record, field=label))

    # -- pedimento level ---------------------------------------------------------------------
    def patente(self) -> str | None:
        if self.mx.patente:
            return self.mx.patente
        if self.mx.pedimento_number:
            return self.mx.pedimento_number[4:8]
        declarant = self.declaration.declarant
        return declarant.identifier("mx-patente") if declarant else None

    def record_500(self) -> None:
        self.emit(
            "500",
            {
                "tipo_movimiento": self.mx.tipo_movimiento or "1",
                "patente": self.patente(),
                "pedimento": self.serial,
                "aduana_seccion": self.mx.aduana_seccion,
                "acuse_validacion": self.mx.acuse_validacion,
            },
            {
                "patente": "/national/mx/patente",
                "pedimento": "/national/mx/pedimento_serial",
                "aduana_seccion": "/national/mx/aduana_seccion",
            },
        )

    def exchange_rate(self) -> Decimal | None:
        valuation = self.declaration.valuation
        for rate in valuation.exchange_rates if valuation else []:
            if (rate.source_currency, rate.target_currency) == ("USD", "MXN"):
                return rate.rate
        return currency.rate(self.declaration, "USD", "MXN")

    def pesos(self, money: Money) -> Decimal | None:
        """``money`` in whole pesos (the M3 amounts are integers), by the declared rate."""
        if money.currency == "MXN":
            return money.amount
        converted = currency.convert(self.declaration, money, "MXN")
        return None if converted is None else converted.quantize(_PESO, ROUND_HALF_UP)

    def address(self) -> dict[str, Value]:
        if self.mx.domicilio is not None:
            return _dump(self.mx.domicilio)
        return _address_of(self.party)

    def adjustments(self) -> dict[str, Value]:
        if self.mx.ajustes is not None:
            return _dump(self.mx.ajustes)
        valuation = self.declaration.valuation
        found: dict[str, Value] = {}
        if valuation is None:
            return found
        for name, money, pointer in (
            ("fletes", valuation.freight, "/valuation/freight"),
            ("seguros", valuation.insurance, "/valuation/insurance"),
        ):
            pesos = self.pesos(money) if money is not None else None
            if pesos is not None:
                found[name] = pesos
            elif money is not None:
                self.not_carried(pointer)
        for i, charge in enumerate(valuation.other_charges):
            target = _CHARGE_FIELDS.get(charge.kind)
            if target is not None and charge.amount.currency == "MXN":
                found[target] = charge.amount.amount
            else:
                self.not_carried(f"/valuation/other_charges/{i}")
        return found

    def transport_code(self) -> str | None:
        if self.mx.medio_transporte_entrada_salida:
            return self.mx.medio_transporte_entrada_salida
        transport = self.declaration.transport
        return m3_lists.ap3_from_rec19(transport.mode) if transport else None

    def record_501(self) -> None:
        mx, party, declaration = self.mx, self.party, self.declaration
        totals = declaration.totals
        values: dict[str, Value] = {
            "patente": self.patente(),
            "pedimento": self.serial,
            "aduana_seccion": mx.aduana_seccion,
            "tipo_operacion": mx.tipo_operacion
            or ("2" if declaration.direction == "export" else "1"),
            "clave_pedimento": mx.clave_pedimento,
            "aduana_entrada_salida": mx.aduana_entrada_salida,
            "curp": mx.curp or (party.identifier("mx-curp") if party else None),
            "rfc": party.identifier("mx-rfc") if party else None,
            "curp_agente": mx.curp_agente,
            "tipo_cambio": self.exchange_rate(),
            "uso_futuro": mx.uso_futuro,
            "peso_bruto": totals.gross_weight_kg if totals else None,
            "medio_transporte_salida": mx.medio_transporte_salida,
            "medio_transporte_arribo": mx.medio_transporte_arribo,
            "medio_transporte_entrada_salida": self.transport_code(),
            "destino": mx.destino,
            "nombre": party.name if party else None,
            "rfc_emisor_servicios": mx.rfc_emisor_servicios,
            **self.address(),
            **self.adjustments(),
        }
        self.emit(
            "501",
            values,
            {
                "clave_pedimento": "/national/mx/clave_pedimento",
                "patente": "/national/mx/patente",
                "pedimento": "/national/mx/pedimento_serial",
                "aduana_seccion": "/national/mx/aduana_seccion",
            },
        )

    def facturas(self) -> list[dict[str, Value]]:
        if self.mx.facturas:
            return [_dump(f) for f in self.mx.facturas]
        valuation = self.declaration.valuation
        counterpart = _address_of(self.other)
        if counterpart.pop("entidad", None) is not None and self.declaration.invoices:
            role = "buyer" if self.declaration.direction == "export" else "seller"
            self.not_carried(f"/{role}/address/subdivision")  # record 505 has no entidad
        found = []
        for invoice in self.declaration.invoices:
            total = invoice.total
            found.append(
                {
                    "fecha": invoice.date,
                    "numero": invoice.number,
                    "incoterm": valuation.incoterm if valuation else None,
                    "moneda": total.currency if total else None,
                    "valor_moneda": total.amount if total else None,
                    "valor_usd": total.amount if total and total.currency == "USD" else None,
                    "nombre": self.other.name if self.other else None,
                    "identificacion_fiscal": _tax_id(self.other),
                    **counterpart,
                }
            )
        return found

    def fechas(self) -> list[dict[str, Value]]:
        if self.mx.fechas:
            return [_dump(f) for f in self.mx.fechas]
        declaration = self.declaration
        found: list[dict[str, Value]] = []
        if declaration.direction == "import" and declaration.arrival_date:
            found.append({"tipo": "1", "fecha": declaration.arrival_date})
        if declaration.declaration_date:
            found.append({"tipo": "2", "fecha": declaration.declaration_date})
        return found

    def guias(self) -> list[dict[str, Value]]:
        if self.mx.guias:
            return [_dump(g) for g in self.mx.guias]
        transport = self.declaration.transport
        found: list[dict[str, Value]] = []
        for i, document in enumerate(transport.documents if transport else []):
            tipo = _GUIA_TYPES.get(document.kind)
            if tipo is None:
                self.not_carried(f"/transport/documents/{i}")
            else:
                found.append({"numero": document.number, "tipo": tipo})
        return found

    def contenedores(self) -> list[dict[str, Value]]:
        if self.mx.contenedores:
            return [_dump(c) for c in self.mx.contenedores]
        transport = self.declaration.transport
        equipment = transport.equipment if transport else []
        return [{"numero": e.identifier} for e in equipment]

    def pedimento_records(self) -> None:
        derived = {
            "503": self.guias,
            "504": self.contenedores,
            "505": self.facturas,
            "506": self.fechas,
        }
        for code, name in _PEDIMENTO_LISTS:
            make = derived.get(code)
            if make is not None:
                objects = make()
            else:
                given = getattr(self.mx, name)
                if not given:  # no record (a declaration without national data has none)
                    continue
                objects = [_dump(o) for o in given]
            for i, values in enumerate(objects):
                self.emit(
                    code,
                    {**values, "pedimento": self.serial},
                    {"numero": f"/national/mx/{name}/{i}"},
                )

    # -- partidas -----------------------------------------------------------------------------
    def country(self, item: GoodsItem, pointer: str) -> str | None:
        line = item.national.mx
        if line and line.pais_origen_destino:
            return line.pais_origen_destino
        if self.declaration.direction == "export":
            iso, where = self.declaration.country_of_destination, "/country_of_destination"
        else:
            iso, where = item.origin_country, f"{pointer}/origin_country"
        code = m3_lists.ap4_from_iso(iso) if iso else None
        if iso and code is None:
            self.issues.append(
                Issue.of(
                    "mx_m3_no_code",
                    where,
                    target="MX",
                    value=iso,
                    appendix="Apéndice 4",
                    record="551",
                    field=layout().records["551"].field("pais_origen_destino").label,
                )
            )
        return code

    def counterpart_country(self, item: GoodsItem) -> str | None:
        line = item.national.mx
        if line and line.pais_vendedor_comprador:
            return line.pais_vendedor_comprador
        party = item.seller or self.other
        if party and party.address:
            return m3_lists.ap4_from_iso(party.address.country)
        return None

    def values_usd(self, item: GoodsItem, pointer: str, *, carried: bool) -> Decimal | None:
        """The line's value in dollars (campo Valor en dólares of record 551).

        Without a rate to dollars, the value is not carried; when the line gives no price paid
        either (``carried`` false), the partida would have no value at all, and the pedimento
        needs one: ``mx_m3_value_missing``.
        """
        if item.value.currency == "USD":
            return item.value.amount
        converted = currency.convert(self.declaration, item.value, "USD")
        if converted is None:
            if carried:
                self.not_carried(f"{pointer}/value")
            else:
                self.value_missing(f"{pointer}/value", "551", "valor_usd")
            return None
        with currency.wide_context():
            return converted.quantize(_CENT)

    def umc_of(self, unit: str) -> str | None:
        """The Apéndice 7 unit of a Rec 20 ``unit``, asked of the crosswalk once per writer."""
        known = self.umcs
        if unit in known:
            return known[unit]
        found = known[unit] = m3_lists.ap7_from_rec20(unit)
        return found

    def record_551(self, item: GoodsItem, pointer: str) -> dict[str, Value]:
        line = item.national.mx or _no_line_data()
        classification = item.classification
        aduana = _mx_customs_value(item)
        umt = _mx_tariff_quantity(item)
        umc, cantidad_umc = line.umc, line.cantidad_umc
        if umc is None and item.quantity is not None:
            umc, cantidad_umc = self.umc_of(item.quantity.unit), item.quantity.value
            if umc is None:
                self.issues.append(
                    Issue.of(
                        "mx_m3_no_code",
                        f"{pointer}/quantity/unit",
                        target="MX",
                        value=item.quantity.unit,
                        appendix="Apéndice 7",
                        record="551",
                        field=layout().records["551"].field("umc").label,
                    )
                )
        pagado = line.precio_pagado
        if pagado is None and item.value.currency == "MXN":
            pagado = item.value.amount
        usd = self.values_usd(item, pointer, carried=pagado is not None)
        values: dict[str, Value] = {
            "pedimento": self.serial,
            "fraccion": classification.mx_fraccion,
            "partida": str(item.line_number),
            "nico": classification.mx_nico,
            "descripcion": item.description,
            "valor_aduana": aduana,
            "precio_pagado": pagado,
            "valor_usd": usd,
            "cantidad_umc": cantidad_umc,
            "umc": umc,
            "cantidad_umt": umt.value if umt else None,
            "umt": (units.umt(umt.unit) or umt.unit) if umt else None,
            "pais_origen_destino": self.country(item, pointer),
            "pais_vendedor_comprador": self.counterpart_country(item),
        }
        if item.national.mx is not None:  # else each of these is empty: no value to give
            values.update(
                precio_unitario=line.precio_unitario,
                valor_agregado=line.valor_agregado,
                vinculacion=line.vinculacion,
                valuation_method=line.valuation_method,
                codigo_producto=line.codigo_producto,
                marca=line.marca,
                modelo=line.modelo,
                entidad_origen=line.entidad_origen,
                entidad_destino=line.entidad_destino,
                entidad_comprador=line.entidad_comprador,
                entidad_vendedor=line.entidad_vendedor,
            )
        return values

    def identifiers(self, item: GoodsItem, pointer: str) -> list[dict[str, Value]]:
        line = item.national.mx
        claim = item.preference
        party = _TMEC_PARTY.get(self.declaration.country_of_export or "")
        if claim is not None and claim.certification_reference is not None and party:
            # TL complement 3 is for the Alianza del Pacífico only; EO's codes are unverified.
            self.not_carried(f"{pointer}/preference/certification_reference")
        if line and line.identifiers:
            return [_dump(i) for i in line.identifiers]
        if claim is None:
            return []
        if party is None:
            self.not_carried(f"{pointer}/preference")
            return []
        return [{"code": "TL", "complement1": party}]

    def partida(self, item: GoodsItem, index: int) -> None:
        pointer = f"/goods_items/{index}"
        values = self.record_551(item, pointer)
        self.emit(
            "551",
            values,
            {
                "fraccion": f"{pointer}/classification/mx_fraccion",
                "descripcion": f"{pointer}/description",
            },
        )
        keys = {k: values[k] for k in _KEYS}
        line = item.national.mx or _no_line_data()
        for code, name in _LINE_LISTS:
            objects = (
                self.identifiers(item, pointer)
                if code == "554"
                else [_dump(o) for o in getattr(line, name)]
            )
            for obj in objects:
                self.emit(
                    code, {**obj, **keys}, {"fraccion": f"{pointer}/classification/mx_fraccion"}
                )
        self.line_losses(item, pointer)

    def line_losses(self, item: GoodsItem, pointer: str) -> None:
        """The line's values a partida has no place for (when losses are asked for)."""
        if not self.losses:
            return
        for name in _ITEM_NOT_CARRIED:
            if getattr(item, name):
                self.not_carried(f"{pointer}/{name}")
        line = item.national.mx
        if line is not None and line.cfdi is not None:
            self.not_carried(f"{pointer}/national/mx/cfdi")

    def check_partida(self, item: GoodsItem, index: int) -> None:
        """:meth:`partida` in a check: the same records' problems, none written.

        A line without national data has no record 552, 553 or 555 to 558 (lists it lacks),
        so only its identifiers (554) are looked for; and its record 551 none of the fields
        only national data fills (:func:`_core_551`: each would be empty, and none of them
        is required).
        """
        pointer = f"/goods_items/{index}"
        values = self.record_551(item, pointer)
        fraccion = f"{pointer}/classification/mx_fraccion"
        definitions = layout().records
        line = item.national.mx
        self.count += 1
        self._check_record(
            definitions["551"] if line is not None else _core_551(),
            values,
            {"fraccion": fraccion, "descripcion": f"{pointer}/description"},
        )
        placed = {"fraccion": fraccion}
        if line is None:
            identifiers = self.identifiers(item, pointer)
            if identifiers:
                keys = {k: values[k] for k in _KEYS}
                for obj in identifiers:
                    self.count += 1
                    self._check_record(definitions["554"], {**obj, **keys}, placed)
            self.line_losses(item, pointer)
            return
        keys = {k: values[k] for k in _KEYS}
        for code, name in _LINE_LISTS:
            if code == "554":
                objects = self.identifiers(item, pointer)
            else:
                objects = [_dump(o) for o in getattr(line, name)]
            for obj in objects:
                self.count += 1
                self._check_record(definitions[code], {**obj, **keys}, placed)
        self.line_losses(item, pointer)

    def record_800(self) -> None:
        firma = _dump(self.mx.firma) if self.mx.firma else {}
        self.emit("800", {**firma, "pedimento": self.serial}, {})

    def write(self) -> list[str]:
        self.record_500()
        self.record_501()
        self.pedimento_records()
        partida = self.partida if self.text else self.check_partida
        for index, item in enumerate(self.declaration.goods_items):
            partida(item, index)
        self.record_800()
        for name in _NOT_CARRIED:
            if getattr(self.declaration, name):
                self.not_carried(f"/{name}")
        if self.mx.cfdi is not None:
            self.not_carried("/national/mx/cfdi")  # the invoice's own data: not a pedimento's
        return self.lines


_KEYS = ("pedimento", "fraccion", "partida")
"""The fields of record 551 that every record of its partida repeats."""
_CORE_551 = frozenset(
    {
        "pedimento",
        "fraccion",
        "partida",
        "nico",
        "descripcion",
        "valor_aduana",
        "precio_pagado",
        "valor_usd",
        "cantidad_umc",
        "umc",
        "cantidad_umt",
        "umt",
        "pais_origen_destino",
        "pais_vendedor_comprador",
    }
)
"""The fields of record 551 a line without national data can fill (:meth:`_Writer.record_551`)."""


@functools.cache
def _core_551() -> RecordDef:
    """Record 551 with only the fields of :data:`_CORE_551`, in their order.

    A check of a line without national data tests these: the others would be empty, and an
    empty field that is not required has no problem. (The layout is loaded once.)
    """
    definition = layout().records["551"]
    data_fields = definition.data_fields
    kept = tuple(
        f for f in definition.fields if f.name in _CORE_551 or f.required or f not in data_fields
    )
    return dataclasses.replace(definition, fields=kept)


_FIRST_HELD = {
    "pedimento": "500",
    "patente": "500",
    "aduana_seccion": "500",
    "fraccion": "551",
    "partida": "551",
}
"""The fields whose value later records repeat at the same place, with the record that holds
it first: record 500 opens the pedimento, a record 551 its partida."""
_REPEATED = {
    "500": (),
    "551": ("pedimento",),
    "501": ("pedimento", "patente", "aduana_seccion"),
    **{code: ("pedimento", "fraccion", "partida") for code, _ in _LINE_LISTS},
}
"""The fields of :data:`_FIRST_HELD` a record repeats (every other record: ``pedimento``)."""
_UNREPEATED: dict[int, tuple[RecordDef, RecordDef]] = {}


def _unrepeated(definition: RecordDef) -> RecordDef:
    """``definition`` without the fields that repeat a value an earlier record checked.

    For a writer whose filter refuses what it was asked before (:attr:`_Writer.once`): such a
    field's problems are those of the same value in the same kind of field, at the same
    place, so each is refused. (Kept once per definition, which lives as long as the layout.)
    """
    kept = _UNREPEATED.get(id(definition))
    if kept is None or kept[0] is not definition:
        kept = _UNREPEATED[id(definition)] = (definition, _without_repeats(definition))
    return kept[1]


def _without_repeats(definition: RecordDef) -> RecordDef:
    """:func:`_unrepeated` worked out: the repeated fields that give the same problems."""
    records = layout().records
    names = _REPEATED.get(definition.record_id, ("pedimento",))
    by_name = definition.by_name
    dropped = {
        name
        for name in names
        if name in by_name and _same_problems(records[_FIRST_HELD[name]].field(name), by_name[name])
    }
    if not dropped:
        return definition
    fields = tuple(
        f for f in definition.fields if f.name not in dropped or f is not by_name[f.name]
    )
    return dataclasses.replace(definition, fields=fields)


def _same_problems(first: FieldDef, later: FieldDef) -> bool:
    """Whether a value gives ``later`` no problem code that it does not give ``first``.

    The codes depend on the field's class, length, decimals, codes and date format; and an
    empty value is a problem in ``later`` only when it is required, so ``first`` must be too.
    """
    return (
        first.cls == later.cls
        and first.length == later.length
        and first.decimals == later.decimals
        and first.values == later.values
        and first.date_format == later.date_format
        and (first.required or not later.required)
    )


def _mx_customs_value(item: GoodsItem) -> Decimal | None:
    """The line's Mexican customs value in pesos (campo Valor en aduana), if it gives one."""
    for value in item.customs_values:
        if value.jurisdiction == "MX" and value.amount.currency == "MXN":
            return value.amount.amount
    return None


def _mx_tariff_quantity(item: GoodsItem) -> TariffQuantity | None:
    """The line's first Mexican tariff quantity (UMT), if it gives one."""
    for quantity in item.tariff_quantities:
        if quantity.jurisdiction == "MX":
            return quantity
    return None


def _placed_alone(name: str) -> str:
    """Where field ``name`` of a record is when its writer does not say (the serial's)."""
    return _SERIAL if name == "pedimento" else ""


def _blocks(code: str) -> bool:
    """Whether an issue of ``code`` blocks filing (what a check asks of the records)."""
    return _code(code).severity is Severity.ERROR


@functools.cache
def _blocking_codes() -> frozenset[str]:
    """The issue codes of the records' problems that block filing (the codes a check asks for).

    (A code's severity is fixed once registered.)
    """
    return frozenset(code for code in DIALECT.codes.values() if _blocks(code))


@functools.cache
def _no_mx_data() -> MXDeclarationData:
    """The national data of a declaration without any (never changed by the writer)."""
    return MXDeclarationData()


@functools.cache
def _no_line_data() -> MXLineData:
    """The national data of a line without any (never changed by the writer)."""
    return MXLineData()


def _address_of(party: Party | None) -> dict[str, Value]:
    """M3 address fields of a core party (Apéndice 4 country, entidad from ISO 3166-2)."""
    if party is None or party.address is None:
        return {}
    address = party.address
    entidad = address.subdivision.split("-", 1)[1] if address.subdivision else None
    return {
        "calle": " ".join(address.lines) or None,
        "codigo_postal": address.postal_code,
        "municipio": address.city,
        "entidad": entidad,
        "pais": m3_lists.ap4_from_iso(address.country),
    }


def _tax_id(party: Party | None) -> str | None:
    if party is None:
        return None
    return party.identifier("tax-id") or party.identifier("mx-rfc")


def _file_name(declarations: Sequence[Declaration]) -> str | None:
    """The name the first declaration came with, else mPPPP001.DDD from its patente and date."""
    first = declarations[0].national.mx if declarations else None
    if first is not None and first.archivo is not None and first.archivo.nombre_archivo:
        return first.archivo.nombre_archivo
    date: dt.date | None = declarations[0].declaration_date if declarations else None
    patente = None
    if first is not None:
        patente = first.patente or (first.pedimento_number[4:8] if first.pedimento_number else None)
    if patente is None or date is None:
        return None
    return f"m{patente}001.{date.timetuple().tm_yday:03d}"


def _problem_issues(
    problems: Sequence[Problem],
    pointers: Mapping[str, str],
    wanted: Callable[[str, str], bool] | None = None,
) -> list[Issue]:
    """The issues of writing fields, each at the pointer of its value (those ``wanted``)."""
    placed = [
        (problem, pointers.get(problem.field.name, "") if problem.field else "")
        for problem in problems
    ]
    return [
        Issue.of(problem.code, pointer, target="MX", **problem.ctx)
        for problem, pointer in placed
        if wanted is None or wanted(problem.code, pointer)
    ]


def _trailer(
    declarations: Sequence[Declaration],
    name: str | None,
    count: int,
    *,
    text: bool = True,
    wanted: Callable[[str, str], bool] | None = None,
) -> tuple[str, list[Issue]]:
    """Record 801 with the issues of writing it (``text`` false: its issues only, no text).

    Given ``wanted`` (with ``text`` false), only its blocking problems that ``wanted`` accepts.
    """
    first = declarations[0].national.mx if declarations else None
    archivo = first.archivo if first else None
    prevalidador = archivo.clave_prevalidador if archivo else None
    values: dict[str, Value] = {
        "nombre_archivo": name,
        "cantidad_pedimentos": str(len(declarations)),
        "cantidad_registros": str(count),
        "clave_prevalidador": prevalidador,
    }
    definition = layout().records["801"]
    pointers = {key: f"/national/mx/archivo/{key}" for key in values}
    if text:
        line, problems = format_record(definition, values)
    elif wanted is None:
        line, problems = "", record_problems(DIALECT, definition, values)
    else:
        asked = wanted

        def keep(code: str, name: str) -> bool:
            return asked(code, pointers[name])

        line, problems = "", record_problems(DIALECT, definition, values, keep, _blocking_codes())
    return line, _problem_issues(problems, pointers)


def write_declarations(
    declarations: Sequence[Declaration], name: str | None = None, *, losses: bool = True
) -> WriteResult:
    """The M3 file of ``declarations`` (one pedimento each), closed by its record 801.

    ``losses=False`` leaves out the ``value_not_carried`` issues (for a check of what the
    records require, which has no use for them).
    """
    lines: list[str] = []
    issues: list[Issue] = []
    for declaration in declarations:
        writer = _Writer(declaration, losses=losses)
        lines.extend(writer.write())
        issues.extend(writer.issues)
    trailer, found = _closing(declarations, name, len(lines))
    lines.append(trailer)
    issues.extend(found)
    return WriteResult("\n".join(lines) + "\n", tuple(issues))


def required_issues(
    declaration: Declaration,
    wanted: Callable[[str, str], bool] | None = None,
    *,
    once: bool = False,
) -> list[Issue]:
    """The issues ``write_declarations([declaration], losses=False)`` finds, nothing written.

    What the pedimento's records require of the declaration, for its check: every blocking
    issue (a field's warnings are left out). Given ``wanted`` (see
    :func:`harmonized_customs.profiles.finding_filter`), a record's problem whose code and
    pointer it refuses is not made an issue.

    ``once`` (with ``wanted``): ``wanted`` refuses a (code, pointer) it was asked about before,
    as a check's filter does. A value that an earlier record checked at the same place (the
    pedimento number, patente and aduana of record 500, the fracción and partida of a record
    551) is then not checked again in the records that repeat it, and the problems of record
    801 are asked of ``wanted`` too (its blocking ones only): the issues ``wanted`` accepts are
    the same, fewer are built.
    """
    writer = _Writer(declaration, losses=False, text=False, wanted=wanted, once=once)
    writer.write()
    asked = wanted if writer.once else None
    _, found = _closing([declaration], None, writer.count, text=False, wanted=asked)
    return [*writer.issues, *found]


def _closing(
    declarations: Sequence[Declaration],
    name: str | None,
    count: int,
    *,
    text: bool = True,
    wanted: Callable[[str, str], bool] | None = None,
) -> tuple[str, list[Issue]]:
    """The record 801 closing a file of ``count`` records, with the issues of writing it.

    ``text`` false: the issues only (the record's text is empty); given ``wanted`` as well,
    those of its blocking issues it accepts (see :func:`_trailer`).
    """
    file_name = name or _file_name(declarations)
    issues: list[Issue] = []
    missing = "/national/mx/archivo/nombre_archivo"
    if file_name is None and (wanted is None or wanted("mx_m3_value_missing", missing)):
        issues.append(
            Issue.of(
                "mx_m3_value_missing",
                missing,
                target="MX",
                record="801",
                field=layout().records["801"].field("nombre_archivo").label,
            )
        )
    trailer, found = _trailer(declarations, file_name, count, text=text, wanted=wanted)
    return trailer, [*issues, *found]

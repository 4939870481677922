"""Reading a CFDI 4.0 with Complemento de Comercio Exterior 2.0 into the core model.

The comprobante's emisor becomes the exporter, its receptor the buyer, the first
``cce20:Destinatario`` the consignee; each ``cfdi:Concepto`` and the ``cce20:Mercancia`` with
the same ``NoIdentificacion`` become one goods item. The emisor is Mexican, so the country of
export is Mexico. The comprobante's fiscal values (régimen fiscal, uso del CFDI,
ClaveProdServ...) are kept in the ``cfdi`` blocks of the Mexican national data, any other value
by XPath in ``national.mx.cfdi.otros``, so that the writer gives every value back. A CCE that
serves as certificate of origin (``CertificadoOrigen="1"`` with ``NumCertificadoOrigen``) for a
receptor in the United States becomes a USMCA preference claim of each line naming that
certification; UnidadAduana is kept as its Anexo 22 Apéndice 7 code.

More information: SAT, Anexo 20 (CFDI 4.0) and the Estándar del Complemento de Comercio
Exterior 2.0 (http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from harmonized_customs import collector
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx import units
from harmonized_customs.countries.mx.cfdi_xml import Parsed, flatten, parse
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["CceReadResult", "read_cce"]

NAME = "mx-cfdi-cce20"
_PLACEHOLDER_CERTIFICATE = "0" * 20
_TIME = re.compile(r"T([0-9]{2}:[0-9]{2}:[0-9]{2})")


@dataclass(frozen=True)
class CceReadResult:
    """A declaration read from a CFDI, the CFDI values it cannot hold, and the issues."""

    declaration: Declaration | None
    extras: Mapping[str, str]
    """Values kept aside by XPath; empty now that the model keeps every value (kept for
    callers that pass it back to the writer)."""
    issues: tuple[Issue, ...]


class _Source:
    """The flat values of one document, with what has been used and where each value sits.

    ``locate`` maps a model pointer to the path of the value it came from; the source location
    of a pointer is only made when a model error needs it (:class:`_Located`).
    """

    def __init__(self, parsed: Parsed, source_name: str | None) -> None:
        self.parsed = parsed
        self.source_name = source_name
        self.used: set[str] = set()
        self.locate: dict[str, str] = {}
        self.issues: list[Issue] = list(parsed.issues)
        self.mercancia_of: dict[int, int] = {}
        """Goods-item index of each matched ``cce20:Mercancia`` number."""

    def peek(self, path: str) -> str | None:
        value = self.parsed.values.get(path)
        return value.text if value is not None else None

    def use(self, *paths: str) -> None:
        self.used.update(paths)

    def at(self, path: str) -> SourceLocation:
        value = self.parsed.values.get(path)
        element = path.split("/@", maxsplit=1)[0]
        line = value.line if value is not None else self.parsed.lines.get(element)
        return SourceLocation(file=self.source_name, line=line, xpath=path)

    def take(self, pointer: str, path: str) -> str | None:
        value = self.parsed.values.get(path)
        if value is None:
            return None
        self.used.add(path)
        self.locate[pointer] = path
        return value.text

    def issue(self, code: str, pointer: str, path: str, /, **ctx: Any) -> None:
        self.issues.append(Issue.of(code, pointer, target="MX", source=self.at(path), **ctx))

    def indexes(self, base: str) -> list[int]:
        return self.parsed.repeats.get(base, [])


class _Located(Mapping[str, SourceLocation]):
    """The source location of each located pointer, made when it is asked for."""

    def __init__(self, source: _Source) -> None:
        self._source = source

    def __getitem__(self, pointer: str) -> SourceLocation:
        return self._source.at(self._source.locate[pointer])

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._source.locate

    def __iter__(self) -> Iterator[str]:
        return iter(self._source.locate)

    def __len__(self) -> int:
        return len(self._source.locate)


def read_cce(
    data: bytes, source_name: str | None = None, *, origin_country: str | None = None
) -> CceReadResult:
    """Read one CFDI 4.0 with CCE 2.0.

    Args:
        data: the XML bytes (UTF-8).
        source_name: the file name, for issue locations.
        origin_country: ISO 3166-1 alpha-2 country of origin of every mercancía. The CFDI does
            not state it; without it, each line is left without an origin and gets
            ``mx_cfdi_origin_not_stated`` (info); ``check`` then reports the missing origin.

    Returns:
        The declaration (or ``None``), the CFDI values kept aside, and the issues.
    """
    with collector.paused():
        return _read_cce(data, source_name, origin_country)


def _read_cce(data: bytes, source_name: str | None, origin_country: str | None) -> CceReadResult:
    root, problem = parse(data, source_name)
    if root is None:
        return CceReadResult(None, {}, (problem,) if problem else ())
    parsed = flatten(root, source_name)
    if parsed.fatal:
        return CceReadResult(None, {}, tuple(parsed.issues))
    source = _Source(parsed, source_name)
    document, line_of = _document(source, origin_country)
    _keep(source, document, line_of)
    extras: dict[str, str] = {}
    try:
        declaration = Declaration.model_validate(document)
    except ValidationError as exc:
        located = issues_from_validation_error(exc, locate=_Located(source))
        return CceReadResult(None, extras, (*source.issues, *_new(located, source.issues)))
    return CceReadResult(declaration, extras, tuple(source.issues))


def _new(located: Iterable[Issue], reported: list[Issue]) -> list[Issue]:
    """Model errors, less the ``value_missing`` ones a CFDI issue already explains."""
    explained = {i.pointer for i in reported if i.pointer and i.blocking}
    return [i for i in located if not (i.code == "value_missing" and _within(i.pointer, explained))]


def _within(pointer: str, pointers: set[str]) -> bool:
    """Whether ``pointer`` is one of ``pointers`` or below one of them."""
    steps = pointer.split("/")
    return any("/".join(steps[:depth]) in pointers for depth in range(2, len(steps) + 1))


def _document(source: _Source, origin_country: str | None) -> tuple[dict[str, Any], dict[int, int]]:
    """The core-model data of the comprobante, and the goods-item index of each concepto."""
    document: dict[str, Any] = {"direction": "export", "country_of_export": "MX"}
    source.locate["/country_of_export"] = f"{m.EMISOR}/@Rfc"
    folio = source.take("/invoices/0/number", f"{m.C}/@Folio")
    _dates(source, document, folio)
    currency = source.take("/valuation/currency", f"{m.C}/@Moneda")
    document["valuation"] = _valuation(source, currency)
    clave = source.take("/national/mx/clave_pedimento", f"{m.CE}/@ClaveDePedimento")
    if clave is not None:
        document.setdefault("national", {}).setdefault("mx", {})["clave_pedimento"] = clave
    _parties(source, document)
    items, line_of = _goods(source, currency, folio, origin_country)
    document["goods_items"] = items
    _check_totals(source, items)
    source.use(*m.COMPUTED)
    if source.peek(f"{m.C}/@NoCertificado") == _PLACEHOLDER_CERTIFICATE:
        source.use(f"{m.C}/@NoCertificado")
    _certificate(source, document)
    _signature(source)
    return document, line_of


def _certificate(source: _Source, document: dict[str, Any]) -> None:
    """``CertificadoOrigen``: 0 is implied; 1 with its folio names each line's certification.

    The claim is made USMCA only for a receptor in the United States, where no other
    agreement with Mexico exists; elsewhere the two values stay in ``national.mx.cfdi``.
    """
    flag_path, number_path = f"{m.CE}/@CertificadoOrigen", f"{m.CE}/@NumCertificadoOrigen"
    flag, number = source.peek(flag_path), source.peek(number_path)
    if flag == "0" and number is None:
        source.use(flag_path)
        return
    buyer = document.get("buyer") or {}
    country = (buyer.get("address") or {}).get("country")
    if flag != "1" or number is None or country != "US" or len(number) > 40:
        return
    source.use(flag_path, number_path)
    reference = {
        "kind": "mx-cce-certificado-origen",
        "number": number,
        "issuer_role": "exporter",
        "country": "MX",
    }
    for index, item in enumerate(document["goods_items"]):
        pointer = f"/goods_items/{index}/preference/certification_reference/number"
        source.locate[pointer] = number_path
        item["preference"] = {"program": "USMCA", "certification_reference": dict(reference)}


def _dates(source: _Source, document: dict[str, Any], folio: str | None) -> None:
    path = f"{m.C}/@Fecha"
    fecha = source.peek(path)
    if fecha is None:
        return
    date = fecha[:10]
    time = _TIME.fullmatch(fecha[10:])
    if time is not None and time.group(1) != "00:00:00":
        document["national"] = {"mx": {"cfdi": {"hora": time.group(1)}}}
        source.use(path)
    if folio is not None:
        document["invoices"] = [{"number": folio, "date": date}]
        source.locate["/invoices/0/date"] = path
    else:
        document["declaration_date"] = date
        source.locate["/declaration_date"] = path
    if fecha[10:] in {"", "T00:00:00"}:
        source.use(path)


def _valuation(source: _Source, currency: str | None) -> dict[str, Any]:
    valuation: dict[str, Any] = {"currency": currency}
    rates: list[dict[str, Any]] = []
    rate_path = f"{m.C}/@TipoCambio"
    rate = source.peek(rate_path)
    if currency not in {None, "MXN", "XXX"} and rate is not None:
        source.locate[f"/valuation/exchange_rates/{len(rates)}/rate"] = rate_path
        rates.append({"source_currency": currency, "target_currency": "MXN", "rate": rate})
        source.use(rate_path)
    usd_path = f"{m.CE}/@TipoCambioUSD"
    usd = source.peek(usd_path)
    if usd is not None and not (currency == "USD" and usd == rate):
        source.locate[f"/valuation/exchange_rates/{len(rates)}/rate"] = usd_path
        rates.append({"source_currency": "USD", "target_currency": "MXN", "rate": usd})
    source.use(usd_path)
    if rates:
        valuation["exchange_rates"] = rates
    incoterm = source.take("/valuation/incoterm", f"{m.CE}/@Incoterm")
    if incoterm is not None:
        valuation["incoterm"] = incoterm
    source.locate["/valuation"] = f"{m.C}/@Moneda"
    return valuation


def _parties(source: _Source, document: dict[str, Any]) -> None:
    exporter = _emisor(source)
    if exporter is not None:
        document["exporter"] = exporter
    buyer = _receptor(source)
    if buyer is not None:
        document["buyer"] = buyer
    consignee = _destinatario(source)
    if consignee is not None:
        document["consignee"] = consignee


def _identifier(
    source: _Source, pointer: str, path: str, scheme: str, country: str | None = None
) -> dict[str, Any] | None:
    value = source.peek(path)
    if value is None or len(value) > 35:
        return None
    source.take(pointer + "/value", path)
    found: dict[str, Any] = {"scheme": scheme, "value": value}
    if country is not None:
        found["country"] = country
    return found


def _emisor(source: _Source) -> dict[str, Any] | None:
    name = source.take("/exporter/name", f"{m.EMISOR}/@Nombre")
    if name is None:
        return None
    party: dict[str, Any] = {"name": name}
    identifiers: list[dict[str, Any]] = []
    for scheme, path in (("mx-rfc", f"{m.EMISOR}/@Rfc"), ("mx-curp", f"{m.CE_EMISOR}/@Curp")):
        found = _identifier(source, f"/exporter/identifiers/{len(identifiers)}", path, scheme)
        if found is not None:
            identifiers.append(found)
    if identifiers:
        party["identifiers"] = identifiers
    address = _address(source, m.EMISOR_DOM, "/exporter/address", free_text=False)
    if address is not None:
        party["address"] = address
    return party


def _receptor(source: _Source) -> dict[str, Any] | None:
    name = source.take("/buyer/name", f"{m.RECEPTOR}/@Nombre")
    if name is None:
        return None
    party: dict[str, Any] = {"name": name}
    identifiers: list[dict[str, Any]] = []
    rfc_path = f"{m.RECEPTOR}/@Rfc"
    if source.peek(rfc_path) == m.GENERIC_FOREIGN_RFC:
        source.use(rfc_path)
    else:
        found = _identifier(source, "/buyer/identifiers/0", rfc_path, "mx-rfc")
        identifiers += [found] if found else []
    country = m.alpha2(source.peek(f"{m.RECEPTOR}/@ResidenciaFiscal"))
    pointer = f"/buyer/identifiers/{len(identifiers)}"
    tax_id = _identifier(source, pointer, f"{m.RECEPTOR}/@NumRegIdTrib", "tax-id", country)
    if tax_id is not None:
        identifiers.append(tax_id)
        if country is not None:
            source.use(f"{m.RECEPTOR}/@ResidenciaFiscal")
    if identifiers:
        party["identifiers"] = identifiers
    address = _address(source, m.RECEPTOR_DOM, "/buyer/address", free_text=True)
    if address is not None:
        party["address"] = address
    return party


def _destinatario(source: _Source) -> dict[str, Any] | None:
    name = source.take("/consignee/name", f"{m.DEST}/@Nombre")
    if name is None:
        return None
    party: dict[str, Any] = {"name": name}
    address = _address(source, m.DEST_DOM, "/consignee/address", free_text=True)
    country = address["country"] if address else None
    tax_id = _identifier(
        source, "/consignee/identifiers/0", f"{m.DEST}/@NumRegIdTrib", "tax-id", country
    )
    if tax_id is not None:
        party["identifiers"] = [tax_id]
    if address is not None:
        party["address"] = address
    return party


def _address(source: _Source, path: str, pointer: str, *, free_text: bool) -> dict[str, Any] | None:
    """The address of a ``Domicilio``; ``None`` (all kept aside) when its country is unknown."""
    country = m.alpha2(source.peek(f"{path}/@Pais"))
    if country is None:
        return None
    source.take(pointer + "/country", f"{path}/@Pais")
    address: dict[str, Any] = {"country": country}
    street = source.take(pointer + "/lines/0", f"{path}/@Calle")
    if street is not None:
        address["lines"] = [street]
    postal_code = source.peek(f"{path}/@CodigoPostal")
    if postal_code is not None and len(postal_code) <= 17:
        address["postal_code"] = source.take(pointer + "/postal_code", f"{path}/@CodigoPostal")
    code = m.subdivision(country, source.peek(f"{path}/@Estado"))
    if code is not None:
        address["subdivision"] = code
        source.take(pointer + "/subdivision", f"{path}/@Estado")
    city = source.peek(f"{path}/@Municipio")
    if free_text and city is not None and len(city) <= 70:
        address["city"] = source.take(pointer + "/city", f"{path}/@Municipio")
    return address


_LINE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")
"""A canonical line number 1..9999 in ASCII digits (``int()`` also takes ``²`` and ``٣``)."""


def _line_numbers(source: _Source, numbers: list[int]) -> list[int]:
    """``NoIdentificacion`` as line numbers when all are canonical, distinct 1..9999."""
    ids = [source.peek(f"{m.concepto(n)}/@NoIdentificacion") for n in numbers]
    as_numbers = [int(i) if i and _LINE_NUMBER.fullmatch(i) else 0 for i in ids]
    if all(1 <= n <= 9999 for n in as_numbers) and len(set(as_numbers)) == len(as_numbers):
        return as_numbers
    return list(range(1, len(numbers) + 1))


def _goods(
    source: _Source, currency: str | None, folio: str | None, origin: str | None
) -> tuple[list[dict[str, Any]], dict[int, int]]:
    conceptos = source.indexes(f"{m.C}/cfdi:Conceptos/cfdi:Concepto")
    mercancias = source.indexes(f"{m.CE}/cce20:Mercancias/cce20:Mercancia")
    by_id: dict[str, int] = {}
    for number in mercancias:
        ident = source.peek(f"{m.mercancia(number)}/@NoIdentificacion")
        if ident is not None:
            by_id.setdefault(ident, number)
    numbers = _line_numbers(source, conceptos)
    items: list[dict[str, Any]] = []
    line_of: dict[int, int] = {}
    matched: set[int] = set()
    for index, (number, line) in enumerate(zip(conceptos, numbers, strict=True)):
        line_of[number] = index
        item = _concepto(source, number, index, line=line, currency=currency, folio=folio)
        ident = source.peek(f"{m.concepto(number)}/@NoIdentificacion")
        merc = by_id.get(ident) if ident is not None else None
        if merc is None and mercancias:
            path = f"{m.concepto(number)}/@NoIdentificacion"
            source.issue(
                "mx_cfdi_mercancia_unmatched",
                f"/goods_items/{index}",
                path,
                value=ident or "",
                element="cfdi:Concepto",
                other="cce20:Mercancia",
            )
        elif merc is not None:
            matched.add(merc)
            source.mercancia_of[merc] = index
            _mercancia(source, merc, index, item, currency)
        _origin(source, item, index, merc or number, origin)
        items.append(item)
    _unmatched(source, [n for n in mercancias if n not in matched])
    return items, line_of


def _origin(
    source: _Source, item: dict[str, Any], index: int, number: int, origin: str | None
) -> None:
    if origin is not None:
        item["origin_country"] = origin
        return
    source.issue(
        "mx_cfdi_origin_not_stated",
        f"/goods_items/{index}/origin_country",
        m.mercancia(number),
        line=str(item["line_number"]),
    )


def _unmatched(source: _Source, numbers: list[int]) -> None:
    for number in numbers:
        path = f"{m.mercancia(number)}/@NoIdentificacion"
        source.issue(
            "mx_cfdi_mercancia_unmatched",
            "",
            path,
            value=source.peek(path) or "",
            element="cce20:Mercancia",
            other="cfdi:Concepto",
        )


def _concepto(
    source: _Source, number: int, index: int, *, line: int, currency: str | None, folio: str | None
) -> dict[str, Any]:
    path = m.concepto(number)
    pointer = f"/goods_items/{index}"
    ident_path = f"{path}/@NoIdentificacion"
    if source.peek(ident_path) == str(line):
        source.use(ident_path)
    item: dict[str, Any] = {"line_number": line}
    source.locate[pointer] = path
    item["description"] = source.take(pointer + "/description", f"{path}/@Descripcion")
    amount = source.take(pointer + "/value/amount", f"{path}/@Importe")
    item["value"] = {"amount": amount, "currency": currency}
    quantity, unit = source.peek(f"{path}/@Cantidad"), source.peek(f"{path}/@ClaveUnidad")
    if quantity is not None and unit is not None:
        source.take(pointer + "/quantity/value", f"{path}/@Cantidad")
        source.take(pointer + "/quantity/unit", f"{path}/@ClaveUnidad")
        item["quantity"] = {"value": quantity, "unit": unit}
        _unit_value(source, path, amount, quantity)
    if folio is not None:
        item["invoice_number"] = folio
    return {k: v for k, v in item.items() if v is not None}


def _unit_value(source: _Source, path: str, amount: str | None, quantity: str) -> None:
    total, count = m.decimal_or_none(amount), m.decimal_or_none(quantity)
    given = source.peek(f"{path}/@ValorUnitario")
    if total is not None and count is not None and given == m.unit_value(total, count):
        source.use(f"{path}/@ValorUnitario")


def _mercancia(
    source: _Source, number: int, index: int, item: dict[str, Any], currency: str | None
) -> None:
    path = m.mercancia(number)
    pointer = f"/goods_items/{index}"
    source.use(f"{path}/@NoIdentificacion")
    classification = _fraccion(source, path, pointer, item["line_number"])
    if classification is not None:
        item["classification"] = classification
    quantity, unit = source.peek(f"{path}/@CantidadAduana"), source.peek(f"{path}/@UnidadAduana")
    if quantity is not None and unit is not None:
        source.take(pointer + "/tariff_quantities/0/value", f"{path}/@CantidadAduana")
        source.take(pointer + "/tariff_quantities/0/unit", f"{path}/@UnidadAduana")
        code = _umt(unit)
        item["tariff_quantities"] = [{"jurisdiction": "MX", "value": quantity, "unit": code}]
    dollars = source.peek(f"{path}/@ValorDolares")
    if currency == "USD" and dollars is not None and dollars == item["value"].get("amount"):
        source.use(f"{path}/@ValorDolares")
    _brand(source, path, pointer, item)
    per_unit = source.peek(f"{path}/@ValorUnitarioAduana")
    usd, count = m.decimal_or_none(dollars), m.decimal_or_none(quantity)
    if usd is not None and count is not None and per_unit == m.unit_value(usd, count):
        source.use(f"{path}/@ValorUnitarioAduana")


@functools.lru_cache(maxsize=256)
def _umt(unit: str) -> str:
    """The Apéndice 7 code of a ``UnidadAduana`` (the value itself when it has none)."""
    return units.umt(unit) or unit


def _brand(source: _Source, path: str, pointer: str, item: dict[str, Any]) -> None:
    """Marca and Modelo of the first ``DescripcionesEspecificas`` (the partida's, as in 551)."""
    specific = f"{path}/cce20:DescripcionesEspecificas[1]"
    national: dict[str, Any] = {}
    for attribute, name in (("Marca", "marca"), ("Modelo", "modelo")):
        value = source.take(f"{pointer}/national/mx/{name}", f"{specific}/@{attribute}")
        if value is not None:
            national[name] = value
    if national:
        item["national"] = {"mx": national}


def _fraccion(source: _Source, path: str, pointer: str, line: int) -> dict[str, Any] | None:
    attribute = f"{path}/@FraccionArancelaria"
    value = source.peek(attribute)
    target = pointer + "/classification"
    if value is None:
        source.issue("mx_cfdi_fraccion_missing", target, path, line=str(line))
        return None
    if not re.fullmatch(r"[0-9]{8}([0-9]{2})?", value):
        source.issue(
            "mx_cfdi_value_invalid",
            target,
            attribute,
            attribute="FraccionArancelaria",
            value=value,
            detail="a fracción has 8 digits, with its NICO 10",
        )
        return None
    source.take(target + "/mx_fraccion", attribute)
    found: dict[str, Any] = {"hs6": value[:6], "mx_fraccion": value[:8]}
    if len(value) == 10:
        found["mx_nico"] = value[8:]
    else:
        source.issue("mx_cfdi_fraccion_legacy", target + "/mx_fraccion", attribute, value=value)
    return found


def _check_totals(source: _Source, items: list[dict[str, Any]]) -> None:
    amounts = [m.decimal_or_none(i.get("value", {}).get("amount")) for i in items]
    if any(a is None for a in amounts):
        return
    subtotal = sum((a for a in amounts if a is not None), start=Decimal(0))
    _compare(source, f"{m.C}/@SubTotal", subtotal)
    discount = m.decimal_or_none(source.peek(f"{m.C}/@Descuento")) or Decimal(0)
    _compare(source, f"{m.C}/@Total", subtotal - discount)
    dollars = [
        m.decimal_or_none(source.peek(f"{m.mercancia(n)}/@ValorDolares"))
        for n in source.indexes(f"{m.CE}/cce20:Mercancias/cce20:Mercancia")
    ]
    if dollars and all(d is not None for d in dollars):
        computed = m.total_usd([d for d in dollars if d is not None])
        _compare(source, f"{m.CE}/@TotalUSD", Decimal(computed))


def _compare(source: _Source, path: str, computed: Decimal) -> None:
    declared = source.peek(path)
    number = m.decimal_or_none(declared)
    if declared is not None and number != computed:
        source.issue(
            "mx_cfdi_total_mismatch",
            "",
            path,
            attribute=path.rsplit("@", 1)[1],
            declared=declared,
            computed=m.text(computed),
        )


def _signature(source: _Source) -> None:
    for name in ("Sello", "Certificado"):
        path = f"{m.C}/@{name}"
        if source.peek(path):
            source.issues.append(
                Issue.of(
                    "mx_cfdi_signature_not_verified",
                    "",
                    target="MX",
                    source=source.at(path),
                    element=f"cfdi:Comprobante/@{name}",
                )
            )


def _keep(source: _Source, document: dict[str, Any], line_of: dict[int, int]) -> None:
    """Put every value not used for the core model into the ``cfdi`` blocks.

    Named fiscal values go to their fields (``national.mx.cfdi``, and per goods item
    ``national.mx.cfdi``); any other value goes, by XPath, to ``national.mx.cfdi.otros``.
    """
    fiscal = _FISCAL
    block: dict[str, Any] = {}
    lines: dict[int, dict[str, Any]] = {}
    for path, read in source.parsed.values.items():
        if path in source.used:
            continue
        value = read.text
        found = m.line_field(path)
        index = None
        if found is not None:
            number, _field = found
            by = line_of if path.startswith(m.concepto(number)) else source.mercancia_of
            index = by.get(number)
        if found is not None and index is not None:
            lines.setdefault(index, {})[found[1]] = value
        elif path in fiscal:
            _set(block, fiscal[path], value)
        else:
            block.setdefault("otros", {})[path] = value
    if block:
        mx = document.setdefault("national", {}).setdefault("mx", {})
        mx.setdefault("cfdi", {}).update(block)
    for index, fields in lines.items():
        item = document["goods_items"][index]
        item.setdefault("national", {}).setdefault("mx", {})["cfdi"] = fields


_FISCAL = dict(m.FISCAL_FIELDS)


def _set(block: dict[str, Any], dotted: str, value: str) -> None:
    """Set ``value`` at a dotted field path (``domicilio_emisor.colonia``) of ``block``."""
    *parents, name = dotted.split(".")
    for parent in parents:
        block = block.setdefault(parent, {})
    block[name] = value

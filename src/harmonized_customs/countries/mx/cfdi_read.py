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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from harmonized_customs import collector
from harmonized_customs.countries.mx import cfdi_fast
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx.cfdi_parts import CONCEPTO_KEPT as _CONCEPTO_FIELDS
from harmonized_customs.countries.mx.cfdi_parts import FISCAL as _FISCAL
from harmonized_customs.countries.mx.cfdi_parts import FRACCION as _FRACCION
from harmonized_customs.countries.mx.cfdi_parts import MERCANCIA_KEPT as _MERCANCIA_FIELDS
from harmonized_customs.countries.mx.cfdi_parts import (
    PLACEHOLDER_CERTIFICATE as _PLACEHOLDER_CERTIFICATE,
)
from harmonized_customs.countries.mx.cfdi_parts import SPECIFIC as _SPECIFIC
from harmonized_customs.countries.mx.cfdi_parts import SPECIFIC_KEPT as _SPECIFIC_FIELDS
from harmonized_customs.countries.mx.cfdi_parts import TIME as _TIME
from harmonized_customs.countries.mx.cfdi_parts import Decimals
from harmonized_customs.countries.mx.cfdi_parts import line_numbers as _line_numbers
from harmonized_customs.countries.mx.cfdi_parts import set_field as _set
from harmonized_customs.countries.mx.cfdi_parts import umt as _umt
from harmonized_customs.countries.mx.cfdi_xml import Tree, parse, walk
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.model import Declaration
from harmonized_customs.validation import issues_from_validation_error

__all__ = ["CceReadResult", "read_cce"]

NAME = "mx-cfdi-cce20"


@dataclass(frozen=True)
class CceReadResult:
    """A declaration read from a CFDI, the CFDI values it cannot hold, and the issues."""

    declaration: Declaration | None
    extras: Mapping[str, str]
    """Values kept aside by XPath; empty now that the model keeps every value (kept for
    callers that pass it back to the writer)."""
    issues: tuple[Issue, ...]


class _Source(Decimals):
    """The attributes of one document by element, with what has been used and where each sits.

    ``locate`` maps a model pointer to the path of the value it came from, and ``lines`` holds
    the elements of each goods item, whose pointers are resolved only when asked
    (:meth:`path_of`); the source location of a pointer is only made when a model error needs
    it (:class:`_Located`). ``used`` holds,
    by element path, the attributes the core model took; ``routes`` names the goods item and
    the ``cfdi`` fields of each matched line element.
    """

    def __init__(self, tree: Tree, source_name: str | None) -> None:
        super().__init__()
        self.tree = tree
        self.attributes = tree.attributes
        self.source_name = source_name
        self.used: dict[str, set[str]] = {}
        self.locate: dict[str, str] = {}
        self.issues: list[Issue] = list(tree.issues)
        self.routes: dict[str, tuple[int, Mapping[str, str]]] = {}
        """Goods-item index and kept fields (attribute -> field) of each line element path."""
        self.lines: list[_Line] = []
        self.mercancias: dict[int, _Element] = {}
        """The (path, attributes) of each ``cce20:Mercancia`` holding a value, by number."""
        """The concepto and matched mercancía (path, attributes) of each goods item."""

    def path_of(self, pointer: str) -> str | None:
        """The path of the value behind ``pointer``, if the reading took it from the file."""
        found = self.locate.get(pointer)
        if found is not None or not pointer.startswith(_GOODS):
            return found
        index, _, rest = pointer[len(_GOODS) :].partition("/")
        if not (index.isascii() and index.isdigit()) or str(int(index)) != index:
            return None
        number = int(index)
        if number >= len(self.lines):
            return None
        return _line_path(self.lines[number], "/" + rest if rest else "")

    def located(self) -> dict[str, str]:
        """Every located pointer with its path (the goods items' resolved)."""
        found = dict(self.locate)
        for index in range(len(self.lines)):
            for rest in ("", *_LINE_POINTERS):
                pointer = f"{_GOODS}{index}{rest}"
                path = self.path_of(pointer)
                if path is not None:
                    found[pointer] = path
        return found

    def of(self, element: str) -> dict[str, str]:
        """The attributes of ``element`` (empty when it has none)."""
        return self.attributes.get(element) or _NONE

    def peek(self, path: str) -> str | None:
        element, _, name = path.rpartition("/@")
        found = self.attributes.get(element)
        return found.get(name) if found is not None else None

    def use(self, *paths: str) -> None:
        used = self.used
        for path in paths:
            element, _, name = path.rpartition("/@")
            spent = used.get(element)
            if spent is None:
                used[element] = {name}
            else:
                spent.add(name)

    def at(self, path: str) -> SourceLocation:
        element = path.split("/@", maxsplit=1)[0]
        return SourceLocation(file=self.source_name, line=self.tree.lines.get(element), xpath=path)

    def take(self, pointer: str, path: str) -> str | None:
        """:meth:`peek` at ``path``, marked used and located at ``pointer`` when there."""
        element, _, name = path.rpartition("/@")
        return _take(self, self.attributes.get(element) or _NONE, element, name, pointer)

    def issue(self, code: str, pointer: str, path: str, /, **ctx: Any) -> None:
        self.issues.append(Issue.of(code, pointer, target="MX", source=self.at(path), **ctx))

    def indexes(self, base: str) -> list[int]:
        return self.tree.repeats.get(base, [])


_NONE: dict[str, str] = {}
"""The attributes of an element that has none (never written to)."""


class _Located(Mapping[str, SourceLocation]):
    """The source location of each located pointer, made when it is asked for."""

    def __init__(self, source: _Source) -> None:
        self._source = source

    def __getitem__(self, pointer: str) -> SourceLocation:
        path = self._source.path_of(pointer)
        if path is None:
            raise KeyError(pointer)
        return self._source.at(path)

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self._source.path_of(pointer) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._source.located())

    def __len__(self) -> int:
        return len(self._source.located())

    def __bool__(self) -> bool:
        """Whether any pointer is located, without resolving every goods item's pointers.

        Asked once per validation error
        (:func:`~harmonized_customs.validation.issues_from_validation_error`): through
        :meth:`__len__` it walked every line each time, quadratic in a file with many lines and
        many errors.
        """
        return bool(self._source.locate) or len(self) > 0


_GOODS = "/goods_items/"
_Element = tuple[str, dict[str, str]]
_Line = tuple[_Element, _Element | None]
"""A goods item's ``cfdi:Concepto`` and matched ``cce20:Mercancia``: (path, attributes)."""

_LINE_POINTERS: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "/description": (0, "Descripcion", ("Descripcion",)),
    "/value/amount": (0, "Importe", ("Importe",)),
    "/quantity/value": (0, "Cantidad", ("Cantidad", "ClaveUnidad")),
    "/quantity/unit": (0, "ClaveUnidad", ("Cantidad", "ClaveUnidad")),
    "/tariff_quantities/0/value": (1, "CantidadAduana", ("CantidadAduana", "UnidadAduana")),
    "/tariff_quantities/0/unit": (1, "UnidadAduana", ("CantidadAduana", "UnidadAduana")),
    "/classification/mx_fraccion": (1, "FraccionArancelaria", ("FraccionArancelaria",)),
}
"""Below a goods item: (concepto 0 or mercancía 1, attribute, attributes the value needs)."""


def _line_path(line: _Line, rest: str) -> str | None:
    """The path of the value at ``rest`` below a goods item, as :func:`_goods` took it."""
    if not rest:
        return line[0][0]
    found = _LINE_POINTERS.get(rest)
    if found is None:
        return None
    which, attribute, needs = found
    element = line[which]
    if element is None:
        return None
    path, attributes = element
    if not all(name in attributes for name in needs):
        return None
    if (
        which
        and attribute == "FraccionArancelaria"
        and not _FRACCION.fullmatch(attributes[attribute])
    ):
        return None
    return f"{path}/@{attribute}"


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
    quick = cfdi_fast.read(root, origin_country)
    if quick is not None:
        return CceReadResult(quick, {}, ())
    tree = walk(root, source_name)
    if tree.fatal:
        return CceReadResult(None, {}, tuple(tree.issues))
    source = _Source(tree, source_name)
    document = _document(source, origin_country)
    _keep(source, document)
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


def _document(source: _Source, origin_country: str | None) -> dict[str, Any]:
    """The core-model data of the comprobante."""
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
    items = _goods(source, currency, folio, origin_country)
    document["goods_items"] = items
    _check_totals(source, items)
    source.use(*m.COMPUTED)
    if source.peek(f"{m.C}/@NoCertificado") == _PLACEHOLDER_CERTIFICATE:
        source.use(f"{m.C}/@NoCertificado")
    _certificate(source, document)
    _signature(source)
    return document


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
    attributes = source.of(path)
    country = m.alpha2(attributes.get("Pais"))
    if country is None:
        return None
    _take(source, attributes, path, "Pais", pointer + "/country")
    address: dict[str, Any] = {"country": country}
    street = _take(source, attributes, path, "Calle", pointer + "/lines/0")
    if street is not None:
        address["lines"] = [street]
    postal_code = attributes.get("CodigoPostal")
    if postal_code is not None and len(postal_code) <= 17:
        address["postal_code"] = postal_code
        _take(source, attributes, path, "CodigoPostal", pointer + "/postal_code")
    code = m.subdivision(country, attributes.get("Estado"))
    if code is not None:
        address["subdivision"] = code
        _take(source, attributes, path, "Estado", pointer + "/subdivision")
    city = attributes.get("Municipio")
    if free_text and city is not None and len(city) <= 70:
        address["city"] = city
        _take(source, attributes, path, "Municipio", pointer + "/city")
    return address


def _take(
    source: _Source, attributes: Mapping[str, str], element: str, name: str, pointer: str
) -> str | None:
    """:meth:`_Source.take` of the attribute ``name`` of ``element`` (its ``attributes``)."""
    value = attributes.get(name)
    if value is None:
        return None
    spent = source.used.get(element)
    if spent is None:
        source.used[element] = {name}
    else:
        spent.add(name)
    source.locate[pointer] = f"{element}/@{name}"
    return value


_CONCEPTOS = f"{m.C}/cfdi:Conceptos/cfdi:Concepto"
_MERCANCIAS = f"{m.CE}/cce20:Mercancias/cce20:Mercancia"
_SPECIFIC_BASE = _SPECIFIC[: -len("[1]")]


def _goods(
    source: _Source, currency: str | None, folio: str | None, origin: str | None
) -> list[dict[str, Any]]:
    conceptos = source.indexes(_CONCEPTOS)
    mercancias = source.indexes(_MERCANCIAS)
    of = source.of
    by_id: dict[str, int] = {}
    for number in mercancias:
        merc_path = f"{_MERCANCIAS}[{number}]"
        source.mercancias[number] = (merc_path, of(merc_path))
        ident = source.mercancias[number][1].get("NoIdentificacion")
        if ident is not None:
            by_id.setdefault(ident, number)
    elements = [(path, of(path)) for path in [f"{_CONCEPTOS}[{n}]" for n in conceptos]]
    numbers = _line_numbers([attributes.get("NoIdentificacion") for _, attributes in elements])
    items: list[dict[str, Any]] = []
    matched: set[int] = set()
    context = (currency, folio)
    specific = any(base.endswith(_SPECIFIC_BASE) for base in source.tree.repeats)
    routes, lines = source.routes, source.lines
    for index, (number, element, line) in enumerate(zip(conceptos, elements, numbers, strict=True)):
        path, attributes = element
        routes[path] = (index, _CONCEPTO_FIELDS)
        item = _concepto(source, element, line, context)
        ident = attributes.get("NoIdentificacion")
        merc = by_id.get(ident) if ident is not None else None
        merc_element = source.mercancias[merc] if merc is not None else None
        lines.append((element, merc_element))
        if merc is None or merc_element is None:
            if mercancias:
                source.issue(
                    "mx_cfdi_mercancia_unmatched",
                    f"/goods_items/{index}",
                    f"{path}/@NoIdentificacion",
                    value=ident or "",
                    element="cfdi:Concepto",
                    other="cce20:Mercancia",
                )
        else:
            matched.add(merc)
            merc_path = merc_element[0]
            routes[merc_path] = (index, _MERCANCIA_FIELDS)
            if specific:
                routes[merc_path + _SPECIFIC] = (index, _SPECIFIC_FIELDS)
            _mercancia(source, merc_element, index, item, (currency, specific))
        if origin is not None:
            item["origin_country"] = origin
        else:
            _origin(source, item, index, merc or number)
        items.append(item)
    _unmatched(source, [n for n in mercancias if n not in matched])
    return items


def _origin(source: _Source, item: dict[str, Any], index: int, number: int) -> None:
    """No origin given: ``mx_cfdi_origin_not_stated`` on the goods item."""
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
    source: _Source, element: _Element, line: int, context: tuple[str | None, str | None]
) -> dict[str, Any]:
    """The goods item of a ``cfdi:Concepto`` (its locations: :data:`_LINE_POINTERS`)."""
    currency, folio = context
    path, attributes = element
    used = source.used.setdefault(path, set())
    if attributes.get("NoIdentificacion") == str(line):
        used.add("NoIdentificacion")
    item: dict[str, Any] = {"line_number": line}
    description = attributes.get("Descripcion")
    if description is not None:
        item["description"] = description
        used.add("Descripcion")
    amount = attributes.get("Importe")
    if amount is not None:
        used.add("Importe")
    item["value"] = {"amount": amount, "currency": currency}
    quantity, unit = attributes.get("Cantidad"), attributes.get("ClaveUnidad")
    if quantity is not None and unit is not None:
        used.update(("Cantidad", "ClaveUnidad"))
        item["quantity"] = {"value": quantity, "unit": unit}
        given = attributes.get("ValorUnitario")
        if given is not None and source.is_unit_value(given, amount, quantity):
            used.add("ValorUnitario")
    if folio is not None:
        item["invoice_number"] = folio
    return item


def _mercancia(
    source: _Source,
    element: _Element,
    index: int,
    item: dict[str, Any],
    context: tuple[str | None, bool],
) -> None:
    """The classification, tariff quantity and brand of a matched ``cce20:Mercancia``."""
    currency, specific = context
    path, attributes = element
    used = source.used.setdefault(path, set())
    used.add("NoIdentificacion")
    classification = _fraccion(source, element, index, item["line_number"])
    if classification is not None:
        used.add("FraccionArancelaria")
        item["classification"] = classification
    quantity, unit = attributes.get("CantidadAduana"), attributes.get("UnidadAduana")
    if quantity is not None and unit is not None:
        used.update(("CantidadAduana", "UnidadAduana"))
        code = _umt(unit)
        item["tariff_quantities"] = [{"jurisdiction": "MX", "value": quantity, "unit": code}]
    dollars = attributes.get("ValorDolares")
    if currency == "USD" and dollars is not None and dollars == item["value"].get("amount"):
        used.add("ValorDolares")
    if specific:
        _brand(source, path + _SPECIFIC, f"/goods_items/{index}", item)
    per_unit = attributes.get("ValorUnitarioAduana")
    if per_unit is not None and source.is_unit_value(per_unit, dollars, quantity):
        used.add("ValorUnitarioAduana")


def _brand(source: _Source, specific: str, pointer: str, item: dict[str, Any]) -> None:
    """Marca and Modelo of the first ``DescripcionesEspecificas`` (the partida's, as in 551)."""
    attributes = source.attributes.get(specific)
    if attributes is None:
        return
    national: dict[str, Any] = {}
    for attribute, name in (("Marca", "marca"), ("Modelo", "modelo")):
        value = source.take(f"{pointer}/national/mx/{name}", f"{specific}/@{attribute}")
        if value is not None:
            national[name] = value
    if national:
        item["national"] = {"mx": national}


def _fraccion(
    source: _Source, element: tuple[str, dict[str, str]], index: int, line: int
) -> dict[str, Any] | None:
    """The classification of a ``FraccionArancelaria`` with its NICO (issues located lazily)."""
    path, attributes = element
    value = attributes.get("FraccionArancelaria")
    if value is not None and len(value) == 10 and _FRACCION.fullmatch(value):
        return {"hs6": value[:6], "mx_fraccion": value[:8], "mx_nico": value[8:]}
    target = f"/goods_items/{index}/classification"
    if value is None:
        source.issue("mx_cfdi_fraccion_missing", target, path, line=str(line))
        return None
    attribute = f"{path}/@FraccionArancelaria"
    if not _FRACCION.fullmatch(value):
        source.issue(
            "mx_cfdi_value_invalid",
            target,
            attribute,
            attribute="FraccionArancelaria",
            value=value,
            detail="a fracción has 8 digits, with its NICO 10",
        )
        return None
    found: dict[str, Any] = {"hs6": value[:6], "mx_fraccion": value[:8]}
    if len(value) == 10:
        found["mx_nico"] = value[8:]
    else:
        source.issue("mx_cfdi_fraccion_legacy", target + "/mx_fraccion", attribute, value=value)
    return found


def _check_totals(source: _Source, items: list[dict[str, Any]]) -> None:
    amounts = [source.decimal(i.get("value", {}).get("amount")) for i in items]
    if any(a is None for a in amounts):
        return
    subtotal = sum((a for a in amounts if a is not None), start=Decimal(0))
    _compare(source, f"{m.C}/@SubTotal", subtotal)
    discount = m.decimal_or_none(source.peek(f"{m.C}/@Descuento")) or Decimal(0)
    _compare(source, f"{m.C}/@Total", subtotal - discount)
    dollars = [
        source.decimal(attributes.get("ValorDolares"))
        for _, attributes in source.mercancias.values()
    ]
    if dollars and all(d is not None for d in dollars):
        computed = m.total_usd([d for d in dollars if d is not None])
        _compare(source, f"{m.CE}/@TotalUSD", Decimal(computed))


def _compare(source: _Source, path: str, computed: Decimal) -> None:
    declared = source.peek(path)
    number = source.decimal(declared)
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


def _keep(source: _Source, document: dict[str, Any]) -> None:
    """Put every value not used for the core model into the ``cfdi`` blocks.

    Named fiscal values go to their fields (``national.mx.cfdi``, and per goods item
    ``national.mx.cfdi``); any other value goes, by XPath, to ``national.mx.cfdi.otros``.
    """
    fiscal = _FISCAL
    block: dict[str, Any] = {}
    lines: dict[int, dict[str, Any]] = {}
    used, routes = source.used, source.routes
    for element, attributes in source.attributes.items():
        spent = used.get(element) or _SPENT_NONE
        if spent.issuperset(attributes):
            continue  # every attribute taken (a matched mercancía, mostly)
        route = routes.get(element)
        fields = route[1] if route is not None else _NONE
        line: dict[str, Any] | None = None
        for name, value in attributes.items():
            if name in spent:
                continue
            field = fields.get(name)
            if route is not None and field is not None:
                if line is None:
                    line = lines.setdefault(route[0], {})
                line[field] = value
                continue
            path = f"{element}/@{name}"
            if path in fiscal:
                _set(block, fiscal[path], value)
            else:
                block.setdefault("otros", {})[path] = value
    if block:
        mx = document.setdefault("national", {}).setdefault("mx", {})
        mx.setdefault("cfdi", {}).update(block)
    for index, kept in lines.items():
        item = document["goods_items"][index]
        item.setdefault("national", {}).setdefault("mx", {})["cfdi"] = kept


_SPENT_NONE: frozenset[str] = frozenset()

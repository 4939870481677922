"""One pass over a CFDI of the common shape, straight from its elements to the declaration.

:func:`harmonized_customs.countries.mx.cfdi_read.read_cce` first tries :func:`read`: it takes
a comprobante whose elements are exactly an emisor, a receptor, the conceptos and a Comercio
Exterior with its emisor, receptor, one destinatario and the mercancías, every element with its
supported attributes only and all its required ones, and builds the document the general
reading builds, without recording where each value sat. At the first thing it does not take
(another element or attribute, a value kept by XPath in ``otros``, anything the reading reports,
a model error) it gives ``None`` and the general reading, which stays the reference, reads the
file; ``tests/mx_cce20/test_cfdi_fast.py`` checks both give the same result.

Each element's attributes are taken once, as a dict; what is known before any file is read
(the tags, the fiscal field of each attribute, the attributes of a line element the core model
takes) is made once, with the shape.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeGuard

from lxml import etree
from pydantic import ValidationError

from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx import cfdi_parts as parts
from harmonized_customs.countries.mx.cfdi_xml import MAX_ATTRIBUTES, Node, layout
from harmonized_customs.model import Declaration

__all__ = ["read"]


class _DeclinedError(Exception):
    """The document is not of the shape :func:`read` takes: the general reading reads it."""


_Attributes = dict[str, str]
_Field = tuple[tuple[str, ...], str]
"""A dotted ``national.mx.cfdi`` field as (parent blocks, name)."""
_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def _fiscal_by_element() -> dict[str, dict[str, _Field]]:
    """:data:`cfdi_parts.FISCAL` by element path, then by attribute name."""
    found: dict[str, dict[str, _Field]] = {}
    for path, dotted in parts.FISCAL.items():
        element, _, name = path.rpartition("/@")
        *parents, field = dotted.split(".")
        found.setdefault(element, {})[name] = (tuple(parents), field)
    return found


_FISCAL = _fiscal_by_element()
_NO_FIELDS: dict[str, _Field] = {}


class _Shape:
    """The layout nodes and Clark tags of the elements :func:`read` takes."""

    def __init__(self) -> None:
        shape = layout()
        cfdi, cce = shape.namespaces["cfdi"], shape.namespaces["cce20"]
        self.root = shape.root
        self.root_tag = f"{{{cfdi}}}Comprobante"
        root = shape.root.by_name
        self.cfdi = {n: (f"{{{cfdi}}}{n}", root[f"cfdi:{n}"]) for n in _CFDI_CHILDREN}
        self.concepto = (f"{{{cfdi}}}Concepto", root["cfdi:Conceptos"].by_name["cfdi:Concepto"])
        complemento = root["cfdi:Complemento"].by_name
        self.cce = (f"{{{cce}}}ComercioExterior", complemento["cce20:ComercioExterior"])
        by_name = self.cce[1].by_name
        self.cce_children = {n: (f"{{{cce}}}{n}", by_name[f"cce20:{n}"]) for n in _CCE_CHILDREN}
        self.cfdi_tags = [self.cfdi[n][0] for n in _CFDI_CHILDREN]
        self.cce_tags = [self.cce_children[n][0] for n in _CCE_CHILDREN]
        self.domicilio = [f"{{{cce}}}Domicilio"]
        self.mercancia = (f"{{{cce}}}Mercancia", by_name["cce20:Mercancias"].by_name)
        self.domicilios = {
            name: self.cce_children[name][1].by_name["cce20:Domicilio"]
            for name in _CCE_CHILDREN[:3]
        }


_CFDI_CHILDREN = ("Emisor", "Receptor", "Conceptos", "Complemento")
_CCE_CHILDREN = ("Emisor", "Receptor", "Destinatario", "Mercancias")
_SHAPE: list[_Shape] = []


def _shape() -> _Shape:
    """The shape, made on first use (the layout is read from its file then)."""
    if not _SHAPE:
        _SHAPE.append(_Shape())
    return _SHAPE[0]


def read(root: etree._Element, origin_country: str | None) -> Declaration | None:
    """The declaration of ``root`` when it is of the shape this module takes, else ``None``.

    ``None`` also when the general reading would report anything: the declaration stands alone.
    """
    if origin_country is None:
        return None  # every line gets mx_cfdi_origin_not_stated
    try:
        document = _Reader(_shape(), origin_country).document(root)
        return Declaration.model_validate(document)
    except (_DeclinedError, ValidationError):
        return None


def _plain(element: etree._Element, node: Node) -> _Attributes:
    """The attributes of an element with no children, all supported and complete."""
    if len(element):
        raise _DeclinedError
    return _attributes(element, node)


def _attributes(element: etree._Element, node: Node) -> _Attributes:
    """The attributes of an element, all supported (``xsi:schemaLocation`` left out)."""
    items: list[tuple[str, str]] = element.items()  # type: ignore[assignment]
    if len(items) > MAX_ATTRIBUTES:
        raise _DeclinedError
    attributes = dict(items)
    supported = node.attribute_set
    if not supported.issuperset(attributes):
        attributes.pop(_SCHEMA_LOCATION, None)
        if not supported.issuperset(attributes):
            raise _DeclinedError
    if not attributes or not node.required.issubset(attributes):
        raise _DeclinedError
    return attributes


def _children(element: etree._Element, tags: list[str]) -> list[etree._Element]:
    """The children of ``element``, which must have exactly the tags ``tags`` in that order."""
    children = list(element)
    if [c.tag for c in children] != tags:
        raise _DeclinedError
    return children


class _Reader:
    """The document of one comprobante, and the attributes it did not take."""

    def __init__(self, shape: _Shape, origin: str) -> None:
        self.shape = shape
        self.origin = origin
        self.block: dict[str, Any] = {}
        """What goes to ``national.mx.cfdi`` (the fiscal fields)."""
        self.decimals = parts.Decimals()

    def keep(self, path: str, attributes: _Attributes, used: frozenset[str] | set[str]) -> None:
        """Put the attributes not ``used`` in their fiscal fields; decline any other."""
        fields = _FISCAL.get(path, _NO_FIELDS)
        for name, value in attributes.items():
            if name in used:
                continue
            found = fields.get(name)
            if found is None:
                raise _DeclinedError
            parents, field = found
            block = self.block
            for parent in parents:
                block = block.setdefault(parent, {})
            block[field] = value

    def document(self, root: etree._Element) -> dict[str, Any]:
        """The core-model data of the comprobante (:func:`cfdi_read._document`)."""
        shape = self.shape
        if root.tag != shape.root_tag:
            raise _DeclinedError
        comprobante = _attributes(root, shape.root)
        emisor, receptor, conceptos, complemento = _children(root, shape.cfdi_tags)
        if complemento.attrib or conceptos.attrib:
            raise _DeclinedError
        (cce,) = _children(complemento, [shape.cce[0]])
        document: dict[str, Any] = {"direction": "export", "country_of_export": "MX"}
        used: set[str] = {*_COMPUTED_C}
        folio = comprobante.get("Folio")
        if folio is None:
            raise _DeclinedError
        used.add("Folio")
        _dates(comprobante, document, folio, used)
        exterior = _attributes(cce, shape.cce[1])
        cce_used: set[str] = {*_COMPUTED_CE}
        currency = comprobante["Moneda"]
        used.add("Moneda")
        document["valuation"] = _valuation(comprobante, exterior, used, cce_used)
        cce_used.add("ClaveDePedimento")
        mx = document.setdefault("national", {}).setdefault("mx", {})
        mx["clave_pedimento"] = exterior["ClaveDePedimento"]
        children = _children(cce, shape.cce_tags)
        self.parties(document, (emisor, receptor, *children[:3]))
        document["goods_items"] = self.goods(
            (conceptos, children[3]), (currency, folio), (comprobante, exterior)
        )
        if comprobante.get("NoCertificado") == parts.PLACEHOLDER_CERTIFICATE:
            used.add("NoCertificado")
        _certificate(exterior, document, cce_used)
        if comprobante.get("Sello") or comprobante.get("Certificado"):
            raise _DeclinedError  # mx_cfdi_signature_not_verified
        self.keep(m.C, comprobante, used)
        self.keep(m.CE, exterior, cce_used)
        if self.block:
            mx = document.setdefault("national", {}).setdefault("mx", {})
            mx.setdefault("cfdi", {}).update(self.block)
        return document

    def parties(self, document: dict[str, Any], elements: tuple[etree._Element, ...]) -> None:
        """Exporter, buyer and consignee (:func:`cfdi_read._parties`)."""
        emisor, receptor, cce_emisor, cce_receptor, destinatario = elements
        document["exporter"] = self.emisor(emisor, cce_emisor)
        document["buyer"] = self.receptor(receptor, cce_receptor)
        document["consignee"] = self.destinatario(destinatario)

    def emisor(self, element: etree._Element, extra: etree._Element) -> dict[str, Any]:
        """:func:`cfdi_read._emisor` of ``cfdi:Emisor`` and ``cce20:Emisor``."""
        attributes = _plain(element, self.shape.cfdi["Emisor"][1])
        party: dict[str, Any] = {"name": attributes["Nombre"]}
        rfc = attributes["Rfc"]
        if len(rfc) > 35:
            raise _DeclinedError
        identifiers = [{"scheme": "mx-rfc", "value": rfc}]
        if extra.attrib:
            curp = _attributes(extra, self.shape.cce_children["Emisor"][1]).get("Curp")
            if curp is None or len(curp) > 35:
                raise _DeclinedError
            identifiers.append({"scheme": "mx-curp", "value": curp})
        party["identifiers"] = identifiers
        self.keep(m.EMISOR, attributes, _NAME_RFC)
        (domicilio,) = _children(extra, self.shape.domicilio)
        node = self.shape.domicilios["Emisor"]
        party["address"] = self.address(domicilio, node, m.EMISOR_DOM)
        return party

    def receptor(self, element: etree._Element, extra: etree._Element) -> dict[str, Any]:
        """:func:`cfdi_read._receptor` of ``cfdi:Receptor`` and ``cce20:Receptor``."""
        attributes = _plain(element, self.shape.cfdi["Receptor"][1])
        if extra.attrib:
            raise _DeclinedError
        party: dict[str, Any] = {"name": attributes["Nombre"]}
        used = {"Nombre", "Rfc"}
        identifiers: list[dict[str, Any]] = []
        rfc = attributes["Rfc"]
        if rfc != m.GENERIC_FOREIGN_RFC:
            if len(rfc) > 35:
                raise _DeclinedError
            identifiers.append({"scheme": "mx-rfc", "value": rfc})
        country = m.alpha2(attributes.get("ResidenciaFiscal"))
        tax_id = _tax_id(attributes, country, used)
        if tax_id is not None:
            identifiers.append(tax_id)
            if country is not None:
                used.add("ResidenciaFiscal")
        if identifiers:
            party["identifiers"] = identifiers
        self.keep(m.RECEPTOR, attributes, used)
        (domicilio,) = _children(extra, self.shape.domicilio)
        node = self.shape.domicilios["Receptor"]
        party["address"] = self.address(domicilio, node, m.RECEPTOR_DOM, city=True)
        return party

    def destinatario(self, element: etree._Element) -> dict[str, Any]:
        """:func:`cfdi_read._destinatario` of the one ``cce20:Destinatario``."""
        attributes = _attributes(element, self.shape.cce_children["Destinatario"][1])
        name = attributes.get("Nombre")
        if name is None:
            raise _DeclinedError
        (domicilio,) = _children(element, self.shape.domicilio)
        node = self.shape.domicilios["Destinatario"]
        address = self.address(domicilio, node, m.DEST_DOM, city=True)
        party: dict[str, Any] = {"name": name}
        used = {"Nombre"}
        tax_id = _tax_id(attributes, address["country"], used)
        if tax_id is not None:
            party["identifiers"] = [tax_id]
        party["address"] = address
        self.keep(m.DEST, attributes, used)
        return party

    def address(
        self, element: etree._Element, node: Node, path: str, *, city: bool = False
    ) -> dict[str, Any]:
        """:func:`cfdi_read._address` of a ``Domicilio`` whose country is known."""
        attributes = _plain(element, node)
        country = m.alpha2(attributes.get("Pais"))
        if country is None:
            raise _DeclinedError
        used = {"Pais"}
        address: dict[str, Any] = {"country": country}
        street = attributes.get("Calle")
        if street is not None:
            address["lines"] = [street]
            used.add("Calle")
        postal_code = attributes.get("CodigoPostal")
        if postal_code is not None and len(postal_code) <= 17:
            address["postal_code"] = postal_code
            used.add("CodigoPostal")
        code = m.subdivision(country, attributes.get("Estado"))
        if code is not None:
            address["subdivision"] = code
            used.add("Estado")
        municipio = attributes.get("Municipio")
        if city and municipio is not None and len(municipio) <= 70:
            address["city"] = municipio
            used.add("Municipio")
        self.keep(path, attributes, used)
        return address

    def goods(
        self,
        parents: tuple[etree._Element, etree._Element],
        context: tuple[str, str],
        totals: tuple[_Attributes, _Attributes],
    ) -> list[dict[str, Any]]:
        """The goods items (:func:`cfdi_read._goods`), their totals checked."""
        conceptos, mercancias = parents
        if mercancias.attrib:
            raise _DeclinedError
        concepto_tag, concepto_node = self.shape.concepto
        merc_tag, merc_nodes = self.shape.mercancia
        found = _line_elements(conceptos, concepto_tag, concepto_node)
        goods = _line_elements(mercancias, merc_tag, merc_nodes["cce20:Mercancia"])
        ids = [a.get("NoIdentificacion") for a in found]
        paired = _paired(ids, goods)
        numbers = parts.line_numbers(ids)
        origin = self.origin
        concepto, mercancia = self.concepto, self.mercancia
        items: list[dict[str, Any]] = []
        for attributes, line, merc in zip(found, numbers, paired, strict=True):
            item, kept = concepto(attributes, line, context)
            mercancia(merc, item, kept, context[0])
            item["origin_country"] = origin
            if kept:
                item["national"] = {"mx": {"cfdi": kept}}
            items.append(item)
        self.check_totals(items, goods, totals)
        return items

    def concepto(
        self, attributes: _Attributes, line: int, context: tuple[str, str]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """:func:`cfdi_read._concepto`, with the line's kept ``cfdi`` fields.

        Every attribute of a concepto is taken by the core model or kept in a field
        (:data:`_CONCEPTO_TAKEN`, :data:`_CONCEPTO_KEPT`): none declines.
        """
        currency, folio = context
        amount, quantity = attributes["Importe"], attributes["Cantidad"]
        item: dict[str, Any] = {
            "line_number": line,
            "description": attributes["Descripcion"],
            "value": {"amount": amount, "currency": currency},
            "quantity": {"value": quantity, "unit": attributes["ClaveUnidad"]},
            "invoice_number": folio,
        }
        kept: dict[str, str] = {}
        for name, field in _CONCEPTO_KEPT:
            value = attributes.get(name)
            if value is not None:
                kept[field] = value
        if attributes.get("NoIdentificacion") == str(line):
            del kept[_NO_IDENTIFICACION]
        if self.decimals.is_unit_value(attributes["ValorUnitario"], amount, quantity):
            del kept[_VALOR_UNITARIO]
        return item, kept

    def mercancia(
        self, attributes: _Attributes, item: dict[str, Any], kept: dict[str, str], currency: str
    ) -> None:
        """:func:`cfdi_read._mercancia` of a matched mercancía, its ``cfdi`` fields in ``kept``.

        ``CantidadAduana`` and ``UnidadAduana`` are taken together; one without the other
        declines (it has no field), as would any attribute with no field.
        """
        value = attributes.get("FraccionArancelaria")
        if value is None or len(value) != 10 or not parts.FRACCION.fullmatch(value):
            raise _DeclinedError  # an issue, or no classification
        item["classification"] = {"hs6": value[:6], "mx_fraccion": value[:8], "mx_nico": value[8:]}
        quantity, unit = attributes.get("CantidadAduana"), attributes.get("UnidadAduana")
        if quantity is not None and unit is not None:
            tariff = {"jurisdiction": "MX", "value": quantity, "unit": parts.umt(unit)}
            item["tariff_quantities"] = [tariff]
        elif quantity is not None or unit is not None:
            raise _DeclinedError
        dollars = attributes["ValorDolares"]
        if currency != "USD" or dollars != item["value"]["amount"]:
            kept[_VALOR_DOLARES] = dollars
        per_unit = attributes.get("ValorUnitarioAduana")
        if per_unit is not None and not self.decimals.is_unit_value(per_unit, dollars, quantity):
            kept[_VALOR_UNITARIO_ADUANA] = per_unit

    def check_totals(
        self,
        items: list[dict[str, Any]],
        goods: list[_Attributes],
        totals: tuple[_Attributes, _Attributes],
    ) -> None:
        """:func:`cfdi_read._check_totals`: decline where it would report a mismatch."""
        comprobante, exterior = totals
        decimal = self.decimals.decimal
        amounts = [decimal(i["value"]["amount"]) for i in items]
        if not _all_decimals(amounts):
            return
        subtotal = sum(amounts, start=Decimal(0))
        self.same(comprobante["SubTotal"], subtotal)
        discount = decimal(comprobante.get("Descuento")) or Decimal(0)
        self.same(comprobante["Total"], subtotal - discount)
        dollars = [decimal(g["ValorDolares"]) for g in goods]
        if dollars and _all_decimals(dollars):
            total = m.total_usd(dollars)
            self.same(exterior["TotalUSD"], Decimal(total))

    def same(self, declared: str, computed: Decimal) -> None:
        """Decline when ``declared`` is not ``computed`` (``mx_cfdi_total_mismatch``)."""
        if self.decimals.decimal(declared) != computed:
            raise _DeclinedError


_COMPUTED_C = frozenset(p.rpartition("/@")[2] for p in m.COMPUTED if p.startswith(f"{m.C}/@"))
_COMPUTED_CE = frozenset(p.rpartition("/@")[2] for p in m.COMPUTED if p.startswith(f"{m.CE}/@"))
_NAME_RFC = frozenset(("Nombre", "Rfc"))
_CONCEPTO_TAKEN = frozenset(("Descripcion", "Importe", "Cantidad", "ClaveUnidad"))
"""The attributes of a concepto the core model always takes (all required)."""
_CONCEPTO_KEPT = tuple(parts.CONCEPTO_KEPT.items())
_NO_IDENTIFICACION = parts.CONCEPTO_KEPT["NoIdentificacion"]
_VALOR_UNITARIO = parts.CONCEPTO_KEPT["ValorUnitario"]
_VALOR_DOLARES = parts.MERCANCIA_KEPT["ValorDolares"]
_VALOR_UNITARIO_ADUANA = parts.MERCANCIA_KEPT["ValorUnitarioAduana"]
_MERCANCIA_TAKEN = frozenset(
    ("NoIdentificacion", "FraccionArancelaria", "CantidadAduana", "UnidadAduana")
)
"""The attributes of a mercancía the core model takes (the last two together)."""


def _all_decimals(values: list[Decimal | None]) -> TypeGuard[list[Decimal]]:
    """Whether no value is ``None`` (by identity: ``None in values`` compares each decimal)."""
    return all(value is not None for value in values)


def _tax_id(attributes: _Attributes, country: str | None, used: set[str]) -> dict[str, Any] | None:
    """The ``tax-id`` identifier of ``NumRegIdTrib`` (:func:`cfdi_read._identifier`)."""
    value = attributes.get("NumRegIdTrib")
    if value is None or len(value) > 35:
        return None
    used.add("NumRegIdTrib")
    found: dict[str, Any] = {"scheme": "tax-id", "value": value}
    if country is not None:
        found["country"] = country
    return found


def _line_elements(parent: etree._Element, tag: str, node: Node) -> list[_Attributes]:
    """The attributes of the conceptos or mercancías, at least one, none with children.

    The children are taken by tag (lxml compares the names without making strings), all of
    them: as many as the parent has nodes, comments included.
    """
    elements = list(parent.iterchildren(tag))
    if not elements or len(elements) != len(parent):
        raise _DeclinedError
    found: list[_Attributes] = []
    supported, required = node.attribute_set, node.required
    for element in elements:
        items: list[tuple[str, str]] = element.items()  # type: ignore[assignment]
        if len(element) or len(items) > MAX_ATTRIBUTES:
            raise _DeclinedError
        attributes = dict(items)
        if not (supported.issuperset(attributes) and required.issubset(attributes)):
            raise _DeclinedError
        found.append(attributes)
    return found


def _paired(ids: list[str | None], goods: list[_Attributes]) -> list[_Attributes]:
    """The mercancía of each concepto (same ``NoIdentificacion``), each taken once, all taken.

    Conceptos and mercancías with the same distinct identifiers in the same order are paired
    in order; any other order is matched by identifier, the first mercancía of each.
    """
    same = ids == [g.get("NoIdentificacion") for g in goods]
    if same and None not in ids and len(set(ids)) == len(ids):
        return goods
    by_id: dict[str, int] = {}
    for number, attributes in enumerate(goods):
        ident = attributes.get("NoIdentificacion")
        if ident is not None:
            by_id.setdefault(ident, number)
    paired: list[_Attributes] = []
    matched: set[int] = set()
    for ident in ids:
        merc = by_id.get(ident) if ident is not None else None
        if merc is None or merc in matched:
            raise _DeclinedError  # mx_cfdi_mercancia_unmatched, or one mercancía twice
        matched.add(merc)
        paired.append(goods[merc])
    if len(matched) != len(goods):
        raise _DeclinedError  # mx_cfdi_mercancia_unmatched
    return paired


def _dates(comprobante: _Attributes, document: dict[str, Any], folio: str, used: set[str]) -> None:
    """:func:`cfdi_read._dates` with a folio."""
    fecha = comprobante["Fecha"]
    rest = fecha[10:]
    time = parts.TIME.fullmatch(rest)
    if time is not None and time.group(1) != "00:00:00":
        document["national"] = {"mx": {"cfdi": {"hora": time.group(1)}}}
    elif rest not in {"", "T00:00:00"}:
        raise _DeclinedError  # kept in otros
    used.add("Fecha")
    document["invoices"] = [{"number": folio, "date": fecha[:10]}]


def _valuation(
    comprobante: _Attributes, exterior: _Attributes, used: set[str], cce_used: set[str]
) -> dict[str, Any]:
    """:func:`cfdi_read._valuation`."""
    currency = comprobante["Moneda"]
    valuation: dict[str, Any] = {"currency": currency}
    rates: list[dict[str, Any]] = []
    rate = comprobante.get("TipoCambio")
    if currency not in {"MXN", "XXX"} and rate is not None:
        rates.append({"source_currency": currency, "target_currency": "MXN", "rate": rate})
        used.add("TipoCambio")
    usd = exterior["TipoCambioUSD"]
    if not (currency == "USD" and usd == rate):
        rates.append({"source_currency": "USD", "target_currency": "MXN", "rate": usd})
    cce_used.add("TipoCambioUSD")
    if rates:
        valuation["exchange_rates"] = rates
    incoterm = exterior.get("Incoterm")
    if incoterm is not None:
        valuation["incoterm"] = incoterm
        cce_used.add("Incoterm")
    return valuation


def _certificate(exterior: _Attributes, document: dict[str, Any], used: set[str]) -> None:
    """:func:`cfdi_read._certificate`."""
    flag, number = exterior["CertificadoOrigen"], exterior.get("NumCertificadoOrigen")
    if flag == "0" and number is None:
        used.add("CertificadoOrigen")
        return
    buyer = document.get("buyer") or {}
    country = (buyer.get("address") or {}).get("country")
    if flag != "1" or number is None or country != "US" or len(number) > 40:
        return
    used.update(("CertificadoOrigen", "NumCertificadoOrigen"))
    reference = {
        "kind": "mx-cce-certificado-origen",
        "number": number,
        "issuer_role": "exporter",
        "country": "MX",
    }
    for item in document["goods_items"]:
        item["preference"] = {"program": "USMCA", "certification_reference": dict(reference)}

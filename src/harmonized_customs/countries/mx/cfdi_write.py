"""Writing a declaration as a CFDI 4.0 with Complemento de Comercio Exterior 2.0.

The exporter is the emisor, the buyer (or, failing it, the importer) the receptor, the
consignee the first destinatario; each goods item becomes one ``cfdi:Concepto`` and one
``cce20:Mercancia`` sharing a ``NoIdentificacion``. Fiscal values with no harmonised home
(régimen fiscal, lugar de expedición, ClaveProdServ, ObjetoImp...) come from the ``cfdi`` blocks
of the Mexican national data (as the reader fills them), then from ``extras``, an XPath-keyed
mapping the caller may compose. A certification reference of the preference claims is written
as ``CertificadoOrigen="1"`` with its ``NumCertificadoOrigen``; tariff units are written in the
two-digit ``c_UnidadAduana`` codes. A few are derived by documented
rules and reported as ``mx_cfdi_value_derived``; a required value that is still missing is
reported as ``mx_cfdi_attribute_missing`` and left out. Every model value the CFDI has no place
for is reported as ``value_not_carried``.

The comprobante is written unsigned: ``Sello`` and ``Certificado`` empty, no timbre fiscal.
Sealing with the emisor's CSD and stamping by a PAC are out of scope.

More information: SAT, Anexo 20 (CFDI 4.0) and the Estándar del Complemento de Comercio
Exterior 2.0 (http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from harmonized_customs import collector
from harmonized_customs.countries.mx import cfdi_map as m
from harmonized_customs.countries.mx import units
from harmonized_customs.countries.mx.cfdi_xml import Layout, build, layout
from harmonized_customs.format_registry import WriteResult
from harmonized_customs.issues import Issue, SourceLocation
from harmonized_customs.losses import UseTree, not_carried_by, unused_in_tree, use, use_tree
from harmonized_customs.model import Address, Declaration, GoodsItem, Party

__all__ = ["PLACEHOLDER_CERTIFICATE_NUMBER", "write_cce"]

NAME = "mx-cfdi-cce20"
PLACEHOLDER_CERTIFICATE_NUMBER = "0" * 20
"""``NoCertificado`` written until the comprobante is sealed (the XSD requires 20 digits)."""

_COMPUTED = m.COMPUTED

_MONEDA = f"{m.C}/@Moneda"

_Line = tuple[str, UseTree]
"""A goods item's pointer (``/goods_items/0``) and the parts of it used."""


class _Writer:
    def __init__(self, declaration: Declaration, extras: Mapping[str, str]) -> None:
        self.declaration = declaration
        self.extras = {**extras, **m.from_model(declaration)}
        self.values: dict[str, str] = {}
        self.used: UseTree = {"schema_version": True, "direction": True}
        use(self.used, "national", "mx", "cfdi")
        if declaration.country_of_export == "MX":
            self.used["country_of_export"] = True
        self.lines: UseTree = {}
        """The parts of the goods items used, by index (``used["goods_items"]``)."""
        self.used["goods_items"] = self.lines
        self.issues: list[Issue] = []
        self.cce_units: dict[str, str] = {}

    def put(self, path: str, value: str | None, *pointers: str) -> None:
        if value is None:
            return
        self.values[path] = value
        if pointers:
            use_tree(pointers, self.used)

    def put_line(self, path: str, value: str | None, line: UseTree, *keys: str | int) -> None:
        """:meth:`put` of a value taken from the node at ``keys`` of a goods item.

        ``line`` holds the parts of the goods item used (a value of :attr:`lines`).
        """
        if value is None:
            return
        self.values[path] = value
        use(line, *keys)

    def derive(self, path: str, value: str | None, rule: str) -> None:
        """Set ``path`` by rule when neither the model nor the extras gave it."""
        if value is None or path in self.values:
            return
        self.values[path] = value
        self.issue(
            "mx_cfdi_value_derived",
            "",
            path,
            attribute=path.rsplit("@", 1)[1],
            value=value,
            rule=rule,
        )

    def issue(self, code: str, pointer: str, path: str, /, **ctx: Any) -> None:
        where = SourceLocation(xpath=path)
        self.issues.append(Issue.of(code, pointer, target="MX", source=where, **ctx))


def write_cce(declaration: Declaration, extras: Mapping[str, str] | None = None) -> WriteResult:
    """The CFDI 4.0 + CCE 2.0 XML (UTF-8 bytes) of ``declaration``, with the issues.

    Args:
        declaration: the declaration to write; it should be an export from Mexico.
        extras: CFDI values the declaration's ``cfdi`` blocks do not give, keyed by XPath;
            the declaration's values win.

    Returns:
        The XML bytes and the issues: missing required values, derived values, and every
        model value the CFDI cannot carry.
    """
    with collector.paused():
        return _write(_Writer(declaration, extras or {}))


def _write(writer: _Writer) -> WriteResult:
    _header(writer)
    _emisor(writer)
    _receptor(writer)
    _destinatario(writer)
    _lines(writer)
    _merge_extras(writer)
    _derivations(writer)
    _check_values(writer)
    built = build(writer.values)
    for path, attribute in built.refused:
        writer.issue(
            "mx_cfdi_value_invalid",
            m.pointer_for_path(path),
            f"{path}/@{attribute}",
            attribute=attribute,
            value=writer.values[f"{path}/@{attribute}"].encode("unicode_escape").decode("ascii"),
            detail="it holds a control character that XML cannot carry",
        )
    for path, attribute in built.missing:
        element = path.rsplit("/", 1)[-1].split("[", 1)[0]
        writer.issue(
            "mx_cfdi_attribute_missing",
            m.pointer_for_path(path),
            f"{path}/@{attribute}",
            attribute=attribute,
            element=element,
        )
    _not_carried(writer)
    return WriteResult(built.output, tuple(writer.issues))


def _header(writer: _Writer) -> None:
    decl = writer.declaration
    if decl.direction != "export":
        writer.issue("mx_cfdi_not_export", "/direction", f"{m.C}", direction=decl.direction)
    writer.put(f"{m.C}/@Version", "4.0")
    writer.put(f"{m.CE}/@Version", "2.0")
    invoice = decl.invoices[0] if decl.invoices else None
    if invoice is not None:
        writer.put(f"{m.C}/@Folio", invoice.number, "/invoices/0/number")
    _fecha(writer)
    writer.put(f"{m.C}/@Sello", "")
    writer.put(f"{m.C}/@Certificado", "")
    _currency(writer)
    clave = decl.national.mx.clave_pedimento if decl.national.mx else None
    writer.put(f"{m.CE}/@ClaveDePedimento", clave, "/national/mx/clave_pedimento")
    if clave is not None and clave != "A1":
        writer.issue(
            "mx_cfdi_clave_pedimento_not_allowed",
            "/national/mx/clave_pedimento",
            f"{m.CE}/@ClaveDePedimento",
            code=clave,
        )
    if decl.valuation is not None:
        writer.put(f"{m.CE}/@Incoterm", decl.valuation.incoterm, "/valuation/incoterm")


def _fecha(writer: _Writer) -> None:
    decl = writer.declaration
    invoice = decl.invoices[0] if decl.invoices else None
    if invoice is not None and invoice.date is not None:
        date, pointer = invoice.date, "/invoices/0/date"
    elif decl.declaration_date is not None:
        date, pointer = decl.declaration_date, "/declaration_date"
    else:
        return
    mx = decl.national.mx
    hora = mx.cfdi.hora if mx and mx.cfdi else None
    given = writer.extras.get(f"{m.C}/@Fecha", "")
    time = given[10:] if re.fullmatch(r".{10}T[0-9]{2}:[0-9]{2}:[0-9]{2}", given) else "T00:00:00"
    time = f"T{hora}" if hora is not None else time
    writer.put(f"{m.C}/@Fecha", date.isoformat() + time, pointer)
    if date.year < 2010 or date.year > 2099:
        writer.issue(
            "mx_cfdi_value_invalid",
            pointer,
            f"{m.C}/@Fecha",
            attribute="Fecha",
            value=date.isoformat(),
            detail="Anexo 20 accepts dates from 2010 to 2099",
        )


def _rate(writer: _Writer, source: str) -> tuple[str, str] | None:
    """The text of the rate ``source`` -> MXN and its pointer, if the valuation has one."""
    valuation = writer.declaration.valuation
    rates = valuation.exchange_rates if valuation else []
    for index, rate in enumerate(rates):
        if rate.source_currency == source and rate.target_currency == "MXN":
            base = f"/valuation/exchange_rates/{index}"
            use(writer.used, "valuation", "exchange_rates", index, "source_currency")
            use(writer.used, "valuation", "exchange_rates", index, "target_currency")
            return m.text(rate.rate), f"{base}/rate"  # its date and basis are not carried
    return None


def _currency(writer: _Writer) -> None:
    decl = writer.declaration
    if decl.valuation is not None:
        currency = decl.valuation.currency
        use(writer.used, "valuation", "currency")
    else:
        currency = decl.goods_items[0].value.currency
    writer.put(f"{m.C}/@Moneda", currency)
    if currency not in {"MXN", "XXX"}:
        found = _rate(writer, currency)
        if found is not None:
            writer.put(f"{m.C}/@TipoCambio", found[0], found[1])
        else:
            writer.issue(
                "mx_cfdi_attribute_missing",
                "/valuation/exchange_rates",
                f"{m.C}/@TipoCambio",
                attribute="TipoCambio",
                element="cfdi:Comprobante",
            )
    usd = _rate(writer, "USD")
    if usd is not None:
        writer.put(f"{m.CE}/@TipoCambioUSD", usd[0], usd[1])


def _identifier(party: Party, scheme: str, base: str) -> tuple[str, str] | None:
    for index, ident in enumerate(party.identifiers):
        if ident.scheme == scheme:
            return ident.value, f"{base}/identifiers/{index}"
    return None


def _emisor(writer: _Writer) -> None:
    party = writer.declaration.exporter
    if party is None:
        return
    writer.put(f"{m.EMISOR}/@Nombre", party.name, "/exporter/name")
    rfc = _identifier(party, "mx-rfc", "/exporter")
    if rfc is not None:
        writer.put(f"{m.EMISOR}/@Rfc", *rfc)
    curp = _identifier(party, "mx-curp", "/exporter")
    if curp is not None:
        writer.put(f"{m.CE_EMISOR}/@Curp", *curp)
    if party.address is not None:
        _domicilio(writer, party.address, m.EMISOR_DOM, "/exporter/address", free_text=False)


def _receptor_party(writer: _Writer) -> tuple[Party, str] | None:
    decl = writer.declaration
    if decl.buyer is not None:
        return decl.buyer, "/buyer"
    if decl.importer is not None:
        return decl.importer, "/importer"
    return None


def _receptor(writer: _Writer) -> None:
    found = _receptor_party(writer)
    if found is None:
        return
    party, base = found
    writer.put(f"{m.RECEPTOR}/@Nombre", party.name, f"{base}/name")
    rfc = _identifier(party, "mx-rfc", base)
    if rfc is not None:
        writer.put(f"{m.RECEPTOR}/@Rfc", *rfc)
    for index, ident in enumerate(party.identifiers):
        if ident.scheme == "tax-id" and f"{m.RECEPTOR}/@NumRegIdTrib" not in writer.values:
            pointer = f"{base}/identifiers/{index}"
            writer.put(f"{m.RECEPTOR}/@NumRegIdTrib", ident.value, pointer)
            country = m.alpha3(ident.country) if ident.country else None
            writer.put(f"{m.RECEPTOR}/@ResidenciaFiscal", country)
    if party.address is not None:
        _domicilio(writer, party.address, m.RECEPTOR_DOM, f"{base}/address", free_text=True)


def _destinatario(writer: _Writer) -> None:
    party = writer.declaration.consignee
    if party is None:
        return
    writer.put(f"{m.DEST}/@Nombre", party.name, "/consignee/name")
    tax_id = _identifier(party, "tax-id", "/consignee")
    if tax_id is not None:
        writer.put(f"{m.DEST}/@NumRegIdTrib", *tax_id)
    if party.address is not None:
        _domicilio(writer, party.address, m.DEST_DOM, "/consignee/address", free_text=True)


def _domicilio(writer: _Writer, address: Address, path: str, base: str, *, free_text: bool) -> None:
    writer.put(f"{path}/@Pais", m.alpha3(address.country), f"{base}/country")
    if address.lines:
        writer.put(f"{path}/@Calle", address.lines[0], f"{base}/lines/0")
    writer.put(f"{path}/@CodigoPostal", address.postal_code, f"{base}/postal_code")
    if address.subdivision is not None:
        writer.put(f"{path}/@Estado", m.estado(address.subdivision), f"{base}/subdivision")
    if free_text:
        writer.put(f"{path}/@Municipio", address.city, f"{base}/city")


def _lines(writer: _Writer) -> None:
    decl = writer.declaration
    folio = decl.invoices[0].number if decl.invoices else None
    identifiers = _identifiers(writer, decl.goods_items)
    for index, item in enumerate(decl.goods_items):
        number = index + 1
        base = f"/goods_items/{index}"
        line: UseTree = {"line_number": True, "national": {"mx": {"cfdi": True}}}
        writer.lines[index] = line
        if item.invoice_number is not None and item.invoice_number == folio:
            line["invoice_number"] = True
        _concepto(writer, item, number, (base, line), identifiers[index])
        _mercancia(writer, item, number, (base, line), identifiers[index])


def _identifiers(writer: _Writer, items: Sequence[GoodsItem]) -> list[str]:
    """The ``NoIdentificacion`` of each concepto, which pairs it with its mercancía.

    A stored identifier is kept; a line without one gets its line number, or, when another
    concepto already has that, the line number with a suffix (``2-1``). Two stored ones alike
    are reported: the reader could not tell their mercancías apart.
    """
    stored = [
        writer.extras.get(f"{m.concepto(n + 1)}/@NoIdentificacion") for n in range(len(items))
    ]
    taken = Counter(s for s in stored if s is not None)
    chosen: list[str] = []
    for index, (item, given) in enumerate(zip(items, stored, strict=True)):
        if given is not None:
            if taken[given] > 1:
                path = f"{m.concepto(index + 1)}/@NoIdentificacion"
                pointer = f"/goods_items/{index}/national/mx/cfdi"
                writer.issue("mx_cfdi_identifier_repeated", pointer, path, value=given)
            chosen.append(given)
            continue
        candidate, suffix = str(item.line_number), 0
        while candidate in taken:
            suffix += 1
            candidate = f"{item.line_number}-{suffix}"
        taken[candidate] += 1
        chosen.append(candidate)
    return chosen


def _concepto(writer: _Writer, item: GoodsItem, number: int, at: _Line, ident: str) -> None:
    base, line = at
    path = m.concepto(number)
    writer.put(f"{path}/@NoIdentificacion", ident)
    writer.put_line(f"{path}/@Descripcion", item.description, line, "description")
    writer.put_line(f"{path}/@Importe", m.text(item.value.amount), line, "value", "amount")
    moneda = writer.values.get(_MONEDA)
    if item.value.currency == moneda:
        use(line, "value", "currency")
    else:
        writer.issue(
            "mx_cfdi_value_invalid",
            f"{base}/value/currency",
            f"{path}/@Importe",
            attribute="Importe",
            value=m.text(item.value.amount),
            detail=f"the line is in {item.value.currency}, the comprobante in {moneda}",
        )
    if item.quantity is not None:
        writer.put_line(f"{path}/@Cantidad", m.text(item.quantity.value), line, "quantity")
        writer.put(f"{path}/@ClaveUnidad", item.quantity.unit)
        per_unit = m.unit_value(item.value.amount, item.quantity.value)
        if f"{path}/@ValorUnitario" not in writer.extras:
            writer.put(f"{path}/@ValorUnitario", per_unit)


def _mercancia(writer: _Writer, item: GoodsItem, number: int, at: _Line, ident: str) -> None:
    line = at[1]
    path = m.mercancia(number)
    writer.put(f"{path}/@NoIdentificacion", ident)
    _fraccion(writer, item, path, at)
    mx_quantities = [(k, q) for k, q in enumerate(item.tariff_quantities) if q.jurisdiction == "MX"]
    dollars = _dollars(writer, item, path, line)
    if mx_quantities:
        k, quantity = mx_quantities[0]
        cantidad = m.text(quantity.value)
        writer.put_line(f"{path}/@CantidadAduana", cantidad, line, "tariff_quantities", k)
        writer.put(f"{path}/@UnidadAduana", _cce_unit(writer, quantity.unit))
        if dollars is not None and f"{path}/@ValorUnitarioAduana" not in writer.extras:
            writer.put(f"{path}/@ValorUnitarioAduana", m.unit_value(dollars, quantity.value))
    national = item.national.mx
    if national is not None:
        specific = f"{path}/cce20:DescripcionesEspecificas[1]"
        writer.put_line(f"{specific}/@Marca", national.marca, line, "national", "mx", "marca")
        writer.put_line(f"{specific}/@Modelo", national.modelo, line, "national", "mx", "modelo")


def _cce_unit(writer: _Writer, unit: str) -> str:
    """The ``c_UnidadAduana`` code of ``unit`` (itself if it has none), looked up once a write."""
    found = writer.cce_units.get(unit)
    if found is None:
        found = writer.cce_units[unit] = units.cce_unit(unit) or unit
    return found


def _dollars(writer: _Writer, item: GoodsItem, path: str, line: UseTree) -> Decimal | None:
    given = writer.extras.get(f"{path}/@ValorDolares")
    if given is not None:
        return m.decimal_or_none(given)
    if item.value.currency == "USD":
        writer.put_line(f"{path}/@ValorDolares", m.text(item.value.amount), line, "value")
        return item.value.amount
    return None


def _fraccion(writer: _Writer, item: GoodsItem, path: str, at: _Line) -> None:
    code = item.classification
    pointer = f"{at[0]}/classification"
    if code.mx_fraccion is None:
        writer.issue(
            "mx_fraccion_missing",
            pointer + "/mx_fraccion",
            f"{path}/@FraccionArancelaria",
            line=item.line_number,
            hs6=code.hs6,
        )
        return
    if code.mx_nico is None:
        writer.issue(
            "mx_cfdi_nico_missing",
            pointer + "/mx_nico",
            f"{path}/@FraccionArancelaria",
            line=item.line_number,
            fraccion=code.mx_fraccion,
        )
        return
    writer.values[f"{path}/@FraccionArancelaria"] = code.mx_fraccion + code.mx_nico
    line = at[1]
    for field in ("hs6", "mx_fraccion", "mx_nico"):
        use(line, "classification", field)


def _line_count(path: str) -> int | None:
    """The 1-based index of the concepto or mercancía ``path`` lies under, if any."""
    for base in _LINE_BASES:
        if path.startswith(base):
            return int(path[len(base) :].split("]", 1)[0])
    return None


_LINE_BASES = tuple(maker(0)[: -len("0]")] for maker in (m.concepto, m.mercancia))
"""The path of a concepto and of a mercancía up to their index (``...cfdi:Concepto[``)."""


def _merge_extras(writer: _Writer) -> None:
    lines = len(writer.declaration.goods_items)
    for path, value in writer.extras.items():
        if path in _COMPUTED or path in writer.values:
            continue
        number = _line_count(path)
        if number is not None and number > lines:
            continue
        writer.values[path] = value


def _derivations(writer: _Writer) -> None:
    values = writer.values
    amounts = [item.value.amount for item in writer.declaration.goods_items]
    subtotal = sum(amounts, Decimal(0))
    discount = m.decimal_or_none(values.get(f"{m.C}/@Descuento")) or Decimal(0)
    values[f"{m.C}/@SubTotal"] = m.text(subtotal)
    values[f"{m.C}/@Total"] = m.text(subtotal - discount)
    dollars = [
        m.decimal_or_none(values.get(f"{m.mercancia(n + 1)}/@ValorDolares"))
        for n in range(len(amounts))
    ]
    if all(d is not None for d in dollars):
        values[f"{m.CE}/@TotalUSD"] = m.total_usd([d for d in dollars if d is not None])
    _fiscal_defaults(writer)


def _fiscal_defaults(writer: _Writer) -> None:
    values = writer.values
    clave = values.get(f"{m.CE}/@ClaveDePedimento")
    if clave == "A1":
        writer.derive(f"{m.C}/@Exportacion", "02", "definitive export with clave de pedimento A1")
    kind = "T" if f"{m.CE}/@MotivoTraslado" in values else "I"
    writer.derive(
        f"{m.C}/@TipoDeComprobante",
        kind,
        "traslado when a MotivoTraslado is given, otherwise ingreso",
    )
    _certificate(writer)
    certified = "1" if writer.declaration.certifications else "0"
    writer.derive(
        f"{m.CE}/@CertificadoOrigen",
        certified,
        "1 when the declaration carries a certification of origin, otherwise 0",
    )
    writer.derive(
        f"{m.C}/@NoCertificado",
        PLACEHOLDER_CERTIFICATE_NUMBER,
        "placeholder until the comprobante is sealed with the emisor's CSD",
    )
    writer.issue("mx_cfdi_unsigned", "", m.C, no_certificado=values[f"{m.C}/@NoCertificado"])
    _foreign_receptor(writer)


def _foreign_receptor(writer: _Writer) -> None:
    values = writer.values
    if f"{m.RECEPTOR}/@Nombre" not in values:
        return
    foreign = "a foreign receptor (XEXX010101000)"
    writer.derive(
        f"{m.RECEPTOR}/@Rfc",
        m.GENERIC_FOREIGN_RFC,
        "SAT's generic RFC for a receptor without a Mexican RFC",
    )
    if values[f"{m.RECEPTOR}/@Rfc"] != m.GENERIC_FOREIGN_RFC:
        return
    _residence(writer)
    writer.derive(
        f"{m.RECEPTOR}/@DomicilioFiscalReceptor",
        values.get(f"{m.C}/@LugarExpedicion"),
        f"{foreign} takes the LugarExpedicion",
    )
    writer.derive(
        f"{m.RECEPTOR}/@RegimenFiscalReceptor",
        "616",
        f"{foreign} is 616, sin obligaciones fiscales",
    )
    writer.derive(f"{m.RECEPTOR}/@UsoCFDI", "S01", f"{foreign} has no fiscal use, S01")


def _certificate(writer: _Writer) -> None:
    """``CertificadoOrigen="1"`` and the folio of the first certification reference.

    A second, different reference cannot be carried (the CCE has one folio): it is reported.
    """
    written: str | None = None
    for index, item in enumerate(writer.declaration.goods_items):
        claim = item.preference
        reference = claim.certification_reference if claim else None
        if reference is None:
            continue
        if written is None:
            written = reference.number
            writer.values[f"{m.CE}/@CertificadoOrigen"] = "1"
            writer.values[f"{m.CE}/@NumCertificadoOrigen"] = reference.number
        if reference.number == written:
            line = writer.lines[index]
            use(line, "preference", "certification_reference")
            if claim is not None and claim.program == "USMCA":
                use(line, "preference", "program")


def _problem(attribute: str, value: str, shape: Layout) -> str | None:
    """Why SAT's XSD (``shape``) would refuse ``value`` for ``attribute``, or ``None``."""
    if "|" in value:
        return "the CFDI does not accept the character |"
    bounds = shape.lengths.get(attribute)
    if bounds is not None and not bounds[0] <= len(value) <= bounds[1]:
        return f"the CFDI accepts {bounds[0]} to {bounds[1]} characters here, not {len(value)}"
    places = shape.decimal_places.get(attribute)
    if places is None or _plain_decimal(value, places):
        return None
    number = m.decimal_or_none(value)
    if number is None or number < 0:
        return "a non-negative decimal number is required"
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return f"at most {places} decimals are allowed"
    return None


def _plain_decimal(value: str, places: int) -> bool:
    """Whether ``value`` is ASCII digits with at most ``places`` decimals after one point.

    Such a value has nothing the XSD refuses (a quick test: False is "maybe").
    """
    whole, point, decimals = value.partition(".")
    return (
        len(value) <= m.MAX_DIGITS
        and value.isascii()
        and whole.isdigit()
        and (not point or (decimals.isdigit() and len(decimals) <= places))
    )


def _check_values(writer: _Writer) -> None:
    """Report values SAT's XSD would refuse; they are written unchanged, never rounded."""
    shape, tests = _tests()
    for path, value in writer.values.items():
        attribute = path[path.rfind("@") + 1 :]
        test = tests.get(attribute)
        if "|" not in value:
            if test is None:
                continue  # nothing of the XSD to test here
            least, greatest, places = test
            if least <= len(value) <= greatest and (
                places is None or _plain_decimal(value, places)
            ):
                continue  # nothing of the XSD refuses it
        problem = _problem(attribute, value, shape)
        if problem is not None:
            writer.issue(
                "mx_cfdi_value_invalid",
                m.pointer_for_path(path),
                path,
                attribute=attribute,
                value=value,
                detail=problem,
            )


_Test = tuple[int, float, int | None]
"""The least and greatest length of an attribute's value, and its decimal places if a number."""


@functools.cache
def _tests() -> tuple[Layout, dict[str, _Test]]:
    """The layout, and the test of each attribute with a length or decimal places to test."""
    shape = layout()
    names = frozenset(shape.lengths).union(shape.decimal_places)
    infinity = float("inf")
    return shape, {
        name: (*shape.lengths.get(name, (0, infinity)), shape.decimal_places.get(name))
        for name in names
    }


def _residence(writer: _Writer) -> None:
    found = _receptor_party(writer)
    address = found[0].address if found else None
    if address is not None:
        writer.derive(
            f"{m.RECEPTOR}/@ResidenciaFiscal",
            m.alpha3(address.country),
            "a foreign receptor resides where its address is",
        )


def _not_carried(writer: _Writer) -> None:
    """One ``value_not_carried`` per outermost node of which nothing was written."""
    lost = unused_in_tree(writer.declaration, writer.used)
    writer.issues.extend(not_carried_by(NAME, "MX").issues(lost))

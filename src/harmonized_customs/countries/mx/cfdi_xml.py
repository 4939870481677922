"""Safe XML parsing and writing for the CFDI 4.0 with Comercio Exterior 2.0.

The document is handled as a flat mapping from attribute paths to values::

    /cfdi:Comprobante/@Folio                                     -> "1043"
    /cfdi:Comprobante/cfdi:Conceptos/cfdi:Concepto[2]/@Importe   -> "1250.00"

Paths are XPath expressions with the canonical prefixes ``cfdi`` (http://www.sat.gob.mx/cfd/4)
and ``cce20`` (http://www.sat.gob.mx/ComercioExterior20); elements that may repeat carry a
1-based index. Which elements and attributes exist, in which order and which are required
comes from ``data/cce20/layout.json``, transcribed from SAT's ``cfdv40.xsd`` and
``ComercioExterior20.xsd``.

Parsing is defensive: no network, no DTD, no entity expansion; a DOCTYPE or ENTITY
declaration is refused before the parser sees the bytes (XXE and "billion laughs"), and the
input is size-bounded.

More information: SAT, Anexo 20 (CFDI 4.0) and the Estándar del Complemento de Comercio
Exterior 2.0 (http://omawww.sat.gob.mx/tramitesyservicios/Paginas/documentos/EstandarComercioExterior_v20.pdf).
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from lxml import etree

from harmonized_customs.issues import Issue, SourceLocation

__all__ = [
    "MAX_BYTES",
    "Built",
    "Layout",
    "Node",
    "Parsed",
    "Tree",
    "Value",
    "build",
    "flatten",
    "layout",
    "parse",
    "walk",
]

MAX_BYTES = 64 * 1024 * 1024
"""Largest input read (64 MiB); a CFDI is a few kilobytes to a few megabytes."""

MAX_ATTRIBUTES = 100
"""Most attributes read on one element; an Anexo 20 element has at most about 30."""

XSI = "http://www.w3.org/2001/XMLSchema-instance"
TFD = "http://www.sat.gob.mx/TimbreFiscalDigital"
_FORBIDDEN = re.compile(rb"<!(DOCTYPE|ENTITY)")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry, not even escaped."""


@dataclass(frozen=True)
class Node:
    """One element of the layout: its attributes in schema order and its children."""

    name: str
    attributes: tuple[str, ...]
    required: frozenset[str]
    children: tuple[Node, ...] = ()
    repeat: bool = False
    min: int = 0

    def child(self, name: str) -> Node | None:
        """The child node called ``name`` (``prefix:Local``), if the layout has one."""
        return self.by_name.get(name)

    @functools.cached_property
    def by_name(self) -> dict[str, Node]:
        """The children by name (``prefix:Local``)."""
        return {c.name: c for c in self.children}

    @functools.cached_property
    def attribute_set(self) -> frozenset[str]:
        """The attributes, as a set for membership tests."""
        return frozenset(self.attributes)

    @functools.cached_property
    def required_in_order(self) -> tuple[str, ...]:
        """The required attributes, in schema order."""
        return tuple(a for a in self.attributes if a in self.required)

    @functools.cached_property
    def required_children(self) -> tuple[Node, ...]:
        """The children that must occur at least once."""
        return tuple(c for c in self.children if c.min)


@dataclass(frozen=True)
class Layout:
    """The supported part of the CFDI 4.0 + CCE 2.0 tree."""

    namespaces: Mapping[str, str]
    schema_location: str
    root: Node
    decimal_places: Mapping[str, int]
    """Maximum decimal places of the attributes the XSDs type as non-negative decimals."""
    lengths: Mapping[str, tuple[int, int]]
    """(minimum, maximum) length of free-text attributes filled from the core model."""

    def prefix_of(self, namespace: str | None) -> str | None:
        """The canonical prefix of ``namespace``, or ``None`` if it is not supported."""
        return self._prefixes.get(namespace)

    @functools.cached_property
    def _prefixes(self) -> dict[str | None, str]:
        found: dict[str | None, str] = {}
        for prefix, namespace in self.namespaces.items():
            found.setdefault(namespace, prefix)
        return found

    @functools.cached_property
    def qualified_names(self) -> dict[str, str]:
        """``prefix:Local`` of each Clark tag seen so far (filled by :func:`_qualified`)."""
        return {}


def _node(raw: Mapping[str, Any]) -> Node:
    return Node(
        name=str(raw["name"]),
        attributes=tuple(raw["attributes"]),
        required=frozenset(raw["required"]),
        children=tuple(_node(c) for c in raw.get("children", ())),
        repeat=bool(raw.get("repeat", False)),
        min=int(raw.get("min", 0)),
    )


@functools.cache
def layout(name: str = "cce20") -> Layout:
    """The layout ``data/<name>/layout.json`` (``cce20``, ``ccp31``), read once."""
    text = (
        resources.files("harmonized_customs.countries.mx")
        .joinpath(f"data/{name}/layout.json")
        .read_text(encoding="utf-8")
    )
    raw = json.loads(text)
    return Layout(
        namespaces=dict(raw["namespaces"]),
        schema_location=str(raw["schema_location"]),
        root=_node(raw["root"]),
        decimal_places={
            k: int(v) for k, v in raw["decimal_places"].items() if not k.startswith("_")
        },
        lengths={
            k: (int(v[0]), int(v[1])) for k, v in raw["lengths"].items() if not k.startswith("_")
        },
    )


class Value(NamedTuple):
    """An attribute value read from the file, with the line of its element."""

    text: str
    line: int | None = None


@dataclass
class Tree:
    """What :func:`walk` found: the supported attributes of each element, lines, and issues.

    One pass over the parsed tree; each element's attributes are taken once, as a dict.
    """

    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    """The supported attributes of each element path holding any, in file order."""
    lines: dict[str, int | None] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    fatal: bool = False
    repeats: dict[str, list[int]] = field(default_factory=dict)
    """The indexes ``n`` of each repeated element path ``base[n]`` holding a value."""
    count: int = 0
    """How many attribute values :attr:`attributes` holds."""

    def value(self, path: str) -> str | None:
        """The value at an attribute path (``.../cfdi:Emisor/@Rfc``), if the file has it."""
        element, _, name = path.rpartition("/@")
        found = self.attributes.get(element)
        return found.get(name) if found is not None else None


@dataclass
class Parsed:
    """What :func:`flatten` found: attribute values by path, element lines, and issues."""

    values: dict[str, Value] = field(default_factory=dict)
    lines: dict[str, int | None] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    fatal: bool = False
    repeats: dict[str, list[int]] = field(default_factory=dict)
    """The indexes ``n`` of each repeated element path ``base[n]`` holding a value."""


def _where(source_name: str | None, line: int | None, xpath: str | None) -> SourceLocation:
    return SourceLocation(file=source_name, line=line, xpath=xpath)


def _check_bytes(data: bytes, source_name: str | None) -> Issue | None:
    """Refuse oversized, non-UTF-8 or DTD-carrying input before any parsing."""
    if len(data) > MAX_BYTES:
        where = _where(source_name, None, None)
        return Issue.of("input_too_large", "", source=where, size=len(data), limit=MAX_BYTES)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        detail = f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8"
        return Issue.of(
            "input_unreadable", "", source=_where(source_name, line, None), detail=detail
        )
    found = _FORBIDDEN.search(data)
    if found is not None:
        line = data[: found.start()].count(b"\n") + 1
        construct = "<!DOCTYPE>" if found.group(1) == b"DOCTYPE" else "<!ENTITY>"
        where = _where(source_name, line, None)
        return Issue.of("mx_cfdi_xml_forbidden", "", target="MX", source=where, construct=construct)
    return None


_PARSERS = threading.local()
"""One parser per thread (an lxml parser may not be shared between threads), made once."""


def _parser() -> etree.XMLParser:
    """This thread's safe parser."""
    found: etree.XMLParser | None = getattr(_PARSERS, "parser", None)
    if found is None:
        found = _PARSERS.parser = _new_parser()
    return found


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes, source_name: str | None) -> tuple[etree._Element | None, Issue | None]:
    """The root element of ``data``, or the issue that stops reading it."""
    refused = _check_bytes(data, source_name)
    if refused is not None:
        return None, refused
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        where = SourceLocation(file=source_name, line=line or None, column=column or None)
        return None, Issue.of(
            "mx_cfdi_xml_syntax", "", target="MX", source=where, detail=str(exc.msg)
        )
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype:
        where = _where(source_name, 1, None)
        construct = "<!DOCTYPE>"
        return None, Issue.of(
            "mx_cfdi_xml_forbidden", "", target="MX", source=where, construct=construct
        )
    return root, None


def _line(element: etree._Element) -> int | None:
    """The 1-based line of ``element`` in the source, when lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def _qualified(element: etree._Element, shape: Layout) -> str:
    """``prefix:Local`` with the canonical prefix, or the Clark name for other namespaces."""
    tag = str(element.tag)
    found = shape.qualified_names.get(tag)
    if found is None:
        qname = etree.QName(tag)
        prefix = shape.prefix_of(qname.namespace)
        found = f"{prefix}:{qname.localname}" if prefix else qname.text
        shape.qualified_names[tag] = found
    return found


def flatten(root: etree._Element, source_name: str | None, shape: Layout | None = None) -> Parsed:
    """Every attribute ``shape`` supports by path, with the issues of the rest."""
    tree = walk(root, source_name, shape)
    lines = tree.lines
    values = {
        f"{path}/@{name}": Value(text, lines[path])
        for path, attributes in tree.attributes.items()
        for name, text in attributes.items()
    }
    return Parsed(values, lines, tree.issues, tree.fatal, tree.repeats)


def walk(root: etree._Element, source_name: str | None, shape: Layout | None = None) -> Tree:
    """The supported attributes of every element of ``root``, with the issues of the rest."""
    shape = shape or layout()
    tree = Tree()
    name = _qualified(root, shape)
    if name != shape.root.name:
        where = _where(source_name, _line(root), "/" + name)
        expected = shape.namespaces["cfdi"]
        tree.issues.append(
            Issue.of(
                "mx_cfdi_not_cfdi40", "", target="MX", source=where, found=name, expected=expected
            )
        )
        tree.fatal = True
        return tree
    _walk(root, shape.root, "/" + name, tree, (source_name, shape))
    return tree


def _walk(
    element: etree._Element,
    node: Node,
    path: str,
    tree: Tree,
    where: tuple[str | None, Layout],
) -> None:
    source_name = where[0]
    found: object = element.sourceline
    line = found if isinstance(found, int) else None
    tree.lines[path] = line
    count = len(element.attrib)  # before items(), which takes quadratic time in the count
    if count > MAX_ATTRIBUTES:
        _too_many(count, (path, line), tree, source_name)
        return
    if count:
        items: list[tuple[str, str]] = element.items()  # type: ignore[assignment]
        attributes = dict(items)
        if node.attribute_set.issuperset(attributes) and node.required.issubset(attributes):
            tree.attributes[path] = attributes  # all supported, none missing: kept as found
            tree.count += len(attributes)
        else:
            _read_attributes(attributes, node, (path, line), tree, source_name)
    elif node.required:
        _missing_attributes({}, node, (path, line), tree, source_name)
    if len(element) or node.required_children:
        _walk_children(element, node, (path, line), tree, where)


def _walk_children(
    element: etree._Element,
    node: Node,
    at: tuple[str, int | None],
    tree: Tree,
    where: tuple[str | None, Layout],
) -> None:
    """Walk the children of an element; report the unsupported ones and the missing ones."""
    path, line = at
    source_name, shape = where
    seen: dict[str, int] = {}
    kinds: dict[object, tuple[str, Node | None, str]] = {}  # by tag: name, node, path
    for child in element:
        tag: object = child.tag
        kind = kinds.get(tag)
        if kind is None:
            if not isinstance(tag, str):
                continue
            name = shape.qualified_names.get(tag) or _qualified(child, shape)
            kind = kinds[tag] = (name, node.by_name.get(name), f"{path}/{name}")
        name, child_node, child_path = kind
        count = seen.get(name, 0) + 1
        seen[name] = count
        if child_node is None or (count > 1 and not child_node.repeat):
            _unsupported(child, child_path, tree, source_name)
            continue
        own = f"{child_path}[{count}]" if child_node.repeat else child_path
        before = tree.count
        if (len(child) or child_node.required_children) or not _leaf(child, child_node, own, tree):
            _walk(child, child_node, own, tree, where)
        if child_node.repeat and tree.count > before:
            tree.repeats.setdefault(child_path, []).append(count)
    for child_node in node.required_children:
        if child_node.name not in seen:
            _missing_element(child_node, path, line, tree, source_name)


def _leaf(element: etree._Element, node: Node, path: str, tree: Tree) -> bool:
    """:func:`_walk` of a childless element whose attributes are all supported and complete.

    Returns whether it was one (its attributes then kept as found); else nothing is recorded
    and the element takes :func:`_walk`, which reports what is wrong with it.
    """
    if len(element.attrib) > MAX_ATTRIBUTES:
        return False
    items: list[tuple[str, str]] = element.items()  # type: ignore[assignment]
    if not items:
        return False
    attributes = dict(items)
    if not (node.attribute_set.issuperset(attributes) and node.required.issubset(attributes)):
        return False
    found: object = element.sourceline
    tree.lines[path] = found if isinstance(found, int) else None
    tree.attributes[path] = attributes
    tree.count += len(attributes)
    return True


def _report(tree: Tree, code: str, where: tuple[str | None, int | None, str], **ctx: Any) -> None:
    """Add the issue ``code`` found at (file, line, XPath) to ``tree``."""
    tree.issues.append(Issue.of(code, "", target="MX", source=_where(*where), **ctx))


def _too_many(count: int, at: tuple[str, int | None], tree: Tree, source_name: str | None) -> None:
    path, line = at
    where = (source_name, line, path)
    _report(tree, "mx_cfdi_attributes_too_many", where, count=count, limit=MAX_ATTRIBUTES)
    tree.fatal = True


_SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"


def _read_attributes(
    attributes: dict[str, str],
    node: Node,
    at: tuple[str, int | None],
    tree: Tree,
    source_name: str | None,
) -> None:
    """Keep the supported attributes of an element; report the others and the missing ones."""
    path = at[0]
    known = node.attribute_set
    if known.issuperset(attributes):
        kept = attributes
    else:
        kept = {k: v for k, v in attributes.items() if k in known}
        for name, value in attributes.items():
            if name not in known and name != _SCHEMA_LOCATION:
                _not_kept(name, value, at, tree, source_name)
    if kept:
        tree.attributes[path] = kept
        tree.count += len(kept)
    if not node.required.issubset(attributes):
        _missing_attributes(attributes, node, at, tree, source_name)


def _element_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].split("[", 1)[0]


def _not_kept(
    name: str, value: str, at: tuple[str, int | None], tree: Tree, source_name: str | None
) -> None:
    path, line = at
    xpath = f"{path}/@{name}"
    element = _element_name(path)
    where = (source_name, line, xpath)
    ctx = {"xpath": xpath, "value": str(value), "attribute": name, "element": element}
    _report(tree, "mx_cfdi_value_not_kept", where, **ctx)


def _missing_attributes(
    attributes: Mapping[str, str],
    node: Node,
    at: tuple[str, int | None],
    tree: Tree,
    source_name: str | None,
) -> None:
    path, line = at
    for name in node.required_in_order:
        if name not in attributes:
            element = _element_name(path)
            where = (source_name, line, path)
            _report(tree, "mx_cfdi_attribute_missing", where, attribute=name, element=element)


def _unsupported(element: etree._Element, path: str, parsed: Tree, source_name: str | None) -> None:
    where = _where(source_name, _line(element), path)
    qname = etree.QName(element)
    if qname.namespace == TFD:
        parsed.issues.append(
            Issue.of(
                "mx_cfdi_signature_not_verified",
                "",
                target="MX",
                source=where,
                element="tfd:" + qname.localname,
            )
        )
        return
    parsed.issues.append(
        Issue.of("mx_cfdi_element_not_supported", "", target="MX", source=where, element=path)
    )


def _missing_element(
    node: Node, parent: str, line: int | None, parsed: Tree, source_name: str | None
) -> None:
    path = f"{parent}/{node.name}"
    where = _where(source_name, line, parent)
    if node.name == "cce20:ComercioExterior":
        parsed.issues.append(Issue.of("mx_cfdi_cce20_missing", "", target="MX", source=where))
        return
    parsed.issues.append(
        Issue.of("mx_cfdi_element_missing", "", target="MX", source=where, element=path)
    )


# Writing -------------------------------------------------------------------------------


_ESCAPED = re.compile('[&<>"\t\n\r]')
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\t": "&#9;",
    "\n": "&#10;",
    "\r": "&#13;",
}
"""What libxml2 escapes in an attribute value, and how."""
_SPECIAL = re.compile(
    "[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""A character to escape (``_ESCAPED``) or that XML cannot carry (``_NOT_XML``)."""


class _Indexed(dict[str, str]):
    """The values to write, with their paths indexed once so that lookups take linear time."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)
        self.branches: set[str] = set()
        self.repeats: dict[str, set[int]] = {}
        self.attributes: dict[str, dict[str, str]] = {}
        """Element path -> attribute -> value."""
        for key, value in values.items():
            at = key.rfind("/@")
            if at < 0:
                self._index(key)
                continue
            given = self.attributes.get(key[:at])
            if given is None:  # the element's first attribute indexes it for all the others
                self._index(key)
                given = self.attributes[key[:at]] = {}
            given[key[at + 2 :]] = value

    def _index(self, key: str) -> None:
        """Record the element paths above ``key``, deepest first, up to one already known.

        A known branch has its own ancestors known too, so each key adds only what is new.
        """
        first, cut = key.find("/"), key.rfind("/")
        while cut > first:
            branch = key[:cut]
            if branch in self.branches:
                return
            self.branches.add(branch)
            if branch[-1] == "]":
                self._repeat(branch)
            cut = key.rfind("/", 0, cut)

    def _repeat(self, branch: str) -> None:
        """Record the index of ``branch`` when it ends in one: ``[``, ASCII digits, ``]``.

        Such an index follows the last ``[`` of the branch (the digits hold none).
        """
        cut = branch.rfind("[")
        digits = branch[cut + 1 : -1]
        if cut >= 0 and digits.isdigit() and digits.isascii():
            self.repeats.setdefault(branch[:cut], set()).add(int(digits))


def _indexes(values: Mapping[str, str], prefix: str) -> list[int]:
    """The indexes ``n`` of ``prefix[n]`` used by any key of ``values``."""
    if isinstance(values, _Indexed):
        return sorted(values.repeats.get(prefix, ()))
    pattern = re.compile(re.escape(prefix) + r"\[([0-9]+)\][/]")
    return sorted({int(m.group(1)) for key in values if (m := pattern.match(key))})


def _present(values: Mapping[str, str], path: str) -> bool:
    if isinstance(values, _Indexed):
        return path in values.branches
    return any(key.startswith(path + "/") for key in values)


@dataclass
class Built:
    """What :func:`build` wrote, and what it had to leave out."""

    output: bytes
    missing: list[tuple[str, str]]
    """(element path, attribute) of required attributes without a value."""
    refused: list[tuple[str, str]]
    """(element path, attribute) of values holding characters XML 1.0 cannot carry."""


def build(values: Mapping[str, str], shape: Layout | None = None) -> Built:
    """The UTF-8 XML of ``values``, with the attributes missing or refused.

    Elements are written in schema order, attributes in the order of the layout; an element is
    written when one of its attributes or descendants has a value, or when the layout requires
    it. Missing required attributes and values with characters XML cannot carry are left out
    and returned, so the caller can report them.

    The text is composed directly, byte for byte as lxml's ``tostring(pretty_print=True)``
    serialises the same tree (the root's start tag, with its namespace declarations, is
    serialised by lxml once per layout); attribute values are escaped as libxml2 escapes them.
    """
    shape = shape or layout()
    built = Built(b"", [], [])
    root = shape.root
    path = "/" + root.name
    parts: list[str] = [_DECLARATION, _root_start(shape)]
    _render(root, path, "\n", (_Indexed(values), parts, built))
    parts.append("\n")
    built.output = "".join(parts).encode("utf-8")
    return built


_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _root_start(shape: Layout) -> str:
    """The root's start tag up to its first attribute, as lxml serialises it (made once)."""
    key = (shape.root.name, shape.schema_location, *shape.namespaces.items())
    found = _ROOT_STARTS.get(key)
    if found is None:
        nsmap: dict[str, str] = {**shape.namespaces, "xsi": XSI}
        root = etree.Element(_clark(shape.root.name, shape), nsmap=nsmap)
        root.set(f"{{{XSI}}}schemaLocation", shape.schema_location)
        text = etree.tostring(root, encoding="unicode")
        found = _ROOT_STARTS[key] = text[: -len("/>")]
    return found


_ROOT_STARTS: dict[tuple[Any, ...], str] = {}
"""The root start tag of each layout, by its root, schema location and namespaces."""


def _clark(name: str, shape: Layout) -> str:
    prefix, local = name.split(":", 1)
    return f"{{{shape.namespaces[prefix]}}}{local}"


def _render(node: Node, path: str, indent: str, out: tuple[_Indexed, list[str], Built]) -> None:
    """Append the element ``node`` at ``path`` (its start tag already opened) and its children.

    ``indent`` is the newline and indentation that precede the element's children's tags.
    """
    values, parts, built = out
    given = values.attributes.get(path)
    if given is None:
        built.missing.extend((path, name) for name in node.required_in_order)
    elif node.required.issubset(given) and not _SPECIAL.search("".join(given.values())):
        parts.extend([f' {name}="{given[name]}"' for name in node.attributes if name in given])
    else:
        _attributes(node, path, given, out)
    inner = indent + "  "
    closing = len(parts)
    for child in node.children:
        base = path + "/" + child.name
        if child.repeat:
            indexes = values.repeats.get(base) or ((1,) if child.min else ())
            for n in sorted(indexes):
                parts.append(inner + "<" + child.name)
                _render(child, f"{base}[{n}]", inner, out)
        elif child.min or base in values.branches:
            parts.append(inner + "<" + child.name)
            _render(child, base, inner, out)
    if len(parts) == closing:
        parts.append("/>")
    else:
        parts.insert(closing, ">")
        parts.append(indent + "</" + node.name + ">")


def _attributes(
    node: Node, path: str, given: Mapping[str, str], out: tuple[_Indexed, list[str], Built]
) -> None:
    """Append the attributes given a value, in schema order, escaped as libxml2 does."""
    parts, built = out[1], out[2]
    for name in node.attributes:
        value = given.get(name)
        if value is None:
            if name in node.required:
                built.missing.append((path, name))
        elif _NOT_XML.search(value):
            built.refused.append((path, name))
        else:
            if _ESCAPED.search(value):
                value = _ESCAPED.sub(_escape, value)
            parts.append(f' {name}="{value}"')


def _child_paths(child: Node, parent: str, values: Mapping[str, str]) -> Iterator[str]:
    """The paths of ``child`` under ``parent`` that are written (:func:`_render`'s choice)."""
    base = f"{parent}/{child.name}"
    if child.repeat:
        indexes = _indexes(values, base) or ([1] if child.min else [])
        yield from (f"{base}[{n}]" for n in indexes)
    elif child.min or _present(values, base):
        yield base

"""The CFDI text is composed directly: byte for byte what lxml serialises for the same tree.

The reference below builds the tree with lxml (``SubElement`` per element, ``set`` per
attribute, ``tostring(pretty_print=True)``) from the same values; any layout, any set of
attribute paths, any text (markup characters, tabs and newlines, characters XML cannot carry)
gives the same bytes and the same missing and refused attributes.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from harmonized_customs.countries.mx.cfdi_xml import (
    _ESCAPED,
    _NOT_XML,
    _SPECIAL,
    XSI,
    Layout,
    Node,
    _child_paths,
    _clark,
    _Indexed,
    build,
    layout,
)

_Found = tuple[list[tuple[str, str]], list[tuple[str, str]]]


def _reference(values: Mapping[str, str], shape: Layout) -> tuple[bytes, _Found]:
    """The XML of ``values`` as lxml builds and serialises it, with the missing and refused."""
    nsmap: dict[str, str] = {**shape.namespaces, "xsi": XSI}
    root = etree.Element(_clark(shape.root.name, shape), nsmap=nsmap)
    root.set(f"{{{XSI}}}schemaLocation", shape.schema_location)
    found: _Found = ([], [])
    _fill(root, shape.root, "/" + shape.root.name, (_Indexed(values), shape), found)
    output = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return bytes(output), found


def _fill(
    element: etree._Element,
    node: Node,
    path: str,
    source: tuple[_Indexed, Layout],
    found: _Found,
) -> None:
    values, shape = source
    missing, refused = found
    given = values.attributes.get(path, {})
    for name in node.attributes:
        value = given.get(name)
        if value is not None and _NOT_XML.search(value):
            refused.append((path, name))
        elif value is not None:
            element.set(name, value)
        elif name in node.required:
            missing.append((path, name))
    for child in node.children:
        for child_path in _child_paths(child, path, values):
            sub = etree.SubElement(element, _clark(child.name, shape))
            _fill(sub, child, child_path, source, found)


def _element_paths(node: Node, path: str, depth: int = 0) -> list[tuple[str, Node]]:
    """Element paths of the layout, repeated elements at indexes 1 to 3 (bounded depth)."""
    found = [(path, node)]
    if depth > 6:
        return found
    for child in node.children:
        base = f"{path}/{child.name}"
        steps = [f"{base}[{n}]" for n in (1, 2, 3)] if child.repeat else [base]
        for step in steps:
            found.extend(_element_paths(child, step, depth + 1))
    return found


_VALUES = st.text(
    st.one_of(
        st.sampled_from("&<>\"'\t\n\r abcÁé東 |;"),
        st.characters(codec="utf-8"),
        st.sampled_from("\x00\x01\x0b\x1f\ufffe\uffff\ud800"),
    ),
    max_size=12,
)


@st.composite
def _values(draw: st.DrawFn, name: str) -> dict[str, str]:
    shape = layout(name)
    paths = _element_paths(shape.root, "/" + shape.root.name)
    values: dict[str, str] = {}
    for path, node in draw(st.lists(st.sampled_from(paths), max_size=12)):
        if not node.attributes:
            continue
        attribute = draw(st.sampled_from(node.attributes))
        values[f"{path}/@{attribute}"] = draw(_VALUES)
    return values


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(["cce20", "ccp31"]))
def test_the_composed_text_is_what_lxml_serialises(data: st.DataObject, name: str) -> None:
    values = data.draw(_values(name))
    shape = layout(name)
    expected, (missing, refused) = _reference(values, shape)
    built = build(values, shape)
    assert built.output == expected
    assert built.missing == missing
    assert built.refused == refused


def test_markup_and_line_breaks_are_escaped_as_libxml2_escapes_them() -> None:
    value = "a&b<c>d\"e'f\tg\nh\ri"
    built = build({"/cfdi:Comprobante/@Folio": value})
    assert b'Folio="a&amp;b&lt;c&gt;d&quot;e\'f&#9;g&#10;h&#13;i"' in built.output
    assert built.output == _reference({"/cfdi:Comprobante/@Folio": value}, layout())[0]


def test_the_quick_test_of_an_element_sees_every_character_to_escape_or_refuse() -> None:
    for code in range(0x110000):
        char = chr(code)
        special = _ESCAPED.search(char) is not None or _NOT_XML.search(char) is not None
        assert (_SPECIAL.search(char) is not None) == special, hex(code)

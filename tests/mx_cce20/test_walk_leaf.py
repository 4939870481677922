"""The walk's shortcut for a childless element records what the general walk records, or nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from harmonized_customs.countries.mx import cfdi_xml
from harmonized_customs.countries.mx.cfdi_xml import Node, Tree

CCE = "http://www.sat.gob.mx/ComercioExterior20"
PATH = "/cfdi:Comprobante/cce20:Mercancias/cce20:Mercancia[1]"


def _mercancia() -> Node:
    """The layout node of ``cce20:Mercancia`` (childless as the workload writes it)."""
    root = cfdi_xml.layout().root
    complemento = root.by_name["cfdi:Complemento"]
    mercancias = complemento.by_name["cce20:ComercioExterior"].by_name["cce20:Mercancias"]
    return mercancias.by_name["cce20:Mercancia"]


NODE = _mercancia()
VALUES = st.sampled_from(["1", "0101210100", "6874", "07", "1229.96", "", "x"])


@st.composite
def _elements(draw: st.DrawFn) -> etree._Element:
    """A ``cce20:Mercancia`` with some of its attributes, perhaps others, perhaps a child."""
    names = draw(st.lists(st.sampled_from(NODE.attributes), unique=True))
    extra = draw(st.lists(st.sampled_from(["Extra", "Otro"]), unique=True, max_size=1))
    element = etree.Element(f"{{{CCE}}}Mercancia")
    for name in names + extra:
        element.set(name, draw(VALUES))
    if draw(st.booleans()):
        etree.SubElement(element, f"{{{CCE}}}DescripcionesEspecificas", Marca="X")
    return element


def _recorded(tree: Tree) -> tuple[object, ...]:
    return (tree.attributes, tree.lines, tree.count, tree.issues, tree.fatal, tree.repeats)


@given(_elements())
@settings(max_examples=200, deadline=None)
def test_leaf_records_what_walk_records_or_nothing(element: etree._Element) -> None:
    shortcut, general = Tree(), Tree()
    where = (None, cfdi_xml.layout())
    cfdi_xml._walk(element, NODE, PATH, general, where)
    childless = not (len(element) or NODE.required_children)
    if childless and cfdi_xml._leaf(element, NODE, PATH, shortcut):
        assert _recorded(shortcut) == _recorded(general)
        assert not general.issues
    else:
        assert _recorded(shortcut) == _recorded(Tree())

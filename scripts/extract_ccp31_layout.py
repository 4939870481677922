"""Write ``countries/mx/data/ccp31/layout.json`` from SAT's XSDs as shipped in satcfdi.

The CFDI 4.0 part is the one of ``data/cce20/layout.json``; the Carta Porte 3.1 part is read
from ``CartaPorte31.xsd``: the elements a truck move uses, their attributes in schema order,
``use="required"`` attributes, and which elements repeat or are required.

Usage: ``python scripts/extract_ccp31_layout.py`` (needs the ``satcfdi`` test dependency).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "harmonized_customs" / "countries" / "mx" / "data"
KEPT = {
    "CartaPorte",
    "RegimenesAduaneros",
    "RegimenAduaneroCCP",
    "Ubicaciones",
    "Ubicacion",
    "Domicilio",
    "Mercancias",
    "Mercancia",
    "DocumentacionAduanera",
    "CantidadTransporta",
    "Autotransporte",
    "IdentificacionVehicular",
    "Seguros",
    "Remolques",
    "Remolque",
    "FiguraTransporte",
    "TiposFigura",
}
"""The Carta Porte elements of a truck move (maritime, air and rail nodes are left out)."""


def _xsd() -> Path:
    spec = importlib.util.find_spec("satcfdi")
    assert spec is not None
    assert spec.submodule_search_locations is not None
    base = Path(next(iter(spec.submodule_search_locations)))
    cfd = base / "transform" / "schemas" / "www.sat.gob.mx" / "sitio_internet" / "cfd"
    return cfd / "CartaPorte" / "CartaPorte31.xsd"


def _node(element: etree._Element) -> dict[str, Any]:
    name = element.get("name")
    complex_type = element.find(f"{XS}complexType")
    attributes = [] if complex_type is None else complex_type.findall(f"{XS}attribute")
    node: dict[str, Any] = {
        "name": f"cartaporte31:{name}",
        "attributes": [a.get("name") for a in attributes],
        "required": [a.get("name") for a in attributes if a.get("use") == "required"],
    }
    if element.get("minOccurs", "1") != "0":
        node["min"] = 1
    if element.get("maxOccurs", "1") != "1":
        node["repeat"] = True
    sequence = None if complex_type is None else complex_type.find(f"{XS}sequence")
    children = [] if sequence is None else sequence.findall(f"{XS}element")
    kept = [_node(c) for c in children if c.get("name") in KEPT]
    if kept:
        node["children"] = kept
    return node


def main() -> None:
    """Write the layout file."""
    cce = json.loads((DATA / "cce20" / "layout.json").read_text(encoding="utf-8"))
    tree = etree.parse(str(_xsd()), etree.XMLParser(no_network=True, resolve_entities=False))
    top = tree.getroot().find(f"{XS}element")
    assert top is not None
    carta = _node(top)
    root = cce["root"]
    for child in root["children"]:
        if child["name"] == "cfdi:Complemento":
            child["children"] = [carta]
    layout = {
        "_meta": {
            "source": "SAT, Anexo 20 de la RMF: cfdv40.xsd "
            "(http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd) and CartaPorte31.xsd "
            "(http://www.sat.gob.mx/sitio_internet/cfd/CartaPorte/CartaPorte31.xsd), as shipped "
            "in the satcfdi distribution",
            "edition": "CFDI 4.0; Complemento Carta Porte 3.1 (published 17 June 2024, "
            "required from 17 July 2024)",
            "retrieved": "2026-12-02",
            "confidence": "V: element order, attribute names and use=required read from the "
            "XSDs by scripts/extract_ccp31_layout.py",
            "note": "The elements a truck move uses; maritime, air and rail transport nodes "
            "are left out. 'repeat', 'required' and 'min' as in data/cce20/layout.json.",
        },
        "namespaces": {
            "cfdi": "http://www.sat.gob.mx/cfd/4",
            "cartaporte31": "http://www.sat.gob.mx/CartaPorte31",
        },
        "decimal_places": {
            "_note": "Attributes typed as decimals in the XSDs, with their maximum decimal places.",
            "SubTotal": 6,
            "Total": 6,
            "Cantidad": 6,
            "ValorUnitario": 6,
            "Importe": 6,
            "PesoBrutoTotal": 3,
            "PesoEnKg": 3,
            "ValorMercancia": 6,
            "PesoBrutoVehicular": 2,
            "DistanciaRecorrida": 2,
            "TotalDistRec": 2,
        },
        "lengths": {
            "_note": "Length bounds of free-text attributes filled from the core model.",
            "Nombre": [1, 300],
            "NombreRemitenteDestinatario": [1, 254],
            "NombreFigura": [1, 254],
            "Descripcion": [1, 1000],
            "Calle": [1, 100],
            "Municipio": [1, 120],
            "Estado": [1, 30],
            "CodigoPostal": [1, 12],
            "NumRegIdTrib": [6, 40],
            "NumRegIdTribFigura": [6, 40],
            "NumLicencia": [6, 16],
            "Unidad": [1, 20],
        },
        "schema_location": "http://www.sat.gob.mx/cfd/4 "
        "http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd "
        "http://www.sat.gob.mx/CartaPorte31 "
        "http://www.sat.gob.mx/sitio_internet/cfd/CartaPorte/CartaPorte31.xsd",
        "root": root,
    }
    out = DATA / "ccp31" / "layout.json"
    out.write_text(json.dumps(layout, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

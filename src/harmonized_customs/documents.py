"""Document kinds: the goods declaration today, the cargo report next.

The engine (formats, rules, :func:`harmonized_customs.check`, conversion, batch runs) is
generic over the kind of document it handles. A kind names its pydantic model, the date its
codes are checked against, and the filing a target country needs for it (``import`` or
``export``). A format says which kind it reads and writes, a rule which kind it checks::

    DECLARATION = register_kind(DocumentKind("declaration", Declaration, ...))

A new kind is one :class:`DocumentKind` registered by the module that defines its model.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from harmonized_customs.errors import UsageError
from harmonized_customs.model import CargoReport, Declaration

__all__ = [
    "CARGO_REPORT",
    "DECLARATION",
    "DocumentKind",
    "get_kind",
    "kind_of",
    "list_kinds",
    "register_kind",
]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document the library reads, checks and writes."""

    name: str
    """The kind's name, used by formats and rules (``declaration``, ``cargo-report``)."""
    model: type[BaseModel]
    """The pydantic model of the kind."""
    reference_date: Callable[[BaseModel], dt.date | None]
    """The date codes are checked against (the document's own date), or None."""
    role: Callable[[BaseModel, str], str]
    """The filing a target country needs for the document: ``import`` or ``export``."""
    description: str = ""


_KINDS: dict[str, DocumentKind] = {}
_LOCK = threading.Lock()


def register_kind(kind: DocumentKind) -> DocumentKind:
    """Add a document kind; the same name registered again must be the same kind."""
    with _LOCK:
        existing = _KINDS.get(kind.name)
        if existing is not None and existing.model is not kind.model:
            raise UsageError(f"document kind {kind.name!r} is already registered")
        _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> DocumentKind:
    """The kind called ``name``; :class:`UsageError` when there is none."""
    try:
        return _KINDS[name]
    except KeyError:
        raise UsageError(f"unknown document kind {name!r}; known: {', '.join(_KINDS)}") from None


def list_kinds() -> list[DocumentKind]:
    """Every registered kind, in registration order."""
    return list(_KINDS.values())


def kind_of(document: object) -> DocumentKind:
    """The kind of ``document``; :class:`UsageError` for an object of no registered kind."""
    for kind in _KINDS.values():
        if isinstance(document, kind.model):
            return kind
    known = ", ".join(k.model.__name__ for k in _KINDS.values())
    raise UsageError(f"expected a document ({known}), not {type(document).__name__}")


def _declaration_date(document: BaseModel) -> dt.date | None:
    assert isinstance(document, Declaration)
    return document.declaration_date or document.arrival_date or document.export_date


def _declaration_role(document: BaseModel, target: str) -> str:
    """An export from the target country is its export filing; anything else is an import."""
    assert isinstance(document, Declaration)
    if document.direction == "export" and document.country_of_export == target:
        return "export"
    return "import"


DECLARATION = register_kind(
    DocumentKind(
        name="declaration",
        model=Declaration,
        reference_date=_declaration_date,
        role=_declaration_role,
        description="A goods declaration: entry summary, CAD, pedimento, CFDI with CCE.",
    )
)


def _trip_date(document: BaseModel) -> dt.date | None:
    """The day the trip is reported, else the day of its first estimated arrival."""
    assert isinstance(document, CargoReport)
    if document.reported_at is not None:
        return document.reported_at.date()
    arrivals = [c.estimated_arrival for c in document.crossings if c.estimated_arrival]
    return min(arrivals).date() if arrivals else None


def _trip_role(document: BaseModel, target: str) -> str:
    """The report a trip needs in ``target``.

    ``export`` when the trip only leaves the country, ``none`` when its crossings never touch
    the country (nothing is filed there), ``import`` otherwise, and for a trip whose crossings
    are not given yet (so that what is missing is still said).
    """
    assert isinstance(document, CargoReport)
    if document.crossings and not any(c.country == target for c in document.crossings):
        return "none"
    if document.crossing(target, "exit") and not document.crossing(target, "entry"):
        return "export"
    return "import"


CARGO_REPORT = register_kind(
    DocumentKind(
        name="cargo-report",
        model=CargoReport,
        reference_date=_trip_date,
        role=_trip_role,
        description="A truck trip's advance cargo report: ACE e-Manifest, ACI eManifest, "
        "Carta Porte.",
    )
)

"""The format registry: every wire format the library reads or writes, by name.

A format is a name (``core-json``, ``us-abi-ae``, ``ca-cad``, ``mx-pedimento-m3``,
``mx-cfdi-cce20``), the jurisdiction whose agency defines it, a media type, and up to three
functions: a *reader* (bytes -> declarations with the issues found while reading, each located
in the file), a *writer* (declaration -> text or bytes, with the issues of everything the format
cannot carry) and a *sniffer* (does this input look like the format?).

Built-in formats are registered by their modules; third parties register theirs through the
entry-point group ``harmonized_customs.formats``, whose entry points resolve to a
:class:`Format` instance or to a callable returning one::

    [project.entry-points."harmonized_customs.formats"]
    eu-h1 = "my_package.h1:FORMAT"
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Literal

from harmonized_customs.errors import UnknownFormatError, UsageError

if TYPE_CHECKING:
    from harmonized_customs.issues import Issue
    from harmonized_customs.model import Declaration

__all__ = [
    "ENTRY_POINT_GROUP",
    "Format",
    "ReadResult",
    "WriteResult",
    "get_format",
    "list_formats",
    "register_format",
    "sniff",
]

ENTRY_POINT_GROUP = "harmonized_customs.formats"

BUILTIN_MODULES: tuple[str, ...] = ("harmonized_customs.core_json",)
"""Modules that register the built-in formats when imported; each country package names its
own in ``JURISDICTION.format_modules``."""


@dataclass(frozen=True)
class ReadResult:
    """One declaration read from a file, or the reason none could be read.

    ``declaration`` is ``None`` when the data could not become a declaration; ``issues`` then
    say why. ``index`` is the declaration's position in the file (0-based).
    """

    declaration: Declaration | None
    issues: tuple[Issue, ...] = ()
    index: int = 0


@dataclass(frozen=True)
class WriteResult:
    """The bytes or text a writer produced, with the issues of what it could not carry."""

    output: str | bytes
    issues: tuple[Issue, ...] = ()


Reader = Callable[[bytes, str | None], Iterator[ReadResult]]
"""``reader(data, source_name)`` yields one :class:`ReadResult` per declaration in the file."""
Writer = Callable[["Declaration"], WriteResult]
Sniffer = Callable[[bytes], bool]


@dataclass(frozen=True)
class Format:
    """A registered wire format."""

    name: str
    jurisdiction: Literal["US", "CA", "MX"] | None
    media_type: str
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    sniffer: Sniffer | None = field(default=None, compare=False)
    extensions: tuple[str, ...] = ()
    binary: bool = False
    """True when the writer produces bytes (XML), False for text."""

    @property
    def direction(self) -> str:
        """``read``, ``write`` or ``read/write``."""
        parts = [name for name, fn in (("read", self.reader), ("write", self.writer)) if fn]
        return "/".join(parts)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready description."""
        return {
            "name": self.name,
            "jurisdiction": self.jurisdiction,
            "direction": self.direction,
            "media_type": self.media_type,
            "extensions": list(self.extensions),
            "description": self.description,
        }


_FORMATS: dict[str, Format] = {}
_LOCK = threading.Lock()
_loaded = False


def register_format(fmt: Format, *, replace: bool = False) -> Format:
    """Add a format to the registry; a second format of the same name needs ``replace=True``."""
    with _LOCK:
        if fmt.name in _FORMATS and not replace and _FORMATS[fmt.name] != fmt:
            raise UsageError(f"format {fmt.name!r} is already registered")
        _FORMATS[fmt.name] = fmt
    return fmt


def _format_from(loaded: object) -> Format | None:
    """The Format an entry point names: the object itself, or what its factory returns."""
    if isinstance(loaded, Format):
        return loaded
    if callable(loaded):
        try:
            made = loaded()
        except TypeError:
            return None
        return made if isinstance(made, Format) else None
    return None


def _load() -> None:
    global _loaded  # noqa: PLW0603 - a module-level once-flag is the simplest correct cache
    if _loaded:
        return
    from harmonized_customs.jurisdictions import national_modules  # noqa: PLC0415 - cycle

    for module in BUILTIN_MODULES + national_modules("format_modules"):
        importlib.import_module(module)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        fmt = _format_from(entry.load())
        if fmt is None:
            raise UsageError(f"entry point {entry.name!r} does not give a Format")
        register_format(fmt, replace=True)
    _loaded = True


def list_formats() -> list[Format]:
    """Every registered format, sorted by name."""
    _load()
    return [_FORMATS[name] for name in sorted(_FORMATS)]


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`UnknownFormatError` when there is none."""
    _load()
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise UnknownFormatError(f"unknown format {name!r}; registered: {known}") from None


def sniff(data: bytes, filename: str | None = None) -> Format | None:
    """The first registered readable format that recognises ``data`` (extension breaks ties)."""
    candidates = [f for f in list_formats() if f.reader and f.sniffer and f.sniffer(data)]
    if filename and len(candidates) > 1:
        by_extension = [f for f in candidates if filename.lower().endswith(f.extensions)]
        candidates = by_extension or candidates
    return candidates[0] if candidates else None

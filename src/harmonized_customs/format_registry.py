"""The format registry: every wire format the library reads or writes, by name.

A format is a name (``core-json``, ``us-abi-ae``, ``ca-cad``, ``mx-pedimento-m3``,
``mx-cfdi-cce20``), the jurisdiction whose agency defines it, the document kind it carries
(``declaration``; ``cargo-report`` for trips), a media type and text encoding, and up to three
functions: a *reader* (bytes -> documents with the issues found while reading, each located in
the file), a *writer* (document -> text or bytes, with the issues of everything the format
cannot carry) and a *sniffer* (does this input look like the format?).

Formats register themselves when their module is imported (``register_format(Format(...))``);
discovery (:mod:`harmonized_customs.plugins`) imports the library's modules and the plugins
named by the entry-point group ``harmonized_customs.formats``, whose entry points resolve to a
:class:`Format` instance, to a callable returning one, or to a module registering some::

    [project.entry-points."harmonized_customs.formats"]
    eu-h1 = "my_package.h1:FORMAT"
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from harmonized_customs import registry
from harmonized_customs.errors import UnknownFormatError, UsageError
from harmonized_customs.issues import Issue

__all__ = [
    "ENTRY_POINT_GROUP",
    "FilerSetting",
    "Format",
    "ReadResult",
    "SniffFailure",
    "WriteResult",
    "announce_format",
    "get_format",
    "list_formats",
    "recognise",
    "register_format",
    "sniff",
    "sniff_one",
    "unregister_format",
]

ENTRY_POINT_GROUP = "harmonized_customs.formats"


@dataclass(frozen=True)
class ReadResult:
    """One document read from a file, or the reason none could be read.

    ``document`` is ``None`` when the data could not become a document; ``issues`` then say
    why. The issues found while reading travel here, beside the document, never inside it.
    ``index`` is the document's position in the file (0-based).
    """

    document: Any
    """The document read (a :class:`~harmonized_customs.Declaration`...), or None."""
    issues: tuple[Issue, ...] = ()
    index: int = 0

    @property
    def declaration(self) -> Any:
        """The document, under the name it has for goods declarations."""
        return self.document


@dataclass(frozen=True)
class WriteResult:
    """The bytes or text a writer produced, with the issues of what it could not carry."""

    output: str | bytes
    issues: tuple[Issue, ...] = ()


Reader = Callable[[bytes, str | None], Iterator[ReadResult]]
"""``reader(data, source_name)`` yields one :class:`ReadResult` per document in the file."""
Writer = Callable[[Any], WriteResult]
"""``writer(document)`` gives the written document and what it could not carry."""
Sniffer = Callable[[bytes], bool]


@dataclass(frozen=True)
class FilerSetting:
    """A transmission or filer setting a format's writer needs, given by a filer profile.

    Settings are not declaration data: they come from the ``profile`` mapping given to
    ``convert``/``dump`` (CLI ``--profile FILE``) and are placed at ``pointer`` in the document
    handed to the writer. A ``secret`` setting (a password) is never echoed in an issue.
    """

    name: str
    pointer: str
    """Where the writer reads it (an RFC 6901 pointer into the core-model JSON)."""
    description: str = ""
    secret: bool = False


@dataclass(frozen=True)
class Format:
    """A registered wire format."""

    name: str
    jurisdiction: str | None
    """The country whose agency defines the format (None: the library's own, core-json)."""
    media_type: str
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    sniffer: Sniffer | None = field(default=None, compare=False)
    extensions: tuple[str, ...] = ()
    binary: bool = False
    """True when the writer produces bytes (XML), False for text."""
    kind: str = "declaration"
    """The document kind the format carries (see :mod:`harmonized_customs.documents`)."""
    encoding: str = "utf-8"
    """The text encoding of the files (``cp1252`` for M3 files); XML declares its own."""
    settings: tuple[FilerSetting, ...] = field(default=(), compare=False)
    """The filer settings its writer takes from a profile (see :class:`FilerSetting`)."""

    def encode(self, output: str | bytes) -> bytes:
        """The bytes of a written document, in the format's encoding."""
        return output if isinstance(output, bytes) else output.encode(self.encoding)

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
            "kind": self.kind,
            "media_type": self.media_type,
            "encoding": self.encoding,
            "extensions": list(self.extensions),
            "description": self.description,
        }


_FORMATS: dict[str, Format] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Announced:
    """A format known by name before its module is imported (see :func:`announce_format`)."""

    readable: bool
    extensions: tuple[str, ...]
    sniffer: str | None
    """``module:function`` of its sniffer, imported on first use."""


_ANNOUNCED: dict[str, _Announced] = {}
_SNIFFERS: dict[str, Sniffer] = {}


def announce_format(
    name: str, *, readable: bool, extensions: tuple[str, ...], sniffer: str | None
) -> None:
    """Make a format's sniffer (``module:function``) known before its module is imported."""
    _ANNOUNCED[name] = _Announced(readable, extensions, sniffer)


def register_format(fmt: Format, *, replace: bool = False) -> Format:
    """Add a format to the registry; a second format of the same name needs ``replace=True``."""
    with _LOCK:
        if fmt.name in _FORMATS and not replace and _FORMATS[fmt.name] != fmt:
            raise UsageError(f"format {fmt.name!r} is already registered")
        _FORMATS[fmt.name] = fmt
    return fmt


def unregister_format(name: str) -> None:
    """Remove a format (for plugins and tests that add one on the fly)."""
    with _LOCK:
        _FORMATS.pop(name, None)


def list_formats() -> list[Format]:
    """Every registered format (discovery runs first), sorted by name."""
    registry.ensure_loaded()
    return [_FORMATS[name] for name in sorted(_FORMATS)]


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`UnknownFormatError` when there is none."""
    if name not in _FORMATS:
        registry.ensure_loaded_for("format", name)
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise UnknownFormatError(f"unknown format {name!r}; registered: {known}") from None


@dataclass(frozen=True)
class SniffFailure:
    """A sniffer that raised instead of answering: the format was not considered."""

    format: str
    """The name of the format whose sniffer raised."""
    error: Exception
    """What it raised."""


def sniff(data: bytes, filename: str | None = None) -> Format | None:
    """The first registered readable format that recognises ``data`` (extension breaks ties)."""
    return recognise(data, filename)[0]


def recognise(
    data: bytes, filename: str | None = None
) -> tuple[Format | None, tuple[SniffFailure, ...]]:
    """:func:`sniff`, with the sniffers that raised (each is a defect to report, not a "no").

    A sniffer that raises does not stop the others: another format may recognise the input.
    """
    registry.ensure_loaded_for("sniff", "")
    names = sorted(_FORMATS.keys() | _ANNOUNCED.keys())
    candidates: list[str] = []
    failures: list[SniffFailure] = []
    for name in names:
        try:
            if _recognises(name, data):
                candidates.append(name)
        except Exception as error:
            failures.append(SniffFailure(name, error))
    if filename and len(candidates) > 1:
        lower = filename.lower()
        by_extension = [name for name in candidates if lower.endswith(_extensions(name))]
        candidates = by_extension or candidates
    found = get_format(candidates[0]) if candidates else None
    return found, tuple(failures)


def _recognises(name: str, data: bytes) -> bool:
    """Whether the readable format ``name``, registered or announced, recognises ``data``.

    An exception from the sniffer passes to the caller.
    """
    fmt = _FORMATS.get(name)
    if fmt is not None:
        return fmt.reader is not None and fmt.sniffer is not None and fmt.sniffer(data)
    announced = _ANNOUNCED[name]
    if not announced.readable or announced.sniffer is None:
        return False
    return _sniffer(announced.sniffer)(data)


def _sniffer(where: str) -> Sniffer:
    found = _SNIFFERS.get(where)
    if found is None:
        module, _, function = where.partition(":")
        found = _SNIFFERS[where] = getattr(importlib.import_module(module), function)
    return found


def _extensions(name: str) -> tuple[str, ...]:
    fmt = _FORMATS.get(name)
    return fmt.extensions if fmt is not None else _ANNOUNCED[name].extensions


def sniff_one(fmt: Format, data: bytes) -> bool:
    """Whether ``fmt`` recognises ``data``; a sniffer that raises recognises nothing."""
    if fmt.sniffer is None:
        return False
    try:
        return fmt.sniffer(data)
    except Exception:  # a defective sniffer must not stop reading: another format may fit
        return False

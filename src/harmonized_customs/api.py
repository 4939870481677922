"""The functions behind the public API: load, dump, read and their variants.

``load`` and ``dump`` name a format or let the library sniff it; data problems come back as
issues (``read``) or, from the convenience functions, as one :class:`InputError` carrying the
whole report. Only programmer errors (an unknown format name, a wrong argument type) raise
anything else, as :class:`UsageError`. Documents are of any registered kind (a goods
declaration, a cargo report); the reader issues travel in each :class:`ReadResult`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Mapping
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from harmonized_customs import collector, plugins
from harmonized_customs.countries import Jurisdiction, list_jurisdictions
from harmonized_customs.documents import kind_of
from harmonized_customs.errors import InputError, UsageError
from harmonized_customs.format_registry import (
    Format,
    ReadResult,
    SniffFailure,
    get_format,
    list_formats,
    recognise,
)
from harmonized_customs.guard import internal_error, is_ours, sniffer_failed
from harmonized_customs.issues import Issue, Report, SourceLocation
from harmonized_customs.profiles import apply_profile

__all__ = [
    "DEFAULT_MAX_SIZE",
    "Source",
    "dump",
    "formats",
    "installed_version",
    "jurisdictions",
    "load",
    "load_all",
    "loads",
    "read",
    "summary",
]

DEFAULT_MAX_SIZE = 256 * 1024 * 1024
"""Inputs larger than this (256 MiB) are refused unless a larger ``max_size`` is given."""

Source = str | os.PathLike[str] | bytes | IO[bytes]

_TEXT_STARTS = ("{", "[", "<", " ", "\ufeff")
"""How a document's text begins: such a string is data, not a path (use ``loads``)."""

plugins.install()


def _read_bytes(source: Source, max_size: int) -> tuple[bytes | None, str | None, Issue | None]:
    """The bytes of ``source`` and a name for messages; an issue when it is too large."""
    name: str | None = None
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | os.PathLike):
        if isinstance(source, str) and (source.startswith(_TEXT_STARTS) or "\n" in source):
            raise UsageError("this looks like a document's text, not a path: use loads(text)")
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise IsADirectoryError(errno.EISDIR, "not a file", name)
            if size <= max_size:
                data = path.read_bytes()
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            where = SourceLocation(file=name)
            reason = getattr(error, "strerror", None) or str(error) or "not a file"
            detail = f"{type(error).__name__}: {reason}"
            return None, name, Issue.of("input_unreadable", "", source=where, detail=detail)
        if size > max_size:
            issue = Issue.of(
                "input_too_large", "", source=SourceLocation(file=name), size=size, limit=max_size
            )
            return None, name, issue
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        data = source.read(max_size + 1)
        if not isinstance(data, bytes):
            raise UsageError("file objects must be opened in binary mode ('rb')")
    else:
        raise UsageError(f"cannot read from {type(source).__name__}; give a path or bytes")
    if len(data) > max_size:
        issue = Issue.of(
            "input_too_large", "", source=SourceLocation(file=name), size=len(data), limit=max_size
        )
        return None, name, issue
    return data, name, None


def _format_for(
    data: bytes, name: str | None, format: str | None
) -> tuple[Format | None, tuple[SniffFailure, ...]]:
    if format is not None:
        fmt = get_format(format)
        if fmt.reader is None:
            raise UsageError(f"format {format!r} cannot be read, only written")
        return fmt, ()
    return recognise(data, name)


def read(
    source: Source, format: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[ReadResult]:
    """Read every declaration in ``source``, yielding each with the issues found reading it.

    ``source`` is a path, the bytes of a file, or a binary file object. Nothing raises for bad
    data: an unreadable input yields one result without a declaration and with the reason. A
    format's sniffer that raises is reported: an ``internal_error`` when no format recognised
    the input, else a ``sniffer_failed`` warning on the first document read.
    """
    data, name, problem = _read_bytes(source, max_size)
    if data is None:
        yield ReadResult(None, (problem,) if problem else ())
        return
    fmt, failures = _format_for(data, name, format)
    where = SourceLocation(file=name)
    if fmt is None or fmt.reader is None:
        not_recognised = Issue.of("format_not_recognised", "", source=where)
        stopped = (internal_error(f"sniff:{f.format}", f.error, source=where) for f in failures)
        yield ReadResult(None, (not_recognised, *stopped))
        return
    results = _guarded(fmt, data, name)
    if failures:
        results = _noting(
            results, [sniffer_failed(f.format, f.error, source=where) for f in failures]
        )
    yield from results


def _noting(results: Iterator[ReadResult], notes: list[Issue]) -> Iterator[ReadResult]:
    """``results`` with ``notes`` put before the issues of the first one."""
    first = next(results, None)
    if first is None:
        return
    yield replace(first, issues=(*notes, *first.issues))
    yield from results


def _guarded(fmt: Format, data: bytes, name: str | None) -> Iterator[ReadResult]:
    """The reader's results; an exception from it ends the file with an ``internal_error``.

    Each result is read with the cycle collector paused (:mod:`harmonized_customs.collector`),
    and the collector runs again while the caller handles it.
    """
    assert fmt.reader is not None
    index = 0
    try:
        results = iter(fmt.reader(data, name))
        while True:
            with collector.paused():
                result = next(results, None)
            if result is None:
                return
            index = result.index + 1
            yield result
    except Exception as error:
        if is_ours(error):
            raise
        where = SourceLocation(file=name)
        issue = internal_error(f"read:{fmt.name}", error, source=where)
        yield ReadResult(None, (issue,), index)


def load_all(
    source: Source, format: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Any]:
    """Every declaration in ``source``; :class:`InputError` at the first one that cannot be read."""
    for result in read(source, format, max_size=max_size):
        if result.declaration is None:
            raise InputError(_summary(result), Report(result.issues))
        yield result.declaration


def load(source: Source, format: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE) -> Any:
    """The one declaration in ``source``; :class:`InputError` when it cannot be read.

    A file holding several declarations is an error here: use :func:`load_all`.
    """
    results = list(read(source, format, max_size=max_size))
    if len(results) != 1:
        raise UsageError(f"the input holds {len(results)} declarations; use load_all()")
    result = results[0]
    if result.declaration is None:
        raise InputError(_summary(result), Report(result.issues))
    return result.declaration


def loads(data: str | bytes, format: str | None = None) -> Any:
    """Like :func:`load`, for the text or bytes of a file."""
    return load(data.encode("utf-8") if isinstance(data, str) else data, format)


def dump(
    document: Any, format: str = "core-json", *, profile: Mapping[str, Any] | None = None
) -> str | bytes:
    """The document written in ``format``: text for text formats, bytes for XML.

    Values the format cannot carry are left out; use ``convert`` to see them reported. Text
    is written to a file in the format's ``encoding`` (``Format.encode``). ``profile`` gives
    the format's filer settings (see :mod:`harmonized_customs.profiles`). When the writer
    fails unexpectedly, :class:`InputError` carries its ``internal_error`` issue.
    """
    kind = kind_of(document)
    fmt = get_format(format)
    if fmt.writer is None:
        raise UsageError(f"format {format!r} can be read, not written")
    if fmt.kind != kind.name and fmt.name != "core-json":
        raise UsageError(f"format {format!r} carries {fmt.kind} documents, not a {kind.name}")
    profiled, _ = apply_profile(document, fmt, profile)
    try:
        with collector.paused():
            return fmt.writer(profiled).output
    except Exception as error:
        if is_ours(error):
            raise
        issue = internal_error(f"write:{fmt.name}", error)
        raise InputError(f"{issue.code}: {issue.message('en')}", Report((issue,))) from None


def installed_version() -> str:
    """The version of the installed distribution (``0+unknown`` when run from sources)."""
    try:
        return version("harmonized-customs")
    except PackageNotFoundError:
        return "0+unknown"


def formats() -> list[Format]:
    """The registered formats (name, jurisdiction, document kind, direction, media type)."""
    return list_formats()


def jurisdictions() -> list[Jurisdiction]:
    """The registered jurisdictions (code, name, authority)."""
    return list_jurisdictions()


def summary(result: ReadResult) -> str:
    """A one-line reason why ``result`` holds no declaration (its first blocking issue)."""
    return _summary(result)


def _summary(result: ReadResult) -> str:
    first = next((i for i in result.issues if i.blocking), None)
    if first is None:
        return "the input cannot be read"
    where = f" at {first.source}" if first.source else ""
    pointer = f" {first.pointer}" if first.pointer else ""
    return f"{first.code}{pointer}{where}: {first.message('en')}"

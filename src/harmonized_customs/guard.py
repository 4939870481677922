"""The guarantee: an unexpected exception in one document's pipeline becomes an issue.

Readers, rules, writers and message rendering report data problems as issues and never raise
(see docs/api-guide.md, "The guarantee"). When one raises all the same (a defect of the library
or of a plugin), the stage that called it turns the exception into one ``internal_error`` issue
on that document, naming the stage, the exception type and the innermost library frame; the
traceback itself is never shown in normal output. ``UsageError`` and ``InputError`` are the
library's own exceptions and pass through. Source: this library's contract, docs/api-guide.md.
"""

from __future__ import annotations

import traceback
from pathlib import PurePath

from harmonized_customs.errors import HarmonizedCustomsError
from harmonized_customs.issues import Issue, Severity, SourceLocation, register_code

__all__ = ["internal_error", "is_ours", "sniffer_failed"]

register_code(
    "internal_error",
    Severity.ERROR,
    "an internal error stopped {stage} ({exception}); please report this input to the maintainers",
    authority="harmonized_customs",
    example_ctx={"stage": "reading", "exception": "KeyError", "where": "cad.py:401"},
    fix="Report the input (or a copy with the data changed) with this message to the maintainers.",
    unreadable=True,
)
register_code(
    "sniffer_failed",
    Severity.WARNING,
    "the format {format} was not considered: recognising it stopped on an internal error "
    "({exception}); please report this input to the maintainers",
    authority="harmonized_customs",
    example_ctx={"format": "us-abi-ae", "exception": "IndexError", "where": "sniff.py:30"},
    fix="Report the input with this message to the maintainers; name the format with --from "
    "meanwhile.",
)


def is_ours(error: BaseException) -> bool:
    """True for the library's own exceptions (``UsageError``, ``InputError``): they pass."""
    return isinstance(error, HarmonizedCustomsError)


def _where(error: BaseException) -> str:
    """The innermost frame of the library in the traceback, as ``module.py:line``."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "harmonized_customs" in PurePath(f.filename).parts]
    frame = (ours or frames)[-1] if (ours or frames) else None
    return f"{PurePath(frame.filename).name}:{frame.lineno}" if frame else ""


def internal_error(
    stage: str,
    error: BaseException,
    *,
    pointer: str = "",
    source: SourceLocation | None = None,
    target: str | None = None,
) -> Issue:
    """The ``internal_error`` issue of ``error`` raised while ``stage`` ran on one document."""
    return Issue.of(
        "internal_error",
        pointer,
        target=target,
        source=source,
        stage=stage,
        exception=type(error).__name__,
        where=_where(error),
    )


def sniffer_failed(format_name: str, error: BaseException, *, source: SourceLocation) -> Issue:
    """The warning that the sniffer of ``format_name`` raised ``error`` on this input."""
    return Issue.of(
        "sniffer_failed",
        "",
        source=source,
        format=format_name,
        exception=type(error).__name__,
        where=_where(error),
    )

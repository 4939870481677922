"""Issue codes of converting and of batch runs: an input or an output that failed unexpectedly.

Converting goes through the core model (see :mod:`harmonized_customs.conversion`): a format's
reader makes a :class:`~harmonized_customs.model.Declaration`, the target format's writer
writes it. Readers and writers report data problems as issues and never raise; when one
raises all the same (a defect of the library, or of a third-party format registered through
the ``harmonized_customs.formats`` entry points), the batch reports the file with the codes
below and goes on with the next one. Source: this library's own contract, docs/api-guide.md.
"""

from __future__ import annotations

from harmonized_customs.issues import Severity, register_code

__all__: list[str] = []

_AUTHORITY = "harmonized_customs"

register_code(
    "reader_failed",
    Severity.ERROR,
    "reading this input failed unexpectedly ({detail}); the file was skipped",
    authority=_AUTHORITY,
    example_ctx={"detail": "ValueError: bad record"},
    fix="Report the file to the maintainers of the format named by --from, or name another format.",
    unreadable=True,
)
register_code(
    "writer_failed",
    Severity.ERROR,
    "writing {format} failed unexpectedly ({detail}); nothing was written",
    authority=_AUTHORITY,
    example_ctx={"format": "mx-pedimento-m3", "detail": "KeyError: 'aduana'"},
    fix="Report the declaration to the maintainers of the target format's writer.",
)
register_code(
    "format_mismatch",
    Severity.ERROR,
    "this is not a {format} file: its content is that of {detected}",
    authority=_AUTHORITY,
    example_ctx={"format": "us-abi-ae", "detected": "core-json"},
    fix="Name the format of the file with --from, or leave --from out to have it recognised.",
    unreadable=True,
)

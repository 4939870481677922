"""Exceptions for programmer errors: a wrong argument, an unknown format, a misused API.

Data problems are never raised as these; they are collected as
:class:`harmonized_customs.issues.Issue` objects. The one data exception is
:class:`InputError`, raised by the convenience functions (:func:`harmonized_customs.load`)
when the input cannot become a declaration at all; it carries the full report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harmonized_customs.issues import Report

__all__ = ["HarmonizedCustomsError", "InputError", "UnknownFormatError", "UsageError"]


class HarmonizedCustomsError(Exception):
    """Base class of every exception this library raises on purpose."""


class UsageError(HarmonizedCustomsError, ValueError):
    """The library was called with an argument it cannot accept."""


class UnknownFormatError(UsageError, LookupError):
    """A format name is not registered, or no registered format recognises the input."""


class InputError(HarmonizedCustomsError, ValueError):
    """The input cannot be read into a declaration; ``report`` says what and where."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report

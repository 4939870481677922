"""Helpers shared by the identifier modules: cleaning input, collecting and mapping errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from stdnum import exceptions as stdnum_exceptions

from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)

__all__ = ["clean", "collect", "from_stdnum", "passes", "to_ascii"]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")

_DELETIONS: dict[str, dict[int, None]] = {}
"""Each set of characters :func:`clean` drops, as a translation table (a few, made once)."""

_STDNUM_KINDS: tuple[tuple[type[stdnum_exceptions.ValidationError], type[IdentifierError]], ...] = (
    (stdnum_exceptions.InvalidLength, InvalidLength),
    (stdnum_exceptions.InvalidFormat, InvalidFormat),
    (stdnum_exceptions.InvalidChecksum, InvalidChecksum),
    (stdnum_exceptions.InvalidComponent, InvalidComponent),
)


def clean(value: str, deletechars: str = "") -> str:
    """Normalise ``value`` (NFKC, typographic dashes to ``-``, upper case), drop ``deletechars``.

    Raises:
        TypeError: ``value`` is not a string (a programmer error, not a data problem).
    """
    if not isinstance(value, str):
        raise TypeError(f"identifier values are str, not {type(value).__name__}")
    deleted = _DELETIONS.get(deletechars)
    if deleted is None:
        deleted = _DELETIONS[deletechars] = dict.fromkeys(map(ord, deletechars))
    if value.isascii():  # NFKC leaves ASCII as it is, and it holds no typographic dash
        return value.translate(deleted).strip().upper()
    text = unicodedata.normalize("NFKC", value).translate(_DASHES)
    return text.translate(deleted).strip().upper()


def to_ascii(text: str) -> str:
    """``text`` in upper-case ASCII, accents removed (``Société`` -> ``SOCIETE``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").upper()


def passes(validate: Callable[[str], object], value: str) -> bool:
    """True when ``validate(value)`` raises nothing; never raises itself."""
    try:
        validate(value)
    except (IdentifierError, TypeError):
        return False
    return True


def collect(
    validate: Callable[[str], object], value: str, *reviews: Callable[[str], object]
) -> list[IdentifierError]:
    """All problems of ``value``: the error ``validate`` raises, else what ``reviews`` raise.

    ``reviews`` are the checks whose codes are warnings (uncertain checksums and the like);
    they run only on values that ``validate`` accepts.
    """
    try:
        validate(value)
    except IdentifierError as err:
        return [err]
    found: list[IdentifierError] = []
    for review in reviews:
        try:
            review(value)
        except IdentifierError as err:
            found.append(err)
    return found


def from_stdnum(
    exc: stdnum_exceptions.ValidationError,
    codes: dict[type[IdentifierError], str],
    **ctx: object,
) -> IdentifierError:
    """Our exception for a python-stdnum exception, with the code ``codes`` gives its kind.

    Args:
        exc: The python-stdnum exception.
        codes: Our code for each of our classes (``InvalidFormat``, ``InvalidLength``...);
            a kind missing from ``codes`` falls back to the ``InvalidFormat`` code.
        **ctx: The message values (``identifier``, ``value``...).
    """
    for theirs, ours in _STDNUM_KINDS:
        if isinstance(exc, theirs) and ours in codes:
            return ours(codes[ours], **ctx)
    return InvalidFormat(codes[InvalidFormat], **ctx)

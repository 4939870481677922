"""Exceptions raised by the identifier checks, mirroring python-stdnum's taxonomy.

Every exception carries a registered issue ``code`` (see
:mod:`harmonized_customs.identifiers.codes`) and the ``ctx`` its message is rendered from.
``ctx`` always names the identifier scheme (``identifier``) and the offending value
(``value``). The severity is the code's, not the class's: a checksum known to misfire on real
data (:class:`UncertainChecksum`) has a ``warning`` code and does not block filing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from harmonized_customs.identifiers.codes import CODES
from harmonized_customs.issues import Issue, Severity

if TYPE_CHECKING:
    from harmonized_customs.issues import Target

__all__ = [
    "IdentifierError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "UncertainChecksum",
]


class IdentifierError(ValueError):
    """An identifier value fails a check.

    Args:
        code: The registered issue code naming the problem (``us_ein_invalid_format``).
        **ctx: The values the message is rendered from; ``identifier`` and ``value`` always.

    Attributes:
        code: The registered issue code.
        ctx: The message values.
    """

    def __init__(self, code: str, /, **ctx: object) -> None:
        super().__init__(code)
        self.code: str = code
        self.ctx: dict[str, object] = dict(ctx)

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, ctx={self.ctx!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code,), {"ctx": self.ctx})

    @property
    def severity(self) -> Severity:
        """The severity registered for this code (``error`` blocks filing)."""
        return CODES[self.code].severity

    @property
    def blocking(self) -> bool:
        """True when the problem blocks filing."""
        return self.severity is Severity.ERROR

    def message(self) -> str:
        """The English message, rendered from the code's template and ``ctx``."""
        entry = CODES.get(self.code)
        if entry is None:
            return self.code
        return entry.template.format_map(_KeepMissing(self.ctx))

    def to_issue(self, pointer: str = "", *, target: Target | None = None) -> Issue:
        """This problem as an :class:`~harmonized_customs.issues.Issue` at ``pointer``."""
        entry = CODES[self.code]
        return Issue(
            code=self.code,
            severity=entry.severity,
            pointer=pointer,
            target=target,
            ctx=dict(self.ctx),
            authority=entry.authority,
        )


class _KeepMissing(dict[str, object]):
    """Message values that render a missing placeholder as itself instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class InvalidFormat(IdentifierError):  # noqa: N818 - python-stdnum's names
    """Characters or separators that the scheme does not allow, or parts missing."""


class InvalidLength(InvalidFormat):
    """The value has the wrong number of characters."""


class InvalidChecksum(IdentifierError):  # noqa: N818 - python-stdnum's names
    """The check digit does not match the one computed from the rest of the value."""


class UncertainChecksum(InvalidChecksum):
    """A check digit fails an algorithm that is unconfirmed or known to misfire on real data.

    Its codes are registered with severity ``warning``: review, do not block.
    """


class InvalidComponent(IdentifierError):  # noqa: N818 - python-stdnum's names
    """A part of the value refers to something that does not exist (a date, a prefix...)."""

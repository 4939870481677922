"""The common interface of the identifier modules, as a :class:`typing.Protocol`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from harmonized_customs.identifiers._errors import IdentifierError

__all__ = ["FormattingModule", "IdentifierModule"]


class IdentifierModule(Protocol):
    """What every identifier module offers (python-stdnum's common interface, plus ``check``)."""

    SCHEME: str

    def compact(self, value: str) -> str:
        """The value without separators, upper case."""
        ...

    def validate(self, value: str) -> str:
        """The compact value; raises an :class:`IdentifierError` subclass when invalid."""
        ...

    def is_valid(self, value: str) -> bool:
        """True when :meth:`validate` accepts the value; never raises."""
        ...

    def check(self, value: str) -> list[IdentifierError]:
        """Every problem, errors and warnings; empty when fine."""
        ...


class FormattingModule(IdentifierModule, Protocol):
    """An identifier module whose scheme has a display form."""

    def format(self, value: str) -> str:
        """The display form of the value."""
        ...

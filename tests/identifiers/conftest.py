"""Shared fixtures of the identifier tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from harmonized_customs.identifiers import IdentifierError
from harmonized_customs.issues import _REGISTRY

RaisesCode = Callable[..., IdentifierError]


def _raises_code(
    cls: type[IdentifierError],
    code: str,
    func: Callable[..., object],
    *args: object,
    **kwargs: object,
) -> IdentifierError:
    """Call ``func`` and check it raises ``cls`` with ``code``, registered and renderable."""
    with pytest.raises(cls) as info:
        func(*args, **kwargs)
    error = info.value
    assert error.code == code
    assert code in _REGISTRY, f"{code} is raised but not registered"
    assert {"identifier", "value"} <= set(error.ctx)
    assert _REGISTRY[code].template.format_map(error.ctx) == str(error)
    return error


@pytest.fixture
def raises_code() -> RaisesCode:
    """``raises_code(cls, code, func, *args, **kwargs)`` -> the raised error."""
    return _raises_code

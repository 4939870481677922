"""Registries fill themselves on first use: the hook that runs discovery once.

Issue codes, rules, formats, jurisdictions and document kinds register themselves when their
modules are imported. Which modules those are is found by convention (every module of
``harmonized_customs.jurisdictions`` and of the packages named by the entry points
``harmonized_customs.jurisdictions`` and ``harmonized_customs.formats``), by
:mod:`harmonized_customs.plugins`, which adds its loader here. Each registry calls
:func:`ensure_loaded` before answering a question about everything it holds (``list_formats``,
``list_issue_codes``...), and :func:`ensure_loaded_for` before answering a question about one
thing (an issue code, a format, a jurisdiction, the rules of one target): a loader that can
answer it by importing only the modules concerned does so, otherwise every loader runs. This
module imports nothing of the library, so every registry can use it without an import cycle.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

__all__ = ["Selective", "add_loader", "ensure_loaded", "ensure_loaded_for", "reset"]

Selective = Callable[[str, str, bool], bool]
"""``selective(question, key, fresh)``: import what answers one question; False if it cannot.

``question`` is ``code``, ``format``, ``jurisdiction``, ``rules`` (key ``kind/target``, the
target empty for core rules) or ``sniff``; ``fresh`` is True for the first question since
the registries were created or :func:`reset`.
"""

_LOADERS: list[Callable[[], None]] = []
_SELECTIVE: dict[Callable[[], None], Selective] = {}
_ANSWERED: set[tuple[str, str]] = set()
_LOCK = threading.RLock()
_state = {"loaded": False, "loading": False}


def add_loader(loader: Callable[[], None], selective: Selective | None = None) -> None:
    """Run ``loader`` (once) before any registry is first asked for everything it holds.

    ``selective``, if given, answers the questions about one thing without running ``loader``.
    """
    with _LOCK:
        if loader not in _LOADERS:
            _LOADERS.append(loader)
            _state["loaded"] = False
        if selective is not None:
            _SELECTIVE[loader] = selective


def ensure_loaded() -> None:
    """Run the loaders once; a registry asked while they run (an import) answers as it is."""
    if _state["loaded"]:
        return
    with _LOCK:
        if _state["loaded"] or _state["loading"]:
            return
        _state["loading"] = True
        try:
            for loader in list(_LOADERS):
                loader()
            _state["loaded"] = True
        finally:
            _state["loading"] = False


def ensure_loaded_for(question: str, key: str) -> None:
    """Load what answers one question (see :data:`Selective`), or everything if need be."""
    if _state["loaded"] or (question, key) in _ANSWERED:
        return
    with _LOCK:
        if _state["loaded"] or _state["loading"] or (question, key) in _ANSWERED:
            return
        if not _selectively(question, key):
            ensure_loaded()
            return
        _ANSWERED.add((question, key))


def _selectively(question: str, key: str) -> bool:
    fresh = not _ANSWERED
    _state["loading"] = True
    try:
        for loader in list(_LOADERS):
            selective = _SELECTIVE.get(loader)
            if selective is None or not selective(question, key, fresh):
                return False
        return True
    finally:
        _state["loading"] = False


def reset() -> None:
    """Forget that discovery ran: the next question runs the loaders again (new plugins)."""
    with _LOCK:
        _state["loaded"] = False
        _ANSWERED.clear()

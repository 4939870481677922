"""Registries fill themselves on first use: the hook that runs discovery once.

Issue codes, rules, formats, jurisdictions and document kinds register themselves when their
modules are imported. Which modules those are is found by convention (every module of
``harmonized_customs.jurisdictions`` and of the packages named by the entry points
``harmonized_customs.jurisdictions`` and ``harmonized_customs.formats``), by
:mod:`harmonized_customs.plugins`, which adds its loader here. Each registry calls
:func:`ensure_loaded` before answering a question about everything it holds (``list_formats``,
``list_issue_codes``...). This module imports nothing of the library, so every registry can
use it without an import cycle.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

__all__ = ["add_loader", "ensure_loaded", "reset"]

_LOADERS: list[Callable[[], None]] = []
_LOCK = threading.RLock()
_state = {"loaded": False, "loading": False}


def add_loader(loader: Callable[[], None]) -> None:
    """Run ``loader`` (once) before any registry is first asked for everything it holds."""
    with _LOCK:
        if loader not in _LOADERS:
            _LOADERS.append(loader)
            _state["loaded"] = False


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


def reset() -> None:
    """Forget that discovery ran: the next question runs the loaders again (new plugins)."""
    with _LOCK:
        _state["loaded"] = False

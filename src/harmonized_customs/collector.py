"""Pausing Python's cycle collector while a document is read or checked.

Reading a declaration builds its whole model (a few objects per value) and frees none of it
until the end; checking it builds an issue per finding. With the cycle collector on, every
pass over the growing heap visits all that was built so far, and the full passes grow with
the heap: the work becomes superlinear in the size of the document (a 9,999-line core-json
read took five times as long with the collector on). What a read or a check makes is freed by
reference counting; nothing of it is left for the collector to find.

:func:`paused` turns the collector off for the length of a ``with`` block and back on after,
exceptions included:

* it is re-entrant: a pause inside a pause (a reader calling another reader, a check of what
  was just read) changes nothing and ends with the outermost one;
* it is thread-tolerant: the collector is one per process, so it stays off while any thread
  is inside a pause and is turned back on when the last one leaves;
* it restores the state it found: a collector someone else turned off stays off;
* what a long pause made (a large document) joins the oldest generation when the collector
  comes back, instead of being visited at once by a young-generation pass (see
  :data:`PROMOTE_AFTER`); a later full collection visits it like any old object.

:func:`frozen` keeps long-lived objects out of the collector's reach: what the command line
imported, what a batch built before forking its workers (the Python documentation advises
``gc.freeze`` before a fork, so the workers' pages stay shared).

A generator must not yield inside a pause (the caller would run with the collector off); pause
around each step instead, as :func:`harmonized_customs.api.read` does for every reader.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["frozen", "paused"]


class _Pause:
    """The shared state of every open pause: how many, and what to restore after the last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                _promote_young()
                gc.enable()


PROMOTE_AFTER = 10_000
"""Objects made in a pause from which they are handed to the oldest generation unvisited."""


def _promote_young() -> None:
    """The objects made during the pause moved to the oldest generation, without a pass.

    Turned back on, the collector would first visit every object the pause left in the
    youngest generation (the whole document just read: a third of the read of 1,000 lines).
    They are alive and their owner holds them, so they join the oldest generation directly
    (``gc.freeze`` then ``gc.unfreeze``: two list splices); a full collection visits them in
    its turn. Skipped when the process froze objects itself, which must stay frozen.
    """
    if gc.get_count()[0] > PROMOTE_AFTER and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


_PAUSE = _Pause()


def paused() -> _Pause:
    """The cycle collector off inside a ``with`` block, restored when the last pause ends."""
    return _PAUSE


class _Freeze:
    """The shared state of :func:`frozen`: how deep, and whether the outermost one froze."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._ours = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._ours = gc.get_freeze_count() == 0
            if self._ours:
                gc.freeze()  # an inner block adds what was made since the outer one
            self._depth += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._ours:
                gc.unfreeze()


_FREEZE = _Freeze()


def frozen() -> _Freeze:
    """A ``with`` block in which every object made so far is out of the collector's reach.

    Re-entrant: an inner block also freezes what was made since the outer one began; the
    outermost block unfreezes everything when it ends, exceptions included. A process that
    froze objects itself is left alone (nothing is frozen or unfrozen for it).
    """
    return _FREEZE

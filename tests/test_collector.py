"""The cycle collector is paused while reading and checking, and always given back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import harmonized_customs as hc
from harmonized_customs import collector
from harmonized_customs.format_registry import ReadResult, register_format, unregister_format

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "complete-us-import.json"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_restored_after() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception() -> None:
    with pytest.raises(ValueError, match="boom"), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outermost() -> None:
    with collector.paused():
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_on_again_when_the_last_thread_leaves() -> None:
    inside = threading.Event()
    leave = threading.Event()

    def reader() -> None:
        with collector.paused():
            inside.set()
            leave.wait(5)

    other = threading.Thread(target=reader)
    other.start()
    inside.wait(5)
    with collector.paused():
        pass
    assert not gc.isenabled()  # the other thread is still reading
    leave.set()
    other.join(5)
    assert gc.isenabled()


def test_read_pauses_during_the_read_not_while_the_caller_holds_a_result() -> None:
    [result] = hc.read(EXAMPLE)
    assert result.declaration is not None
    results = hc.read(EXAMPLE.read_bytes(), "core-json")
    next(results)
    assert gc.isenabled()


def test_check_gives_the_collector_back() -> None:
    [result] = hc.read(EXAMPLE)
    hc.check(result, ["US", "CA", "MX"])
    assert gc.isenabled()


def test_a_reader_that_fails_gives_the_collector_back() -> None:
    seen: list[bool] = []

    def failing(data: bytes, name: str | None) -> Iterator[ReadResult]:
        seen.append(gc.isenabled())
        if not data.startswith(b"{"):
            raise RuntimeError("defect")
        yield ReadResult(None)

    fmt = register_format(
        hc.Format(
            name="test-collector-failing",
            jurisdiction=None,
            description="a reader that fails",
            media_type="application/octet-stream",
            reader=failing,
        )
    )
    try:
        [result] = hc.read(b"x", fmt.name)
    finally:
        unregister_format(fmt.name)
    assert seen == [False]
    assert result.issues[0].code == "internal_error"
    assert gc.isenabled()


def test_what_a_long_pause_made_skips_the_young_generation() -> None:
    passes: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    with collector.paused():
        made = [[index] for index in range(collector.PROMOTE_AFTER + 1_000)]
    gc.callbacks.append(seen)
    try:
        after = [[index] for index in range(100)]  # without the promotion: a pass over `made`
    finally:
        gc.callbacks.remove(seen)
    assert passes == []
    assert len(made) + len(after) > collector.PROMOTE_AFTER
    assert gc.get_freeze_count() == 0


def test_objects_the_process_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused():
            made = [[index] for index in range(collector.PROMOTE_AFTER + 1_000)]
        assert gc.get_freeze_count() == frozen
        assert len(made) > collector.PROMOTE_AFTER
    finally:
        gc.unfreeze()


def test_a_freeze_holds_what_was_made_and_ends_with_the_outermost_block() -> None:
    assert gc.get_freeze_count() == 0
    with collector.frozen():
        outer = gc.get_freeze_count()
        assert outer > 0
        made = [[n] for n in range(1000)]  # objects made inside the outer block
        with collector.frozen():
            assert gc.get_freeze_count() >= outer + len(made)  # the inner block adds them
        assert gc.get_freeze_count() > 0  # the inner block does not unfreeze
    assert gc.get_freeze_count() == 0


def test_a_freeze_leaves_a_process_that_froze_objects_itself_alone() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with collector.frozen():
            [[n] for n in range(100)]
            assert gc.get_freeze_count() == before
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_a_freeze_ends_after_an_exception() -> None:
    with pytest.raises(ValueError, match="boom"), collector.frozen():
        raise ValueError("boom")
    assert gc.get_freeze_count() == 0

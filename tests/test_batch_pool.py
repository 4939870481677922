"""The local pool's outcomes: packed by a worker, read back in the process that gathers them."""

from __future__ import annotations

import enum
import fcntl
import json
import math
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs import batch
from harmonized_customs.batch import CheckJob, ConvertJob, Outcome

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
"""What a record holds: JSON's types (floats include NaN and the infinities)."""


def shape(value: Any) -> Any:
    """``value`` with the exact type of every part beside it (``1`` and ``True`` told apart)."""
    if isinstance(value, dict):
        return (type(value), [(shape(k), shape(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value), [shape(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return (float, "nan")
    return (type(value), value)


def outcome_shape(outcome: Outcome) -> Any:
    """The outcome's class and each of its fields' shapes."""
    fields = (outcome.exit_code, outcome.record, outcome.text, outcome.output)
    return (type(outcome), [shape(f) for f in fields])


def round_trip(grouped: list[list[Outcome]]) -> tuple[bool, list[list[Outcome]]]:
    packed = batch._pack(grouped)
    return packed[0], batch._unpack(packed)


@given(st.lists(st.lists(st.tuples(st.integers(0, 2), JSON_VALUES, st.text()), max_size=3)))
def test_json_records_come_back_as_they_were(files: list[list[tuple[int, Any, str]]]) -> None:
    grouped = [[Outcome(code, {"value": value}, text) for code, value, text in f] for f in files]
    marshalled, back = round_trip(grouped)
    assert marshalled
    assert [[outcome_shape(o) for o in f] for f in back] == [
        [outcome_shape(o) for o in f] for f in grouped
    ]


class Status(enum.StrEnum):
    READY = "ready"


class Marked(Outcome):
    """An outcome of a job's own class."""


def test_what_marshal_cannot_hold_exactly_is_pickled() -> None:
    for record in ({"amount": Decimal("1.10")}, {"status": Status.READY}):
        marshalled, back = round_trip([[Outcome(0, record, "")]])
        assert not marshalled
        assert outcome_shape(back[0][0]) == outcome_shape(Outcome(0, record, ""))


def test_an_outcome_of_another_class_keeps_its_class() -> None:
    marshalled, back = round_trip([[Marked(1, {"status": "blocked"}, "text", b"bytes")]])
    assert not marshalled
    assert type(back[0][0]) is Marked
    assert back[0][0] == Marked(1, {"status": "blocked"}, "text", b"bytes")


def test_outputs_of_both_kinds_come_back_as_they_were() -> None:
    grouped = [[Outcome(0, {}, "a", "text")], [Outcome(0, {}, "b", b"\x00bytes")]]
    marshalled, back = round_trip(grouped)
    assert marshalled
    assert [[outcome_shape(o) for o in f] for f in back] == [
        [outcome_shape(o) for o in f] for f in grouped
    ]


def outcomes(job: batch.Job, inputs: list[Path], jobs: int) -> list[Any]:
    return [
        (entry.name, outcome_shape(o))
        for entry, found in batch.run(job, inputs, jobs)
        for o in found
    ]


def test_worker_processes_give_every_outcome_of_a_check_as_one_process_does(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number, example in enumerate(sorted(EXAMPLES.glob("*.json"))):
        (folder / f"{number:02d}-{example.name}").write_bytes(example.read_bytes())
    (folder / "broken.json").write_text('{"goods_items": [}', encoding="utf-8")
    job = CheckJob(targets=("US", "CA", "MX"), language="fr", template=True)
    assert outcomes(job, [folder], 2) == outcomes(job, [folder], 1)


def test_worker_processes_give_every_converted_output_as_one_process_does(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(5):
        data = json.loads((EXAMPLES / "mx-to-us-usmca.json").read_text(encoding="utf-8"))
        (folder / f"{number}.json").write_text(json.dumps(data), encoding="utf-8")
    for target in ("core-json", "mx-pedimento-m3"):
        job = ConvertJob(target, force=True)
        assert outcomes(job, [folder], 2) == outcomes(job, [folder], 1)


def pipe_max_size() -> int:
    try:
        return int(Path("/proc/sys/fs/pipe-max-size").read_text(encoding="ascii"))
    except OSError:
        return 0


@pytest.mark.skipif(
    not hasattr(fcntl, "F_GETPIPE_SZ") or pipe_max_size() < batch.RESULTS_PIPE,
    reason="the pipe's size is set on Linux only, within the system's limit",
)
def test_the_pool_results_pipe_holds_a_chunks_outcomes() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        batch._widen_results_pipe(pool)
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) == batch.RESULTS_PIPE


def test_a_pool_without_the_expected_pipe_is_left_alone() -> None:
    batch._widen_results_pipe(cast(ProcessPoolExecutor, object()))

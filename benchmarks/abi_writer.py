"""The ``us-abi-ae`` writer against ``Declaration.model_dump_json`` at 10, 100 and 999 lines.

The writer's time includes working out every value the records cannot carry (reading the
output back and comparing it with the declaration). Each round times the writer and the
baseline back to back, in alternating order, each sample at least 50 ms of repeated calls (or
one call when a call is longer); the ratio is taken inside the round and the median of the
rounds is printed, with the growth exponent of the writer's time between sizes.

Run it from the project root::

    python benchmarks/abi_writer.py            # 10, 100, 999 lines, 5 rounds
    python benchmarks/abi_writer.py --rounds 3 --sizes 10,100
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import EXAMPLES, with_lines  # noqa: E402 - the benchmarks folder is on the path above

import harmonized_customs as hc  # noqa: E402
from harmonized_customs.model import Declaration  # noqa: E402

FORMAT = "us-abi-ae"
BASE = EXAMPLES / "complete-us-import.json"
SAMPLE = 0.05
"""Seconds: the shortest sample of back-to-back calls."""


def per_call(function: Callable[[], object]) -> float:
    """Seconds per call over a sample of at least :data:`SAMPLE` seconds."""
    calls = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < SAMPLE or calls == 0:
        function()
        calls += 1
        elapsed = time.perf_counter() - start
    return elapsed / calls


def measure(declaration: Declaration, rounds: int) -> tuple[float, float]:
    """Median seconds per writer call and median in-round ratio to ``model_dump_json``."""
    timed = {
        "writer": lambda: hc.dump(declaration, FORMAT),
        "baseline": declaration.model_dump_json,
    }
    times: list[float] = []
    ratios: list[float] = []
    for number in range(rounds):
        order = ["writer", "baseline"] if number % 2 == 0 else ["baseline", "writer"]
        sample = {name: per_call(timed[name]) for name in order}
        times.append(sample["writer"])
        ratios.append(sample["writer"] / sample["baseline"])
    return statistics.median(times), statistics.median(ratios)


def main(argv: list[str] | None = None) -> int:
    """Print one row per size: lines, writer ms, baseline ratio, growth exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,999")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    base = hc.load(BASE)
    print("| lines | writer ms | writer / model_dump_json | exponent |")
    print("|---:|---:|---:|---:|")
    previous: tuple[int, float] | None = None
    for lines in (int(size) for size in args.sizes.split(",")):
        seconds, ratio = measure(with_lines(base, lines), args.rounds)
        exponent = "-"
        if previous is not None:
            growth = math.log(seconds / previous[1]) / math.log(lines / previous[0])
            exponent = f"{growth:.2f}"
        print(f"| {lines} | {seconds * 1000:.1f} | {ratio:.1f} | {exponent} |", flush=True)
        previous = (lines, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

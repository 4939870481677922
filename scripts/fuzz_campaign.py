"""Run the reliability campaign: mutants of every declaration format through the whole pipeline.

Each mutant is read, checked for US/CA/MX, rendered in en/fr/es, written to every format and
read back (``tests/fuzz/harness.py``). The script prints, per format, the inputs run, the
slowest input and the findings grouped by class, and exits 1 when there is any finding.

Usage::

    python scripts/fuzz_campaign.py                      # 20,000 per declaration format
    python scripts/fuzz_campaign.py --per-format 500 --formats us-abi-ae,ca-cad
    python scripts/fuzz_campaign.py --thorough           # 100,000 per format
    python scripts/fuzz_campaign.py --json figures.json  # the figures, for docs/performance.md

``--jobs N`` runs N worker processes (default: one per core). An input over the time bound is
run once more (other work on a shared machine can take the CPU) and counts as slow only when it
is over the bound again; an input still running after ``--hang`` seconds (default 60) is
stopped and recorded as a ``hang`` finding.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz import harness

DEFAULT_PER_FORMAT = 20_000
THOROUGH_PER_FORMAT = 100_000
CHUNK = 200


class _HangError(BaseException):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _HangError


def _run_chunk(fmt: str, seed: int, start: int, count: int, hang: float) -> dict[str, Any]:
    """Worker: the mutants ``start .. start+count`` of ``fmt``; findings and timings."""
    signal.signal(signal.SIGALRM, _alarm)
    findings: list[dict[str, str]] = []
    slowest = 0.0
    slowest_size = 0
    total = 0.0
    retried = 0
    for position, data in enumerate(harness.mutants(fmt, count, seed, start), start=start):
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            found, elapsed = _timed(data, fmt)
            if any(f.kind == "slow" for f in found):
                retried += 1  # once more: on a shared machine, other work can take the CPU
                found, elapsed = _timed(data, fmt)
        except _HangError:
            found, elapsed = [harness.Finding("hang", "all", fmt, f"over {hang} s", "")], hang
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        total += elapsed
        if elapsed > slowest:
            slowest, slowest_size = elapsed, len(data)
        for finding in found:
            findings.append({**finding.__dict__, "input": str(position)})
    return {
        "fmt": fmt,
        "count": count,
        "findings": findings,
        "slowest": slowest,
        "slowest_size": slowest_size,
        "seconds": total,
        "retried": retried,
    }


def _timed(data: bytes, fmt: str) -> tuple[list[harness.Finding], float]:
    began = time.perf_counter()
    found = harness.exercise(data, fmt)
    return found, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    """Run the campaign; exit 1 when anything was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=None)
    parser.add_argument("--formats", default=",".join(harness.DECLARATION_FORMATS))
    parser.add_argument("--thorough", action="store_true", help="100,000 inputs per format")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--hang", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--examples", type=int, default=3, help="inputs shown per class")
    args = parser.parse_args(argv)
    per_format = args.per_format or (THOROUGH_PER_FORMAT if args.thorough else DEFAULT_PER_FORMAT)
    formats = [f for f in args.formats.split(",") if f]
    started = time.perf_counter()
    tasks = [
        (f, args.seed, s, min(CHUNK, per_format - s), args.hang)
        for f in formats
        for s in range(0, per_format, CHUNK)
    ]
    figures: dict[str, dict[str, Any]] = {
        f: {
            "inputs": 0,
            "findings": 0,
            "slowest_s": 0.0,
            "slowest_bytes": 0,
            "cpu_s": 0.0,
            "retimed": 0,
        }
        for f in formats
    }
    classes: Counter[tuple[str, ...]] = Counter()
    examples: dict[tuple[str, ...], list[str]] = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for done in pool.map(_run_chunk, *zip(*tasks, strict=True)):
            row = figures[done["fmt"]]
            row["inputs"] += done["count"]
            row["findings"] += len(done["findings"])
            row["retimed"] += done["retried"]
            row["cpu_s"] = round(row["cpu_s"] + done["seconds"], 1)
            if done["slowest"] > row["slowest_s"]:
                row["slowest_s"] = round(done["slowest"], 3)
                row["slowest_bytes"] = done["slowest_size"]
            print(f"{done['fmt']}: {row['inputs']} inputs, {row['findings']} findings", flush=True)
            for finding in done["findings"]:
                key: tuple[str, ...] = (
                    finding["kind"],
                    finding["stage"],
                    finding["format"],
                    finding["where"],
                    finding["detail"].split(":")[0][:60],
                )
                classes[key] += 1
                examples.setdefault(key, [])
                if len(examples[key]) < args.examples:
                    examples[key].append(f"#{finding['input']} {finding['detail'][:160]}")
    wall = time.perf_counter() - started
    total = sum(r["inputs"] for r in figures.values())
    print(f"{total} inputs in {wall:.0f} s wall, {args.jobs} processes")
    for fmt, row in figures.items():
        print(
            f"  {fmt:18} {row['inputs']:7} inputs  {row['findings']:6} findings  "
            f"slowest {row['slowest_s']:.3f} s ({row['slowest_bytes']} bytes)  "
            f"cpu {row['cpu_s']:.0f} s, {row['retimed']} over the bound at first and timed again"
        )
    for key, count in classes.most_common():
        print(f"{count:6}  {' | '.join(key)}")
        for example in examples[key]:
            print(f"          {example}")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "inputs": total,
                    "wall_s": round(wall, 1),
                    "jobs": args.jobs,
                    "seed": args.seed,
                    "formats": figures,
                    "classes": [{"count": c, "class": list(k)} for k, c in classes.most_common()],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if classes else 0


if __name__ == "__main__":
    sys.exit(main())

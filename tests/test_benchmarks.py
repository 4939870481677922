"""The benchmark script runs in its quick mode and prints its tables (no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_quick_benchmark_prints_every_table() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "goals.py"),
            "--quick",
            "--no-dask",
            "--sections",
            "core,cce,writers,documents,linear,batch",
            "--large-batch",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    for heading in (
        "### core-json: read and check",
        "### mx-cfdi-cce20: read against satcfdi",
        "### Writers",
        "### One core-json file holding N declarations",
        "### Growth of every declaration reader, writer and check",
        "### Goals, as measured in this run",
        "### Batch check",
    ):
        assert heading in done.stdout
    assert "| 100 |" in done.stdout
    assert "Growth exponents" in done.stdout

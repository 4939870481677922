"""The performance goals of the library, each measured against a named baseline in one run.

The method survives a noisy, shared machine: every operation and its baseline run in the same
round, in an order that rotates from round to round; each sample is at least 50 ms of
back-to-back calls (or one call, when a call is longer); the ratio is taken inside the round,
and the median and the spread (lowest-highest) of the in-round ratios over at least five
rounds are printed. Declarations come from ``workload.py``: distinct real fracciones and
descriptions from SAT's catalogue, varied origins, values and weights, at 1, 10, 100, 1,000
and 9,999 goods lines. The growth exponent (time ~ lines^k) is fitted by least squares on the
sizes from 100 up and printed beside each operation.

Run it from the project root::

    python benchmarks/goals.py             # every size, 5 rounds (tens of minutes)
    python benchmarks/goals.py --quick     # 1, 10 and 100 lines, short samples (CI)
    python benchmarks/goals.py --write-docs   # also regenerates docs/performance.md
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import dataclasses
import datetime as dt
import io
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import run as formats  # noqa: E402 - the benchmarks folder is on the path above
import workload  # noqa: E402

import harmonized_customs as hc  # noqa: E402
from harmonized_customs import batch, collector  # noqa: E402
from harmonized_customs.model import Declaration  # noqa: E402
from harmonized_customs.model.schema import published_schema  # noqa: E402

TARGETS = ("US", "CA", "MX")
Timed = Callable[[], object]
DOCS = ROOT / "docs" / "performance.md"


@dataclass
class Verdict:
    """One goal of issue 15, what this run measured for it, and whether it holds."""

    goal: str
    measured: str
    holds: bool


VERDICTS: list[Verdict] = []
"""Filled by the sections as they measure; printed last as the goals table."""


def judge(goal: str, measured: str, holds: bool) -> None:
    """Record the verdict on ``goal`` (shown in the summary table)."""
    VERDICTS.append(Verdict(goal, measured, holds))


def verdicts() -> str:
    """The goals table: each goal, the figure measured for it in this run, holds or not."""
    rows = [[v.goal, v.measured, "yes" if v.holds else "**no**"] for v in VERDICTS]
    return "### Goals, as measured in this run\n\n" + table(["goal", "measured", "holds"], rows)


@dataclass(frozen=True)
class Plan:
    """How much to measure: sizes, rounds, the shortest sample, the slowest call allowed."""

    sizes: tuple[int, ...]
    rounds: int
    sample: float
    limit: float
    batches: tuple[tuple[int, int, int], ...]
    """Batches measured: (files, fewest lines, most lines) each."""
    documents: tuple[int, ...]
    linear: tuple[int, ...] = (100, 1000, 9999)


SMALL_BATCH = (16, 10, 10)
LARGE_BATCH = (200, 10, 100)
FULL = Plan(workload.SIZES, 5, 0.05, 30.0, (SMALL_BATCH, LARGE_BATCH), (1, 10, 100, 1000))
QUICK = Plan(
    workload.QUICK_SIZES, 5, 0.005, 2.0, (SMALL_BATCH, LARGE_BATCH), (1, 10, 100), (10, 100)
)


# --- the method -----------------------------------------------------------------------------


def per_call(function: Timed, sample: float) -> float:
    """Seconds per call over back-to-back calls lasting at least ``sample`` seconds."""
    calls = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < sample or calls == 0:
        function()
        calls += 1
        elapsed = time.perf_counter() - start
    return elapsed / calls


@dataclass
class Rounds:
    """Seconds per call of each operation, one value per round."""

    times: dict[str, list[float]] = field(default_factory=dict)

    def median(self, name: str) -> float:
        """Median seconds per call of ``name``."""
        return statistics.median(self.times[name])

    def ratio(self, name: str, baseline: str) -> tuple[float, float, float]:
        """Median, lowest and highest of the in-round ratios ``name / baseline``."""
        ratios = [a / b for a, b in zip(self.times[name], self.times[baseline], strict=True)]
        return statistics.median(ratios), min(ratios), max(ratios)


def rounds(operations: dict[str, Timed], plan: Plan) -> Rounds:
    """Every operation once per round, the order rotated by one each round."""
    names = list(operations)
    for name in names:
        operations[name]()  # warm: the first call builds validators and caches
    found = Rounds({name: [] for name in names})
    for number in range(plan.rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            found.times[name].append(per_call(operations[name], plan.sample))
    return found


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(size), from 100 lines up (else all points)."""
    large = [(n, t) for n, t in points if n >= 100]
    use = large if len(large) >= 2 else points
    if len(use) < 2:
        return None
    xs = [math.log(n) for n, _ in use]
    ys = [math.log(t) for _, t in use]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread


def fmt_ratio(value: tuple[float, float, float]) -> str:
    """``median (low-high)``."""
    median, low, high = value
    return f"{median:.2f} ({low:.2f}-{high:.2f})"


def fmt_exp(value: float | None) -> str:
    """The exponent, or ``-``."""
    return "-" if value is None else f"{value:.2f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- sections -------------------------------------------------------------------------------


def _python(code: str) -> Timed:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def call() -> object:
        return subprocess.run([sys.executable, "-c", code], check=True, env=env)

    return call


def startup(plan: Plan) -> str:
    """Import time against the import of the dependencies, and the CLI on one small file.

    The library's sources are byte-compiled first, as an installed wheel's are: the
    dependencies are, and a run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile
    the library's modules again in every new process.
    """
    compileall.compile_dir(ROOT / "src", quiet=1)
    example = str(ROOT / "examples" / "complete-us-import.json")
    cli = f"from harmonized_customs.cli import main; main(['check', {example!r}, '--to', 'US'])"
    operations = {
        "import harmonized_customs": _python("import harmonized_customs"),
        "import dependencies": _python(
            "import pydantic, lxml.etree, babel, pycountry, jsonschema, stdnum"
        ),
        "python -c pass": _python("pass"),
        "CLI check": _python(f"import sys, io; sys.stdout = io.StringIO(); {cli}"),
    }
    found = rounds(operations, Plan((), plan.rounds, 0.0, 0.0, (), ()))
    rows = [
        [
            name,
            f"{found.median(name) * 1000:.0f}",
            fmt_ratio(found.ratio(name, "import dependencies")),
            fmt_ratio(found.ratio(name, "python -c pass")),
        ]
        for name in operations
    ]
    imported = found.ratio("import harmonized_customs", "import dependencies")[0]
    judge("import ≤ 2× the import of the dependencies", f"{imported:.2f}×", imported <= 2.0)
    cli_ms = found.median("CLI check") * 1000
    judge("CLI check of one small file ≤ 0.5 s", f"{cli_ms:.0f} ms", cli_ms <= 500)
    headers = ["process", "ms", "/ import dependencies", "/ python -c pass"]
    return "### Start-up (one new process per call)\n\n" + table(headers, rows)


def _core_operations(lines: int) -> tuple[dict[str, Timed], int]:
    import fastjsonschema  # noqa: PLC0415 - a baseline only
    import jsonschema  # noqa: PLC0415

    data = workload.declaration_json(lines)
    declaration = Declaration.model_validate_json(data)
    schema = published_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    fast = fastjsonschema.compile(schema)

    def read() -> object:
        [result] = hc.read(data, "core-json")
        return result.declaration

    def read_check() -> object:
        [result] = hc.read(data, "core-json")
        return hc.check(result, TARGETS)

    operations: dict[str, Timed] = {
        "read": read,
        "check": lambda: hc.check(declaration, TARGETS),
        "read+check": read_check,
        "model_validate_json": lambda: Declaration.model_validate_json(data),
        "model_validate_json, collector paused": lambda: _paused_validation(data),
        "json.loads": lambda: json.loads(data),
        "jsonschema": lambda: validator.validate(json.loads(data)),
        "fastjsonschema": lambda: fast(json.loads(data)),
    }
    return operations, len(data)


PAUSED = "model_validate_json, collector paused"
"""The bare baseline timed as the library runs its reads and checks: with Python's cycle
collector paused (:mod:`harmonized_customs.collector`). From about 100 lines up, the bare
baseline's time includes the collector's passes over everything it builds; the library's
does not, so a ratio to it can fall below 1."""

RATIO_GOALS = (
    ("read", "model_validate_json"),
    ("check", "model_validate_json"),
    ("read+check", "json.loads"),
    ("read", PAUSED),
    ("check", PAUSED),
)


def _paused_validation(data: bytes) -> object:
    """``Declaration.model_validate_json`` with the cycle collector paused, as a read runs."""
    with collector.paused():
        return Declaration.model_validate_json(data)


def per_size(points: list[tuple[int, float]], form: str = "{:.2f}") -> str:
    """``1: 0.98 · 10: 1.01 · ...``: a figure at each size measured."""
    return " · ".join(f"{lines:,}: {form.format(value)}" for lines, value in points)


def _judge_core(
    seen: dict[str, list[tuple[int, float]]], ratios: dict[str | tuple[str, str], Any]
) -> None:
    read = ratios["read"]
    judge(
        "core-json read ≤ 1.5× `model_validate_json` (lines: ratio)",
        per_size(read),
        all(v <= 1.5 for _, v in read),
    )
    growth = exponent(seen["read"])
    judge(
        "core-json read growth exponent ≤ 1.1",
        fmt_exp(growth),
        growth is not None and growth <= 1.1,
    )
    paused_read = ratios[("read", PAUSED)]
    judge(
        "core-json read ≤ 1.5× `model_validate_json` with the collector paused (lines: ratio)",
        per_size(paused_read),
        all(v <= 1.5 for _, v in paused_read),
    )
    check = ratios["check"]
    judge(
        "check US+CA+MX ≤ 1.5× `model_validate_json` (lines: ratio)",
        per_size(check),
        all(v <= 1.5 for _, v in check),
    )
    paused_check = ratios[("check", PAUSED)]
    judge(
        "check US+CA+MX ≤ 1.5× `model_validate_json` with the collector paused (lines: ratio)",
        per_size(paused_check),
        all(v <= 1.5 for _, v in paused_check),
    )
    rate = ratios["lines/s"]
    judge(
        "read + check ≥ 5,000 goods lines/s (lines: lines/s)",
        per_size(rate, "{:,.0f}"),
        all(v >= 5000 for _, v in rate),
    )
    loads = ratios["read+check"]
    judge(
        "read + check ≤ 6× `json.loads` (lines: ratio)",
        per_size(loads),
        all(v <= 6 for _, v in loads),
    )


def core(plan: Plan) -> str:
    """core-json read, check and read+check against pydantic, json.loads and the schemas."""
    rows: list[list[str]] = []
    seen: dict[str, list[tuple[int, float]]] = {}
    ratios: dict[str | tuple[str, str], list[tuple[int, float]]] = {}
    for lines in plan.sizes:
        operations, _ = _core_operations(lines)
        found = rounds(operations, plan)
        for name in operations:
            seen.setdefault(name, []).append((lines, found.median(name)))
        rate = lines / found.median("read+check")
        for name, baseline in RATIO_GOALS:
            key = (name, baseline) if baseline == PAUSED else name
            ratios.setdefault(key, []).append((lines, found.ratio(name, baseline)[0]))
        ratios.setdefault("lines/s", []).append((lines, rate))
        rows.append(
            [
                str(lines),
                f"{found.median('read') * 1000:.2f}",
                fmt_ratio(found.ratio("read", "model_validate_json")),
                fmt_ratio(found.ratio("read", PAUSED)),
                fmt_ratio(found.ratio("check", "model_validate_json")),
                fmt_ratio(found.ratio("check", PAUSED)),
                fmt_ratio(found.ratio("read+check", "json.loads")),
                f"{rate:,.0f}",
                fmt_ratio(found.ratio("read", "jsonschema")),
                fmt_ratio(found.ratio("read", "fastjsonschema")),
            ]
        )
    headers = [
        "lines",
        "read ms",
        "read / model_validate_json",
        "read / same, collector paused",
        "check US+CA+MX / model_validate_json",
        "check / same, collector paused",
        "read+check / json.loads",
        "read+check lines/s",
        "read / jsonschema",
        "read / fastjsonschema",
    ]
    growth = ", ".join(f"{name} {fmt_exp(exponent(points))}" for name, points in seen.items())
    _judge_core(seen, ratios)
    return (
        "### core-json: read and check (median of in-round ratios, lowest-highest)\n\n"
        + table(headers, rows)
        + f"\n\nGrowth exponents (time ~ lines^k, fitted from 100 lines up): {growth}."
    )


def cce(plan: Plan) -> str:
    """CFDI Comercio Exterior read against satcfdi, lxml and lxml + SAT's XSD."""
    from lxml import etree  # noqa: PLC0415
    from satcfdi.cfdi import CFDI  # noqa: PLC0415

    from harmonized_customs.countries.mx import cfdi_cce20  # noqa: PLC0415

    schema = formats.sat_schema()
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    rows = []
    points: list[tuple[int, float]] = []
    speedups: list[tuple[int, float]] = []
    for lines in plan.sizes:
        declaration = Declaration.model_validate_json(
            workload.declaration_json(lines, base=workload.CCE_BASE)
        )
        data = cfdi_cce20.dumps(declaration, formats.cce_extras(declaration))
        operations: dict[str, Timed] = {
            "read": lambda data=data: cfdi_cce20.read_cce(data, None, origin_country="MX"),
            "satcfdi": lambda data=data: CFDI.from_string(data),
            "lxml": lambda data=data: etree.fromstring(data, parser),
            "lxml+xsd": lambda data=data: schema.validate(etree.fromstring(data, parser)),
        }
        found = rounds(operations, plan)
        points.append((lines, found.median("read")))
        satcfdi = found.ratio("satcfdi", "read")
        speedups.append((lines, satcfdi[0]))
        rows.append(
            [
                str(lines),
                f"{found.median('read') * 1000:.2f}",
                fmt_ratio(satcfdi),
                fmt_ratio(found.ratio("read", "lxml")),
                fmt_ratio(found.ratio("read", "lxml+xsd")),
            ]
        )
    headers = ["lines", "read ms", "satcfdi / read (speed-up)", "read / lxml", "read / lxml+xsd"]
    judge(
        "CFDI CCE read ≥ 2× as fast as satcfdi (lines: speed-up)",
        per_size(speedups),
        all(v >= 2 for _, v in speedups),
    )
    return (
        "### mx-cfdi-cce20: read against satcfdi `CFDI.from_string`, lxml, lxml + SAT XSD\n\n"
        + table(headers, rows)
        + f"\n\nGrowth exponent of read: {fmt_exp(exponent(points))}."
    )


def writers(plan: Plan) -> str:
    """Each writer (output + the report of every value it cannot carry) against model_dump_json."""
    from harmonized_customs.countries.mx import cfdi_cce20  # noqa: PLC0415

    rows = []
    notes = []
    for name in ("us-abi-ae", "ca-cad", "mx-cfdi-cce20"):
        points: list[tuple[int, float]] = []
        ratios: list[tuple[int, float]] = []
        base = workload.CCE_BASE if name == "mx-cfdi-cce20" else workload.BASE
        for lines in plan.sizes:
            predicted = _predict(points, lines)
            if predicted > plan.limit:
                notes.append(f"{name} at {lines} lines skipped: about {predicted:.0f} s a call")
                continue
            declaration = Declaration.model_validate_json(
                workload.declaration_json(lines, base=base)
            )
            if name == "mx-cfdi-cce20":
                extras = formats.cce_extras(declaration)

                def write(d: Declaration = declaration, e: Any = extras) -> object:
                    return cfdi_cce20.dumps(d, e)
            else:

                def write(d: Declaration = declaration, n: str = name) -> object:
                    return hc.dump(d, n)

            operations = {"writer": write, "model_dump_json": declaration.model_dump_json}
            found = rounds(operations, plan)
            points.append((lines, found.median("writer")))
            ratios.append((lines, found.ratio("writer", "model_dump_json")[0]))
            rows.append(
                [
                    name,
                    str(lines),
                    f"{found.median('writer') * 1000:.2f}",
                    fmt_ratio(found.ratio("writer", "model_dump_json")),
                    "",
                ]
            )
        rows[-1][-1] = fmt_exp(exponent(points))
        judge(
            f"{name} writer ≤ 10× `model_dump_json` (lines: ratio)",
            per_size(ratios),
            all(v <= 10 for _, v in ratios),
        )
    headers = ["format", "lines", "writer ms", "writer / model_dump_json", "exponent"]
    text = "### Writers, with the report of every value not carried\n\n" + table(headers, rows)
    return text + "".join(f"\n\n{note}." for note in notes)


def _linear_base(name: str) -> Path:
    return workload.CCE_BASE if name == formats.CCE else workload.BASE


def _best(function: Timed, plan: Plan) -> float:
    """The fastest of the rounds (a growth fit wants the machine's best, not its noise)."""
    function()
    return min(per_call(function, plan.sample) for _ in range(plan.rounds))


LINE_LIMITS = {"us-abi-ae": 999}
"""Formats that hold fewer lines than the model: the ABI entry summary numbers its lines in a
three-digit field (001-999), so it is measured at 999 lines instead of any larger size."""


def _sizes(label: str, plan: Plan) -> list[int]:
    limit = LINE_LIMITS.get(label.split(maxsplit=1)[0], max(plan.linear))
    return sorted({min(lines, limit) for lines in plan.linear})


GROWTH: list[tuple[str, float]] = []
"""The fitted exponent of each row of the growth table."""


FINDINGS: dict[tuple[str, int], int] = {}
"""The number of findings of each ``check`` row at each size: its output, beside its input."""


def _growth_rows(
    label: str, timed_at: Callable[[int], Timed | str], plan: Plan, notes: list[str]
) -> list[str]:
    """One row: milliseconds at each size of ``plan.linear``, the fitted exponents.

    The last two cells are the exponent on lines and, for a ``check`` row, the exponent on
    lines plus findings (the work a check does: read every line, report every finding).
    """
    points: list[tuple[int, float]] = []
    cells = [label]
    sizes = _sizes(label, plan)
    for lines in sizes:
        predicted = _predict(points, lines)
        if predicted > plan.limit:
            notes.append(f"{label} at {lines:,} lines skipped: about {predicted:.0f} s a call")
            cells.append("")
            continue
        function = timed_at(lines)
        if isinstance(function, str):
            notes.append(f"{label} at {lines:,} lines: {function}")
            cells.append("")
            continue
        seconds = _best(function, plan)
        points.append((lines, seconds))
        at = "" if lines in plan.linear else f" (at {lines:,} lines)"
        cells.append(f"{seconds * 1000:,.1f}{at}")
    cells.extend([""] * (len(plan.linear) - len(sizes)))
    growth = exponent(points)
    cells.append(fmt_exp(growth))
    worked = _work_exponent(label, points)
    cells.append(fmt_exp(worked))
    judged = worked if worked is not None else growth
    if judged is not None:
        GROWTH.append((label, judged))
    return cells


def _work_exponent(label: str, points: list[tuple[int, float]]) -> float | None:
    """The exponent of time on lines plus findings, for a ``check`` row (else ``None``)."""
    if not label.startswith("check "):
        return None
    target = label.split()[1]
    work = [(lines + FINDINGS[(target, lines)], seconds) for lines, seconds in points]
    return exponent(work)


SAMPLES = ROOT / "tests" / "conformance" / "samples"


def _read_bases(name: str, lines: int) -> Iterator[Declaration]:
    """The workload at ``lines``, then each conformance sample of ``name`` repeated to it."""
    data = workload.declaration_json(lines, base=_linear_base(name))
    yield Declaration.model_validate_json(data)
    for sample in sorted((SAMPLES / name).glob("*")):
        for result in hc.read(sample.read_bytes(), name):
            if result.declaration is not None:
                yield formats.with_lines(result.declaration, lines)


def _reads_cleanly(name: str, data: bytes, load: Callable[[bytes], object]) -> bool:
    if name == formats.CCE:  # read_cce is given the origin the CFDI does not state
        return load(data) is not None
    results = list(hc.read(data, name))
    return len(results) == 1 and not any(i.blocking for i in results[0].issues)


def _format_operations(name: str) -> dict[str, Callable[[int], Timed | str]]:
    """``read`` and ``write`` of format ``name`` at a given size of the workload."""
    fmt = next(f for f in hc.formats() if f.name == name)
    write, load = formats.writer_for(fmt), formats.loader_for(fmt)

    def declaration(lines: int) -> Declaration:
        data = workload.declaration_json(lines, base=_linear_base(name))
        return Declaration.model_validate_json(data)

    def reading(lines: int) -> Timed | str:
        for base in _read_bases(name, lines):
            data = write(base)
            if _reads_cleanly(name, data, load):
                return lambda: load(data)
        return "no base declaration written in this format reads back without an error"

    def writing(lines: int) -> Timed | str:
        made = declaration(lines)
        return lambda: write(made)

    return {"read": reading, "write": writing}


def _check_operation(target: str) -> Callable[[int], Timed]:
    def checking(lines: int) -> Timed:
        made = Declaration.model_validate_json(workload.declaration_json(lines))
        FINDINGS[(target, lines)] = len(hc.check(made, target).issues)
        return lambda: hc.check(made, target)

    return checking


def linear(plan: Plan) -> str:
    """Every declaration reader and writer, and check per country, at growing sizes."""
    rows: list[list[str]] = []
    notes: list[str] = []
    names = [f.name for f in hc.formats() if f.kind == "declaration" and f.reader and f.writer]
    for name in sorted(names):
        for operation, timed_at in _format_operations(name).items():
            rows.append(_growth_rows(f"{name} {operation}", timed_at, plan, notes))
    for target in TARGETS:
        rows.append(_growth_rows(f"check {target}", _check_operation(target), plan, notes))
    headers = [
        "operation",
        *(f"{n:,} lines ms" for n in plan.linear),
        "exponent",
        "exponent on lines + findings",
    ]
    steepest = max(GROWTH, key=lambda row: row[1], default=None)
    if steepest is not None:
        judge(
            f"every reader, writer and check linear to {max(plan.linear):,} lines (exponent ≤ "
            "1.1; a check's on lines + findings)",
            f"steepest: {steepest[0]} {steepest[1]:.2f}",
            steepest[1] <= 1.1,
        )
    return (
        "### Growth of every declaration reader, writer and check (best of the rounds)\n\n"
        "Data from `workload.py`; a reader whose own writer cannot write the workload without an "
        "error reads its first conformance sample (`tests/conformance/samples/`) that it can, "
        "the sample's lines repeated to the size. From line 1,000 on, each line of the workload "
        "has two more US findings (an ABI line number has three digits), so `check US` does more "
        "per line at 9,999 lines because there is more to report: a check's work is its lines "
        "plus its findings, and its last column fits time on that sum (the goal's test for a "
        "check; the exponent on lines alone is printed beside it).\n\n"
        + table(headers, rows)
        + "".join(f"\n\n{note}." for note in notes)
    )


def _predict(points: list[tuple[int, float]], lines: int) -> float:
    if not points:
        return 0.0
    size, seconds = points[-1]
    k = max(1.0, exponent(points) or 1.0) if len(points) > 1 else 1.0
    return float(seconds * (lines / size) ** k)


def documents(plan: Plan) -> str:
    """One core-json file holding N declarations: time per declaration and peak memory."""
    one = workload.declaration_dict(1)
    rows = []
    points: list[tuple[int, float]] = []
    for count in plan.documents:
        data = json.dumps([one] * count).encode("utf-8")

        def read_all(data: bytes = data) -> int:
            return sum(1 for r in hc.read(data, "core-json") if r.declaration is not None)

        assert read_all() == count
        seconds = min(per_call(read_all, plan.sample) for _ in range(plan.rounds))
        points.append((count, seconds))
        tracemalloc.start()
        for _result in hc.read(data, "core-json"):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append(
            [
                str(count),
                f"{seconds * 1000:.1f}",
                f"{seconds / count * 1e6:.0f}",
                f"{peak / len(data):.1f}",
            ]
        )
    headers = ["declarations", "read all ms", "µs per declaration", "peak memory / file size"]
    growth = exponent(points)
    judge(
        f"one file of up to {max(plan.documents):,} declarations read linearly (exponent ≤ 1.1)",
        fmt_exp(growth),
        growth is not None and growth <= 1.1,
    )
    return (
        "### One core-json file holding N declarations (best of the rounds)\n\n"
        + table(headers, rows)
        + f"\n\nGrowth exponent: {fmt_exp(exponent(points))}."
    )


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _batch_folder(folder: Path, files: int, fewest: int, most: int) -> None:
    """``files`` declarations of ``fewest`` to ``most`` goods lines, the sizes spread evenly."""
    span = most - fewest + 1
    for number in range(files):
        lines = fewest + (number * 37) % span
        data = workload.declaration_json(lines, seed=number)
        (folder / f"{number:05d}.json").write_bytes(data)


def _batch(run: Callable[[], Iterator[tuple[Any, Iterator[Any]]]]) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), _cpu()
    done = sum(1 for _, outcomes in run() for _ in outcomes)
    return time.perf_counter() - start, _cpu() - cpu, done


def batches(plan: Plan, with_dask: bool) -> str:
    """The batch with one and two worker processes, and the Dask path per worker."""
    return "\n\n".join(
        _one_batch(plan, files, fewest, most, with_dask) for files, fewest, most in plan.batches
    )


def _one_batch(plan: Plan, files: int, fewest: int, most: int, with_dask: bool) -> str:
    """One batch's table: wall and CPU time of each way of running it, medians of rounds."""
    job = batch.CheckJob(targets=TARGETS)
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _batch_folder(folder, files, fewest, most)
        runs: dict[str, Callable[[], Iterator[tuple[Any, Iterator[Any]]]]] = {
            "--jobs 1": lambda: batch.run(job, [folder], 1),
            "--jobs 2": lambda: batch.run(job, [folder], 2),
            SIDE_BY_SIDE: lambda: _side_by_side(job, folder),
        }
        times = _batch_rounds(runs, plan)
        if with_dask:  # after the local runs: a live cluster's threads and processes slow them
            with _dask_runs(job, folder) as on_dask:
                times.update(_batch_rounds(on_dask, plan))
        one = statistics.median(wall for wall, _, _ in times["--jobs 1"])
        per_second = times["--jobs 1"][0][2] / one
        for key, samples in times.items():
            wall = statistics.median(w for w, _, _ in samples)
            cpu = statistics.median(c for _, c, _ in samples)
            count = samples[0][2]
            rows.append(
                [
                    key,
                    str(count),
                    f"{wall:.2f}",
                    f"{cpu:.2f}",
                    f"{count / wall:.0f}",
                    f"{count / wall / per_second:.2f}",
                ]
            )
    headers = ["run", "declarations", "wall s", "CPU s", "declarations/s", "speed-up"]
    lines = f"{fewest} lines" if fewest == most else f"{fewest}-{most} lines"
    two = one / statistics.median(wall for wall, _, _ in times["--jobs 2"])
    ceiling = 2 * one / statistics.median(wall for wall, _, _ in times[SIDE_BY_SIDE])
    if (files, fewest, most) != SMALL_BATCH:  # the small batch shows the pool's start-up
        judge(
            f"`--jobs 2` ≥ 1.7× `--jobs 1` ({files} files of {lines})",
            f"{two:.2f}× (two independent `--jobs 1` processes side by side: {ceiling:.2f}×)",
            two >= 1.7,
        )
    return (
        f"### Batch check US+CA+MX of {files} files ({lines} each), median of rounds\n\n"
        + table(headers, rows)
        + "\n\nCPU time is this process's and its finished worker processes' (`--jobs`); the "
        "Dask workers are processes that outlive a run, so their CPU time is not in the column; "
        "the Dask rows are timed after the others, with no cluster alive while those run. "
        f"The row *{SIDE_BY_SIDE}* is the machine's own ceiling: two processes that share "
        "nothing, each running the whole `--jobs 1` batch; its speed-up is twice the work over "
        "its wall time, the most any way of using two processes could reach on this machine now."
    )


SIDE_BY_SIDE = "two `--jobs 1` side by side"


def _side_by_side(job: batch.Job, folder: Path) -> Iterator[tuple[Any, Iterator[Any]]]:
    """Two forked processes each running the whole batch with ``--jobs 1``; twice the results."""
    import multiprocessing  # noqa: PLC0415

    processes = [multiprocessing.Process(target=_whole_batch, args=(job, folder)) for _ in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return ((None, iter(range(count))) for count in (_count(folder),) * 2)


def _whole_batch(job: batch.Job, folder: Path) -> None:
    for _, outcomes in batch.run(job, [folder], 1):
        for _ in outcomes:
            pass


def _count(folder: Path) -> int:
    return sum(1 for _ in folder.iterdir())


def _batch_rounds(
    runs: dict[str, Callable[[], Iterator[tuple[Any, Iterator[Any]]]]], plan: Plan
) -> dict[str, list[tuple[float, float, int]]]:
    """Wall time, CPU time and declarations of each run, once a round, the order rotated."""
    times: dict[str, list[tuple[float, float, int]]] = {k: [] for k in runs}
    names = list(runs)
    for number in range(max(3, plan.rounds // 2 + 1)):
        shift = number % len(names)
        for key in names[shift:] + names[:shift]:
            times[key].append(_batch(runs[key]))
    return times


@contextlib.contextmanager
def _dask_runs(
    job: batch.Job, folder: Path
) -> Iterator[dict[str, Callable[[], Iterator[tuple[Any, Iterator[Any]]]]]]:
    """The Dask rows, on local clusters of one and two workers closed when the block ends."""
    from harmonized_customs import cluster  # noqa: PLC0415

    clients = {n: cluster.client_for(cluster.LOCAL, workers=n, processes=True) for n in (1, 2)}
    try:
        yield {
            f"dask, {n} worker{'s' if n > 1 else ''}": (
                lambda client=client: cluster.run(job, [folder], client)
            )
            for n, client in clients.items()
        }
    finally:
        for client in clients.values():
            local = client.cluster
            client.close()
            if local is not None:
                local.close()


def machine() -> str:
    """Where and when the run happened."""
    import pydantic  # noqa: PLC0415

    cpu = platform.processor() or platform.machine()
    return (
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs ({cpu}); "
        f"Python {platform.python_version()}; pydantic {pydantic.VERSION}; "
        f"load average at start {os.getloadavg()[0]:.2f}."
    )


def main(argv: list[str] | None = None) -> int:
    """Run every section, print the tables; with ``--write-docs``, regenerate the docs page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, short samples")
    parser.add_argument("--no-dask", action="store_true", help="leave the Dask rows out")
    parser.add_argument("--sections", default="startup,core,cce,writers,documents,linear,batch")
    parser.add_argument("--write-docs", action="store_true", help="regenerate the docs page")
    parser.add_argument(
        "--large-batch", type=int, default=LARGE_BATCH[0], help="files in the larger batch"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    plan = dataclasses.replace(plan, batches=(SMALL_BATCH, (args.large_batch, *LARGE_BATCH[1:])))
    out = io.StringIO()
    sections: dict[str, Callable[[], str]] = {
        "startup": lambda: startup(plan),
        "core": lambda: core(plan),
        "cce": lambda: cce(plan),
        "writers": lambda: writers(plan),
        "documents": lambda: documents(plan),
        "linear": lambda: linear(plan),
        "batch": lambda: batches(plan, not args.no_dask),
    }
    header = machine() + (" Quick mode." if args.quick else "")
    print(header, flush=True)
    out.write(header + "\n")
    for name in args.sections.split(","):
        text = sections[name]()
        print("\n" + text, flush=True)
        out.write("\n" + text + "\n")
    if VERDICTS:
        text = verdicts()
        print("\n" + text, flush=True)
        out.write("\n" + text + "\n")
    if args.write_docs:
        template = (HERE / "performance.template.md").read_text(encoding="utf-8")
        DOCS.write_text(template.replace("{{RESULTS}}", out.getvalue().strip()), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

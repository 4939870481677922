"""Reference data: the time of one lookup, and what the reference-data rules add to ``check``.

Run from the repository root::

    python benchmarks/refdata.py            # lines 1, 10, 100, 1,000
    python benchmarks/refdata.py --quick    # lines 1, 10, 100, shorter samples

Lookups are timed against a plain ``dict.get`` on the same codes (the floor any lookup pays);
``check`` on the same declaration is timed with the reference data present (HS 2022 and SAT
catalogues shipped, the HTSUS excerpt of the tests imported into a temporary store) and
without any edition (the layer sees no dataset, so the rules only say once that it is
missing). Each pair runs in the same round, in rotating order, with samples of at least
50 ms; the table gives the median of the in-round ratios and, for ``check``, the cost added
per goods line and the growth exponent of the time over the sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import with_lines  # noqa: E402 - the same generator as benchmarks/run.py

import harmonized_customs as hc  # noqa: E402 - the path above makes the source tree importable
from harmonized_customs import refdata  # noqa: E402
from harmonized_customs.model import Declaration  # noqa: E402
from harmonized_customs.refdata import _layer  # noqa: E402

EXCERPT = ROOT / "tests" / "data" / "refdata" / "hts_excerpt.json"
ON = dt.date(2026, 11, 20)
SAMPLE_SECONDS = 0.05
ROUNDS = 7
Timed = Callable[[], object]


def _per_call(function: Timed, minimum: float) -> float:
    """Seconds per call over one sample of at least ``minimum`` seconds."""
    number, elapsed = 1, 0.0
    while True:
        start = time.perf_counter()
        for _ in range(number):
            function()
        elapsed = time.perf_counter() - start
        if elapsed >= minimum:
            return elapsed / number
        number *= 2


def paired(ours: Timed, baseline: Timed, rounds: int, minimum: float) -> tuple[float, float]:
    """Median seconds per call of ``ours`` and median in-round ratio ours / baseline."""
    times, ratios = [], []
    for round_number in range(rounds):
        pair = [("ours", ours), ("base", baseline)]
        if round_number % 2:
            pair.reverse()
        got = {name: _per_call(function, minimum) for name, function in pair}
        times.append(got["ours"])
        ratios.append(got["ours"] / got["base"])
    return statistics.median(times), statistics.median(ratios)


def _declaration() -> Declaration:
    """The complete US import with its lines classified under real HTSUS / SAT codes."""
    base = hc.load(ROOT / "examples" / "complete-us-import.json")
    data = base.model_dump(mode="json", exclude_none=True)
    for item in data["goods_items"]:
        item["classification"] = {
            "hs6": "870830",
            "us_hts": "8708305020",
            "mx_fraccion": "87083099",
            "mx_nico": "01",
        }
        item["tariff_quantities"] = [{"jurisdiction": "US", "value": "10", "unit": "NO"}]
    return Declaration.model_validate(data)


class _NoEditions:
    """Makes the layer answer as if no edition of any kind were present."""

    def __enter__(self) -> None:
        layer = _layer.layer
        self.saved = (layer.resolve, layer.edition_on, layer.under)
        layer.resolve = lambda kind, code, on: _layer.Resolution(None, "absent")  # type: ignore[method-assign]
        layer.edition_on = lambda kind, on: None  # type: ignore[method-assign]
        layer.under = lambda kind, prefix, on, limit: []  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        layer = _layer.layer
        layer.resolve, layer.edition_on, layer.under = self.saved  # type: ignore[method-assign]


def lookups(rounds: int, minimum: float) -> None:
    print("| lookup | µs per call | ratio to dict.get |")
    print("|---|---:|---:|")
    cases = (("hs", "870830"), ("mx-fraccion", "8708309901"), ("us-hts", "8708305020"))
    for kind, code in cases:
        refdata.lookup(kind, code, ON)  # build the index once, outside the timing
        plain = {entry.code: entry for entry in refdata.entries(kind, ON)}
        seconds, ratio = paired(
            lambda k=kind, c=code: refdata.lookup(k, c, ON),
            lambda c=code, table=plain: table.get(c),
            rounds,
            minimum,
        )
        print(f"| `{kind}` {code} | {seconds * 1e6:.2f} | {ratio:.1f} |")
    layer = _layer.layer
    editions = layer.editions()
    for kind, code in cases:
        seconds, ratio = paired(
            lambda k=kind, c=code: layer._resolve(editions, k, c, ON),
            lambda c=code, table={code: code}: table.get(c),
            rounds,
            minimum,
        )
        print(f"| `{kind}` {code}, first time (not memoised) | {seconds * 1e6:.2f} | {ratio:.1f} |")
    for kind in ("hs", "mx-fraccion", "us-hts"):
        refdata.reset()
        start = time.perf_counter()
        refdata.lookup(kind, "0", ON)
        spent = (time.perf_counter() - start) * 1e6
        print(f"| first use of `{kind}` (index built) | {spent:.0f} | |")


def check_cost(sizes: tuple[int, ...], rounds: int, minimum: float) -> None:
    print("\n| lines | check ms (with data) | ratio to check without data | µs added per line |")
    print("|---:|---:|---:|---:|")
    base = _declaration()
    timings: list[tuple[int, float]] = []
    for size in sizes:
        declaration = with_lines(base, size)
        hc.check(declaration)

        def without(d: Declaration = declaration) -> object:
            with _NoEditions():
                return hc.check(d)

        seconds, ratio = paired(lambda d=declaration: hc.check(d), without, rounds, minimum)
        added = seconds - seconds / ratio
        timings.append((size, seconds))
        print(f"| {size} | {seconds * 1e3:.2f} | {ratio:.3f} | {added / size * 1e6:.1f} |")
    (small, t_small), (large, t_large) = timings[0], timings[-1]
    exponent = math.log(t_large / t_small) / math.log(large / small)
    print(f"\nGrowth exponent of check with data over {small}..{large} lines: {exponent:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1-100, fewer rounds")
    args = parser.parse_args(argv)
    sizes = (1, 10, 100) if args.quick else (1, 10, 100, 1000)
    rounds = 3 if args.quick else ROUNDS
    with tempfile.TemporaryDirectory() as store:
        os.environ[refdata.ENV_VAR] = store
        refdata.import_file(
            "us-hts", EXCERPT, edition="excerpt", valid_from=dt.date(2026, 1, 1), current_as_of=ON
        )
        print(f"Python {sys.version.split()[0]}, {dt.date.today().isoformat()}\n")
        lookups(rounds, SAMPLE_SECONDS)
        check_cost(sizes, rounds, SAMPLE_SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())

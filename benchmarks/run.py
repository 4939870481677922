"""Benchmarks: load, dump, check and batch throughput per format, against named baselines.

For declarations of 1, 10, 100 and 1,000 goods lines, generated from an example declaration,
and for every registered format that can both write them and read them back, this measures in
one run:

* ``load``: reading the format's bytes into a declaration (``harmonized_customs.read``);
* ``dump``: writing the declaration in the format (``harmonized_customs.dump``);
* ``check``: cross-filing checks for US, CA and MX (``harmonized_customs.check``);
* ``html``: the HTML report of that check (messages rendered, then ``render_html``);
* ``batch``: declarations per second through the batch runner (read + check, one file per
  declaration), in this process and with one worker process per core;

and, on the same data, the baselines the ratios are taken against:

* ``pydantic``: bare ``Declaration.model_validate_json`` of the declaration's core-json;
* ``jsonschema``: ``json.loads`` + ``Draft202012Validator.validate`` against our published
  schema (``schemas/declaration.schema.json``), validator built once;
* ``fastjsonschema``: ``json.loads`` + the validator ``fastjsonschema.compile`` made from the
  same schema, compiled once (skipped, saying so, when fastjsonschema is not installed);
* for ``mx-cfdi-cce20`` only: ``lxml+xsd``, lxml parsing the XML and validating it against
  SAT's cfdv40.xsd + ComercioExterior20.xsd as shipped in satcfdi, and ``satcfdi``,
  ``satcfdi.cfdi.CFDI.from_string`` of the same bytes.

A ratio is our time divided by the baseline's: 2.0 means twice as long as the baseline.

Run it from the project root::

    python benchmarks/run.py            # 1, 10, 100, 1000 lines
    python benchmarks/run.py --quick    # 1, 10, 100 lines, shorter timing

The results of a run on the project's machine are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import json
import math
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import harmonized_customs as hc  # noqa: E402 - the path above makes the source tree importable
from harmonized_customs.format_registry import Format, list_formats  # noqa: E402
from harmonized_customs.model import Declaration  # noqa: E402
from harmonized_customs.model.schema import published_schema  # noqa: E402
from harmonized_customs.report_html import render_html  # noqa: E402

EXAMPLES = ROOT / "examples"
BASE_EXAMPLES = (
    "complete-us-import.json",
    "us-to-ca-truck.json",
    "mx-to-us-usmca.json",
    "ca-to-mx-rail.json",
)
"""Examples tried in order as the base of the generated declarations; for each format the first
whose written form reads back is used."""

CCE_BASE = Path(__file__).resolve().parent / "data" / "mx-export-cce.json"
"""A composed Mexican export (clave A1) for the CCE, whose goods line is classified by the very
text of its fracción in SAT's c_FraccionArancelaria; see benchmarks/README.md."""

TARGETS = ("US", "CA", "MX")
SIZES = (1, 10, 100, 1000)
QUICK_SIZES = (1, 10, 100)
CCE = "mx-cfdi-cce20"

Timed = Callable[[], object]


# --- timing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """How long one call takes: the best of several rounds, in seconds per call."""

    seconds: float
    calls: int


def measure(function: Timed, budget: float) -> Timing:
    """Seconds per call of ``function``: the best of three rounds of about ``budget / 3``."""
    start = time.perf_counter()
    function()
    first = time.perf_counter() - start
    number = max(1, int(budget / 3 / max(first, 1e-9)))
    rounds = 3 if first * 3 <= budget * 2 else 1
    best = first
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, (time.perf_counter() - start) / number)
    return Timing(best, 1 + rounds * number)


# --- data -----------------------------------------------------------------------------------


def with_lines(base: Declaration, count: int) -> Declaration:
    """``base`` with ``count`` goods lines, cycling through its own lines, renumbered from 1.

    Invoice totals, the declaration's totals and its line count are recomputed from the lines,
    so the generated declaration is as consistent as its base.
    """
    data = base.model_dump(mode="json", exclude_none=True)
    items = data["goods_items"]
    lines = [{**items[n % len(items)], "line_number": n + 1} for n in range(count)]
    data["goods_items"] = lines
    for invoice in data.get("invoices", []):
        if "total" in invoice:
            mine = [i for i in lines if i.get("invoice_number") == invoice["number"]]
            invoice["total"]["amount"] = _sum(i["value"]["amount"] for i in mine)
    totals = data.get("totals", {})
    if "invoice_total" in totals:
        totals["invoice_total"]["amount"] = _sum(i["value"]["amount"] for i in lines)
    if "gross_weight_kg" in totals:
        totals["gross_weight_kg"] = _sum(i.get("gross_weight_kg", "0") for i in lines)
    if "line_count" in totals:
        totals["line_count"] = count
    return Declaration.model_validate(data)


def _sum(values: Iterable[str]) -> str:
    return str(sum((Decimal(v) for v in values), Decimal(0)))


def cce_extras(declaration: Declaration) -> dict[str, str]:
    """CFDI values the core model has no place for, filled for a benchmark only.

    SAT's generic product key 01010101 ("no existe en el catálogo") and ObjetoImp 01 ("no
    objeto de impuesto"), régimen 601 and the exporter's postal code as LugarExpedicion.
    """
    from harmonized_customs.countries.mx import cfdi_map  # noqa: PLC0415

    exporter = declaration.exporter
    postal = exporter.address.postal_code if exporter and exporter.address else None
    extras = {
        f"{cfdi_map.C}/@LugarExpedicion": postal or "64000",
        f"{cfdi_map.EMISOR}/@RegimenFiscal": "601",
    }
    for number in range(1, len(declaration.goods_items) + 1):
        extras[f"{cfdi_map.concepto(number)}/@ClaveProdServ"] = "01010101"
        extras[f"{cfdi_map.concepto(number)}/@ObjetoImp"] = "01"
    return extras


def writer_for(fmt: Format) -> Callable[[Declaration], bytes]:
    """The bytes ``fmt`` writes for a declaration (CCE with the benchmark's CFDI extras)."""
    if fmt.name == CCE:
        module = importlib.import_module("harmonized_customs.countries.mx.cfdi_cce20")
        dumps: Callable[[Declaration, dict[str, str]], bytes] = module.dumps

        def write_cce(declaration: Declaration) -> bytes:
            return dumps(declaration, cce_extras(declaration))

        return write_cce

    def write(declaration: Declaration) -> bytes:
        output = hc.dump(declaration, fmt.name)
        return output if isinstance(output, bytes) else output.encode("utf-8")

    return write


def loader_for(fmt: Format) -> Callable[[bytes], Declaration | None]:
    """What ``load`` means for ``fmt``: the registry reader, or ``read_cce`` for the CCE.

    The CFDI does not state the goods' country of origin, which the core model requires, so
    the registry reader of ``mx-cfdi-cce20`` never builds a declaration; its documented entry
    :func:`read_cce` is given the origin (``MX``) instead.
    """
    if fmt.name == CCE:
        module = importlib.import_module("harmonized_customs.countries.mx.cfdi_cce20")
        read_cce: Callable[..., Any] = module.read_cce

        def load_cce(data: bytes) -> Declaration | None:
            declaration: Declaration | None = read_cce(data, None, origin_country="MX").declaration
            return declaration

        return load_cce

    def load(data: bytes) -> Declaration | None:
        results = list(hc.read(data, fmt.name))
        return results[0].declaration if len(results) == 1 else None

    return load


def reads_back(fmt: Format, data: bytes) -> tuple[bool, str]:
    """Whether ``fmt`` reads ``data`` into one declaration; the reason when it does not."""
    if loader_for(fmt)(data) is not None:
        return True, ""
    results = list(hc.read(data, fmt.name))
    codes = sorted({i.code for r in results for i in r.issues if i.blocking})
    return False, "its own output does not read back (" + ", ".join(codes[:4]) + ")"


def candidates(fmt: Format) -> tuple[Path, ...]:
    """The base declarations to try for ``fmt``, in order."""
    if fmt.name == CCE:
        return (CCE_BASE,)
    return tuple(EXAMPLES / name for name in BASE_EXAMPLES)


def pick_base(fmt: Format) -> tuple[Declaration, Path] | str:
    """The first base whose written form ``fmt`` reads back, or why there is none."""
    if fmt.reader is None or fmt.writer is None:
        return f"it is {fmt.direction} only"
    reason = ""
    write = writer_for(fmt)
    for path in candidates(fmt):
        base = hc.load(path)
        try:
            data = write(base)
            ok, reason = reads_back(fmt, data)
        except Exception as exc:  # a format still in progress may raise: say so, go on
            reason = f"it raised {type(exc).__name__}: {str(exc)[:120]}"
            continue
        if ok:
            return base, path
    return reason


# --- baselines ------------------------------------------------------------------------------


@dataclass
class Baselines:
    """The baseline validators, built once before any timing."""

    jsonschema: Callable[[Any], object]
    fastjsonschema: Callable[[Any], object] | None
    xsd: Any | None = None
    satcfdi_parse: Callable[[bytes], object] | None = None
    notes: list[str] = field(default_factory=list)


def build_baselines() -> Baselines:
    """Compile the JSON Schema validators and, when satcfdi is installed, SAT's XSD."""
    import jsonschema  # noqa: PLC0415

    schema = published_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    notes: list[str] = []
    fast: Callable[[Any], object] | None = None
    if importlib.util.find_spec("fastjsonschema") is None:
        notes.append("fastjsonschema: not installed")
    else:
        import fastjsonschema  # noqa: PLC0415

        fast = fastjsonschema.compile(schema)
    baselines = Baselines(validator.validate, fast, notes=notes)
    if importlib.util.find_spec("satcfdi") is None:
        notes.append("satcfdi: not installed (no CCE baselines)")
        return baselines
    from satcfdi.cfdi import CFDI  # noqa: PLC0415

    baselines.xsd = sat_schema()
    baselines.satcfdi_parse = CFDI.from_string
    return baselines


def sat_schema() -> Any:
    """SAT's cfdv40.xsd and ComercioExterior20.xsd, as shipped in satcfdi, in one schema."""
    from lxml import etree  # noqa: PLC0415

    spec = importlib.util.find_spec("satcfdi")
    assert spec is not None
    assert spec.submodule_search_locations is not None
    root = Path(next(iter(spec.submodule_search_locations)))
    base = root / "transform" / "schemas" / "www.sat.gob.mx" / "sitio_internet" / "cfd"
    cfdi = (base / "4" / "cfdv40.xsd").as_uri()
    cce = (base / "ComercioExterior20" / "ComercioExterior20.xsd").as_uri()
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4" schemaLocation="{cfdi}"/>
  <xs:import namespace="http://www.sat.gob.mx/ComercioExterior20" schemaLocation="{cce}"/>
</xs:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def xsd_validate(schema: Any, data: bytes) -> bool:
    """lxml parse + XSD validation, with the same safe parser settings as our reader."""
    from lxml import etree  # noqa: PLC0415

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return bool(schema.validate(etree.fromstring(data, parser)))


# --- measurements ---------------------------------------------------------------------------


@dataclass
class Row:
    """Seconds per call of each operation for one format and one size (``None``: skipped)."""

    format: str
    lines: int
    times: dict[str, float | None] = field(default_factory=dict)


def _load(fmt: Format, data: bytes) -> Timed:
    load = loader_for(fmt)

    def timed() -> object:
        declaration = load(data)
        if declaration is None:
            raise RuntimeError(f"{fmt.name} did not read its own output back")
        return declaration

    return timed


def _html(declaration: Declaration) -> Timed:
    """The HTML report of the declaration's check: messages rendered, then the page."""
    report = hc.check(declaration, TARGETS)

    def page() -> str:
        record = {"file": "bench", "index": 0, "read": True, "status": "blocked"}
        return render_html([{**record, **report.to_dict("en")}], "en")

    return page


def operations(
    fmt: Format, declaration: Declaration, data: bytes, baselines: Baselines
) -> dict[str, Timed]:
    """Every operation and baseline to time for one format on one declaration (``data``)."""
    write = writer_for(fmt)
    core = hc.dump(declaration, "core-json")
    assert isinstance(core, str)
    timed: dict[str, Timed] = {
        "load": _load(fmt, data),
        "dump": lambda: write(declaration),
        "check": lambda: hc.check(declaration, TARGETS),
        "html": _html(declaration),
        "pydantic": lambda: Declaration.model_validate_json(core),
        "jsonschema": lambda: baselines.jsonschema(json.loads(core)),
    }
    if baselines.fastjsonschema is not None:
        fast = baselines.fastjsonschema
        timed["fastjsonschema"] = lambda: fast(json.loads(core))
    if fmt.name == CCE and baselines.xsd is not None and baselines.satcfdi_parse is not None:
        schema, parse = baselines.xsd, baselines.satcfdi_parse
        if not xsd_validate(schema, data):
            baselines.notes.append(f"{CCE}: the written XML is not valid for SAT's XSD")
        timed["lxml+xsd"] = lambda: xsd_validate(schema, data)
        timed["satcfdi"] = lambda: parse(data)
    return timed


@dataclass
class Growth:
    """Skips an operation at a size where its time, extrapolated, would exceed ``limit``."""

    limit: float
    seen: dict[tuple[str, str], list[tuple[int, float]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def predicted(self, fmt: str, operation: str, lines: int) -> float:
        """Seconds one call is expected to take, from the last two sizes measured."""
        points = self.seen.get((fmt, operation), [])
        if not points:
            return 0.0
        size, seconds = points[-1]
        exponent = 1.0
        if len(points) > 1:
            (size0, seconds0), (size1, seconds1) = points[-2], points[-1]
            if seconds0 > 0 and seconds1 > 0 and size1 > size0:
                exponent = max(1.0, math.log(seconds1 / seconds0) / math.log(size1 / size0))
        return float(seconds * (lines / size) ** exponent)

    def run(
        self, fmt: str, operation: str, lines: int, function: Timed, budget: float
    ) -> float | None:
        """Time ``function``, unless its extrapolated time is over the limit."""
        expected = self.predicted(fmt, operation, lines)
        if expected > self.limit:
            self.skipped.append(
                f"{fmt} {operation} at {lines} lines: expected about {expected:.0f} s per call"
            )
            return None
        seconds = measure(function, budget).seconds
        self.seen.setdefault((fmt, operation), []).append((lines, seconds))
        return seconds


def measure_format(
    fmt: Format, declaration: Declaration, baselines: Baselines, budget: float, growth: Growth
) -> Row:
    """Every operation and baseline for one format on one declaration.

    Nothing is measured at a size whose writing, extrapolated, would take longer than the
    limit (the data could not even be made), or whose written form does not read back.
    """
    row = Row(fmt.name, len(declaration.goods_items))
    expected = growth.predicted(fmt.name, "dump", row.lines)
    if expected > growth.limit:
        growth.skipped.append(
            f"{fmt.name} at {row.lines} lines: writing the data would take about {expected:.0f} s"
        )
        return row
    data = writer_for(fmt)(declaration)
    if loader_for(fmt)(data) is None:
        _, reason = reads_back(fmt, data)
        growth.skipped.append(f"{fmt.name} at {row.lines} lines: {reason}")
        return row
    for name, function in operations(fmt, declaration, data, baselines).items():
        row.times[name] = growth.run(fmt.name, name, row.lines, function, budget)
    return row


def _batch_files(folder: Path, fmt: Format, declaration: Declaration, count: int) -> None:
    data = writer_for(fmt)(declaration)
    suffix = fmt.extensions[0] if fmt.extensions else ".dat"
    for number in range(count):
        (folder / f"d{number:05d}{suffix}").write_bytes(data)


def batch_rate(fmt: Format, declaration: Declaration, count: int, jobs: int) -> float | None:
    """Declarations per second through ``batch.run`` with a CheckJob for US, CA and MX."""
    try:
        batch = importlib.import_module("harmonized_customs.batch")
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _batch_files(folder, fmt, declaration, count)
        job = batch.CheckJob(source_format=fmt.name, targets=TARGETS, language="en")
        start = time.perf_counter()
        read = 0
        for _, outcomes in batch.run(job, [folder], jobs=jobs):
            read += sum(1 for outcome in outcomes if outcome.record.get("read"))
        elapsed = time.perf_counter() - start
    if read != count:
        raise RuntimeError(f"the batch read {read} declarations out of {count} files")
    return count / elapsed


# --- output ---------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    value = seconds * 1000
    return f"{value:.3f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:.0f}"


def _ratio(ours: float | None, baseline: float | None) -> str:
    return "-" if not ours or not baseline else f"{ours / baseline:.2f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (readable in a terminal too)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


BASELINE_NAMES = ("pydantic", "jsonschema", "fastjsonschema", "lxml+xsd", "satcfdi")


def times_table(rows: list[Row]) -> str:
    """Absolute times, milliseconds per call."""
    headers = ["format", "lines", "load", "dump", "check US+CA+MX", "html", *BASELINE_NAMES]
    body = [
        [
            row.format,
            str(row.lines),
            *(_ms(row.times.get(op)) for op in ("load", "dump", "check", "html", *BASELINE_NAMES)),
        ]
        for row in rows
    ]
    return table(headers, body)


def ratios_table(rows: list[Row]) -> str:
    """Our load time divided by each baseline's time on the same data, and check's."""
    headers = ["format", "lines", *(f"load / {name}" for name in BASELINE_NAMES)]
    headers.append("check / pydantic")
    body = []
    for row in rows:
        load = row.times.get("load")
        cells = [_ratio(load, row.times.get(name)) for name in BASELINE_NAMES]
        cells.append(_ratio(row.times.get("check"), row.times.get("pydantic")))
        body.append([row.format, str(row.lines), *cells])
    return table(headers, body)


def machine() -> str:
    """The machine the numbers come from."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {cpu}, {os.cpu_count()} CPUs "
        f"(nproc); Python {platform.python_version()} ({platform.python_implementation()}); "
        f"{platform.system()} {platform.release()}; harmonized_customs {hc.__version__}"
    )


# --- main -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What to run: sizes, timing budget per measurement, the limit per call, batch sizes."""

    sizes: tuple[int, ...]
    budget: float
    limit: float
    batch_lines: int
    batch_files: int


def plan(quick: bool) -> Plan:
    """The full run or the quick one."""
    if quick:
        return Plan(QUICK_SIZES, 0.3, 5.0, 10, 40)
    return Plan(SIZES, 1.0, 30.0, 10, 200)


def chosen_formats(wanted: set[str] | None) -> Iterator[tuple[Format, Declaration]]:
    """Each registered format that can write and read back the generated declarations."""
    for fmt in list_formats():
        if wanted is not None and fmt.name not in wanted:
            continue
        picked = pick_base(fmt)
        if isinstance(picked, str):
            print(f"skipped {fmt.name}: {picked}")
            continue
        base, path = picked
        print(f"included {fmt.name}: generated from {path.relative_to(ROOT)}")
        yield fmt, base


def batch_row(fmt: Format, base: Declaration, settings: Plan) -> list[str]:
    """Batch throughput of one format, next to single load + check calls."""
    cores = os.cpu_count() or 1
    declaration = with_lines(base, settings.batch_lines)
    head = [fmt.name, str(settings.batch_lines), str(settings.batch_files)]
    if fmt.name == CCE:
        return [*head, "-", "-", "-", "- (the registry reader cannot state the origin)"]
    one = batch_rate(fmt, declaration, settings.batch_files, 1)
    many = batch_rate(fmt, declaration, settings.batch_files, cores)
    single = measure(_load(fmt, writer_for(fmt)(declaration)), settings.budget).seconds
    single += measure(lambda: hc.check(declaration, TARGETS), settings.budget).seconds
    return [
        *head,
        "-" if one is None else f"{one:.1f}",
        "-" if many is None else f"{many:.1f}",
        f"{1 / single:.1f}",
        "-" if one is None else f"{(1 / one) / single:.2f}",
    ]


def batch_table(entries: list[tuple[Format, Declaration]], settings: Plan) -> str:
    """Declarations per second through the batch runner, per format."""
    headers = [
        "format",
        "lines per declaration",
        "files",
        "batch decl/s, 1 process",
        f"batch decl/s, {os.cpu_count() or 1} processes",
        "load+check decl/s",
        "batch (1 process) / (load+check)",
    ]
    return table(headers, [batch_row(fmt, base, settings) for fmt, base in entries])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1, 10, 100 lines; shorter timing")
    parser.add_argument("--formats", help="comma-separated format names (default: all)")
    args = parser.parse_args(argv)
    settings = plan(args.quick)
    wanted = set(args.formats.split(",")) if args.formats else None
    print(f"machine: {machine()}")
    baselines = build_baselines()
    entries = list(chosen_formats(wanted))
    growth = Growth(settings.limit)
    rows: list[Row] = []
    for fmt, base in entries:
        for size in settings.sizes:
            declaration = with_lines(base, size)
            rows.append(measure_format(fmt, declaration, baselines, settings.budget, growth))
            print(f"  measured {fmt.name} with {size} lines", file=sys.stderr)
    print("\nMilliseconds per call (best of three rounds; - = not measured):\n")
    print(times_table(rows))
    print("\nRatios (our time / baseline time on the same data; 2.00 = twice as long):\n")
    print(ratios_table(rows))
    print("\nBatch throughput (read + check US, CA, MX; one declaration per file):\n")
    print(batch_table(entries, settings))
    print()
    for note in baselines.notes + [f"not measured: {s}" for s in growth.skipped]:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The reliability harness: mutants of every format's fixtures, run through the whole pipeline.

Each input is read with its format's reader, each document read is checked for US, CA and MX,
the report is rendered in en/fr/es, and the document is written to every format of its kind
and read back. :func:`exercise` returns the *findings*: an exception that escaped the public
API, an ``internal_error`` issue (an exception the guarantee contained, still a defect), an
input over the time bound, or a written output that reads back with an error the writer did
not report. The mutators are per format: bytes for every format, records and fields for the
fixed-width formats (ABI, M3), values and structure for JSON, attributes and elements for XML.

Used by ``tests/fuzz/test_fuzz.py`` (small budget) and ``scripts/fuzz_campaign.py`` (the
campaign). The seeds are the conformance samples and the fixtures under ``tests/data/`` and
``examples/``.
"""

from __future__ import annotations

import copy
import json
import random
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from lxml import etree

import harmonized_customs as hc
from harmonized_customs.documents import get_kind
from harmonized_customs.format_registry import Format, ReadResult

ROOT = Path(__file__).resolve().parents[2]
TIME_BOUND = 2.0
"""Seconds one input may take, end to end (read, check, render, write, read back)."""
MAX_MUTANT = 1024 * 1024
"""Largest mutant (1 MiB): a mutation that makes one larger is dropped (repeated JSON arrays
can grow a file a hundredfold). Larger inputs are timed by the linear-scaling tests."""
LANGUAGES = ("en", "fr", "es")
TARGETS = ("US", "CA", "MX")

SEED_FOLDERS: dict[str, tuple[str, ...]] = {
    "core-json": ("examples",),
    "us-abi-ae": ("tests/data/us/abi_ae",),
    "ca-cad": ("tests/data/ca/ca-cad",),
    "mx-pedimento-m3": ("tests/data/mx/m3",),
    "mx-cfdi-cce20": ("tests/data/mx/cce20",),
    "us-ace-emanifest-json": ("tests/data/us/ace",),
    "ca-aci-emanifest-json": ("tests/data/ca/aci",),
    "mx-cfdi-cartaporte31": ("tests/data/mx/cartaporte31",),
}
"""Fixture folders of each format, walked recursively (README files skipped), besides the
conformance samples every registered format has (``tests/conformance/samples/<format>``)."""

DECLARATION_FORMATS = ("core-json", "us-abi-ae", "ca-cad", "mx-pedimento-m3", "mx-cfdi-cce20")

INTERESTING: tuple[str, ...] = (
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1" * 19,
    "9" * 41,
    "9" * 4400,
    "9E+999999",
    "1E-999999",
    "-1E+30",
    "-1000000000000000000000000000000",
    "999999999999999999.999999999999",
    "0.0000000000000000000000000001",
    "1e400",
    "NaN",
    "Infinity",
    "²",
    "١٢٣",
    "１２",
    "\x00",
    "é€ñ",
    "\u202e\u0301",
    "\U0001f4e6",
    "2026-02-30",
    "9999-99-99",
    "XX",
    "A" * 300,
)
"""Values every mutator tries in fields: number edges, Unicode digits, controls, long text."""


@dataclass(frozen=True)
class Finding:
    """One defect seen on one input."""

    kind: str
    """``exception`` (escaped), ``internal_error`` (contained), ``slow``, ``readback``."""
    stage: str
    format: str
    detail: str
    where: str = ""
    """The innermost library frame of an exception (file:line), for grouping by class."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two findings the same class of defect."""
        return self.kind, self.stage, self.where, self.detail.split(":")[0][:80]


def seeds(fmt: str) -> list[bytes]:
    """The fixture files of ``fmt`` (sorted, so that a campaign is reproducible)."""
    found: list[bytes] = []
    for folder in (f"tests/conformance/samples/{fmt}", *SEED_FOLDERS.get(fmt, ())):
        base = ROOT / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix.lower() not in (".md", ".meta") and _fits(fmt, path):
                found.append(path.read_bytes())
    return found


def _fits(fmt: str, path: Path) -> bool:
    if fmt == "core-json":
        return path.suffix == ".json" and "trips" not in path.parts
    if fmt == "ca-cad":
        return path.name != "expected.json"
    if fmt == "us-abi-ae":
        return path.suffix == ".txt"
    return True


# --- mutators ---------------------------------------------------------------------------


def _bytes_mutation(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    choice = rng.randrange(7)
    if not buf or choice == 0:
        return bytes(buf) + rng.choice(INTERESTING).encode("utf-8")
    position = rng.randrange(len(buf))
    if choice == 1:
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif choice == 2:
        del buf[position : position + rng.randint(1, 64)]
    elif choice == 3:
        chunk = buf[position : position + rng.randint(1, 200)]
        buf[position:position] = chunk * rng.randint(1, 50)
    elif choice == 4:
        return bytes(buf[:position])
    elif choice == 5:
        buf[position:position] = rng.choice(INTERESTING).encode(
            rng.choice(("utf-8", "cp1252")), "replace"
        )
    else:
        buf[position] = ord(rng.choice("0123456789 -.A|\n\r\t"))
    return bytes(buf)


def _line_mutation(rng: random.Random, data: bytes, separator: bytes) -> bytes:
    """Record formats: replace a field, or delete, repeat, swap or truncate a record."""
    lines = data.split(b"\n")
    if not lines:
        return data
    index = rng.randrange(len(lines))
    line = lines[index]
    choice = rng.randrange(6)
    value = rng.choice(INTERESTING).encode("utf-8")
    if choice == 0 and separator and separator in line:
        fields = line.split(separator)
        fields[rng.randrange(len(fields))] = value
        lines[index] = separator.join(fields)
    elif choice in (0, 1) and line:
        start = rng.randrange(len(line))
        width = rng.randint(1, 20)
        replaced = (
            (value * (width // max(len(value), 1) + 1))[:width] if rng.random() < 0.5 else value
        )
        lines[index] = line[:start] + replaced + line[start + width :]
    elif choice == 2:
        del lines[index]
    elif choice == 3:
        lines[index:index] = [line] * rng.choice((2, 3, 20, 200))
    elif choice == 4:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    else:
        lines[index] = line[: rng.randrange(len(line) + 1)]
    return b"\n".join(lines)


def _json_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if len(path) > 30:
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _json_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _json_paths(child, (*path, index))


DEEP = "\u2063deeply nested\u2063"
"""A marker replaced by a deeply nested array once the mutant is serialised."""


def _json_value(rng: random.Random) -> Any:
    choice = rng.randrange(8)
    if choice == 0:
        return rng.choice(INTERESTING)
    if choice == 1:
        return rng.choice((0, -1, 10**19, -(10**30), 10**40, 1.5, 1e308, True, None))
    if choice == 2:
        return rng.choice(({}, [], [None], {"": None}))
    if choice == 3:
        return DEEP
    if choice == 4:
        return json.loads(rng.choice(("9E+999999", "1E-999999", "-1E+30", "1e400", "0.1e-400")))
    return rng.choice(INTERESTING[:14])


def _json_mutation(rng: random.Random, data: bytes) -> bytes:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return _bytes_mutation(rng, data)
    paths = list(_json_paths(document))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        document = _json_change(rng, document, path)
        paths = list(_json_paths(document))
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    depth = rng.choice((20, 2000, 100_000))
    return text.replace(json.dumps(DEEP), "[" * depth + "0" + "]" * depth).encode("utf-8")


def _json_change(rng: random.Random, document: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return rng.choice((document, [document, document], _json_value(rng)))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    choice = rng.randrange(5)
    if choice == 0 and isinstance(parent, dict):
        del parent[last]
    elif choice == 1 and isinstance(parent, list):
        parent.insert(last, parent[last])
    elif choice == 2 and isinstance(parent, list):
        parent.extend([parent[last]] * rng.choice((1, 10, 300)))
    else:
        parent[last] = _json_value(rng)
    return document


_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _xml_mutation(rng: random.Random, data: bytes) -> bytes:
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError:
        return _bytes_mutation(rng, data)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    for _ in range(rng.randint(1, 3)):
        element = rng.choice(elements)
        _xml_change(rng, element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _xml_change(rng: random.Random, element: Any) -> None:
    choice = rng.randrange(6)
    names = list(element.attrib)
    value = rng.choice(INTERESTING).replace("\x00", "")
    if choice <= 1 and names:
        element.set(rng.choice(names), value)
    elif choice == 2 and names:
        del element.attrib[rng.choice(names)]
    elif choice == 3 and element.getparent() is not None:
        parent = element.getparent()
        if rng.random() < 0.5:
            parent.remove(element)
        else:
            for _ in range(rng.choice((1, 5, 200))):
                parent.append(copy.deepcopy(element))  # its tail too, whatever text it holds
    elif choice == 4:
        for index in range(rng.choice((10, 1000))):
            element.set(f"x{index}", "1")
    else:
        element.text = value


def mutate(fmt: str, data: bytes, rng: random.Random) -> bytes:
    """One mutant of ``data``, by a mutator of ``fmt`` (or a byte mutator, one time in four)."""
    if rng.random() < 0.25:
        return _bytes_mutation(rng, data)
    if fmt in ("us-abi-ae", "mx-pedimento-m3"):
        return _line_mutation(rng, data, b"|" if fmt == "mx-pedimento-m3" else b"")
    if fmt == "mx-cfdi-cce20":
        return _xml_mutation(rng, data)
    return _json_mutation(rng, data)


def mutants(fmt: str, count: int, seed: int = 0, start: int = 0) -> Iterator[bytes]:
    """Mutants ``start`` to ``start + count`` of the seeds of ``fmt``.

    Each mutant has its own random generator, seeded with ``(fmt, seed, position)``, so any
    range is made directly and a mutant is reproduced from its position alone.
    """
    pool = seeds(fmt)
    for position in range(start, start + count):
        yield mutant(fmt, pool, seed, position)


def mutant(fmt: str, pool: list[bytes], seed: int, position: int) -> bytes:
    """The mutant at ``position`` of the seeds ``pool`` of ``fmt``."""
    rng = random.Random(f"{fmt}:{seed}:{position}")
    data = rng.choice(pool)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        changed = mutate(fmt, data, rng)
        data = changed if len(changed) <= MAX_MUTANT else data
    return data


# --- the pipeline -----------------------------------------------------------------------


def _where(error: BaseException) -> str:
    frames = list(traceback.extract_tb(error.__traceback__))
    ours = [f for f in frames if "harmonized_customs" in f.filename] or frames
    return f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""


class _Run:
    """The findings of one input, stage by stage."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.findings: list[Finding] = []

    def guard(self, stage: str, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (hc.UsageError, hc.InputError) as error:
            if stage in ("dump",) and isinstance(error, hc.InputError):
                self.contained(stage, error.report)
                return None
            self.findings.append(
                Finding("exception", stage, self.fmt, repr(error)[:300], _where(error))
            )
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"[:300]
            self.findings.append(Finding("exception", stage, self.fmt, detail, _where(error)))
        return None

    def contained(self, stage: str, issues: Any) -> None:
        for issue in issues:
            if issue.code == "internal_error":
                detail = str(issue.ctx.get("exception", ""))
                where = str(issue.ctx.get("where", ""))
                self.findings.append(Finding("internal_error", stage, self.fmt, detail, where))


def exercise(data: bytes, fmt: str, *, max_documents: int = 3) -> list[Finding]:
    """Every finding of ``data`` read as ``fmt`` and pushed through the whole pipeline."""
    run = _Run(fmt)
    started = time.perf_counter()
    results: list[ReadResult] = run.guard("read", partial(_read_all, data, fmt)) or []
    for result in results:
        run.contained("read", result.issues)
    for result in [r for r in results if r.document is not None][:max_documents]:
        exercise_document(result.document, run, result)
    elapsed = time.perf_counter() - started
    if elapsed > TIME_BOUND:
        run.findings.append(Finding("slow", "all", fmt, f"{elapsed:.2f} s for {len(data)} bytes"))
    return run.findings


def exercise_model(document: Any, label: str = "model") -> list[Finding]:
    """The findings of a document the model accepted (checked, rendered, written, read back)."""
    run = _Run(label)
    exercise_document(document, run, None)
    return run.findings


def exercise_document(document: Any, run: _Run, result: ReadResult | None) -> None:
    """Check, render and write ``document`` in every format of its kind; read each back."""
    subject: Any = result if result is not None else document
    report = run.guard("check", partial(hc.check, subject, targets=TARGETS))
    if report is not None:
        run.contained("check", report)
        for language in LANGUAGES:
            run.guard("render", partial(_render, report, language))
    known = {i.code for i in (result.issues if result is not None else ()) if i.blocking}
    for fmt in writable_for(document):
        _write_and_read_back(document, fmt, run, known)


def _render(report: hc.CrossFilingReport, language: str) -> None:
    report.render(language)
    report.to_dict(language)


def writable_for(document: Any) -> list[Format]:
    """The formats that can write ``document`` and read it back."""
    kind = type(document)
    chosen = []
    for fmt in hc.formats():
        if fmt.writer is None or fmt.reader is None:
            continue
        if fmt.name == "core-json" or _kind_model(fmt.kind) is kind:
            chosen.append(fmt)
    return chosen


def _kind_model(name: str) -> type:
    return get_kind(name).model


def _write_and_read_back(document: Any, fmt: Format, run: _Run, known: set[str]) -> None:
    """Write (the registry's writer, as ``dump`` calls it), encode, read back.

    A new error on reading back must have been reported by the writer. The filing checks of
    the target country are those of the check above; ``convert`` adds nothing else.
    """
    assert fmt.writer is not None
    written = run.guard(f"write:{fmt.name}", partial(fmt.writer, document))
    if written is None:
        return
    run.contained(f"write:{fmt.name}", written.issues)
    if fmt.name == "core-json":
        run.guard("dump:core-json", partial(hc.dump, document, fmt.name))
        converted = run.guard("convert:core-json", partial(hc.convert, document, to=fmt.name))
        run.contained("convert:core-json", converted.report if converted else ())
    data = run.guard(f"encode:{fmt.name}", partial(fmt.encode, written.output))
    if data is None:
        return
    back = run.guard(f"readback:{fmt.name}", partial(_read_all, data, fmt.name))
    reported = any(i.blocking for i in written.issues)
    for again in back or ():
        run.contained(f"readback:{fmt.name}", again.issues)
        new = sorted({i.code for i in again.issues if i.blocking} - known)
        if not reported and (again.document is None or new):
            detail = ", ".join(new) or "no document"
            run.findings.append(Finding("readback", f"readback:{fmt.name}", run.fmt, detail))


def _read_all(data: bytes, fmt: str) -> list[ReadResult]:
    return list(hc.read(data, format=fmt))

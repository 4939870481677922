"""The fuzz suite: mutants of every format and generated declarations, through the pipeline.

Every input is read, checked for US/CA/MX, rendered in en/fr/es, written to every format of
its kind and read back (:mod:`fuzz.harness`). Nothing may escape the API, no stage may fail
with an ``internal_error``, no input may take more than :data:`fuzz.harness.TIME_BOUND`
seconds, and no writer may produce a file its reader rejects without having said so.

The budget follows the hypothesis profile: ``default`` runs three times ``max_examples`` (75)
mutants per format, ``HYPOTHESIS_PROFILE=thorough`` runs 1,500; ``scripts/fuzz_campaign.py``
runs the full campaign (20,000 per declaration format) on every core.
"""

from __future__ import annotations

import json
import os
import random
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import harmonized_customs as hc
from strategies import declarations

from . import harness

PER_FORMAT = 3 * settings().max_examples
"""Mutants per format: 75 in the default profile, 1,500 in ``thorough``."""

SEED = int(os.environ.get("FUZZ_SEED", "0"))
"""The mutants' seed: fixed, so that a run is reproducible; set ``FUZZ_SEED`` to explore."""

FORMATS = [f.name for f in hc.formats() if f.reader is not None]


def _describe(findings: list[harness.Finding]) -> list[str]:
    return [f"{f.kind} {f.stage} {f.where} {f.detail[:120]}" for f in findings]


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutants_of_every_format_go_through_the_pipeline(fmt: str) -> None:
    assert harness.seeds(fmt), f"no seed for {fmt}"
    found: list[harness.Finding] = []
    for data in harness.mutants(fmt, PER_FORMAT, seed=SEED):
        found.extend(harness.exercise(data, fmt))
    assert not found, _describe(found)


@given(declarations(max_goods=4))
def test_generated_declarations_go_through_the_pipeline(declaration: hc.Declaration) -> None:
    assert not harness.exercise_model(declaration), "see the findings"


EXTREMES = (
    "999999999999999999.999999999999",
    "0.000000000001",
    "0",
    "100000000000000000",
    "1E+17",
)
"""Decimals at the model's bounds (18 integer digits, 12 decimals)."""

_KEPT = ("schema_version", "line_number", "hs6", "us_hts", "ca_tariff", "mx_fraccion")


def _at_the_bounds(value: Any, rng: random.Random) -> Any:
    """``value`` with some decimal strings replaced by a value at the model's bounds."""
    if isinstance(value, dict):
        return {
            k: v if k in _KEPT or "number" in k or "code" in k else _at_the_bounds(v, rng)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_at_the_bounds(v, rng) for v in value]
    if isinstance(value, str) and value.replace(".", "", 1).isdigit() and rng.random() < 0.5:
        return rng.choice(EXTREMES)
    return value


@given(declarations(max_goods=3), st.randoms(use_true_random=False))
def test_declarations_at_the_model_bounds_go_through_the_pipeline(
    declaration: hc.Declaration, rng: random.Random
) -> None:
    data = _at_the_bounds(declaration.model_dump(mode="json"), rng)
    try:
        bounded = hc.Declaration.model_validate(data)
    except ValidationError:
        return  # a total or rule of the model refuses the change: nothing to push through
    assert not harness.exercise_model(bounded)


def _cfdi_with_attributes(count: int) -> bytes:
    [sample] = [s for s in harness.seeds("mx-cfdi-cce20") if b"cfdi:Emisor " in s][:1]
    flood = b" ".join(b'x%d="1"' % i for i in range(count))
    return sample.replace(b"cfdi:Emisor ", b"cfdi:Emisor " + flood + b" ", 1)


HOSTILE: list[tuple[str, bytes, str]] = [
    ("core-json", b"[" * 100_000 + b"]" * 100_000, "json_too_deep"),
    ("ca-cad", b"[" * 100_000 + b"]" * 100_000, "json_too_deep"),
    ("core-json", b'{"goods_items": [{"line_number": ' + b"9" * 5000 + b"}]}", ""),
    ("core-json", b'{"goods_items": [{"value": {"amount": "9E+999999"}}]}', ""),
    ("mx-cfdi-cce20", _cfdi_with_attributes(100_000), "mx_cfdi_attributes_too_many"),
]
"""Inputs that once raised or ran for minutes: (format, bytes, an issue code expected)."""


@pytest.mark.parametrize(("fmt", "data", "code"), HOSTILE, ids=lambda v: str(v)[:20])
def test_hostile_inputs_are_refused_quickly(fmt: str, data: bytes, code: str) -> None:
    started = time.perf_counter()
    results = list(hc.read(data, format=fmt))
    assert time.perf_counter() - started < harness.TIME_BOUND
    codes = {i.code for r in results for i in r.issues}
    assert all(r.document is None for r in results)
    assert codes
    assert "internal_error" not in codes
    assert not code or code in codes


def _abi_batch(entries: int) -> bytes:
    """An ABI file of ``entries`` copies of one entry (the reader reports the repeats)."""
    [sample] = [s for s in harness.seeds("us-abi-ae") if s.startswith(b"A")][:1]
    lines = sample.decode("latin-1").splitlines()
    body = [line for line in lines if line[:1] not in ("A", "B", "Y", "Z")]
    head = [line for line in lines if line[:1] in ("A", "B")]
    tail = [line for line in lines if line[:1] in ("Y", "Z")]
    return "\n".join(head + body * entries + tail).encode("latin-1") + b"\n"


def _core_json_array(declarations: int) -> bytes:
    [one] = [json.loads(s) for s in harness.seeds("core-json")][:1]
    return json.dumps([one] * declarations).encode("utf-8")


def _seconds(fmt: str, data: bytes) -> float:
    started = time.perf_counter()
    for _ in hc.read(data, format=fmt):
        pass
    return time.perf_counter() - started


@pytest.mark.parametrize(
    ("fmt", "make"), [("us-abi-ae", _abi_batch), ("core-json", _core_json_array)]
)
def test_reading_time_grows_linearly(fmt: str, make: Any) -> None:
    _seconds(fmt, make(1))
    small, large = _seconds(fmt, make(20)), _seconds(fmt, make(160))
    assert large < 8 * small * 3 + 0.5, f"8 times the input took {large / small:.1f} times as long"


def test_a_value_at_the_bounds_converts_without_overflow() -> None:
    [sample] = harness.seeds("core-json")[:1]
    data = json.loads(sample)
    data["goods_items"][0]["value"]["amount"] = "999999999999999999.999999999999"
    declaration = hc.Declaration.model_validate(data)
    for fmt in harness.writable_for(declaration):
        result = hc.convert(declaration, to=fmt.name)
        assert "internal_error" not in {i.code for i in result.report}
    assert (
        Decimal(data["goods_items"][0]["value"]["amount"])
        == declaration.goods_items[0].value.amount
    )

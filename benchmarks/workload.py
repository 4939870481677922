"""Realistic declarations for the benchmarks: distinct real codes, varied origins and values.

Goods lines take, in turn, the fracciones arancelarias (with NICO) and descriptions of
``benchmarks/data/sat_fracciones_sample.csv`` (a sample of SAT's CCE 2.0 catalogue; provenance
in its ``.meta.json``): the HS6 is the fracción's first six digits, the Mexican fracción and
NICO are SAT's own, and no national code of another country is filled in (none is invented).
Origins cycle through a list of trading partners, values and weights follow a fixed
pseudo-random sequence, so every run measures the same bytes. The other fields come from
``examples/complete-us-import.json``; invoice and declaration totals are recomputed.
"""

from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CODES = HERE / "data" / "sat_fracciones_sample.csv"
BASE = ROOT / "examples" / "complete-us-import.json"
ORIGINS = ("CA", "MX", "US", "CN", "DE", "JP", "KR", "VN", "IT", "BR", "IN", "FR", "GB", "TW")
SIZES = (1, 10, 100, 1000, 9999)
QUICK_SIZES = (1, 10, 100)


@cache
def codes() -> tuple[tuple[str, str, str], ...]:
    """``(fraccion_nico, texto, unidad_aduana)`` of the sample, in catalogue order."""
    with CODES.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return tuple((r["fraccion_nico"], r["texto"], r["unidad_aduana"]) for r in rows)


CCE_BASE = HERE / "data" / "mx-export-cce.json"
"""A Mexican export (clave A1), the base of the CFDI Comercio Exterior benchmarks."""


@cache
def _base(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _line(template: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    code, text, unit = codes()[(number - 1) % len(codes())]
    origin = ORIGINS[(number - 1) % len(ORIGINS)]
    net = Decimal(rng.randint(1, 50_000)) / 10
    gross = net + Decimal(rng.randint(1, 5_000)) / 10
    count = rng.randint(1, 9_000)
    amount = count * Decimal(rng.randint(1, 500_000)) / 100
    line = {k: v for k, v in template.items() if k not in {"origin_subdivision", "preference"}}
    line.update(
        line_number=number,
        description=text,
        classification={"hs6": code[:6], "mx_fraccion": code[:8], "mx_nico": code[8:]},
        origin_country=origin,
        net_weight_kg=str(net),
        gross_weight_kg=str(gross),
        value={"amount": str(amount), "currency": "USD"},
        quantity={"value": str(count), "unit": "H87"},
    )
    if template.get("customs_values"):
        value = {"amount": str(amount), "currency": "USD"}
        line["customs_values"] = [{"jurisdiction": "US", "amount": value}]
    mexican = any(q["jurisdiction"] == "MX" for q in template.get("tariff_quantities", []))
    tariff = {"jurisdiction": "MX", "value": str(count), "unit": unit}
    us = {"jurisdiction": "US", "value": str(net), "unit": "KG"}
    line["tariff_quantities"] = [tariff if mexican else us]
    if origin in {"CA", "MX", "US"}:
        line["preference"] = template.get("preference")
    return {k: v for k, v in line.items() if v is not None}


def declaration_dict(lines: int, seed: int = 0, base: Path = BASE) -> dict[str, Any]:
    """The core-json object of a declaration with ``lines`` goods lines (deterministic)."""
    data = json.loads(json.dumps(_base(base)))
    rng = random.Random(f"{seed}-{lines}")
    template = data["goods_items"][0]
    items = [_line(template, n, rng) for n in range(1, lines + 1)]
    data["goods_items"] = items
    total = sum((Decimal(i["value"]["amount"]) for i in items), Decimal(0))
    for invoice in data.get("invoices", []):
        if "total" in invoice:
            invoice["total"]["amount"] = str(total)
        number = invoice["number"]
    for item in items:
        item["invoice_number"] = number
    data["invoices"] = data["invoices"][:1]
    totals = data.get("totals", {})
    if "invoice_total" in totals:
        totals["invoice_total"]["amount"] = str(total)
    if "gross_weight_kg" in totals:
        totals["gross_weight_kg"] = str(sum(Decimal(i["gross_weight_kg"]) for i in items))
    if "line_count" in totals:
        totals["line_count"] = lines
    return data


def declaration_json(lines: int, seed: int = 0, base: Path = BASE) -> bytes:
    """:func:`declaration_dict` as core-json bytes."""
    return json.dumps(declaration_dict(lines, seed, base), ensure_ascii=False).encode("utf-8")

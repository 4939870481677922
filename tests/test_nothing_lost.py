"""Nothing lost, nothing invented: every pair of formats over every conformance sample.

Each valid sample of a declaration format is read, converted (with the example filer profile)
to every other declaration format, and the output read back. Compared through the core model,
every value of the source either arrives in the target or is reported as not carried, and no
value is reported by two loss issues. A value with an issue at its place (a warning
that an import is written as an export invoice) is reported. An output that cannot be read
back (a blocked conversion missing required values) is checked by its writer's own read-back;
enough pairs read back for the comparison to mean something.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

import harmonized_customs as hc
from harmonized_customs.conversion import LOSS_CODES
from harmonized_customs.pointers import ancestry, leaves

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "conformance" / "samples"
PROFILE: dict[str, Any] = json.loads((ROOT / "examples" / "filer-profile.json").read_text())
FORMATS = sorted(f.name for f in hc.formats() if f.kind == "declaration" and f.reader and f.writer)
CASES = [
    (source, path.name, target)
    for source in FORMATS
    for path in sorted((SAMPLES / source).glob("*"))
    for target in FORMATS
    if target != source
]
MOVED = {("mx-cfdi-cce20", "/importer"): "/buyer"}
"""Values a format carries under another role (the CFDI's receptor is the buyer)."""
_LINE = re.compile(r"^/goods_items/[0-9]+(?=/|$)")


def _same(value: Any) -> Any:
    """A value as compared: numbers by value, text by its words."""
    if isinstance(value, str):
        try:
            return Decimal(value).normalize()
        except InvalidOperation:
            return " ".join(value.split())
    return value


def _covering(pointer: str, lost: list[str]) -> list[str]:
    places = set(ancestry(pointer)) | set(ancestry(_LINE.sub("/goods_items/*", pointer)))
    return [each for each in lost if each in places]


def _arrived(pointer: str, value: Any, after: dict[str, Any], target: str) -> bool:
    if bool(_same(after.get(pointer)) == _same(value)):
        return True
    for (fmt, old), new in MOVED.items():
        if fmt == target and pointer.startswith(old + "/"):
            return bool(_same(after.get(new + pointer[len(old) :])) == _same(value))
    return False


COMPARED: list[str] = []
"""The cases whose output was read back and compared (see the last test)."""


@pytest.mark.parametrize(("source", "sample", "target"), CASES)
def test_every_value_arrives_or_is_reported_once(source: str, sample: str, target: str) -> None:
    for result in hc.read(SAMPLES / source / sample, source):
        document = result.document
        assert document is not None
        converted = hc.convert(document, target, profile=PROFILE)
        output = converted.output
        data = output if isinstance(output, bytes) else converted.format.encode(output)
        [back] = [r.document for r in hc.read(data, target)]
        if back is None:
            assert converted.blocked
            continue
        COMPARED.append(f"{sample} -> {target}")
        before = leaves(document.model_dump(mode="json", exclude_defaults=True))
        after = leaves(back.model_dump(mode="json", exclude_defaults=True))
        lost = [i.pointer for i in converted.report if i.code in LOSS_CODES]
        said = [i.pointer for i in converted.report if i.pointer]
        silent = [
            p
            for p, v in before.items()
            if not _arrived(p, v, after, target) and not _covering(p, said)
        ]
        assert silent == [], f"{sample} -> {target}: lost without a word: {silent}"
        twice = [p for p in before if len(_covering(p, lost)) > 1]
        assert twice == [], f"{sample} -> {target}: reported twice: {twice}"


def test_enough_pairs_were_compared() -> None:
    if len(COMPARED) < len(CASES) // 4:  # run alone or in another order
        for source, sample, target in CASES:
            test_every_value_arrives_or_is_reported_once(source, sample, target)
    assert len(set(COMPARED)) >= 8, COMPARED

"""Round-trip properties of us-abi-ae, with hypothesis.

* records -> model -> records: any valid values in the fields of a real entry summary read
  into a declaration and write back byte for byte;
* model -> records -> model: for any declaration of the core model, what the records carry
  reads back equal, and every other value is reported where it was left out;
* any bytes give issues, never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.formats import get_format
from harmonized_customs.issues import get_issue_code
from harmonized_customs.jurisdictions.us import abi_ae
from harmonized_customs.jurisdictions.us.abi_records import (
    RECORD_LENGTH,
    FieldDef,
    format_field,
    load_edition,
)
from harmonized_customs.model import Declaration
from strategies import declarations

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "us" / "abi_ae" / "valid"
BASE = (FIXTURE / "01-several-lines-invoices.txt").read_text(encoding="ascii").splitlines()
EDITION = load_edition()

FREE_TEXT = {
    ("A", "user_data"),
    ("B", "user_data"),
    ("10", "broker_reference"),
    ("11", "consignee_number"),
    ("11", "notify_party_number"),
    ("11", "ftz_identifier"),
    ("20", "conveyance_name"),
    ("20", "vessel_code"),
    ("31", "stb_producer_account"),
    ("42", "supplier_id"),
    ("42", "invoice_number"),
    ("44", "description"),
    ("47", "identifier"),
}
"""Fields whose content the core model takes as it is (no code list, no pattern)."""
NUMBERS = {
    ("22", "manifest_quantity"),
    ("31", "stb_amount"),
    ("40", "charges"),
    ("40", "gross_weight"),
    ("50", "duty"),
    ("50", "quantity1"),
    ("62", "amount"),
    ("89", "amount1"),
    ("90", "duty"),
    ("90", "user_fees"),
    ("90", "ir_tax"),
}
DATES = {
    ("11", "estimated_entry_date"),
    ("11", "import_date"),
    ("20", "estimated_arrival_date"),
    ("10", "preliminary_statement_date"),
}
_CHARSET = {
    "X": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.,&'#",
    "AN": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ",
}


def _text(fd: FieldDef) -> st.SearchStrategy[str]:
    alphabet = _CHARSET.get(fd.source_class, _CHARSET["X"])
    return st.text(alphabet, min_size=1, max_size=fd.length).map(str.strip).filter(bool)


def _number(fd: FieldDef) -> st.SearchStrategy[int]:
    return st.integers(min_value=0, max_value=10 ** min(fd.length, 9) - 1)


def _date(_: FieldDef) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def _field_values() -> st.SearchStrategy[dict[tuple[int, str], Any]]:
    """New values for some fields of the base file, keyed by (line index, field name)."""
    choices: dict[tuple[int, str], st.SearchStrategy[Any]] = {}
    for index, text in enumerate(BASE):
        record = EDITION.records[EDITION.record_id_of(text)]
        for fd in record.data_fields:
            key = (record.record_id, fd.name)
            if key in FREE_TEXT:
                choices[(index, fd.name)] = _text(fd)
            elif key in NUMBERS:
                choices[(index, fd.name)] = _number(fd)
            elif key in DATES:
                choices[(index, fd.name)] = _date(fd)
    return st.fixed_dictionaries({}, optional=choices)


def _placed(values: Mapping[tuple[int, str], Any]) -> str:
    lines = list(BASE)
    for (index, name), value in values.items():
        fd = EDITION.records[EDITION.record_id_of(lines[index])].by_name[name]
        raw = value
        if fd.source_class == "SN":
            raw = Decimal(value).scaleb(-(fd.decimals or 0))
        text, problems = format_field(fd, raw)
        assert problems == []
        lines[index] = lines[index][: fd.start - 1] + text + lines[index][fd.end :]
    return "".join(line + "\n" for line in lines)


@given(_field_values())
def test_records_to_model_to_records_is_byte_exact(values: dict[tuple[int, str], Any]) -> None:
    text = _placed(values)
    results = list(abi_ae.read(text.encode("ascii"), "generated.txt"))
    found = [r.declaration for r in results]
    assert all(d is not None for d in found), [i.code for r in results for i in r.issues]
    written = abi_ae.dumps_all([d for d in found if d is not None])
    assert written.output == text


def _flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, sub in value.items():
            flat.update(_flatten(sub, f"{pointer}/{key}"))
        return flat
    if isinstance(value, list):
        flat = {}
        for index, sub in enumerate(value):
            flat.update(_flatten(sub, f"{pointer}/{index}"))
        return flat
    return {pointer: value}


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/") or not b


@given(declarations())
def test_model_to_records_to_model_reports_what_is_not_carried(declaration: Declaration) -> None:
    writer = get_format("us-abi-ae").writer
    assert writer is not None
    result = writer(declaration)
    assert isinstance(result.output, str)
    lines = result.output.split("\n")
    assert lines[-1] == ""
    assert all(len(line) == RECORD_LENGTH for line in lines[:-1])
    assert all(get_issue_code(i.code) for i in result.issues)
    again = next(iter(abi_ae.read(result.output.encode("latin-1", "replace"))))
    if again.declaration is None:
        assert any(i.blocking for i in result.issues)
        return
    before = _flatten(declaration.model_dump(exclude_defaults=True))
    after = _flatten(again.declaration.model_dump(exclude_defaults=True))
    reported = [i.pointer for i in result.issues]
    for pointer, value in before.items():
        carried = (pointer in after and after[pointer] == value) or (
            isinstance(value, str) and str(after.get(pointer, "")).split() == value.split()
        )
        carried = carried or (value == {} and any(k.startswith(pointer + "/") for k in after))
        assert carried or any(_related(pointer, r) for r in reported), pointer


@given(st.binary(max_size=400))
def test_any_bytes_give_issues_never_an_exception(data: bytes) -> None:
    for result in abi_ae.read(data, "junk"):
        assert result.declaration is not None or result.issues
        for issue in result.issues:
            assert get_issue_code(issue.code)


@given(
    st.lists(
        st.text(
            alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=0, max_size=90
        ),
        max_size=12,
    )
)
def test_any_record_lines_give_issues_never_an_exception(lines: list[str]) -> None:
    data = "\n".join(["10" + line[2:] if n == 0 else line for n, line in enumerate(lines)])
    for result in abi_ae.read(data.encode("ascii"), "junk"):
        for issue in result.issues:
            assert issue.source is not None

"""The writer's read-back takes text fields without the record engine: same values exactly.

``abi_read._values_of`` (used by ``read_back``) must give what ``parse_values`` gives for
every record, whether written by the writer or any 80 characters.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmonized_customs.countries.us import abi_ae
from harmonized_customs.countries.us.abi_read import _values_of
from harmonized_customs.countries.us.abi_records import RECORD_LENGTH, load_edition, parse_values
from harmonized_customs.model import Declaration
from strategies import declarations

EDITION = load_edition()
LAYOUTS = sorted(EDITION.records)


@given(declarations(max_goods=3))
def test_written_records_read_the_same(declaration: Declaration) -> None:
    for text in abi_ae.dumps(declaration).splitlines():
        definition = EDITION.records.get(EDITION.record_id_of(text))
        if definition is not None:
            assert _values_of(definition, text) == parse_values(definition, text)


_CHARS = st.sampled_from([" ", " ", " ", "0", "7", "A", "z", "-", ".", "/", "é", "~"])


@given(st.sampled_from(LAYOUTS), st.lists(_CHARS, min_size=0, max_size=RECORD_LENGTH))
def test_any_characters_read_the_same(record_id: str, chars: list[str]) -> None:
    definition = EDITION.records[record_id]
    text = (record_id.ljust(2) + "".join(chars))[:RECORD_LENGTH]
    found = _values_of(definition, text)
    assert found == parse_values(definition, text)
    assert list(found) == [fd.name for fd in definition.data_fields]


_NUMERIC = st.sampled_from([" ", " ", "0", "1", "9", "3", "2"])


@given(st.sampled_from(LAYOUTS), st.lists(_NUMERIC, min_size=0, max_size=RECORD_LENGTH))
def test_digits_and_spaces_read_the_same(record_id: str, chars: list[str]) -> None:
    """Numbers and dates (right-justified digits, six digits of a date or not) as the engine."""
    definition = EDITION.records[record_id]
    text = (record_id.ljust(2) + "".join(chars))[:RECORD_LENGTH]
    assert _values_of(definition, text) == parse_values(definition, text)

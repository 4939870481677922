"""The writer's loss report: what reading the written bytes back and comparing gives.

The reference is the plain path: the whole declaration dumped, the output's bytes read back
with ``read_back``, ``lost_against`` and ``not_carried``. The writer reads the records it
holds and dumps only the fields the read-back has; its issues must be the same, in order.
"""

from __future__ import annotations

from hypothesis import given

from harmonized_customs.countries.us import abi_write
from harmonized_customs.countries.us.abi_read import read_back, read_back_records
from harmonized_customs.losses import lost_against, not_carried
from harmonized_customs.model import Declaration
from strategies import declarations


@given(declarations(max_goods=3))
def test_issues_as_the_read_back_of_the_bytes_gives(declaration: Declaration) -> None:
    written = abi_write.dumps_all([declaration])
    assert isinstance(written.output, str)
    reported = {i.pointer for i in written.issues if i.pointer}
    before = declaration.model_dump(exclude_defaults=True)
    back = read_back(written.output.encode("latin-1", "replace")) or {}
    lost = lost_against(before, back, same=abi_write._same, reported=reported, keep_empty=True)
    expected = (*written.issues, *not_carried(lost, format_name="us-abi-ae", target="US"))
    result = abi_write.write(declaration)
    assert result.output == written.output
    assert result.issues == expected
    assert abi_write._written_by_reading_back(declaration) == result


@given(declarations(max_goods=3))
def test_records_read_back_as_their_bytes(declaration: Declaration) -> None:
    output = abi_write.dumps(declaration)
    records = output.split("\n")[:-1]
    assert read_back_records(records) == read_back(output.encode("latin-1"))

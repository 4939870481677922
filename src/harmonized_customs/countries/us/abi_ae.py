"""``us-abi-ae``: CBP's ACE ABI entry summary (CATAIR "Entry Summary Create/Update", AE).

The electronic CBP Form 7501, as brokers transmit it through the Automated Broker Interface:
80-character records in an A/B ... Y/Z envelope (ABI Batch & Block Control chapter). One
batch (A ... Z) holds blocks (B ... Y); a block holds entry summaries, each opened by a 10
record: header records 10, 11, 20, 22, 23, 31; per line a 40 record with 42, 44, 47, then one
50 record per HTS number (Chapter 98, Chapter 99, then the Chapter 1-97 number) followed by
its 51-54 and 60-62 records; totals 89 and 90. Records the edition gives no layout for (41,
43, 88, SE..) are kept verbatim, reported, and written back unchanged.

Reading gives one declaration per entry summary, each issue located by line, column, record
and field, and pointed at the core-model value. Writing gives byte-exact 80-column records
(``dumps(load(x)) == x`` for canonical input: LF line ends, numerics space-filled) and
reports every value of the declaration the records do not carry. Transmission to CBP is out
of scope. This module registers the format; the reader is
:mod:`~harmonized_customs.countries.us.abi_read`, the writer
:mod:`~harmonized_customs.countries.us.abi_write`, the facts they share
:mod:`~harmonized_customs.countries.us.abi_map`, the record layouts
:mod:`~harmonized_customs.countries.us.abi_records`; field table and mapping:
docs/formats/us-abi-ae.md.

More information:

* https://www.cbp.gov/trade/ace/catair (ACE ABI CATAIR, Entry Summary Create/Update)
* https://cbp.gov/document/guidance/ace-abi-catair-batch-block-control-chapter-v23
* https://content.govdelivery.com/accounts/USDHSCBP/bulletins/2196bb9 (CSMS #18-000657,
  order of multiple HTS numbers)
* 19 CFR 182.11(b) (SPI S / S+ for USMCA claims)
"""

from __future__ import annotations

from harmonized_customs.countries.us import codes as _codes  # noqa: F401 - registers codes
from harmonized_customs.countries.us.abi_map import MAPPED, NAME, hts_rank
from harmonized_customs.countries.us.abi_read import read
from harmonized_customs.countries.us.abi_write import dumps, dumps_all, write
from harmonized_customs.countries.us.sniff import abi_ae as _sniff
from harmonized_customs.format_registry import FilerSetting, Format, register_format

__all__ = ["FORMAT", "MAPPED", "NAME", "dumps", "dumps_all", "hts_rank", "read", "write"]


FORMAT = register_format(
    Format(
        name=NAME,
        jurisdiction="US",
        media_type="text/plain",
        description="CBP ACE ABI entry summary (CATAIR Entry Summary Create/Update, AE), "
        "80-column records",
        reader=read,
        writer=write,
        sniffer=_sniff,
        extensions=(".abi", ".ae", ".txt"),
        settings=(
            FilerSetting("site_code", "/national/us/batch/site_code", "A record: site code"),
            FilerSetting("sender_id", "/national/us/batch/sender_id", "A record: sender id"),
            FilerSetting(
                "password", "/national/us/batch/password", "A record: password", secret=True
            ),
            FilerSetting("batch_office_code", "/national/us/batch/office_code", "A record"),
            FilerSetting("block_port", "/national/us/block/port", "B record: filer's port"),
            FilerSetting("filer_code", "/national/us/block/filer_code", "B record: filer code"),
            FilerSetting("block_office_code", "/national/us/block/office_code", "B record"),
            FilerSetting("action", "/national/us/flags/action", "10 record: A, R or D"),
        ),
    )
)

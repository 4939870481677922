"""Generate ``refdata/data/<stem>.rows.txt``: where the kept rows of a large shipped file are.

A one-file ``check`` looks up a handful of the HS's 5,613 subheadings, yet indexing the file
parsed all of its rows. The list written here says where each row the dataset keeps (its
``only`` filter) is in the file, with its code as compared: the index is made from it, and a
row is parsed when its code is looked up. The CSV file stays the data, with its provenance;
the list names the file's digest, so a list that is not the file's own is not used (the file
is then parsed whole), and a test fails until it is generated again. Run::

    python scripts/generate_refdata_rows.py
"""

from __future__ import annotations

from pathlib import Path

import harmonized_customs.refdata
from harmonized_customs.refdata.packaged import located_rows, packaged_datasets

FOLDER = Path(harmonized_customs.refdata.__file__).resolve().parent / "data"
LARGE = 100_000
"""Files of at least this many bytes get a list (parsing a smaller one whole costs little)."""


def outputs() -> dict[Path, str | None]:
    """Each large dataset's list file and its text (None: the file cannot be listed)."""
    return {
        FOLDER / f"{shipped.stem}.rows.txt": located_rows(shipped)
        for shipped in packaged_datasets()
        if (FOLDER / f"{shipped.stem}.csv").stat().st_size >= LARGE
    }


def main() -> None:
    """Write every list (and remove one for a file that can no longer be listed)."""
    for path, text in outputs().items():
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""Discovery skips the library's modules that register nothing, and misses no registration.

Each test runs a child Python process, so that this process's imports do not hide what
discovery itself imports.
"""

from __future__ import annotations

import json
import subprocess
import sys

_SNAPSHOT = """
import json, sys
import harmonized_customs as hc
from harmonized_customs import plugins
from harmonized_customs.documents import list_kinds
from harmonized_customs.rules import list_rules

def snapshot():
    return {
        "codes": sorted(c.code for c in hc.list_issue_codes()),
        "rules": sorted(r.name for r in list_rules()),
        "formats": sorted(f.name for f in hc.formats()),
        "jurisdictions": sorted(j.code for j in hc.jurisdictions()),
        "kinds": sorted(k.name for k in list_kinds()),
    }

selective = snapshot()
skipped = sorted(m for m in ("harmonized_customs.cli", "harmonized_customs.report_html",
                             "harmonized_customs.cluster") if m not in sys.modules)
plugins.import_package(plugins.LIBRARY)
print(json.dumps({"selective": selective, "every": snapshot(), "skipped": skipped}))
"""


def _run() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _SNAPSHOT], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_discovery_registers_what_importing_every_module_registers() -> None:
    found = _run()
    assert found["selective"] == found["every"]
    assert found["selective"]["rules"]  # type: ignore[index]


def test_discovery_does_not_import_the_command_line_or_the_html_report() -> None:
    assert _run()["skipped"] == [
        "harmonized_customs.cli",
        "harmonized_customs.cluster",
        "harmonized_customs.report_html",
    ]

"""The discovery index is current, and answering one question imports only what it needs.

Each test that looks at what is imported runs a child Python process, so that this process's
imports do not hide what a question imports.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from harmonized_customs import plugins

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "complete-us-import.json"


def _child(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_the_committed_index_is_what_the_sources_give() -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_discovery_index", ROOT / "scripts" / "generate_discovery_index.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = plugins.INDEX_FILE.read_text(encoding="utf-8")
    assert committed == script.text(), "run: python scripts/generate_discovery_index.py"
    assert plugins.load_index() is not None


_CHECK_US = f"""
import io, json, sys
from harmonized_customs.cli import main
from harmonized_customs import plugins
code = main(["check", {str(EXAMPLE)!r}, "--to", "US", "--output", "json"], io.StringIO())
print(json.dumps({{"code": code, "indexed": plugins.load_index() is not None,
                  "modules": sorted(sys.modules)}}))
"""


def test_checking_a_core_json_file_for_the_us_imports_nothing_of_canada_or_mexico() -> None:
    found = _child(_CHECK_US)
    modules = found["modules"]
    assert isinstance(modules, list)
    assert found["indexed"] is True
    assert "harmonized_customs.countries.us.rules" in modules
    assert "harmonized_customs.core_rules" in modules
    others = [
        name
        for name in modules
        if name.startswith(("harmonized_customs.countries.ca.", "harmonized_customs.countries.mx."))
        and not name.endswith(".sniff")  # the light sniffers tell the format from its bytes
    ]
    assert others == []
    assert "lxml" not in modules
    assert not [name for name in modules if "cfdi" in name]


def test_an_index_made_from_other_sources_is_not_used(tmp_path: Path) -> None:
    stale = json.loads(plugins.INDEX_FILE.read_text(encoding="utf-8"))
    stale["sources"] = "0" * 32
    path = tmp_path / "discovery_index.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    code = _CHECK_US.replace(
        "from harmonized_customs import plugins\n",
        f"from harmonized_customs import plugins\nfrom pathlib import Path\n"
        f"plugins.INDEX_FILE = Path({str(path)!r})\n",
    )
    found = _child(code)
    assert found["indexed"] is False
    modules = found["modules"]
    assert isinstance(modules, list)
    assert "harmonized_customs.countries.mx.rules" in modules  # the whole discovery ran


_SAME_ANSWERS = f"""
import json
from pathlib import Path
from harmonized_customs import registry, rules
from harmonized_customs.countries import get_jurisdiction
from harmonized_customs.format_registry import get_format, sniff
from harmonized_customs.issues import get_issue_code
from harmonized_customs.plugins import load_index

index = load_index()
root = Path({str(ROOT)!r})
files = sorted(p for d in ("examples", "tests/data", "tests/conformance/samples")
               for p in (root / d).rglob("*") if p.is_file() and p.suffix != ".md")

def answers():
    return {{
        "rules": {{key: [r.qualified_name for r in rules.rules_for(*key.split("/"))]
                  for key in index["rules"]}},
        "sniffed": {{str(p): getattr(sniff(p.read_bytes(), p.name), "name", None) for p in files}},
        "formats": {{name: get_format(name).name for name in index["formats"]}},
        "codes": {{code: get_issue_code(code).severity for code in index["codes"]}},
        "jurisdictions": {{code: get_jurisdiction(code).name for code in index["jurisdictions"]}},
    }}

selective = answers()
assert not registry._state["loaded"]
registry.ensure_loaded()
rules._ORDERED.clear()
print(json.dumps({{"selective": selective, "whole": answers()}}))
"""


def test_the_index_answers_as_the_whole_discovery_does() -> None:
    found = _child(_SAME_ANSWERS)
    assert found["selective"] == found["whole"]
    sniffed = found["whole"]["sniffed"]  # type: ignore[index]
    assert "core-json" in sniffed.values()
    assert "mx-cfdi-cce20" in sniffed.values()


def test_the_digest_changes_with_a_registration_only(tmp_path: Path) -> None:
    module = tmp_path / "rules.py"
    module.write_text('@rule("", target="US")\ndef given(d, c):\n    return iter(())\n')
    first = plugins.sources_digest(tmp_path)
    module.write_text(module.read_text() + "\nHELPER = 1\n")
    assert plugins.sources_digest(tmp_path) == first
    module.write_text(module.read_text().replace('target="US"', 'target="CA"'))
    changed = plugins.sources_digest(tmp_path)
    assert changed != first
    (tmp_path / "codes.py").write_text('register_code("x_missing", "error", "x")\n')
    assert plugins.sources_digest(tmp_path) != changed


def test_a_rule_shown_in_a_docstring_is_not_a_registration(tmp_path: Path) -> None:
    module = tmp_path / "rules.py"
    module.write_text('"""Rules.\n\n    @rule("", target="US")\n"""\n\ndef helper():\n    pass\n')
    first = plugins.sources_digest(tmp_path)
    module.write_text(module.read_text().replace('target="US"', 'target="CA"'))
    assert plugins.sources_digest(tmp_path) == first
    module.write_text(module.read_text() + '\n@rule("", target="MX")\ndef given(d, c):\n    pass\n')
    assert plugins.sources_digest(tmp_path) != first

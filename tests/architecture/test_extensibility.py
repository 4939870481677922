"""A fourth country and a new format, added from outside the library, work end to end.

``toy_plugin/`` holds an installed distribution (``toy_gt``) whose entry point names a
jurisdiction package with an issue code, a rule and a format. Each test runs a child Python
process with that folder on ``PYTHONPATH``, so that the library discovers the plugin as it
would in a user's environment, and this process's registries stay as they are.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harmonized_customs.rules import list_rules

HERE = Path(__file__).resolve().parent
PLUGIN = HERE / "toy_plugin"
ROOT = HERE.parents[1]
EXAMPLE = ROOT / "examples" / "us-to-ca-truck.json"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PLUGIN), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def run_python(code: str) -> object:
    """Run ``code`` in a child process with the plugin installed; its printed JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line, with the plugin installed."""
    return subprocess.run(
        [sys.executable, "-m", "harmonized_customs", *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_toy_country_is_registered_and_checked_by_default() -> None:
    found = run_python(
        f"""
import json, harmonized_customs as hc
decl = hc.load({str(EXAMPLE)!r})
report = hc.check(decl)
gt = [i for i in report if i.target == "GT"]
print(json.dumps({{
    "jurisdictions": [j.code for j in hc.jurisdictions()],
    "targets": list(report.targets),
    "ready": report.ready("GT"),
    "codes": sorted({{i.code for i in gt}}),
    "rules": sorted({{i.rule for i in gt}}),
    "fr": gt[0].message("fr"),
    "es": gt[0].message("es-MX"),
}}))
"""
    )
    assert found == {
        "jurisdictions": ["US", "CA", "MX", "GT"],
        "targets": ["US", "CA", "MX", "GT"],
        "ready": False,
        "codes": ["gt_importer_nit_missing"],
        "rules": ["toy_gt.rules.importer_has_nit"],
        "fr": "ligne 1 : l’importateur n’a pas de NIT",
        "es": "partida 1: el importador no tiene NIT",
    }


def test_the_toy_format_converts_and_reads_back() -> None:
    found = run_python(
        f"""
import json, harmonized_customs as hc
decl = hc.load({str(EXAMPLE)!r})
result = hc.convert(decl, to="gt-duca-json")
back = hc.loads(result.output)
print(json.dumps({{
    "formats": [f.name for f in hc.formats() if f.jurisdiction == "GT"],
    "losses": [i.pointer for i in result.losses],
    "blocked": result.blocked,
    "lines": len(back.goods_items),
    "same": [i.description for i in back.goods_items] == [i.description for i in decl.goods_items],
}}))
"""
    )
    assert found == {
        "formats": ["gt-duca-json"],
        "losses": ["/importer"],
        "blocked": True,
        "lines": 3,
        "same": True,
    }


def test_the_command_line_accepts_the_toy_country() -> None:
    listed = run_cli("jurisdictions")
    assert listed.returncode == 0
    assert "GT  TOY-SAT" in listed.stdout
    checked = run_cli("check", str(EXAMPLE), "--to", "gt", "--lang", "fr")
    assert checked.returncode == 1, checked.stderr
    assert "GT:" in checked.stdout
    assert "l’importateur n’a pas de NIT" in checked.stdout
    assert "[gt_importer_nit_missing]" in checked.stdout
    formats = run_cli("formats")
    assert "gt-duca-json" in formats.stdout


def test_an_unregistered_country_is_refused_by_name() -> None:
    refused = run_cli("check", str(EXAMPLE), "--to", "ZZ")
    assert refused.returncode == 2
    assert "unknown jurisdiction 'ZZ'" in refused.stderr
    assert "GT" in refused.stderr


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("generate_rules_docs", ["## Toyland (GT, TOY-SAT)", "`importer_has_nit`"]),
        ("generate_issue_docs", ["gt_importer_nit_missing", "the importer has no NIT"]),
    ],
)
def test_the_docs_generators_include_the_toy_country(script: str, expected: list[str]) -> None:
    page = run_python(
        f"""
import importlib.util, json
spec = importlib.util.spec_from_file_location("g", {str(ROOT / "scripts" / script)!r} + ".py")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(module.render()))
"""
    )
    assert isinstance(page, str)
    for text in expected:
        assert text in page


def test_the_translation_check_accepts_the_plugins_own_messages() -> None:
    problems = run_python(
        """
import json, harmonized_customs as hc
print(json.dumps([p for c in hc.list_issue_codes() for p in c.translation_problems()]))
"""
    )
    assert problems == []


def test_a_rule_in_any_module_of_the_package_runs_without_being_listed() -> None:
    found = run_python(
        """
import json
from harmonized_customs.rules import list_rules
names = [r.qualified_name for r in list_rules() if r.target == "GT"]
print(json.dumps(names))
"""
    )
    assert found == ["toy_gt.rules.importer_has_nit"]


def test_every_rule_written_in_the_library_is_registered() -> None:
    """No rule can be forgotten: each ``@rule`` in the source is in the registry, by name."""
    written: set[str] = set()
    source = ROOT / "src" / "harmonized_customs"
    pattern = re.compile(r"^@rule\((?:[^()]|\([^()]*\))*\)\s*\ndef (\w+)", re.MULTILINE)
    for path in source.rglob("*.py"):
        module = ".".join(path.relative_to(source.parent).with_suffix("").parts)
        text = path.read_text(encoding="utf-8")
        written.update(f"{module}.{name}" for name in pattern.findall(text))
    registered = {r.qualified_name for r in list_rules() if r.module.startswith("harmonized_")}
    assert len(written) > 100
    assert written <= registered, sorted(written - registered)


PRESCAN = (
    "import json\n"
    "from importlib.metadata import entry_points\n"
    "from harmonized_customs import plugins\n"
    "groups = (plugins.JURISDICTION_ENTRY_POINTS, plugins.FORMAT_ENTRY_POINTS)\n"
    "named = [e.name for g in groups for e in entry_points().select(group=g)]\n"
    "print(json.dumps([plugins._may_name_our_groups(), named]))\n"
)
"""Whether discovery reads the entry points, and the entry points of the library's groups."""


def test_the_entry_points_are_read_when_a_distribution_names_a_group() -> None:
    assert run_python(PRESCAN) == [True, ["gt"]]


def test_no_distribution_naming_a_group_means_no_entry_point() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(
        [sys.executable, "-c", PRESCAN], env=env, capture_output=True, text=True, check=True
    )
    may, named = json.loads(done.stdout)
    assert may or named == []

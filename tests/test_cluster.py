"""The Dask path: the same records and summary as the local batch, on a two-worker cluster."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harmonized_customs import batch, cli, cluster
from harmonized_customs.batch import CheckJob, ConvertJob, Entry, Outcome, Summary
from harmonized_customs.errors import UsageError

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(local) as connected:
        yield connected
    local.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    for name in ("complete-us-import.json", "us-to-ca-truck.json", "mx-to-us-usmca.json"):
        (root / name).write_bytes((EXAMPLES / name).read_bytes())
    (root / "sub" / "ca-to-mx-rail.json").write_bytes(
        (EXAMPLES / "ca-to-mx-rail.json").read_bytes()
    )
    (root / "sub" / "broken.json").write_text('{"goods_items": [}', encoding="utf-8")
    (root / ".hidden.json").write_text("{}", encoding="utf-8")
    return root


def _summary(pairs: Iterator[tuple[Entry, Iterator[Outcome]]]) -> tuple[list[Any], Summary]:
    summary = Summary()
    found: list[Any] = []
    for _entry, outcomes in pairs:
        for outcome in outcomes:
            summary.add(outcome)
            found.append(outcome.record)
        summary.files += 1
    return found, summary


def test_check_on_the_cluster_gives_the_local_records_and_summary(client: Any, inbox: Path) -> None:
    job = CheckJob(targets=("US", "CA", "MX"))
    local, local_summary = _summary(batch.run(job, [inbox]))
    remote, remote_summary = _summary(cluster.run(job, [inbox], client, chunk_size=2))
    assert len(local) == 5
    assert remote == local
    assert remote_summary.to_dict() == local_summary.to_dict()


def test_convert_on_the_cluster_writes_the_local_files(
    client: Any, inbox: Path, tmp_path: Path
) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    local, _ = _summary(batch.run(ConvertJob("ca-cad", force=True, out_dir=here), [inbox]))
    remote, _ = _summary(
        cluster.run(ConvertJob("ca-cad", force=True, out_dir=there), [inbox], client)
    )
    assert [r["status"] for r in remote] == [r["status"] for r in local]
    written = sorted(p.relative_to(here) for p in here.rglob("*") if p.is_file())
    assert written
    assert written == sorted(p.relative_to(there) for p in there.rglob("*") if p.is_file())
    for name in written:
        assert (there / name).read_bytes() == (here / name).read_bytes()


def test_fsspec_urls_are_listed_fetched_and_named_by_url(client: Any, inbox: Path) -> None:
    memory = fsspec.filesystem("memory")
    for path in sorted(inbox.rglob("*.json")):
        memory.pipe(f"/hc-test/{path.relative_to(inbox).as_posix()}", path.read_bytes())
    job = CheckJob(targets=("US", "CA", "MX"))
    local, local_summary = _summary(batch.run(job, [inbox]))
    remote, remote_summary = _summary(cluster.run(job, ["memory://hc-test/"], client))
    assert [r["file"] for r in remote] == [
        "memory:///hc-test/complete-us-import.json",
        "memory:///hc-test/mx-to-us-usmca.json",
        "memory:///hc-test/sub/broken.json",
        "memory:///hc-test/sub/ca-to-mx-rail.json",
        "memory:///hc-test/us-to-ca-truck.json",
    ]
    by_name = {Path(r["file"]).name: r for r in local}
    for record in remote:
        mine = by_name[Path(record["file"]).name]
        assert record["status"] == mine["status"]
        assert [i["code"] for i in record["issues"]] == [i["code"] for i in mine["issues"]]
    assert remote_summary.to_dict() == local_summary.to_dict()
    memory.rm("/hc-test", recursive=True)


def test_the_cli_runs_check_on_a_named_scheduler(client: Any, inbox: Path) -> None:
    local, remote = io.StringIO(), io.StringIO()
    args = ["check", str(inbox), "--output", "jsonl", "--to", "US,CA,MX"]
    code = cli.main(args, local)
    assert cli.main([*args, "--scheduler", client.scheduler.address], remote) == code == 2
    assert remote.getvalue() == local.getvalue()
    assert json.loads(remote.getvalue().splitlines()[-1])["summary"]["files"] == 5


def test_url_inputs_without_a_scheduler_are_a_usage_error(tmp_path: Path) -> None:
    code = cli.main(["check", "memory://nothing/here.json"], io.StringIO())
    assert code == 2


def test_the_module_imports_and_says_which_extra_is_missing() -> None:
    script = (
        "import sys; sys.modules['distributed'] = None; sys.modules['fsspec'] = None\n"
        "from harmonized_customs import cluster\n"
        "from harmonized_customs.errors import UsageError\n"
        "try:\n    cluster.client_for('local')\nexcept UsageError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert "harmonized-customs[dask]" in done.stdout


def test_an_empty_scheduler_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        cluster.client_for("")


def test_is_url_tells_urls_from_paths() -> None:
    assert cluster.is_url("s3://bucket/key.json")
    assert not cluster.is_url("inbox/key.json")
    assert not cluster.is_url("C:/inbox/key.json")

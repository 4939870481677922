"""The batch on a Dask cluster: ``check`` and ``convert`` over many files, from any fsspec URL.

The local batch (:mod:`harmonized_customs.batch`) is the default and needs nothing more. This
module runs the same jobs (:class:`~harmonized_customs.batch.CheckJob`,
:class:`~harmonized_customs.batch.ConvertJob`) on the workers of a Dask cluster
(``dask.distributed``) and gives back, in input order, the same per-document outcomes, so the
caller builds the same :class:`~harmonized_customs.batch.Summary`::

    from harmonized_customs import batch, cluster

    job = batch.CheckJob(targets=("US", "CA", "MX"))
    summary = batch.Summary()
    for entry, outcomes in cluster.run(job, ["s3://bucket/inbox/"], "tcp://scheduler:8786"):
        for outcome in outcomes:
            summary.add(outcome)
        summary.files += 1

Inputs are local paths (walked exactly as the local batch walks them) or fsspec URLs
(``s3://``, ``gs://``, ``az://``, ``https://``, ``memory://``...): a URL naming a folder is
listed recursively in sorted order, hidden names left out, and a glob is expanded. The
listing is done here, lazily; each worker fetches the bytes of its own files, so the client
never holds the data. Reports name such a file by its URL.

Needs the optional extra ``harmonized-customs[dask]`` (``dask[distributed]`` and fsspec).
Dask is imported inside the functions that use it, on purpose: discovery imports every module
of the library on first use (``plugins.py``), and this one must import without the extra.
"""

from __future__ import annotations

import importlib
import posixpath
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from harmonized_customs.batch import CHUNK_SIZE, Entry, Job, Outcome, chunks, iter_entries
from harmonized_customs.errors import UsageError

__all__ = ["LOCAL", "client_for", "iter_sources", "run"]

LOCAL = "local"
"""The scheduler name that starts a ``LocalCluster`` on this machine, one worker per core."""

WINDOW = 4
"""Chunks in flight per worker thread: enough to keep the cluster busy, few enough to stream."""

_EXTRA = "the Dask path needs the optional extra: pip install 'harmonized-customs[dask]'"


def _require(module: str) -> Any:
    """Import an optional module of the extra, or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise UsageError(_EXTRA) from error


def is_url(name: str) -> bool:
    """True for an fsspec URL (``protocol://...``), false for a local path."""
    protocol, separator, _ = name.partition("://")
    return bool(separator) and protocol.isidentifier()


def _remote(url: str) -> Iterator[str]:
    """The files a URL names: itself, the files under a folder, or a glob's matches, sorted."""
    fsspec = _require("fsspec")
    filesystem, path = fsspec.core.url_to_fs(url)
    if any(char in path for char in "*?["):
        found = sorted(filesystem.glob(path))
    elif filesystem.isdir(path):
        found = sorted(filesystem.find(path))
    else:
        found = [path]
    root = path.rstrip("/")
    for each in found:
        relative = posixpath.relpath(each, root) if each != root else posixpath.basename(each)
        if not any(part.startswith(".") for part in relative.split("/")):
            yield filesystem.unstrip_protocol(each)


def iter_sources(inputs: Iterable[str | Path]) -> Iterator[Entry]:
    """Each input file in order: local paths as the local batch gives them, URLs listed."""
    for name in inputs:
        if isinstance(name, Path) or not is_url(name):
            yield from iter_entries([Path(name)])
            continue
        base = name.rstrip("/")
        for url in _remote(name):
            inner = url[len(base) :].lstrip("/") if url.startswith(base) else ""
            top = posixpath.basename(base) if inner else ""
            relative = Path(top, inner) if inner else Path(posixpath.basename(url))
            yield Entry(Path(relative.name), relative, url=url)


def _fetch(entry: Entry) -> Entry:
    """Worker side: the entry with its bytes, fetched from its URL (local files are read later)."""
    if entry.url is None:
        return entry
    fsspec = _require("fsspec")
    with fsspec.open(entry.url, "rb") as handle:
        data: bytes = handle.read()
    return Entry(entry.path, entry.relative, url=entry.url, data=data)


def _run_chunk(job: Job, entries: list[Entry]) -> list[list[Outcome]]:
    """Worker side: every outcome of every file of the chunk, grouped by file."""
    return [list(job.outcomes(_fetch(entry))) for entry in entries]


def client_for(scheduler: str, *, workers: int | None = None, processes: bool = True) -> Any:
    """A ``distributed.Client``: a new ``LocalCluster`` for ``"local"``, else the address given.

    ``workers`` and ``processes`` shape the local cluster only (default: one worker process
    per core).
    """
    distributed = _require("distributed")
    if scheduler == LOCAL:
        cluster = distributed.LocalCluster(
            n_workers=workers, processes=processes, threads_per_worker=1, dashboard_address=None
        )
        return distributed.Client(cluster)
    if not scheduler:
        raise UsageError("name a scheduler: 'local' or an address such as tcp://host:8786")
    return distributed.Client(scheduler)


def run(
    job: Job,
    inputs: Iterable[str | Path],
    scheduler: str | Any = LOCAL,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    """For each input file in order, the file and its outcomes, computed on a Dask cluster.

    ``scheduler`` is ``"local"`` (a ``LocalCluster`` made and closed here), a scheduler
    address (``tcp://host:8786``), or a ``distributed.Client`` the caller owns. The files are
    sent in chunks of ``chunk_size``; a bounded window of chunks is in flight at a time, so
    the listing, the cluster and the caller all stream.
    """
    owned = isinstance(scheduler, str)
    client = client_for(scheduler) if isinstance(scheduler, str) else scheduler
    try:
        threads = max(1, sum(client.nthreads().values()))
        yield from _stream(client, job, iter_sources(inputs), chunk_size, threads * WINDOW)
    finally:
        if owned:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def _stream(
    client: Any, job: Job, entries: Iterator[Entry], chunk_size: int, window: int
) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    pending: deque[tuple[list[Entry], Any]] = deque()
    for chunk in chunks(entries, chunk_size):
        pending.append((chunk, client.submit(_run_chunk, job, chunk, pure=False)))
        if len(pending) >= window:
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(chunk: list[Entry], future: Any) -> Iterator[tuple[Entry, Iterator[Outcome]]]:
    results: list[list[Outcome]] = future.result()
    for entry, outcomes in zip(chunk, results, strict=True):
        yield entry, iter(outcomes)

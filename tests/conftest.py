"""Shared test configuration: hypothesis profiles and a few path fixtures.

Profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

* ``default``: quick (25 examples per property, no deadline);
* ``ci``: ``default`` derandomized, so that a CI run is reproducible; used when ``CI`` is set
  and no profile is named;
* ``thorough``: 500 examples per property, for a local deep run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from harmonized_customs.rules import list_rules, unregister_rule

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=500)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFDATA_ENV = "HARMONIZED_CUSTOMS_DATA_DIR"


@pytest.fixture(autouse=True, scope="session")
def _empty_refdata_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test sees an empty store of imported reference data, never the user's own."""
    previous = os.environ.get(REFDATA_ENV)
    os.environ[REFDATA_ENV] = str(tmp_path_factory.mktemp("refdata-empty"))
    yield
    if previous is None:
        os.environ.pop(REFDATA_ENV, None)
    else:
        os.environ[REFDATA_ENV] = previous


@pytest.fixture
def examples_dir() -> Path:
    """The folder of example declarations shipped with the project (``examples/``)."""
    return PROJECT_ROOT / "examples"


@pytest.fixture(autouse=True)
def _rules_defined_by_a_test_stay_in_it() -> Iterator[None]:
    """A ``@rule`` a test defines registers itself like any rule: remove it after the test."""
    before = {r.qualified_name for r in list_rules()}
    yield
    for each in list_rules():
        if each.qualified_name not in before:
            unregister_rule(each)

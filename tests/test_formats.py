"""The format registry: built-ins, third-party entry points, sniffing."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from importlib.metadata import EntryPoint

import pytest

import harmonized_customs as hc
from harmonized_customs import format_registry as formats
from harmonized_customs import plugins, registry
from harmonized_customs.errors import UnknownFormatError, UsageError
from harmonized_customs.format_registry import Format, ReadResult


def _read_nothing(data: bytes, source_name: str | None) -> Iterator[ReadResult]:
    yield ReadResult(None, ())


class _Entry:
    """Stands for an installed package's entry point."""

    def __init__(self, name: str, target: object) -> None:
        self.name = name
        self._target = target
        self.value = f"tests.plugin:{name}"

    def load(self) -> object:
        return self._target


PLUGIN = Format(
    name="test-plugin",
    jurisdiction=None,
    media_type="text/plain",
    description="A format provided by a third-party package",
    reader=_read_nothing,
    sniffer=lambda data: data.startswith(b"PLUGIN"),
    extensions=(".plg",),
)


def test_core_json_is_built_in() -> None:
    fmt = formats.get_format("core-json")
    assert fmt.direction == "read/write"
    assert fmt.jurisdiction is None


def test_unknown_format_names_the_registered_ones() -> None:
    with pytest.raises(UnknownFormatError, match="core-json"):
        formats.get_format("nope")


class _Installed:
    """What ``importlib.metadata.entry_points()`` gives, for the groups of a test."""

    def __init__(self, groups: dict[str, list[object]]) -> None:
        self.groups = groups

    def select(self, *, group: str) -> list[object]:
        return self.groups.get(group, [])


def _plug_in(monkeypatch: pytest.MonkeyPatch, entry: object) -> None:
    """Discovery finds ``entry`` in the formats group (and nothing else) on its next run."""
    groups = {plugins.FORMAT_ENTRY_POINTS: [entry]}
    monkeypatch.setattr(plugins, "entry_points", lambda: _Installed(groups))
    monkeypatch.setattr(plugins, "_may_name_our_groups", lambda: True)
    monkeypatch.setattr(formats, "_FORMATS", dict(formats._FORMATS))
    registry.reset()


@pytest.fixture(autouse=True)
def _discover_again_afterwards() -> Iterator[None]:
    yield
    registry.reset()


def test_entry_point_formats_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _Entry("test-plugin", PLUGIN)
    _plug_in(monkeypatch, entry)
    assert formats.get_format("test-plugin") is PLUGIN
    assert formats.sniff(b"PLUGIN data") is PLUGIN


def test_entry_point_that_is_not_a_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = EntryPoint(name="bad", value="harmonized_customs.core_json:dumps", group="x")
    _plug_in(monkeypatch, entry)
    with pytest.raises(UsageError, match="does not give a Format"):
        formats.list_formats()


def test_entry_point_may_name_the_format_object(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = EntryPoint(name="core-json", value="harmonized_customs.core_json:FORMAT", group="x")
    _plug_in(monkeypatch, entry)
    assert formats.get_format("core-json").name == "core-json"


def test_registering_a_different_format_under_a_taken_name_is_refused() -> None:
    clash = Format(name="core-json", jurisdiction=None, media_type="x/y", description="clash")
    with pytest.raises(UsageError):
        formats.register_format(clash)


def test_sniff_recognises_core_json_and_nothing_else() -> None:
    assert formats.sniff(b'{"schema_version": "1.0"}') is formats.get_format("core-json")
    assert formats.sniff(b"<?xml version='1.0'?><x/>") is None


def test_public_functions_do_not_hide_modules() -> None:
    assert callable(hc.formats)
    assert callable(hc.convert)
    assert hasattr(formats, "register_format")
    assert importlib.import_module("harmonized_customs.conversion").convert is hc.convert


def test_the_country_packages_are_not_hidden_by_hc_jurisdictions() -> None:
    assert callable(hc.jurisdictions)
    package = importlib.import_module("harmonized_customs.countries")
    assert package.list_jurisdictions() == hc.jurisdictions()

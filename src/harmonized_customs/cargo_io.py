"""Plumbing shared by the cargo-report (trip) formats: JSON in and out, locations, losses.

The truck manifest formats (``us-ace-emanifest-json``, ``ca-aci-emanifest-json``) are JSON
documents checked against a wire schema kept as a data file of their jurisdiction; the Carta
Porte format is XML. All of them:

* locate every problem twice: by its pointer in the core trip (``CargoReport``) and by its place
  in the wire file (line and column with the wire pointer, or an XPath);
* report, when writing, every value of the trip that does not come back when the output is
  read again (``value_not_carried``), grouped under the outermost value left out.

Numbers are read as :class:`~decimal.Decimal` and written from it, never through a float.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from harmonized_customs import collector
from harmonized_customs.format_registry import ReadResult
from harmonized_customs.issues import Issue, SourceLocation, Target
from harmonized_customs.json_input import JsonText, read_json
from harmonized_customs.losses import lost_against, not_carried_by
from harmonized_customs.model.cargo_report import CargoReport, CrewMember
from harmonized_customs.model.parties import Party
from harmonized_customs.model.wco import wco_id_for_pointer
from harmonized_customs.pointers import join, leaves
from harmonized_customs.validation import issues_from_validation_error

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "IMPLIED",
    "KIND",
    "MAX_BYTES",
    "JsonSource",
    "PointerMap",
    "core_time",
    "drop",
    "dump_json",
    "locations",
    "losses",
    "parse_json",
    "party_from_wire",
    "party_to_wire",
    "person_from_wire",
    "person_to_wire",
    "plate_from_wire",
    "read_results",
    "schema_issues",
    "state_code",
    "subdivision_of",
    "trip_from_data",
    "unplaceable",
    "wco",
    "wire_time",
]

KIND = "cargo-report"
IMPLIED = ("/schema_version", "/kind", "/mode", "/reported_at", "/fast")
"""Trip-level values every manifest implies or that are not part of a manifest."""
Doc = dict[str, Any]
MAX_BYTES = 16 * 1024 * 1024
"""A trip file above this size is refused (a real trip is a few kilobytes)."""
_NUMBER = re.compile(r'"\\u0000n:(-?[0-9]+(?:\.[0-9]+)?)"')


def wco(pointer: str) -> str | None:
    """The WCO Data Model ID of a pointer into the core trip."""
    return wco_id_for_pointer(pointer, CargoReport)


JsonSource = JsonText
"""A parsed JSON file that finds the line and column of a pointer on demand."""


def parse_json(data: bytes, source_name: str | None) -> tuple[Any, JsonSource | None, Issue | None]:
    """Decode and parse ``data`` (numbers exact, as Decimal); on failure the issue says why."""
    if len(data) > MAX_BYTES:
        return None, None, Issue.of("input_too_large", "", size=len(data), limit=MAX_BYTES)
    parsed = read_json(data, source_name, parse_float=Decimal)
    if parsed.source is None:
        return None, None, parsed.problem
    return parsed.value, parsed.source, None


class PointerMap:
    """Translates wire pointers to core-trip pointers with a table of path templates.

    Templates use ``*`` for an array index: ``("/shipments/*/shipmentControlNumber",
    "/shipments/*/shipment_control_number")``. The longest matching wire prefix wins; the
    indexes are carried over in order.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._pairs = sorted(pairs, key=lambda pair: -len(pair[0].split("/")))

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The ``(wire template, core template)`` pairs, longest wire template first."""
        return tuple(self._pairs)

    def core(self, wire: str) -> str:
        """The core pointer of a wire pointer (its nearest mapped ancestor, else the root)."""
        parts = wire.split("/")[1:]
        for template, target in self._pairs:
            shape = template.split("/")[1:]
            if len(shape) > len(parts):
                continue
            head = parts[: len(shape)]
            if all((s == "*" and p.isdigit()) or s == p for s, p in zip(shape, head, strict=True)):
                indexes = iter(p for s, p in zip(shape, head, strict=True) if s == "*")
                return "/".join(next(indexes) if t == "*" else t for t in target.split("/"))
        return ""


def schema_issues(
    document: Any,
    validator: jsonschema.protocols.Validator,
    source: JsonSource,
    pointers: PointerMap,
    unknown_code: str,
) -> Iterator[Issue]:
    """One located issue per violation of the wire schema, sorted by place in the file."""
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path)))
    for error in errors:
        wire = join(error.absolute_path)
        code, wire, ctx = _schema_problem(error, wire, unknown_code)
        core = pointers.core(wire)
        yield Issue.of(code, core, wco_id=wco(core), source=source.at(wire, field=wire), **ctx)


_VALUE_CODES = {
    "pattern": "value_format",
    "type": "value_type",
    "const": "code_not_allowed",
    "enum": "code_not_allowed",
    "minItems": "value_missing",
    "maxItems": "value_too_long",
    "maxLength": "value_too_long",
    "minLength": "value_too_short",
    "minimum": "value_out_of_range",
    "maximum": "value_out_of_range",
}


def _schema_problem(
    error: jsonschema.ValidationError, wire: str, unknown_code: str
) -> tuple[str, str, dict[str, Any]]:
    kind, expected = str(error.validator), cast(Any, error.validator_value)
    if kind == "required" and isinstance(error.instance, dict):
        missing = next((name for name in expected if name not in error.instance), "")
        return "value_missing", f"{wire}/{missing}", {}
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        extra = sorted(key for key in error.instance if key not in known)[0]
        return "field_unknown", f"{wire}/{extra}", {"field": extra}
    code = _VALUE_CODES.get(kind)
    shown = error.instance if isinstance(error.instance, str | int | Decimal) else ""
    if code is None:
        return unknown_code, wire, {"detail": error.message[:200]}
    ctx: dict[str, Any] = {"value": str(shown)}
    if kind == "pattern":
        ctx["pattern"] = expected
    elif kind == "type":
        ctx["expected"] = expected
    elif code == "code_not_allowed":
        ctx["allowed"] = ", ".join(map(repr, expected if kind == "enum" else [expected]))
    elif code == "value_out_of_range":
        ctx["limit"] = f"{'>=' if kind == 'minimum' else '<='} {expected}"
    elif code in {"value_too_long", "value_too_short"}:
        ctx["limit"] = expected
    return code, wire, ctx


TripRead = tuple[CargoReport | None, tuple[Issue, ...]]
"""A trip read from a file (``None`` when it cannot be built), with the issues found."""


@functools.cache
def wire_validator(package: str, *path: str) -> jsonschema.Draft202012Validator:
    """The JSON Schema validator of a wire contract shipped as package data (built once).

    jsonschema is imported here, on the first read of a cargo contract: a command that reads
    none (a declaration's ``check``) does not pay for it.
    """
    import jsonschema  # noqa: PLC0415 - imported on first use, see above

    schema = resources.files(package).joinpath(*path).read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(schema))


def read_contract(
    data: bytes,
    source_name: str | None,
    *,
    validator: jsonschema.Draft202012Validator,
    pointers: PointerMap,
    invalid_code: str,
    to_core_data: Callable[[Any], dict[str, Any]],
) -> Iterator[TripRead]:
    """The trip of one JSON trip document: parsed, checked against its wire schema, mapped.

    Every problem is an issue located by line, column and wire pointer, pointing into the
    core trip through ``pointers``; ``invalid_code`` names a schema violation.
    """
    document, source, problem = parse_json(data, source_name)
    if problem is not None or source is None:
        yield None, (problem,) if problem else ()
        return
    issues = tuple(schema_issues(document, validator, source, pointers, invalid_code))
    if issues:
        yield None, issues
        return
    yield trip_from_data(to_core_data(document), locations(document, source, pointers))


def read_results(trips: Iterable[TripRead]) -> Iterator[ReadResult]:
    """The format-registry results of trips read: the trip travels in ``ReadResult.document``."""
    for trip, issues in trips:
        yield ReadResult(trip, issues)


def trip_from_data(
    data: Mapping[str, Any], locate: Mapping[str, SourceLocation]
) -> tuple[CargoReport | None, tuple[Issue, ...]]:
    """Validate core data into a trip; model errors are located through ``locate``."""
    try:
        with collector.paused():
            return CargoReport.model_validate(data), ()
    except ValidationError as exc:
        found = issues_from_validation_error(exc, locate=locate, document_kind=KIND)
        return None, tuple(found)


def _numbers_marked(value: Any) -> Any:
    if isinstance(value, Decimal):
        return "\u0000n:" + format(value, "f")
    if isinstance(value, Mapping):
        return {key: _numbers_marked(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_numbers_marked(child) for child in value]
    return value


def dump_json(document: Any) -> str:
    """Canonical JSON text (two-space indent, UTF-8), decimals written as exact numbers."""
    text = json.dumps(_numbers_marked(document), indent=2, ensure_ascii=False)
    return _NUMBER.sub(lambda match: match.group(1), text) + "\n"


def unplaceable(
    problems: Iterable[Issue], target: Target, covered: Iterable[Issue] = ()
) -> list[Issue]:
    """The errors reading a written trip back gives, as the writer's own (once per pointer).

    A value the format requires and the trip does not give is written as nothing; the
    format's own reader then refuses the file. Saying so at write time keeps the promise that
    a writer's output reads back, or the writer reports the value it could not place. A value
    below a node the writer already reported as missing (``covered``) is not said again.
    """
    said = tuple(issue.pointer for issue in covered if issue.blocking)
    found: dict[str, Issue] = {}
    for problem in problems:
        if any(problem.pointer == p or problem.pointer.startswith(p + "/") for p in said):
            continue
        if problem.blocking and problem.pointer not in found:
            found[problem.pointer] = problem.replace(source=None, target=target)
    return list(found.values())


def losses(
    trip: CargoReport,
    read_back: Callable[[], CargoReport | None],
    format_name: str,
    target: Target,
    ignore: Iterable[str] = IMPLIED,
) -> list[Issue]:
    """``value_not_carried`` for every value of ``trip`` that reading the output loses.

    The one loss reporter (:mod:`harmonized_customs.losses`) decides; crossings are matched
    on country and direction first, since a format carries some of them only.
    """
    first = trip.model_dump(mode="json", exclude_defaults=True)
    back = read_back()
    after: Any = {}
    if back is not None:
        after = _aligned(first, back.model_dump(mode="json", exclude_defaults=True))
    lost = lost_against(first, after, ignore=ignore)
    return not_carried_by(format_name, target, CargoReport).issues(lost)


def _crossing_key(crossing: Mapping[str, Any]) -> tuple[Any, Any]:
    return crossing.get("country"), crossing.get("direction", "entry")


def _aligned(first: dict[str, Any], back: dict[str, Any]) -> dict[str, Any]:
    """``back`` with its crossings in the order of ``first`` (matched on country and direction).

    A format carries some crossings only, so their positions differ.
    """
    found = {_crossing_key(c): c for c in back.get("crossings", [])}
    crossings = [found.get(_crossing_key(c), {}) for c in first.get("crossings", [])]
    return {**back, "crossings": crossings}


def state_code(subdivision: str | None) -> str | None:
    """The state or province part of an ISO 3166-2 code (``US-TX`` -> ``TX``)."""
    return subdivision.split("-", 1)[1] if subdivision else None


@functools.cache
def _subdivisions() -> dict[str, list[str]]:
    import pycountry  # noqa: PLC0415 - only needed when a state code is read

    found: dict[str, list[str]] = {}
    for country in ("US", "CA", "MX"):
        listed: Any = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
        for each in listed or ():
            found.setdefault(each.code.split("-", 1)[1], []).append(each.code)
    return found


def subdivision_of(code: str | None, country: str | None = None) -> str | None:
    """The ISO 3166-2 code of a state or province code of the US, Canada or Mexico.

    ``None`` when the code is unknown, or names states of two countries and ``country`` does
    not say which (no guess is made).
    """
    if not code:
        return None
    if country:
        full = f"{country}-{code}"
        return full if full in _subdivisions().get(code, []) else None
    matches = _subdivisions().get(code, [])
    return matches[0] if len(matches) == 1 else None


def wire_time(value: dt.datetime | None) -> str | None:
    """``YYYY-MM-DD HH:MM:SS``, the time format of the truck manifests (local time)."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else None


def core_time(value: str | None) -> str | None:
    """The ISO 8601 form of a manifest time (``2026-12-03 09:15:00`` -> ``...T09:15:00``)."""
    return value.replace(" ", "T", 1) if isinstance(value, str) else value


def locations(document: Any, source: JsonSource, pointers: PointerMap) -> dict[str, SourceLocation]:
    """Core pointer -> place in the file, for every leaf of the wire document."""
    found: dict[str, SourceLocation] = {}
    for wire in leaves(document, keep_empty=True):
        found.setdefault(pointers.core(wire), source.at(wire, field=wire))
    return found


# The person, party and plate records the ACE and ACI documents share ---------------------


def drop(mapping: Doc) -> Doc:
    """The mapping without absent values and empty lists."""
    return {k: v for k, v in mapping.items() if v is not None and v != []}


def plate_from_wire(wire: Doc) -> Doc:
    """Core licence plate of a manifest plate (``number``, ``stateProvince``)."""
    subdivision = subdivision_of(wire.get("stateProvince"))
    country = subdivision.split("-")[0] if subdivision else None
    return drop({"number": wire["number"], "subdivision": subdivision, "country": country})


def person_from_wire(wire: Doc, role: str) -> Doc:
    """Core crew member of a manifest driver or passenger, with its travel documents."""
    documents = [
        drop(
            {
                "type": d["type"],
                "number": d["number"],
                "country": d.get("country"),
                "subdivision": subdivision_of(d.get("stateProvince"), d.get("country")),
            }
        )
        for d in wire.get("travelDocuments", [])
    ]
    return drop(
        {
            "role": role,
            "first_name": wire["firstName"],
            "last_name": wire["lastName"],
            "gender": wire.get("gender"),
            "date_of_birth": wire.get("dateOfBirth"),
            "citizenship": wire.get("citizenshipCountry"),
            "fast_card": wire.get("fastCardNumber"),
            "travel_documents": documents,
        }
    )


def person_to_wire(member: CrewMember) -> Doc:
    """Manifest driver or passenger record of a crew member."""
    documents = [
        drop(
            {
                "type": d.type,
                "number": d.number,
                "country": d.country,
                "stateProvince": state_code(d.subdivision),
            }
        )
        for d in member.travel_documents
    ]
    return drop(
        {
            "firstName": member.first_name,
            "lastName": member.last_name,
            "gender": member.gender,
            "dateOfBirth": member.date_of_birth.isoformat() if member.date_of_birth else None,
            "citizenshipCountry": member.citizenship,
            "fastCardNumber": member.fast_card,
            "travelDocuments": documents,
        }
    )


def party_from_wire(wire: Doc) -> Doc:
    """Core party of a manifest shipper or consignee (name and address)."""
    address = wire["address"]
    country = address.get("country")
    subdivision = subdivision_of(address.get("stateProvince"), country)
    return {
        "name": wire["name"],
        "address": drop(
            {
                "lines": [address["addressLine"]],
                "city": address["city"],
                "postal_code": address["postalCode"],
                "subdivision": subdivision,
                "country": country or (subdivision.split("-")[0] if subdivision else None),
            }
        ),
    }


def party_to_wire(party: Party, name_limit: int) -> Doc:
    """Manifest shipper or consignee record of a party (the name cut to ``name_limit``)."""
    address = party.address
    wire: Doc = {"name": party.name[:name_limit]} if party.name else {}
    if address is not None:
        wire["address"] = drop(
            {
                "addressLine": address.lines[0] if address.lines else None,
                "city": address.city,
                "postalCode": address.postal_code,
                "stateProvince": state_code(address.subdivision),
                "country": address.country,
            }
        )
    return wire

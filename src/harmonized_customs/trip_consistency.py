"""Consistency between a truck trip and the customs declarations of its goods.

The cargo report and the goods declaration are filed by different people (carrier and broker)
and must agree, or the truck is held at the border: CBP matches the entry to the manifest by
the shipment control number ("No Bill on File" otherwise); CBSA releases on the PARS number,
which is the shipment's cargo control number; the Carta Porte names the pedimento that covers
the goods. :func:`check_trip_declarations` compares, shipment by shipment:

* the control number (SCN, CCN) with the bills and cargo control numbers of the declaration;
* the pedimento numbers on the trip with the declaration's pedimento number;
* the number of packages with the declaration's total packages;
* the gross weight, in kilograms, with the declaration's gross weight, within a tolerance.

The default weight tolerance is 2 % of the declared weight (:data:`WEIGHT_TOLERANCE`): a
manifest weight is often the shipper's declared weight rounded, or pounds converted, while a
broker's weight comes from the invoice or packing list. It is a parameter; no agency publishes
a tolerance for this comparison.

A declaration belongs to a shipment when the shipment links its number (entry number,
transaction number, pedimento) or when it carries the shipment's control number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from harmonized_customs.issues import Issue, Report, Severity, register_code
from harmonized_customs.model import CargoReport, Declaration, Shipment
from harmonized_customs.model.wco import wco_id_for_pointer

__all__ = ["WEIGHT_TOLERANCE", "check_trip_declarations"]

WEIGHT_TOLERANCE = Decimal("0.02")
"""Largest relative difference of gross weights accepted between trip and declaration."""
_CONTROL_KINDS = frozenset({"bill-of-lading", "road-waybill", "cargo-control-number"})
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")

register_code(
    "trip_declaration_not_found",
    Severity.WARNING,
    "shipment {shipment} links {number}, but no declaration given has that number",
    authority="harmonized_customs",
    example_ctx={"shipment": 1, "number": "26  24  3456  6001234"},
    fix="Give the declaration with the trip, or correct the linked number.",
)
register_code(
    "trip_control_number_mismatch",
    Severity.ERROR,
    "shipment {shipment} has control number {number}; its declaration carries {declared}",
    authority="CBP/CBSA",
    example_ctx={"shipment": 1, "number": "XNLT00045821", "declared": "XNLT00045812"},
    fix="Put the same SCN or CCN on the declaration and the manifest, or the truck is held.",
)
register_code(
    "trip_pedimento_mismatch",
    Severity.ERROR,
    "shipment {shipment} names pedimento {number}; its declaration is pedimento {declared}",
    authority="SAT/ANAM",
    example_ctx={"shipment": 1, "number": "26  24  3456  6001234", "declared": "262434566001235"},
    fix="Name in the Carta Porte the pedimento that covers the goods.",
)
register_code(
    "trip_packages_mismatch",
    Severity.ERROR,
    "shipment {shipment} counts {trip} packages; its declaration counts {declared}",
    authority="harmonized_customs",
    example_ctx={"shipment": 1, "trip": "160", "declared": "150"},
    fix="Count packages the same way (lowest external packaging unit) in both documents.",
)
register_code(
    "trip_weight_mismatch",
    Severity.ERROR,
    "shipment {shipment} weighs {trip} kg; its declaration says {declared} kg "
    "(more than {tolerance} % apart)",
    authority="harmonized_customs",
    example_ctx={"shipment": 1, "trip": "11250.5", "declared": "12400", "tolerance": "2"},
    fix="Check the weights: the same goods cannot weigh differently on the two documents.",
)


def check_trip_declarations(
    trip: CargoReport,
    declarations: Sequence[Declaration],
    *,
    weight_tolerance: Decimal = WEIGHT_TOLERANCE,
) -> Report:
    """Every disagreement between ``trip`` and the declarations of its goods, as issues."""
    issues: list[Issue] = []
    for index, shipment in enumerate(trip.shipments):
        issues.extend(_shipment_issues(index, shipment, declarations, weight_tolerance))
    return Report(issues)


def _compact(value: str | None) -> str:
    return _NOT_ALNUM.sub("", (value or "").upper())


def _numbers(declaration: Declaration) -> set[str]:
    """The national reference numbers of a declaration, compacted."""
    national = declaration.national
    found = {
        national.us.entry_number if national.us else None,
        national.ca.transaction_number if national.ca else None,
        national.mx.pedimento_number if national.mx else None,
    }
    return {_compact(n) for n in found if n}


def _control_numbers(declaration: Declaration) -> set[str]:
    transport = declaration.transport
    if transport is None:
        return set()
    return {_compact(d.number) for d in transport.documents if d.kind in _CONTROL_KINDS}


def _shipment_issues(
    index: int, shipment: Shipment, declarations: Sequence[Declaration], tolerance: Decimal
) -> Iterator[Issue]:
    base = f"/shipments/{index}"
    controls = {_compact(shipment.shipment_control_number), _compact(shipment.cargo_control_number)}
    controls.discard("")
    linked: list[Declaration] = []
    for link in shipment.customs_documents:
        matches = [d for d in declarations if _compact(link.number) in _numbers(d)]
        if not matches and link.kind != "other":
            yield _issue(
                "trip_declaration_not_found", f"{base}/customs_documents", index, number=link.number
            )
        linked.extend(m for m in matches if m not in linked)
    linked.extend(d for d in declarations if controls & _control_numbers(d) and d not in linked)
    for declaration in linked:
        yield from _compare(index, shipment, declaration, controls, tolerance)


def _compare(
    index: int,
    shipment: Shipment,
    declaration: Declaration,
    controls: set[str],
    tolerance: Decimal,
) -> Iterator[Issue]:
    base = f"/shipments/{index}"
    declared = _control_numbers(declaration)
    if declared and controls and not controls & declared:
        field = (
            "shipment_control_number"
            if shipment.shipment_control_number
            else "cargo_control_number"
        )
        number = shipment.shipment_control_number or shipment.cargo_control_number
        yield _issue(
            "trip_control_number_mismatch",
            f"{base}/{field}",
            index,
            number=number,
            declared=", ".join(sorted(declared)),
        )
    yield from _pedimento(index, shipment, declaration)
    yield from _quantities(index, shipment, declaration, tolerance)


def _pedimento(index: int, shipment: Shipment, declaration: Declaration) -> Iterator[Issue]:
    mx = declaration.national.mx
    declared = mx.pedimento_number if mx else None
    for position, link in enumerate(shipment.customs_documents):
        if link.kind == "mx-pedimento" and declared and _compact(link.number) != declared:
            yield _issue(
                "trip_pedimento_mismatch",
                f"/shipments/{index}/customs_documents/{position}/number",
                index,
                number=link.number,
                declared=declared,
            )


def _total(values: Iterable[Decimal | int | None]) -> Decimal | None:
    listed = list(values)
    if not listed or any(v is None for v in listed):
        return None
    return sum((Decimal(v) for v in listed if v is not None), Decimal(0))


def _quantities(
    index: int, shipment: Shipment, declaration: Declaration, tolerance: Decimal
) -> Iterator[Issue]:
    items = declaration.goods_items
    totals = declaration.totals
    packages: Decimal | None = (
        Decimal(totals.package_count)
        if totals is not None and totals.package_count is not None
        else _total(i.packages.count if i.packages else None for i in items)
    )
    trip_packages = sum((c.quantity for c in shipment.commodities), Decimal(0))
    if packages is not None and packages != trip_packages:
        yield _issue(
            "trip_packages_mismatch",
            f"/shipments/{index}/commodities",
            index,
            trip=str(trip_packages),
            declared=str(packages),
        )
    weight = (totals.gross_weight_kg if totals else None) or _total(
        i.gross_weight_kg for i in items
    )
    trip_weight = sum((c.weight_kg for c in shipment.commodities), Decimal(0))
    if weight and abs(trip_weight - weight) > weight * tolerance:
        yield _issue(
            "trip_weight_mismatch",
            f"/shipments/{index}/commodities",
            index,
            trip=str(round(trip_weight, 3)),
            declared=str(weight),
            tolerance=str(tolerance * 100).rstrip("0").rstrip("."),
        )


def _issue(code: str, pointer: str, index: int, **ctx: Any) -> Issue:
    return Issue.of(
        code, pointer, wco_id=wco_id_for_pointer(pointer, CargoReport), shipment=index + 1, **ctx
    )

"""Declarations complete for one filing country, and helpers to check them one change at a time.

``complete_data(country)`` returns the core-json data (a plain ``dict``) of a small declaration
that nothing blocks in ``country`` and that gives no issue at all there, core rules included:

* ``US``: ``examples/complete-us-import.json`` cut to its first two lines, without the declared
  totals (so that a test may change a line's value without also fixing a total);
* ``CA``: welding wire trucked from Texas to Ontario, one US-origin line (tariff treatment 10,
  UST) and one Mexican-origin line (11, MXT), both claiming CUSMA under one certification, with
  the carrier code of the cargo control number and a quantity in a CBSA unit (PCE). The
  lines are worth USD 1,600.00 + 1,040.00 at a USD->CAD rate of 1.25, that is **exactly
  CAD 3,300.00**, the CUSMA low-value threshold, so the threshold is probed by one change;
* ``MX``: Canadian pulses by rail to Mexico City through Nuevo Laredo, two partidas with
  fracción, NICO, UMC and UMT, identificador TL with complement CAN, and a USD->MXN rate.

Identifiers are built, not copied: BN15s get their BN9 check digit from ``stdnum.ca.bn``
(Luhn), RFCs theirs from ``stdnum.mx.rfc``, the entry number comes from the example, the CBSA
transaction number carries the candidate check digit so that it passes even with the
``ca_transaction_check_digit`` option on. Companies are fictitious.

A test changes one thing in the data, builds it (:func:`build`), checks it for one country
(:func:`check_for`) and says exactly which issue appears (:func:`only`, :func:`seen`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from stdnum import luhn
from stdnum.ca import bn as stdnum_bn
from stdnum.mx import rfc as stdnum_rfc

import harmonized_customs as hc
from harmonized_customs import identifiers
from harmonized_customs.crossfiling import CrossFilingReport
from harmonized_customs.issues import Issue, Severity
from harmonized_customs.model import Declaration

Data = dict[str, Any]
"""Core-json data of a declaration, as ``json.loads`` gives it."""

Complete = Callable[[str], Data]
"""The type of the ``complete`` fixture: country code -> fresh complete data."""

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def bn15(first_eight: str, program: str = "RM", reference: str = "0001") -> str:
    """A BN15 whose BN9 check digit is right (``stdnum.ca.bn`` accepts the BN9)."""
    bn9 = first_eight + luhn.calc_check_digit(first_eight)
    assert stdnum_bn.is_valid(bn9)
    return bn9 + program + reference


def rfc(first_eleven: str) -> str:
    """A company RFC (12 characters) whose check digit is right for ``stdnum.mx.rfc``."""
    value = first_eleven + stdnum_rfc.calc_check_digit(first_eleven)
    assert stdnum_rfc.is_valid(value)
    return value


IMPORTER_CA_BN15 = bn15("70512983")  # 705129831RM0001
EXPORTER_CA_BN15 = bn15("81623094")  # 816230940RM0001
IMPORTER_MX_RFC = rfc("CEG150312AB")  # CEG150312AB7
EXPORTER_MX_RFC = rfc("AEN100301K1")
CA_TRANSACTION_NUMBER = "1234500149578" + identifiers.ca_transaction_number.calc_check_digit(
    "1234500149578"
)
MX_PEDIMENTO_NUMBER = identifiers.mx_pedimento.compose("26", "24", "3999", "6001187")


def _address(
    line: str, city: str, subdivision: str, postal_code: str, country: str
) -> dict[str, Any]:
    return {
        "lines": [line],
        "city": city,
        "subdivision": subdivision,
        "postal_code": postal_code,
        "country": country,
    }


def _party(name: str, address: dict[str, Any], *identifiers: tuple[str, str]) -> Data:
    return {
        "name": name,
        "address": address,
        "identifiers": [{"scheme": scheme, "value": value} for scheme, value in identifiers],
    }


@cache
def _us_example() -> str:
    return (EXAMPLES / "complete-us-import.json").read_text(encoding="utf-8")


def _complete_us() -> Data:
    data: Data = json.loads(_us_example())
    data["goods_items"] = data["goods_items"][:2]
    data["trader_reference"] = "CHP-30917"  # the 9 characters of the ABI broker reference
    del data["national"]["us"]["bond_type"]  # no bond record: no surety code to name
    del data["totals"]
    for invoice in data["invoices"]:
        invoice.pop("total", None)
    return data


def _complete_ca() -> Data:
    importer = _party(
        "Example Fabrication Supply Ltd.",
        _address("310 Example Street North", "Hamilton", "CA-ON", "L8L 4J6", "CA"),
        ("ca-bn15", IMPORTER_CA_BN15),
    )
    exporter = _party(
        "Example Weld Consumables of Texas, LLC",
        _address("4820 Example Parkway", "Pasadena", "US-TX", "77507", "US"),
        ("us-ein", "74-3051728"),
    )

    def line(number: int, ca_tariff: str, origin: str, amount: str, treatment: str) -> Data:
        return {
            "line_number": number,
            "description": "Flux-cored welding wire on 15 kg spools",
            "classification": {"hs6": "831120", "ca_tariff": ca_tariff},
            "origin_country": origin[:2],
            "origin_subdivision": origin,
            "quantity": {"value": "40", "unit": "H87"},
            "tariff_quantities": [{"jurisdiction": "CA", "value": "40", "unit": "PCE"}],
            "value": {"amount": amount, "currency": "USD"},
            "preference": {
                "program": "USMCA",
                "origin_criterion": "B",
                "certification_id": "EWC-2026",
            },
            "national": {"ca": {"tariff_treatment": treatment, "vfd_code": "13"}},
        }

    return {
        "schema_version": "1.0",
        "direction": "import",
        "declaration_date": "2026-11-19",
        "arrival_date": "2026-11-19",
        "export_date": "2026-11-18",
        "country_of_export": "US",
        "country_of_destination": "CA",
        "national": {
            "ca": {
                "transaction_number": CA_TRANSACTION_NUMBER,
                "office_code": "0440",
                "carrier_code": "9EXN",
            }
        },
        "importer": importer,
        "exporter": copy.deepcopy(exporter),
        "seller": copy.deepcopy(exporter),
        "transport": {
            "mode": "3",
            "documents": [{"kind": "cargo-control-number", "number": "9EXN2611180417"}],
        },
        "valuation": {
            "incoterm": "FCA",
            "incoterm_place": "Pasadena, TX",
            "currency": "USD",
            "exchange_rates": [
                {
                    "source_currency": "USD",
                    "target_currency": "CAD",
                    "rate": "1.25",
                    "basis": "illustrative",
                }
            ],
        },
        "goods_items": [
            line(1, "8311200020", "US-TX", "1600.00", "10"),
            line(2, "8311200010", "MX-NLE", "1040.00", "11"),
        ],
        "certifications": [
            {
                "id": "EWC-2026",
                "certifier_role": "exporter",
                "certifier": copy.deepcopy(exporter),
                "exporter": copy.deepcopy(exporter),
                "producer_disclosure": "various",
                "goods": [
                    {
                        "description": "Flux-cored welding wire",
                        "hs6": "831120",
                        "origin_criterion": "B",
                    }
                ],
                "blanket_period": {"start": "2026-01-01", "end": "2026-12-31"},
                "signed_by": "Sam Example, Export Manager",
                "signed_on": "2025-12-15",
            }
        ],
    }


def _complete_mx() -> Data:
    importer = _party(
        "Comercializadora Ejemplo de Granos, S.A. de C.V.",
        _address("Calle Ejemplo 120", "Ciudad de México", "MX-CMX", "02300", "MX"),
        ("mx-rfc", IMPORTER_MX_RFC),
    )
    exporter = _party(
        "Prairie Example Pulses Ltd.",
        _address("1200 Example Avenue", "Saskatoon", "CA-SK", "S7K 1J5", "CA"),
        ("ca-bn15", EXPORTER_CA_BN15),
    )

    def line(number: int, hs6: str, fraccion: str, description: str, amount: str) -> Data:
        return {
            "line_number": number,
            "description": description,
            "classification": {"hs6": hs6, "mx_fraccion": fraccion, "mx_nico": "00"},
            "origin_country": "CA",
            "origin_subdivision": "CA-SK",
            "quantity": {"value": "20000", "unit": "KGM"},
            "tariff_quantities": [{"jurisdiction": "MX", "value": "20000", "unit": "1"}],
            "value": {"amount": amount, "currency": "USD"},
            "invoice_number": "PEP-26-1187",
            "preference": {
                "program": "USMCA",
                "origin_criterion": "A",
                "certification_id": "PEP-1187",
            },
            "national": {
                "mx": {
                    # EO (emisor del certificado de origen) goes with TL since 2023-12-29;
                    # its complement codes are not verified, so none is given.
                    "identifiers": [{"code": "TL", "complement1": "CAN"}, {"code": "EO"}],
                    "valuation_method": "1",
                    "vinculacion": "0",
                }
            },
        }

    return {
        "schema_version": "1.0",
        "direction": "import",
        "declaration_date": "2026-11-24",
        "arrival_date": "2026-11-24",
        "export_date": "2026-11-20",
        "country_of_export": "CA",
        "country_of_destination": "MX",
        "national": {
            "mx": {
                "pedimento_number": MX_PEDIMENTO_NUMBER,
                "clave_pedimento": "A1",
                "aduana_seccion": "240",
                "patente": "3999",
                "tipo_operacion": "1",
                "regimen": "IMD",
                "destino": "9",
            }
        },
        "importer": importer,
        "exporter": copy.deepcopy(exporter),
        "seller": copy.deepcopy(exporter),
        "transport": {
            "mode": "2",
            "containerised": True,
            "documents": [{"kind": "rail-waybill", "number": "ECRR-26-55102"}],
            "equipment": [
                {"identifier": "HCXU1020303", "seals": ["CA4471020"], "size_type": "22G1"}
            ],
        },
        "valuation": {
            "incoterm": "FCA",
            "incoterm_place": "Saskatoon, SK",
            "currency": "USD",
            "exchange_rates": [
                {
                    "source_currency": "USD",
                    "target_currency": "MXN",
                    "rate": "17.25",
                    "basis": "illustrative",
                }
            ],
        },
        "invoices": [{"number": "PEP-26-1187", "date": "2026-11-18"}],
        "goods_items": [
            line(1, "071340", "07134001", "Whole red lentils, in bulk bags", "16000.00"),
            line(2, "071310", "07131099", "Yellow split peas, not for sowing", "9600.00"),
        ],
        "certifications": [
            {
                "id": "PEP-1187",
                "certifier_role": "exporter",
                "certifier": copy.deepcopy(exporter),
                "exporter": copy.deepcopy(exporter),
                "producer": copy.deepcopy(exporter),
                "goods": [
                    {
                        "description": "Whole red lentils",
                        "hs6": "071340",
                        "origin_criterion": "A",
                        "invoice_number": "PEP-26-1187",
                    },
                    {
                        "description": "Yellow split peas",
                        "hs6": "071310",
                        "origin_criterion": "A",
                        "invoice_number": "PEP-26-1187",
                    },
                ],
                "signed_by": "Robin Example, Sales Manager",
                "signed_on": "2026-11-18",
            }
        ],
    }


_FACTORIES: dict[str, Callable[[], Data]] = {
    "US": _complete_us,
    "CA": _complete_ca,
    "MX": _complete_mx,
}


def complete_data(country: str) -> Data:
    """Fresh core-json data of a declaration complete for ``country`` (US, CA or MX)."""
    return _FACTORIES[country]()


def build(data: Data) -> Declaration:
    """The declaration of ``data``; a model error here is a mistake in the test."""
    return Declaration.model_validate(data)


COVERAGE_SUFFIXES = ("_dataset_missing", "_dataset_stale")
"""Codes saying once per declaration that a reference dataset is not loaded or is old
(``us_hts_dataset_missing``...): the reference-data tests check them; the rule tests here,
which look at one change at a time, leave them out."""


def without_coverage(issues: Iterable[Issue]) -> list[Issue]:
    """``issues`` less the reference-data coverage notices."""
    return [i for i in issues if not i.code.endswith(COVERAGE_SUFFIXES)]


def check_for(data: Data, target: str, **options: Any) -> CrossFilingReport:
    """Core rules and ``target``'s rules on ``data`` (only that target).

    Left out: the notices about reference datasets (:data:`COVERAGE_SUFFIXES`), values derived
    by a documented rule (``us_value_derived``, info) and the findings of the rules that run a
    country's filing format (``*_fields_given``): they are tested in ``tests/test_ready.py``;
    here each rule's own findings are compared.
    """
    report = hc.check(build(data), [target], options=options)
    kept = [
        i
        for i in without_coverage(report)
        if i.code != "us_value_derived" and not (i.rule or "").endswith("_fields_given")
    ]
    return CrossFilingReport(kept, report.targets)


def as_export_from(data: Data, country: str) -> Data:
    """``data`` turned into an export declaration of ``country`` (direction and country).

    A Mexican export also gets the pedimento's tipo de operación 2 and régimen EXD.
    """
    data["direction"] = "export"
    data["country_of_export"] = country
    mx = data.get("national", {}).get("mx")
    if country == "MX" and mx:
        mx.update({k: v for k, v in {"tipo_operacion": "2", "regimen": "EXD"}.items() if k in mx})
    return data


class Seen(NamedTuple):
    """What a test says about an issue, apart from its message values."""

    code: str
    target: str | None
    pointer: str
    wco_id: str | None
    severity: Severity
    suggestion: Any = None


def seen(report: hc.Report) -> list[Seen]:
    """Every issue of ``report`` as a :class:`Seen`, in report order."""
    return [Seen(i.code, i.target, i.pointer, i.wco_id, i.severity, i.suggestion) for i in report]


def only(report: hc.Report) -> Issue:
    """The one issue of ``report``; fails when there are none or several."""
    issues = list(report)
    assert len(issues) == 1, [i.code for i in issues]
    return issues[0]


@pytest.fixture
def complete() -> Complete:
    """``complete(country)`` -> fresh data of a declaration complete for that country."""
    return complete_data

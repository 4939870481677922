"""The core rule that uses the shipped HS 2022 nomenclature."""

from __future__ import annotations

import harmonized_customs as hc
from harmonized_customs.issues import Severity

from .conftest import Complete, build, check_for


def test_real_subheadings_pass(complete: Complete) -> None:
    for country in ("US", "CA", "MX"):
        report = check_for(complete(country), country)
        assert not [i for i in report if i.code.startswith("hs_")], country


def test_hs6_that_is_not_a_subheading(complete: Complete) -> None:
    data = complete("CA")
    item = data["goods_items"][0]
    item["classification"] = {"hs6": "831100"}  # heading 8311 has no subheading 00
    report = check_for(data, "CA")
    (issue,) = [i for i in report if i.code == "hs_subheading_unknown"]
    assert (issue.severity, issue.target) == (Severity.ERROR, None)
    assert issue.pointer == "/goods_items/0/classification/hs6"
    assert issue.ctx["edition"] == "HS 2022"


def test_no_edition_after_hs_2022(complete: Complete) -> None:
    data = complete("CA")
    data["declaration_date"] = "2028-02-01"
    data["goods_items"][0]["classification"] = {"hs6": "831100"}
    report = hc.check(build(data), ["CA"])
    codes = [i.code for i in report]
    assert codes.count("hs_dataset_missing") == 1
    assert "hs_subheading_unknown" not in codes

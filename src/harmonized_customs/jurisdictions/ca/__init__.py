"""Canada: CBSA, the commercial accounting declaration and the Canadian filing rules.

More information: CBSA Memorandum D17-1-10 (Coding of Customs Accounting Documents); CARM
Client Portal commercial accounting declaration guidance; Customs Notices 20-14 and 20-15
(CUSMA).
"""

from __future__ import annotations

from harmonized_customs.jurisdictions import Country

__all__ = ["JURISDICTION"]

JURISDICTION = Country(
    code="CA",
    name="Canada",
    authority="CBSA",
    rules_module="harmonized_customs.jurisdictions.ca.rules",
    code_modules=(
        "harmonized_customs.jurisdictions.ca.cargo_codes",
        "harmonized_customs.jurisdictions.ca.codes",
    ),
    format_modules=("harmonized_customs.jurisdictions.ca.cad",),
)

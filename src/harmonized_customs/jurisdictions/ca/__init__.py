"""Canada: CBSA, the commercial accounting declaration and the Canadian filing rules.

More information: CBSA Memorandum D17-1-10 (Coding of Customs Accounting Documents); CARM
Client Portal commercial accounting declaration guidance; Customs Notices 20-14 and 20-15
(CUSMA).
"""

from __future__ import annotations

from harmonized_customs.jurisdictions import Jurisdiction

__all__ = ["JURISDICTION"]

JURISDICTION = Jurisdiction(code="CA", name="Canada", authority="CBSA", rank=2)

"""United States: CBP, the ABI entry summary and the US filing rules.

More information: CBP Form 7501 and its instructions; ACE CATAIR (Customs and Trade Automated
Interface Requirements), Entry Summary chapter; 19 CFR Parts 141-142 and 182.
"""

from __future__ import annotations

from harmonized_customs.jurisdictions import Jurisdiction

__all__ = ["JURISDICTION"]

JURISDICTION = Jurisdiction(code="US", name="United States", authority="CBP", rank=1)

"""The USMCA / CUSMA / T-MEC certification of origin (Annex 5-A minimum data elements).

The nine minimum data elements of Annex 5-A of the Agreement (Article 5.2).

No form is prescribed; the certification may be on the invoice or any other document that
carries the elements. One object serves the claim in all three countries:

1. who certifies (importer, exporter or producer); 2. certifier; 3. exporter; 4. producer (or
"various" / "available upon request"); 5. importer; 6. description and HS classification to six
digits; 7. origin criterion (A-D, Article 4.2); 8. blanket period, at most 12 months;
9. authorised signature and date.

More information: USMCA Chapter 5 and Annex 5-A (https://ustr.gov/trade-agreements/free-trade-agreements/united-states-mexico-canada-agreement/agreement-between);
CBP "USMCA Certification of Origin" guidance; CBSA Memorandum D11-4-2.
"""

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from harmonized_customs.model._base import CoreModel, wco
from harmonized_customs.model.parties import Party

__all__ = ["BlanketPeriod", "CertificationOfOrigin", "CertifiedGood"]


def _one_year_after(start: dt.date) -> dt.date:
    """The same calendar day one year later (28 February when ``start`` is 29 February)."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)


class BlanketPeriod(CoreModel):
    """Element 8: the period a blanket certification covers, at most 12 months."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _within_twelve_months(self) -> "BlanketPeriod":
        if self.end < self.start:
            raise PydanticCustomError(
                "period_end_before_start",
                "the period ends ({end}) before it starts ({start})",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        if self.end >= _one_year_after(self.start):
            raise PydanticCustomError(
                "blanket_period_too_long",
                "a blanket period may cover at most 12 months; {start} to {end} is longer",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class CertifiedGood(CoreModel):
    """Elements 6 and 7 for one good."""

    description: str = Field(min_length=1, max_length=512, json_schema_extra=wco("137"))
    hs6: str = Field(pattern=r"^[0-9]{6}$", json_schema_extra=wco("145"))
    origin_criterion: Literal["A", "B", "C", "D"] = Field(json_schema_extra=wco("501"))
    invoice_number: str | None = Field(
        None, max_length=35, description="Invoice number, for a single shipment."
    )


class CertificationOfOrigin(CoreModel):
    """A USMCA certification of origin (Annex 5-A minimum data elements)."""

    id: str = Field(
        min_length=1,
        max_length=35,
        pattern=r"^[A-Za-z0-9._\-]+$",
        description="Local reference used by goods items' preference claims.",
    )
    certifier_role: Literal["importer", "exporter", "producer"] = Field(
        description="Element 1: who certifies."
    )
    certifier: Party = Field(description="Element 2: name, title, address, phone, e-mail.")
    exporter: Party | None = Field(None, description="Element 3.")
    producer: Party | None = Field(None, description="Element 4.")
    producer_disclosure: Literal["various", "available-upon-request"] | None = Field(
        None, description="Element 4 when the producer is not named."
    )
    importer: Party | None = Field(None, description="Element 5, if known.")
    goods: list[CertifiedGood] = Field(min_length=1, description="Elements 6 and 7.")
    blanket_period: BlanketPeriod | None = Field(None, description="Element 8.")
    signed_by: str = Field(min_length=1, max_length=70, description="Element 9: signatory.")
    signed_on: dt.date = Field(description="Element 9: date of signature.")

    @model_validator(mode="after")
    def _producer_named_or_disclosed(self) -> "CertificationOfOrigin":
        if self.producer is not None and self.producer_disclosure is not None:
            raise PydanticCustomError(
                "producer_named_and_withheld",
                "name the producer or say it is 'various' / 'available upon request', not both",
                {},
            )
        return self

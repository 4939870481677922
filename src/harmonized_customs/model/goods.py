"""Goods items: classification, origin, quantities, weights, values, preference and documents.

Classification is the WCO Harmonized System at six digits (harmonised across all three
countries) plus each country's national extension: the US HTSUS statistical reporting number
(10 digits), the Canadian classification number (10 digits: 8-digit tariff item + 2-digit
statistical suffix) and the Mexican fracción arancelaria (8 digits) with its NICO (2 digits,
número de identificación comercial). A national code must extend the HS6; it is never derived
from it. WCO Data Model: 145 classification, 137 description, 063 origin, 066 region of
origin, 130 tariff quantity, 126/128 weights, 112 item amount, 108 customs value, 144/141/142
packages.
"""

import datetime as dt
import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from harmonized_customs.model._base import (
    CoreModel,
    CountryCode,
    Quantity,
    SubdivisionCode,
    empty_list,
    no_arguments,
    wco,
)
from harmonized_customs.model.national import LineNational
from harmonized_customs.model.parties import Party
from harmonized_customs.model.valuation import Money

__all__ = [
    "CertificationReference",
    "Classification",
    "Document",
    "GoodsItem",
    "Measure",
    "NationalAmount",
    "NationalBlock",
    "Packages",
    "PreferenceClaim",
    "TariffQuantity",
]

NationalBlock = Literal["US", "CA", "MX"]
"""A country with a national block in this model (its tariff quantities and amounts)."""

UNIT_PATTERN = r"^[A-Z0-9]{1,3}$"


class Classification(CoreModel):
    """HS6 plus the national tariff extensions, each optional and each checked against the HS6."""

    hs6: str = Field(pattern=r"^[0-9]{6}$", json_schema_extra=wco("145"))
    us_hts: str | None = Field(
        None, pattern=r"^[0-9]{10}$", description="HTSUS 10-digit statistical reporting number."
    )
    us_additional_hts: list[str] = Field(
        default_factory=empty_list,
        description="Further HTSUS numbers reported on the line (Chapter 98/99 provisions).",
    )
    ca_tariff: str | None = Field(
        None, pattern=r"^[0-9]{10}$", description="Canadian 10-digit classification number."
    )
    mx_fraccion: str | None = Field(
        None, pattern=r"^[0-9]{8}$", description="Mexican fracción arancelaria (TIGIE, 8 digits)."
    )
    mx_nico: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="Mexican NICO (2 digits) under the fracción."
    )

    @field_validator("us_hts", "ca_tariff", "mx_fraccion")
    @classmethod
    def _extends_hs6(cls, code: str | None, info: ValidationInfo) -> str | None:
        hs6 = info.data.get("hs6")
        if code is not None and hs6 is not None and not code.startswith(hs6):
            raise PydanticCustomError(
                "national_code_hs6_mismatch",
                "{field} {code} does not extend HS {hs6}",
                {"field": info.field_name, "code": code, "hs6": hs6},
            )
        return code

    @field_validator("us_additional_hts")
    @classmethod
    def _chapter_98_or_99(cls, numbers: list[str]) -> list[str]:
        for extra in numbers:
            if not re.fullmatch(r"9[89][0-9]{8}", extra):
                raise PydanticCustomError(
                    "additional_hts_invalid",
                    "{code} is not a 10-digit HTSUS Chapter 98 or 99 number",
                    {"code": extra},
                )
        return numbers

    @field_validator("mx_nico")
    @classmethod
    def _nico_has_fraccion(cls, nico: str | None, info: ValidationInfo) -> str | None:
        if nico is not None and info.data.get("mx_fraccion") is None:
            raise PydanticCustomError(
                "nico_without_fraccion", "a NICO needs its fracción arancelaria", {}
            )
        return nico


class Measure(CoreModel):
    """A quantity with its UN/ECE Recommendation 20 unit code (KGM, NMB, LTR, MTK...)."""

    value: Quantity
    unit: str = Field(pattern=UNIT_PATTERN, description="UN/ECE Rec 20 unit code.")


class TariffQuantity(CoreModel):
    """A quantity in a national tariff unit (US ABI unit, CBSA unit, Anexo 22 Apéndice 7 UMT)."""

    jurisdiction: NationalBlock
    value: Quantity = Field(json_schema_extra=wco("130"))
    unit: str = Field(pattern=UNIT_PATTERN, description="The national unit code as filed.")


class NationalAmount(CoreModel):
    """An amount computed for one country's filing.

    The US entered value, the Canadian value for duty, the Mexican valor en aduana.
    """

    jurisdiction: NationalBlock
    amount: Money = Field(json_schema_extra=wco("108"))


class CertificationReference(CoreModel):
    """A certification of origin held outside the declaration, named by its number.

    The declaration may carry the full USMCA certification (``certifications``); often it
    only refers to one kept by the importer, exporter or producer: the folio of a CFDI whose
    Comercio Exterior complement serves as certificate of origin (``CertificadoOrigen="1"``,
    ``NumCertificadoOrigen``), a USMCA certification number, a pedimento identificador
    complement. WCO Data Model: D006 document type, D005 document reference, 276 issue date,
    R030 issuing party role.
    """

    kind: Literal["usmca-certification", "mx-cce-certificado-origen", "other"] = Field(
        "usmca-certification",
        description=(
            "usmca-certification: a USMCA certification of origin (Annex 5-A); "
            "mx-cce-certificado-origen: a CFDI with Comercio Exterior that serves as one."
        ),
        json_schema_extra=wco("D006"),
    )
    number: str = Field(
        min_length=1, max_length=40, description="Number or folio.", json_schema_extra=wco("D005")
    )
    issuer_role: Literal["importer", "exporter", "producer"] | None = Field(
        None, description="Who certified origin (Annex 5-A element 1)."
    )
    date: dt.date | None = Field(None, json_schema_extra=wco("276"))
    country: CountryCode | None = Field(None, description="Country where it was issued.")


class PreferenceClaim(CoreModel):
    """A claim of preferential tariff treatment, today USMCA/CUSMA/T-MEC."""

    program: Literal["USMCA"] = "USMCA"
    origin_criterion: Literal["A", "B", "C", "D"] | None = Field(
        None, description="USMCA Article 4.2 origin criterion.", json_schema_extra=wco("501")
    )
    certification_id: str | None = Field(
        None, description="The id of the certification of origin in this declaration."
    )
    certification_reference: CertificationReference | None = Field(
        None, description="A certification of origin held outside the declaration."
    )

    @property
    def names_certification(self) -> bool:
        """True when the claim names a certification, in the declaration or held elsewhere."""
        return self.certification_id is not None or self.certification_reference is not None


class Packages(CoreModel):
    """Outer packaging of a goods item."""

    count: int = Field(ge=0, json_schema_extra=wco("144"))
    kind: str | None = Field(
        None,
        pattern=r"^[A-Z0-9]{2,3}$",
        description="UN/ECE Rec 21 package type code.",
        json_schema_extra=wco("141"),
    )
    marks: str | None = Field(None, max_length=512, json_schema_extra=wco("142"))


class Document(CoreModel):
    """A supporting document: permit, licence, certificate, invoice, ruling."""

    kind: str = Field(min_length=1, max_length=35, json_schema_extra=wco("D006"))
    reference: str = Field(min_length=1, max_length=70, json_schema_extra=wco("D005"))
    issuer: str | None = Field(None, max_length=70)
    date: dt.date | None = Field(None, json_schema_extra=wco("276"))


@no_arguments
def _no_line_national() -> LineNational:
    """The default of a goods item's ``national``: no country's block."""
    return LineNational()


class GoodsItem(CoreModel):
    """One line of the declaration."""

    line_number: int = Field(ge=1, le=9999, json_schema_extra=wco("006"))
    description: str = Field(min_length=1, max_length=512, json_schema_extra=wco("137"))
    classification: Classification
    origin_country: CountryCode | None = Field(
        None,
        description=(
            "Country of origin. Every filing needs it; it may be absent only because the source "
            "document does not state it (a CFDI, for one), and the rules then report it."
        ),
        json_schema_extra=wco("063"),
    )
    origin_subdivision: SubdivisionCode | None = Field(
        None, description="State or province of origin (ISO 3166-2).", json_schema_extra=wco("066")
    )
    quantity: Measure | None = Field(None, description="Commercial quantity (Rec 20 unit).")
    tariff_quantities: list[TariffQuantity] = Field(default_factory=empty_list)
    gross_weight_kg: Quantity | None = Field(None, json_schema_extra=wco("126"))
    net_weight_kg: Quantity | None = Field(None, json_schema_extra=wco("128"))
    value: Money = Field(description="Invoice amount of the line.", json_schema_extra=wco("112"))
    customs_values: list[NationalAmount] = Field(default_factory=empty_list)
    invoice_number: str | None = Field(None, max_length=35, json_schema_extra=wco("D016"))
    preference: PreferenceClaim | None = None
    packages: Packages | None = None
    documents: list[Document] = Field(default_factory=empty_list)
    manufacturer: Party | None = None
    seller: Party | None = Field(
        None,
        json_schema_extra={
            "x-wco-id": "09B",
            "x-wco-party": {"name": "R050", "identifiers": "R051"},
        },
    )
    national: LineNational = Field(
        default_factory=_no_line_national,
        description="Codes only one country's filing carries on a line.",
    )

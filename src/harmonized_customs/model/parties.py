"""Parties to a declaration, with addresses and typed identifiers.

Importer, exporter, seller, buyer, consignee, manufacturer, declarant (broker), carrier and
certifier are all :class:`Party` objects.

WCO Data Model classes: 74A Importer (R037/R038), 57A Exporter (R031/R032), 09B Seller
(R050/R051), 16A Buyer (R009/R010), 27A Consignee (R014/R015), 05A Agent (R003/R004),
18A Carrier (R011/R012), 04A Address (239-245), 34A Contact (246), 16C AEO mutual
recognition party (R143).
"""

from typing import Literal

from pydantic import Field

from harmonized_customs.model._base import CoreModel, CountryCode, SubdivisionCode, empty_list, wco

__all__ = [
    "Address",
    "Contact",
    "IdentifierScheme",
    "Party",
    "PartyIdentifier",
    "TrustedTraderMembership",
]

IdentifierScheme = Literal[
    "us-ein",
    "us-cbp-assigned",
    "us-ssn",
    "us-mid",
    "us-filer-code",
    "ca-bn15",
    "ca-carrier-code",
    "mx-rfc",
    "mx-curp",
    "mx-patente",
    "scac",
    "duns",
    "tax-id",
]
"""Identifier schemes a party may carry.

``us-ein``: IRS employer number (NN-NNNNNNN, with CBP's 2-character suffix when given);
``us-cbp-assigned``: CBP-assigned importer number (YYDDPP-NNNNN); ``us-ssn``: social security
number used as importer number; ``us-mid``: CBP manufacturer identification code;
``us-filer-code``: ABI filer code of a broker; ``ca-bn15``: CRA business number with program
account (RM for import/export); ``ca-carrier-code``: CBSA carrier code; ``mx-rfc``: SAT
taxpayer registry; ``mx-curp``: Mexican population registry key; ``mx-patente``: customs broker
licence number; ``scac``: NMFTA Standard Carrier Alpha Code; ``duns``: D-U-N-S number;
``tax-id``: a foreign tax identifier with no scheme of its own (give its country).
"""


class Address(CoreModel):
    """A postal address; the subdivision is the ISO 3166-2 code of the state or province."""

    lines: list[str] = Field(
        default_factory=empty_list,
        max_length=4,
        description="Street and number, one element per address line.",
        json_schema_extra=wco("239"),
    )
    city: str | None = Field(None, max_length=70, json_schema_extra=wco("241"))
    subdivision: SubdivisionCode | None = Field(
        None,
        description="ISO 3166-2 code of the state, province or estado (US-TX, CA-ON, MX-NLE).",
        json_schema_extra=wco("244"),
    )
    postal_code: str | None = Field(None, max_length=17, json_schema_extra=wco("245"))
    country: CountryCode = Field(
        description="ISO 3166-1 alpha-2 country code.", json_schema_extra=wco("242")
    )


class Contact(CoreModel):
    """A person to contact at a party."""

    name: str | None = Field(None, max_length=70, json_schema_extra=wco("246"))
    title: str | None = Field(None, max_length=70)
    phone: str | None = Field(None, max_length=35, json_schema_extra=wco("240"))
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PartyIdentifier(CoreModel):
    """One identifier of a party, as a (scheme, value) pair.

    The value is kept as given; the identifier checks (:mod:`harmonized_customs.identifiers`)
    say whether it is well-formed for its scheme.
    """

    scheme: IdentifierScheme = Field(
        description="Which identifier this is; the WCO ID is the one of the party's role."
    )
    value: str = Field(min_length=1, max_length=35)
    country: CountryCode | None = Field(
        None, description="Issuing country, for schemes used in several countries (tax-id)."
    )


class TrustedTraderMembership(CoreModel):
    """Membership of a trusted-trader programme (WCO 16C AEO mutual recognition party)."""

    program: Literal["C-TPAT", "PIP", "OEA", "FAST"] = Field(json_schema_extra=wco("R005"))
    identifier: str | None = Field(None, max_length=35, json_schema_extra=wco("R143"))


class Party(CoreModel):
    """A person or company acting in the shipment."""

    name: str | None = Field(
        None,
        min_length=1,
        max_length=256,
        description="Legal name; may be absent when a source format carries only identifiers.",
    )
    address: Address | None = None
    identifiers: list[PartyIdentifier] = Field(default_factory=empty_list)
    contact: Contact | None = None
    trusted_trader: list[TrustedTraderMembership] = Field(default_factory=empty_list)

    def identifier(self, scheme: IdentifierScheme) -> str | None:
        """The value of the first identifier of ``scheme``, or ``None``."""
        for ident in self.identifiers:
            if ident.scheme == scheme:
                return ident.value
        return None

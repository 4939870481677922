"""MID (Manufacturer Identification Code, United States).

CBP requires, on every entry line, a code for the manufacturer (or, outside textiles, the
shipper or invoicing party): the MID. It has no check digit and is built from the
manufacturer's name and address by the rules of 19 CFR Part 102, Appendix:

* at most 15 characters, letters and digits, no spaces;
* the ISO 3166-1 code of the goods' **country of origin** (not the manufacturer's country:
  the regulation's wording), except that ``CA`` is never used: Canadian goods take a province
  code (XA Alberta, XB New Brunswick, XC British Columbia, XM Manitoba, XN Nova Scotia,
  XO Ontario, XP Prince Edward Island, XQ Quebec, XS Saskatchewan, XT Northwest Territories,
  XV Nunavut, XW Newfoundland and Labrador, XY Yukon);
* the first 3 letters of each of the first two words of the name, or of the only word;
  initials run together count as one word (``A.B.C.`` or ``A B C``); hyphenated parts are
  one word; digits count as letters; the English words a, an, and, of, the are skipped;
* the first 4 digits of the largest number on the street address or box line, ignoring
  punctuation; a numeric street name (``12th``) is not a number; none if there is none;
* the first 3 letters of the city.

The country, length and name rules are verified in the regulation text; the skipped words,
street and city rules come from guidance quoting the same appendix (secondary). The mapping
of province codes to provinces is secondary too (CATAIR, as quoted by a vendor). A MID built
by :func:`derive` is a *suggestion*: CBP keeps its own manufacturer file, and the filed MID
must match it.

More information:

* https://ecfr.io/Title-19/Part-102/Appendix (19 CFR Part 102 Appendix, MID rules)
* https://govregs.com/regulations/title19_chapterI_part102_subpartB_section102.23
* https://bmsi.com/bmsi/doc/bildh/midcode.html (province codes, secondary)
"""

from __future__ import annotations

import functools
import re

import pycountry

from harmonized_customs import mappings
from harmonized_customs.identifiers._errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from harmonized_customs.identifiers._util import clean, collect, passes, to_ascii

__all__ = [
    "SCHEME",
    "check",
    "compact",
    "country",
    "derive",
    "is_valid",
    "province_codes",
    "validate",
]

SCHEME = "us-mid"
"""The identifier scheme name in the core model."""


def province_codes() -> dict[str, str]:
    """MID country code of each Canadian province and territory, by ISO 3166-2 code.

    Read from ``mappings/ca_provinces.csv`` (column ``us_mid_code``, verified in the
    regulation): ``{"CA-ON": "XO", ...}``.
    """
    return dict(_province_codes())


def _province_codes() -> dict[str, str]:
    """:func:`province_codes`, built once per edition of the table (shared: not to change)."""
    table = mappings.table("ca_provinces")
    return table.derived(("province_codes",), lambda t: {r.code: r["us_mid_code"] for r in t})


_EXTRA_COUNTRIES = frozenset({"XK"})  # Kosovo: user-assigned in ISO 3166, used by customs
_SHAPE = re.compile(r"[A-Z0-9]+")
_SKIPPED_WORDS = frozenset({"A", "AN", "AND", "OF", "THE"})
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_NOT_ALPHA = re.compile(r"[^A-Z]")


def compact(value: str) -> str:
    """The MID without spaces, upper case."""
    return clean(value, " ")


def validate(value: str) -> str:
    """Check the shape and country code of a MID and return its compact form.

    Raises:
        InvalidLength: Fewer than 3 or more than 15 characters.
        InvalidFormat: Something else than letters and digits.
        InvalidComponent: The first two letters are no country code, or are ``CA``.
    """
    mid = compact(value)
    if not 3 <= len(mid) <= 15:
        raise InvalidLength("us_mid_invalid_length", identifier=SCHEME, value=mid, length=len(mid))
    if not _SHAPE.fullmatch(mid):
        raise InvalidFormat("us_mid_invalid_format", identifier=SCHEME, value=mid)
    if mid[:2] == "CA":
        raise InvalidComponent("us_mid_canada_province_required", identifier=SCHEME, value=mid)
    if not _is_country(mid[:2]):
        raise InvalidComponent(
            "us_mid_unknown_country", identifier=SCHEME, value=mid, country=mid[:2]
        )
    return mid


def _is_country(code: str) -> bool:
    if code in _province_codes().values() or code in _EXTRA_COUNTRIES:
        return True
    return code != "CA" and _iso_country(code)


@functools.lru_cache(maxsize=1024)
def _iso_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code (pycountry, asked once per code)."""
    return pycountry.countries.get(alpha_2=code) is not None


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed MID; never raises."""
    return passes(validate, value)


def check(value: str) -> list[IdentifierError]:
    """Every problem of ``value``; empty when fine."""
    return collect(validate, value)


def country(value: str) -> str:
    """The ISO 3166-1 country of a valid MID: ``CA`` for the province codes."""
    code = validate(value)[:2]
    return "CA" if code in province_codes().values() else code


def derive(
    name: str, address_line: str, city: str, country: str, *, subdivision: str | None = None
) -> str:
    """Build the MID of a manufacturer by CBP's rules, as a suggestion.

    Args:
        name: The manufacturer's name.
        address_line: The street address or box line (not the city or postal code).
        city: The city.
        country: ISO 3166-1 code of the goods' country of origin; for Canada, also
            accepted as the ISO 3166-2 province code (``CA-ON``).
        subdivision: ISO 3166-2 code of the province when ``country`` is ``CA``.

    Raises:
        InvalidComponent: ``us_mid_not_derivable`` when the country (or Canadian province)
            is unknown, or the name or city gives no characters.
    """
    prefix = _country_part(country, subdivision)
    name_part = _name_part(name)
    if not name_part:
        raise _not_derivable("name", name)
    city_part = _NOT_ALPHA.sub("", to_ascii(city))[:3]
    if not city_part:
        raise _not_derivable("city", city)
    return (prefix + name_part + _street_part(address_line) + city_part)[:15]


def _not_derivable(part: str, value: str) -> InvalidComponent:
    return InvalidComponent("us_mid_not_derivable", identifier=SCHEME, value=value, part=part)


def _country_part(country: str, subdivision: str | None) -> str:
    code = country.strip().upper()
    if code.startswith("CA-"):
        code, subdivision = "CA", code
    if code == "CA":
        province = province_codes().get((subdivision or "").strip().upper())
        if province is None:
            raise _not_derivable("province", subdivision or "")
        return province
    if len(code) != 2 or not _is_country(code):
        raise _not_derivable("country", country)
    return code


def _name_words(name: str) -> list[str]:
    """The words of a name: initials joined, punctuation dropped, skipped words removed."""
    words: list[str] = []
    initials = ""
    for token in to_ascii(name).split():
        letters = _NOT_ALNUM.sub("", token)
        if len(letters) == 1 and letters.isalpha():
            initials += letters
            continue
        words.extend(_flush_initials(initials))
        initials = ""
        is_initials = _INITIALS.fullmatch(token.strip(",;:")) is not None
        if letters and (is_initials or letters not in _SKIPPED_WORDS):
            words.append(letters)
    words.extend(_flush_initials(initials))
    return words


def _flush_initials(initials: str) -> list[str]:
    """A run of single letters as one word; a lone article "A" is skipped."""
    if not initials or initials in _SKIPPED_WORDS:
        return []
    return [initials]


def _name_part(name: str) -> str:
    return "".join(word[:3] for word in _name_words(name)[:2])


def _street_part(address_line: str) -> str:
    """The first 4 digits of the largest number on the line ('' when there is none)."""
    numbers = [
        digits
        for digits in (_NOT_ALNUM.sub("", token) for token in to_ascii(address_line).split())
        if digits.isdigit()
    ]
    if not numbers:
        return ""
    return max(numbers, key=lambda digits: (len(digits.lstrip("0")), digits.lstrip("0")))[:4]

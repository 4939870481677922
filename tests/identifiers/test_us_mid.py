import pytest

from harmonized_customs.identifiers import InvalidComponent, InvalidFormat, InvalidLength, us_mid

from .conftest import RaisesCode


def test_valid_mid() -> None:
    # FedEx's example (us.md §3.3): Ozrock, 92 Alice Springs Road, Melbourne, Australia.
    assert us_mid.validate("AUOZR92MEL") == "AUOZR92MEL"
    assert us_mid.validate("au ozr 92 mel") == "AUOZR92MEL"
    assert us_mid.check("AUOZR92MEL") == []
    assert us_mid.country("AUOZR92MEL") == "AU"


@pytest.mark.parametrize("code", sorted(us_mid.province_codes().values()))
def test_canadian_province_codes_are_valid(code: str) -> None:
    assert us_mid.validate(code + "MAPLEA123TOR") == code + "MAPLEA123TOR"
    assert us_mid.country(code + "MAPLEA123TOR") == "CA"


def test_province_codes_are_the_ca_provinces_table() -> None:
    codes = us_mid.province_codes()
    assert (len(codes), codes["CA-ON"], codes["CA-NU"], codes["CA-QC"]) == (13, "XO", "XV", "XQ")


def test_kosovo_is_accepted() -> None:
    assert us_mid.is_valid("XKPRIFAB12PRI")


def test_ca_is_not_a_mid_country(raises_code: RaisesCode) -> None:
    raises_code(
        InvalidComponent, "us_mid_canada_province_required", us_mid.validate, "CAMAPLEA123TOR"
    )


def test_unknown_country(raises_code: RaisesCode) -> None:
    error = raises_code(InvalidComponent, "us_mid_unknown_country", us_mid.validate, "QQABCDEF1SHA")
    assert error.ctx["country"] == "QQ"


def test_length(raises_code: RaisesCode) -> None:
    raises_code(InvalidLength, "us_mid_invalid_length", us_mid.validate, "CNABCDEFGHIJ1234SHA")
    raises_code(InvalidLength, "us_mid_invalid_length", us_mid.validate, "CN")


def test_punctuation(raises_code: RaisesCode) -> None:
    raises_code(InvalidFormat, "us_mid_invalid_format", us_mid.validate, "AU-OZR92MEL")


def test_derive_fedex_example() -> None:
    mid = us_mid.derive("Ozrock", "92 Alice Springs Road", "Melbourne", "AU")
    assert mid == "AUOZR92MEL"
    assert us_mid.is_valid(mid)


# The name examples of 19 CFR Part 102 Appendix and of guidance quoting it (us.md §3.3 and
# V.4): initials, hyphens, digits, skipped words.
@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("Amalgamated Plastics Corp.", "AMAPLA"),
        ("Bergstrom", "BER"),
        ("A B C Company", "ABCCOM"),
        ("A.B.C. Company", "ABCCOM"),
        ("O.A.S.I.S. Corp.", "OASCOR"),
        ("Rawles-Aden Corp.", "RAWCOR"),
        ("20th Century Fox", "20TCEN"),
        ("Concept 2000", "CON200"),
        ("The Garment and Textiles Company Co. Ltd", "GARTEX"),
        ("Dr. S.A. Smith", "DRSA"),
        ("Shavings B L Inc.", "SHABL"),
    ],
)
def test_derive_name_part(name: str, part: str) -> None:
    assert us_mid.derive(name, "", "Shanghai", "CN") == "CN" + part + "SHA"


# Street examples of the same guidance (us.md §3.3).
@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("11455 Main Street Suite 9999", "1145"),  # largest number, first 4 digits
        ("12,34,56 Akasaka Road", "1234"),  # punctuation ignored
        ("7 12th street", "7"),  # a numeric street name is not a number
        ("Main Street", ""),  # no number: skipped
    ],
)
def test_derive_street_part(line: str, number: str) -> None:
    assert us_mid.derive("Bergstrom", line, "Oslo", "NO") == "NOBER" + number + "OSL"


def test_derive_city_takes_letters_only() -> None:
    assert us_mid.derive("Bergstrom", "5 Road", "St. Louis", "US") == "USBER5STL"


def test_derive_removes_accents() -> None:
    assert us_mid.derive("Société Générale", "12 Rue", "Zürich", "CH") == "CHSOCGEN12ZUR"


def test_derive_canada_uses_the_province() -> None:
    assert (
        us_mid.derive("Maple Leaf Foods", "30 St Clair Ave", "Toronto", "CA", subdivision="CA-ON")
        == "XOMAPLEA30TOR"
    )
    assert us_mid.derive("Maple Leaf Foods", "", "Montreal", "CA-QC") == "XQMAPLEAMON"


@pytest.mark.parametrize(
    ("args", "part"),
    [
        (("Maple", "1 Road", "Toronto", "CA"), "province"),
        (("Maple", "1 Road", "Toronto", "QQ"), "country"),
        (("Maple", "1 Road", "Toronto", "CAN"), "country"),
        (("...", "1 Road", "Toronto", "US"), "name"),
        (("The", "1 Road", "Toronto", "US"), "name"),
        (("Maple", "1 Road", "", "US"), "city"),
    ],
)
def test_not_derivable(raises_code: RaisesCode, args: tuple[str, str, str, str], part: str) -> None:
    error = raises_code(InvalidComponent, "us_mid_not_derivable", us_mid.derive, *args)
    assert error.ctx["part"] == part
    assert not error.blocking

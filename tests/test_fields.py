"""Formats of phone numbers, e-mails, links and dates."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.content.fields import CheckedDate, Email, Phone, WebLink, phone_uri
from generator.structure.languages import written_date

PHONE = TypeAdapter(Phone)


@pytest.mark.parametrize(
    ("written", "normalised", "uri"),
    [
        ("03 21 21 62 62", "03 21 21 62 62", "tel:+33321216262"),
        ("0321216262", "03 21 21 62 62", "tel:+33321216262"),
        ("03.21.21.62.62", "03 21 21 62 62", "tel:+33321216262"),
        ("+33 3 21 21 62 62", "03 21 21 62 62", "tel:+33321216262"),
        ("+33 (0)3 21 21 62 62".replace("(0)", "0"), "03 21 21 62 62", "tel:+33321216262"),
        ("0800 00 00 00", "08 00 00 00 00", "tel:+33800000000"),
        ("3949", "3949", "tel:3949"),
        ("+32 50 12 34 56", "+32 50 12 34 56", "tel:+3250123456"),
        ("0032 50 12 34 56", "+32 50 12 34 56", "tel:+3250123456"),
        ("+32 470 12 34 56", "+32 470 12 34 56", "tel:+32470123456"),
    ],
)
def test_french_and_belgian_numbers_are_normalised(written: str, normalised: str, uri: str) -> None:
    assert PHONE.validate_python(written) == normalised
    assert phone_uri(normalised) == uri


@pytest.mark.parametrize(
    "written", ["03 21 00 00", "12", "050 12 34 56", "+33 21", "+32 1", "06 12 34 56 78 9", "appelez-nous"]
)
def test_malformed_numbers_are_refused_with_the_expected_formats(written: str) -> None:
    with pytest.raises(ValidationError) as raised:
        PHONE.validate_python(written)
    error = raised.value.errors()[0]
    assert error["type"] == "fiche/telephone"
    assert error["msg"] == f"« {written} » n'est pas un numéro de téléphone valide."
    assert "+32 50 12 34 56" in error["ctx"]["hint"]


@pytest.mark.parametrize("url", ["https://www.pasdecalais.fr", "http://example.fr/a?b=c&d=(e)"])
def test_web_links_accepted(url: str) -> None:
    assert TypeAdapter(WebLink).validate_python(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.fr",
        "//example.fr",
        "https://localhost",
        "https://exa mple.fr",
        "https://user:pass@example.fr",
        "www.example.fr",
    ],
)
def test_links_other_than_web_are_refused(url: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(WebLink).validate_python(url)
    assert raised.value.errors()[0]["type"] == "fiche/lien"


@pytest.mark.parametrize("email", ["contact@exemple.fr", "mobilite.solidaire@departement-62.fr"])
def test_emails_accepted(email: str) -> None:
    assert TypeAdapter(Email).validate_python(email) == email


@pytest.mark.parametrize(
    "email", ["contact(at)exemple.fr", "mailto:a@b.fr", "a@b", "a b@c.fr", "@exemple.fr"]
)
def test_malformed_emails_refused(email: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Email).validate_python(email)
    assert raised.value.errors()[0]["type"] == "fiche/email"


def test_dates_are_parsed_strictly() -> None:
    adapter = TypeAdapter(CheckedDate)
    assert adapter.validate_python("2024-02-29") == date(2024, 2, 29)
    for written, message in [
        ("2025-02-29", "Le 29 février 2025 n'existe pas."),
        ("2026-13-01", "Le mois 13 n'existe pas."),
        ("22/11/2026", "« 22/11/2026 » n'est pas une date au bon format."),
        ("2026-1-5", "« 2026-1-5 » n'est pas une date au bon format."),
    ]:
        with pytest.raises(ValidationError) as raised:
            adapter.validate_python(written)
        assert raised.value.errors()[0]["msg"] == message


def test_dates_for_readers_in_each_language() -> None:
    assert written_date(date(2025, 2, 3)) == "3 février 2025"
    assert written_date(date(2026, 8, 15)) == "15 août 2026"
    assert written_date(date(2026, 8, 15), "nl") == "15 augustus 2026"
    assert written_date(date(2026, 8, 15), "en") == "15 August 2026"

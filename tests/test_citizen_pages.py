"""Citizen pages as HTML: glossary, abbreviations, commune list, sharing, no third-party host."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(site: Path, url: str) -> BeautifulSoup:
    found = BeautifulSoup(html_of(site, url), "html.parser").find("article")
    assert found is not None
    return found


def test_glossary_page_explains_each_abbreviation_with_an_anchor(minimal_site: Path) -> None:
    page = article(minimal_site, "glossaire")
    heading = page.find("h2", id="rsa")
    assert heading is not None and heading.get_text(strip=True) == "RSA"
    assert "Revenu de solidarité active" in page.get_text()


def test_first_use_of_an_abbreviation_is_explained_and_linked(minimal_site: Path, content_dir: Path) -> None:
    # In the example content, the RSA is mentioned by no service: use the real site's own rule on a page.
    from generator.content.model import Glossary, GlossaryEntry
    from generator.render.abbreviations import Abbreviations
    from generator.render.escape import escape_text

    glossary = Glossary(
        sigles=[GlossaryEntry(sigle="RSA", en_entier="Revenu de solidarité active", explication="x")]
    )
    marker = Abbreviations(glossary, "../glossaire/", Abbreviations.pattern_for(glossary))
    first = marker.mark(escape_text("Vous touchez le RSA."))
    second = marker.mark(escape_text("Le RSA, encore."))
    assert first == (
        'Vous touchez le <a class="sigle" href="../glossaire/#rsa">'
        '<abbr title="Revenu de solidarité active">RSA</abbr></a>.'
    )
    assert second == "Le RSA, encore."


def test_real_pages_mark_abbreviations_once(real_site: Path) -> None:
    page = article(real_site, "services/mamobilite62")
    marked = page.select("a.sigle abbr")
    assert [abbr.get_text() for abbr in marked].count("RSA") == 1
    assert marked[0]["title"] == "Revenu de solidarité active"
    assert page.select_one("a.sigle")["href"] == "../../glossaire/#rsa"


def test_the_commune_index_reaches_every_commune_page_without_javascript(real_site: Path) -> None:
    page = article(real_site, "communes")
    letters = page.select('nav.index-communes[aria-label="Les communes par leur première lettre"] a')
    postcodes = page.select('nav.index-communes[aria-label="Les communes par leur code postal"] a')
    assert [a.get_text() for a in letters][:3] == ["A", "B", "C"]
    assert "625" in [a.get_text() for a in postcodes]
    reached: set[str] = set()
    for link in letters:
        listing = article(real_site, "communes/" + link["href"].strip("/").split("/")[-1])
        reached |= {a["href"] for a in listing.select(".liste-communes-courte a")}
    assert len(reached) == 417
    assert "../59094/" in reached  # Bourbourg, from the letter B


def test_service_page_can_be_sent_by_sms_and_email(minimal_site: Path) -> None:
    page = article(minimal_site, "services/aide-alpha")
    sms = next(a for a in page.find_all("a") if a.get_text(strip=True) == "Envoyer par SMS")
    email = next(a for a in page.find_all("a") if a.get_text(strip=True) == "Envoyer par e-mail")
    assert (
        sms["href"]
        == "sms:?&body=Aide%20Alpha%20%3A%20https%3A%2F%2Fbassin-test.example%2Fservices%2Faide-alpha%2F"
    )
    assert email["href"] == (
        "mailto:?subject=Aide%20Alpha"
        "&body=Aide%20Alpha%20%3A%20https%3A%2F%2Fbassin-test.example%2Fservices%2Faide-alpha%2F"
    )


def test_pages_load_nothing_from_another_host(real_site: Path) -> None:
    for path in real_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loads = BeautifulSoup(html, "html.parser").select(
            "script[src], link[rel=stylesheet], link[rel=icon], link[rel=preload], img, iframe, source"
        )
        for tag in loads:
            address = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"(https?:)?//", address), f"{path}: {address}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_home_page_speaks_to_the_reader(real_site: Path) -> None:
    page = article(real_site, ".")
    assert page.h1.get_text(strip=True) == "Vous avez besoin d'aide pour vous déplacer\u00a0?"
    buttons = page.select(".grands-boutons a.grand-bouton")
    assert [b.get_text(strip=True) for b in buttons] == [
        "Je cherche un travail ou une formation",
        "Je suis jeune",
        "Je suis apprenti",
        "Je suis une personne âgée",
        "J'ai un handicap ou du mal à me déplacer",
    ]
    assert all(b.select_one('.icone[class*="icone-"][aria-hidden="true"]') for b in buttons)
    assert page.select_one("form.recherche-commune")["action"] == "communes/"
    headings = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    assert headings[:2] == ["Où habitez-vous\u00a0?", "Qui êtes-vous\u00a0?"]  # "?" kept with its word
    assert "Vous ne savez pas qui appeler ?" not in headings


def test_every_page_says_when_it_was_updated(real_site: Path) -> None:
    for url in ("publics/jeunes", "territoires/boulonnais", "services/mamobilite62"):
        assert re.search(r"Mis à jour le \d{1,2} \w+ 20\d\d\.", article(real_site, url).get_text())


def test_accessibility_statement_says_the_level_and_how_to_complain(real_site: Path) -> None:
    text = article(real_site, "accessibilite").get_text(" ", strip=True)
    for expected in ("niveau AA", "non conforme", "axe-core", "Défenseur des droits", "clavier"):
        assert expected in text

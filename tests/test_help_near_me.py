"""Who to call, near me: help desks as records, a page per commune, phone first, honest answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.content.help_desks_import import import_france_services, opening_hours_of
from generator.content.loader import load_content
from generator.render.hours import hours_in_words

from .conftest import REAL_CONTENT, TODAY, numbered_copies


def article(site: Path, url: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = soup.find("article")
    assert found is not None
    return found


def tel_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select('a[href^="tel:"]')]


# --- Help desks as content ------------------------------------------------------------


def errors_of(content_dir: Path) -> list[tuple[str, str, str]]:
    _, problems = load_content(content_dir, TODAY)
    return [(p.field, p.code, p.message) for p in problems if p.severity.value == "erreur"]


def test_opening_hours_are_read_by_a_real_parser_and_refused_in_french(content_dir: Path) -> None:
    path = content_dir / "lieux" / "accueil-aville.yml"
    path.write_text(path.read_text().replace("Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00", "lundi 9h-12h"))
    [(field, code, message)] = errors_of(content_dir)
    assert (field, code) == ("horaires", "fiche/horaires")
    assert message == "« lundi 9h-12h » n'est pas écrit dans le format des horaires d'OpenStreetMap."


def test_a_help_desk_names_known_places_and_can_be_reached(content_dir: Path) -> None:
    path = content_dir / "lieux" / "ligne-departement.yml"
    text = (
        path.read_text()
        .replace("[pas-de-calais]", "[pas-de-calai]")
        .replace("telephone: 03 21 00 00 12\n", "")
    )
    path.write_text(text + 'commune: "99999"\n')
    assert sorted(errors_of(content_dir)) == [
        ("commune", "ref/commune-inconnue", "Le code INSEE 99999 n'est pas celui d'une commune du bassin."),
        ("telephone", "fiche/lieu-sans-contact",
         "Ce lieu n'a ni téléphone ni adresse : personne ne peut l'appeler ou y aller."),
        ("territoires", "ref/territoire-inconnu", "« pas-de-calai » n'est pas un territoire connu."),
    ]  # fmt: skip


def test_a_help_desk_for_some_audiences_shows_only_on_their_pages(content_dir: Path) -> None:
    path = content_dir / "lieux" / "accueil-aville.yml"
    path.write_text(path.read_text() + "publics: [seniors]\n")
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    names = {
        audience: [desk.nom for desk in content.help_desks_for("alpha", audience)]
        for audience in ("seniors", "jeunes", None)
    }
    assert "Accueil d'Aville" in names["seniors"] and "Accueil d'Aville" in names[None]
    assert "Accueil d'Aville" not in names["jeunes"] and names["jeunes"]
    path.write_text(path.read_text().replace("[seniors]", "[senior]"))
    assert errors_of(content_dir) == [
        ("publics", "ref/public-inconnu", "« senior » n'est pas un public connu."),
    ]


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        (
            "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00",
            ("Du lundi au jeudi : de 9 h à 12 h et de 14 h à 17 h.", "Le vendredi : de 9 h à 12 h."),
        ),
        ("Mo,We,Fr 08:30-12:15", ("Le lundi, le mercredi et le vendredi : de 8 h 30 à 12 h 15.",)),
        ("Mo-Fr 09:00-12:00; Jul-Aug off", ("Du lundi au vendredi : de 9 h à 12 h.",
                                             "Les horaires changent selon la période de l'année.")),
        ('Tu 14:00-17:00 "sur rendez-vous"', ("Le mardi : de 14 h à 17 h, sur rendez-vous.",)),
        ("24/7", ("Tous les jours : toute la journée.",)),
    ],
)  # fmt: skip
def test_opening_hours_in_plain_french(expression: str, words: tuple[str, ...]) -> None:
    assert hours_in_words(expression) == words


def test_the_france_services_of_the_basin_come_from_the_official_list(
    content_dir: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "liste-fs-20240801.csv"
    header = '"id_fs","lib_fs","adresse","complement_adresse","insee_com","code_postal","lib_com","mail","telephone",'
    header += '"h_lundi","h_mardi","h_mercredi","h_jeudi","h_vendredi","h_samedi"\n'
    rows = [
        '"1","France services d\'Aville","2 rue Haute",,"62001","62100","Aville","fs@aville.example.fr",'
        '"03 21 00 00 20","09:00 - 12:00 / 14:00 - 17:00","09:00 - 12:00 / 14:00 - 17:00",'
        '"09:00 - 12:00","09:00 - 12:00 / 14:00 - 17:00","09:00 - 12:00 / 14:00 - 17:00","00:00 - 00:00 / 09:00 - 11:00"\n',
        '"2","France services de Lyon","1 rue",,"69123","69001","Lyon",,"04 00 00 00 00",,,,,,\n',
    ]  # fmt: skip
    listing.write_text(header + "".join(rows), encoding="utf-8")
    written = import_france_services(listing, content_dir, {"62001": "alpha"}, TODAY)
    assert [path.name for path in written] == ["france-services-aville.yml"]
    content, problems = load_content(content_dir, TODAY)
    assert content is not None and [p for p in problems if p.severity.value == "erreur"] == []
    desk = content.help_desks["france-services-aville"]
    assert (desk.telephone, desk.commune, desk.territoires) == ("03 21 00 00 20", "62001", ["alpha"])
    # Days with the same hours together; the empty "00:00 - 00:00" slot of the list is dropped.
    assert desk.horaires == "Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00; Sa 09:00-11:00"
    assert desk.sources[0].titre == "Liste des structures France Services, ANCT, données du 1er août 2024"


def test_anct_hours_become_openstreetmap_hours() -> None:
    row = {"h_lundi": "08:30 - 12:00 / 13:30 - 17:00", "h_mardi": "08:30 - 12:00 / 13:30 - 17:00",
           "h_mercredi": "08:30 - 12:00 / 13:30 - 17:00", "h_jeudi": "", "h_vendredi": "08:30 - 12:00",
           "h_samedi": "00:00 - 00:00 / 09:00 - 12:00"}  # fmt: skip
    assert opening_hours_of(row) == "Mo-We 08:30-12:00,13:30-17:00; Fr 08:30-12:00; Sa 09:00-12:00"


# --- A page per commune ------------------------------------------------------------------


def test_every_commune_of_the_basin_has_its_page_with_a_number_to_call(real_site: Path) -> None:
    content, _ = load_content(REAL_CONTENT, TODAY.replace(year=TODAY.year + 5))
    assert content is not None and len(content.communes) == 417
    for insee, (commune, territory_id) in content.communes.items():
        page = article(real_site, f"communes/{insee}")
        assert page.h1.get_text(strip=True) == f"Vous habitez à {commune.nom}"
        assert tel_links(page), f"no number to call on the page of {commune.nom}"
        assert page.find("a", href=f"../../territoires/{territory_id}/")


def test_a_commune_page_says_where_the_person_lives_and_who_receives_them(minimal_site: Path) -> None:
    page = article(minimal_site, "communes/62009")
    assert (
        "Saint-Aville est dans la Communauté de communes du Alpha, dans le Pas-de-Calais."
        in page.get_text(" ")
    )
    desks = [h3.get_text(" ", strip=True) for h3 in page.select(".carte-lieu h3")]
    # The CCAS of the commune first, then the desks of the territory, then those of the département.
    assert desks == ["CCAS de Saint-Aville", "Accueil d'Aville", "Ligne d'aide du Département"]
    aville = page.select(".carte-lieu")[1]
    assert aville.select_one("a.bouton-appeler")["href"] == "tel:+33321000010"
    assert "Du lundi au jeudi\u00a0: de 9 h à 12 h et de 14 h à 17 h." in aville.get_text(" ")
    # The CCAS of Saint-Aville receives its own inhabitants only.
    assert "CCAS de Saint-Aville" not in article(minimal_site, "communes/62001").get_text()


def test_pages_of_audiences_and_territories_end_at_a_number_to_call(real_site: Path) -> None:
    pairs = sorted(real_site.glob("territoires/*/*/index.html"))
    assert len(pairs) >= 60
    for path in pairs:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        assert page is not None and tel_links(page), path


# --- Phone first -----------------------------------------------------------------------


def test_a_service_card_says_whom_to_call_right_after_what_it_is(minimal_site: Path) -> None:
    card = article(minimal_site, "territoires/alpha/jeunes").select_one(".carte-service")
    parts = [child.get("class", [child.name])[0] for child in card.find_all(recursive=False)]
    assert parts[:3] == ["h3", "en-une-ligne", "qui-appeler"]
    assert card.select_one(".qui-appeler a.bouton-appeler")["href"] == "tel:+33321000001"


def test_a_service_without_a_number_points_to_the_desk_that_can_help(minimal_site: Path) -> None:
    page = article(minimal_site, "territoires/beta/jeunes")
    card = next(c for c in page.select(".carte-service") if "Bus" in c.h3.get_text())
    call = card.select_one(".qui-appeler")
    assert "Pas de numéro pour ce service" in call.get_text()
    assert call.select_one("a.bouton-appeler")["href"] == "tel:+33321000012"  # the only desk of Bêta


def test_a_service_page_puts_whom_to_call_before_the_details(minimal_site: Path) -> None:
    page = article(minimal_site, "services/aide-alpha")
    headings = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    assert headings[0] == "Qui appeler\u00a0?"
    assert page.select_one(".qui-appeler a.bouton-appeler")["href"] == "tel:+33321000001"


# --- Honest answers where there is little ------------------------------------------------


def test_a_need_without_a_service_is_said_plainly_with_who_can_help(minimal_site: Path) -> None:
    page = article(minimal_site, "territoires/gamma/seniors")
    heading = page.find("h2", id="etre-conduit")
    assert heading is not None
    empty = heading.find_next(class_="besoin-sans-service")
    text = empty.get_text(" ", strip=True)
    assert "Nous ne connaissons pas encore de service pour vous, dans le Gamma." in text
    assert empty.select_one('a[href="#pres-de-chez-vous"]')
    assert empty.select_one(".solution-nationale a.bouton-appeler")["href"] == "tel:3646"
    # The needs with services come first: the first card is on the first screen.
    assert page.find("h2").get("id") == "etre-aide-et-conseille"


def test_services_for_drivers_say_so_and_can_be_hidden(tmp_path: Path, content_dir: Path) -> None:
    from generator.pipeline import build

    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text().replace("contact:", "vehicule_requis: voiture\ncontact:", 1))
    site = build(content_dir, tmp_path / "site", today=TODAY, flyers=False).out
    page = article(site, "territoires/alpha/jeunes")
    assert [i["value"] for i in page.select(".filtre-voiture input")] == [
        "tous",
        "sans-voiture",
        "sans-permis",
    ]
    card = page.select_one('.carte-service[data-vehicule="voiture"]')
    assert "Pour les personnes qui ont une voiture." in card.get_text()
    assert not article(site, "territoires/beta/jeunes").select(".filtre-voiture")


# --- Territory pages stay short at the scale of a region ----------------------------------


def test_a_territory_links_to_the_basin_services_when_too_many_to_list(
    tmp_path: Path, content_dir: Path
) -> None:
    from generator.pipeline import build
    from generator.structure.pages import BASIN_WIDE_LISTED_UP_TO

    numbered_copies(
        content_dir, "plateforme-bassin", BASIN_WIDE_LISTED_UP_TO
    )  # with the example's: one too many
    site = build(content_dir, tmp_path / "site", today=TODAY, flyers=False).out

    territory = article(site, "territoires/alpha")
    assert [a.get_text() for a in territory.select(".services-en-bref a")] == [
        "Aide Alpha",
        "Bus du département",
    ]
    link = territory.select_one(".services-ailleurs")
    assert link.get_text(" ", strip=True) == "Voir aussi les 31 services partout dans le Bassin Test"
    assert link.a["href"] == "../bassin-test/"

    pair = article(site, "territoires/gamma/seniors")
    advice = pair.find("h2", id="etre-aide-et-conseille").find_next(class_="services-ailleurs")
    assert advice.get_text(" ", strip=True) == "Voir les 31 services partout dans le Bassin Test"
    assert advice.a["href"] == "../../bassin-test/seniors/#besoin-conseil"
    assert not pair.select(".carte-service")  # not one of the 31 cards
    assert pair.find("h2", id="etre-conduit").find_next(class_="besoin-sans-service")  # still said plainly

    for_seniors = article(site, "territoires/bassin-test/seniors")
    listed = for_seniors.find(id="besoin-conseil").find_next("ul").select("a")
    assert len(listed) == 31 and listed[0].get_text() == "Plateforme du bassin"
    assert len(article(site, "territoires/bassin-test").select(".services-en-bref a")) == 31


def test_a_territory_lists_the_basin_services_while_they_are_few(tmp_path: Path, content_dir: Path) -> None:
    from generator.pipeline import build
    from generator.structure.pages import BASIN_WIDE_LISTED_UP_TO

    numbered_copies(content_dir, "plateforme-bassin", BASIN_WIDE_LISTED_UP_TO - 1)
    site = build(content_dir, tmp_path / "site", today=TODAY, flyers=False).out
    territory = article(site, "territoires/alpha")
    assert len(territory.select(".services-en-bref a")) == 2 + BASIN_WIDE_LISTED_UP_TO
    assert not territory.select(".services-ailleurs")
    assert len(article(site, "territoires/gamma/seniors").select(".carte-service")) == BASIN_WIDE_LISTED_UP_TO
    assert not (site / "territoires" / "bassin-test").exists()


# --- Sources where they belong ------------------------------------------------------------


def test_no_citizen_page_shows_the_internal_references_of_a_record(real_site: Path) -> None:
    for path in real_site.rglob("*.html"):
        if path.relative_to(real_site).parts[0] == "contribuer":  # the contributors' pages may
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"seed|\.txt, lignes?|github\.com/betagouv", text), path


def test_a_service_page_shows_the_date_and_the_operators_pages(real_site: Path) -> None:
    page = article(real_site, "services/aide-transport-particuliers")
    section = page.find("h2", string="D'où viennent ces informations\u00a0?").find_next("ul")
    links = [a["href"] for a in section.select("a")]
    assert links and all(not link.startswith("https://github.com/") for link in links)


def test_the_home_page_finder_leads_to_the_commune_pages(real_site: Path) -> None:
    form = article(real_site, ".").select_one("form.recherche-commune")
    assert form["action"] == "communes/"
    data = (real_site / form["data-recherche-commune"]).read_text(encoding="utf-8")
    assert '"i":"59094"' in data and '"n":"Bourbourg"' in data  # its page: communes/59094/
    assert '"an":["Fort-Mardyck","Mardyck","Saint-Pol-sur-Mer"]' in data


def test_help_desks_are_open_data_in_the_national_schema(minimal_site: Path) -> None:
    import json

    structures = json.loads((minimal_site / "donnees" / "data-inclusion" / "structures.json").read_text())
    aville = next(s for s in structures if s["id"].endswith("--lieu-accueil-aville"))
    assert aville["horaires_accueil"] == "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00"
    assert (aville["code_postal"], aville["commune"], aville["code_insee"]) == ("62100", "Aville", "62001")
    assert aville["reseaux_porteurs"] == ["france-service"]


def test_each_help_desk_card_can_be_reported_with_its_record(minimal_site: Path) -> None:
    page = article(minimal_site, "communes/62001")
    card = page.select_one(".carte-lieu")
    link = card.select_one(".signaler-lieu a")["href"]
    assert link.startswith("mailto:signalement@bassin-test.example?subject=Erreur%20sur%20le%20lieu%20")
    assert "content%2Flieux%2F" in link

"""Safe output: markup written in any text field of a record comes out as text, everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.pipeline import build

from .conftest import TODAY

TRAP_LINES = [
    "<script>alert'x'</script>",
    "<img src=x onerror=alert>",
    "[clic][x] et {: .cache } :material-bug:",
    '<a href="javascript:alert">clic</a>',
    "## Titre",
    "- liste",
    "> citation",
    "1. liste",
    "&lt et <b>gras</b>",
]
TRAP_TEXT = "\n".join(TRAP_LINES) + "\n"
TRAP_NAME = "<script>alert'x'</script> [clic][x] {: .cache }"


@pytest.fixture(scope="module")
def trapped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import MINIMAL_CONTENT

    content = Path(shutil.copytree(MINIMAL_CONTENT, tmp_path_factory.mktemp("piege") / "content"))
    record = {
        "nom": TRAP_NAME, "operateur": TRAP_NAME, "categorie": "aide-financiere", "besoins": ["argent"],
        "publics": ["jeunes"], "territoires": ["alpha"], "description": TRAP_TEXT, "pour_qui": TRAP_TEXT,
        "conditions": TRAP_TEXT, "acces": "orientation", "oriente_par": [TRAP_NAME], "comment_faire": TRAP_TEXT,
        "cout": TRAP_TEXT, "ou": TRAP_TEXT, "quand": TRAP_TEXT,
        "contact": {"telephone": "03 21 00 00 09", "adresse": TRAP_TEXT, "site": 'https://exemple.fr/a?b=<c>&d="e"'},
        "accessibilite": TRAP_TEXT, "sources": [{"titre": TRAP_NAME, "reference": TRAP_NAME}],
        "verifie_le": "2026-01-15",
    }  # fmt: skip
    (content / "services" / "piege.yml").write_text(
        yaml.safe_dump(record, allow_unicode=True), encoding="utf-8"
    )
    return build(content, tmp_path_factory.mktemp("site") / "site", today=TODAY).out


def test_no_page_gets_elements_from_a_record(trapped_site: Path) -> None:
    for path in trapped_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        assert article.find_all(["img", "b", "blockquote"]) == [], path
        # The only scripts are data blocks (the commune finder's), never run, with no markup inside.
        for script in article.find_all("script"):
            assert script.get("type") == "application/json" and "<" not in script.get_text(), path
        assert article.select(".cache") == [], path
        assert not [h for h in article.find_all(["h1", "h2", "h3"]) if h.get_text(strip=True) == "Titre"], (
            path
        )
        assert not [a for a in soup.find_all("a", href=True) if a["href"].startswith("javascript")], path


def test_the_markup_is_shown_as_text(trapped_site: Path) -> None:
    article = BeautifulSoup(
        (trapped_site / "services" / "piege" / "index.html").read_text(), "html.parser"
    ).find("article")
    assert article is not None
    text = article.get_text(" ")
    for line in TRAP_LINES:
        assert line in text
    assert article.h1 is not None and article.h1.get_text() == TRAP_NAME


def test_links_from_content_are_percent_encoded(trapped_site: Path) -> None:
    html = (trapped_site / "services" / "piege" / "index.html").read_text()
    assert 'href="https://exemple.fr/a?b=%3Cc%3E&amp;d=%22e%22"' in html


def test_flyers_print_the_markup_as_text_and_carry_no_script(trapped_site: Path) -> None:
    pdf = trapped_site / "flyers" / "territoires" / "alpha.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "<script>alert'x'</script>" in text
    assert b"/JavaScript" not in pdf.read_bytes() and b"/JS " not in pdf.read_bytes()


def test_the_search_words_are_plain_words_from_the_text(trapped_site: Path) -> None:
    """The list the search page corrects typing slips with: letters only, the markup gone."""
    words = json.loads((trapped_site / "pagefind" / "mots-fr.json").read_text(encoding="utf-8"))
    assert "script" in words and "alert" in words  # the planted markup, as words of the text
    assert all(word.isalpha() and word == word.lower() for word in words)

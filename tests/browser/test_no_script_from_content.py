"""Nothing a record says can run in a reader's browser: proven in Chromium, on every page.

Every free-text field of every kind of record (basin, glossary, audiences,
territories and their communes, services with their contact, sources,
translations and FALC exceptions) gets a script of its own, in the forms
that break out of an element, an attribute or a <title>. The site is built,
every page is opened, the search is used: no marker may have run.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser
from pydantic import BaseModel, ValidationError

from generator.content.loader import FOLDERS, SINGLE_FILES
from generator.content.model import FileRecord
from generator.pipeline import build

from ..conftest import MINIMAL_CONTENT, TODAY
from . import search, serve_folder


def payload(marker: str) -> str:
    """Markup that sets `window.<marker>` from a text node, an attribute (either quote),
    a <title> or a script. Short: the FALC linter counts its pieces as words."""
    return f"{marker} </title></script>'\"><img src=x onerror={marker}=1>"


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every text value of a YAML document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path


def set_at(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate({**data, "id": "x"} if issubclass(model, FileRecord) else data)
    except ValidationError:
        return False
    return True


def plant_markers(content: Path) -> dict[str, str]:
    """Put a distinct marker in every text field the model accepts free text in; marker → field."""
    kinds: list[tuple[Path, type[BaseModel]]] = [
        (content / name, model) for name, model in SINGLE_FILES.items()
    ]
    kinds += [
        (path, model)
        for folder, model in FOLDERS.items()
        for path in sorted((content / folder).glob("*.yml"))
    ]
    planted: dict[str, str] = {}
    for path, model in kinds:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for leaf in list(leaves(data)):
            before = data
            for part in leaf[:-1]:
                before = before[part]
            original = before[leaf[-1]]
            marker = f"mk{len(planted)}"
            set_at(data, leaf, payload(marker))
            if accepts(model, data):
                planted[marker] = f"{path.relative_to(content)}: {'.'.join(map(str, leaf))}"
            else:  # an identifier, a date, a phone, a link: not free text
                set_at(data, leaf, original)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return planted


@pytest.fixture(scope="module")
def trapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    content = Path(shutil.copytree(MINIMAL_CONTENT, tmp_path_factory.mktemp("piege") / "content"))
    planted = plant_markers(content)
    site = build(content, tmp_path_factory.mktemp("site") / "site", today=TODAY).out
    return site, planted


def test_markers_are_planted_in_every_kind_of_record(trapped: tuple[Path, dict[str, str]]) -> None:
    _, planted = trapped
    fields = set(planted.values())
    for expected in (
        "bassin.yml: titre_site", "bassin.yml: dans", "bassin.yml: departements.0.nom", "glossaire.yml: sigles.0.en_entier",
        "publics/jeunes.yml: libelle", "territoires/alpha.yml: libelle", "territoires/alpha.yml: communes.0.nom",
        "services/aide-alpha.yml: nom", "services/aide-alpha.yml: sources.0.titre",
        "services/navette-frontiere.yml: traductions.nl.nom",
    ):  # fmt: skip
        assert expected in fields
    assert len(planted) > 60


def ran_markers(browser: Browser, url: str) -> list[str]:
    """The markers that ran on a page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)
    found: list[str] = page.evaluate("Object.keys(window).filter(k => /^mk\\d+$/.test(k))")
    context.close()
    return found


def test_no_marker_runs_on_any_page(browser: Browser, trapped: tuple[Path, dict[str, str]]) -> None:
    site, planted = trapped
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 30
    ran: dict[str, list[str]] = {}
    with serve_folder(site) as base:
        for page in pages:
            for marker in ran_markers(browser, base + re.sub(r"index\.html$", "", page)):
                ran.setdefault(planted[marker], []).append(page)
    assert ran == {}, "scripts from records ran:\n" + "\n".join(
        f"{f} → {p[:3]}" for f, p in sorted(ran.items())
    )


def test_no_marker_runs_in_search_results(browser: Browser, trapped: tuple[Path, dict[str, str]]) -> None:
    site, planted = trapped
    names = [
        marker
        for marker, field in planted.items()
        if field.endswith(
            (": nom", ": libelle", ": titre_site", ": communes.0.nom")
        )  # communes: the finder's list
    ]
    assert len(names) >= 7
    with serve_folder(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "recherche/")
        shown = communes = 0
        for marker in names:
            search(page, marker)
            shown += page.locator(".resultats-recherche li").count()
            communes += page.locator(".resultats-communes li").count()
        ran = page.evaluate("Object.keys(window).filter(k => /^mk\\d+$/.test(k))")
        context.close()
    assert shown > 0, "the search found the planted names"
    assert communes > 0, "the search found the planted commune's name"
    assert ran == []


def test_the_security_policy_stops_markup_that_would_slip_through(
    browser: Browser, minimal_site: Path, tmp_path: Path
) -> None:
    """Behind escaping, a second wall: the policy refuses inline handlers and foreign scripts."""
    site = Path(shutil.copytree(minimal_site, tmp_path / "site"))
    page_file = site / "services" / "aide-alpha" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    slipped = (
        '<img src=x onerror="window.mkslip=1"><script>window.mkslip=1</script>'
        '<script src="https://evil.example/x.js"></script>'
    )
    page_file.write_text(html.replace("</article>", slipped + "</article>"), encoding="utf-8")
    with serve_folder(site) as base:
        assert ran_markers(browser, base + "services/aide-alpha/") == []
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "services/aide-alpha/")
        assert page.evaluate("typeof window.mkslip") == "undefined"
        # The site's own scripts still run: the reading options are shown.
        assert page.locator("[data-option=grand-texte]").is_visible()
        context.close()


def test_every_page_carries_the_policy(minimal_site: Path) -> None:
    for path in minimal_site.rglob("*.html"):
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert (
            "script-src 'self'" in head
            and "'unsafe-inline'" not in head.split("script-src", 1)[1].split(";")[0]
        ), path

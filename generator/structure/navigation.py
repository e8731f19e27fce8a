"""The site's menu: home, then one section per kind of page, in plan order."""

from __future__ import annotations

from .pages import Page

# A menu entry is {title: Markdown file}; a section is {title: [entries]}.
Navigation = list[dict[str, str | list[dict[str, str]]]]


def navigation(pages: list[Page]) -> Navigation:
    nav: Navigation = [{"Accueil": pages[0].source}] if pages and pages[0].url == "" else []
    sections: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        if page.nav_section:
            if page.nav_section not in sections:
                sections[page.nav_section] = []
                nav.append({page.nav_section: sections[page.nav_section]})
            sections[page.nav_section].append({page.title: page.source})
    return nav

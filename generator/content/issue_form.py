"""The answers of the issue form « Proposer ou mettre à jour un service », read back from its text.

GitHub writes a submitted issue form as Markdown: one "### <label>" heading per
question, then the answer ("_No response_" when left empty; the chosen options
of a list, separated by commas). `new-service --formulaire` reads that text
(copied from the issue, or fetched with `gh issue view N --json body -q .body`)
into the same answers as its questions, so the content team starts from what
the contributor wrote. Nothing is invented: what the form does not give is
asked, or left empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..locations import PROJECT_ROOT
from .fields import EMAIL

FORM = PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "proposer-un-service.yml"
_NO_RESPONSE = "_No response_"
_PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}|\+32(?:[\s.-]?\d){8,9}|\b3\d{3}\b")
_URL = re.compile(r"https?://[^\s<>\"')]+")


def answers_from_issue(body: str, form: Path = FORM) -> dict[str, Any]:
    """The answers of a submitted form, by the option names of `new-service`."""
    fields = yaml.safe_load(form.read_text(encoding="utf-8"))["body"]
    sections = _sections(body)
    answers: dict[str, Any] = {}
    for field in fields:
        if field["type"] == "markdown":
            continue
        text = sections.get(field["attributes"]["label"], "").strip()
        if not text or text == _NO_RESPONSE:
            continue
        if field["type"] == "dropdown":
            options = field["attributes"]["options"]
            if chosen := [option.split(" : ", 1)[0] for option in options if option in text]:
                answers[field["id"]] = ", ".join(chosen)  # none known: the question is asked
        elif field["id"] == "contact":
            answers |= _contact(text)
        elif field["id"] == "sources":
            answers |= _source(text)
        else:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            answers[field["id"]] = " / ".join(lines)  # new-service's way of writing one sentence per line
    return answers


def _sections(body: str) -> dict[str, str]:
    """Each "### heading" of the issue with the text under it."""
    parts = re.split(r"^### (.+)$", body.replace("\r\n", "\n"), flags=re.MULTILINE)
    return {heading.strip(): text for heading, text in zip(parts[1::2], parts[2::2], strict=True)}


def _contact(text: str) -> dict[str, str]:
    found = {
        "telephone": _PHONE.search(text),
        "email": EMAIL.search(text),  # as a record accepts it
        "site": _URL.search(text),
    }
    return {name: match.group() for name, match in found.items() if match}


def _source(text: str) -> dict[str, str]:
    """The first source: its address, and its title (the words around the address)."""
    first = next(line.strip() for line in text.splitlines() if line.strip())
    url = _URL.search(first)
    if not url:
        return {"source_titre": first}
    title = _URL.sub("", first).strip(" -:,\u2013")  # "Page du garage \u2013 https://…"
    return {"source_titre": title or url.group(), "source_url": url.group()}

"""The questionnaire to each operator, as Markdown (to send by e-mail) and as a PDF (to print),
from the same facts and with the flyers' print rules."""

from __future__ import annotations

from datetime import date

from ..content.records import Content
from ..export.questionnaire import Questionnaire
from ..structure.languages import written_date
from .environment import document_environment
from .pdf import render_pdf


def questionnaire_markdown(questionnaire: Questionnaire, content: Content, today: date) -> str:
    environment = document_environment().overlay(autoescape=False)
    environment.filters["date"] = written_date
    template = environment.get_template("questionnaire/questionnaire.md.j2")
    return template.render(**_context(questionnaire, content, today))


def questionnaire_pdf(questionnaire: Questionnaire, content: Content, today: date) -> bytes:
    environment = document_environment().overlay()
    environment.filters["date"] = written_date
    html = environment.get_template("questionnaire/questionnaire.html.j2").render(
        **_context(questionnaire, content, today)
    )
    return render_pdf(html, f"questionnaire {questionnaire.file_name}".encode()[:16].ljust(16, b"0")).data


def _context(questionnaire: Questionnaire, content: Content, today: date) -> dict[str, object]:
    return {
        "questionnaire": questionnaire,
        "basin": content.basin,
        "today": today,
        "how_to_answer": how_to_answer(content),
    }


def how_to_answer(content: Content) -> str:
    basin = content.basin
    yourself = "ou corrigez la fiche vous-même : le guide est sur le site, page « Contribuer »."
    if basin.contact_email:
        return f"Répondez par e-mail à {basin.contact_email}, {yourself}"
    if basin.depot_github:
        return f"Envoyez vos corrections sur {basin.depot_github}/issues, {yourself}"
    return "Répondez à la personne qui vous a envoyé ce document : elle met le site à jour."

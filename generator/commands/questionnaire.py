"""`questionnaire`: for each operator, what the site says of it and what to ask it (Markdown and PDF)."""

from __future__ import annotations

import argparse

from ..content.loader import load_content
from ..export.questionnaire import questionnaires
from ..render.assets import MissingAsset
from ..render.questionnaire import questionnaire_markdown, questionnaire_pdf
from .common import report


def run(arguments: argparse.Namespace) -> int:
    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    arguments.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for questionnaire in questionnaires(content, arguments.today):
        base = arguments.out / questionnaire.file_name
        base.with_suffix(".md").write_text(questionnaire_markdown(questionnaire, content, arguments.today))
        if not arguments.sans_pdf:
            try:
                base.with_suffix(".pdf").write_bytes(
                    questionnaire_pdf(questionnaire, content, arguments.today)
                )
            except MissingAsset as missing:
                print(f"Les PDF n'ont pas été écrits : {missing}")
                return 1
        written += 1
    late = sum(asked.late for q in questionnaires(content, arguments.today) for asked in q.records)
    print(
        f"{written} questionnaires écrits dans {arguments.out} ; {late} fiches ont passé leur date de revue."
    )
    return 0

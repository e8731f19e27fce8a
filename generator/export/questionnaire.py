"""What to ask each operator before the yearly update (Fiche 1.1's contribution process).

For each operator: its records, what the site says of them today, the fields
Fiche 1.1 asks for that are missing, and the records past their review date.
The plan's facilitators send the document (Markdown or PDF) to the operator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..content.model import HelpDesk, Service
from ..content.records import Content
from ..content.review import Reviewed, is_stale, review_due, reviewed_records
from ..content.texts import slug
from ..structure import urls
from .quality import RecordQuality, quality_of


@dataclass(frozen=True)
class Asked:
    """One record in a questionnaire: what the site shows, what is missing, when to review it."""

    record: Reviewed
    page: str  # its address on the site
    shown: list[tuple[str, str]]  # (label, what the site says)
    quality: RecordQuality
    due: date
    late: bool


@dataclass(frozen=True)
class Questionnaire:
    operator: str
    file_name: str  # without extension: "departement-du-pas-de-calais"
    records: list[Asked]


def questionnaires(content: Content, today: date) -> list[Questionnaire]:
    quality = {record.key: record for record in quality_of(content, today).records}
    grouped: dict[str, list[Asked]] = defaultdict(list)
    for record in sorted(reviewed_records(content), key=lambda r: r.nom):
        key = f"{'lieux' if isinstance(record, HelpDesk) else 'services'}/{record.id}"
        grouped[record.operateur].append(
            Asked(record, _page(record, content), _shown(record), quality[key], review_due(record),
                  is_stale(record, today))
        )  # fmt: skip
    return [Questionnaire(operator, slug(operator), records) for operator, records in sorted(grouped.items())]


def _page(record: Reviewed, content: Content) -> str:
    if isinstance(record, Service):
        return urls.absolute(content.basin.adresse_site, urls.service(record.id))
    address = urls.commune(record.commune) if record.commune else urls.COMMUNES
    return urls.absolute(content.basin.adresse_site, address)


def _shown(record: Reviewed) -> list[tuple[str, str]]:
    """The facts the site shows of a record, with the labels a reader sees."""
    if isinstance(record, HelpDesk):
        fields = [
            ("Téléphone", record.telephone),
            ("E-mail", record.email),
            ("Adresse", record.adresse),
            ("Site", record.site),
            ("Horaires", record.horaires),
            ("Précisions", record.horaires_precisions),
        ]
    else:
        contact = record.contact
        fields = [
            ("C'est quoi ?", record.description),
            ("C'est pour qui ?", record.pour_qui),
            ("Conditions", record.conditions),
            ("Combien ça coûte ?", record.cout),
            ("Comment faire ?", record.comment_faire),
            ("Téléphone", contact.telephone),
            ("E-mail", contact.email),
            ("Adresse", contact.adresse),
            ("Site", contact.site),
        ]
    return [(label, " ".join(str(value).split())) for label, value in fields if value]  # fmt: skip

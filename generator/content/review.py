"""Records to review: those whose last check is older than their review rhythm (`stale`).

Each service and help desk says how often it must be checked (`a_revoir_tous_les`:
3, 6 or 12 months); the coverage report and `stale` use it, and so does the
questionnaire sent to operators.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

from .model import HelpDesk, Service
from .records import Content

Reviewed = Service | HelpDesk


def months_after(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_due(record: Reviewed, months: int | None = None) -> date:
    """The day a record must be checked again: its rhythm (or `months`) after its last check."""
    return months_after(record.verifie_le, months or record.a_revoir_tous_les)


def is_stale(record: Reviewed, today: date, months: int | None = None) -> bool:
    return review_due(record, months) < today


def reviewed_records(content: Content) -> list[Reviewed]:
    """The records that are checked against their sources: services and help desks."""
    return [*content.services.values(), *content.help_desks.values()]


def stale_by_operator(content: Content, today: date, months: int | None = None) -> dict[str, list[Reviewed]]:
    """Records past their review date (or older than `months` months), grouped by who runs them."""
    grouped: dict[str, list[Reviewed]] = defaultdict(list)
    for record in sorted(reviewed_records(content), key=lambda r: (r.verifie_le, r.id)):
        if is_stale(record, today, months):
            grouped[record.operateur].append(record)
    return dict(sorted(grouped.items()))


def record_path(record: Reviewed) -> str:
    """Where a record is, in the content folder: "services/x.yml", "lieux/y.yml"."""
    return f"{'lieux' if isinstance(record, HelpDesk) else 'services'}/{record.id}.yml"

"""Records to review: those whose last check is too old, by operator (`stale`)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

from .model import Service
from .records import Content


def stale_by_operator(content: Content, today: date, months: int) -> dict[str, list[Service]]:
    """Records whose last check is older than `months` months, grouped by who runs them."""
    limit = _months_before(today, months)
    grouped: dict[str, list[Service]] = defaultdict(list)
    for service in sorted(content.services.values(), key=lambda s: s.verifie_le):
        if service.verifie_le < limit:
            grouped[service.operateur].append(service)
    return dict(sorted(grouped.items()))


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))

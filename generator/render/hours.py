"""Opening hours in plain French words, from OpenStreetMap's `opening_hours` syntax.

The expression is read by `opening-hours-py` (the parser data·inclusion's
format is written for); we only put the week it computes into words:

    "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00"
    → ["Du lundi au jeudi : de 9 h à 12 h et de 14 h à 17 h.", "Le vendredi : de 9 h à 12 h."]

A reference week without public holidays is read, in winter and in summer:
when they differ, the reader is told that the hours change with the season.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import cache

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Weeks without a French public holiday: a Monday in January and one in July.
_REFERENCE_WEEKS = (datetime(2025, 1, 13), datetime(2025, 7, 21))

Slot = tuple[time, time, str]  # opening, closing, the source's comment ("sur rendez-vous")
Week = tuple[tuple[Slot, ...], ...]  # one tuple of slots per day, Monday first


@cache
def hours_in_words(expression: str) -> tuple[str, ...]:
    """One sentence per group of days with the same hours; the days it is closed are not named."""
    winter, summer = (_week(expression, monday) for monday in _REFERENCE_WEEKS)
    sentences = [f"{_days_in_words(days)} : {_slots_in_words(slots)}." for days, slots in _groups(winter)]
    if not sentences:
        sentences = ["Pas d'ouverture au public : appelez ou écrivez."]
    if winter != summer:
        sentences.append("Les horaires changent selon la période de l'année.")
    return tuple(sentences)


def _week(expression: str, monday: datetime) -> Week:
    import opening_hours

    hours = opening_hours.OpeningHours(expression)
    days: list[tuple[Slot, ...]] = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        days.append(tuple(
            (start.time(), end.time() if end.date() == day.date() else time(23, 59), comment or "")
            for start, end, state, comment in hours.intervals(day, day + timedelta(days=1))
            if state == opening_hours.State.OPEN or (state == opening_hours.State.UNKNOWN and comment)
        ))  # fmt: skip
    return tuple(days)


def _groups(week: Week) -> list[tuple[list[int], tuple[Slot, ...]]]:
    """Days with the same hours together, in the order of their first day."""
    groups: dict[tuple[Slot, ...], list[int]] = {}
    for day, slots in enumerate(week):
        if slots:
            groups.setdefault(slots, []).append(day)
    return [(days, slots) for slots, days in groups.items()]


def _days_in_words(days: list[int]) -> str:
    if len(days) == 7:
        return "Tous les jours"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"Du {DAYS[days[0]]} au {DAYS[days[-1]]}"
    names = [f"le {DAYS[day]}" for day in days]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return listed[0].upper() + listed[1:]


def _slots_in_words(slots: tuple[Slot, ...]) -> str:
    if len(slots) == 1 and slots[0][:2] == (time(0, 0), time(23, 59)):
        return "toute la journée" + _comment(slots[0][2])
    return " et ".join(f"de {_clock(start)} à {_clock(end)}{_comment(note)}" for start, end, note in slots)


def _clock(moment: time) -> str:
    """9:00 → "9 h", 12:30 → "12 h 30", as the French write it."""
    if moment == time(23, 59):
        return "minuit"
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _comment(note: str) -> str:
    return f", {note}" if note else ""

"""How complete each record is: what the partners must collect from operators (Fiche 1.1).

Two measures, per record:
- data·inclusion's `score_qualite` (0 to 1), computed by the official package
  on the exported service: the national directories use it to rank services;
- the completeness of what Fiche 1.1 asks for every service: name, phone,
  e-mail, postal address, a link to the operator's page, a description with
  the area and the access conditions. For a help desk: phone, e-mail, address,
  web page and opening hours.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import mean
from typing import Any

from ..content.model import HelpDesk, Service
from ..content.records import Content
from . import data_inclusion

LOW_COMPLETENESS = 0.5  # a record with less than half of what Fiche 1.1 asks is listed


@dataclass(frozen=True)
class RecordQuality:
    key: str  # "services/x", "lieux/y"
    name: str
    operator: str
    territories: tuple[str, ...]
    completeness: float  # 0 to 1
    missing: tuple[str, ...]  # what Fiche 1.1 asks and the record lacks, in French
    score: float | None = None  # data·inclusion's score_qualite (services only)


@dataclass(frozen=True)
class Quality:
    records: list[RecordQuality]
    by_operator: dict[str, float] = field(default_factory=dict)  # mean completeness
    by_territory: dict[str, float] = field(default_factory=dict)

    @property
    def mean_score(self) -> float | None:
        scores = [r.score for r in self.records if r.score is not None]
        return round(mean(scores), 2) if scores else None

    @property
    def mean_completeness(self) -> float:
        return round(mean(r.completeness for r in self.records), 2) if self.records else 1.0

    @property
    def low(self) -> list[RecordQuality]:
        return sorted((r for r in self.records if r.completeness < LOW_COMPLETENESS), key=lambda r: r.key)

    def summary(self) -> str:
        """One French sentence for `check`."""
        text = "Qualité des fiches : "
        if self.mean_score is not None:
            text += f"score data·inclusion moyen {french_number(self.mean_score)} sur 1 ; "
        text += f"fiche 1.1 remplie à {percent(self.mean_completeness)} en moyenne"
        low = self.low
        if low:
            text += f" ; {len(low)} fiches remplies à moins de {percent(LOW_COMPLETENESS)} : "
            text += ", ".join(r.key for r in low)
        return text + "."


def french_number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def quality_of(content: Content, today: date) -> Quality:
    scores = _scores(content, today)
    records = [_service_quality(s, content, scores.get(s.id)) for s in content.services.values()]
    records += [_help_desk_quality(desk, content) for desk in content.help_desks.values()]
    by_operator = _mean_by(records, lambda r: [r.operator])
    return Quality(records, by_operator, _mean_by(records, lambda r: r.territories))


def _service_quality(service: Service, content: Content, score: float | None) -> RecordQuality:
    contact = service.contact
    asked = {
        "téléphone": contact.telephone,
        "e-mail": contact.email,
        "adresse postale": contact.adresse,
        "page de l'opérateur": contact.site,
        "conditions d'accès": service.conditions or service.oriente_par,
    }
    missing = tuple(name for name, value in asked.items() if not value)
    # Name, description and area are required by the model: always there.
    completeness = round((2 + len(asked) - len(missing)) / (2 + len(asked)), 2)
    territories = tuple(content.territories_of(service))
    key = f"services/{service.id}"
    return RecordQuality(key, service.nom, service.operateur, territories, completeness, missing, score)


def _help_desk_quality(desk: HelpDesk, content: Content) -> RecordQuality:
    asked = {
        "téléphone": desk.telephone,
        "e-mail": desk.email,
        "adresse postale": desk.adresse,
        "page du lieu": desk.site,
        "horaires": desk.horaires,
    }
    missing = tuple(name for name, value in asked.items() if not value)
    completeness = round((1 + len(asked) - len(missing)) / (1 + len(asked)), 2)
    territories = tuple(content.covered(desk.territoires))
    return RecordQuality(f"lieux/{desk.id}", desk.nom, desk.operateur, territories, completeness, missing)


def _scores(content: Content, today: date) -> dict[str, float]:
    """data·inclusion's score of each exported service, on `today` (its age criterion reads the clock)."""
    from data_inclusion.schema.v1 import Service as DiService
    from data_inclusion.schema.v1.score_qualite import score

    _, services = data_inclusion.export(content)
    scores = {}
    with data_inclusion.official_clock(today):
        for record in services:
            scores[record["id"].split("--", 1)[1]] = score(DiService.model_validate(record))[0]
    return scores


def _mean_by(records: list[RecordQuality], keys: Any) -> dict[str, float]:
    groups: dict[str, list[float]] = defaultdict(list)
    for record in records:
        for key in keys(record):
            groups[key].append(record.completeness)
    return {key: round(mean(values), 2) for key, values in sorted(groups.items())}

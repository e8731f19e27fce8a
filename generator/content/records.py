"""The validated content of a basin, and the questions pages ask of it.

"Which services serve young people in the Boulonnais?" is answered here once,
so that pages, flyers, exports and reports agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .model import Audience, Basin, Commune, Glossary, HelpDesk, NeedHelp, Redirection, Service, Territory
from .texts import without_accents
from .vocabulary import EVERYONE, HELP_DESK_KINDS, INTERCOMMUNALITY_NATURES, NEEDS
from .yaml_loader import YamlDocument


def sort_key(text: str) -> str:
    """French alphabetical order: accents and a leading article ignored."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"^(le |la |les |l')", "", plain)


def search_key(text: str) -> str:
    """What the commune finder compares: "Saint-Omer" and "st omer" give "st omer".

    The same normalisation is written in JavaScript in assets/options.js (`normalise`), which
    gives the commune finder's list its keys (tests/browser/test_citizen_features.py).
    """
    plain = re.sub(r"[-'’]", " ", without_accents(text))
    plain = re.sub(r"\bsainte\b", "ste", plain)
    plain = re.sub(r"\bsaint\b", "st", plain)
    return " ".join(plain.split())


@dataclass
class Content:
    root: Path
    basin: Basin
    glossary: Glossary
    audiences: dict[str, Audience]
    territories: dict[str, Territory]
    services: dict[str, Service]  # services that exist: on every page, flyer and export
    help_desks: dict[str, HelpDesk] = field(default_factory=dict)  # places that receive people
    retired: dict[str, Service] = field(default_factory=dict)  # only their own page remains
    redirections: list[Redirection] = field(default_factory=list)
    advice: list[NeedHelp] = field(default_factory=list)  # national options when no service answers a need
    # Where each record was read ("services/<id>", "glossaire"…), to point later findings to a line.
    origins: dict[str, YamlDocument] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.audiences = dict(sorted(self.audiences.items(), key=lambda kv: (kv[1].ordre, kv[0])))
        self.territories = dict(
            sorted(self.territories.items(), key=lambda kv: (sort_key(kv[1].libelle), kv[0]))
        )
        self.services = dict(sorted(self.services.items(), key=lambda kv: (sort_key(kv[1].nom), kv[0])))
        # Which service goes on which page, computed once: pages, flyers and reports ask often.
        self._territories_of = {sid: self._territories(service) for sid, service in self.services.items()}
        self._audiences_of = {sid: self._audiences(service) for sid, service in self.services.items()}
        self._by_territory: dict[str, list[Service]] = defaultdict(list)
        self._by_audience: dict[str, list[Service]] = defaultdict(list)
        self._by_pair: dict[tuple[str, str], list[Service]] = defaultdict(list)
        self._desks_by_territory: dict[str, list[HelpDesk]] = defaultdict(list)
        for desk in sorted(self.help_desks.values(), key=_desk_order):
            for territory_id in self.covered(desk.territoires):
                self._desks_by_territory[territory_id].append(desk)
        for service_id, service in self.services.items():
            for audience_id in self._audiences_of[service_id]:
                self._by_audience[audience_id].append(service)
            for territory_id in self._territories_of[service_id]:
                self._by_territory[territory_id].append(service)
                for audience_id in self._audiences_of[service_id]:
                    self._by_pair[territory_id, audience_id].append(service)

    # --- Zones: the basin, its départements, its intercommunalities -------------

    def zone_ids(self) -> set[str]:
        return {self.basin.id, *(d.id for d in self.basin.departements), *self.territories}

    def territories_of(self, service: Service) -> list[str]:
        """The intercommunalities where a service is available, in page order."""
        return self._territories_of[service.id]

    def _territories(self, service: Service) -> list[str]:
        return self.covered(service.territoires)

    def covered(self, zones: list[str]) -> list[str]:
        """The intercommunalities a list of zones covers (a département covers its own)."""
        wanted = set(zones)
        if self.basin.id in wanted:
            return list(self.territories)
        return [
            territory_id
            for territory_id, territory in self.territories.items()
            if territory_id in wanted or territory.departement in wanted
        ]

    def is_basin_wide(self, service: Service) -> bool:
        """A service for the whole basin: on every territory's page."""
        return self.basin.id in service.territoires

    def _audiences(self, service: Service) -> list[str]:
        if EVERYONE in service.publics:
            return list(self.audiences)
        return [a for a in self.audiences if a in service.publics]

    # --- Services for a page ----------------------------------------------------

    def services_for(self, territory: str | None = None, audience: str | None = None) -> list[Service]:
        """Services available in a territory and/or serving an audience, in name order."""
        if territory and audience:
            return list(self._by_pair.get((territory, audience), []))
        if territory:
            return list(self._by_territory.get(territory, []))
        if audience:
            return list(self._by_audience.get(audience, []))
        return list(self.services.values())

    def pairs_with_services(self) -> list[tuple[str, str]]:
        """(territory, audience) pairs that have at least one service, in page order."""
        return [(t, a) for t in self.territories for a in self.audiences if self._by_pair.get((t, a))]

    # --- Communes and the help desks near them -------------------------------------------

    @cached_property
    def communes(self) -> dict[str, tuple[Commune, str]]:
        """INSEE code → the commune and its intercommunality, in alphabetical order."""
        found = [(c, t) for t, territory in self.territories.items() for c in territory.communes]
        return {
            c.insee: (c, t) for c, t in sorted(found, key=lambda pair: (sort_key(pair[0].nom), pair[0].insee))
        }

    def help_desks_for(self, territory_id: str, audience_id: str | None = None) -> list[HelpDesk]:
        """The places that receive the people of a territory, or of one audience in it."""
        # (The order is set when the desks are indexed: kinds anyone goes to first, then names.)
        desks = self._desks_by_territory.get(territory_id, [])
        return [d for d in desks if audience_id is None or EVERYONE in d.publics or audience_id in d.publics]

    def help_desks_near(self, insee: str) -> list[HelpDesk]:
        """The places that receive the people of a commune: those in the commune come first."""
        _, territory_id = self.communes[insee]
        desks = [
            d for d in self.help_desks_for(territory_id) if not d.seulement_pour or insee in d.seulement_pour
        ]
        return [d for d in desks if d.commune == insee] + [d for d in desks if d.commune != insee]

    def commune_name(self, insee: str | None) -> str:
        return self.communes[insee][0].nom if insee in self.communes else ""

    @cached_property
    def departements(self) -> dict[str, str]:
        return {d.id: d.nom for d in self.basin.departements}

    def advice_for(self, need: str, audience_id: str) -> list[NeedHelp]:
        """The national options for a need, for one audience."""
        return [
            a for a in self.advice if a.besoin == need and (EVERYONE in a.publics or audience_id in a.publics)
        ]

    def territory_in_full(self, territory_id: str) -> str:
        """ "la Communauté urbaine de Dunkerque": an official name without its abbreviation."""
        territory = self.territories[territory_id]
        nature, _, rest = territory.nom.partition(" ")
        if nature == territory.nature and territory.nature in INTERCOMMUNALITY_NATURES:
            return f"{INTERCOMMUNALITY_NATURES[territory.nature]} {rest}"
        return territory.nom

    def departement_dans(self, departement_id: str) -> str:
        """ "dans le Nord": a département in a sentence."""
        return next((d.dans for d in self.basin.departements if d.id == departement_id), "")

    def zone_label(self, zone_id: str) -> str:
        """'Le Boulonnais', 'Pas-de-Calais' or 'Littoral Nord': a zone named for a reader."""
        if zone_id == self.basin.id:
            return self.basin.nom
        if zone_id in self.territories:
            return self.territories[zone_id].libelle
        return self.departements.get(zone_id, zone_id)

    def zones_text(self, service: Service) -> str:
        """Where a service is available, in words: "Le Boulonnais, Pas-de-Calais"."""
        return ", ".join(self.zone_label(zone) for zone in service.territoires)


def _desk_order(desk: HelpDesk) -> tuple[int, str, str]:
    return (HELP_DESK_KINDS[desk.type].order, sort_key(desk.nom), desk.id)


def group_by_need(services: list[Service]) -> list[tuple[str, list[Service]]]:
    """Services grouped by their first need, in the order of `NEEDS`; empty groups left out."""
    groups: dict[str, list[Service]] = {need: [] for need in NEEDS}
    for service in services:
        groups[service.besoins[0]].append(service)
    return [(need, members) for need, members in groups.items() if members]


def last_checked(services: list[Service]) -> date | None:
    """The most recent check among services: the 'Mis à jour le' of a page."""
    return max((service.verifie_le for service in services), default=None)

"""The everyday words that lead to a page in the site's search, though its text may not hold them.

People search with their own words ("chômeur", "voiture en panne", "médecin"),
not the plan's ("demandeur d'emploi", "garage solidaire"). A service page
carries, unseen, its own `mots_cles`, those of its needs and those of its
audiences; an audience page, its own. The search indexes them with the text.
"""

from __future__ import annotations

from ..content.model import Audience, Service
from ..content.vocabulary import NEED_SEARCH_WORDS


def service_search_words(service: Service, audiences: dict[str, Audience]) -> list[str]:
    words = [*service.mots_cles]
    for need in service.besoins:
        words += NEED_SEARCH_WORDS[need]
    for audience_id in service.publics:
        if audience_id in audiences:
            words += audiences[audience_id].mots_cles
    return list(dict.fromkeys(words))  # once each, in that order

"""Closed lists of values shared by every basin, with their French labels.

The kinds of service are the six of the plan's Fiche 3.1; the needs are how a
citizen thinks of help ("I need money for transport"), used to group services
on pages and flyers. Each comes with the icon shown beside it
(`generator/render/static/icons/<icon>.svg`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    icon: str
    short: str = ""  # for charts, where space is short

    @property
    def short_label(self) -> str:
        return self.short or self.label


CategoryId = Literal[
    "transport-commun",
    "diagnostic-mobilite",
    "accompagnement-mobilite",
    "transport-solidaire",
    "vehicule",
    "aide-financiere",
]
NeedId = Literal["conseil", "argent", "permis", "vehicule", "bus-train", "etre-conduit"]

CATEGORIES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("transport-commun", "Transport de droit commun", "bus", "Droit commun"),
        Term("diagnostic-mobilite", "Diagnostic mobilité", "clipboard-check", "Diagnostic"),
        Term("accompagnement-mobilite", "Accompagnement mobilité", "hand-heart", "Accompagnement"),
        Term("transport-solidaire", "Transport solidaire", "car-side", "Solidaire"),
        Term("vehicule", "Véhicule : achat, location, réparation", "car-wrench", "Véhicule"),
        Term("aide-financiere", "Aide financière", "cash", "Aide financière"),
    )
}

# In the order a page shows them: advice first, then money, then the means.
NEEDS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("conseil", "Être aidé et conseillé", "chat-question"),
        Term("argent", "Avoir de l'argent pour se déplacer", "cash"),
        Term("permis", "Passer le permis de conduire", "card-account-details"),
        Term("vehicule", "Avoir une voiture, un scooter ou un vélo", "bicycle"),
        Term("bus-train", "Prendre le bus ou le train", "bus"),
        Term("etre-conduit", "Être conduit", "seat-passenger"),
    )
}

# Everyday words that lead to a need's services in the site's search, beyond the services' own text.
NEED_SEARCH_WORDS: dict[str, tuple[str, ...]] = {
    "conseil": ("conseil", "aide", "accompagnement", "bilan", "rendez-vous"),
    "argent": ("argent", "payer", "aide financière", "frais", "essence", "carburant"),
    "permis": ("pas de permis", "conduire", "code de la route", "auto-école", "leçons de conduite"),
    "vehicule": ("voiture", "scooter", "mobylette", "vélo", "véhicule"),
    "bus-train": ("bus", "car", "train", "ticket", "abonnement", "transport en commun"),
    "etre-conduit": (
        "chauffeur",
        "emmener",
        "trajet",
        "pas de voiture",
        "médecin",
        "hôpital",
        "rendez-vous médical",
    ),
}

assert list(CATEGORIES) == list(get_args(CategoryId)), "each kind needs its label and icon"
assert list(NEEDS) == list(get_args(NeedId)), "each need needs its label and icon"
assert NEED_SEARCH_WORDS.keys() == NEEDS.keys(), "each need needs its everyday words"

ACCESS_MODES: dict[str, str] = {
    "direct": "Vous pouvez contacter ce service vous-même.",
    "orientation": "Un professionnel doit vous envoyer vers ce service.",
}

EVERYONE = "tous"  # in `publics`: the service is for everyone

# The nature of an intercommunality, in words: "CU de Dunkerque" → "la Communauté urbaine de Dunkerque".
INTERCOMMUNALITY_NATURES: dict[str, str] = {
    "CA": "la Communauté d'agglomération",
    "CC": "la Communauté de communes",
    "CU": "la Communauté urbaine",
    "METRO": "la Métropole",
}

# `vehicule_requis` of a service: said on its card, and the pages can hide it.
VEHICLE_CONDITIONS: dict[str, str] = {
    "voiture": "Pour les personnes qui ont une voiture.",
    "permis": "Pour les personnes qui ont le permis de conduire.",
}

# --- Help desks: places where a person is received and helped ----------------------

HelpDeskKindId = Literal[
    "france-services",
    "mission-locale",
    "france-travail",
    "plateforme-mobilite",
    "mdph",
    "maison-departementale",
    "ccas",
    "mairie",
    "point-transfrontalier",
    "autre",
]


@dataclass(frozen=True)
class HelpDeskKind:
    id: str
    label: str
    what: str  # one FALC sentence: what such a place does for the person
    icon: str
    order: int  # on a page: the places anyone can go to first


HELP_DESK_KINDS: dict[str, HelpDeskKind] = {
    k.id: k
    for k in (
        HelpDeskKind(
            "france-services",
            "France Services",
            "Un agent vous aide dans vos démarches.",
            "home-city",
            1,
        ),
        HelpDeskKind(
            "mairie",
            "Mairie",
            "L'accueil de votre mairie vous renseigne.",
            "home-city",
            2,
        ),
        HelpDeskKind(
            "ccas",
            "Centre communal d'action sociale",
            "Le service social de votre mairie vous aide.",
            "hand-heart",
            3,
        ),
        HelpDeskKind(
            "plateforme-mobilite",
            "Plateforme mobilité",
            "Un conseiller cherche avec vous comment vous déplacer.",
            "chat-question",
            4,
        ),
        HelpDeskKind(
            "mission-locale",
            "Mission locale",
            "Pour les jeunes de 16 à 25 ans : emploi, formation, transport.",
            "account-school",
            5,
        ),
        HelpDeskKind(
            "france-travail",
            "France Travail",
            "Pour les personnes qui cherchent un travail.",
            "briefcase-search",
            6,
        ),
        HelpDeskKind(
            "maison-departementale",
            "Accueil du Département",
            "Les travailleurs sociaux du Département vous reçoivent.",
            "hand-heart",
            7,
        ),
        HelpDeskKind(
            "mdph",
            "Maison départementale des personnes handicapées",
            "Pour les personnes en situation de handicap : vos droits, vos aides.",
            "wheelchair",
            8,
        ),
        HelpDeskKind(
            "point-transfrontalier",
            "Point d'information frontaliers",
            "Pour travailler ou étudier en Belgique.",
            "translate",
            9,
        ),
        HelpDeskKind(
            "autre",
            "Accueil",
            "Un lieu où l'on vous reçoit et vous aide.",
            "information-outline",
            10,
        ),
    )
}
assert set(HELP_DESK_KINDS) == set(get_args(HelpDeskKindId)), "each kind of help desk needs its words"

# The FALC rules a record may silence in `falc_exceptions` (their checks live in falc/).
RuleCode = Literal[
    "phrase-longue",
    "phrase-a-couper",
    "texte-long",
    "idees-multiples",
    "sigle-inconnu",
    "majuscules",
    "pourcentage",
    "grand-nombre",
    "nombre-en-lettres",
    "date-abregee",
    "caractere-special",
    "italique",
    "negation",
    "passif",
    "conditionnel",
    "mot-rare",
    "mot-administratif",
    "nominalisation",
    "lisibilite",
    "langue",
]

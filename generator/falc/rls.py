"""The French government's reference for easy-to-read content, and which of its criteria we check.

The "Référentiel pour une rédaction de contenus en langage simplifié" (RLS, DINSIC
and SGMAP, 2017, open licence 1.0: https://disic.github.io/referentiel_redaction-langage-simplifie,
repository DISIC/referentiel_redaction-langage-simplifie) has 47 criteria at levels A, AA
and AAA. Each rule of the linter is keyed to the criterion it checks; the site's layout
meets the presentation criteria (tested in Chromium); the rest needs a person, above all
RLS-2.1: a text written with people with intellectual disabilities. The titles below are
the criteria's questions, shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

from .settings import RULES


@dataclass(frozen=True)
class Criterion:
    code: str  # "RLS-4.1"
    level: str  # "A", "AA" or "AAA"
    title: str


def _criteria(*rows: tuple[str, str, str]) -> dict[str, Criterion]:
    return {code: Criterion(code, level, title) for code, level, title in rows}


# Checked by the linter, rule by rule.
CHECKED = _criteria(
    ("RLS-1.2", "A", "Le texte est clair : pas d'italique, pas de soulignement."),
    ("RLS-1.6", "AAA", "Les mots ne sont pas écrits en majuscules."),
    ("RLS-1.12", "A", "Il y a peu de texte sur la page."),
    ("RLS-4.1", "A", "Les phrases sont courtes : une idée, une action par phrase."),
    ("RLS-4.2", "AA", "La ponctuation est simple : pas de point-virgule, de parenthèses, de signes."),
    ("RLS-5.1", "AAA", "Les nombres sont écrits en chiffres."),
    ("RLS-5.2", "AAA", "Pas de pourcentages ni de grands nombres."),
    ("RLS-5.3", "AAA", "Les dates sont écrites en toutes lettres."),
    ("RLS-5.5", "AAA", "Les mots étrangers sont assez répandus pour être compris."),
    ("RLS-6.4", "AAA", "Pas de jargon ni de constructions complexes."),
    ("RLS-6.6", "AAA", "Le texte est compréhensible."),
    ("RLS-6.7", "A", "Les mots difficiles et les sigles sont expliqués."),
    ("RLS-7.1", "AAA", "Le texte est écrit au présent, si possible."),
    ("RLS-7.2", "AA", "Les phrases sont affirmatives, si possible."),
    ("RLS-7.3", "AA", "Les phrases sont à la voix active, si possible."),
)

# Met by the site's own layout, the same on every page (tests/browser).
BY_LAYOUT = _criteria(
    ("RLS-1.1", "A", "La police fait 14 px au moins."),
    ("RLS-1.7", "A", "Chaque phrase commence sur une nouvelle ligne."),
    ("RLS-1.8", "A", "Les mots ne sont pas coupés."),
    ("RLS-1.13", "A", "L'espace entre les lignes est suffisant."),
    ("RLS-1.14", "A", "Le texte est aligné à gauche."),
)

# What no program can judge: to check by reading, with the people the texts are for.
BY_PEOPLE = _criteria(
    ("RLS-2.1", "A", "Le texte a été écrit avec des personnes handicapées intellectuelles."),
    ("RLS-6.1", "A", "Les informations sont dans un ordre logique."),
    ("RLS-6.3", "AA", "Le texte a, si nécessaire, une introduction."),
    ("RLS-6.5", "AA", "Le langage est adapté au public."),
    ("RLS-7.4", "AA", "Le texte s'adresse directement au lecteur."),
    ("RLS-7.5", "AA", "Le même mot désigne toujours la même chose."),
)

MET, TO_REVIEW, NOT_MET = "respecté", "à revoir", "non respecté"

RULE_CRITERIA: dict[str, str] = {
    "phrase-longue": "RLS-4.1",
    "phrase-a-couper": "RLS-4.1",
    "idees-multiples": "RLS-4.1",
    "texte-long": "RLS-1.12",
    "sigle-inconnu": "RLS-6.7",
    "mot-rare": "RLS-6.7",
    "majuscules": "RLS-1.6",
    "pourcentage": "RLS-5.2",
    "grand-nombre": "RLS-5.2",
    "nombre-en-lettres": "RLS-5.1",
    "date-abregee": "RLS-5.3",
    "caractere-special": "RLS-4.2",
    "italique": "RLS-1.2",
    "negation": "RLS-7.2",
    "passif": "RLS-7.3",
    "conditionnel": "RLS-7.1",
    "mot-administratif": "RLS-6.4",
    "nominalisation": "RLS-6.4",
    "lisibilite": "RLS-6.6",
    "langue": "RLS-5.5",
}
assert RULE_CRITERIA.keys() == RULES.keys(), "each rule says which criterion it checks"
assert set(RULE_CRITERIA.values()) == CHECKED.keys(), "each checked criterion has its rules"


@dataclass(frozen=True)
class State:
    code: str
    level: str
    title: str
    state: str  # MET, TO_REVIEW or NOT_MET


def conformance(errors: set[str], warnings: set[str]) -> list[State]:
    """The criteria the linter checks, with their state on one page: a criterion one of its rules
    found an error for is not met; one with warnings only is to review."""
    failed = {RULE_CRITERIA[rule] for rule in errors}
    doubtful = {RULE_CRITERIA[rule] for rule in warnings} - failed
    return [
        State(
            c.code,
            c.level,
            c.title,
            NOT_MET if c.code in failed else TO_REVIEW if c.code in doubtful else MET,
        )
        for c in sorted(CHECKED.values(), key=lambda criterion: _order(criterion.code))
    ]


def _order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.removeprefix("RLS-").split("."))

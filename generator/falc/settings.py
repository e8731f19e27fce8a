"""The FALC rules we check, and their thresholds: the one place to tune them.

Taken from shared/docs/falc.md (Inclusion Europe's "Information for all",
GOV.UK Easy Read, the French government writing charter, WCAG 1.4.8, and
Kandel and Moles' French adaptation of the Flesch formula).
"""

from __future__ import annotations

from typing import get_args

from ..content.problems import Severity
from ..content.vocabulary import RuleCode

MAX_WORDS_PER_SENTENCE = 20  # more is an error: published FALC stays under it, administrative prose goes over
WARN_WORDS_PER_SENTENCE = 16  # from here on, a warning (FALC guides advise about 15 words)
MAX_WORDS_PER_TEXT = 60  # cards must stay short
MAX_ADMINISTRATIVE_WORDS = 1  # per field, a warning; more make administrative prose: errors
MAX_COORDINATIONS = 1  # "et", "ou", "mais"… joining ideas, per sentence
RARE_WORD_ZIPF = 3.0  # wordfreq Zipf frequency under which a word is rare
COMMON_WORD_ZIPF = 4.5  # a word in capitals this common is shouting, not an abbreviation
LARGE_NUMBER = 1000
MIN_READABILITY = 60  # Kandel-Moles score, 0 to 100 and more: higher is easier
MIN_WORDS_FOR_READABILITY = 10  # the score of a shorter text says little: reported, not warned

RULE_CODES: tuple[str, ...] = get_args(RuleCode)

# What each rule checks, for the report and the contributor guide; its usual severity.
RULES: dict[str, tuple[Severity, str]] = {
    "phrase-longue": (Severity.ERROR, f"phrase de plus de {MAX_WORDS_PER_SENTENCE} mots"),
    "phrase-a-couper": (
        Severity.WARNING,
        f"phrase de {WARN_WORDS_PER_SENTENCE} à {MAX_WORDS_PER_SENTENCE} mots",
    ),
    "texte-long": (Severity.WARNING, f"texte de plus de {MAX_WORDS_PER_TEXT} mots"),
    "idees-multiples": (Severity.WARNING, "plusieurs idées reliées par « et », « ou », « mais »…"),
    "sigle-inconnu": (Severity.ERROR, "sigle absent du glossaire"),
    "majuscules": (Severity.ERROR, "mot entier en majuscules"),
    "pourcentage": (Severity.ERROR, "pourcentage"),
    "grand-nombre": (Severity.WARNING, f"nombre de {LARGE_NUMBER} ou plus"),
    "nombre-en-lettres": (Severity.WARNING, "nombre écrit en lettres"),
    "date-abregee": (Severity.ERROR, "date en chiffres comme 03/02/2025"),
    "caractere-special": (Severity.ERROR, "parenthèses, point-virgule ; & § # ou / entre deux mots"),
    "italique": (Severity.ERROR, "italique ou soulignement"),
    "negation": (Severity.WARNING, "phrase négative"),
    "passif": (Severity.WARNING, "phrase au passif"),
    "conditionnel": (Severity.WARNING, "conditionnel, ou phrase qui commence par « Si »"),
    "mot-rare": (Severity.WARNING, "mot rare, absent du glossaire"),
    "mot-administratif": (Severity.WARNING, "mot de l'administration, qui a un mot simple"),
    "nominalisation": (Severity.WARNING, "verbe changé en nom : « la prise en charge »"),
    "lisibilite": (Severity.WARNING, f"score de lisibilité sous {MIN_READABILITY}"),
    "langue": (Severity.ERROR, "texte dans une autre langue que celle du champ"),
}
assert set(RULES) == set(RULE_CODES)

"""The FALC rules a program can check, applied to one text at a time.

Each rule gives a finding with its stable code, its severity, the sentence in
question and a hint in plain French. Thresholds come from `settings.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from ..content.model import Glossary
from ..content.problems import Severity
from ..content.texts import lines_of
from .analysis import Sentence, split_sentences
from .settings import (
    COMMON_WORD_ZIPF,
    LARGE_NUMBER,
    MAX_COORDINATIONS,
    MAX_WORDS_PER_SENTENCE,
    MAX_WORDS_PER_TEXT,
    MIN_READABILITY,
    MIN_WORDS_FOR_READABILITY,
    RARE_WORD_ZIPF,
    RULES,
    WARN_WORDS_PER_SENTENCE,
)

# A word as a reader counts it: "l'emploi", "Pas-de-Calais" and "3" are one word each.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
COORDINATIONS = {"et", "ou", "mais", "donc", "car", "ni", "or"}
NUMBER_WORDS = {
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante",
    "soixante", "cent", "cents", "mille",
}  # fmt: skip
DOTTED_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}")
PHONE = re.compile(r"(?:\+\d{2}\s?)?\(?0?\d\)?(?:[\s.]?\d{2}){4}|\b3\d{3}\b")
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
PERCENT = re.compile(r"\d\s?%|\bpour\s?cents?\b", re.IGNORECASE)
NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d+")
PRICE_AFTER = re.compile(r"\s?(?:€|euros?\b)", re.IGNORECASE)
SHORT_DATE = re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
ITALICS = re.compile(r"(?<![\w*])\*[^*\s][^*]*\*(?!\*)|(?<!\w)_[^_\s][^_]*_(?!\w)|</?(?:em|i|u)>")
SLASH_BETWEEN_WORDS = re.compile(r"[^\W\d_]/[^\W\d_]")
NEGATION = re.compile(
    r"\b(?:ne|n['’])\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:pas|plus|jamais|rien|aucun|aucune)\b", re.IGNORECASE
)
NEGATIVE_PARTICLES = {"ne", "n'", "n’"}  # "plus" alone is often a comparison, not a negation
FORMS_OF_ETRE = {
    "suis", "es", "est", "sommes", "êtes", "sont", "été", "être", "étais", "était", "étions", "étiez",
    "étaient", "serai", "seras", "sera", "serons", "serez", "seront", "sois", "soit", "soyons",
    "soyez", "soient", "serait", "seraient",
}  # fmt: skip
PERSONAL_PRONOUNS = {"je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles"}
# Frequent conditional forms the tagger may miss ("il faudrait").
CONDITIONAL_FORMS = {
    f"{stem}{ending}"
    for stem in ("serai", "aurai", "pourrai", "devrai", "faudrai", "voudrai", "irai", "ferai")
    for ending in ("s", "t", "ent")
} | {
    f"{stem}{ending}"
    for stem in ("ser", "aur", "pourr", "devr", "voudr", "ir", "fer")
    for ending in ("ions", "iez")
}
IF_START = re.compile(r"^(?:si\s|s['’]ils?\b)", re.IGNORECASE)

SPECIAL_CHARACTERS = {
    "(": (Severity.ERROR, "sortez ce qui est entre parenthèses et faites-en une phrase à part."),
    ";": (Severity.ERROR, "remplacez « ; » par un point : une idée par phrase."),
    "&": (Severity.WARNING, "écrivez « et »."),
    "§": (Severity.WARNING, "écrivez le mot en entier, par exemple « article »."),
    "#": (Severity.WARNING, "écrivez le mot en entier, par exemple « numéro »."),
}


class _Hit(NamedTuple):
    """What a check found; the severity is the rule's own unless given."""

    rule: str
    message: str
    hint: str
    severity: Severity | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    hint: str
    line: str  # the line of the text where it is


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "fr"))


@cache
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="fr_FR")


def needs_lemma(word: str) -> bool:
    """Only rare-looking words need their dictionary form ("voyagez" → "voyager")."""
    return word[:1].islower() and word.isalpha() and _zipf(word.lower()) < RARE_WORD_ZIPF


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def readability(text: str) -> int | None:
    """Kandel and Moles' French Flesch score: 207 - 1.015 * words/sentence - 73.6 * syllables/word."""
    lines = lines_of(text)
    words = [w for line in lines for w in words_of(line)]
    if not words:
        return None
    syllables = sum(_syllables(w.lower()) for w in words if not w.isdigit()) + sum(w.isdigit() for w in words)
    return round(207 - 1.015 * len(words) / len(lines) - 73.6 * syllables / len(words))


class Rules:
    def __init__(self, glossary: Glossary) -> None:
        self.abbreviations = {entry.sigle for entry in glossary.sigles}
        self.explained_words = {entry.mot.lower() for entry in glossary.mots}

    def check(self, text: str, analyses: dict[str, Sentence], long_text: bool) -> list[Finding]:
        """All findings on one text field; `long_text` adds the rules on whole texts."""
        findings: list[Finding] = []
        for line in lines_of(text):
            for sentence in split_sentences(line):
                findings += self._sentence(analyses[sentence], line)
        if long_text:
            findings += self._whole_text(text)
        return findings

    def _whole_text(self, text: str) -> Iterator[Finding]:
        first = lines_of(text)[0] if lines_of(text) else ""
        count = len(words_of(text))
        if count > MAX_WORDS_PER_TEXT:
            yield _finding(
                "texte-long",
                f"Texte long : {count} mots, {MAX_WORDS_PER_TEXT} au plus.",
                "gardez l'essentiel ; mettez les détails en étapes, ou sur le site du service.",
                first,
            )
        score = readability(text)
        if score is not None and score < MIN_READABILITY and count >= MIN_WORDS_FOR_READABILITY:
            yield _finding(
                "lisibilite",
                f"Texte difficile à lire : score {score}, {MIN_READABILITY} au moins.",
                "des phrases plus courtes et des mots plus courts font monter le score.",
                first,
            )

    def _sentence(self, sentence: Sentence, line: str) -> Iterator[Finding]:
        for check in (
            self._length,
            self._coordinations,
            self._capitals,
            self._numbers,
            self._characters,
            self._grammar,
            self._rare_words,
        ):
            for hit in check(sentence):
                yield _finding(hit.rule, hit.message, hit.hint, line, hit.severity)

    def _length(self, sentence: Sentence) -> Iterator[_Hit]:
        count = len(words_of(sentence.text))
        quoted = f"« {sentence.text} »"
        if count > MAX_WORDS_PER_SENTENCE:
            yield _Hit(
                "phrase-longue",
                f"Phrase trop longue : {count} mots, {MAX_WORDS_PER_SENTENCE} au plus. {quoted}",
                "coupez cette phrase en deux : une idée par phrase.",
            )
        elif count >= WARN_WORDS_PER_SENTENCE:
            yield _Hit(
                "phrase-a-couper",
                f"Phrase longue : {count} mots. {quoted}",
                f"essayez de la couper : {WARN_WORDS_PER_SENTENCE - 1} mots au plus se lisent mieux.",
            )

    def _coordinations(self, sentence: Sentence) -> Iterator[_Hit]:
        joined = [
            w.text.lower() for w in sentence.words if w.pos == "CCONJ" and w.text.lower() in COORDINATIONS
        ]
        if len(joined) > MAX_COORDINATIONS:
            listed = ", ".join(f"« {w} »" for w in joined)
            yield _Hit(
                "idees-multiples",
                f"Plusieurs idées dans une phrase, reliées par {listed}. « {sentence.text} »",
                f"une idée par phrase : coupez avant « {joined[-1]} ».",
            )

    def _capitals(self, sentence: Sentence) -> Iterator[_Hit]:
        candidates = [w for w in re.findall(r"[^\W_]+", sentence.text) if len(w) >= 2 and w.isupper()]
        candidates += DOTTED_ABBREVIATION.findall(sentence.text)
        for word in dict.fromkeys(candidates):
            if word in self.abbreviations:
                continue
            if re.fullmatch(r"[A-Z0-9.]+", word) and _zipf(word.lower()) < COMMON_WORD_ZIPF:
                yield _Hit(
                    "sigle-inconnu",
                    f"Le sigle « {word} » n'est pas expliqué dans le glossaire.",
                    "écrivez les mots en entier, ou ajoutez le sigle et son explication "
                    "dans content/glossaire.yml.",
                )
            else:
                yield _Hit(
                    "majuscules",
                    f"Mot écrit en majuscules : « {word} ».",
                    "écrivez-le en minuscules ; pour insister, mettez l'idée au début de la phrase.",
                )

    def _numbers(self, sentence: Sentence) -> Iterator[_Hit]:
        text = PHONE.sub(" ", sentence.text)
        for match in PERCENT.finditer(text):
            yield _Hit(
                "pourcentage",
                f"Pourcentage : « {match.group().strip()} ». « {sentence.text} »",
                "dites « la plupart », « peu de », ou une fraction simple comme « 1 sur 2 ».",
            )
        for match in SHORT_DATE.finditer(text):
            yield _Hit(
                "date-abregee",
                f"Date abrégée : « {match.group()} ».",
                "écrivez la date en mots : « 3 février 2025 », avec le jour si c'est utile.",
            )
        text = SHORT_DATE.sub(" ", text)
        for match in NUMBER.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            value = int(digits)
            is_year = len(digits) == 4 and 1900 <= value <= 2100
            is_postcode = len(match.group()) == 5 and match.group().isdigit()
            is_price = PRICE_AFTER.match(text, match.end()) is not None
            if value >= LARGE_NUMBER and not (is_year or is_postcode or is_price):
                yield _Hit(
                    "grand-nombre",
                    f"Grand nombre : « {match.group()} ».",
                    "dites « beaucoup » ou « des milliers » ; gardez les chiffres pour un prix ou une année.",
                )
        for index, word in enumerate(sentence.words):
            capitalised_inside = index > 0 and word.text[:1].isupper()
            percent = index > 0 and sentence.words[index - 1].text.lower() == "pour"  # "pour cent"
            if word.text.lower() in NUMBER_WORDS and not (
                capitalised_inside or percent or word.pos == "PROPN"
            ):
                yield _Hit(
                    "nombre-en-lettres",
                    f"Nombre écrit en lettres : « {word.text} ».",
                    "écrivez-le en chiffres, par exemple « 3 mois ».",
                )

    def _characters(self, sentence: Sentence) -> Iterator[_Hit]:
        text = URL.sub(" ", sentence.text)
        # An opening and a closing parenthesis are one mistake, reported once.
        for character in dict.fromkeys(
            "(" if c == ")" else c for c in text if c in SPECIAL_CHARACTERS or c == ")"
        ):
            severity, hint = SPECIAL_CHARACTERS[character]
            shown = "( )" if character == "(" else character
            yield _Hit(
                "caractere-special",
                f"Caractère à éviter : « {shown} ». « {sentence.text} »",
                hint,
                severity,
            )
        if SLASH_BETWEEN_WORDS.search(text):
            yield _Hit(
                "caractere-special",
                f"Barre « / » entre deux mots. « {sentence.text} »",
                "écrivez « ou » ou « et ».",
                Severity.WARNING,
            )
        for match in ITALICS.finditer(sentence.text):
            yield _Hit(
                "italique",
                f"Italique ou soulignement : « {match.group()} ».",
                "retirez-le ; pour insister, mettez l'idée au début de la phrase.",
            )

    def _grammar(self, sentence: Sentence) -> Iterator[_Hit]:
        quoted = f"« {sentence.text} »"
        if any(
            w.negative and w.text.lower() in NEGATIVE_PARTICLES for w in sentence.words
        ) or NEGATION.search(sentence.text):
            yield _Hit(
                "negation",
                f"Phrase négative. {quoted}",
                "dites ce qu'il faut faire, plutôt que ce qu'il ne faut pas faire.",
            )
        if _is_passive(sentence):
            yield _Hit(
                "passif",
                f"Phrase au passif. {quoted}",
                "dites qui fait quoi : « La mairie envoie le dossier. »",
            )
        conditional = [w.text for w in sentence.words if w.conditional or w.text.lower() in CONDITIONAL_FORMS]
        if conditional:
            yield _Hit(
                "conditionnel",
                f"Verbe au conditionnel : « {conditional[0]} ». {quoted}",
                "dites les choses au présent : « vous pouvez » plutôt que « vous pourriez ».",
            )
        elif IF_START.match(sentence.text):
            yield _Hit(
                "conditionnel",
                f"Phrase qui commence par « Si ». {quoted}",
                "posez une question, puis répondez : « Vous avez moins de 26 ans ? Appelez… »",
            )

    def _rare_words(self, sentence: Sentence) -> Iterator[_Hit]:
        seen = set()
        for word in sentence.words:
            text = word.text.lower()
            if (
                word.pos in ("PROPN", "NUM", "PUNCT", "SYM", "X")
                or not word.text[:1].islower()
                or len(text) < 3
                or not text.replace("-", "").isalpha()
                or text in seen
                or text in self.explained_words
                or word.lemma.lower() in self.explained_words
            ):
                continue
            seen.add(text)
            if max(_zipf(text), _zipf(word.lemma.lower())) < RARE_WORD_ZIPF:
                yield _Hit(
                    "mot-rare",
                    f"Mot rare : « {word.text} ».",
                    "choisissez un mot plus courant, "
                    "ou expliquez-le dans content/glossaire.yml (partie « mots »).",
                )


def _is_passive(sentence: Sentence) -> bool:
    """A passive with "être": with an agent ("envoyé par la mairie") or a thing as subject.

    "Vous êtes inscrit" describes the reader's situation and is kept; "Le dossier
    est envoyé" hides who does what.
    """
    words = sentence.words
    if not any(w.dep == "aux:pass" and w.text.lower() in FORMS_OF_ETRE for w in words):
        return False
    subjects = [w.text.lower() for w in words if w.dep == "nsubj:pass"]
    return any(w.dep == "obl:agent" for w in words) or any(s not in PERSONAL_PRONOUNS for s in subjects)


def _finding(rule: str, message: str, hint: str, line: str, severity: Severity | None = None) -> Finding:
    return Finding(rule, severity or RULES[rule][0], message, hint, line)

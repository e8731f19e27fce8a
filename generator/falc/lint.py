"""Lint every citizen-facing text of the content against the FALC rules.

    report = lint_content(content)
    report.problems()   # what `check` and `build` print; errors fail them
    report.text()       # what `python -m generator falc` prints

A record may silence one rule on one field with `falc_exceptions`, giving a
reason: the finding is then kept in the report, marked as silenced, and does
not count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from ..content.model import FalcException
from ..content.problems import Problem, Severity
from ..content.records import Content
from ..content.texts import (
    audience_texts,
    glossary_texts,
    help_desk_texts,
    service_texts,
    territory_texts,
    translation_texts,
)  # fmt: skip
from ..content.yaml_loader import Location, YamlDocument, dotted
from .analysis import Analyzer, sentences_of
from .kept_findings import KeptFindings, TextFindings
from .rls import State, conformance
from .rules import Finding, Rules, needs_lemma, readability, words_of
from .settings import MIN_READABILITY, RULES
from .worker import analyses_from_worker

# Texts read as paragraphs: the rules on whole texts (length, readability) apply to them.
LONG_TEXT_FIELDS = {
    "description", "pour_qui", "conditions", "comment_faire", "cout", "ou", "quand",
    "accessibilite", "introduction", "explication", "horaires_precisions", "texte",
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """A finding placed in the content: record, file, line and field."""

    record: str
    path: str
    line: int
    field: str
    finding: Finding
    silenced_because: str | None = None

    def problem(self) -> Problem:
        return Problem(
            self.path, self.line, self.field, f"falc/{self.finding.rule}",
            self.finding.message, self.finding.hint, self.finding.severity,
        )  # fmt: skip


@dataclass
class RecordScore:
    record: str
    path: str
    score: int | None
    sentences: int
    words: int


@dataclass
class FalcReport:
    entries: list[Entry] = field(default_factory=list)
    records: list[RecordScore] = field(default_factory=list)
    unused_exceptions: list[Problem] = field(default_factory=list)
    _index: dict[str, list[Entry]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def problems(self) -> list[Problem]:
        active = [e.problem() for e in self.entries if e.silenced_because is None]
        return sorted(active + self.unused_exceptions)

    def entries_of(self, record: str) -> list[Entry]:
        return self._by_record().get(record, [])

    def _by_record(self) -> dict[str, list[Entry]]:
        """The entries of each record, in the order of its file: the report's page asks for every
        record's, and scanning all entries each time took a second for a region."""
        if self._indexed != len(self.entries):
            self._index = {}
            for entry in sorted(self.entries, key=lambda e: (e.line, e.finding.rule)):
                self._index.setdefault(entry.record, []).append(entry)
            self._indexed = len(self.entries)
        return self._index

    def conformance_of(self, record: str) -> list[State]:
        """The criteria of the government's reference (RLS) on one page, from what was found there."""
        active = [e for e in self.entries_of(record) if e.silenced_because is None]
        errors = {e.finding.rule for e in active if e.finding.severity is Severity.ERROR}
        warnings = {e.finding.rule for e in active if e.finding.severity is Severity.WARNING}
        return conformance(errors, warnings)

    def count(self, severity: Severity) -> int:
        return sum(e.silenced_because is None and e.finding.severity is severity for e in self.entries)

    def records_without_errors(self) -> int:
        failing = {
            e.record
            for e in self.entries
            if e.silenced_because is None and e.finding.severity is Severity.ERROR
        }
        return len(self.records) - len(failing)

    def words_per_sentence(self) -> float:
        sentence_count = sum(r.sentences for r in self.records)
        return sum(r.words for r in self.records) / sentence_count if sentence_count else 0.0

    def mean_score(self) -> float | None:
        scores = [r.score for r in self.records if r.score is not None]
        return mean(scores) if scores else None

    def frequent_rules(self) -> list[tuple[str, int]]:
        return Counter(e.finding.rule for e in self.entries if e.silenced_because is None).most_common()

    def text(self) -> str:
        """The report printed by `python -m generator falc`."""
        lines = [
            f"Rapport FALC : {len(self.records)} fiches, {self.records_without_errors()} sans erreur.",
            f"Erreurs : {self.count(Severity.ERROR)}. Avertissements : {self.count(Severity.WARNING)}.",
            f"Mots par phrase : {self.words_per_sentence():.1f} en moyenne.".replace(".", ",", 1),
        ]
        if (mean_score := self.mean_score()) is not None:
            lines.append(
                f"Score de lisibilité moyen : {mean_score:.0f} (Kandel et Moles, {MIN_READABILITY} au moins)."
            )
        if self.frequent_rules():
            lines.append("Règles les plus souvent rencontrées :")
            lines += [f"  {rule:<18} {count:>4}  {RULES[rule][1]}" for rule, count in self.frequent_rules()]
        for record in self.records:
            entries = self.entries_of(record.record)
            score = "—" if record.score is None else str(record.score)
            lines.append(f"\n{record.path} : score {score}, {_findings_count(entries)}")
            for entry in entries:
                silenced = f" — ignorée : {entry.silenced_because}" if entry.silenced_because else ""
                lines.append(
                    f"  {entry.line}: {entry.field}: {entry.finding.message} "
                    f"[falc/{entry.finding.rule}] ({entry.finding.severity.value}){silenced}"
                )
        for problem in self.unused_exceptions:
            lines.append(problem.format())
        return "\n".join(lines)


def _findings_count(entries: list[Entry]) -> str:
    active = [e for e in entries if e.silenced_because is None]
    errors = sum(e.finding.severity is Severity.ERROR for e in active)
    warnings = len(active) - errors
    return (
        f"{errors} erreur{'s' if errors > 1 else ''}, {warnings} avertissement{'s' if warnings > 1 else ''}"
    )


@dataclass
class _RecordTexts:
    key: str  # "services/<id>", "glossaire"…
    document: YamlDocument
    exceptions: list[FalcException]
    texts: list[tuple[Location, str]]
    translations: list[tuple[Location, str, str]] = field(default_factory=list)  # … and their language


def lint_content(content: Content, cache_file: Path | None) -> FalcReport:
    """Every finding in every citizen text; analyses and findings are kept beside `cache_file`
    (None: no cache)."""
    records = _records(content)
    rules = Rules(content.glossary)
    kept = KeptFindings(cache_file.with_name("findings.json") if cache_file else None, content.glossary)
    found = _findings(records, rules, kept, cache_file)
    translated = _translation_findings(records, rules, kept)
    kept.save()
    report = FalcReport()
    for record in records:
        used: set[int] = set()
        in_texts = [found[_read_as(location, text)] for location, text in record.texts]
        for (location, _), in_text in zip(record.texts, in_texts, strict=True):
            report.entries += _placed(record, location, in_text.findings, used)
        # Dutch and English translations: their sentences' length and their language.
        for location, text, language in record.translations:
            report.entries += _placed(record, location, translated[text, language], used)
        scores = [in_text.readability for in_text in in_texts if in_text.readability is not None]
        report.records.append(
            RecordScore(
                record.key,
                record.document.display,
                round(mean(scores)) if scores else None,
                sentences=sum(in_text.sentences for in_text in in_texts),
                words=sum(in_text.words for in_text in in_texts),
            )
        )
        report.unused_exceptions += _unused(record, used)
    return report


def _read_as(location: Location, text: str) -> tuple[str, bool]:
    """A text, and whether it is read as a paragraph (the rules on whole texts apply)."""
    return text, location[-1] in LONG_TEXT_FIELDS


def _findings(
    records: list[_RecordTexts], rules: Rules, kept: KeptFindings, cache_file: Path | None
) -> dict[tuple[str, bool], TextFindings]:
    """What the rules find in each text (`_read_as`): kept from the last check, or found now
    from the analyses of its sentences."""
    found: dict[tuple[str, bool], TextFindings] = {}
    new: dict[tuple[str, bool], None] = {}
    for record in records:
        for location, text in record.texts:
            read_as = _read_as(location, text)
            if read_as not in found and read_as not in new:
                if (kept_findings := kept.get(*read_as)) is None:
                    new[read_as] = None
                else:
                    found[read_as] = kept_findings
    if new:
        analyzer = Analyzer(cache_file, needs_lemma, analyses_from_worker)
        analyses = analyzer.analyse(sentence.text for text, _ in new for sentence in sentences_of(text))
        analyzer.keep(key for in_text in found.values() for key in in_text.analyses)
        analyzer.save()
        for text, long_text in new:
            sentences = sentences_of(text)
            found[text, long_text] = TextFindings(
                rules.check(text, analyses, long_text),
                readability(text) if long_text else None,
                len(sentences),
                len(words_of(text)),
                [analyzer.key(sentence.text) for sentence in sentences],
            )
            kept.put(text, long_text, found[text, long_text])
    return found


def _translation_findings(
    records: list[_RecordTexts], rules: Rules, kept: KeptFindings
) -> dict[tuple[str, str], list[Finding]]:
    """What the rules find in each translation, by its text and language: kept, or found now."""
    found: dict[tuple[str, str], list[Finding]] = {}
    for record in records:
        for _, text, language in record.translations:
            if (text, language) not in found:
                kept_findings = kept.get_translation(text, language)
                if kept_findings is None:
                    kept_findings = rules.check_translation(text, language)
                    kept.put_translation(text, language, kept_findings)
                found[text, language] = kept_findings
    return found


def _placed(record: _RecordTexts, location: Location, findings: list[Finding], used: set[int]) -> list[Entry]:
    """The findings of one field at their line in the file, silenced where the record says so."""
    field = dotted(location)
    return [
        Entry(
            record.key,
            record.document.display,
            record.document.line_in_text(location, finding.line),
            field,
            finding,
            _silencing(record.exceptions, finding.rule, field, used),
        )
        for finding in findings
    ]


def _records(content: Content) -> list[_RecordTexts]:
    """Every record with the texts a citizen reads in it."""
    origins = content.origins
    records = [
        _RecordTexts(
            f"services/{i}",
            origins[f"services/{i}"],
            s.falc_exceptions,
            list(service_texts(s)),
            list(translation_texts(s)),
        )
        for i, s in content.services.items()
    ]
    records += [
        _RecordTexts(f"publics/{i}", origins[f"publics/{i}"], a.falc_exceptions, list(audience_texts(a)))
        for i, a in content.audiences.items()
    ]
    records += [
        _RecordTexts(f"lieux/{i}", origins[f"lieux/{i}"], [], list(help_desk_texts(desk)))
        for i, desk in content.help_desks.items()
    ]
    records += [
        _RecordTexts(f"territoires/{i}", origins[f"territoires/{i}"], [], list(territory_texts(t)))
        for i, t in content.territories.items()
    ]
    records.append(
        _RecordTexts("glossaire", origins["glossaire"], [], list(glossary_texts(content.glossary)))
    )
    if "besoins" in origins:
        texts: list[tuple[Location, str]] = [
            (("besoins", i, "texte"), help.texte) for i, help in enumerate(content.advice)
        ]
        records.append(_RecordTexts("besoins", origins["besoins"], [], texts))
    return records


def _silencing(exceptions: list[FalcException], rule: str, field: str, used: set[int]) -> str | None:
    """The reason given to silence this rule on this field, if any."""
    for index, exception in enumerate(exceptions):
        if exception.regle == rule and (field == exception.champ or field.startswith(exception.champ + "[")):
            used.add(index)
            return exception.raison
    return None


def _unused(record: _RecordTexts, used: set[int]) -> list[Problem]:
    return [
        record.document.problem(
            ("falc_exceptions", index),
            "falc/exception-inutile",
            f"La règle « {exception.regle} » n'est pas enfreinte dans « {exception.champ} » : "
            "cette exception ne sert à rien.",
            "retirez-la, pour que la règle protège de nouveau ce champ.",
            field="falc_exceptions",
            severity=Severity.WARNING,
        )
        for index, exception in enumerate(record.exceptions)
        if index not in used
    ]

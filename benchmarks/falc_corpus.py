"""The FALC linter on real texts nobody here wrote: does it pass published easy-to-read French and
catch ordinary administrative prose?

    .venv/bin/python benchmarks/falc_corpus.py [corpus.yml]

The corpus (benchmarks/falc_corpus.yml) holds passages copied from public pages, each with its
address: "falc" ones, published as easy to read, and "administratif" ones on the same topics.
Each passage is checked as a contributor's description would be, with the project's glossary.
A passage with an error is "blocked", as `check` would block a record. Seen as a detector of
administrative prose, blocking has a precision (blocked passages that are administrative) and a
recall (administrative passages blocked). The script also prints which rules fire where, and
how well the readability score alone separates the two sets (AUC: 0.5 is chance, 1 perfect).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.content.model import Glossary
from generator.content.problems import Severity
from generator.falc.analysis import Analyzer
from generator.falc.rules import Rules, needs_lemma, readability
from generator.locations import PROJECT_ROOT

try:  # the script also measures the linter as it was before its sentences spanned lines
    from generator.falc.analysis import sentences_of

    def sentences(text: str) -> list[str]:
        return [sentence.text for sentence in sentences_of(text)]
except ImportError:
    from generator.content.texts import lines_of
    from generator.falc.analysis import split_sentences

    def sentences(text: str) -> list[str]:
        return [part for line in lines_of(text) for part in split_sentences(line)]


CORPUS = Path(__file__).with_name("falc_corpus.yml")
SETS = ("falc", "administratif")


def auc(positives: list[float], negatives: list[float]) -> float:
    """The chance that a positive scores above a negative (ties count half)."""
    pairs = [(p > n) + 0.5 * (p == n) for p in positives for n in negatives]
    return sum(pairs) / len(pairs)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
    passages = corpus["passages"]
    glossary = yaml.safe_load((PROJECT_ROOT / "content" / "glossaire.yml").read_text(encoding="utf-8"))
    rules = Rules(Glossary.model_validate(glossary))
    analyses = Analyzer(None, needs_lemma).analyse(s for p in passages for s in sentences(p["texte"]))

    blocked: Counter[str] = Counter()
    errors: dict[str, Counter[str]] = {name: Counter() for name in SETS}
    warnings: dict[str, Counter[str]] = {name: Counter() for name in SETS}
    scores: dict[str, list[float]] = {name: [] for name in SETS}
    sizes = Counter(p["corpus"] for p in passages)
    for passage in passages:
        findings = rules.check(passage["texte"], analyses, long_text=True)
        name = passage["corpus"]
        fired = {(f.rule, f.severity) for f in findings}
        blocked[name] += any(severity is Severity.ERROR for _, severity in fired)
        errors[name].update(rule for rule, severity in fired if severity is Severity.ERROR)
        warnings[name].update(rule for rule, severity in fired if severity is Severity.WARNING)
        if (score := readability(passage["texte"])) is not None:
            scores[name].append(score)

    publishers = {name: len({p["editeur"] for p in passages if p["corpus"] == name}) for name in SETS}
    print(f"Corpus : {path.name}")
    for name in SETS:
        share = blocked[name] / sizes[name]
        print(f"  {name:<14} {sizes[name]:>3} passages, {publishers[name]:>2} éditeurs : {share:.0%} bloqués")
    caught, wrongly = blocked["administratif"], blocked["falc"]
    precision = caught / (caught + wrongly) if caught + wrongly else 0.0
    recall = caught / sizes["administratif"]
    print(f"Précision {precision:.2f}, rappel {recall:.2f} (bloquer = « administratif »)")
    print(f"Lisibilité seule : AUC {auc(scores['falc'], scores['administratif']):.2f}")
    print("\nRègles (passages où elle donne une erreur / un avertissement) :")
    print(f"  {'règle':<20} {'falc':>11} {'administratif':>15}")
    rules_seen = sorted(set().union(*errors.values(), *warnings.values()))
    for rule in rules_seen:
        cells = [f"{errors[name][rule]:>3} / {warnings[name][rule]:<3}" for name in SETS]
        print(f"  {rule:<20} {cells[0]:>11} {cells[1]:>15}")


if __name__ == "__main__":
    main()

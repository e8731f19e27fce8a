"""The FALC linter: good and bad French sentences for each rule, and the real content."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.content.model import Glossary, GlossaryEntry, GlossaryWord
from generator.content.problems import Severity, errors
from generator.falc.analysis import Analyzer, sentences_of
from generator.falc.lint import lint_content
from generator.falc.rules import Rules, needs_lemma, readability
from generator.locations import falc_cache

from .conftest import REAL_CONTENT, TODAY, real_content_today

GLOSSARY = Glossary(
    sigles=[GlossaryEntry(sigle=s, en_entier=s, explication="x") for s in ("RSA", "CFA", "TER", "CCAS")],
    mots=[GlossaryWord(mot="covoiturage", explication="x")],
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(cache_file=None, needs_lemma=needs_lemma)


def found(analyzer: Analyzer, text: str, long_text: bool = False) -> list[str]:
    """The rule codes found in a text, sorted, one per finding."""
    parts = [sentence.text for sentence in sentences_of(text)]
    findings = Rules(GLOSSARY).check(text, analyzer.analyse(parts), long_text)
    return sorted(f.rule for f in findings)


# Sentences that break exactly one rule (several findings of it are possible).
BAD = {
    "phrase-longue": [
        "Vous pouvez demander cette aide à la mairie de votre commune avant la fin de votre formation professionnelle au mois de juin prochain.",
        "La plateforme vous aide à trouver une solution pour aller au travail chaque matin avec votre voiture personnelle depuis votre maison à Calais.",
        "Le conseiller regarde avec vous tous vos trajets de la semaine pour trouver une solution simple pour vous dans votre commune à Calais.",
        "Chaque mois la Région paie une partie de vos trajets en voiture pour aller à votre travail ici dans le Pas-de-Calais en hiver.",
        "Vous montez dans le bus à la gare routière de Calais pour aller à Boulogne-sur-Mer le matin très tôt avant votre travail au port.",
    ],
    "phrase-a-couper": [
        "Vous pouvez demander cette aide à la mairie de votre commune avant la fin de votre formation professionnelle.",
        "La plateforme vous aide à trouver une solution pour aller au travail chaque matin avec votre voiture personnelle.",
        "Le conseiller regarde avec vous tous vos trajets de la semaine pour trouver une solution simple pour vous.",
        "Chaque mois la Région paie une partie de vos trajets en voiture pour aller à votre travail ici.",
        "Vous montez dans le bus à la gare routière de Calais pour aller à Boulogne-sur-Mer le matin très tôt.",
    ],
    "idees-multiples": [
        "Vous appelez et vous prenez rendez-vous ou vous venez.",
        "Prenez le bus ou le train et marchez un peu.",
        "Vous payez mais la Région rembourse et vous gardez le ticket.",
        "Venez le lundi ou le mardi et apportez votre carte.",
        "Le bus passe le matin et le soir mais il est plein.",
    ],
    "sigle-inconnu": [
        "Vous touchez l'AAH.",
        "Demandez à la CAF.",
        "Allez à la MDPH de votre département.",
        "Votre PACEA vous aide.",
        "Le C.E.S. vous répond.",
    ],
    "majuscules": [
        "C'est GRATUIT.",
        "Apportez TOUJOURS votre carte.",
        "Appelez AVANT de venir.",
        "Votre dossier est COMPLET.",
        "Venez VITE.",
    ],
    "pourcentage": [
        "La Région paie 50 % du prix.",
        "La Région paie 50% du prix.",
        "Vous payez 10 pour cent du prix.",
        "Près de 63 % des personnes prennent le bus.",
        "L'aide couvre 90 % du permis.",
    ],
    "grand-nombre": [
        "La plateforme aide 2 500 personnes chaque année.",
        "Il y a 1200 trajets chaque jour.",
        "Environ 30 000 personnes passent la frontière.",
        "Le réseau a 4000 arrêts.",
        "Le projet touche 1 000 familles.",
    ],
    "nombre-en-lettres": [
        "Le parcours dure trois mois.",
        "Venez avec deux photos.",
        "Attendez dix jours.",
        "Le bus passe quatre fois par jour.",
        "Vous avez quinze jours pour répondre.",
    ],
    "date-abregee": [
        "Venez le 03/02/2025.",
        "Le dossier part le 3/2/25.",
        "Le bus reprend le 12-09-2025.",
        "Répondez avant le 15.01.2026.",
        "La ligne ouvre le 1/9/2025.",
    ],
    "caractere-special": [
        "Venez à la mairie (avec votre carte).",
        "Appelez la mairie ; elle vous répond.",
        "Prenez le bus & le train.",
        "Venez le lundi/mardi.",
        "Lisez l'article § 3.",
    ],
    "italique": [
        "Venez *avec* votre carte.",
        "Le bus est _gratuit_ le dimanche.",
        "Apportez <em>votre carte</em>.",
        "Lisez bien <u>ce texte</u>.",
        "Le bus passe *tous* les jours.",
    ],
    "negation": [
        "Vous ne payez pas le bus.",
        "Le bus ne passe plus le dimanche.",
        "Vous n'avez rien à payer.",
        "Vous ne devez jamais oublier votre carte.",
        "Vous n'avez aucun papier à apporter.",
    ],
    "passif": [
        "Le dossier est envoyé par la mairie.",
        "Le ticket est payé par la Région.",
        "La carte est donnée par la mairie.",
        "Votre demande est étudiée par le Département.",
        "Les trajets sont remboursés par la Région.",
    ],
    "conditionnel": [
        "Vous pourriez demander une aide.",
        "Il faudrait appeler la mairie.",
        "Vous devriez prendre le bus.",
        "Les voyageurs gagneraient du temps.",
        "Nous aimerions vous aider.",
    ],
    "mot-administratif": [
        "Vous êtes éligible à cette aide.",
        "Apportez un justificatif.",
        "Le bénéficiaire reçoit la carte.",
        "Vous pouvez solliciter la mairie.",
        "La Région fixe un plafond.",
    ],
    "nominalisation": [
        "La prise en charge dure 3 mois.",
        "La mise en place prend du temps.",
        "La délivrance de la carte prend 2 mois.",
        "Le versement arrive chaque mois.",
        "L'obtention du permis prend du temps.",
    ],
    "langue": [
        "Please call the town hall today.",
        "Take the bus to the station.",
        "Bel het gemeentehuis vandaag op.",
        "You can ask for help here.",
        "Neem de bus naar het station.",
    ],
    "mot-rare": [
        "Le prescripteur vous envoie.",
        "Vous recevez une subrogation.",
        "Le conseiller fait une anamnèse.",
        "Apportez un document idoine.",
        "La mobilité pendulaire coûte cher.",
    ],
}

# Plain sentences a FALC reader understands: no finding at all.
GOOD = [
    "Vous cherchez un travail.",
    "Appelez la mission locale.",
    "Le bus est gratuit.",
    "La Région paie une partie de vos trajets.",
    "Vous touchez le RSA.",
    "Le parcours dure 3 mois.",
    "Venez le lundi 3 février 2025.",
    "Prenez le bus ou le train.",
    "La Région paie la moitié du prix.",
    "L'aide donne 1500 € au plus.",
    "Vous habitez à Calais, code postal 62100.",
    "Appelez le 03 21 21 62 62.",
    "Vous avez moins de 26 ans ? Appelez la mission locale.",
    "Vous pouvez demander une aide.",
    "Vous êtes apprenti.",
    "Le covoiturage coûte moins cher.",
    "La ligne ouvre en 2026.",
    "Le conseiller vous aide à trouver une solution.",
    "Votre apprentissage se passe au CFA.",
    "Des milliers de personnes passent la frontière.",
]


@pytest.mark.parametrize(
    ("rule", "sentence"), [(rule, s) for rule, examples in BAD.items() for s in examples]
)
def test_bad_sentence_breaks_exactly_its_rule(analyzer: Analyzer, rule: str, sentence: str) -> None:
    assert set(found(analyzer, sentence)) == {rule}


@pytest.mark.parametrize("sentence", GOOD)
def test_plain_sentence_breaks_no_rule(analyzer: Analyzer, sentence: str) -> None:
    assert found(analyzer, sentence) == []


def test_every_rule_has_five_bad_examples_and_the_good_ones_are_enough() -> None:
    sentence_rules = set(BAD) | {"texte-long", "lisibilite"}
    from generator.falc.settings import RULE_CODES

    assert sentence_rules == set(RULE_CODES)
    assert all(len(examples) >= 5 for examples in BAD.values())
    assert len(GOOD) >= 5


def test_long_text_and_readability_apply_to_whole_texts(analyzer: Analyzer) -> None:
    long_text = "\n".join(["Vous prenez le bus chaque matin pour aller travailler."] * 8)
    assert found(analyzer, long_text, long_text=True) == ["texte-long"]
    hard = (
        "Réglementairement, l'accompagnement individualisé nécessite obligatoirement l'autorisation.\n"
        "L'administration départementale communique préalablement l'information."
    )
    assert "lisibilite" in found(analyzer, hard, long_text=True)
    assert readability("Le bus est gratuit.") >= 100
    assert readability(hard) < 0  # type: ignore[operator]
    assert found(analyzer, "Prenez le bus.\nLe bus est gratuit.", long_text=True) == []


def test_severities_follow_falc_md(analyzer: Analyzer) -> None:
    rules = Rules(GLOSSARY)
    text = "Venez (vite) le 03/02/2025 ; le bus est GRATUIT & rapide."
    parts = [sentence.text for sentence in sentences_of(text)]
    severities = {(f.rule, f.severity) for f in rules.check(text, analyzer.analyse(parts), False)}
    assert ("caractere-special", Severity.ERROR) in severities  # ( ) ;
    assert ("caractere-special", Severity.WARNING) in severities  # &
    assert ("date-abregee", Severity.ERROR) in severities
    assert ("majuscules", Severity.ERROR) in severities


def test_findings_give_the_sentence_and_a_plain_hint(analyzer: Analyzer) -> None:
    text = "Vous pouvez demander cette aide à la mairie de votre commune avant la fin de votre formation professionnelle au mois de juin prochain."
    [finding] = Rules(GLOSSARY).check(text, analyzer.analyse([text]), False)
    assert finding.message == f"Phrase trop longue : 23 mots, 20 au plus. « {text} » (RLS-4.1)"
    assert finding.hint == "coupez cette phrase en deux : une idée par phrase."


def test_real_content_has_no_falc_error() -> None:
    content, problems = load_content(REAL_CONTENT, real_content_today())
    assert content is not None and errors(problems) == []
    report = lint_content(content, falc_cache())
    assert report.count(Severity.ERROR) == 0, [
        p.format() for p in report.problems() if p.severity is Severity.ERROR
    ]


def test_a_record_can_silence_a_rule_on_a_field_with_a_reason(content_dir: Path) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    text = path.read_text().replace("  Une aide pour payer vos trajets.\n", "  Vous ne payez pas le bus.\n")
    text += "falc_exceptions:\n  - regle: negation\n    champ: description\n    raison: Le nom officiel de l'aide.\n"
    text += "  - regle: passif\n    champ: pour_qui\n    raison: Inutile.\n"
    path.write_text(text)
    content, problems = load_content(content_dir, TODAY)
    assert content is not None, problems
    report = lint_content(content, cache_file=None)
    [silenced] = [e for e in report.entries if e.finding.rule == "negation"]
    assert silenced.silenced_because == "Le nom officiel de l'aide."
    codes = [p.code for p in report.problems()]
    assert "falc/negation" not in codes
    assert codes.count("falc/exception-inutile") == 1
    assert "ignorée : Le nom officiel de l'aide." in report.text()


def test_findings_point_to_the_line_of_the_sentence(content_dir: Path) -> None:
    path = content_dir / "services" / "bus-departement.yml"
    path.write_text(path.read_text().replace("  Payez votre ticket.\n", "  Payez votre ticket (2 euros).\n"))
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    problems = [p for p in lint_content(content, cache_file=None).problems() if "bus-departement" in p.path]
    assert [(p.line, p.field, p.code, p.message) for p in problems] == [
        (
            14,
            "comment_faire",
            "falc/caractere-special",
            "Caractère à éviter : « ( ) ». « Payez votre ticket (2 euros). » (RLS-4.2)",
        )
    ]


# --- Calibrated on real texts (benchmarks/falc_corpus.py): what published FALC does passes ---------


def test_a_sentence_wrapped_over_lines_is_one_sentence(analyzer: Analyzer) -> None:
    wrapped = (
        "Vous pouvez demander cette aide à la mairie\n"
        "de votre commune avant la fin de votre formation\n"
        "professionnelle si vous habitez dans le bassin\n"
        "et si vous avez moins de 26 ans."
    )
    assert "phrase-longue" in found(analyzer, wrapped)
    # A list, one item per line with its comma, is not one long sentence.
    listed = "Par exemple :\nles personnes âgées,\nles personnes qui apprennent le français,\nles enfants."
    assert "phrase-longue" not in found(analyzer, listed)


def test_readability_counts_sentences_not_lines() -> None:
    one_line = "Le bus passe. Il est gratuit. Prenez-le."
    assert readability(one_line) == readability(one_line.replace(". ", ".\n"))
    assert readability(" ".join(["Le bus passe le matin."] * 500)) > 80  # type: ignore[operator]


def test_a_missing_space_after_a_full_stop_still_ends_the_sentence() -> None:
    assert [s.text for s in sentences_of("Le bus passe.Il est gratuit.")] == [
        "Le bus passe.",
        "Il est gratuit.",
    ]


def test_the_percentage_is_quoted_whole(analyzer: Analyzer) -> None:
    parts = [s.text for s in sentences_of("Près de 63 % des personnes prennent le bus.")]
    findings = Rules(GLOSSARY).check(parts[0], analyzer.analyse(parts), False)
    assert [f.message.split(".")[0] for f in findings] == ["Pourcentage : « 63 % »"]


def test_an_acronym_is_reported_once_and_not_when_the_text_explains_it(analyzer: Analyzer) -> None:
    assert found(analyzer, "Demandez à la CAF.\nLa CAF vous répond.") == ["sigle-inconnu"]
    assert found(analyzer, "FALC, ça veut dire Facile à lire et à comprendre.\nCe texte est en FALC.") == []
    assert found(analyzer, "Ce texte est en Facile à lire et à comprendre (FALC).") == []


def test_capitals_give_one_finding_per_sentence_and_brands_a_warning(analyzer: Analyzer) -> None:
    shouting = "VENEZ VITE AVEC VOTRE CARTE.\nLE BUS EST GRATUIT."
    assert found(analyzer, shouting) == ["majuscules", "majuscules"]
    rules = Rules(GLOSSARY)
    parts = ["Appelez WIMOOV."]
    [finding] = rules.check(parts[0], analyzer.analyse(parts), False)
    assert (finding.rule, finding.severity) == ("majuscules", Severity.WARNING)
    assert "« Wimoov »" in finding.hint


@pytest.mark.parametrize(
    "sentence",
    [
        "Le document est facile à lire.",
        "Il n'est pas d'accord.",  # a negation, not a passive
        "Vous êtes inscrit à la mission locale.",
        "Si vous avez moins de 26 ans, appelez la mission locale.",  # a condition, not a conditional
        "Nous expliquons le trajet.",  # the verb the small model lemmatises wrongly
    ],
)
def test_what_published_falc_writes_is_not_passive_conditional_or_rare(
    analyzer: Analyzer, sentence: str
) -> None:
    assert not {"passif", "conditionnel", "mot-rare"} & set(found(analyzer, sentence))


def test_several_administrative_words_in_a_field_are_errors(analyzer: Analyzer) -> None:
    rules = Rules(GLOSSARY)
    one = "Apportez un justificatif."
    several = "Apportez un justificatif.\nLe bénéficiaire reçoit la carte."
    parts = [s.text for s in sentences_of(several)]
    assert {f.severity for f in rules.check(one, analyzer.analyse([one]), False)} == {Severity.WARNING}
    assert {f.severity for f in rules.check(several, analyzer.analyse(parts), False)} == {Severity.ERROR}


def test_text_in_the_wrong_language_is_an_error(analyzer: Analyzer) -> None:
    rules = Rules(GLOSSARY)
    english = "Please call the town hall before you come."
    assert [(f.rule, f.severity) for f in rules.check(english, analyzer.analyse([english]), False)] == [
        ("langue", Severity.ERROR)
    ]
    assert rules.check_translation("Bel het gemeentehuis vandaag op.", "nl") == []
    [finding] = rules.check_translation("Appelez la mairie avant de venir.", "nl")
    assert finding.rule == "langue" and "français" in finding.message
    long_dutch = (
        "De bus rijdt elke dag van het station van Hazebrouck naar Poperinge en terug in het weekend ook."
    )
    assert [f.rule for f in rules.check_translation(long_dutch, "nl")] == ["phrase-a-couper"]


def test_the_report_page_gives_each_page_its_criteria_of_the_reference(minimal_site: Path) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        (minimal_site / "contribuer" / "falc" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.get_text(" ", strip=True)
    assert (
        "RLS-4.1" in text
        and "RLS-2.1 (A)\u00a0: Le texte a été écrit avec des personnes handicapées intellectuelles." in text
    )
    summaries = [p.get_text(" ", strip=True) for p in page.select("p.conformite")]
    assert summaries and all("critères sont à vérifier par une relecture" in s for s in summaries)
    assert any("non respectés\u00a0: aucun" in s for s in summaries)


def test_check_gives_the_falc_problems_even_when_another_record_is_broken(content_dir: Path) -> None:
    """Feedback in one round: the contributor sees the missing field and the long sentence together."""
    from generator.pipeline import check

    (content_dir / "services" / "casse.yml").write_text("nom: Service sans le reste\n", encoding="utf-8")
    service = next(p for p in sorted((content_dir / "services").glob("*.yml")) if p.name != "casse.yml")
    text = service.read_text(encoding="utf-8")
    long_sentence = "  Vous pouvez demander cette aide à la mairie de votre commune avant la fin de votre formation professionnelle au mois de juin prochain.\n"
    service.write_text(
        text.replace("description: |\n", "description: |\n" + long_sentence, 1), encoding="utf-8"
    )
    checked = check(content_dir, TODAY)
    codes = {(p.path.rsplit("/", 1)[-1], p.code) for p in checked.problems}
    assert ("casse.yml", "fiche/champ-manquant") in codes
    assert (service.name, "falc/phrase-longue") in codes
    assert checked.content is None  # nothing is built from it


def test_an_administrative_word_is_quoted_as_written_after_an_oe(analyzer: Analyzer) -> None:
    """The lists are compared without accents and with « œ » as « oe »: the quote keeps the text's letters."""
    text = "Au cœur du projet, la prise en charge est rapide.\nLa mise en œuvre prend du temps."
    parts = [s.text for s in sentences_of(text)]
    messages = [
        f.message
        for f in Rules(GLOSSARY).check(text, analyzer.analyse(parts), False)
        if f.rule == "nominalisation"
    ]
    assert messages == [
        "Un nom à la place d'un verbe : « prise en charge ». (RLS-6.4)",
        "Un nom à la place d'un verbe : « mise en œuvre ». (RLS-6.4)",
    ]


def test_an_administrative_word_the_text_explains_is_not_reported(analyzer: Analyzer) -> None:
    text = "Le bénéficiaire, c'est la personne qui reçoit l'aide.\nLe bénéficiaire signe le papier."
    assert "mot-administratif" not in found(analyzer, text)
    assert "mot-administratif" in found(analyzer, "Le bénéficiaire signe le papier.")


def test_analyses_no_recent_save_used_leave_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence edited away does not stay in the cache for ever; one still in the content does."""
    monkeypatch.setattr("generator.falc.analysis.KEEP_FOR_SAVES", 2)
    cache = tmp_path / "analyses.sqlite"

    def one_build(*sentences: str) -> set[str]:
        analyzer = Analyzer(cache, needs_lemma)
        analyzer.analyse(sentences)
        analyzer.save()
        return _kept_keys(cache)

    first = one_build("Le bus passe le matin.", "Appelez la mairie.")
    second = one_build("Appelez la mairie.", "Le car passe le soir.")  # the bus sentence edited away
    assert first < second  # still there: the last two saves include the one that used it
    third = one_build("Appelez la mairie.", "Le train passe à midi.")
    assert len(third) == 3 and len(first & third) == 1  # the bus sentence is gone, the mairie one stays
    assert second - first <= third  # the car sentence: used by the last save but one
    assert one_build("Appelez la mairie.") == third  # nothing new: nothing written, nothing removed


def _kept_keys(cache: Path) -> set[str]:
    """The sentences whose analyses the cache holds, by their key."""
    with contextlib.closing(sqlite3.connect(cache)) as connection:
        return {key for (key,) in connection.execute("SELECT key FROM analyses")}


def test_a_damaged_analysis_cache_is_started_again(tmp_path: Path) -> None:
    cache = tmp_path / "analyses.sqlite"
    cache.write_bytes(b"pas une base SQLite" * 100)
    analyzer = Analyzer(cache, needs_lemma)
    analyzer.analyse(["Le bus passe le matin."])
    analyzer.save()
    assert _kept_keys(cache) == {analyzer.key("Le bus passe le matin.")}


def test_analyses_are_read_back_not_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.falc import analysis

    cache = tmp_path / "analyses.sqlite"
    first = Analyzer(cache, needs_lemma)
    made = first.analyse(["Le bus passe le matin.", "Appelez la mairie."])
    first.save()
    monkeypatch.setattr(
        analysis, "encode_sentences", lambda texts, lemma: pytest.fail(f"analysed again: {texts}")
    )
    again = Analyzer(cache, needs_lemma)
    assert again.analyse(["Appelez la mairie.", "Le bus passe le matin."]) == made


# --- Findings kept from one check to the next ----------------------------------------------


def _report_of(content_dir: Path, cache_file: Path | None) -> list[str]:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    report = lint_content(content, cache_file)
    scores = [(r.record, r.score, r.sentences, r.words) for r in report.records]
    return [p.format() for p in report.problems()] + [repr(score) for score in scores]


def test_a_check_where_no_text_changed_analyses_nothing_and_finds_the_same(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.falc import analysis

    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(
        path.read_text().replace("  Une aide pour payer vos trajets.\n", "  Vous ne payez pas le bus.\n")
    )
    cache = tmp_path / "falc" / "analyses.sqlite"
    first = _report_of(content_dir, cache)
    assert any("falc/negation" in line for line in first)
    analysed: list[str] = []
    real_encode = analysis.encode_sentences
    monkeypatch.setattr(
        analysis, "encode_sentences", lambda texts, lemma: analysed.extend(texts) or real_encode(texts, lemma)
    )
    checked: list[str] = []
    real_check = Rules.check
    monkeypatch.setattr(
        Rules, "check", lambda self, text, *rest: checked.append(text) or real_check(self, text, *rest)
    )
    assert _report_of(content_dir, cache) == first
    assert analysed == checked == []  # every finding read back: not one text checked again

    path.write_text(path.read_text().replace("Vous ne payez pas le bus.", "Le bus est gratuit pour vous."))
    edited = _report_of(content_dir, cache)
    assert analysed == ["Le bus est gratuit pour vous."]  # the edited text only
    assert checked == ["Le bus est gratuit pour vous."]
    assert edited == _report_of(content_dir, None)  # as a check without any cache
    assert not any("falc/negation" in line for line in edited)


def test_a_check_where_no_translation_changed_checks_none_and_finds_the_same(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking a translation's language loads wordfreq's word lists, a sixth of a check where
    nothing changed: the findings of a translation seen before are read back."""
    cache = tmp_path / "falc" / "analyses.sqlite"
    first = _report_of(content_dir, cache)
    checked: list[str] = []
    real_check = Rules.check_translation
    monkeypatch.setattr(
        Rules,
        "check_translation",
        lambda self, text, language: checked.append(text) or real_check(self, text, language),
    )
    assert _report_of(content_dir, cache) == first
    assert checked == []

    path = content_dir / "services" / "navette-frontiere.yml"
    path.write_text(
        path.read_text().replace("Een pendelbus over de grens.", "Appelez la mairie avant de venir en bus.")
    )
    edited = _report_of(content_dir, cache)
    assert checked == ["Appelez la mairie avant de venir en bus."]  # the edited translation only
    assert any("falc/langue" in line and "navette-frontiere" in line for line in edited)
    assert edited == _report_of(content_dir, None)


def test_kept_findings_follow_the_glossary(content_dir: Path, tmp_path: Path) -> None:
    """The same text may be found wrong or right depending on the glossary: it is part of the key."""
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text().replace("Appelez la communauté de communes.", "Appelez le CCAS."))
    cache = tmp_path / "falc" / "analyses.sqlite"
    assert any("« CCAS »" in line for line in _report_of(content_dir, cache))
    glossary = content_dir / "glossaire.yml"
    glossary.write_text(
        glossary.read_text()
        + "  - sigle: CCAS\n    en_entier: Centre communal d'action sociale\n"
        + "    explication: C'est le service d'aide de la mairie.\n"
    )
    assert not any("« CCAS »" in line for line in _report_of(content_dir, cache))


def test_the_analyses_of_texts_no_one_edits_stay_in_their_cache(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Their findings are read back, so no check asks for their analyses: they are kept all the
    same, for the day the rules change."""

    monkeypatch.setattr("generator.falc.analysis.KEEP_FOR_SAVES", 2)
    cache = tmp_path / "falc" / "analyses.sqlite"
    _report_of(content_dir, cache)
    first = _kept_keys(cache)
    path = content_dir / "services" / "aide-alpha.yml"
    original = path.read_text()
    for edit in ("Une aide pour vos trajets.", "Une aide pour vos voyages.", "Une aide pour le bus."):
        path.write_text(original.replace("Une aide pour payer vos trajets.", edit))
        _report_of(content_dir, cache)
    kept = _kept_keys(cache)
    assert len(first - kept) == 1  # the sentence edited away; every other one stays


# --- The worker that keeps the model loaded between builds --------------------------------


@pytest.fixture
def worker_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A cache of the test's own, the worker allowed as on a contributor's machine; stopped after."""
    from generator.falc import worker

    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GENERATOR_ANALYSES_WORKER", "oui")
    monkeypatch.delenv("CI", raising=False)
    yield
    worker.stop_worker()


def test_the_worker_answers_the_next_builds_as_a_build_would_then_stops_when_idle(
    worker_allowed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.falc import worker
    from generator.falc.analysis import encode_sentences

    monkeypatch.setattr(worker, "IDLE_SECONDS", 5)
    first = ["Le bus passe le matin.", "Vous n'êtes pas obligé de venir."]
    assert worker.analyses_from_worker(first) == encode_sentences(first, needs_lemma)  # started, then asked

    def must_not_start(path: Path) -> None:
        raise AssertionError("the running worker must answer")

    monkeypatch.setattr(worker, "_start_and_connect", must_not_start)
    second = ["Le transport à la demande circule le dimanche."]
    assert worker.analyses_from_worker(second) == encode_sentences(second, needs_lemma)

    for _ in range(300):  # 5 s without a question, then it stops and removes its socket
        if not worker.socket_path().exists():
            break
        time.sleep(0.1)
    assert not worker.socket_path().exists()
    assert worker.stop_worker() is False  # nothing left running


def test_without_a_worker_a_build_analyses_on_its_own(
    worker_allowed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from generator.falc import worker

    monkeypatch.setattr(worker.sys, "executable", "/bin/false")  # a worker that cannot start
    assert worker.analyses_from_worker(["Appelez la mairie."]) is None
    analyzer = Analyzer(tmp_path / "analyses.sqlite", needs_lemma, worker.analyses_from_worker)
    words = analyzer.analyse(["Appelez la mairie."])["Appelez la mairie."].words
    assert [word.pos for word in words] == ["VERB", "DET", "NOUN", "PUNCT"]

    monkeypatch.setenv("CI", "true")  # on CI, no worker is even tried
    monkeypatch.setattr(worker, "_start_and_connect", lambda path: pytest.fail("no worker on CI"))
    assert worker.analyses_from_worker(["Appelez la mairie."]) is None


def test_an_answer_of_the_wrong_length_is_not_trusted(tmp_path: Path) -> None:
    sentence = "Le bus passe le matin."
    liar = Analyzer(tmp_path / "analyses.sqlite", needs_lemma, lambda texts: [])
    honest = Analyzer(None, needs_lemma)
    assert liar.analyse([sentence]) == honest.analyse([sentence])

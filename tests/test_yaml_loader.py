"""Safe YAML reading: lines kept, values kept as text, hostile input refused."""

from __future__ import annotations

from pathlib import Path

from generator.content.problems import Problem
from generator.content.yaml_loader import MAX_FILE_BYTES, YamlDocument, load_yaml


def load(tmp_path: Path, text: str | bytes) -> YamlDocument | Problem:
    path = tmp_path / "fiche.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_yaml(path, "fiche.yml")


def test_values_stay_text_and_lines_are_kept(tmp_path: Path) -> None:
    document = load(
        tmp_path,
        "nom: Aide\ncontact:\n  telephone: 0321000000\npublics:\n  - jeunes\n  - seniors\n"
        "verifie_le: 2026-01-15\ntransfrontalier: true\nvide:\n",
    )
    assert isinstance(document, YamlDocument)
    assert document.data == {
        "nom": "Aide",
        "contact": {"telephone": "0321000000"},  # not an octal number
        "publics": ["jeunes", "seniors"],
        "verifie_le": "2026-01-15",  # not a date object: the validator parses it
        "transfrontalier": True,
        "vide": None,
    }
    assert document.line_of(("contact", "telephone")) == 3
    assert document.line_of(("publics", 1)) == 6
    assert document.line_of(("contact", "email")) == 2  # absent: its parent's line


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    problem = load(tmp_path, "contact:\n  email: a@b.fr\n  email: c@d.fr\n")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.code) == (3, "yaml/cle-en-double")
    assert problem.message == "Le champ « email » est écrit deux fois (déjà à la ligne 2)."


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    levels = ['a: &a ["lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(20)
    ]
    problem = load(tmp_path, "\n".join(levels) + "\n")
    assert isinstance(problem, Problem)
    assert problem.code == "yaml/alias"


def test_python_object_tags_are_refused(tmp_path: Path) -> None:
    for text in (
        "nom: !!python/object/apply:os.system [ls]\n",
        "nom: !!binary aGVsbG8=\n",
        "nom: !perso x\n",
    ):
        problem = load(tmp_path, text)
        assert isinstance(problem, Problem)
        assert problem.code == "yaml/etiquette"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    problem = load(tmp_path, "nom: " + "[" * 60 + "]" * 60 + "\n")
    assert isinstance(problem, Problem)
    assert problem.code == "yaml/trop-profond"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    problem = load(tmp_path, "nom: " + "a" * MAX_FILE_BYTES + "\n")
    assert isinstance(problem, Problem)
    assert problem.code == "yaml/trop-gros"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    document = load(tmp_path, "\ufeffnom: Aide\n".encode())
    assert isinstance(document, YamlDocument)
    assert document.data == {"nom": "Aide"}


def test_very_deep_nesting_does_not_crash_the_interpreter(tmp_path: Path) -> None:
    # libyaml's composer recurses and crashes on this; the event reader refuses it.
    problem = load(tmp_path, "nom: " + "[" * 90_000 + "]" * 90_000 + "\n")
    assert isinstance(problem, Problem)
    assert problem.code == "yaml/trop-profond"


def test_only_true_and_false_are_booleans(tmp_path: Path) -> None:
    document = load(tmp_path, "a: true\nb: FALSE\nc: no\nd: 'true'\ne: NO\nf: ~\n")
    assert isinstance(document, YamlDocument)
    assert document.data == {"a": True, "b": False, "c": "no", "d": "true", "e": "NO", "f": None}

"""Safe reading of one YAML record, keeping the line of every field.

PyYAML's loaders are either unsafe (Python objects), silent (a key written
twice keeps its last value) or blind to lines, and libyaml's composer crashes
the interpreter on very deep nesting. We read libyaml's event stream (fast, no
recursion) and build plain Python values ourselves:

- every scalar stays a string, except `true`/`false` and empty values, so that
  `telephone: 0321000000` is not read as an octal number, `NO` is not false,
  and dates are parsed by the validator with a French message;
- a key written twice, an alias (`*x`, the "billion laughs" bomb), a tag that
  would build an object, or nesting deeper than any record needs is a
  problem, not a value;
- `lines` maps each field path, such as ("contact", "telephone") or
  ("publics", 1), to its 1-based line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Severity
from .slips import find_slip

try:  # libyaml is 8 to 10 times faster; PyYAML's wheels include it.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 200_000  # a record is a few kilobytes; refuse before parsing
MAX_DEPTH = 12  # records nest three levels deep at most

Location = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = (None, "!", _TAG + "str", _TAG + "map", _TAG + "seq")
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = ("", "~", "null", "Null", "NULL")
# libyaml's most frequent complaints, said in French (others are shown as they are).
_SYNTAX_PROBLEMS = {
    "found a tab character": "une tabulation décale le texte ; utilisez des espaces",
    "found character '\\t'": "une tabulation décale le texte ; utilisez des espaces",
    "did not find expected ',' or ']'": "un crochet « ] » ou une virgule manque",
    "did not find expected ',' or '}'": "une accolade « } » ou une virgule manque",
    "mapping values are not allowed": "un « : » de trop ; mettez ce texte entre guillemets",
    "could not find expected ':'": "il manque « : » après un nom de champ",
    "did not find expected key": "une ligne est mal alignée avec les autres champs",
    "did not find expected '-' indicator": "un élément de liste est mal aligné",
    "found unexpected end of stream": "un guillemet ou un crochet n'est jamais fermé",
    "found undefined alias": "un « * » commence une valeur ; mettez-la entre guillemets",
    "that cannot start any token": "un caractère spécial commence une valeur ; mettez-la entre guillemets",
    "did not find expected node content": "une valeur manque",
}
_SYNTAX_HINT = (
    "vérifiez l'indentation (des espaces, pas de tabulation), le « : » après chaque nom de champ, "
    "et mettez entre guillemets un texte qui contient « : » ou « # »."
)


@dataclass
class YamlDocument:
    path: Path
    display: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    text_starts: dict[Location, int] = field(default_factory=dict)  # first line of a text's content

    def line_of(self, location: Location) -> int:
        """The line of a field, or of its nearest parent when it is absent."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line:
                return line
        return 1

    def problem(
        self, location: Location, code: str, message: str, hint: str, *,
        field: str | None = None, severity: Severity = Severity.ERROR,
    ) -> Problem:  # fmt: skip
        """A problem at a field of this document; `field` names it when the line is another's."""
        name = dotted(location) if field is None else field
        return Problem(self.display, self.line_of(location), name, code, message, hint, severity)

    def line_in_text(self, location: Location, text_line: str) -> int:
        """The line where one line of a text field is written (a sentence in a `|` block)."""
        raw = self.value_at(location)
        start = self.text_starts.get(location)
        if isinstance(raw, str) and start:
            for index, line in enumerate(raw.splitlines()):
                if line.strip() == text_line.strip():
                    return start + index
        return self.line_of(location)

    def value_at(self, location: Location) -> Any:
        value = self.data
        for part in location:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


def dotted(location: Location) -> str:
    """A field path as contributors write it: ('contact', 'telephone') → 'contact.telephone',
    ('publics', 2) → 'publics[3]' (counted from 1)."""
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Refused(Exception):
    def __init__(self, line: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.code, self.message, self.hint = line, code, message, hint


def load_yaml(path: Path, display: str) -> YamlDocument | Problem:
    """Read one file; return its document, or the problem that prevents reading it."""
    try:
        raw = read_limited(path)
        if raw is None:
            raise _Refused(
                1,
                "yaml/trop-gros",
                f"Le fichier est trop gros ({path.stat().st_size} octets).",
                f"une fiche fait quelques kilo-octets ; la limite est {MAX_FILE_BYTES} octets.",
            )
        document = YamlDocument(path, display, None)
        document.data = _build(_decode(raw), document)
        return document
    except _Refused as refused:
        return Problem(display, refused.line, "", refused.code, refused.message, refused.hint)
    except OSError as error:
        message = f"Fichier illisible : {error.strerror}."
        return Problem(
            display, 0, "", "fichier/illisible", message, "vérifiez que le fichier existe et peut être lu."
        )


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a file, or None if it is larger than `limit`: never more is read."""
    with path.open("rb") as file:
        raw = file.read(limit + 1)
    return None if len(raw) > limit else raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _Refused(
            line,
            "yaml/encodage",
            f"Le fichier n'est pas en UTF-8 (octet {raw[error.start]:#04x} illisible).",
            "enregistrez le fichier en UTF-8 (l'éditeur de GitHub le fait toujours).",
        ) from None


@dataclass
class _Open:
    """A mapping or list being read; in a mapping, `key` waits for its value.

    The outermost one, with no location, receives the document itself.
    """

    container: dict[str, Any] | list[Any]
    location: Location | None
    key: str | None = None


def _build(text: str, document: YamlDocument) -> Any:
    values: list[Any] = []
    opened = [_Open(values, None)]
    try:
        for event in yaml.parse(text, Loader=_Loader):
            _read_event(event, opened, document)
    except yaml.MarkedYAMLError as error:
        if slip := find_slip(text):  # a web-editor slip, named, at its own line
            raise _Refused(slip.line, "yaml/syntaxe", slip.message, slip.hint) from None
        mark = error.problem_mark or error.context_mark
        raise _Refused(
            mark.line + 1 if mark else 1,
            "yaml/syntaxe",
            f"Le YAML est mal écrit ({_in_french(error.problem or '')}).",
            _SYNTAX_HINT,
        ) from None
    except yaml.YAMLError as error:
        raise _Refused(1, "yaml/syntaxe", f"Le YAML est illisible ({error}).", _SYNTAX_HINT) from None
    if not values or values[0] is None:
        raise _Refused(
            1,
            "yaml/vide",
            "Le fichier est vide.",
            "copiez le modèle d'une fiche existante, ou supprimez ce fichier.",
        )
    return values[0]


def _read_event(event: yaml.Event, opened: list[_Open], document: YamlDocument) -> None:
    lines = document.lines
    line = event.start_mark.line + 1 if event.start_mark else 1
    current = opened[-1]
    if isinstance(event, yaml.DocumentStartEvent) and current.container:
        raise _Refused(
            line,
            "yaml/plusieurs-documents",
            "Le fichier contient plusieurs documents YAML.",
            "une fiche par fichier : retirez la ligne « --- » et ce qui la suit.",
        )
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(
            line,
            "yaml/alias",
            "Les alias YAML (« & » et « * ») ne sont pas acceptés.",
            "écrivez la valeur en entier à chaque endroit.",
        )
    if isinstance(event, yaml.ScalarEvent):
        if isinstance(current.container, dict) and current.key is None:
            _set_key(current, event.value, line, lines)
        else:
            location = _place(current, _scalar(event, line), line, lines)
            block = event.style in ("|", ">")  # the text starts on the next line
            document.text_starts[location] = line + 1 if block else line
    elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
        _require_plain_tag(event.tag, line)
        if isinstance(current.container, dict) and current.key is None:
            raise _Refused(
                line,
                "yaml/cle",
                "Un nom de champ doit être un simple mot.",
                "écrivez « nom_du_champ: valeur », sans crochets ni accolades avant les deux-points.",
            )
        if len(opened) > MAX_DEPTH:
            raise _Refused(
                line,
                "yaml/trop-profond",
                "Le YAML est trop imbriqué.",
                "une fiche a trois niveaux au plus (par exemple « contact: » puis « telephone: ») ; "
                "vérifiez les crochets [ ] et les accolades { }.",
            )
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        opened.append(_Open(container, _place(current, container, line, lines)))
    elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
        opened.pop()


def _set_key(mapping: _Open, key: str, line: int, lines: dict[Location, int]) -> None:
    assert isinstance(mapping.container, dict) and mapping.location is not None
    location = (*mapping.location, key)
    if key in mapping.container:
        raise _Refused(
            line,
            "yaml/cle-en-double",
            f"Le champ « {key} » est écrit deux fois (déjà à la ligne {lines[location]}).",
            "gardez une seule fois ce champ ; sinon la deuxième valeur efface la première.",
        )
    lines[location] = line
    mapping.key = key


def _place(current: _Open, value: Any, line: int, lines: dict[Location, int]) -> Location:
    """Put a value into the open mapping or list; return where it is."""
    container = current.container
    if current.location is None:
        location: Location = ()
        assert isinstance(container, list)
        container.append(value)
    elif isinstance(container, list):
        location = (*current.location, len(container))
        container.append(value)
    else:
        assert current.key is not None
        location = (*current.location, current.key)
        container[current.key] = value
        current.key = None
    lines.setdefault(location, line)
    return location


def _scalar(event: yaml.ScalarEvent, line: int) -> str | bool | None:
    _require_plain_tag(event.tag, line)
    if event.implicit[0] and event.tag in (None, "!"):  # plain, unquoted
        if event.value in _BOOLEANS:
            return _BOOLEANS[event.value]
        if event.value in _NULLS:
            return None
    return str(event.value)


def _require_plain_tag(tag: str | None, line: int) -> None:
    if tag not in _PLAIN_TAGS:
        raise _Refused(
            line,
            "yaml/etiquette",
            f"L'étiquette YAML « {str(tag).replace(_TAG, '!!')} » n'est pas acceptée.",
            "retirez ce qui commence par « ! » : une fiche ne contient que du texte et des listes.",
        )


def _in_french(problem: str) -> str:
    for english, french in _SYNTAX_PROBLEMS.items():
        if english in problem:
            return french
    return problem or "erreur de syntaxe"

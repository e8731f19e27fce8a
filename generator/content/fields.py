"""Field types of the records: texts, phone numbers, e-mails, links, dates.

Each type checks its value and, when wrong, raises an error whose type is our
stable problem code and whose message is the French sentence the contributor
reads; `messages.py` turns them into `Problem`s.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

MAX_SHORT_TEXT = 160  # names, labels
MAX_TEXT = 1_200  # one FALC text field (FALC wants 60 words; this stops accidents)

_FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def _refuse(code: str, message: str, hint: str = "") -> PydanticCustomError:
    # Braces would be read as placeholders by pydantic: double them.
    message = message.replace("{", "{{").replace("}", "}}")
    return PydanticCustomError(code, message, {"hint": hint})


# Characters a reader cannot see that change what a text shows or how it is read:
# bidirectional overrides (a name shown backwards) and zero-width characters.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def _refuse_invisible(value: str) -> str:
    found = _INVISIBLE.search(value)
    if found:
        raise _refuse(
            "fiche/caractere-invisible",
            f"Ce texte contient un caractère invisible (U+{ord(found.group()):04X}), "
            f"après « {value[max(0, found.start() - 20) : found.start()]} ».",
            "retapez ce texte au clavier au lieu de le copier : "
            "un caractère invisible peut changer l'ordre ou le sens des mots.",
        )
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT),
    AfterValidator(_refuse_invisible),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_refuse_invisible),
]


def _check_identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise _refuse(
            "fiche/identifiant",
            f"« {value} » n'est pas un identifiant valide.",
            "lettres minuscules sans accent, chiffres et tirets, par exemple « pays-de-lumbres ».",
        )
    return value


Identifier = Annotated[str, AfterValidator(_check_identifier)]


# --- Phone numbers ---------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[ .\-\u00a0]")
_PHONE_HINT = (
    "en France, 10 chiffres comme « 03 21 21 62 62 » ou un numéro court comme « 3949 » ; "
    "en Belgique, le format international « +32 50 12 34 56 »."
)


def _normalise_phone(value: object) -> str:
    raw = str(value).strip()
    # A digit of another script (Arabic-Indic, fullwidth) or an invisible character: looks right, dials wrong.
    strange = next(
        (c for c in raw if (c.isdigit() and not c.isascii()) or unicodedata.category(c) == "Cf"), None
    )
    if strange:
        raise _refuse(
            "fiche/telephone",
            f"« {raw} » contient « {strange} » (U+{ord(strange):04X}), qui n'est pas un chiffre de 0 à 9.",
            "tapez le numéro au clavier, avec les chiffres de 0 à 9 et des espaces : « 03 21 21 62 62 ».",
        )
    digits = _PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("0033"):
        digits = "+33" + digits[4:]
    if digits.startswith("0032"):
        digits = "+32" + digits[4:]
    if re.fullmatch(r"\+330?[1-9][0-9]{8}", digits):
        digits = "0" + digits.removeprefix("+33").lstrip("0")
    if re.fullmatch(r"0[1-9][0-9]{8}", digits):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"3[0-9]{3}", digits):  # French short service numbers (3949, 3646…)
        return digits
    if re.fullmatch(r"\+32[1-9][0-9]{7,8}", digits):  # Belgian landlines (8) and mobiles (9)
        return _format_belgian(digits[3:])
    raise _refuse("fiche/telephone", f"« {raw} » n'est pas un numéro de téléphone valide.", _PHONE_HINT)


def _format_belgian(national: str) -> str:
    if national.startswith("4"):  # mobiles: +32 470 12 34 56
        return f"+32 {national[:3]} {national[3:5]} {national[5:7]} {national[7:]}"
    return f"+32 {national[:2]} {national[2:4]} {national[4:6]} {national[6:]}"


Phone = Annotated[
    str,
    BeforeValidator(_normalise_phone),
    Field(json_schema_extra={"examples": ["03 21 21 62 62", "3949", "+32 50 12 34 56"]}),
]


def phone_uri(phone: str) -> str:
    """`tel:` address of a normalised number, in international form."""
    digits = phone.replace(" ", "")
    if digits.startswith("+") or len(digits) == 4:
        return f"tel:{digits}"
    return f"tel:+33{digits[1:]}"


# --- E-mails and links -----------------------------------------------------


EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def _check_email(value: str) -> str:
    value = value.strip()
    if not EMAIL.fullmatch(value):
        raise _refuse(
            "fiche/email",
            f"« {value} » n'est pas une adresse e-mail valide.",
            "une adresse comme « contact@exemple.fr », sans espace ni « mailto: ».",
        )
    return value


Email = Annotated[str, AfterValidator(_check_email)]


def _check_web_link(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):  # "HTTPS://…" is written "https://…", as check and build show it
        value = parts.scheme + value[len(parts.scheme) :]
    if parts.scheme not in ("http", "https"):
        raise _refuse(
            "fiche/lien",
            f"« {value} » n'est pas un lien web accepté.",
            "seuls les liens qui commencent par « https:// » (ou « http:// ») sont acceptés.",
        )
    host = parts.hostname or ""
    if "." not in host or re.search(r"\s", value) or parts.username or parts.password:
        raise _refuse(
            "fiche/lien",
            f"« {value} » n'est pas une adresse web valide.",
            "copiez l'adresse depuis la barre du navigateur, par exemple « https://www.exemple.fr/page ».",
        )
    return value


WebLink = Annotated[str, AfterValidator(_check_web_link)]


_SITE_ADDRESS = re.compile(r"https://([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(/[A-Za-z0-9._~-]+)*/?")


def _check_site_address(value: str) -> str:
    """The site's own address: in QR codes, canonical links and the 404 page's script paths.

    Strict: https, a plain host (no user, no port), a path of plain words.
    """
    value = value.strip()
    if not _SITE_ADDRESS.fullmatch(value):
        raise _refuse(
            "fiche/adresse-site",
            f"« {value} » n'est pas une adresse de site acceptée.",
            "une adresse en https://, sans espace, guillemet, port ni « // » dans le chemin, "
            "par exemple « https://mobilite.exemple.fr/ » ou « https://organisation.github.io/site/ ».",
        )
    return value if value.endswith("/") else value + "/"


SiteAddress = Annotated[str, AfterValidator(_check_site_address)]


def _check_github_repository(value: str) -> str:
    value = value.strip().removesuffix("/")
    if not re.fullmatch(r"https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+", value):
        raise _refuse(
            "fiche/depot-github",
            f"« {value} » n'est pas l'adresse d'un dépôt GitHub.",
            "copiez l'adresse de la page d'accueil du dépôt : « https://github.com/organisation/depot ».",
        )
    return value


GitHubRepository = Annotated[str, AfterValidator(_check_github_repository)]


# --- Dates -----------------------------------------------------------------


def _parse_date(value: object) -> date:
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        raise _refuse(
            "fiche/date",
            f"« {text} » n'est pas une date au bon format.",
            "écrivez la date sous la forme année-mois-jour, par exemple 2026-03-31.",
        )
    year, month, day = map(int, match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        impossible = (
            f"Le {day} {_FRENCH_MONTHS[month - 1]} {year} n'existe pas."
            if 1 <= month <= 12
            else f"Le mois {month} n'existe pas."
        )
        raise _refuse("fiche/date", impossible, "vérifiez le jour et le mois (année-mois-jour).") from None


CheckedDate = Annotated[
    date, BeforeValidator(_parse_date), Field(json_schema_extra={"examples": ["2026-03-31"]})
]


# --- Opening hours -----------------------------------------------------------------


def _check_opening_hours(value: str) -> str:
    """OpenStreetMap's `opening_hours` syntax, as data·inclusion asks, read by a real parser."""
    import opening_hours

    value = " ".join(value.split())
    if not opening_hours.validate(value):
        raise _refuse(
            "fiche/horaires",
            f"« {value} » n'est pas écrit dans le format des horaires d'OpenStreetMap.",
            "par exemple « Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 » : jours en anglais abrégé "
            "(Mo Tu We Th Fr Sa Su), heures sur 24 heures. L'outil https://projets.pavie.info/yohours/ "
            "aide à l'écrire.",
        )
    return value


OpeningHours = Annotated[
    str,
    AfterValidator(_check_opening_hours),
    Field(json_schema_extra={"examples": ["Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"]}),
]

InseeCode = Annotated[str, Field(pattern=r"^\d[\dAB]\d{3}$")]


def _number_as_written(value: object) -> object:
    """YAML scalars are read as text: "6" is the number 6 for a closed list of numbers."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


# How often a record must be checked, in months.
ReviewMonths = Annotated[Literal[3, 6, 12], BeforeValidator(_number_as_written)]

"""The content model: one typed class per kind of record, each field documented once.

Field names are the French YAML keys contributors write (`publics`,
`verifie_le`), so that an error names the field they see. The descriptions
below are the documentation: the JSON Schema for editors and the contributor
guide are generated from them.

These classes check each value on its own (type, format, known words).
Checks that need other records (does this audience exist?) or several fields
(at least one contact) are in `rules.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .fields import (
    CheckedDate,
    Email,
    GitHubRepository,
    Identifier,
    InseeCode,
    OpeningHours,
    Phone,
    ReviewMonths,
    ShortText,
    SiteAddress,
    Text,
    WebLink,
)  # fmt: skip
from .vocabulary import CategoryId, HelpDeskKindId, NeedId, RuleCode


class Record(BaseModel):
    """Strict base: an unknown field is an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _documented(description: str) -> ConfigDict:
    """The French description editors show for a kind of record (docstrings are for developers)."""
    return ConfigDict(json_schema_extra={"description": description})


class FileRecord(Record):
    """A record that is a file of its own; its id is the file name, not a field."""

    id: SkipJsonSchema[str] = ""


# --- Services ----------------------------------------------------------------


class Contact(Record):
    """Ways to reach the service. Each is optional, at least one is required."""

    model_config = _documented(
        "Comment joindre le service. Chaque moyen est facultatif, il en faut au moins un."
    )

    telephone: Phone | None = Field(
        None, description="Numéro à appeler : « 03 21 21 62 62 », « 3949 » ou « +32 50 12 34 56 »."
    )
    email: Email | None = Field(None, description="Adresse e-mail du service, jamais celle d'une personne.")
    ligne_du_service: bool = Field(
        False,
        description=(
            "`true` si ce numéro de portable ou cette adresse de messagerie personnelle est bien "
            "la ligne d'accueil du service, et pas celle d'une personne (sinon, la fiche est refusée)."
        ),
    )
    adresse: Text | None = Field(
        None, description="Adresse postale de l'accueil, sur une ou plusieurs lignes."
    )
    site: WebLink | None = Field(
        None, description="Page à jour du service sur le site de l'opérateur (https://…)."
    )


class Source(Record):
    """Where the facts of the record come from."""

    model_config = _documented("D'où viennent les informations de la fiche.")

    titre: ShortText = Field(description="Nom du document ou de la page.")
    url: WebLink | None = Field(None, description="Adresse de la page ou du document, si elle existe.")
    reference: ShortText | None = Field(
        None, description="Où dans le document : page, ligne, article (« seed 000…, lignes 2080 à 2084 »)."
    )


class FalcException(Record):
    """One FALC rule silenced on one field, with the reason shown in the report."""

    model_config = _documented("Une règle FALC ignorée pour un champ, avec sa raison.")

    regle: RuleCode = Field(description="Code de la règle, par exemple « negation ».")
    champ: ShortText = Field(description="Le champ concerné, par exemple « pour_qui ».")
    raison: ShortText = Field(description="Pourquoi cette règle ne s'applique pas ici.")


class Translation(Record):
    """The texts of a cross-border service in another language (Fiche 4.2)."""

    model_config = _documented("Les textes d'un service transfrontalier dans une autre langue (fiche 4.2).")

    nom: ShortText = Field(description="Nom du service dans cette langue.")
    description: Text = Field(description="C'est quoi ? Traduction de `description`.")
    pour_qui: Text = Field(description="C'est pour qui ? Traduction de `pour_qui`.")
    comment_faire: Text = Field(description="Comment faire ? Traduction de `comment_faire`.")
    conditions: Text | None = Field(None, description="Traduction de `conditions`, si elles existent.")
    cout: Text | None = Field(None, description="Traduction de `cout`, s'il est renseigné.")
    ou: Text | None = Field(None, description="Traduction de `ou`, s'il est renseigné.")
    quand: Text | None = Field(None, description="Traduction de `quand`, s'il est renseigné.")
    traduit_de: Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")] | None = Field(
        None,
        description=(
            "L'empreinte du texte français que cette traduction traduit, donnée par `check` : « 3f2a9c01 ». "
            "Quand le texte français change, `check` prévient que la traduction est à revoir."
        ),
    )


class Service(FileRecord):
    """A mobility service, aid or platform: one file `content/services/<id>.yml`."""

    model_config = _documented(
        "Un service, une aide ou une plateforme de mobilité : un fichier content/services/<identifiant>.yml."
    )

    nom: ShortText = Field(description="Nom du service, comme l'opérateur l'appelle.")
    operateur: ShortText = Field(description="Qui gère le service : collectivité, association, entreprise.")
    categorie: CategoryId = Field(description="Type de service, parmi les 6 types de la fiche 3.1 du plan.")
    besoins: Annotated[list[NeedId], Field(min_length=1)] = Field(
        description="Ce que le service apporte à la personne ; sert à ranger les services sur les pages."
    )
    publics: Annotated[list[Identifier], Field(min_length=1)] = Field(
        description="Identifiants des publics (fichiers de `content/publics/`), ou `[tous]`."
    )
    territoires: Annotated[list[Identifier], Field(min_length=1)] = Field(
        description=(
            "Où le service est disponible : identifiants d'intercommunalités (`content/territoires/`), "
            "de départements ou du bassin entier (`content/bassin.yml`)."
        )
    )
    description: Text = Field(description="C'est quoi ? 1 à 3 phrases courtes, une phrase par ligne.")
    pour_qui: Text = Field(description="C'est pour qui ? Les personnes qui peuvent en profiter.")
    conditions: Text | None = Field(None, description="Les conditions à remplir, s'il y en a.")
    acces: Literal["direct", "orientation"] = Field(
        description=(
            "`direct` : la personne contacte le service elle-même ; "
            "`orientation` : un professionnel doit l'envoyer."
        )
    )
    oriente_par: list[ShortText] = Field(
        default_factory=list,
        description="Qui peut envoyer la personne (obligatoire si `acces: orientation`).",
    )
    comment_faire: Text = Field(description="Comment faire ? Les étapes, une par ligne.")
    cout: Text | None = Field(
        None, description="Combien ça coûte ? Ou le montant de l'aide. Seulement si une source le dit."
    )
    ou: Text | None = Field(None, description="Où ? Arrêts, points d'accueil, lieux de rendez-vous.")
    quand: Text | None = Field(None, description="Quand ? Jours, horaires, fréquence.")
    vehicule_requis: Literal["voiture", "permis"] | None = Field(
        None,
        description=(
            "`voiture` si le service est seulement pour les personnes qui ont une voiture (un garage, "
            "une aide aux kilomètres) ; `permis` s'il faut le permis de conduire (une location). "
            "Les pages permettent alors de cacher ce service aux personnes sans voiture ou sans permis."
        ),
    )
    contact: Contact = Field(description="Comment joindre le service : au moins un moyen.")
    accessibilite: Text | None = Field(
        None, description="Accessibilité : fauteuil roulant, accueil en langue des signes, etc."
    )
    lsf: WebLink | None = Field(None, description="Lien vers une vidéo en langue des signes française.")
    transcription: WebLink | None = Field(
        None, description="Lien vers une transcription écrite ou un service de transcription."
    )
    mots_cles: list[ShortText] = Field(
        default_factory=list,
        description=(
            "Mots de tous les jours qui doivent mener à ce service dans la recherche du site, "
            "s'ils ne sont pas déjà dans le texte : « chômeur », « voiture en panne ». "
            "Ils ne sont pas affichés."
        ),
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="D'où viennent les informations : au moins une source."
    )
    verifie_le: CheckedDate = Field(
        description="Date de la dernière vérification des informations (année-mois-jour)."
    )
    a_revoir_tous_les: ReviewMonths = Field(
        12,
        description=(
            "Tous les combien de mois vérifier la fiche : 3, 6 ou 12 (par défaut). "
            "Plus souvent pour ce qui change vite : horaires, tarifs, lignes à l'essai."
        ),
    )
    transfrontalier: bool = Field(
        False, description="`true` pour un service transfrontalier (fiche 4.2) : il faut alors `traductions`."
    )
    traductions: dict[Literal["nl", "en"], Translation] = Field(
        default_factory=dict,
        description="Textes en néerlandais (`nl`) et en anglais (`en`) des services transfrontaliers.",
    )
    falc_exceptions: list[FalcException] = Field(
        default_factory=list,
        description="Règles FALC ignorées pour un champ, chacune avec sa raison (rare : à justifier).",
    )
    relu_falc: bool = Field(
        False,
        description=(
            "`true` seulement si des personnes en situation de handicap intellectuel ont relu les textes : "
            "le logo FALC peut alors être affiché."
        ),
    )
    statut: Literal["actif", "retire"] = Field(
        "actif",
        description=(
            "`retire` quand le service n'existe plus : sa page reste en ligne (elle est peut-être imprimée "
            "en QR code) et dit « Ce service n'existe plus »."
        ),
    )
    remplace_par: list[Identifier] = Field(
        default_factory=list,
        description="Pour un service retiré : les services à proposer à la place (leurs identifiants).",
    )


# --- Audiences ---------------------------------------------------------------


class Audience(FileRecord):
    """An audience of the plan (Fiches 3.3 A to E): one file `content/publics/<id>.yml`."""

    model_config = _documented(
        "Un public du plan (fiches 3.3 A à E) : un fichier content/publics/<identifiant>.yml."
    )

    nom: ShortText = Field(description="Nom du public dans le plan : « Demandeurs d'emploi et stagiaires ».")
    libelle: ShortText = Field(
        description="Le bouton de la page d'accueil, à la première personne : « Je cherche un travail »."
    )
    vous: ShortText = Field(
        description="La même idée avec « vous », pour les titres : « Vous cherchez un travail »."
    )
    introduction: Text = Field(description="2 ou 3 phrases FALC en haut de la page du public.")
    icone: Identifier = Field(description="Nom de l'icône (fichier de `generator/render/static/icons/`).")
    ordre: int = Field(description="Place du public dans les listes : 1 en premier.")
    fiche: ShortText = Field(description="Fiche du plan qui concerne ce public : « 3.3 A ».")
    besoins: list[NeedId] = Field(
        default_factory=list,
        description=(
            "Les besoins les plus fréquents de ce public, dans l'ordre. Quand aucun service ne répond à l'un "
            "d'eux sur un territoire, la page le dit franchement et dit qui peut aider."
        ),
    )
    mots_cles: list[ShortText] = Field(
        default_factory=list,
        description=(
            "Mots de tous les jours qui doivent mener à ce public et à ses services dans la recherche "
            "du site, "
            "s'ils ne sont pas déjà dans le texte : « chômeur », « voiture en panne ». "
            "Ils ne sont pas affichés."
        ),
    )
    falc_exceptions: list[FalcException] = Field(
        default_factory=list, description="Règles FALC ignorées pour un champ, avec leur raison."
    )


# --- Help desks --------------------------------------------------------------


class HelpDesk(FileRecord):
    """A place where a person is received and helped: one file `content/lieux/<id>.yml`."""

    model_config = _documented(
        "Un lieu où une personne est reçue et aidée (France Services, mission locale, agence, MDPH…) : "
        "un fichier content/lieux/<identifiant>.yml."
    )

    nom: ShortText = Field(
        description="Nom du lieu, comme on l'appelle sur place : « France Services de Fruges »."
    )
    type: HelpDeskKindId = Field(description="Quel genre de lieu : il dit à la personne ce qu'on y fait.")
    operateur: ShortText = Field(
        description="Qui tient ce lieu : collectivité, association, organisme public."
    )
    territoires: Annotated[list[Identifier], Field(min_length=1)] = Field(
        description=(
            "Qui ce lieu accueille : identifiants d'intercommunalités, de départements ou du bassin entier, "
            "comme pour un service."
        )
    )
    publics: Annotated[list[Identifier], Field(min_length=1)] = Field(
        default_factory=lambda: ["tous"],
        description=(
            "Les publics que ce lieu reçoit, si ce ne sont pas tous : `[jeunes, apprentis]` pour une mission "
            "locale. "
            "Les pages et les flyers d'un public ne montrent que les lieux qui le reçoivent."
        ),
    )
    commune: InseeCode | None = Field(
        None,
        description="Code INSEE de la commune où est le lieu : « 62361 ». Vide pour une ligne téléphonique.",
    )
    seulement_pour: list[InseeCode] = Field(
        default_factory=list,
        description=(
            "Si le lieu ne reçoit que les habitants de certaines communes (un CCAS, une mairie) : "
            "leurs codes INSEE. Vide : tous les habitants des `territoires`."
        ),
    )
    adresse: Text | None = Field(None, description="Adresse postale, une ligne par ligne de l'enveloppe.")
    telephone: Phone | None = Field(None, description="Numéro à appeler : « 03 21 04 23 15 » ou « 3949 ».")
    email: Email | None = Field(None, description="Adresse e-mail du lieu, jamais celle d'une personne.")
    ligne_du_service: bool = Field(
        False,
        description=(
            "`true` si ce numéro de portable ou cette adresse de messagerie personnelle est bien "
            "la ligne d'accueil du lieu, et pas celle d'une personne (sinon, la fiche est refusée)."
        ),
    )
    site: WebLink | None = Field(None, description="Page du lieu sur le site de son opérateur.")
    horaires: OpeningHours | None = Field(
        None,
        description=(
            "Horaires d'ouverture au format d'OpenStreetMap (celui de data·inclusion) : "
            "« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 ». Le site les écrit en mots."
        ),
    )
    horaires_precisions: Text | None = Field(
        None, description="Ce que les horaires ne disent pas : « Sur rendez-vous le samedi. »"
    )
    accessibilite: Text | None = Field(
        None, description="Accessibilité du lieu : fauteuil roulant, boucle magnétique…"
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="D'où viennent l'adresse, le téléphone et les horaires : au moins une source."
    )
    verifie_le: CheckedDate = Field(description="Date de la dernière vérification (année-mois-jour).")
    a_revoir_tous_les: ReviewMonths = Field(
        12,
        description=(
            "Tous les combien de mois vérifier la fiche : 3, 6 ou 12 (par défaut). "
            "Plus souvent pour ce qui change vite : horaires, tarifs, lignes à l'essai."
        ),
    )


# --- Territories -------------------------------------------------------------


class Commune(Record):
    model_config = _documented("Une commune de l'intercommunalité.")

    insee: InseeCode = Field(description="Code INSEE (5 caractères).")
    nom: ShortText = Field(description="Nom officiel de la commune.")
    codes_postaux: Annotated[list[Annotated[str, Field(pattern=r"^\d{5}$")]], Field(min_length=1)] = Field(
        description="Codes postaux de la commune."
    )
    anciens_noms: list[ShortText] = Field(
        default_factory=list,
        description=(
            "Communes déléguées ou associées : des noms que les habitants donnent encore "
            "(rempli par le script)."
        ),
    )


class Territory(FileRecord):
    """An intercommunality (EPCI) of the basin: one file `content/territoires/<id>.yml`.

    `libelle` and `dans` are written by hand; the other fields are rewritten by
    `scripts/import_territories.py` from the official open data.
    """

    model_config = _documented(
        "Une intercommunalité du bassin : un fichier content/territoires/<identifiant>.yml."
    )

    libelle: ShortText = Field(description="Nom court pour les titres : « Le Boulonnais ».")
    dans: ShortText = Field(description="Pour les phrases : « Vous habitez dans le Boulonnais ».")
    siren: Annotated[str, Field(pattern=r"^\d{9}$")] = Field(
        description="Numéro SIREN de l'intercommunalité."
    )
    nom: ShortText = Field(description="Nom officiel (rempli par le script d'import).")
    nature: Literal["CA", "CC", "CU", "METRO"] = Field(
        description="Communauté d'agglomération, de communes, urbaine, ou métropole (rempli par le script)."
    )
    departement: Identifier = Field(description="Identifiant du département (dans `content/bassin.yml`).")
    communes: Annotated[list[Commune], Field(min_length=1)] = Field(
        description="Communes membres (remplies par le script d'import)."
    )


class Departement(Record):
    model_config = _documented("Un département du bassin.")

    id: Identifier = Field(description="Identifiant utilisé dans `territoires` : « pas-de-calais ».")
    code: Annotated[str, Field(pattern=r"^\d[\dAB]$")] = Field(description="Code INSEE : « 62 ».")
    nom: ShortText = Field(description="Nom : « Pas-de-Calais ».")
    dans: ShortText = Field(description="Pour les phrases : « dans le Pas-de-Calais ».")


class Basin(Record):
    """The mobility basin the site covers: `content/bassin.yml`."""

    model_config = _documented("Le bassin de mobilité présenté par le site : content/bassin.yml.")

    id: Identifier = Field(description="Identifiant du bassin entier, utilisable dans `territoires`.")
    nom: ShortText = Field(description="Nom du bassin : « Littoral Nord ».")
    dans: ShortText = Field(description="Pour les phrases : « dans le Littoral Nord ».")
    titre_site: ShortText = Field(description="Titre du site.")
    editeur: ShortText = Field(description="Qui publie le site et les flyers.")
    adresse_site: SiteAddress = Field(
        description="Adresse publique du site : elle est imprimée dans les QR codes."
    )
    adresse_site_confirmee: bool = Field(
        False,
        description=(
            "`true` quand le propriétaire du site a vérifié que l'adresse ouvre bien le site. Avant, chaque "
            "flyer porte la mention « Épreuve : ne pas distribuer », et une construction de publication "
            "(`build --publication`) refuse de se faire."
        ),
    )
    contact_email: Email | None = Field(
        None, description="Adresse où les citoyens signalent une erreur ou un problème d'accessibilité."
    )
    depot_github: GitHubRepository | None = Field(
        None,
        description=(
            "Adresse du dépôt GitHub du contenu (https://github.com/organisation/depot) : "
            "« Signaler une erreur » y ouvre un formulaire prérempli."
        ),
    )
    departements: Annotated[list[Departement], Field(min_length=1)] = Field(
        description="Départements du bassin."
    )


class GlossaryEntry(Record):
    """One abbreviation, explained in FALC."""

    model_config = _documented("Un sigle expliqué en FALC.")

    sigle: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Za-z0-9.'\u2019\-]*$", max_length=20)] = Field(
        description="Le sigle tel qu'il est écrit : « RSA »."
    )
    en_entier: ShortText = Field(description="Le sigle en toutes lettres : « Revenu de solidarité active ».")
    explication: Text = Field(description="Ce que c'est, en 1 ou 2 phrases FALC.")


class GlossaryWord(Record):
    """A word that may be rare for some readers, explained in FALC."""

    model_config = _documented("Un mot difficile expliqué en FALC.")

    mot: ShortText = Field(description="Le mot, en minuscules : « covoiturage ».")
    explication: Text = Field(description="Ce qu'il veut dire, en 1 ou 2 phrases FALC.")


class Glossary(Record):
    """Every abbreviation used in the content: `content/glossaire.yml`."""

    model_config = _documented("Tous les sigles utilisés dans les textes : content/glossaire.yml.")

    sigles: list[GlossaryEntry] = Field(description="Les sigles, dans l'ordre alphabétique.")
    mots: list[GlossaryWord] = Field(
        default_factory=list, description="Les mots difficiles expliqués, dans l'ordre alphabétique."
    )


SitePath = Annotated[str, Field(pattern=r"^/([a-z0-9\-]+/)*([a-z0-9\-]+\.pdf)?$")]


class Redirection(Record):
    """An address that moved: readers of the old one are sent to the new one."""

    model_config = _documented("Une adresse qui a changé : les lecteurs de l'ancienne vont à la nouvelle.")

    de: SitePath = Field(description="L'ancienne adresse, sans le nom du site : « /services/ancien-nom/ ».")
    vers: SitePath = Field(description="La nouvelle adresse : « /services/nouveau-nom/ ».")


class Redirections(Record):
    """Every moved address: `content/redirections.yml` (optional)."""

    model_config = _documented("Les adresses qui ont changé : content/redirections.yml.")

    redirections: list[Redirection] = Field(default_factory=list, description="Les adresses déplacées.")


class NeedHelp(Record):
    """What a page says when no local service answers a need: a national option, with its source."""

    model_config = _documented(
        "Une solution nationale, proposée quand aucun service local ne répond à un besoin."
    )

    besoin: NeedId = Field(description="Le besoin auquel elle répond : « etre-conduit ».")
    publics: Annotated[list[Identifier], Field(min_length=1)] = Field(
        default_factory=lambda: ["tous"], description="Pour quels publics (identifiants), ou `[tous]`."
    )
    texte: Text = Field(description="Ce que c'est et comment faire, en phrases FALC, une par ligne.")
    appeler: ShortText | None = Field(None, description="Qui la personne appelle : « l'Assurance Maladie ».")
    telephone: Phone | None = Field(None, description="Le numéro à appeler, s'il existe.")
    site: WebLink | None = Field(None, description="La page officielle.")
    sources: Annotated[list[Source], Field(min_length=1)] = Field(description="D'où vient chaque fait.")
    verifie_le: CheckedDate = Field(description="Date de la dernière vérification (année-mois-jour).")


class NeedAdvice(Record):
    """The national options for each need: `content/besoins.yml` (optional)."""

    model_config = _documented(
        "Ce que le site propose quand aucun service local ne répond à un besoin : content/besoins.yml."
    )

    besoins: list[NeedHelp] = Field(default_factory=list, description="Les solutions nationales, par besoin.")

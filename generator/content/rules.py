"""Checks across fields and records: references to audiences, territories and
services, contact and orientation, translations, the glossary, icons.

They run on the records that validated on their own, with the YAML documents
kept in `Content.origins` to point at a line. References are checked on the
raw YAML, so that a record with other mistakes gets these reported too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..locations import icon_names
from .model import Service
from .personal_data import looks_personal_email, looks_personal_phone
from .problems import Problem, Severity
from .records import Content
from .translations import french_fingerprint
from .vocabulary import EVERYONE
from .yaml_loader import YamlDocument, dotted


def cross_record_problems(content: Content, today: date) -> list[Problem]:
    return [
        *_check_references(content),
        *_check_services(content, today),
        *_check_replacements(content),
        *_check_glossary(content),
        *_check_icons(content),
        *_check_reporting(content),
        *_check_help_desks(content, today),
        *_check_advice(content, today),
        *_check_personal_data(content),
    ]


def _all_services(content: Content) -> list[Service]:
    """Active and retired services alike."""
    return [*content.services.values(), *content.retired.values()]


def _documents(content: Content, folder: str) -> list[YamlDocument]:
    """The documents read from one folder, valid records or not."""
    return [document for key, document in content.origins.items() if key.startswith(folder + "/")]


def _check_references(content: Content) -> Iterator[Problem]:
    audiences = sorted(content.audiences)
    zones = sorted(content.zone_ids())
    departements = sorted(d.id for d in content.basin.departements)
    basin_doc = content.origins["bassin"]
    origins = [(content.basin.id, basin_doc), *((d.id, basin_doc) for d in content.basin.departements)]
    origins += [(tid, content.origins[f"territoires/{tid}"]) for tid in content.territories]
    seen: set[str] = set()
    for zone_id, doc in origins:
        if zone_id in seen:
            yield Problem(
                doc.display,
                1,
                "",
                "fiche/id-double",
                f"L'identifiant de territoire « {zone_id} » est utilisé deux fois.",
                "le bassin, ses départements et ses intercommunalités ont chacun un identifiant unique.",
            )
        seen.add(zone_id)
    communes: dict[str, str] = {}
    for territory_id, territory in content.territories.items():
        for index, commune in enumerate(territory.communes):
            if commune.insee in communes:
                yield content.origins[f"territoires/{territory_id}"].problem(
                    ("communes", index, "insee"),
                    "fiche/commune-double",
                    f"La commune {commune.insee} est déjà dans le territoire « {communes[commune.insee]} ».",
                    "une commune appartient à une seule intercommunalité : "
                    "relancez « python -m generator import-territoires ».",
                    field="communes",
                )
            communes[commune.insee] = territory_id
    sirens: dict[str, str] = {}
    for territory_id, territory in content.territories.items():
        if territory.siren in sirens:
            doc = content.origins[f"territoires/{territory_id}"]
            yield doc.problem(
                ("siren",),
                "fiche/siren-double",
                f"Le SIREN {territory.siren} est déjà celui du territoire « {sirens[territory.siren]} ».",
                "chaque intercommunalité a son propre numéro SIREN : "
                "vérifiez-le sur annuaire-entreprises.data.gouv.fr.",
            )
        sirens[territory.siren] = territory_id
        if territory.departement not in departements:
            doc = content.origins[f"territoires/{territory_id}"]
            yield _unknown(doc, ("departement",), territory.departement, "département", departements)
    # On the raw YAML, so that a record with other mistakes gets these reported too.
    for doc in _documents(content, "services"):
        data = doc.data if isinstance(doc.data, dict) else {}
        publics = _strings(data.get("publics"))
        for i, audience in publics:
            if audience == EVERYONE:
                if len(publics) > 1:
                    yield doc.problem(
                        ("publics", i),
                        "fiche/tous-seul",
                        "« tous » veut dire tous les publics : il doit être seul dans la liste.",
                        "écrivez « publics: [tous] », ou la liste des publics concernés.",
                        field="publics",
                    )
            elif audience not in content.audiences:
                yield _unknown(doc, ("publics", i), audience, "public", [*audiences, EVERYONE])
        for i, zone in _strings(data.get("territoires")):
            if zone not in zones:
                yield _unknown(doc, ("territoires", i), zone, "territoire", zones)


def _strings(value: Any) -> list[tuple[int, str]]:
    """The text items of a raw YAML list, with their positions."""
    return (
        [(i, item) for i, item in enumerate(value) if isinstance(item, str)]
        if isinstance(value, list)
        else []
    )


def _unknown(
    doc: YamlDocument, location: tuple[Any, ...], value: str, kind: str, known: list[str]
) -> Problem:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
    codes = {
        "public": "ref/public-inconnu",
        "territoire": "ref/territoire-inconnu",
        "service": "ref/service-inconnu",
    }
    code = codes.get(kind, "ref/inconnu")
    return doc.problem(
        location,
        code,
        f"« {value} » n'est pas un {kind} connu.",
        f"{hint}connus : {', '.join(known)}.",
        field=dotted(location[:1]),
    )


def _check_services(content: Content, today: date) -> Iterator[Problem]:
    for service in _all_services(content):
        doc = content.origins[f"services/{service.id}"]
        if not any(service.contact.model_dump().values()):
            yield doc.problem(
                ("contact",),
                "fiche/sans-contact",
                "Le service n'a aucun moyen de contact.",
                "donnez au moins un téléphone, un e-mail, une adresse ou un site, pris dans une source.",
            )
        if service.acces == "orientation" and not service.oriente_par:
            yield doc.problem(
                ("acces",),
                "fiche/orientation-sans-prescripteur",
                "Le service est sur orientation, mais personne n'est indiqué pour orienter.",
                "ajoutez « oriente_par » : qui peut envoyer la personne "
                "(« votre conseiller France Travail »).",
                field="oriente_par",
            )
        yield from _check_date(doc, ("verifie_le",), service.verifie_le, today)
        yield from _check_translations(doc, service)


def _check_personal_data(content: Content) -> Iterator[Problem]:
    """A mobile number or a private e-mail is a person's, unless the record says it is the service's."""
    reachable = [
        (content.origins[f"services/{s.id}"], ("contact",), s.contact) for s in _all_services(content)
    ] + [(content.origins[f"lieux/{d.id}"], (), d) for d in content.help_desks.values()]
    for document, location, contact in reachable:
        if contact.ligne_du_service:
            continue
        if contact.telephone and looks_personal_phone(contact.telephone):
            yield document.problem(
                (*location, "telephone"),
                "fiche/donnee-personnelle",
                f"Le numéro {contact.telephone} est un portable : il est peut-être celui d'une personne.",
                "le site ne publie que les lignes d'accueil des services. Si ce portable est bien la ligne "
                "du service, écrivez « ligne_du_service: true » à côté ; sinon, donnez la ligne d'accueil.",
            )
        if contact.email and looks_personal_email(contact.email):
            yield document.problem(
                (*location, "email"),
                "fiche/donnee-personnelle",
                f"L'adresse {contact.email} ressemble à l'adresse d'une personne (prénom.nom).",
                "le site ne publie que les adresses des services. Si c'est bien l'adresse du service, "
                "écrivez « ligne_du_service: true » à côté ; sinon, donnez l'adresse de l'accueil.",
            )


def _check_date(
    doc: YamlDocument, location: tuple[Any, ...], checked: date, today: date
) -> Iterator[Problem]:
    if checked > today:
        yield doc.problem(
            location,
            "fiche/date-future",
            f"La date de vérification {checked.isoformat()} est dans le futur.",
            f"indiquez le jour où vous avez vérifié les informations, au plus tard {today.isoformat()}.",
            field=dotted(location),
        )


def _check_replacements(content: Content) -> Iterator[Problem]:
    """A retired service points to services that exist; an active one replaces nothing."""
    for service in _all_services(content):
        document = content.origins[f"services/{service.id}"]
        if service.statut == "actif" and service.remplace_par:
            yield document.problem(
                ("remplace_par",),
                "fiche/remplacement-inutile",
                "Seul un service retiré a des services de remplacement.",
                "ajoutez « statut: retire », ou retirez « remplace_par ».",
                severity=Severity.WARNING,
            )
        for index, replacement in enumerate(service.remplace_par):
            if replacement not in content.services:
                yield _unknown(
                    document, ("remplace_par", index), replacement, "service", sorted(content.services)
                )


def _check_translations(doc: YamlDocument, service: Service) -> Iterator[Problem]:
    if not service.transfrontalier:
        if service.traductions:
            yield doc.problem(
                ("traductions",),
                "fiche/traduction-inutile",
                "Les traductions ne sont publiées que pour un service transfrontalier.",
                "ajoutez « transfrontalier: true », ou retirez les traductions.",
                severity=Severity.WARNING,
            )
        return
    for language, name in (("nl", "néerlandais"), ("en", "anglais")):
        translation = service.traductions.get(language)  # type: ignore[call-overload]
        if translation is None:
            yield doc.problem(
                ("traductions",),
                "fiche/traduction-manquante",
                f"Un service transfrontalier doit avoir ses textes en {name}.",
                f"ajoutez « traductions: {language}: » avec nom, description, pour_qui et comment_faire.",
                field=f"traductions.{language}",
            )
            continue
        yield from _check_translation_version(doc, service, language, name)
        for optional in ("conditions", "cout", "ou", "quand"):
            if getattr(service, optional) and not getattr(translation, optional):
                yield doc.problem(
                    ("traductions", language),
                    "fiche/traduction-manquante",
                    f"Le texte « {optional} » existe en français, mais pas en {name}.",
                    f"traduisez « {optional} » dans « traductions.{language} ».",
                    field=f"traductions.{language}.{optional}",
                )


def _check_translation_version(
    doc: YamlDocument, service: Service, language: str, name: str
) -> Iterator[Problem]:
    """A warning when the French text changed after the translation was made (or nobody knows)."""
    translation = service.traductions[language]  # type: ignore[index]
    fingerprint = french_fingerprint(service)
    if translation.traduit_de == fingerprint:
        return
    if translation.traduit_de is None:
        yield doc.problem(
            ("traductions", language),
            "traduction/version-inconnue",
            f"On ne sait pas de quel texte français la traduction en {name} est faite.",
            f"vérifiez qu'elle dit la même chose que le français, "
            f"puis ajoutez « traduit_de: {fingerprint} ».",
            field=f"traductions.{language}.traduit_de",
            severity=Severity.WARNING,
        )
    else:
        yield doc.problem(
            ("traductions", language, "traduit_de"),
            "traduction/perimee",
            f"Le texte français a changé depuis la traduction en {name} : elle est peut-être fausse.",
            f"mettez à jour la traduction, puis écrivez « traduit_de: {fingerprint} ».",
            severity=Severity.WARNING,
        )


def _check_glossary(content: Content) -> Iterator[Problem]:
    doc = content.origins["glossaire"]
    seen: set[str] = set()
    for i, entry in enumerate(content.glossary.sigles):
        if entry.sigle in seen:
            yield doc.problem(
                ("sigles", i),
                "glossaire/sigle-double",
                f"Le sigle « {entry.sigle} » est expliqué deux fois.",
                "gardez une seule explication.",
                field="sigles",
            )
        seen.add(entry.sigle)


def _check_reporting(content: Content) -> Iterator[Problem]:
    if not (content.basin.contact_email or content.basin.depot_github):
        document = content.origins["bassin"]
        yield Problem(
            document.display, 1, "contact_email", "bassin/signalement",
            "Les lecteurs ne peuvent pas signaler une erreur : aucun moyen n'est indiqué.",
            "ajoutez « contact_email » (une adresse du service, pas d'une personne) ou « depot_github ».",
            Severity.WARNING,
        )  # fmt: skip


def _check_icons(content: Content) -> Iterator[Problem]:
    known = icon_names()
    for audience_id, audience in content.audiences.items():
        if audience.icone not in known:
            document = content.origins[f"publics/{audience_id}"]
            yield document.problem(
                ("icone",),
                "fiche/icone-inconnue",
                f"L'icône « {audience.icone} » n'existe pas.",
                "choisissez le nom d'un fichier de generator/render/static/icons/ (sans « .svg »).",
            )


def _check_help_desks(content: Content, today: date) -> Iterator[Problem]:
    """A help desk serves known zones, sits in a commune of the basin, and can be called or visited."""
    zones = sorted(content.zone_ids())
    for desk_id, desk in content.help_desks.items():
        document = content.origins[f"lieux/{desk_id}"]
        yield from _check_date(document, ("verifie_le",), desk.verifie_le, today)
        for index, zone in enumerate(desk.territoires):
            if zone not in zones:
                yield _unknown(document, ("territoires", index), zone, "territoire", zones)
        for index, audience in enumerate(desk.publics):
            if audience not in [*content.audiences, EVERYONE]:
                yield _unknown(
                    document, ("publics", index), audience, "public", [*content.audiences, EVERYONE]
                )
        if desk.commune and desk.commune not in content.communes:
            yield document.problem(
                ("commune",),
                "ref/commune-inconnue",
                f"Le code INSEE {desk.commune} n'est pas celui d'une commune du bassin.",
                "indiquez le code INSEE de la commune où est le lieu (5 caractères, "
                "sur annuaire-entreprises.data.gouv.fr ou dans content/territoires/).",
            )
        for index, insee in enumerate(desk.seulement_pour):
            if insee not in content.communes:
                yield document.problem(
                    ("seulement_pour", index),
                    "ref/commune-inconnue",
                    f"Le code INSEE {insee} n'est pas celui d'une commune du bassin.",
                    "indiquez les codes INSEE des communes dont les habitants sont reçus.",
                    field="seulement_pour",
                )
        if not (desk.telephone or desk.adresse):
            yield document.problem(
                ("telephone",),
                "fiche/lieu-sans-contact",
                "Ce lieu n'a ni téléphone ni adresse : personne ne peut l'appeler ou y aller.",
                "ajoutez au moins un téléphone ou une adresse, pris dans une source.",
            )


def _check_advice(content: Content, today: date) -> Iterator[Problem]:
    """The national options of `besoins.yml` name known audiences."""
    document = content.origins.get("besoins")
    if document is None:
        return
    known = [*content.audiences, EVERYONE]
    for i, help in enumerate(content.advice):
        yield from _check_date(document, ("besoins", i, "verifie_le"), help.verifie_le, today)
        for j, audience in enumerate(help.publics):
            if audience not in known:
                yield _unknown(document, ("besoins", i, "publics", j), audience, "public", known)

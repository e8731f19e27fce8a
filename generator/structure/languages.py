"""The few sentences of the site and flyers that exist in Dutch and English.

Cross-border services (Fiche 4.2) are published in French, Dutch and English;
their own texts are translated in the records, these are the words around
them. Dates are written by Babel, in each language's own way.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
_BABEL_LOCALES = {"fr": "fr_FR", "nl": "nl_BE", "en": "en_GB"}

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "crossborder_title": "Se déplacer entre la France et la Belgique",
        "crossborder_intro": "Vous travaillez ou vous étudiez de l'autre côté de la frontière ?\n"
        "Ces services vous aident à faire le trajet.",
        "may_change": "Cette information peut changer. Vérifiez sur le site.",
        "edition": "Édition du {date}.",
        "publisher": "Publié par {publisher}.",
        "more": "Toutes les informations sur le site :",
        "qr": "QR code : il ouvre la page {url}",
        "phone": "Téléphone",
        "website": "Site :",
        "where": "Où ?",
        "when": "Quand ?",
        "for_whom": "C'est pour qui ?",
        "how": "Comment faire ?",
        "cost": "Combien ça coûte ?",
        "page": "Page",
        "other_languages": "Autres langues :",
        "print": "Pour donner ces informations sur papier :",
        "flyer": "flyer à imprimer",
        "call": "Appeler le {phone}",
        "see_site": "Voir le site",
        "updated": "Mis à jour le {date}.",
        "proof": "Épreuve : ne pas distribuer",
        "review": "Prochaine mise à jour avant le {date}.",
        "near_you": "Près de chez vous",
        "near_you_intro": "Ces accueils vous aident à choisir et à joindre un service.",
        "ask_desk": "Demandez à {desk}, près de chez vous.",
        "ask_desk_short": "Demandez à l'accueil",
        "ask_france_services": "Demandez à l'accueil France Services de votre commune.",
        "ask_france_services_short": "Demandez à France Services",
    },
    "nl": {
        "crossborder_title": "Reizen tussen Frankrijk en België",
        "crossborder_intro": "Werkt of studeert u aan de andere kant van de grens?\n"
        "Deze diensten helpen u bij de reis.",
        "may_change": "Deze informatie kan veranderen. Kijk op de website.",
        "edition": "Uitgave van {date}.",
        "publisher": "Uitgegeven door {publisher}.",
        "more": "Alle informatie op de website:",
        "qr": "QR-code: hij opent de pagina {url}",
        "phone": "Telefoon",
        "website": "Website:",
        "where": "Waar?",
        "when": "Wanneer?",
        "for_whom": "Voor wie?",
        "how": "Hoe?",
        "cost": "Hoeveel kost het?",
        "page": "Pagina",
        "other_languages": "Andere talen:",
        "print": "Om deze informatie op papier te geven:",
        "flyer": "folder om af te drukken",
        "call": "Bel {phone}",
        "see_site": "Naar de website",
        "updated": "Bijgewerkt op {date}.",
        "proof": "Proefdruk: niet verspreiden",
        "review": "Volgende bijwerking vóór {date}.",
        "near_you": "Dicht bij u",
        "near_you_intro": "Deze loketten helpen u een dienst te kiezen en te bereiken.",
        "ask_desk": "Vraag het aan {desk}, dicht bij u.",
        "ask_desk_short": "Vraag het aan het loket",
        "ask_france_services": "Vraag het aan het France Services-loket van uw gemeente.",
        "ask_france_services_short": "Vraag het aan France Services",
    },
    "en": {
        "crossborder_title": "Travelling between France and Belgium",
        "crossborder_intro": "Do you work or study on the other side of the border?\n"
        "These services help you make the trip.",
        "may_change": "This information may change. Check the website.",
        "edition": "Edition of {date}.",
        "publisher": "Published by {publisher}.",
        "more": "All the information on the website:",
        "qr": "QR code: it opens the page {url}",
        "phone": "Phone",
        "website": "Website:",
        "where": "Where?",
        "when": "When?",
        "for_whom": "Who is it for?",
        "how": "How?",
        "cost": "How much does it cost?",
        "page": "Page",
        "other_languages": "Other languages:",
        "print": "To give this information on paper:",
        "flyer": "leaflet to print",
        "call": "Call {phone}",
        "see_site": "Visit the website",
        "updated": "Updated on {date}.",
        "proof": "Proof: do not hand out",
        "review": "Next update before {date}.",
        "near_you": "Near you",
        "near_you_intro": "These desks help you choose and reach a service.",
        "ask_desk": "Ask {desk}, near you.",
        "ask_desk_short": "Ask the desk",
        "ask_france_services": "Ask the France Services desk of your town.",
        "ask_france_services_short": "Ask France Services",
    },
}
assert all(STRINGS[language].keys() == STRINGS["fr"].keys() for language in LANGUAGES)


def written_date(day: date, language: str = "fr") -> str:
    """'3 février 2025', '3 februari 2025', '3 February 2025'."""
    return format_date(day, "d MMMM y", locale=_BABEL_LOCALES[language])

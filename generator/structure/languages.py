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
        "listen": "Écouter",
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
        "pdf_pages_one": "PDF, 1 page",
        "pdf_pages": "PDF, {pages} pages",
        "no_phone": "Pas de numéro pour ce service : un accueil près de chez vous peut vous aider.",
        "no_phone_desk": "Pas de numéro pour ce service : {desk} peut vous aider.",
        "see_desks": "Voir les numéros des accueils",
        "find_with_commune": "Trouvez-le avec votre commune",
        "talk_to": "Parlez-en à {who}.",
        "on_territory_flyers": "Il y a aussi {count} services près de chez vous. "
        "Ils sont sur le flyer de votre territoire. Demandez ce flyer à l'accueil. "
        "Ou scannez le code en haut de la page.",
    },
    "nl": {
        "listen": "Voorlezen",
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
        "pdf_pages_one": "pdf, 1 pagina",
        "pdf_pages": "pdf, {pages} pagina's",
        "no_phone": "Geen telefoonnummer voor deze dienst: een loket dicht bij u kan u helpen.",
        "no_phone_desk": "Geen telefoonnummer voor deze dienst: {desk} kan u helpen.",
        "see_desks": "Bekijk de nummers van de loketten",
        "find_with_commune": "Zoek het loket met uw gemeente (in het Frans)",
        "talk_to": "Praat erover met {who}.",
        "on_territory_flyers": "Er zijn nog {count} diensten bij u in de buurt. Ze staan op de folder van "
        "uw gebied: vraag ernaar aan de balie. Of scan de code bovenaan de pagina.",
    },
    "en": {
        "listen": "Listen",
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
        "pdf_pages_one": "PDF, 1 page",
        "pdf_pages": "PDF, {pages} pages",
        "no_phone": "No phone number for this service: a desk near you can help.",
        "no_phone_desk": "No phone number for this service: {desk} can help.",
        "see_desks": "See the desks' phone numbers",
        "find_with_commune": "Find the desk with your town (in French)",
        "talk_to": "Talk to {who}.",
        "on_territory_flyers": "There are {count} more services near you. They are on the leaflet of your "
        "area: ask for it at the desk. Or scan the code at the top of the page.",
    },
}
assert all(STRINGS[language].keys() == STRINGS["fr"].keys() for language in LANGUAGES)


# The words of the pages' frame, around the content: the reading options, the header and the
# footer (overrides/*.html, through the site builder's adapter) and the 404 page.
INTERFACE: dict[str, dict[str, str]] = {
    "fr": {
        "menu": "Menu",
        "reading_options": "Options de lecture",
        "larger_text": "Texte plus grand",
        "contrast": "Contraste renforcé",
        "print_page": "Imprimer",
        "listen_page": "Écouter la page",
        "pause": "Pause",
        "resume": "Reprendre",
        "stop": "Arrêter",
        "printed_from": "Page imprimée depuis :",
        "preview": "Aperçu d'une proposition de modification\u00a0: ce n'est pas le site publié.",
        "search": "Rechercher",
        "accessibility": "Accessibilité : non conforme",
        "glossary": "Les sigles expliqués",
        "communes": "Trouver ma commune",
        "flyers": "Flyers à imprimer",
        "data": "Données ouvertes",
        "contribute": "Contribuer",
        "skip_to_finder": "Aller à « Trouver ma commune »",
    },
    "nl": {
        "menu": "Menu",
        "reading_options": "Leesopties",
        "larger_text": "Grotere tekst",
        "contrast": "Meer contrast",
        "print_page": "Afdrukken",
        "listen_page": "Pagina voorlezen",
        "pause": "Pauze",
        "resume": "Verder",
        "stop": "Stoppen",
        "printed_from": "Pagina afgedrukt van:",
        "preview": "Voorbeeld van een voorgestelde wijziging: dit is niet de gepubliceerde website.",
        "search": "Zoeken",
        "accessibility": "Toegankelijkheid: niet conform",
        "glossary": "Afkortingen uitgelegd",
        "communes": "Mijn gemeente vinden",
        "flyers": "Folders om af te drukken",
        "data": "Open data",
        "contribute": "Bijdragen",
        "skip_to_finder": "Naar « Mijn gemeente vinden »",
    },
    "en": {
        "menu": "Menu",
        "reading_options": "Reading options",
        "larger_text": "Larger text",
        "contrast": "Higher contrast",
        "print_page": "Print",
        "listen_page": "Listen to the page",
        "pause": "Pause",
        "resume": "Resume",
        "stop": "Stop",
        "printed_from": "Page printed from:",
        "preview": "Preview of a proposed change: this is not the published site.",
        "search": "Search",
        "accessibility": "Accessibility: not compliant",
        "glossary": "Acronyms explained",
        "communes": "Find my town",
        "flyers": "Leaflets to print",
        "data": "Open data",
        "contribute": "Contribute",
        "skip_to_finder": "Go to “Find my town”",
    },
}
assert all(INTERFACE[language].keys() == INTERFACE["fr"].keys() for language in LANGUAGES)


def written_date(day: date, language: str = "fr") -> str:
    """'3 février 2025', '3 februari 2025', '3 February 2025'."""
    return format_date(day, "d MMMM y", locale=_BABEL_LOCALES[language])

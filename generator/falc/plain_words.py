"""Administrative words and their plain alternatives: what word frequency alone misses.

Words like "justificatif" or "bénéficiaire" are common on the web, so a
frequency list finds them ordinary; a reader with low reading skills does not.
Each entry names the plain words to use instead, shown in the hint. The lists
are ours, drawn from the French government's writing guides (the Lexique des
termes juridiques is not a source here: these are everyday alternatives) and
checked on the evaluation corpus (benchmarks/falc_corpus.py). Keys are
lower case, without accents; a word is found by its beginning, so
"justificatif" also finds "justificatifs".
"""

from __future__ import annotations

ADMINISTRATIVE_WORDS: dict[str, str] = {
    "justificatif": "un papier qui prouve",
    "eligib": "avoir droit à",  # éligible, éligibilité
    "beneficiaire": "la personne qui reçoit l'aide",
    "beneficier": "avoir, recevoir",
    "mandataire": "la personne qui agit pour vous",
    "litige": "un désaccord",
    "modalite": "comment faire",
    "octroi": "donner",  # octroi, octroyer, octroyé
    "afferent": "qui va avec",
    "dispositif": "une aide, un service",
    "prestation": "une aide",
    "allocataire": "la personne qui touche l'aide",
    "attributaire": "la personne qui reçoit",
    "subvention": "de l'argent donné",
    "ressources": "vos revenus, l'argent que vous gagnez",
    "imputable": "dû à",
    "instruction du dossier": "l'étude de votre demande",
    "instruit": "étudier",
    "sollicit": "demander",  # solliciter, sollicitation
    "prealable": "avant",
    "ulterieur": "plus tard",
    "conformement": "comme le dit",
    "dument": "bien",
    "susvise": "ce que nous avons dit",
    "ci-dessus": "plus haut",
    "ci-apres": "plus bas",
    "pieces justificatives": "les papiers qui prouvent",
    "relatif": "sur, pour",
    "afin de": "pour",
    "en vue de": "pour",
    "au titre de": "pour",
    "dans le cadre de": "pour, pendant",
    "aupres de": "à, chez",
    "titulaire": "la personne qui a",
    "domicili": "habiter",  # domicilié, domiciliation
    "reglementation": "les règles",
    "cumulable": "qui va avec une autre aide",
    "plafond": "le maximum",
    "plafonn": "au maximum",
    "forfait": "un prix fixe",
    "acquitt": "payer",
    "echeance": "la date limite",
    "ouvrant droit": "qui donne droit",
    "recevabilite": "si la demande peut être étudiée",
    "notifi": "dire, envoyer",  # notifier, notification
    "percevoir": "recevoir, toucher",
    "percu": "reçu, touché",
}

# A verb turned into a noun hides who acts: "la prise en charge" → "la Région paie".
NOMINALISATIONS: dict[str, str] = {
    "mise en place": "mettre en place, organiser",
    "prise en charge": "payer, s'occuper de",
    "mise a disposition": "prêter, donner",
    "prise de rendez-vous": "prendre rendez-vous",
    "delivrance": "donner",
    "attribution": "donner",
    "versement": "verser, payer",
    "constitution du dossier": "préparer le dossier",
    "depot de la demande": "déposer la demande",
    "depot du dossier": "déposer le dossier",
    "realisation": "faire",
    "obtention": "obtenir, avoir",
    "utilisation": "utiliser",
    "souscription": "s'inscrire, signer",
    "mise en oeuvre": "faire, organiser",
}

"""No personal data on the site (product.md): a mobile number or a private e-mail is refused.

A service line or address is what the site publishes: « 03 21 21 62 62 »,
« contact@ville.fr ». A French mobile number (06, 07), a Belgian one (+32 4…)
or a « prenom.nom » address at a webmail provider is most often a person's. A
record that knows it is the service's own line says so with
`ligne_du_service: true` beside it, and is then published.
"""

from __future__ import annotations

import re

# Consumer webmail: an address there is a person's unless it names a service.
WEBMAIL = re.compile(
    r"@(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|orange|wanadoo|free|sfr|neuf|laposte|"
    r"icloud|me|gmx|aol|protonmail|proton|skynet|telenet)\.[a-z.]+$"
)
# « prenom.nom », « p.nom », « prenom-nom42 »: two names joined.
FIRST_AND_LAST_NAME = re.compile(r"^[a-z]+[._-][a-z]{2,}\d*$")
SERVICE_WORDS = (
    "accueil", "contact", "info", "mairie", "ccas", "service", "secretariat", "asso", "mission",
    "france", "mobilit", "transport", "emploi", "aide", "social", "cias", "commune", "ville",
)  # fmt: skip
MOBILE = re.compile(r"^(?:0[67]|\+32 4)")


def looks_personal_phone(phone: str) -> bool:
    """A normalised number ("06 12 34 56 78", "+32 470 12 34 56") that is a mobile's."""
    return MOBILE.match(phone) is not None


def looks_personal_email(email: str) -> bool:
    local = email.lower().split("@", 1)[0]
    return (
        WEBMAIL.search(email.lower()) is not None
        and FIRST_AND_LAST_NAME.match(local) is not None
        and not any(word in local for word in SERVICE_WORDS)
    )

"""Which French text a translation translates: a short fingerprint of the French fields.

A translator writes the fingerprint `check` gives in `traduit_de`; when the French text
changes afterwards, the fingerprints differ and `check` says the translation is stale.
"""

from __future__ import annotations

import hashlib

from .model import Service, Translation

TRANSLATED_FIELDS = tuple(name for name in Translation.model_fields if name != "traduit_de")


def french_fingerprint(service: Service) -> str:
    """Eight hexadecimal digits that change whenever a translated French field changes."""
    texts = []
    for name in TRANSLATED_FIELDS:
        value = getattr(service, name) or ""
        texts.append(f"{name}: {' '.join(value.split())}")
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:8]

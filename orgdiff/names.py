"""Name normalisation and slugs: how names are compared and default ids are made."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose but that readers treat as a letter plus diacritic.
_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")
# Connectives that carry no identity: "Dagtilbud og Skole" is "Dagtilbud & Skole".
_CONNECTIVES = frozenset({"og", "and"})


@lru_cache(maxsize=1 << 18)
def normalise(name: str) -> str:
    """The comparison key of a name: case, punctuation, diacritics and og/and/& ignored.

    >>> normalise("Økonomi & Stab") == normalise("økonomi og stab")
    True
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(w for w in _WORD.findall(folded) if w not in _CONNECTIVES)


def slug(name: str) -> str:
    """A default id made from a name: ``Økonomi & Stab`` → ``okonomi-stab``."""
    return "-".join(normalise(name).split()) or "x"

"""Name normalisation and slugs: how names are compared and default ids are made."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose but that readers treat as a letter plus diacritic.
_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# Connectives that carry no identity: "Dagtilbud og Skole" is "Dagtilbud & Skole".
_CONNECTIVES = frozenset({"og", "and"})


def _fold(text: str) -> str:
    """Case, compatibility forms and diacritics folded away; character by character."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).translate(_FOLD)


def _slow(name: str) -> str:
    return " ".join(w for w in _WORD.findall(_fold(name)) if w not in _CONNECTIVES)


def _table() -> dict[int, str]:
    """For Latin letters and common punctuation: what folding makes of them, if it is ASCII.

    Punctuation that holds no letter or digit becomes a space (a word boundary), as in _slow.
    """
    table: dict[int, str] = {}
    for code in range(0x80, 0x2070):
        folded = _fold(chr(code))
        if folded.isascii() and (folded.isalnum() or not any(c.isalnum() for c in folded)):
            table[code] = folded if any(c.isalnum() for c in folded) else " "
    return table


_TABLE = _table()


_SEEN: dict[str, str] = {}  # names met before: a file compared with its model repeats most
_SEEN_MAX = 1 << 21


def normalise(name: str) -> str:
    """The comparison key of a name: case, punctuation, diacritics and og/and/& ignored.

    >>> normalise("Økonomi & Stab") == normalise("økonomi og stab")
    True
    """
    key = _SEEN.get(name)
    if key is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        key = _SEEN[name] = _normalise(name)
    return key


def _normalise(name: str) -> str:
    quick = name.translate(_TABLE)
    if quick.isascii():  # the usual case, Danish letters included: no Unicode normalisation
        words = _ASCII_WORD.findall(quick.lower())
        return " ".join(w for w in words if w not in _CONNECTIVES)
    return _slow(name)


def slug(name: str) -> str:
    """A default id made from a name: ``Økonomi & Stab`` → ``okonomi-stab``."""
    return "-".join(normalise(name).split()) or "x"

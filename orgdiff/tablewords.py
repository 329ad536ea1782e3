"""The words table headers use for each field, in Danish and English, and how headers are
compared (case, diacritics and punctuation ignored)."""

from __future__ import annotations

import re
import unicodedata

# Header words that name each field, compared after header_key(); "|" separates them.
_WORDS = {
    "id": (
        "id|unit id|enhedsid|enheds id|enhed id|enhedsnr|enheds nr|enhedsnummer|enhed nr|"
        "org enhed|orgenhed|org enhed nr|org enhedsnr|organisationsenhed nr|afdelingsnr|"
        "afdelingsnummer|nr|nummer|kode|enhedskode|code|org id|orgid|org unit id|"
        "unit number|unit no"
    ),
    "name": (
        "name|navn|enhed|enhedsnavn|enheds navn|enhed navn|org enhed navn|orgenhed navn|"
        "org enhedsnavn|unit|unit name|organisationsenhed|organisationsenhed navn|"
        "betegnelse|org unit|org unit name"
    ),
    "parent": (
        "parent|parent id|parent name|forælder|foraelder|overordnet|overordnet enhed|"
        "overordnet id|overordnet enhedsnr|overordnet enhedsnavn|overordnet navn|"
        "overordnet org enhed|hører under|horer under|reports to|refererer til|"
        "parent unit"
    ),
    "department": (
        "department|afdeling|chefområde|chefomrade|område|omrade|division|forvaltning|"
        "direktørområde"
    ),
    "leader": "leader|leder|ledertitel|manager|leder titel|lederstilling|title|titel",
    "fte": "fte|årsværk|aarsvaerk|arsvaerk|normering|stillinger|headcount fte|antal årsværk",
    "cost": ("cost|udgift|lønudgift|lonudgift|omkostning|leader cost|løn|lederløn|leader salary"),
    "formerly": "formerly|tidligere|tidligere id|previous id|former id",
    "notes": "notes|note|noter|bemærkning|bemærkninger|kommentar|comment",
    "tags": "tags|tag|mærker",
}
GUESSES: dict[str, tuple[str, ...]] = {k: tuple(v.split("|")) for k, v in _WORDS.items()}

# Rows above the header that set organisation-level fields: "key:" then the value.
ORG_KEYS: dict[str, str] = {
    "organisation": "organisation",
    "organization": "organisation",
    "model": "model",
    "date": "date",
    "dato": "date",
    "source": "source",
    "kilde": "source",
    "currency": "currency",
    "valuta": "currency",
    "chef post cost": "chef_post_cost",
    "chef_post_cost": "chef_post_cost",
    "chefløn": "chef_post_cost",
    "lang": "lang",
    "sprog": "lang",
    "baseline": "baseline",
    "notes": "notes",
    "noter": "notes",
}


def header_key(text: str) -> str:
    """``Org.enhed`` → ``org enhed``; ``Årsværk`` → ``arsvaerk``: how headers are compared."""
    s = text.strip().lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", s))


KEYS = {name: {header_key(w) for w in words} for name, words in GUESSES.items()}

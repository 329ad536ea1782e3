"""Every human-readable word orgdiff prints, in English and Danish, and number formatting."""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "da"]
LANGS: tuple[Lang, ...] = ("en", "da")

_WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Danish)
    "department": ("department", "afdeling"),
    "departments": ("departments", "afdelinger"),
    "unit": ("unit", "enhed"),
    "units": ("units", "enheder"),
    "fte": ("FTE", "årsværk"),
    "chef": ("chef", "chef"),
    "chef_post": ("chef post", "chefstilling"),
    "chef_posts": ("chef posts", "chefstillinger"),
    "leader_post": ("leader post", "lederstilling"),
    "leader_posts": ("leader posts", "lederstillinger"),
    "no_chef": ("no chef post", "ingen chefstilling"),
    "more_units": ("+{n} units", "+{n} enheder"),
    "valid": ("OK", "OK"),
    "year": ("year", "år"),
    "million": ("m", "mio."),
}


def t(key: str, lang: Lang, **fields: object) -> str:
    """The word or phrase ``key`` in ``lang``, with ``{fields}`` filled in."""
    en, da = _WORDS[key]
    text = da if lang == "da" else en
    return text.format(**fields) if fields else text


def count(n: int, singular: str, plural: str, lang: Lang) -> str:
    """``1 unit`` / ``3 units`` — the word looked up by key."""
    return f"{number(n, lang)} {t(singular if n == 1 else plural, lang)}"


def number(x: float, lang: Lang, decimals: int | None = None) -> str:
    """1234.5 → ``1,234.5`` (en) or ``1.234,5`` (da); whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    s = f"{x:,.{decimals}f}"
    if lang == "da":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s.replace("-", "−")


def money(x: float, currency: str, lang: Lang, signed: bool = False) -> str:
    """A yearly amount the way a memo writes it: ``−1.2 m DKK`` / ``−1,2 mio. DKK``."""
    sign = ("+" if x > 0 else "") if signed else ""
    if abs(x) >= 100_000:
        millions = number(x / 1e6, lang, 2).rstrip("0").rstrip(",.")
        return f"{sign}{millions} {t('million', lang)} {currency}"
    return f"{sign}{number(x, lang, 0)} {currency}"

"""Name normalisation and slugs: how names are compared and default ids are made."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

# Letters that Unicode does not decompose but that readers treat as a letter plus diacritic.
_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# Connectives that carry no identity between two words: "Dagtilbud og Skole" is "Dagtilbud &
# Skole", "Ciencia e Innovación" is "Ciencia, Innovación" (and: Danish, Norwegian, English,
# Swedish, German, Dutch, French, Finnish, Spanish, Italian, Portuguese, Polish, Czech,
# Catalan, Hungarian, Romanian, Latvian, Lithuanian, Slovene, Turkish, Irish; "i" is also
# Danish/Swedish "in"). Only between words: at either end a short word names which one
# ("Team E", "Afdeling I").
_CONNECTIVES = frozenset("og and och und en et ja y e ed i a es si un ir in ve agus".split())


def _joined(words: list[str]) -> str:
    """Words joined by spaces, connectives between two other words dropped."""
    if len(words) <= 2:
        return " ".join(words)
    middle = (w for w in words[1:-1] if w not in _CONNECTIVES)
    return " ".join((words[0], *middle, words[-1]))


def _fold(text: str) -> str:
    """Case, compatibility forms and diacritics folded away; character by character."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).translate(_FOLD)


def _slow(name: str) -> str:
    return _joined(_WORD.findall(_fold(name)))


class _Folds(dict[int, str]):
    """For Latin letters and common punctuation: what folding makes of them, if it is ASCII.

    Punctuation that holds no letter or digit becomes a space (a word boundary), as in _slow;
    any other character stays itself. Filled per character on first sight (``str.translate``
    asks the dict, which calls ``__missing__``), not for all 8,000 at import: a fast start.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = ch
        if 0x80 <= code < 0x2070:
            folded = _fold(ch)
            if not folded:  # a combining mark: folded away, as in _slow
                value = ""
            elif folded.isascii() and (folded.isalnum() or not any(c.isalnum() for c in folded)):
                value = folded if any(c.isalnum() for c in folded) else " "
        self[code] = value
        return value


_TABLE = _Folds()


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
        return _joined(_ASCII_WORD.findall(quick.lower()))
    return _slow(name)


def slug(name: str) -> str:
    """A default id made from a name: ``Økonomi & Stab`` → ``okonomi-stab``."""
    return "-".join(normalise(name).split()) or "x"


# --- similarity -----------------------------------------------------------------------------------

# Words that carry no identity when comparing names token by token ("Office for Civil Society"
# is "Office of Civil Society"). Connectives are already gone after `normalise`.
_STOPWORDS = frozenset(
    "for of the i af til de der die das des du la le les et und van het een en".split()
)

# Support functions that almost every department has one of. A unit with such a name pairs by
# name only inside corresponding departments, never across the organisation: a "Sekretariat"
# removed here and one added in an unrelated department are two different units.
GENERIC = frozenset(
    normalise(n)
    for n in (
        "Sekretariat Sekretariatet Secretariat Sekretariaat Secrétariat Sekretariatet Stab Staben "
        "Staff Stabsstelle Stabsfunktion Administration Administrationen Administratie Verwaltung "
        "Ledelse Ledelsen Direktion Direktionen Management Leitung Direction Leiding Support "
        "Kontor Kontoret Office Büro Bureau Fællessekretariat Ledelsessekretariat Front-office "
        "Back-office Servicecenter Drift Driften Team Administrasjon Kansli Kansliet Ledning"
    ).split()
)


def is_generic(norm: str) -> bool:
    """A normalised name that says what a unit does everywhere, not which unit it is."""
    return norm in GENERIC


def _word(w: str, x: str) -> float:
    """Two words' likeness; a word of 4+ letters that begins the other is close to it
    ("motor" ~ "motoromradet", compounds and definite forms)."""
    from rapidfuzz import fuzz  # loaded on first use: validate and textconv never pay for it

    score = fuzz.ratio(w, x) / 100.0
    short, long_ = (w, x) if len(w) <= len(x) else (x, w)
    if len(short) >= 4 and long_.startswith(short):
        score = max(score, 0.85)
    return score


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 1: every word of the shorter name must be
    close to a word of the longer one ("lonkontoret" ~ "lonkontor personale", "jobcentret" ~
    "jobcenter albertslund"), so "skole a" and "skole b" are not alike. Empty names are never
    alike. Uses rapidfuzz's normalised Indel ratio per word.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    wa = [w for w in a.split() if w not in _STOPWORDS] or a.split()
    wb = [w for w in b.split() if w not in _STOPWORDS] or b.split()
    if len(wa) > len(wb) or (len(wa) == len(wb) and a > b):
        wa, wb = wb, wa
    worst = 1.0
    for w in wa:
        best = max(_word(w, x) for x in wb)
        if best < worst:
            worst = best
    # The longer name may add words ("& Personale"); each added word costs a little, so among
    # candidates the closer one wins, but a single added word keeps a close match above 0.75.
    extra = len(wb) - len(wa)
    return round(worst * (1.0 - 0.05 * min(extra, 5)), 4)


class NameRelations:
    """How much two department names share, by character trigrams weighted by rarity (tf-idf
    cosine over all department names of both files). Words every name has ("ministeriet",
    "Bundesministerium für", "Department for") weigh little; a shared distinctive part
    ("Sundheds- og Ældreministeriet" ~ "Sundhedsministeriet") weighs much, also inside
    compound words where comparing whole words fails. Hand-written: a few dozen short names,
    and rapidfuzz has no tf-idf; scikit-learn would be a heavy dependency for this.
    """

    def __init__(self, names: Sequence[str]) -> None:
        # Numbers say which one ("Team 1", "Team 2"), not what it is: trigrams of the words,
        # and names whose numbers differ are not related at all.
        self._numbers = [frozenset(w for w in n.split() if w.isdigit()) for n in names]
        grams = [self._grams(" ".join(w for w in n.split() if not w.isdigit())) for n in names]
        df: dict[str, int] = {}
        for g in grams:
            for k in g:
                df[k] = df.get(k, 0) + 1
        total = len(names)
        self._vectors: list[dict[str, float]] = []
        for g in grams:
            v = {k: c * (math.log((total + 1) / (df[k] + 1)) + 1.0) for k, c in g.items()}
            norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
            self._vectors.append({k: w / norm for k, w in v.items()})

    @staticmethod
    def _grams(norm: str) -> dict[str, int]:
        out: dict[str, int] = {}
        if norm:
            text = f" {norm} "
            for i in range(len(text) - 2):
                g = text[i : i + 3]
                out[g] = out.get(g, 0) + 1
        return out

    def __call__(self, i: int, j: int) -> float:
        ni, nj = self._numbers[i], self._numbers[j]
        if ni and nj and not ni & nj:
            return 0.0
        u, v = self._vectors[i], self._vectors[j]
        if len(u) > len(v):
            u, v = v, u
        return round(min(1.0, sum(w * v.get(k, 0.0) for k, w in u.items())), 4)

"""Every word a chart prints comes from the one catalogue, orgdiff.i18n, in the chart's language.

The chart modules keep no word tables and choose no words by language themselves; every
``chart_*`` and ``wc_*`` (the "what changes" sentences) key has both languages, with the same
fields, and is used; the Danish and English Albertslund charts print only words of their own
language's catalogue (besides the names in the files).
"""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgdiff import build, i18n, load
from orgdiff.diff import compare
from orgdiff.i18n import Lang
from orgdiff.render.graphviz import (
    diff_chart,
    diff_sources,
    flow_chart,
    flow_sources,
    org_chart,
    org_sources,
    render,
)
from orgdiff.structure import Structure

from .conftest import ORGS, ROOT

PACKAGE = ROOT / "orgdiff"
CHART_MODULES = sorted(
    [
        *PACKAGE.glob("render/graphviz*.py"),
        PACKAGE / "summary.py",
        PACKAGE / "render" / "phrases.py",
    ]
)
PREFIXES = ("chart_", "wc_")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}title"


# --- the chart modules keep no words -------------------------------------------------------------


def own_words(source: str) -> list[str]:
    """What in a module's source looks like words of its own: a table whose values are pairs
    (or more) of texts, or a choice between texts by language (``lang == "da"``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and node.values:
            pairs = [
                v
                for v in node.values
                if isinstance(v, ast.Tuple)
                and len(v.elts) >= 2
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts)
            ]
            if len(pairs) == len(node.values):
                found.append(f"line {node.lineno}: a table of texts")
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Constant) and side.value in i18n.LANGS:
                    found.append(f"line {node.lineno}: a choice by language")
    return found


def test_the_check_finds_a_word_table_and_a_choice_by_language() -> None:
    table = '_W = {"moved": ("MOVED", "FLYTTET"), "new": ("NEW", "NY")}\n'
    choice = 'more = "fortsat" if lang == "da" else "continued"\n'
    assert own_words(table) == ["line 1: a table of texts"]
    assert own_words(choice) == ["line 1: a choice by language"]
    assert own_words('STYLE = {"font": "DejaVu Sans", "ink": "#1A1A1A"}\n') == []


@pytest.mark.parametrize("module", CHART_MODULES, ids=lambda p: p.name)
def test_chart_modules_keep_no_words_of_their_own(module: Path) -> None:
    assert own_words(module.read_text("utf-8")) == []


# --- the catalogue ------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _chart_keys() -> list[str]:
    return sorted(k for k in (*i18n._WORDS, *i18n._PLURALS) if k.startswith(PREFIXES))


def test_every_chart_word_has_both_languages_with_the_same_fields() -> None:
    keys = _chart_keys()
    assert len(keys) > 60
    for key in keys:
        if key in i18n._WORDS:
            en, da = i18n._WORDS[key]
            assert en.strip() and da.strip(), key
            assert _fields(en) == _fields(da), key
            fields = dict.fromkeys(_fields(en), "X")
            assert all(i18n.t(key, lang, **fields) for lang in i18n.LANGS)
        else:
            (en1, en2), (da1, da2) = i18n._PLURALS[key]
            assert all(x.strip() for x in (en1, en2, da1, da2)), key
            assert _fields(en1) == _fields(en2) == _fields(da1) == _fields(da2), key
            fields = dict.fromkeys(_fields(en1) - {"n"}, "X")
            assert all(i18n.plural(key, n, lang, **fields) for lang in i18n.LANGS for n in (1, 2))


def test_every_chart_key_is_used_by_a_chart_module() -> None:
    constants = {
        n.value
        for m in CHART_MODULES
        for n in ast.walk(ast.parse(m.read_text("utf-8")))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    for key in _chart_keys():
        bare = key.split("_", 1)[1]
        assert key in constants or bare in constants, f"{key} is not used: remove it"


def test_counts_in_charts_follow_the_plural_rules() -> None:
    assert i18n.plural("chart_added_units", 1, "da") == "+ 1 ny enhed"
    assert i18n.plural("chart_added_units", 3, "da") == "+ 3 nye enheder"
    assert i18n.plural("chart_unchanged_more", 1, "da") == "1 uændret enhed"
    assert i18n.plural("chart_unchanged_more", 1_200, "da") == "1.200 uændrede enheder"
    assert i18n.plural("n_chef_posts", 1, "en") == "1 chef post"
    assert i18n.plural("wc_and_more", 1, "da") == "og 1 mere"
    assert i18n.plural("wc_and_more", 4, "da") == "og 4 flere"


# --- the charts print only their language's words ------------------------------------------------

CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def catalogue_words(lang: Lang) -> set[str]:
    i = i18n.LANGS.index(lang)
    texts = [pair[i] for pair in i18n._WORDS.values()]
    texts += [form for forms in i18n._PLURALS.values() for form in forms[i]]
    return set().union(*(_words(re.sub(r"\{[^}]*\}", " ", x)) for x in texts))


def user_words(*structures: Structure) -> set[str]:
    names: list[str] = []
    for s in structures:
        names += [s.org.organisation, s.org.model, s.org.currency]
        names += [d.name for d in s.depts] + [d.chef.title for d in s.depts if d.chef]
        names += [u.name for u in s.units] + [u.leader.title for u in s.units if u.leader]
    return set().union(*map(_words, names))


def foreign_words(text: str, lang: Lang, user: set[str]) -> tuple[set[str], set[str]]:
    """Words of ``text`` that are not in ``lang``'s catalogue (nor names from the files), and
    the words of the other language's catalogue among them."""
    other: Lang = "en" if lang == "da" else "da"
    unknown = _words(text) - catalogue_words(lang) - user
    return unknown, unknown & (catalogue_words(other) - catalogue_words(lang))


def test_the_word_check_finds_a_word_of_the_other_language() -> None:
    user = user_words(CUR)
    assert foreign_words("Økonomi & Stab (fortsat, 2) · 5 enheder", "da", user) == (set(), set())
    assert foreign_words("Økonomi & Stab (continued, 2)", "da", user) == (
        {"continued"},
        {"continued"},
    )
    assert foreign_words("Økonomi & Stab · bogstavelig", "da", user) == ({"bogstavelig"}, set())


def _charts(lang: Lang) -> Iterator[str]:
    """The DOT sources of every Albertslund chart in ``lang``: org, diff (units, departments,
    changed only), flow, and the pages of their PDFs (with "continued" captions)."""
    for after in (M1, M2):
        d = compare(CUR, after)
        yield diff_chart(after, d, lang, before=CUR)
        yield diff_chart(after, d, lang, before=CUR, level="departments")
        yield diff_chart(after, d, lang, before=CUR, changed_only=True)
        yield flow_chart(d, lang)
        yield flow_chart(d, lang, weight="fte")
        yield from diff_sources(after, d, lang, "a4", before=CUR, level="units")
        yield from flow_sources(d, lang, "letter")
    yield org_chart(CUR, lang)
    yield from org_sources(CUR, lang, "a4", depth=None)


def printed(svg: bytes) -> str:
    """Everything a reader of the SVG sees: its texts and its tooltips."""
    root = ET.fromstring(svg)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    tips = [a.get(XLINK) or "" for a in root.iter(f"{SVG}a")]
    return "\n".join(texts + tips)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_albertslund_charts_print_only_their_languages_words(lang: Lang) -> None:
    user = user_words(CUR, M1, M2)
    seen = ""
    for source in _charts(lang):
        text = printed(render(source, "svg"))
        seen += text
        unknown, other = foreign_words(text, lang, user)
        assert other == set(), f"words of the other language in a {lang} chart: {other}"
        assert unknown == set(), f"words from outside the catalogue in a {lang} chart: {unknown}"
    # the charts did print catalogue words, including ones only the charts use
    chart_only = {"fortsat", "signaturforklaring"} if lang == "da" else {"continued", "legend"}
    assert chart_only <= _words(seen)

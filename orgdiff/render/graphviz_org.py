"""The org chart of one structure: a header with the totals, then a card per department."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..balance import dept_balance
from ..changes import DeptBalance
from ..i18n import Lang, money, number, plural, t
from ..structure import Structure
from .graphviz_cards import (
    BR,
    STYLE,
    Card,
    Row,
    esc,
    font,
    graph_head,
    masonry,
    page_table,
    pretty_label,
)


def org_chart(s: Structure, lang: Lang, depth: int | None = None) -> str:
    """The structure: a header with the totals, then a card per department with its units."""
    lines = graph_head("orgchart", root_label(s, lang))
    label = pretty_label(page_table([], masonry(org_cards(s, lang, depth))))
    lines.append(f"  chart [label={label}];")
    return "\n".join([*lines, "}"]) + "\n"


def org_cards(s: Structure, lang: Lang, depth: int | None = None) -> list[Card]:
    """A card per department with its units (to ``depth`` levels)."""
    sizes = s.subtree_sizes()
    cards = []
    for d, totals in zip(s.depts, dept_balance(s), strict=True):
        rows: list[Row] = []
        tree_rows(s, s.top[d.index], sizes, 2, depth, lang, rows, {})
        header = [(f"<B>{esc(d.name)}</B>", False)]
        if d.chef:
            header.append((f"<I>{esc(d.chef.title)}</I>", False))
        header.append((totals_text(totals, lang), True))
        chef = chef_tip(s, d.index, lang)
        tip = d.name + (f" · {chef}" if chef else "") + " · " + _plain(totals, lang)
        cards.append(
            Card(tuple(header), tuple(rows), STYLE["dept_border"], heading=headings(lang), tip=tip)
        )
    return cards


def headings(lang: Lang) -> tuple[str, str]:
    return t("chart_col_unit", lang), t("chart_col_fte", lang)


def root_label(s: Structure, lang: Lang) -> str:
    chefs = sum(1 for d in s.depts if d.chef is not None)
    fte = sum(u.fte for u in s.units)
    facts = (
        f"{plural('n_departments', len(s.depts), lang)} · {count_units(len(s.units), lang)} · "
        f"{number(fte, lang)} {t('fte', lang)} · {plural('n_chef_posts', chefs, lang)}"
    )
    return (
        f"<B>{esc(s.org.organisation + ' · ' + s.org.model, 70)}</B>"
        f"{BR}{font(html.escape(facts), STYLE['muted'], STYLE['font_size'])}"
    )


def count_units(n: int, lang: Lang) -> str:
    return plural("n_units", n, lang)


def _plain(row: DeptBalance, lang: Lang) -> str:
    return f"{count_units(row.units, lang)} · {number(row.fte, lang)} {t('fte', lang)}"


def totals_text(row: DeptBalance, lang: Lang) -> str:
    """``5 enheder · 78 årsværk``."""
    return html.escape(_plain(row, lang))


def unit_tip(s: Structure, i: int, lang: Lang) -> str:
    """A unit's tooltip: its path, leader (with the post's cost) and FTE."""
    u = s.units[i]
    parts = [" › ".join(s.path(i))]
    if u.leader is not None:
        cost = u.leader.cost
        parts.append(u.leader.title + (f" ({post_cost(s, float(cost), lang)})" if cost else ""))
    if u.model.fte is not None:
        parts.append(f"{number(u.fte, lang)} {t('fte', lang)}")
    return " · ".join(parts)


def post_cost(s: Structure, cost: float, lang: Lang) -> str:
    """A post's yearly cost: ``0.85 m DKK/year``."""
    return f"{money(cost, s.org.currency, lang)}{t('per_year', lang)}"


def chef_tip(s: Structure, index: int, lang: Lang) -> str:
    """The chef post of a department with its cost (its own, else the file's standard)."""
    d = s.depts[index]
    if d.chef is None:
        return ""
    cost = d.chef.cost if d.chef.cost is not None else s.org.chef_post_cost
    return d.chef.title + (f" ({post_cost(s, float(cost), lang)})" if cost else "")


def plain_row(s: Structure, i: int, lang: Lang) -> Row:
    u = s.units[i]
    return Row(
        u.depth,
        esc(u.name),
        esc(u.leader.title) if u.leader else "",
        number(u.fte, lang) if u.model.fte is not None else "",
        tip=unit_tip(s, i, lang),
    )


def tree_rows(
    s: Structure,
    units: Sequence[int],
    sizes: list[int],
    level: int,
    depth: int | None,
    lang: Lang,
    out: list[Row],
    marks: dict[int, Row],
) -> None:
    """Rows for ``units`` and their sub-units; ``marks`` replaces the plain row of a unit."""
    if not units:
        return
    if depth is not None and level > depth:
        hidden = sum(sizes[i] for i in units)
        out.append(Row(level - 1, font(plural("more_units", hidden, lang), STYLE["muted"])))
        return
    for i in units:
        out.append(marks.get(i) or plain_row(s, i, lang))
        tree_rows(s, s.kids[i], sizes, level + 1, depth, lang, out, marks)

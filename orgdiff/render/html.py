"""The decision report: one self-contained HTML page of every model, for screen and A4 print.

Presentation only: it takes the comparisons, their "what changes" sentences, the change-list
rows and the charts' SVG text, and lays them out. Nothing is fetched: styles and the small
optional script are inline, the SVG charts too (their ids prefixed per chart so two charts never
collide). Every user text passes :func:`e` (``html.escape``) — the one boundary; CSS strings
(the running header) pass :func:`css_string`. The same input gives the same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..changelist import ChangeRow, RowKind
from ..changes import OrgDiff, Posts, Ref
from ..i18n import Lang, money, number, t
from .html_style import SCRIPT, css
from .phrases import cost_breakdown, cost_text, cv, flow_text, flows_between, ratio, summary_line
from .text import clean


@dataclass(frozen=True)
class ModelPart:
    """One model of the report: its comparison with the baseline and what presents it."""

    diff: OrgDiff
    sentences: tuple[str, ...]  # "what changes"
    diff_svg: str  # the diff chart as SVG text
    flow_svg: str  # the flow chart as SVG text
    rows: tuple[ChangeRow, ...]  # the change list (its unit rows are the report's unit list)


@dataclass(frozen=True)
class Report:
    organisation: str
    before_model: str
    date: str | None
    models: tuple[ModelPart, ...]


def e(s: object) -> str:
    """Text as HTML: escaped, control and bidi characters made visible."""
    return html.escape(clean(str(s)), quote=True)


# --- inline SVG -----------------------------------------------------------------------------------

_ID = re.compile(r'\bid="([^"]*)"')
_HREF = re.compile(r'\b((?:xlink:)?href)="#([^"]+)"')
_URL = re.compile(r"url\(#([^)]*)\)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def inline_svg(svg: str, prefix: str) -> str:
    """SVG text ready to sit inside HTML: no XML prolog, doctype or comments, every id (and
    reference to one) prefixed so several charts on one page never share an id."""
    start = svg.find("<svg")
    body = _COMMENT.sub("", svg[start:] if start >= 0 else svg).strip()
    body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = _HREF.sub(lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', body)
    body = _URL.sub(lambda m: f"url(#{prefix}{m.group(1)})", body)
    return body.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


# --- small builders -------------------------------------------------------------------------------


def _table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_from: int = 1,
    cls: str = "",
    row_attrs: Iterable[str] | None = None,
) -> str:
    """A table: a caption, column headers, and a row header in each row's first cell.

    Cells are already HTML (escaped by the caller); ``numeric_from`` right-aligns later columns.
    """
    ths = "".join(
        f'<th scope="col"{_num_cls(i, numeric_from)}>{h}</th>' for i, h in enumerate(head)
    )
    attrs = list(row_attrs) if row_attrs is not None else None
    body = []
    for n, row in enumerate(rows):
        first, rest = row[0], row[1:]
        tds = "".join(f"<td{_num_cls(i + 1, numeric_from)}>{c}</td>" for i, c in enumerate(rest))
        extra = attrs[n] if attrs is not None else ""
        body.append(f'<tr{extra}><th scope="row">{first}</th>{tds}</tr>')
    klass = f' class="{cls}"' if cls else ""
    return (
        f"<table{klass}><caption>{caption}</caption><thead><tr>{ths}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _num_cls(i: int, numeric_from: int) -> str:
    return ' class="num"' if i >= numeric_from else ""


def _money(x: float, currency: str, lang: Lang) -> str:
    return e(money(x, currency, lang, signed=True))


# --- the page -------------------------------------------------------------------------------------


def page(r: Report, lang: Lang) -> str:
    """The whole report as one HTML document."""
    title = t("rp_title", lang, org=r.organisation)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="orgdiff">',
        f"<title>{e(title)}</title>",
        f"<style>{css(r.organisation, r.date, lang)}</style>",
        "</head>",
        "<body>",
        _header(r, lang, title),
        "<main>",
        _toc(r, lang),
        _overview(r, lang),
        *(_model(n, m, lang) for n, m in enumerate(r.models, 1)),
        "</main>",
        f"<footer><p>{e(t('rp_made_with', lang))}</p></footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(r: Report, lang: Lang, title: str) -> str:
    n = len(r.models)
    intro = (
        t("rp_intro_one", lang, before=r.before_model)
        if n == 1
        else t("rp_intro", lang, n=number(n, lang), before=r.before_model)
    )
    date = f'<p class="date"><time>{e(r.date)}</time></p>' if r.date else ""
    search = (
        f'<div class="search" id="unit-search" hidden><label for="unit-query">'
        f'{e(t("rp_search", lang))}</label> <input id="unit-query" type="search" '
        f'autocomplete="off"> <output id="unit-hits" for="unit-query"></output></div>'
    )
    return f"<header><h1>{e(title)}</h1>{date}<p>{e(intro)}</p>{search}</header>"


def _model_title(n: int, d: OrgDiff) -> str:
    return f"{n}. {d.after.model}"


def _toc(r: Report, lang: Lang) -> str:
    items = [f'<li><a href="#overview">{e(t("rp_overview", lang))}</a></li>']
    items += [
        f'<li><a href="#model-{n}">{e(_model_title(n, m.diff))}</a></li>'
        for n, m in enumerate(r.models, 1)
    ]
    return (
        f'<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">{e(t("rp_contents", lang))}'
        f"</h2><ol>{''.join(items)}</ol></nav>"
    )


def _overview(r: Report, lang: Lang) -> str:
    diffs = [m.diff for m in r.models]
    b = diffs[0]
    cur = b.cost.currency

    def row(key: str, base: str, per: Iterable[str]) -> list[str]:
        return [e(t(key, lang)), e(base), *(e(x) for x in per)]

    sb = b.balance.spread_before
    rows = [
        row(
            "row_departments", str(b.before.departments), (str(d.after.departments) for d in diffs)
        ),
        row("row_chef_posts", str(b.before.chef_posts), (str(d.after.chef_posts) for d in diffs)),
        row(
            "row_leader_posts",
            str(b.before.leader_posts),
            (str(d.after.leader_posts) for d in diffs),
        ),
        row(
            "rp_units_total",
            number(b.before.units, lang),
            (number(d.after.units, lang) for d in diffs),
        ),
        row("rp_fte_total", number(b.before.fte, lang), (number(d.after.fte, lang) for d in diffs)),
        row("row_cost", "", (cost_text(d.cost.change, cur, lang, True) for d in diffs)),
        row("rp_chef_cost", "", (cost_text(d.cost.chef_change, cur, lang, True) for d in diffs)),
        row(
            "rp_leader_cost", "", (cost_text(d.cost.leader_change, cur, lang, True) for d in diffs)
        ),
        row("row_merges", "", (str(len(d.departments.merged)) for d in diffs)),
        row("row_splits", "", (str(len(d.departments.split)) for d in diffs)),
        row("row_renames", "", (str(len(d.departments.renamed)) for d in diffs)),
        row("row_moved", "", (str(len(d.units.moved)) for d in diffs)),
        row(
            "row_units_added", "", (f"{len(d.units.added)} / {len(d.units.removed)}" for d in diffs)
        ),
        row(
            "fte_cv", cv(sb.fte_cv, lang), (cv(d.balance.spread_after.fte_cv, lang) for d in diffs)
        ),
        row(
            "fte_ratio",
            ratio(sb.fte_ratio, lang),
            (ratio(d.balance.spread_after.fte_ratio, lang) for d in diffs),
        ),
        row(
            "units_cv",
            cv(sb.units_cv, lang),
            (cv(d.balance.spread_after.units_cv, lang) for d in diffs),
        ),
        row(
            "units_ratio",
            ratio(sb.units_ratio, lang),
            (ratio(d.balance.spread_after.units_ratio, lang) for d in diffs),
        ),
    ]
    head = [e(t("rp_figure", lang)), e(r.before_model), *(e(d.after.model) for d in diffs)]
    table = _table(e(t("rp_overview_caption", lang)), head, rows, cls="overview")
    return (
        f'<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">'
        f"{e(t('rp_overview', lang))}</h2>{table}</section>"
    )


def _model(n: int, m: ModelPart, lang: Lang) -> str:
    d = m.diff
    key = f"model-{n}"
    what = "".join(f"<li>{e(s)}</li>" for s in m.sentences)
    said = " ".join(m.sentences)
    return "\n".join(
        [
            f'<section class="model" id="{key}" aria-labelledby="{key}-h">',
            f'<h2 id="{key}-h">{e(_model_title(n, d))}</h2>',
            f'<p class="summary">{e(summary_line(d, lang))}</p>',
            f"<h3>{e(t('rp_what', lang))}</h3>",
            f'<ul class="what">{what}</ul>',
            _chart(
                f"{key}-diff",
                t("rp_diff_chart", lang),
                m.diff_svg,
                t("rp_diff_alt", lang, model=d.after.model) + " " + said,
            ),
            _chart(
                f"{key}-flow",
                t("rp_flow_chart", lang),
                m.flow_svg,
                t("rp_flow_alt", lang, model=d.after.model) + " " + said,
            ),
            _departments(d, lang),
            _moved(d, lang),
            _posts(d, lang),
            _balance(d, lang),
            _unit_list(m, lang),
            "</section>",
        ]
    )


def _chart(key: str, heading: str, svg: str, alt: str) -> str:
    return (
        f'<div class="chart-block"><h3>{e(heading)}</h3>'
        f'<figure class="chart" id="{key}">'
        f'<div class="svg" role="img" aria-labelledby="{key}-cap">'
        f"{inline_svg(svg, key + '-')}</div>"
        f'<figcaption id="{key}-cap">{e(alt)}</figcaption></figure></div>'
    )


def _names(refs: Iterable[Ref]) -> str:
    return ", ".join(e(r.name) for r in refs)


def _flows(d: OrgDiff, src: Ref, lang: Lang) -> str:
    flows = flows_between(d, [src], (f.after for f in d.departments.flows))
    return "<br>".join(f"→ {e(f.after.name)}: {e(flow_text(f, lang))}" for f in flows)


def _departments(d: OrgDiff, lang: Lang) -> str:
    dc = d.departments
    becomes: dict[str, tuple[str, str]] = {}
    for p in dc.kept:
        becomes[p.before.id] = (t("rp_kept", lang), e(p.after.name))
    for p in dc.renamed:
        becomes[p.before.id] = (t("renamed", lang), e(p.after.name))
    for mg in dc.merged:
        for s in mg.sources:
            becomes[s.id] = (t("merged_into", lang), e(mg.target.name))
    for sp in dc.split:
        becomes[sp.source.id] = (t("split_into", lang), _names(sp.targets))
    for r in dc.removed:
        becomes[r.id] = (t("removed", lang), "–")
    rows = []
    for ref, _fate in dc.fates_before:
        what, after = becomes.get(ref.id, ("", ""))
        rows.append([e(ref.name), e(what), after, _flows(d, ref, lang)])
    rows += [["–", e(t("added", lang)), e(r.name), ""] for r in dc.added]
    head = [
        e(t("col_department", lang)),
        e(t("rp_what_happens", lang)),
        e(t("rp_becomes", lang)),
        e(t("col_units", lang)),
    ]
    return f"<h3>{e(t('rp_dept_changes', lang))}</h3>" + _table(
        e(t("rp_dept_caption", lang)), head, rows, numeric_from=99
    )


def _moved(d: OrgDiff, lang: Lang) -> str:
    u = d.units
    out = [f"<h3>{e(t('rp_moved', lang))}</h3>"]
    if u.moved:
        rows = [
            [
                e(mv.after.name),
                e(mv.before.dept.name),
                e(mv.after.dept.name),
                e(number(mv.units, lang)),
                e(number(mv.fte, lang)),
            ]
            for mv in u.moved
        ]
        head = [
            e(t("rp_unit", lang)),
            e(t("rp_from", lang)),
            e(t("rp_to", lang)),
            e(t("col_units", lang)),
            e(t("col_fte", lang)),
        ]
        out.append(_table(e(t("rp_moved_caption", lang)), head, rows, numeric_from=3))
    else:
        out.append(f"<p>{e(t('rp_no_moves', lang))}</p>")
    items = [
        f"<li>{e(t('added', lang))}: {e(x.name)} ({e(' / '.join(x.path[:-1]))})</li>"
        for x in u.added
    ]
    items += [
        f"<li>{e(t('removed', lang))}: {e(x.name)} ({e(' / '.join(x.path[:-1]))})</li>"
        for x in u.removed
    ]
    items += [
        f"<li>{e(t('renamed', lang))}: {e(c.before.name)} → {e(c.after.name)}</li>"
        for c in u.renamed
    ]
    items += [f"<li>{e(c.after.name)}: {e(_under(c.after.path, lang))}</li>" for c in u.reparented]
    items += [
        f"<li>{e(c.unit.name)}: {e(number(c.before, lang))} → {e(number(c.after, lang))} "
        f"{e(t('fte', lang))}</li>"
        for c in u.fte_changed
    ]
    if items:
        out.append(
            f'<details class="units"><summary>{e(t("rp_other_units", lang))} '
            f"({len(items)})</summary>"
            f"<ul>{''.join(items)}</ul></details>"
        )
    return "".join(out)


def _under(path: tuple[str, ...], lang: Lang) -> str:
    if len(path) > 2:
        return t("reparented", lang, parent=" / ".join(path[1:-1]))
    return t("reparented_root", lang)


def _post_rows(label: str, posts: Posts, currency: str, lang: Lang) -> list[list[str]]:
    rows = []
    for word, items in (("removed", posts.removed), ("added", posts.added)):
        for p in items:
            where = " / ".join(p.unit.path) if p.unit else p.dept.name
            rows.append(
                [
                    e(p.title),
                    e(f"{label}, {t(word, lang)}"),
                    e(where),
                    e(cost_text(p.cost, currency, lang)),
                ]
            )
    return rows


def _posts(d: OrgDiff, lang: Lang) -> str:
    cur = d.cost.currency
    counts = (
        f"<ul><li>{e(t('chef_posts_cap', lang))}: {d.chef_posts.before} → "
        f"{d.chef_posts.after}</li><li>{e(t('leader_posts_cap', lang))}: "
        f"{d.leader_posts.before} → {d.leader_posts.after}</li>"
        "</ul>"
    )
    rows = _post_rows(t("chef_post", lang), d.chef_posts, cur, lang)
    rows += _post_rows(t("leader_post", lang), d.leader_posts, cur, lang)
    head = [
        e(t("rp_post", lang)),
        e(t("cl_change", lang)),
        e(t("rp_where", lang)),
        e(t("rp_cost", lang)),
    ]
    table = (
        _table(e(t("rp_posts_caption", lang)), head, rows, numeric_from=3)
        if rows
        else f"<p>{e(t('rp_no_posts', lang))}</p>"
    )
    c = d.cost
    parts = cost_breakdown(d, lang)
    cost = (
        f'<p class="cost"><strong>{e(t("cost_change", lang))}: '
        f"{_money(c.change, cur, lang)}</strong>" + (f" ({e(parts)})" if parts else "") + "</p>"
    )
    if not c.complete:
        cost += f"<p>{e(t('cost_incomplete', lang))}</p>"
    return f"<h3>{e(t('h_posts', lang))}</h3>{counts}{table}{cost}"


def _balance(d: OrgDiff, lang: Lang) -> str:
    b = d.balance
    head = [
        e(t(k, lang)) for k in ("col_department", "col_units", "col_fte", "col_span", "col_depth")
    ]
    out = [f"<h3>{e(t('h_balance', lang))}</h3>", '<div class="side-by-side">']
    for when, rows in ((t("before", lang), b.before), (t("after", lang), b.after)):
        body = [
            [
                e(r.dept.name),
                e(number(r.units, lang)),
                e(number(r.fte, lang)),
                e(number(r.span, lang)),
                e(number(r.depth, lang)),
            ]
            for r in rows
        ]
        out.append(_table(e(t("rp_balance_caption", lang, when=when.lower())), head, body))
    out.append("</div>")
    sb, sa = b.spread_before, b.spread_after
    spread = [
        [e(t("fte_cv", lang)), e(cv(sb.fte_cv, lang)), e(cv(sa.fte_cv, lang))],
        [e(t("fte_ratio", lang)), e(ratio(sb.fte_ratio, lang)), e(ratio(sa.fte_ratio, lang))],
        [e(t("units_cv", lang)), e(cv(sb.units_cv, lang)), e(cv(sa.units_cv, lang))],
        [e(t("units_ratio", lang)), e(ratio(sb.units_ratio, lang)), e(ratio(sa.units_ratio, lang))],
    ]
    caption = f"{t('rp_spread_caption', lang)} ({t('lower_is_even', lang)})"
    out.append(_table(e(caption), ["", e(t("before", lang)), e(t("after", lang))], spread))
    return "".join(out)


def _unit_list(m: ModelPart, lang: Lang) -> str:
    units = [r for r in m.rows if r.kind is RowKind.UNIT]
    rows = [
        [
            e(r.name),
            e(t(f"ch_{r.change.value}", lang)),
            e(r.dept_before or "–"),
            e(r.dept_after or "–"),
        ]
        for r in units
    ]
    attrs = [f' data-unit="{e(" ".join([r.name, r.name_before, r.id]).casefold())}"' for r in units]
    head = [
        e(t("rp_unit", lang)),
        e(t("cl_change", lang)),
        e(t("cl_dept_before", lang)),
        e(t("cl_dept_after", lang)),
    ]
    title = t("rp_units_list", lang, model=m.diff.after.model, n=number(len(units), lang))
    return (
        f'<details class="units all-units"><summary>{e(title)}</summary>'
        + _table(e(title), head, rows, numeric_from=99, row_attrs=attrs)
        + "</details>"
    )

"""A Markdown report to paste into a memo. Every user-supplied text is escaped."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..changes import Balance, OrgDiff, Posts
from ..i18n import Lang, number, plural, t
from .phrases import (
    changed_posts,
    cost_breakdown,
    cost_text,
    cv,
    decision_text,
    flow_text,
    flows_between,
    model_rows,
    post_change_text,
    ratio,
    summary_line,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an & that would start an HTML entity


def md(s: str) -> str:
    """Text as literal Markdown: no markup, no HTML, no table breaks, one line."""
    s = " ".join(s.split())
    s = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in s)
    return _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", s))


def report(diffs: list[OrgDiff], lang: Lang) -> str:
    out: list[str] = []
    for d in diffs:
        out += _one(d, lang)
    if len(diffs) > 1:
        out += [f"## {t('h_models', lang)}", ""]
        header = ["", md(diffs[0].before.model), *(md(d.after.model) for d in diffs)]
        out += _table(
            header,
            [[t(label, lang), *cells] for label, cells in model_rows(diffs, lang)],
            right=range(1, len(header)),
        )
    return "\n".join(out).rstrip("\n") + "\n"


def _table(header: list[str], rows: list[list[str]], right: Iterable[int] = ()) -> list[str]:
    aligns = ["---:" if i in set(right) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _one(d: OrgDiff, lang: Lang) -> list[str]:
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    out = [f"## {md(title)}", "", f"**{md(summary_line(d, lang))}**", ""]
    out += _section(t("h_departments", lang), _departments(d, lang))
    out += _section(t("h_units", lang), _units(d, lang))
    out += _section(t("h_posts", lang), _posts(d, lang))
    out += [f"### {t('h_balance', lang)}", "", *_balance(d.balance, lang)]
    return out


def _section(heading: str, lines: list[str]) -> list[str]:
    return [f"### {heading}", "", *lines, ""] if lines else []


def _departments(d: OrgDiff, lang: Lang) -> list[str]:
    lines: list[str] = []
    for m in d.departments.merged:
        names = " + ".join(md(r.name) for r in m.sources)
        cont = (
            ""
            if m.continues is None
            else f" ({md(t('continues_in', lang, name=m.continues.name))})"
        )
        lines.append(
            f"- **{t('merged_into', lang)}:** {names} → {md(m.target.name)}{cont} — "
            f"{md(decision_text(m.evidence, lang))}"
        )
        lines += [
            f"  - {md(f.before.name)} → {md(f.after.name)}: {flow_text(f, lang)}"
            for f in flows_between(d, m.sources, [m.target])
        ]
    for s in d.departments.split:
        names = " + ".join(md(r.name) for r in s.targets)
        lines.append(
            f"- **{t('split_into', lang)}:** {md(s.source.name)} → {names} — "
            f"{md(decision_text(s.evidence, lang))}"
        )
        lines += [
            f"  - {md(f.before.name)} → {md(f.after.name)}: {flow_text(f, lang)}"
            for f in flows_between(d, [s.source], s.targets)
        ]
    for p in d.departments.renamed:
        lines.append(
            f"- **{t('renamed', lang)}:** {md(p.before.name)} → {md(p.after.name)} — "
            f"{md(decision_text(p.evidence, lang))}"
        )
    for p in d.departments.kept:
        if p.evidence.ambiguous:
            lines.append(
                f"- **{t('kept', lang)}:** {md(p.after.name)} — "
                f"{md(decision_text(p.evidence, lang))}"
            )
    lines += [f"- **{t('added', lang)}:** {md(r.name)}" for r in d.departments.added]
    lines += [f"- **{t('removed', lang)}:** {md(r.name)}" for r in d.departments.removed]
    if lines and d.departments.kept:
        lines.append(f"- {plural('kept_n', len(d.departments.kept), lang)}")
    return lines


def _units(d: OrgDiff, lang: Lang) -> list[str]:
    lines = [
        f"- **{t('moved', lang)}:** {md(m.after.name)}: {md(m.before.dept.name)} → "
        f"{md(m.after.dept.name)}"
        for m in d.units.moved
    ]
    lines += [
        f"- **{t('added', lang)}:** {md(u.name)} ({md(' / '.join(u.path[:-1]))})"
        for u in d.units.added
    ]
    lines += [
        f"- **{t('removed', lang)}:** {md(u.name)} ({md(' / '.join(u.path[:-1]))})"
        for u in d.units.removed
    ]
    lines += [
        f"- **{t('renamed', lang)}:** {md(c.before.name)} → {md(c.after.name)}"
        for c in d.units.renamed
    ]
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for c in d.units.reparented:
        groups[c.after.dept.name, c.after.path[1:-1]].append(c.after.name)
    for (dept, parent), names in groups.items():
        where = (
            t("reparented", lang, parent=" / ".join(parent))
            if parent
            else t("reparented_root", lang)
        )
        head = t("n_units_in", lang, n=number(len(names), lang), dept=dept)
        lines.append(f"- {md(head)} {md(where)}: {', '.join(md(n) for n in names)}")
    lines += [
        f"- {md(c.unit.name)}: {number(c.before, lang)} → {number(c.after, lang)} {t('fte', lang)}"
        for c in d.units.fte_changed
    ]
    return lines


def _posts(d: OrgDiff, lang: Lang) -> list[str]:
    cur = d.cost.currency
    lines: list[str] = []
    for label, posts in changed_posts(d):
        lines.append(f"- {t(label, lang)}: {posts.before} → {posts.after}")
        lines += _post_lines(posts, cur, lang)
    parts = cost_breakdown(d, lang)
    if parts is not None:
        total = cost_text(d.cost.change, cur, lang, True)
        lines.append(f"- **{t('cost_change', lang)}: {total}** ({parts})")
        if not d.cost.complete:
            lines.append(f"- {t('cost_incomplete', lang)}")
    return lines


def _post_lines(posts: Posts, currency: str, lang: Lang) -> list[str]:
    lines = []
    for word, items in (("removed", posts.removed), ("added", posts.added)):
        for p in items:
            where = " / ".join(p.unit.path) if p.unit else p.dept.name
            lines.append(
                f"  - {t(word, lang)}: {md(p.title)} ({md(where)}) · "
                f"{cost_text(p.cost, currency, lang)}"
            )
    for c in posts.changed:
        where = " / ".join(c.after.unit.path) if c.after.unit else c.after.dept.name
        lines.append(
            f"  - {t('post_changed', lang)}: {md(post_change_text(c, currency, lang))} "
            f"({md(where)})"
        )
    return lines


def _balance(b: Balance, lang: Lang) -> list[str]:
    header = [
        t(k, lang) for k in ("col_department", "col_units", "col_fte", "col_span", "col_depth")
    ]
    out = []
    for title, rows in ((t("before", lang), b.before), (t("after", lang), b.after)):
        out += [f"*{title}*", ""]
        out += _table(
            header,
            [
                [
                    md(r.dept.name),
                    number(r.units, lang),
                    number(r.fte, lang),
                    number(r.span, lang),
                    number(r.depth, lang),
                ]
                for r in rows
            ],
            right=range(1, 5),
        )
    sb, sa = b.spread_before, b.spread_after
    spread_rows = [
        [t("fte_cv", lang), cv(sb.fte_cv, lang), cv(sa.fte_cv, lang)],
        [t("fte_ratio", lang), ratio(sb.fte_ratio, lang), ratio(sa.fte_ratio, lang)],
        [t("units_cv", lang), cv(sb.units_cv, lang), cv(sa.units_cv, lang)],
        [t("units_ratio", lang), ratio(sb.units_ratio, lang), ratio(sa.units_ratio, lang)],
    ]
    out += _table(
        [f"({t('lower_is_even', lang)})", t("before", lang), t("after", lang)],
        spread_rows,
        right=(1, 2),
    )
    return out

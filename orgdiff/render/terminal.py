"""The rich terminal report of one or more comparisons. Colours plus symbols (+ − ~ →)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..changes import Balance, DeptBalance, OrgDiff, Posts
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
from .text import text

LIMIT = 40  # lines per list before "… and N more"
ADDED, REMOVED, CHANGED, MOVED = "green", "red", "cyan", "yellow"


def report(diffs: list[OrgDiff], lang: Lang) -> Group:
    """Each comparison in turn; with several models, then one table of them side by side."""
    parts: list[RenderableType] = []
    for d in diffs:
        parts += _one(d, lang)
    if len(diffs) > 1:
        parts += [
            Text(""),
            Rule(Text(t("h_models", lang), style="bold")),
            models_table(diffs, lang),
        ]
    return Group(*parts)


def _line(symbol: str, style: str, *pieces: str | Text, indent: int = 2) -> Text:
    line = Text(" " * indent)
    line.append(f"{symbol} ", style=f"bold {style}")
    for p in pieces:
        line.append(text(p) if isinstance(p, str) else p)
    return line


def _capped(lines: list[Text], lang: Lang) -> list[Text]:
    if len(lines) <= LIMIT:
        return lines
    more = plural("more_lines", len(lines) - LIMIT, lang)
    return lines[:LIMIT] + [Text("  " + more, "dim")]


def _one(d: OrgDiff, lang: Lang) -> list[RenderableType]:
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    out: list[RenderableType] = [Rule(text(title, "bold")), Text(summary_line(d, lang), "bold")]
    out += _section(t("h_departments", lang), _departments(d, lang))
    out += _section(t("h_units", lang), _units(d, lang))
    out += _section(t("h_posts", lang), _posts(d, lang))
    out += [Text(""), Text(t("h_balance", lang), "bold underline"), *_balance(d.balance, lang)]
    return out


def _section(heading: str, lines: list[Text]) -> list[RenderableType]:
    return [Text(""), Text(heading, "bold underline"), *lines] if lines else []


def _departments(d: OrgDiff, lang: Lang) -> list[Text]:
    lines: list[Text] = []
    for m in d.departments.merged:
        names = " + ".join(r.name for r in m.sources)
        cont = "" if m.continues is None else f" ({t('continues_in', lang, name=m.continues.name)})"
        lines.append(
            _line(
                "~",
                CHANGED,
                f"{t('merged_into', lang)}: {names} → {m.target.name}{cont}",
                text(f" — {decision_text(m.evidence, lang)}", "dim"),
            )
        )
        lines += _flow_lines(d, m.sources, [m.target], lang)
    for s in d.departments.split:
        names = " + ".join(r.name for r in s.targets)
        lines.append(
            _line(
                "~",
                CHANGED,
                f"{t('split_into', lang)}: {s.source.name} → {names}",
                text(f" — {decision_text(s.evidence, lang)}", "dim"),
            )
        )
        lines += _flow_lines(d, [s.source], s.targets, lang)
    for p in d.departments.renamed:
        lines.append(
            _line(
                "~",
                CHANGED,
                f"{t('renamed', lang)}: {p.before.name} → {p.after.name}",
                text(f" — {decision_text(p.evidence, lang)}", "dim"),
            )
        )
    for p in d.departments.kept:
        if p.evidence.ambiguous and p.evidence.alternative is not None:
            lines.append(
                _line(
                    "?",
                    CHANGED,
                    f"{t('kept', lang)}: {p.after.name}",
                    text(f" — {decision_text(p.evidence, lang)}", "dim"),
                )
            )
    lines += [_line("+", ADDED, f"{t('added', lang)}: {r.name}") for r in d.departments.added]
    lines += [_line("−", REMOVED, f"{t('removed', lang)}: {r.name}") for r in d.departments.removed]
    if lines and d.departments.kept:
        lines.append(Text("  " + plural("kept_n", len(d.departments.kept), lang), "dim"))
    return lines


def _flow_lines(d: OrgDiff, sources: object, targets: object, lang: Lang) -> list[Text]:
    out = []
    for f in flows_between(d, sources, targets):  # type: ignore[arg-type]
        out.append(text(f"      {f.before.name} → {f.after.name}: {flow_text(f, lang)}", "dim"))
    return out


def _units(d: OrgDiff, lang: Lang) -> list[Text]:
    lines: list[Text] = []
    for m in d.units.moved:
        extra = f" ({plural('more_units', m.units - 1, lang)})" if m.units > 1 else ""
        lines.append(
            _line(
                "→",
                MOVED,
                f"{m.after.name}: {m.before.dept.name} → {m.after.dept.name}",
                Text(extra, "dim"),
            )
        )
    lines = _capped(lines, lang)
    added = [
        _line("+", ADDED, u.name, text(f" ({' / '.join(u.path[:-1])})", "dim"))
        for u in d.units.added
    ]
    removed = [
        _line("−", REMOVED, u.name, text(f" ({' / '.join(u.path[:-1])})", "dim"))
        for u in d.units.removed
    ]
    renamed = [
        _line(
            "~",
            CHANGED,
            f"{c.before.name} → {c.after.name}",
            text(f" ({c.after.dept.name})", "dim"),
        )
        for c in d.units.renamed
    ]
    lines += _capped(added, lang) + _capped(removed, lang) + _capped(renamed, lang)
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for c in d.units.reparented:
        groups[c.after.dept.name, c.after.path[1:-1]].append(c.after.name)
    regroup = []
    for (dept, parent), names in groups.items():
        where = (
            t("reparented", lang, parent=" / ".join(parent))
            if parent
            else t("reparented_root", lang)
        )
        shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
        head = t("n_units_in", lang, n=number(len(names), lang), dept=dept)
        regroup.append(_line("~", CHANGED, f"{head} {where}: ", text(shown, "dim")))
    lines += _capped(regroup, lang)
    fte = [
        _line(
            "~",
            CHANGED,
            f"{c.unit.name}: {number(c.before, lang)} → {number(c.after, lang)} {t('fte', lang)}",
        )
        for c in d.units.fte_changed
    ]
    return lines + _capped(fte, lang)


def _posts(d: OrgDiff, lang: Lang) -> list[Text]:
    cur = d.cost.currency
    lines: list[Text] = []
    for label, posts in changed_posts(d):
        lines.append(Text(f"  {t(label, lang)} {posts.before} → {posts.after}"))
        lines += _capped(_post_lines(posts, cur, lang), lang)
    parts = cost_breakdown(d, lang)
    if parts is not None:
        line = Text(f"  {t('cost_change', lang)}: ")
        line.append(cost_text(d.cost.change, cur, lang, True), style="bold")
        line.append(f" ({parts})", style="dim")
        lines.append(line)
        if not d.cost.complete:
            lines.append(Text(f"  ! {t('cost_incomplete', lang)}", "dim"))
    return lines


def _post_lines(posts: Posts, currency: str, lang: Lang) -> list[Text]:
    lines = []
    for symbol, style, items in (("−", REMOVED, posts.removed), ("+", ADDED, posts.added)):
        for p in items:
            where = " / ".join(p.unit.path) if p.unit else p.dept.name
            detail = text(f" ({where}) · {cost_text(p.cost, currency, lang)}", "dim")
            lines.append(_line(symbol, style, p.title, detail, indent=4))
    for c in posts.changed:
        where = " / ".join(c.after.unit.path) if c.after.unit else c.after.dept.name
        detail = text(f" ({where})", "dim")
        lines.append(_line("~", CHANGED, post_change_text(c, currency, lang), detail, indent=4))
    return lines


def _balance(b: Balance, lang: Lang) -> list[RenderableType]:
    return [
        _balance_table(t("before", lang), b.before, lang),
        _balance_table(t("after", lang), b.after, lang),
        _spread_table(b, lang),
    ]


def _balance_table(title: str, rows: tuple[DeptBalance, ...], lang: Lang) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t("col_department", lang))
    for key in ("col_units", "col_fte", "col_span", "col_depth"):
        table.add_column(t(key, lang), justify="right")
    for r in rows:
        table.add_row(
            text(r.dept.name),
            number(r.units, lang),
            number(r.fte, lang),
            number(r.span, lang),
            number(r.depth, lang),
        )
    return table


def _spread_table(b: Balance, lang: Lang) -> Table:
    table = Table(
        show_edge=False, pad_edge=False, caption=t("lower_is_even", lang), caption_justify="left"
    )
    table.add_column("")
    table.add_column(t("before", lang), justify="right")
    table.add_column(t("after", lang), justify="right")
    sb, sa = b.spread_before, b.spread_after
    table.add_row(t("fte_cv", lang), cv(sb.fte_cv, lang), cv(sa.fte_cv, lang))
    table.add_row(t("fte_ratio", lang), ratio(sb.fte_ratio, lang), ratio(sa.fte_ratio, lang))
    table.add_row(t("units_cv", lang), cv(sb.units_cv, lang), cv(sa.units_cv, lang))
    table.add_row(t("units_ratio", lang), ratio(sb.units_ratio, lang), ratio(sa.units_ratio, lang))
    return table


def models_table(diffs: list[OrgDiff], lang: Lang) -> Table:
    """The table a politician reads: the baseline and every model, one column each."""
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("")
    table.add_column(text(diffs[0].before.model), justify="right")
    for d in diffs:
        table.add_column(text(d.after.model), justify="right")
    for label, cells in model_rows(diffs, lang):
        table.add_row(t(label, lang), *cells)
    return table

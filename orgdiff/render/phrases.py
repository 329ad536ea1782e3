"""Sentences several renderers share (the summary line, flows, amounts). Presentation only."""

from __future__ import annotations

from collections.abc import Iterable

from ..changes import Alternative, DeptFate, Evidence, Flow, OrgDiff, PostChange, Posts, Ref, Rule
from ..i18n import Lang, count, money, number, plural_form, t


def summary_line(d: OrgDiff, lang: Lang) -> str:
    """``7 → 6 departments · 1 merge · 1 unit moved · chef posts 7 → 6 · −0.35 m DKK/year``."""
    parts = [f"{d.before.departments} → {d.after.departments} {t('departments', lang)}"]
    for n, one, many in (
        (len(d.departments.merged), "merge", "merges"),
        (len(d.departments.split), "split", "splits"),
        (len(d.departments.renamed), "rename", "renames"),
        (len(d.departments.added), "dept_added", "depts_added"),
        (len(d.departments.removed), "dept_removed", "depts_removed"),
        (len(d.units.moved), "unit_moved", "units_moved"),
        (len(d.units.added), "unit_added", "units_added"),
        (len(d.units.removed), "unit_removed", "units_removed"),
    ):
        if n:
            parts.append(count(n, one, many, lang))
    parts.append(f"{t('chef_posts', lang)} {d.chef_posts.before} → {d.chef_posts.after}")
    if d.cost.change:
        parts.append(
            f"{money(d.cost.change, d.cost.currency, lang, signed=True)}{t('per_year', lang)}"
        )
    if not d.has_changes:
        parts.append(t("no_changes", lang))
    return " · ".join(parts)


def changed_posts(d: OrgDiff) -> list[tuple[str, Posts]]:
    """The post groups worth a line: (label key, posts) for chef and leader posts that changed."""
    groups = [("chef_posts_cap", d.chef_posts), ("leader_posts_cap", d.leader_posts)]
    return [(k, p) for k, p in groups if p.before != p.after or p.added or p.removed or p.changed]


def cost_breakdown(d: OrgDiff, lang: Lang) -> str | None:
    """``chef posts −1.2 m DKK, leader posts +0.85 m DKK``, or None when no cost changed."""
    c = d.cost
    if not (c.change or c.chef_change or c.leader_change):
        return None
    return t(
        "cost_parts",
        lang,
        chefs=cost_text(c.chef_change, c.currency, lang, True),
        leaders=cost_text(c.leader_change, c.currency, lang, True),
    )


def cost_text(amount: float | None, currency: str, lang: Lang, signed: bool = False) -> str:
    return t("no_cost", lang) if amount is None else money(amount, currency, lang, signed)


def flow_text(f: Flow, lang: Lang) -> str:
    """``5 units, 120 FTE``."""
    units = t("unit" if plural_form(f.units, lang) == "one" else "units", lang)
    return t("flow", lang, n=number(f.units, lang), units=units, fte=number(f.fte, lang))


def flows_between(d: OrgDiff, sources: Iterable[Ref], targets: Iterable[Ref]) -> list[Flow]:
    """The flows from any of ``sources`` to any of ``targets``, in the result's order."""
    src, dst = {r.id for r in sources}, {r.id for r in targets}
    return [f for f in d.departments.flows if f.before.id in src and f.after.id in dst]


def ratio(x: float | None, lang: Lang) -> str:
    return "–" if x is None else number(x, lang, 1)


def cv(x: float, lang: Lang) -> str:
    return number(x, lang, 2)


def model_rows(diffs: list[OrgDiff], lang: Lang) -> list[tuple[str, list[str]]]:
    """Rows of the side-by-side table (shared with the Markdown report)."""
    b = diffs[0]
    cur = b.cost.currency

    def row(label: str, base: str, per: list[str]) -> tuple[str, list[str]]:
        return label, [base, *per]

    return [
        row(
            "row_departments", str(b.before.departments), [str(d.after.departments) for d in diffs]
        ),
        row("row_chef_posts", str(b.before.chef_posts), [str(d.after.chef_posts) for d in diffs]),
        row(
            "row_leader_posts",
            str(b.before.leader_posts),
            [str(d.after.leader_posts) for d in diffs],
        ),
        row("row_merges", "", [str(len(d.departments.merged)) for d in diffs]),
        row("row_splits", "", [str(len(d.departments.split)) for d in diffs]),
        row("row_renames", "", [str(len(d.departments.renamed)) for d in diffs]),
        row("row_moved", "", [str(len(d.units.moved)) for d in diffs]),
        row(
            "row_units_added", "", [f"{len(d.units.added)} / {len(d.units.removed)}" for d in diffs]
        ),
        row("row_cost", "", [cost_text(d.cost.change, cur, lang, True) for d in diffs]),
        row(
            "row_fte_cv",
            cv(b.balance.spread_before.fte_cv, lang),
            [cv(d.balance.spread_after.fte_cv, lang) for d in diffs],
        ),
        row(
            "row_fte_ratio",
            ratio(b.balance.spread_before.fte_ratio, lang),
            [ratio(d.balance.spread_after.fte_ratio, lang) for d in diffs],
        ),
        row(
            "row_units_cv",
            cv(b.balance.spread_before.units_cv, lang),
            [cv(d.balance.spread_after.units_cv, lang) for d in diffs],
        ),
    ]


def percent(share: float, lang: Lang) -> str:
    """0.912 → ``91 %``."""
    return f"{number(round(share * 100), lang, 0)} %"


def evidence_text(e: Evidence, lang: Lang) -> str:
    """One phrase of why a department-level decision was taken."""
    name = (
        "name_same"
        if e.similarity >= 1.0
        else "name_similar"
        if e.similarity >= 0.75
        else ("name_related")
    )
    return t(
        f"why_{e.rule.value}",
        lang,
        out=percent(e.share_before, lang),
        inn=percent(e.share_after, lang),
        name=t(name, lang),
    )


def alternative_text(alt: Alternative, lang: Lang) -> str:
    """``could also be read as a merge of X and Y into Z``."""
    key = {
        DeptFate.SPLIT: "read_split",
        DeptFate.MERGED: "read_merged",
        DeptFate.RENAMED: "read_renamed",
    }.get(alt.fate, "read_removed")
    before = " + ".join(r.name for r in alt.before)
    after = " + ".join(r.name for r in alt.after)
    return t("ambiguous", lang, reading=t(key, lang, before=before, after=after))


def decision_text(e: Evidence, lang: Lang) -> str:
    """The evidence phrase, and the other reading when the decision was close."""
    text = evidence_text(e, lang)
    if e.ambiguous and e.alternative is not None:
        text += "; " + alternative_text(e.alternative, lang)
    return text


def post_change_text(c: PostChange, currency: str, lang: Lang) -> str:
    """``Chef for A → Chef for B · 1.2 m DKK → 1.3 m DKK``."""
    parts = [c.before.title + (f" → {c.after.title}" if c.retitled else "")]
    if c.recosted:
        parts.append(
            cost_text(c.before.cost, currency, lang)
            + " → "
            + cost_text(c.after.cost, currency, lang)
        )
    return " · ".join(parts)


_ = Rule  # the rules' names are the keys' suffixes (why_<rule>)

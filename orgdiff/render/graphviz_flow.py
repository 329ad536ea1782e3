"""The flow chart: before-departments left, after-departments right, an edge per flow of units.

Readable at 30+ departments: the right column (then the left) is ordered by the barycentre of
its flows to cut crossings; what flows in or out is written inside the boxes, not on the edges;
single-unit moves are grouped once there are many; renamed, new and ended departments and chef
posts are marked on the boxes; a legend and the "what changes" panel come with the chart.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..changes import DeptFate, Flow, OrgDiff, Ref
from ..i18n import Lang, number, plural, t
from ..summary import continuing, ended, flow_groups, what_changes
from .graphviz_cards import (
    BR,
    STYLE,
    attr,
    caption,
    esc,
    font,
    graph_head,
    node_id,
    panel,
    pretty_label,
)
from .graphviz_org import count_units
from .phrases import flow_text, summary_line

GROUP_THRESHOLD = 8  # more single-unit moves than this are grouped, not drawn one by one
ORDER_SWEEPS = 4


def _w(key: str, lang: Lang, **fields: object) -> str:
    return t("chart_" + key, lang, **fields)


def order_columns(
    left: Sequence[str], right: Sequence[str], flows: Sequence[tuple[str, str, float]]
) -> tuple[list[str], list[str]]:
    """Both columns ordered by the weighted barycentre of their neighbours (a few sweeps), which
    cuts edge crossings; nodes without flows keep their place. Linear per sweep."""
    lpos = {x: float(i) for i, x in enumerate(left)}
    rpos = {x: float(i) * len(left) / max(len(right), 1) for i, x in enumerate(right)}
    out_edges: dict[str, list[tuple[str, float]]] = defaultdict(list)
    in_edges: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for a, b, w in flows:
        out_edges[a].append((b, w))
        in_edges[b].append((a, w))

    def sweep(
        nodes: Sequence[str],
        pos: dict[str, float],
        other: dict[str, float],
        edges: dict[str, list[tuple[str, float]]],
    ) -> list[str]:
        def key(x: str) -> tuple[float, float]:
            es = edges.get(x)
            if not es:
                return (pos[x], pos[x])
            total = sum(w for _, w in es) or 1.0
            return (sum(other[y] * w for y, w in es) / total, pos[x])

        ordered = sorted(nodes, key=key)
        scale = len(left) / max(len(nodes), 1)
        pos.update({x: i * scale for i, x in enumerate(ordered)})
        return ordered

    lo, ro = list(left), list(right)
    for _ in range(ORDER_SWEEPS):
        ro = sweep(ro, rpos, lpos, in_edges)
        lo = sweep(lo, lpos, rpos, out_edges)
    ro = sweep(ro, rpos, lpos, in_edges)
    return lo, ro


def crossings(
    left: Sequence[str], right: Sequence[str], flows: Sequence[tuple[str, str, float]]
) -> int:
    """How many pairs of flow edges cross for the given column orders."""
    lp = {x: i for i, x in enumerate(left)}
    rp = {x: i for i, x in enumerate(right)}
    es = sorted((lp[a], rp[b]) for a, b, _ in flows)
    n = 0
    for i in range(len(es)):
        for j in range(i + 1, len(es)):
            if es[i][0] < es[j][0] and es[i][1] > es[j][1]:
                n += 1
    return n


def flow_order(d: OrgDiff) -> list[str]:
    """Before-department ids in the crossing-reduced order of the left column."""
    drawn, _ = flow_groups(d.departments.flows, GROUP_THRESHOLD)
    left = [r.id for r, _ in d.departments.fates_before]
    right = ["a:" + r.id for r, _ in d.departments.fates_after]
    ordered, _ = order_columns(
        left, right, [(x.before.id, "a:" + x.after.id, float(x.units)) for x in drawn]
    )
    return ordered


def _restrict(d: OrgDiff, only: frozenset[str], first: bool) -> OrgDiff:
    """The part of the result a page of the flow chart shows: the flows out of ``only`` and the
    departments they reach (page one also has new departments nothing flows into)."""
    flows = tuple(x for x in d.departments.flows if x.before.id in only)
    reached = {x.after.id for x in flows}
    if first:
        into = {x.after.id for x in d.departments.flows}
        reached |= {r.id for r, _ in d.departments.fates_after if r.id not in into}
    deps = replace(
        d.departments,
        fates_before=tuple(x for x in d.departments.fates_before if x[0].id in only),
        fates_after=tuple(x for x in d.departments.fates_after if x[0].id in reached),
        flows=flows,
    )
    units = replace(
        d.units,
        added=tuple(u for u in d.units.added if u.dept.id in reached and first),
        removed=tuple(u for u in d.units.removed if u.dept.id in only),
    )
    return replace(d, departments=deps, units=units)


def flow_chart(
    full: OrgDiff,
    lang: Lang,
    weight: str = "units",
    only: frozenset[str] | None = None,
    part: int = 0,
    show_panel: bool | None = None,
) -> str:
    """Before-departments left, after-departments right, an edge per flow of units.

    ``only`` draws the page of a multi-page chart that shows those before-departments."""
    d = full if only is None else _restrict(full, only, part == 0)
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    if part:
        title += _w("continued", lang, n=part + 1)
    drawn, small = flow_groups(d.departments.flows, GROUP_THRESHOLD)
    sentences = panel(_w("what_changes", lang), what_changes(full, lang), 70)
    side = _legend(d, lang, weight, len(small))
    top = (
        f'<TABLE BORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT" BALIGN="LEFT">'
        f"{caption(title, summary_line(full, lang))}</TD></TR>"
        + (
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{sentences}</TD></TR>'
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{side}</TD></TR>'
            if (part == 0 if show_panel is None else show_panel)
            else ""
        )
        + "</TABLE>"
    )
    f = STYLE["font"]
    lines = [
        "digraph flowchart {",
        f'  graph [rankdir=LR, fontname="{f}", fontsize=16, labelloc=t, labeljust=l,',
        "    nodesep=0.3, ranksep=3, newrank=true, splines=true,",
        f"    label=<{pretty_label(top)}>];",
        f'  node [fontname="{f}", fontsize={STYLE["font_size"]}, shape=plain,',
        f'    color="{STYLE["ink"]}", fontcolor="{STYLE["ink"]}"];',
        f'  edge [fontname="{f}", fontsize={STYLE["small"]}, color="{STYLE["edge"]}",',
        "    arrowsize=0.6];",
    ]
    grouped = {(x.before.id, x.after.id) for x in small}
    cont = continuing(full)
    outs: dict[str, list[Flow]] = defaultdict(list)
    ins: dict[str, list[Flow]] = defaultdict(list)
    for x in d.departments.flows:
        if cont.get(x.before.id) != x.after.id:
            outs[x.before.id].append(x)
            ins[x.after.id].append(x)
    small_out: dict[str, int] = defaultdict(int)
    small_in: dict[str, int] = defaultdict(int)
    for x in small:
        small_out[x.before.id] += 1
        small_in[x.after.id] += 1
    rows_b = {r.dept.id: r for r in d.balance.before}
    rows_a = {r.dept.id: r for r in d.balance.after}
    renamed_to = {p.before.id: p.after.name for p in d.departments.renamed}
    formerly = {p.after.id: p.before.name for p in d.departments.renamed}
    chef_removed = {p.dept.id for p in d.chef_posts.removed}
    chef_added = {p.dept.id for p in d.chef_posts.added}
    ends = {g.dept.id: g.fate for g in ended(d)}
    left = [node_id("b:", r.id) for r, _ in d.departments.fates_before]
    right = [node_id("a:", r.id) for r, _ in d.departments.fates_after]
    weights = [
        (node_id("b:", x.before.id), node_id("a:", x.after.id), float(x.units)) for x in drawn
    ]
    left, right = order_columns(left, right, weights)
    lines.append(f"  before_title [label=<<B>{esc(d.before.model, 40)}</B>>];")
    lines.append(f"  after_title [label=<<B>{esc(d.after.model, 40)}</B>>];")
    for ref, _fate in d.departments.fates_before:
        row = rows_b[ref.id]
        marks = []
        ghost = ref.id in ends
        if ghost:
            how = {DeptFate.MERGED: "merged", DeptFate.SPLIT: "split"}.get(ends[ref.id], "removed")
            label = f"<B>− {esc(_w('ends_' + how, lang))}</B>"
            marks.append((label, STYLE["removed"]))
        if ref.id in renamed_to:
            marks.append((esc(_w("renamed_to", lang, x=renamed_to[ref.id])), STYLE["changed"]))
        if ref.id in chef_removed:
            marks.append((esc(_w("chef_removed", lang)), STYLE["removed"]))
        lines_in = []  # what leaves is told where it arrives (the after box), once
        if small_out[ref.id]:
            lines_in.append(esc(plural("chart_small_out", small_out[ref.id], lang)))
        tip = _tip(ref, row.units, row.fte, lang)
        lines.append(
            f'  {node_id("b:", ref.id)} [tooltip="{attr(tip)}", label='
            f"{_node(ref, row.units, row.fte, marks, lines_in, lang, ghost=ghost)}];"
        )
    for ref, fate in d.departments.fates_after:
        row = rows_a[ref.id]
        marks = []
        new = fate is DeptFate.ADDED
        if new:
            marks.append((f"<B>+ {esc(_w('tag_new', lang))}</B>", STYLE["added"]))
        if ref.id in formerly:
            marks.append((esc("~ " + _w("formerly", lang, x=formerly[ref.id])), STYLE["changed"]))
        if ref.id in chef_added:
            marks.append((esc(_w("chef_added", lang)), STYLE["added"]))
        lines_in = [
            esc(_w("flow_from", lang, flow=flow_text(x, lang), x=x.before.name))
            for x in ins[ref.id]
            if (x.before.id, x.after.id) not in grouped
        ]
        if small_in[ref.id]:
            lines_in.append(esc(plural("chart_small_in", small_in[ref.id], lang)))
        tip = _tip(ref, row.units, row.fte, lang)
        lines.append(
            f'  {node_id("a:", ref.id)} [tooltip="{attr(tip)}", label='
            f"{_node(ref, row.units, row.fte, marks, lines_in, lang, new=new)}];"
        )
    extra, new_node, gone_node = _added_removed(d, lang)
    lines += extra
    left = ["before_title", *left, *([new_node] if new_node else [])]
    right = ["after_title", *right, *([gone_node] if gone_node else [])]
    lines.append("  { rank=same; " + "; ".join(left) + "; }")
    lines.append("  { rank=same; " + "; ".join(right) + "; }")
    for a, b in zip(left, left[1:], strict=False):
        lines.append(f"  {a} -> {b} [style=invis];")
    for a, b in zip(right, right[1:], strict=False):
        lines.append(f"  {a} -> {b} [style=invis];")
    lines.append("  before_title -> after_title [style=invis];")
    biggest = max((x.fte if weight == "fte" else x.units for x in drawn), default=1) or 1
    for x in drawn:
        size = x.fte if weight == "fte" else x.units
        width = 1 + 9 * math.sqrt(size / biggest)
        colour = STYLE["dept_border"] if x.follows else STYLE["moved"]
        style = "solid" if x.follows else "dashed"
        tip = f"{x.before.name} → {x.after.name}: {flow_text(x, lang)}"
        lines.append(
            f"  {node_id('b:', x.before.id)} -> {node_id('a:', x.after.id)} "
            f'[penwidth={width:.2f}, color="{colour}", style={style}, '
            f'tooltip="{attr(tip)}", tailport=e, headport=w, constraint=false];'
        )
    return "\n".join([*lines, "}"]) + "\n"


def flow_panel(d: OrgDiff, lang: Lang, weight: str = "units") -> str:
    """The flow chart's first printed page when the chart needs a page of its own: the title,
    the "what changes" panel and the legend."""
    _, small = flow_groups(d.departments.flows, GROUP_THRESHOLD)
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    lines = graph_head("flowchart", caption(title, summary_line(d, lang)))
    sentences = panel(_w("what_changes", lang), what_changes(d, lang), 70)
    lines.append(f"  panel [label=<{pretty_label(sentences)}>];")
    lines.append(f"  legend [label=<{pretty_label(_legend(d, lang, weight, len(small)))}>];")
    lines.append("  panel -> legend [style=invis];")
    return "\n".join([*lines, "}"]) + "\n"


def _tip(ref: Ref, units: int, fte: float, lang: Lang) -> str:
    return f"{ref.name} · {count_units(units, lang)} · {number(fte, lang)} {t('fte', lang)}"


def _node(
    ref: Ref,
    units: int,
    fte: float,
    marks: list[tuple[str, str]],
    flows: list[str],
    lang: Lang,
    ghost: bool = False,
    new: bool = False,
) -> str:
    colour = STYLE["removed"] if ghost else STYLE["added"] if new else STYLE["dept_border"]
    style = ' STYLE="rounded,dashed"' if ghost else ' STYLE="rounded"'
    border = "3" if new else "1"
    name = f"<S>{esc(ref.name)}</S>" if ghost else esc(ref.name)
    facts = f"{count_units(units, lang)} · {number(fte, lang)} {t('fte', lang)}"
    head = "".join(f"{BR}{font(m, c, STYLE['small'])}" for m, c in marks)
    rows = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(x, STYLE["ink"], STYLE["small"])}</TD></TR>'
        for x in flows
    )
    return pretty_label(
        f'<<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'COLOR="{colour}"{style}>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{STYLE["dept_fill"]}"><B>{name}</B>{head}'
        f"{BR}{font(html.escape(facts), STYLE['muted'], STYLE['small'])}</TD></TR>{rows}"
        "</TABLE>>"
    )


def _legend(d: OrgDiff, lang: Lang, weight: str, grouped: int) -> str:
    items = [
        (_w("lg_follow", lang), STYLE["dept_border"], "solid"),
        (_w("lg_move", lang), STYLE["moved"], "dashed"),
        (_w("lg_width_fte" if weight == "fte" else "lg_width", lang), STYLE["ink"], ""),
        (_w("lg_nodes", lang), STYLE["ink"], ""),
    ]
    if grouped:
        items.append((plural("chart_lg_grouped", grouped, lang), STYLE["ink"], ""))
    rows = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(esc(x, 44), c, STYLE["small"])}</TD></TR>'
        for x, c, _ in items
    )
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="3" COLOR="#4D4D4D">'
        f'<TR><TD ALIGN="LEFT"><B>{esc(_w("legend", lang))}</B></TD></TR>{rows}</TABLE>'
    )


def _added_removed(d: OrgDiff, lang: Lang) -> tuple[list[str], str, str]:
    """Unit additions and removals as flows from "new units" / to "removed units"."""
    lines: list[str] = []
    added: dict[str, int] = defaultdict(int)
    removed: dict[str, int] = defaultdict(int)
    for u in d.units.added:
        added[u.dept.id] += 1
    for u in d.units.removed:
        removed[u.dept.id] += 1
    new_node = gone_node = ""
    if added:
        new_node = "new_units"
        lines.append(f"  new_units [label=<{font(esc(_w('new_units', lang)), STYLE['added'])}>];")
        for dept_id, n in sorted(added.items()):
            lines.append(
                f'  new_units -> {node_id("a:", dept_id)} [color="{STYLE["added"]}", '
                f"style=dashed, headlabel=<+{n}>, tailport=e, headport=w, constraint=false];"
            )
    if removed:
        gone_node = "gone_units"
        label = font(esc(_w("removed_units", lang)), STYLE["removed"])
        lines.append(f"  gone_units [label=<{label}>];")
        for dept_id, n in sorted(removed.items()):
            lines.append(
                f'  {node_id("b:", dept_id)} -> gone_units [color="{STYLE["removed"]}", '
                f"style=dashed, taillabel=<−{n}>, tailport=e, headport=w, constraint=false];"
            )
    return lines, new_node, gone_node

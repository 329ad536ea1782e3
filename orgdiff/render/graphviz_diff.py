"""The diff chart: the after-structure with every change marked, ghosts of ended departments, the
"what changes" panel and a legend; at unit level or department level.

Every change carries a text tag (FLYTTET/→, NY/+, NEDLAGT/−, ~, ⇐), a side bar and a line
style, so it survives greyscale printing and colour-blind reading; fills only help.
The facts come from the result and :mod:`orgdiff.summary`; nothing is analysed here.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..changes import DeptBalance, DeptFate, OrgDiff, PostRef, Ref
from ..i18n import Lang, number, plural, t
from ..structure import DeptNode, Structure
from ..summary import (
    DeptNote,
    Ended,
    carried_origin,
    continuing,
    dept_notes,
    ended,
    what_changes,
)
from .graphviz_cards import (
    BR,
    STYLE,
    Card,
    Row,
    caption,
    columns_for,
    esc,
    fill_columns,
    font,
    graph_head,
    masonry,
    page_table,
    panel,
    pretty_label,
)
from .graphviz_org import (
    chef_tip,
    count_units,
    headings,
    plain_row,
    totals_text,
    tree_rows,
    unit_tip,
)
from .phrases import summary_line

LEVEL_THRESHOLD = 40  # more departments than this: the department level by default


def _w(key: str, lang: Lang, **fields: object) -> str:
    return t("chart_" + key, lang, **fields)


@dataclass(frozen=True)
class DiffParts:
    """The pieces of a diff chart, so pages can be assembled from them."""

    caption: str
    panel: str
    legend: Card
    dept_cards: tuple[Card, ...]  # department level: one box per department, ghosts last
    unit_cards: tuple[Card, ...]  # unit level: a card per department with its units, ghosts last


def auto_level(d: OrgDiff) -> str:
    """``departments`` for charts of more than ~40 departments, else ``units``."""
    n = max(d.before.departments, d.after.departments)
    return "departments" if n > LEVEL_THRESHOLD else "units"


def diff_parts(
    after: Structure,
    d: OrgDiff,
    lang: Lang,
    depth: int | None = None,
    changed_only: bool = False,
    before: Structure | None = None,
    with_units: bool = True,
) -> DiffParts:
    notes = dept_notes(d)
    gone = ended(d)
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    head = caption(title, summary_line(d, lang))
    sentences = what_changes(d, lang, before, after)
    return DiffParts(
        head,
        panel(_w("what_changes", lang), sentences),
        legend(lang),
        tuple(_dept_level_cards(after, d, notes, gone, lang)),
        tuple(_unit_cards(after, d, notes, gone, depth, changed_only, before, lang))
        if with_units
        else (),
    )


def diff_chart(
    after: Structure,
    d: OrgDiff,
    lang: Lang,
    depth: int | None = None,
    changed_only: bool = False,
    before: Structure | None = None,
    level: str = "auto",
) -> str:
    """The whole diff chart as DOT: panel and legend over the cards of ``level``."""
    if level == "auto":
        level = auto_level(d)
    parts = diff_parts(after, d, lang, depth, changed_only, before, level == "units")
    cards = parts.unit_cards if level == "units" else parts.dept_cards
    return assemble("diffchart", parts.caption, [parts.panel], (parts.legend, *cards))


def assemble(
    name: str,
    caption: str,
    top: Sequence[str],
    cards: Sequence[Card],
    width: float | None = None,
    ncols: int | None = None,
) -> str:
    """A chart of cards under ``top``; ``width``: fill a page that wide with columns."""
    if ncols is None:
        ncols = columns_for(cards, width) if width is None else fill_columns(cards, width)
    lines = graph_head(name, caption)
    lines.append(f"  chart [label={pretty_label(page_table(top, masonry(cards, ncols)))}];")
    return "\n".join([*lines, "}"]) + "\n"


# --- department level -----------------------------------------------------------------------------


def _dept_level_cards(
    after: Structure, d: OrgDiff, notes: dict[str, DeptNote], gone: tuple[Ended, ...], lang: Lang
) -> list[Card]:
    before_rows = {r.dept.id: r for r in d.balance.before}
    preds: dict[str, list[str]] = defaultdict(list)
    for p in (*d.departments.kept, *d.departments.renamed):
        preds[p.after.id].append(p.before.id)
    for m in d.departments.merged:
        for r in m.sources:
            if r not in notes[m.target.id].absorbed:
                preds[m.target.id].append(r.id)
    added_chefs = {p.dept.id for p in d.chef_posts.added}
    cards = []
    for dept, totals in zip(after.depts, d.balance.after, strict=True):
        note = notes[dept.id]
        header = _header(dept, note, added_chefs, lang, short=True)
        prev = [before_rows[b] for b in preds.get(dept.id, []) if b in before_rows]
        rows = _figures(totals, prev[0] if len(prev) == 1 else None, lang)
        rows += _flow_rows(note, lang)
        card = _dept_card(after, dept, note, header, rows, totals, lang, heading=False)
        cards.append(replace(card, fte_column=False))
    cards += [_ghost_card(g, [], lang) for g in gone]
    return cards


def _figures(totals: DeptBalance, prev: DeptBalance | None, lang: Lang) -> list[Row]:
    a_u, a_f = number(totals.units, lang), number(totals.fte, lang)
    if prev is not None and (prev.units, prev.fte) != (totals.units, totals.fte):
        b_u, b_f = number(prev.units, lang), number(prev.fte, lang)
        return [
            Row(1, esc(_w("units_ba", lang, b=b_u, a=a_u))),
            Row(1, esc(_w("fte_ba", lang, b=b_f, a=a_f))),
        ]
    units = plural("chart_units_a", totals.units, lang)
    return [Row(1, esc(units + " · " + _w("fte_a", lang, a=a_f)))]


def _flow_rows(note: DeptNote, lang: Lang) -> list[Row]:
    rows = []
    for key, shares, colour in (
        ("carried", note.carried, STYLE["carried"]),
        ("takes", note.takes, STYLE["moved"]),
        ("gives", note.gives, STYLE["moved"]),
    ):
        for s in shares:
            text = _w(key, lang, units=count_units(s.units, lang), x=s.dept.name)
            rows.append(
                Row(1, esc(text), bar=colour, border="dotted" if key != "carried" else None)
            )
    if note.added_units:
        text = plural("chart_added_units", note.added_units, lang)
        rows.append(Row(1, esc(text), bar=STYLE["added"], border="solid"))
    if note.removed_units:
        text = plural("chart_went_removed", note.removed_units, lang)
        rows.append(
            Row(1, font(esc(text), STYLE["removed"]), bar=STYLE["removed"], border="dashed")
        )
    return rows


# --- headers, ghosts ------------------------------------------------------------------------------


def _header(
    dept: DeptNode, note: DeptNote, added_chefs: set[str], lang: Lang, short: bool = False
) -> list[tuple[str, bool]]:
    header = [(f"<B>{esc(dept.name)}</B>", False)]
    if note.fate is DeptFate.ADDED:
        header.append((font(f"<B>+ {esc(_w('tag_new_dept', lang))}</B>", STYLE["added"]), True))
    if note.formerly:
        header.append(
            (font("~ " + esc(_w("formerly", lang, x=note.formerly)), STYLE["changed"]), True)
        )
    if note.merged_from and len(note.absorbed) == len(note.merged_from):
        names = " + ".join(r.name for r in note.merged_from)
        header.append((font("⇐ " + esc(_w("merged_from", lang, x=names)), STYLE["ink"]), True))
    elif note.absorbed and not short:
        # a department that continues and takes over (part of) others: said once, by the rows
        pass
    if dept.chef is not None:
        chef = f"<I>{esc(dept.chef.title)}</I>"
        tagged = f"+ {chef} ({esc(_w('tag_new', lang))})"
        header.append((font(tagged, STYLE["added"]) if dept.id in added_chefs else chef, False))
    return header


def _dept_card(
    after: Structure,
    dept: DeptNode,
    note: DeptNote,
    header: list[tuple[str, bool]],
    rows: list[Row],
    totals: DeptBalance,
    lang: Lang,
    heading: bool = True,
) -> Card:
    new = note.fate is DeptFate.ADDED
    tip = [dept.name]
    if dept.chef is not None:
        tip.append(chef_tip(after, dept.index, lang))
    tip.append(f"{count_units(totals.units, lang)} · {number(totals.fte, lang)} {t('fte', lang)}")
    return Card(
        tuple(header),
        tuple(rows),
        STYLE["added"] if new else STYLE["dept_border"],
        heading=headings(lang) if heading else None,
        tip=" · ".join(tip),
        border_width=3 if new else 1,
    )


def _ghost_card(g: Ended, rows: list[Row], lang: Lang) -> Card:
    key = {DeptFate.SPLIT: "ends_split", DeptFate.REMOVED: "ends_removed"}.get(
        g.fate, "ends_merged"
    )
    header: list[tuple[str, bool]] = [
        (font(f"<B><S>{esc(g.dept.name)}</S></B>", STYLE["removed"]), False),
        (font(f"<B>− {esc(_w(key, lang))}</B>", STYLE["removed"]), True),
    ]
    if g.chef_removed is not None:
        header.append((_ghost_post(g.chef_removed, lang), True))
    went = [
        Row(1, esc(_w("gives", lang, units=count_units(s.units, lang), x=s.dept.name)))
        for s in g.went
    ]
    if g.removed_units:
        text = plural("chart_went_removed", g.removed_units, lang)
        went.append(Row(1, font(esc(text), STYLE["removed"])))
    tip = (
        g.dept.name
        + " · "
        + "; ".join(f"{count_units(s.units, lang)} → {s.dept.name}" for s in g.went)
    )
    return Card(tuple(header), tuple(went + rows), STYLE["removed"], "rounded,dashed", tip=tip)


def _ghost_post(p: PostRef, lang: Lang) -> str:
    return font(f"− <S>{esc(p.title)}</S> ({esc(_w('post_removed', lang))})", STYLE["removed"])


def legend(lang: Lang) -> Card:
    rows = (
        Row(
            1,
            esc(_w("lg_moved", lang)),
            fill=STYLE["moved_fill"],
            border="dotted",
            bar=STYLE["moved"],
        ),
        Row(
            1,
            esc(_w("lg_added", lang)),
            fill=STYLE["added_fill"],
            border="solid",
            bar=STYLE["added"],
        ),
        Row(
            1,
            font(esc(_w("lg_removed", lang)), STYLE["removed"]),
            border="dashed",
            bar=STYLE["removed"],
        ),
        Row(1, font(esc(_w("lg_changed", lang)), STYLE["changed"]), bar=STYLE["changed"]),
        Row(1, esc(_w("lg_carried", lang)), bar=STYLE["carried"]),
        Row(1, esc(_w("lg_ghost", lang), 40)),
        Row(1, font(esc(_w("lg_bar", lang), 40), STYLE["muted"])),
    )
    title = ((f"<B>{esc(_w('legend', lang))}</B>", False),)
    return Card(title, rows, "#4D4D4D", fte_column=False)


# --- unit level -----------------------------------------------------------------------------------


def _unit_cards(
    after: Structure,
    d: OrgDiff,
    notes: dict[str, DeptNote],
    gone: tuple[Ended, ...],
    depth: int | None,
    changed_only: bool,
    before: Structure | None,
    lang: Lang,
) -> list[Card]:
    index = {u.id: u.index for u in after.units}
    origin = carried_origin(before, after, d) if before is not None else {}
    marks = _unit_marks(after, d, index, origin, lang)
    marked = set(marks)
    ghosts = _ghost_units(d, gone, lang)
    sizes = after.subtree_sizes()
    added_chefs = {p.dept.id for p in d.chef_posts.added}
    per_dept = after.dept_units()
    cards: list[Card] = []
    for dept, totals in zip(after.depts, d.balance.after, strict=True):
        note = notes[dept.id]
        header = _header(dept, note, added_chefs, lang)
        header += [(font(esc(r.name_text), STYLE["ink"]), True) for r in _note_lines(note, lang)]
        header.append((totals_text(totals, lang), True))
        rows: list[Row] = []
        units_here = per_dept[dept.index]
        touched = note.changed or bool(marked.intersection(units_here))
        if changed_only and not touched:
            text = f"{_w('unchanged_dept', lang)} · {count_units(len(units_here), lang)}"
            header.append((esc(text), True))
        elif changed_only:
            keep = _with_ancestors(after, marked.intersection(units_here))
            _changed_rows(after, after.top[dept.index], sizes, keep, marks, origin, 2, lang, rows)
        else:
            top = list(after.top[dept.index])
            _origin_runs(after, top, sizes, depth, lang, rows, marks, origin)
        rows += ghosts.get(dept.id, [])
        cards.append(_dept_card(after, dept, note, header, rows, totals, lang))
    for g in gone:
        cards.append(_ghost_card(g, ghosts.get("x:" + g.dept.id, []), lang))
    return cards


@dataclass(frozen=True)
class _Line:
    name_text: str


def _note_lines(note: DeptNote, lang: Lang) -> list[_Line]:
    """The department's give-and-take, one short line each (under its header)."""
    out = []
    for key, shares in (("carried", note.carried), ("takes", note.takes), ("gives", note.gives)):
        for s in shares:
            out.append(_Line(_w(key, lang, units=count_units(s.units, lang), x=s.dept.name)))
    return out


def _origin_runs(
    s: Structure,
    top: list[int],
    sizes: list[int],
    depth: int | None,
    lang: Lang,
    out: list[Row],
    marks: dict[int, Row],
    origin: dict[int, Ref],
) -> None:
    """Top-level units, with a small heading before each run carried in from one department."""
    last: Ref | None = None
    for i in top:
        src = origin.get(i)
        if src is not None and src != last:
            name = src.name
            out.append(
                Row(
                    1, font(f"<I>{esc(_w('origin', lang, x=name))}</I>", STYLE["muted"]), small=True
                )
            )
        last = src
        tree_rows(s, [i], sizes, 2, depth, lang, out, marks)


def _with_ancestors(s: Structure, units: set[int]) -> set[int]:
    keep: set[int] = set()
    for i in units:
        j: int | None = i
        while j is not None and j not in keep:
            keep.add(j)
            j = s.units[j].parent
    return keep


def _changed_rows(
    s: Structure,
    units: Sequence[int],
    sizes: list[int],
    keep: set[int],
    marks: dict[int, Row],
    origin: dict[int, Ref],
    level: int,
    lang: Lang,
    out: list[Row],
) -> None:
    """Changed units and their ancestors; each run of unchanged siblings becomes one line,
    counted apart from units that came with a merge or split (those are not "unchanged")."""
    hidden: dict[str, int] = {}

    def flush() -> None:
        for name, n in hidden.items():
            text = (
                plural("chart_carried_more", n, lang, x=name)
                if name
                else plural("chart_unchanged_more", n, lang)
            )
            out.append(Row(level - 1, font(esc(text), STYLE["muted"]), small=True))
        hidden.clear()

    for i in units:
        if i not in keep:
            src = origin.get(i)
            key = src.name if src is not None else ""
            hidden[key] = hidden.get(key, 0) + sizes[i]
            continue
        flush()
        out.append(marks.get(i) or plain_row(s, i, lang))
        _changed_rows(s, s.kids[i], sizes, keep, marks, origin, level + 1, lang, out)
    flush()


def _unit_marks(
    s: Structure, d: OrgDiff, index: dict[str, int], origin: dict[int, Ref], lang: Lang
) -> dict[int, Row]:
    """The row of every changed unit of `after`, by unit index: tag, side bar, line style."""
    notes: dict[int, list[str]] = defaultdict(list)
    kind: dict[int, str] = {}
    for m in d.units.moved:
        i = index[m.after.id]
        kind[i] = "moved"
        notes[i].append(esc(_w("from", lang, x=m.before.dept.name)))
    for ref in d.units.added:
        kind[index[ref.id]] = "added"
    for c in d.units.renamed:
        i = index[c.after.id]
        kind.setdefault(i, "changed")
        notes[i].append(esc(_w("formerly", lang, x=c.before.name)))
    for c in d.units.reparented:
        kind.setdefault(index[c.after.id], "changed")
    for i in origin:
        kind.setdefault(i, "carried")
    fte_was = {c.unit.id: c.before for c in d.units.fte_changed}
    leader_added = {p.unit.id for p in d.leader_posts.added if p.unit is not None}
    leader_removed = {p.unit.id: p for p in d.leader_posts.removed if p.unit is not None}
    touched = set(kind) | {index[i] for i in fte_was} | {index[i] for i in leader_added}
    touched |= {index[i] for i in leader_removed if i in index}
    tags = {
        "moved": ("→ ", _w("tag_moved", lang), STYLE["moved"], STYLE["moved_fill"], "dotted"),
        "added": ("+ ", _w("tag_new", lang), STYLE["added"], STYLE["added_fill"], "solid"),
        "changed": ("~ ", "", STYLE["changed"], None, None),
        "carried": ("⇐ ", "", STYLE["carried"], None, None),
    }
    marks: dict[int, Row] = {}
    for i in sorted(touched):
        u = s.units[i]
        sym, tag, colour, fill, border = tags.get(kind.get(i, ""), ("", "", None, None, None))
        name = esc(u.name)
        if sym:
            label = f"<B>{html.escape(sym)}{html.escape(tag)}</B>" + (" " if tag else "")
            name = font(label, colour) + name
        leader = ""
        if u.leader is not None:
            leader = esc(u.leader.title)
            if u.id in leader_added:
                leader = font(f"+ {leader} ({esc(_w('tag_new', lang))})", STYLE["added"])
        elif u.id in leader_removed:
            leader = font(f"− <S>{esc(leader_removed[u.id].title)}</S>", STYLE["removed"])
        fte = number(u.fte, lang) if u.model.fte is not None else ""
        if u.id in fte_was:
            fte = f"{number(fte_was[u.id], lang)} → {fte}"
            colour = colour or STYLE["changed"]
        tip = unit_tip(s, i, lang)
        if i in origin and not notes[i]:
            tip += " · " + _w("from", lang, x=origin[i].name)
        if notes[i]:
            tip += " · " + " · ".join(html.unescape(n.replace(BR, " ")) for n in notes[i])
        marks[i] = Row(u.depth, name, leader, fte, " · ".join(notes[i]), fill, border, colour, tip)
    return marks


def _ghost_units(d: OrgDiff, gone: tuple[Ended, ...], lang: Lang) -> dict[str, list[Row]]:
    """Removed units, by the after-department that continues theirs (or the ghost, "x:id")."""
    cont = continuing(d)
    ended_ids = {g.dept.id for g in gone}
    tag = esc(_w("tag_removed", lang))
    rows: dict[str, list[Row]] = defaultdict(list)
    for u in d.units.removed:
        home = cont.get(u.dept.id)
        key = "x:" + u.dept.id if u.dept.id in ended_ids or home is None else home
        name = font(f"<B>− {tag}</B> <S>{esc(u.name)}</S>", STYLE["removed"])
        rows[key].append(
            Row(
                max(1, len(u.path) - 1),
                name,
                border="dashed",
                bar=STYLE["removed"],
                tip=" › ".join(u.path),
            )
        )
    return rows

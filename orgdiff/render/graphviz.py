"""Graphviz charts: the org chart of one structure, the diff chart and the flow chart.

Each chart is built as DOT text by pure functions; :func:`render` hands it to the real ``dot``
program. All user text enters DOT through :func:`esc` (one boundary). Node ids derive from model
ids, never from memory addresses or random numbers, so the same input gives the same SVG.

Colours are the Okabe–Ito palette (safe for colour-blind readers) and every change also has a
symbol and a line style: → moved, + added, − removed (dashed, struck through), ~ changed.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..balance import dept_balance
from ..changes import DeptBalance, DeptFate, OrgDiff, PostRef, Ref, UnitRef
from ..errors import OrgdiffError
from ..i18n import Lang, number, t
from ..structure import DeptNode, Structure
from .phrases import flow_text, summary_line

WRAP = 34  # characters per line of a name before it wraps
STYLE: dict[str, str] = {
    "font": "DejaVu Sans",
    "font_size": "11",
    "small": "9",
    "ink": "#1A1A1A",
    "muted": "#5F5F5F",
    "dept_border": "#0072B2",
    "dept_fill": "#DCEBF7",
    "moved": "#E69F00",
    "moved_fill": "#FBE3B0",
    "added": "#009E73",
    "added_fill": "#CDEFE4",
    "removed": "#D55E00",
    "changed": "#0072B2",
    "edge": "#7F7F7F",
}

_WORDS: dict[str, tuple[str, str]] = {
    "legend": ("Legend", "Signaturforklaring"),
    "lg_moved": ("→ moved here (from …)", "→ flyttet hertil (fra …)"),
    "lg_added": ("+ new unit or post", "+ ny enhed eller stilling"),
    "lg_removed": ("− removed (dashed, struck through)", "− nedlagt (stiplet, overstreget)"),
    "lg_changed": (
        "~ renamed or placed elsewhere in the department",
        "~ omdøbt eller placeret andetsteds i afdelingen",
    ),
    "from": ("from {x}", "fra {x}"),
    "merged_from": ("merged from {x}", "sammenlagt af {x}"),
    "split_from": ("part of {x}", "del af {x}"),
    "formerly": ("formerly {x}", "tidl. {x}"),
    "new_dept": ("new department", "ny afdeling"),
    "removed_dept": ("department removed", "afdeling nedlagt"),
    "removed_post": ("post removed", "stilling nedlagt"),
    "more": ("+{n} units", "+{n} enheder"),
    "unchanged_more": ("+{n} unchanged units", "+{n} uændrede enheder"),
    "unchanged_dept": ("unchanged", "uændret"),
    "new_units": ("new units", "nye enheder"),
    "removed_units": ("removed units", "nedlagte enheder"),
    "was": ("was {x}", "var {x}"),
}


def _w(key: str, lang: Lang, **fields: object) -> str:
    en, da = _WORDS[key]
    return (da if lang == "da" else en).format(**fields)


class GraphvizMissing(OrgdiffError):
    """The ``dot`` program is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Graphviz's `dot` program is not installed, so charts cannot be drawn. Install it "
            "with `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` "
            "(macOS); `--format dot` writes the DOT source without it."
        )


class RenderError(OrgdiffError):
    """``dot`` failed on a chart."""


# --- the one boundary for user text ---------------------------------------------------------------


def esc(s: str, wrap: int | None = None) -> str:
    """User text as HTML-label text: escaped, no control characters, long names wrapped."""
    clean = "".join(ch if ch.isprintable() else " " for ch in s)
    clean = " ".join(clean.split())
    width = wrap if wrap is not None else WRAP
    lines = textwrap.wrap(clean, width, break_long_words=True, break_on_hyphens=False) or [""]
    return '<BR ALIGN="LEFT"/>'.join(html.escape(line, quote=True) for line in lines)


def _id(prefix: str, ident: str) -> str:
    """A quoted DOT node id made from a model id."""
    return '"' + (prefix + ident).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _font(text: str, color: str | None = None, size: str | None = None) -> str:
    attrs = (f' COLOR="{color}"' if color else "") + (f' POINT-SIZE="{size}"' if size else "")
    return f"<FONT{attrs}>{text}</FONT>" if attrs else text


# --- cards ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a department card."""

    depth: int
    name: str  # already escaped HTML
    leader: str = ""  # already escaped HTML
    fte: str = ""
    note: str = ""  # already escaped HTML, small, under the name
    fill: str | None = None
    border: str | None = None  # "dashed" for ghosts


MAX_ROWS = 14  # rows per column of a card; taller cards get more columns
# Heights in points as this Graphviz lays out HTML tables (measured with `dot -Tplain`):
# a row is 7 pt plus 11 pt per line of 11-pt text and 8 pt per line of 9-pt text.
ROW_BASE, LINE_BIG, LINE_SMALL = 7, 11, 8


def _lines(fragment: str) -> int:
    return fragment.count("<BR") + 1 if fragment else 0


def _row_height(r: Row) -> int:
    return (
        ROW_BASE
        + LINE_BIG * _lines(r.name)
        + LINE_SMALL * (_lines(r.leader) + _lines(r.note))
        + (2 if r.border else 0)
    )


def _row_cells(r: Row) -> str:
    pad = "&#160;" * (3 * (r.depth - 1))
    text = f"{pad}{r.name}"
    if r.leader:
        text += f'<BR ALIGN="LEFT"/>{pad}{_font(r.leader, STYLE["muted"], STYLE["small"])}'
    if r.note:
        text += f'<BR ALIGN="LEFT"/>{pad}{_font(r.note, STYLE["ink"], STYLE["small"])}'
    attrs = f' BGCOLOR="{r.fill}"' if r.fill else ""
    if r.border:
        attrs += f' BORDER="1" STYLE="{r.border}" COLOR="{STYLE["removed"]}"'
    return (
        f'<TD ALIGN="LEFT" BALIGN="LEFT"{attrs}>{text}</TD>'
        f'<TD ALIGN="RIGHT" VALIGN="TOP"{attrs}>{r.fte}</TD>'
    )


@dataclass(frozen=True)
class Card:
    """A department card: header lines (HTML, big or small text), then unit rows in columns."""

    header: tuple[tuple[str, bool], ...]  # (HTML, is small text)
    rows: tuple[Row, ...]
    border: str
    style: str = "rounded"

    @property
    def columns(self) -> int:
        return max(1, math.ceil(len(self.rows) / MAX_ROWS))

    def _chunks(self) -> list[tuple[Row, ...]]:
        per = math.ceil(len(self.rows) / self.columns) if self.rows else 0
        return [self.rows[i * per : (i + 1) * per] for i in range(self.columns)] if per else []

    def height(self) -> int:
        """The card's height in points, as Graphviz will lay it out."""
        head = ROW_BASE + sum(
            (LINE_SMALL if small else LINE_BIG) * _lines(h) for h, small in self.header
        )
        body = max((sum(_row_height(r) for r in c) for c in self._chunks()), default=0)
        return 2 + head + body

    def html(self, filler: int = 0) -> str:
        """The card as an HTML table; ``filler`` points of empty space at the bottom."""
        cols = self.columns
        head = '<BR ALIGN="LEFT"/>'.join(
            _font(h, STYLE["muted"], STYLE["small"]) if small else h for h, small in self.header
        )
        out = [
            f'<TR><TD COLSPAN="{2 * cols}" ALIGN="LEFT" BALIGN="LEFT" '
            f'BGCOLOR="{STYLE["dept_fill"]}">{head}</TD></TR>'
        ]
        chunks = self._chunks()
        for line in range(len(chunks[0]) if chunks else 0):
            cells = "".join(
                _row_cells(c[line]) if line < len(c) else "<TD></TD><TD></TD>" for c in chunks
            )
            out.append(f"<TR>{cells}</TR>")
        if filler > 1:
            out.append(f'<TR><TD COLSPAN="{2 * cols}" HEIGHT="{filler}"></TD></TR>')
        return (
            f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
            f'STYLE="{self.style}" COLOR="{self.border}">' + "".join(out) + "</TABLE>"
        )


def _grid(cards: list[Card]) -> str:
    """Cards in rows of column slots, top-aligned, about as wide as an A4 landscape page.

    Graphviz stretches a table to the height of its row, spreading the extra over every line;
    shorter cards get a filler at the bottom instead, so their lines stay together.
    """
    rows = _partition(cards)
    slots = max(sum(c.columns for c in row) for row in rows)
    body = []
    for row in rows:
        tallest = max(c.height() for c in row)
        cells = [
            f'<TD COLSPAN="{c.columns}" VALIGN="TOP">{c.html(tallest - c.height())}</TD>'
            for c in row
        ]
        rest = slots - sum(c.columns for c in row)
        if rest > 0:
            cells.append(f'<TD COLSPAN="{rest}"></TD>')
        body.append("<TR>" + "".join(cells) + "</TR>")
    return f'<<TABLE BORDER="0" CELLSPACING="10" CELLPADDING="0">{"".join(body)}</TABLE>>'


def _partition(cards: list[Card]) -> list[list[Card]]:
    """Split the cards, in order, into rows of about five columns with the widest row narrowest."""
    weights = [c.columns for c in cards]
    n_rows = max(1, math.ceil(sum(weights) / 5)) if sum(weights) > 5 else 1
    n_rows = min(n_rows, len(cards))
    # best[k][i]: the narrowest widest row when the first i cards go in k rows
    inf = float("inf")
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    best = [[inf] * (len(cards) + 1) for _ in range(n_rows + 1)]
    cut = [[0] * (len(cards) + 1) for _ in range(n_rows + 1)]
    best[0][0] = 0
    for k in range(1, n_rows + 1):
        for i in range(1, len(cards) + 1):
            for j in range(k - 1, i):
                width = max(best[k - 1][j], prefix[i] - prefix[j])
                if width < best[k][i]:
                    best[k][i], cut[k][i] = width, j
    rows: list[list[Card]] = []
    i = len(cards)
    for k in range(n_rows, 0, -1):
        j = cut[k][i]
        rows.insert(0, cards[j:i])
        i = j
    return rows


def _graph_head(name: str, lang: Lang, caption: str, rankdir: str = "TB") -> list[str]:
    f = STYLE["font"]
    return [
        f"digraph {name} {{",
        f'  graph [rankdir={rankdir}, fontname="{f}", fontsize=16, labelloc=t, labeljust=l, '
        f"nodesep=0.25, ranksep=0.5, newrank=true, label=<{caption}>];",
        f'  node [fontname="{f}", fontsize={STYLE["font_size"]}, shape=plain, '
        f'color="{STYLE["ink"]}", fontcolor="{STYLE["ink"]}"];',
        f'  edge [fontname="{f}", fontsize={STYLE["small"]}, color="{STYLE["edge"]}", '
        "arrowsize=0.5];",
    ]


def _fte(x: float, lang: Lang) -> str:
    return number(x, lang)


# --- the org chart of one structure ---------------------------------------------------------------


def org_chart(s: Structure, lang: Lang, depth: int | None = None) -> str:
    """The structure: a header with the totals, then a card per department with its units."""
    top, kids = s.top, s.kids
    sizes = s.subtree_sizes()
    cards = []
    for d, totals in zip(s.depts, dept_balance(s), strict=True):
        rows: list[Row] = []
        _tree_rows(s, top[d.index], kids, sizes, 2, depth, lang, rows, {})
        header = [(f"<B>{esc(d.name)}</B>", False)]
        if d.chef:
            header.append((f"<I>{esc(d.chef.title)}</I>", False))
        header.append((_totals(totals, lang), True))
        cards.append(Card(tuple(header), tuple(rows), STYLE["dept_border"]))
    lines = _graph_head("orgchart", lang, _root_label(s, lang))
    lines.append(f"  chart [label={_grid(cards)}];")
    return "\n".join([*lines, "}"]) + "\n"


def _root_label(s: Structure, lang: Lang) -> str:
    chefs = sum(1 for d in s.depts if d.chef is not None)
    fte = sum(u.fte for u in s.units)
    facts = (
        f"{len(s.depts)} {t('departments', lang)} · {_count(len(s.units), lang)} · "
        f"{_fte(fte, lang)} {t('fte', lang)} · {chefs} {t('chef_posts', lang)}"
    )
    return (
        f"<B>{esc(s.org.organisation, 200)}</B> · {esc(s.org.model, 200)}"
        f'<BR ALIGN="LEFT"/>{_font(html.escape(facts), STYLE["muted"], STYLE["font_size"])}'
    )


def _count(n: int, lang: Lang) -> str:
    return f"{number(n, lang)} {t('unit' if n == 1 else 'units', lang)}"


def _tree_rows(
    s: Structure,
    units: Sequence[int],
    kids: Sequence[Sequence[int]],
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
        out.append(Row(level - 1, _font(_w("more", lang, n=number(hidden, lang)), STYLE["muted"])))
        return
    for i in units:
        u = s.units[i]
        row = marks.get(i) or Row(
            level - 1,
            esc(u.name),
            esc(u.leader.title) if u.leader else "",
            _fte(u.fte, lang) if u.model.fte is not None else "",
        )
        out.append(row)
        _tree_rows(s, kids[i], kids, sizes, level + 1, depth, lang, out, marks)


# --- the diff chart -------------------------------------------------------------------------------


def diff_chart(
    after: Structure,
    d: OrgDiff,
    lang: Lang,
    depth: int | None = None,
    changed_only: bool = False,
) -> str:
    """The after-structure with every change marked, ghosts of what was removed, and a legend."""
    top, kids = after.top, after.kids
    sizes = after.subtree_sizes()
    index = {u.id: u.index for u in after.units}
    marks = _unit_marks(after, d, index, lang)
    ghosts, ghost_posts = _ghosts(d)
    fates = {ref.id: fate for ref, fate in d.departments.fates_after}
    cards: list[Card] = []
    changed_units = set(marks)
    added_chefs = {p.dept.id for p in d.chef_posts.added}
    per_dept = after.dept_units()
    for dept, totals in zip(after.depts, d.balance.after, strict=True):
        header = _dept_header(dept, totals, d, fates.get(dept.id), added_chefs, ghost_posts, lang)
        rows: list[Row] = []
        units_here = per_dept[dept.index]
        touched = bool(
            changed_units.intersection(units_here)
            or ghosts.get(dept.id)
            or fates.get(dept.id) is not DeptFate.KEPT
            or ghost_posts.get(dept.id)
        )
        if changed_only and not touched:
            header.append(
                (esc(f"{_w('unchanged_dept', lang)} · {_count(len(units_here), lang)}"), True)
            )
        elif changed_only:
            keep = _with_ancestors(after, changed_units.intersection(units_here))
            _changed_rows(after, top[dept.index], kids, sizes, keep, marks, 2, lang, rows)
        else:
            _tree_rows(after, top[dept.index], kids, sizes, 2, depth, lang, rows, marks)
        rows += ghosts.get(dept.id, [])
        border = STYLE["added"] if fates.get(dept.id) is DeptFate.ADDED else STYLE["dept_border"]
        cards.append(Card(tuple(header), tuple(rows), border))
    for ref, rows in _removed_departments(d, ghosts, ghost_posts, lang):
        header = [
            (f"<B><S>{esc(ref.name)}</S></B>", False),
            (_font(f"− {esc(_w('removed_dept', lang))}", STYLE["removed"]), True),
        ]
        cards.append(Card(tuple(header), tuple(rows), STYLE["removed"], "rounded,dashed"))
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    caption = f'<B>{esc(title, 200)}</B><BR ALIGN="LEFT"/>{esc(summary_line(d, lang), 200)}'
    lines = _graph_head("diffchart", lang, caption)
    lines.append(f"  chart [label={_grid([*cards, _legend(lang)])}];")
    return "\n".join([*lines, "}"]) + "\n"


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
    kids: Sequence[Sequence[int]],
    sizes: list[int],
    keep: set[int],
    marks: dict[int, Row],
    level: int,
    lang: Lang,
    out: list[Row],
) -> None:
    """Changed units and their ancestors; each run of unchanged siblings becomes one line."""
    hidden = 0
    for i in units:
        if i not in keep:
            hidden += sizes[i]
            continue
        if hidden:
            out.append(Row(level - 1, _font(_w("unchanged_more", lang, n=hidden), STYLE["muted"])))
            hidden = 0
        u = s.units[i]
        out.append(
            marks.get(i)
            or Row(
                level - 1,
                esc(u.name),
                esc(u.leader.title) if u.leader else "",
                _fte(u.fte, lang) if u.model.fte is not None else "",
            )
        )
        _changed_rows(s, kids[i], kids, sizes, keep, marks, level + 1, lang, out)
    if hidden:
        out.append(Row(level - 1, _font(_w("unchanged_more", lang, n=hidden), STYLE["muted"])))


def _unit_marks(s: Structure, d: OrgDiff, index: dict[str, int], lang: Lang) -> dict[int, Row]:
    """The row of every changed unit of `after`, by unit index."""
    notes: dict[int, list[str]] = defaultdict(list)
    prefix: dict[int, str] = {}
    fill: dict[int, str] = {}
    for m in d.units.moved:
        i = index[m.after.id]
        prefix[i] = "→ "
        fill[i] = STYLE["moved_fill"]
        notes[i].append(esc(_w("from", lang, x=m.before.dept.name)))
    for ref in d.units.added:
        i = index[ref.id]
        prefix[i] = "+ "
        fill[i] = STYLE["added_fill"]
    for c in d.units.renamed:
        i = index[c.after.id]
        prefix.setdefault(i, "~ ")
        notes[i].append(esc(_w("formerly", lang, x=c.before.name)))
    for c in d.units.reparented:
        prefix.setdefault(index[c.after.id], "~ ")
    fte_was = {c.unit.id: c.before for c in d.units.fte_changed}
    leader_added = {p.unit.id for p in d.leader_posts.added if p.unit is not None}
    leader_removed = {p.unit.id: p for p in d.leader_posts.removed if p.unit is not None}
    marks: dict[int, Row] = {}
    touched = set(prefix) | {index[i] for i in fte_was} | {index[i] for i in leader_added}
    touched |= {index[i] for i in leader_removed if i in index}
    for i in sorted(touched):
        u = s.units[i]
        sym = prefix.get(i, "")
        colour = {"→ ": STYLE["moved"], "+ ": STYLE["added"], "~ ": STYLE["changed"]}.get(sym)
        name = (_font(f"<B>{html.escape(sym)}</B>", colour) if sym else "") + esc(u.name)
        leader = ""
        if u.leader is not None:
            leader = esc(u.leader.title)
            if u.id in leader_added:
                leader = _font(f"+ {leader}", STYLE["added"])
        elif u.id in leader_removed:
            leader = _font(f"− <S>{esc(leader_removed[u.id].title)}</S>", STYLE["removed"])
        fte = _fte(u.fte, lang) if u.model.fte is not None else ""
        if u.id in fte_was:
            fte = f"{_fte(fte_was[u.id], lang)} → {fte}"
        marks[i] = Row(u.depth, name, leader, fte, " · ".join(notes[i]), fill.get(i))
    return marks


def _successor(d: OrgDiff) -> dict[str, str]:
    """Where a before-department's removed things are shown: its (first) successor."""
    out: dict[str, str] = {}
    for p in d.departments.kept + d.departments.renamed:
        out[p.before.id] = p.after.id
    for m in d.departments.merged:
        for r in m.sources:
            out[r.id] = m.target.id
    for sp in d.departments.split:
        out[sp.source.id] = sp.targets[0].id
    return out


def _ghost_row(u: UnitRef) -> Row:
    depth = max(1, len(u.path) - 1)
    name = _font(f"<B>−</B> <S>{esc(u.name)}</S>", STYLE["removed"])
    return Row(depth, name, border="dashed")


def _ghost_post(p: PostRef, lang: Lang) -> str:
    return _font(f"− <S>{esc(p.title)}</S> ({esc(_w('removed_post', lang))})", STYLE["removed"])


def _ghosts(d: OrgDiff) -> tuple[dict[str, list[Row]], dict[str, list[PostRef]]]:
    """Removed units and chef posts, by the after-department (or removed one) that shows them."""
    succ = _successor(d)
    rows: dict[str, list[Row]] = defaultdict(list)
    posts: dict[str, list[PostRef]] = defaultdict(list)
    for u in d.units.removed:
        rows[succ.get(u.dept.id, "x:" + u.dept.id)].append(_ghost_row(u))
    for p in d.chef_posts.removed:
        posts[succ.get(p.dept.id, "x:" + p.dept.id)].append(p)
    return rows, posts


def _dept_header(
    dept: DeptNode,
    totals: DeptBalance,
    d: OrgDiff,
    fate: DeptFate | None,
    added_chefs: set[str],
    ghost_posts: dict[str, list[PostRef]],
    lang: Lang,
) -> list[tuple[str, bool]]:
    header = [(f"<B>{esc(dept.name)}</B>", False)]
    note = _dept_note(d, dept.id, fate, lang)
    if note:
        header.append((note, True))
    if dept.chef is not None:
        chef = f"<I>{esc(dept.chef.title)}</I>"
        header.append(
            (_font(f"+ {chef}", STYLE["added"]) if dept.id in added_chefs else chef, False)
        )
    header += [(_ghost_post(p, lang), True) for p in ghost_posts.get(dept.id, [])]
    header.append((_totals(totals, lang), True))
    return header


def _totals(row: DeptBalance, lang: Lang) -> str:
    """``5 enheder · 78 årsværk``."""
    return html.escape(f"{_count(row.units, lang)} · {_fte(row.fte, lang)} {t('fte', lang)}")


def _dept_note(d: OrgDiff, dept_id: str, fate: DeptFate | None, lang: Lang) -> str:
    def names(refs: Iterable[Ref]) -> str:
        return " + ".join(r.name for r in refs)

    notes = []
    for m in d.departments.merged:
        if m.target.id == dept_id:
            notes.append(_w("merged_from", lang, x=names(m.sources)))
    for sp in d.departments.split:
        if any(r.id == dept_id for r in sp.targets):
            notes.append(_w("split_from", lang, x=sp.source.name))
    for p in d.departments.renamed:
        if p.after.id == dept_id:
            notes.append(_w("formerly", lang, x=p.before.name))
    if fate is DeptFate.ADDED:
        return _font(f"<B>+</B> {esc(_w('new_dept', lang))}", STYLE["added"])
    if not notes:
        return ""
    return _font("~ " + '<BR ALIGN="LEFT"/>~ '.join(esc(n) for n in notes), STYLE["changed"])


def _removed_departments(
    d: OrgDiff,
    ghosts: dict[str, list[Row]],
    ghost_posts: dict[str, list[PostRef]],
    lang: Lang,
) -> list[tuple[Ref, list[Row]]]:
    out = []
    for ref in d.departments.removed:
        key = "x:" + ref.id
        rows = [Row(1, _ghost_post(p, lang), border="dashed") for p in ghost_posts.get(key, [])]
        out.append((ref, rows + ghosts.get(key, [])))
    return out


def _legend(lang: Lang) -> Card:
    rows = (
        Row(1, esc(_w("lg_moved", lang)), fill=STYLE["moved_fill"]),
        Row(1, esc(_w("lg_added", lang)), fill=STYLE["added_fill"]),
        Row(1, _font(esc(_w("lg_removed", lang)), STYLE["removed"]), border="dashed"),
        Row(1, _font(esc(_w("lg_changed", lang)), STYLE["changed"])),
    )
    return Card(((f"<B>{esc(_w('legend', lang))}</B>", False),), rows, "#999999")


# --- the flow chart -------------------------------------------------------------------------------


def flow_chart(d: OrgDiff, lang: Lang, weight: str = "units") -> str:
    """Before-departments left, after-departments right, an edge per flow of units."""
    title = t(
        "compare_title", lang, org=d.after.organisation, before=d.before.model, after=d.after.model
    )
    caption = f'<B>{esc(title, 200)}</B><BR ALIGN="LEFT"/>{esc(summary_line(d, lang), 200)}'
    lines = _graph_head("flowchart", lang, caption, rankdir="LR")
    lines[1] = (
        lines[1]
        .replace("ranksep=0.5", "ranksep=3")
        .replace("nodesep=0.25", "nodesep=0.35, forcelabels=true")
    )
    rows_b = {r.dept.id: r for r in d.balance.before}
    rows_a = {r.dept.id: r for r in d.balance.after}
    lines.append(f"  before_title [label=<<B>{esc(d.before.model, 40)}</B>>];")
    lines.append(f"  after_title [label=<<B>{esc(d.after.model, 40)}</B>>];")
    lines.append("  before_title -> after_title [style=invis];")
    left, right = ["before_title"], ["after_title"]
    for ref, fate in d.departments.fates_before:
        node = _id("b:", ref.id)
        left.append(node)
        row = rows_b[ref.id]
        lines.append(f"  {node} [label={_flow_node(ref, row.units, row.fte, fate, lang)}];")
    for ref, fate in d.departments.fates_after:
        node = _id("a:", ref.id)
        right.append(node)
        row = rows_a[ref.id]
        lines.append(f"  {node} [label={_flow_node(ref, row.units, row.fte, fate, lang)}];")
    extra, new_node, gone_node = _flow_added_removed(d, lang)
    if new_node:
        left.append(new_node)
    if gone_node:
        right.append(gone_node)
    lines += extra
    lines.append("  { rank=same; " + "; ".join(left) + "; }")
    lines.append("  { rank=same; " + "; ".join(right) + "; }")
    for a, b in zip(left, left[1:], strict=False):
        lines.append(f"  {a} -> {b} [style=invis];")
    for a, b in zip(right, right[1:], strict=False):
        lines.append(f"  {a} -> {b} [style=invis];")
    flows = d.departments.flows
    biggest = max((f.fte if weight == "fte" else f.units for f in flows), default=1) or 1
    for f in flows:
        size = f.fte if weight == "fte" else f.units
        width = 1 + 9 * math.sqrt(size / biggest)
        colour = STYLE["dept_border"] if f.follows else STYLE["moved"]
        style = "solid" if f.follows else "dashed"
        label = html.escape(flow_text(f, lang))
        if not f.follows:
            label = "→ " + label
        lines.append(
            f"  {_id('b:', f.before.id)} -> {_id('a:', f.after.id)} [penwidth={width:.2f}, "
            f'color="{colour}", style={style}, xlabel=<{label}>, constraint=false];'
        )
    return "\n".join([*lines, "}"]) + "\n"


def _flow_node(ref: Ref, units: int, fte: float, fate: DeptFate, lang: Lang) -> str:
    colour = {DeptFate.ADDED: STYLE["added"], DeptFate.REMOVED: STYLE["removed"]}.get(
        fate, STYLE["dept_border"]
    )
    style = ' STYLE="dashed"' if fate is DeptFate.REMOVED else ""
    name = f"<S>{esc(ref.name)}</S>" if fate is DeptFate.REMOVED else esc(ref.name)
    facts = f"{_count(units, lang)} · {_fte(fte, lang)} {t('fte', lang)}"
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="4" COLOR="{colour}"{style}>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{STYLE["dept_fill"]}"><B>{name}</B>'
        f'<BR ALIGN="LEFT"/>{_font(html.escape(facts), STYLE["muted"], STYLE["small"])}</TD></TR>'
        "</TABLE>>"
    )


def _flow_added_removed(d: OrgDiff, lang: Lang) -> tuple[list[str], str, str]:
    """Unit additions and removals as flows from "new units" / to "removed units".

    Returns the DOT lines and the two node ids ("" when there is nothing to show).
    """
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
        label = _font("+ " + esc(_w("new_units", lang)), STYLE["added"])
        lines.append(f"  new_units [label=<{label}>];")
        for dept_id, n in added.items():
            lines.append(
                f'  new_units -> {_id("a:", dept_id)} [color="{STYLE["added"]}", '
                f"style=dashed, xlabel=<+{n}>, constraint=false];"
            )
    if removed:
        gone_node = "gone_units"
        label = _font("− " + esc(_w("removed_units", lang)), STYLE["removed"])
        lines.append(f"  gone_units [label=<{label}>];")
        for dept_id, n in removed.items():
            lines.append(
                f'  {_id("b:", dept_id)} -> gone_units [color="{STYLE["removed"]}", '
                f"style=dashed, xlabel=<−{n}>, constraint=false];"
            )
    return lines, new_node, gone_node


# --- running dot ----------------------------------------------------------------------------------

FORMATS = ("svg", "png", "pdf", "dot")


def render(source: str, fmt: str) -> bytes:
    """DOT source → the chart in ``fmt`` with the real ``dot`` program (``dot``: the source)."""
    if fmt == "dot":
        return source.encode("utf-8")
    import graphviz

    extra = ["-Gdpi=150"] if fmt == "png" else []
    try:
        return bytes(
            graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True, renderer=None)
            if not extra
            else _pipe_with(source, fmt, extra)
        )
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing() from None
    except graphviz.CalledProcessError as e:
        message = (e.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"dot failed: {message}") from None


def _pipe_with(source: str, fmt: str, args: list[str]) -> bytes:
    import shutil
    import subprocess

    import graphviz

    exe = shutil.which("dot")
    if exe is None:
        raise graphviz.ExecutableNotFound(["dot"])
    proc = subprocess.run(
        [exe, f"-T{fmt}", *args], input=source.encode("utf-8"), capture_output=True, check=False
    )
    if proc.returncode != 0:
        raise graphviz.CalledProcessError(
            proc.returncode, [exe], output=proc.stdout, stderr=proc.stderr
        )
    return proc.stdout

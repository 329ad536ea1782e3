"""HTML-label building blocks of every chart: the one escaping boundary, styles, cards, layout.

All user text enters DOT through :func:`esc`. A card is a department: header lines, a column
heading, then unit rows (in several columns when tall). Cards are laid out in columns of about
equal height (a masonry), so no grid slot is left empty and no card is stretched.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

WRAP = 34  # characters per line of a name before it wraps
FONTS = "DejaVu Sans, Verdana, Arial, sans-serif"  # DejaVu first; the web falls back in order
STYLE: dict[str, str] = {
    "font": FONTS,
    "font_size": "11",
    "small": "9",
    "panel": "12",  # the "what changes" panel: 12 pt before any scaling
    "ink": "#1A1A1A",
    "muted": "#4D4D4D",
    "dept_border": "#0072B2",
    # Fills differ in lightness too, so they stay apart in greyscale; every change also has a
    # text tag, a side bar and a line style, so no fill carries meaning alone.
    "dept_fill": "#F2F6FA",
    "moved": "#E69F00",
    "moved_fill": "#F5C45A",
    "added": "#009E73",
    "added_fill": "#C4EBDD",
    "removed": "#D55E00",
    "changed": "#0072B2",
    "carried": "#6F6F6F",
    "edge": "#7F7F7F",
    "panel_fill": "#FFFFFF",
}
SMALLEST_FONT = 9.0  # the smallest font size any chart uses (points, before scaling)
BR = '<BR ALIGN="LEFT"/>'

# --- the one boundary for user text ---------------------------------------------------------------


def esc(s: str, wrap: int | None = None) -> str:
    """User text as HTML-label text: escaped, no control characters, long names wrapped."""
    clean = "".join(ch if ch.isprintable() else " " for ch in s)
    clean = " ".join(clean.split())
    width = wrap if wrap is not None else WRAP
    if len(clean) <= width:
        return html.escape(clean, quote=True)
    lines = textwrap.wrap(clean, width, break_long_words=True, break_on_hyphens=False) or [""]
    return BR.join(html.escape(line, quote=True) for line in lines)


def attr(s: str) -> str:
    """User text as a quoted attribute value (tooltips): escaped, one line, no control bytes."""
    clean = " ".join("".join(ch if ch.isprintable() else " " for ch in s).split())
    return html.escape(clean[:500], quote=True)


def node_id(prefix: str, ident: str) -> str:
    """A quoted DOT node id made from a model id."""
    return '"' + (prefix + ident).replace("\\", "\\\\").replace('"', '\\"') + '"'


def font(text: str, color: str | None = None, size: str | None = None) -> str:
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
    border: str | None = None  # a line style: "dashed" (removed), "dotted" (moved), "solid" (new)
    bar: str | None = None  # colour of the side bar left of the row
    tip: str = ""  # tooltip text (plain, escaped at output)
    small: bool = False  # the whole row in small text (notes, group headings)


MAX_ROWS = 14  # rows per column of a card; taller cards get more columns
# Heights in points as this Graphviz lays out the HTML tables below (fitted to `dot -Tplain`
# of the Albertslund cards, within a few points): a card's frame and padding, a header line of
# 11-pt and of 9-pt text, a unit row, and each line of 11-pt and 9-pt text in a row.
CARD_BASE, HEAD_BIG, HEAD_SMALL = 10, 9.5, 8.1
ROW_BASE, LINE_BIG, LINE_SMALL = 17.4, 10.4, 9.9
CHAR_W = 0.5  # average glyph width in ems of DejaVu Sans, for width estimates


def _lines(fragment: str) -> int:
    return fragment.count("<BR") + 1 if fragment else 0


def _row_height(r: Row) -> float:
    big = LINE_SMALL if r.small else LINE_BIG
    return ROW_BASE + big * _lines(r.name) + LINE_SMALL * (_lines(r.leader) + _lines(r.note))


def _row_cells(r: Row, fte_column: bool = True) -> str:
    pad = "&#160;" * (3 * (r.depth - 1))
    name = font(r.name, size=STYLE["small"]) if r.small else r.name
    text = f"{pad}{name}"
    if r.leader:
        text += f"{BR}{pad}{font(r.leader, STYLE['muted'], STYLE['small'])}"
    if r.note:
        text += f"{BR}{pad}{font(r.note, STYLE['ink'], STYLE['small'])}"
    # Every row has a border and a bar, transparent when unused, so all rows are laid out
    # alike and the card heights can be computed without running dot.
    attrs = f' BGCOLOR="{r.fill}"' if r.fill else ""
    colour = (r.bar or STYLE["ink"]) if r.border else "transparent"
    attrs += f' BORDER="2" COLOR="{colour}"'
    if r.border in ("dashed", "dotted"):
        attrs += f' STYLE="{r.border}"'
    tip = f' HREF="#" TOOLTIP="{attr(r.tip)}"' if r.tip else ""
    bar = f' SIDES="L" BORDER="3" COLOR="{r.bar or "transparent"}"'
    text = f"&#160;{text}"
    return (
        f'<TD ALIGN="LEFT" BALIGN="LEFT"{attrs}{tip}>'
        f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" '
        f'BALIGN="LEFT"{bar}>{text}</TD></TR></TABLE></TD>'
        + (f'<TD ALIGN="RIGHT" VALIGN="TOP"{attrs}>{r.fte}</TD>' if fte_column else "")
    )


@dataclass(frozen=True)
class Card:
    """A department card: header lines (HTML, big or small text), then unit rows in columns."""

    header: tuple[tuple[str, bool], ...]  # (HTML, is small text)
    rows: tuple[Row, ...]
    border: str
    style: str = "rounded"
    heading: tuple[str, str] | None = None  # column headings over the rows: (unit, FTE)
    tip: str = ""
    border_width: int = 1
    max_rows: int = MAX_ROWS
    fte_column: bool = True  # False for a card of notes (the legend)

    @property
    def columns(self) -> int:
        return max(1, math.ceil(len(self.rows) / self.max_rows))

    def within(self, height: float) -> Card:
        """The card with its rows in more columns until it is at most ``height`` points tall."""
        card = self
        while card.height() > height and card.max_rows > 3:
            card = replace(card, max_rows=card.max_rows - 1)
        return card

    def _chunks(self) -> list[tuple[Row, ...]]:
        per = math.ceil(len(self.rows) / self.columns) if self.rows else 0
        return [self.rows[i * per : (i + 1) * per] for i in range(self.columns)] if per else []

    @cached_property
    def _height(self) -> int:
        return self._measure_height()

    def height(self) -> int:
        """The card's height in points, as Graphviz will lay it out (an estimate)."""
        return self._height

    @cached_property
    def _width(self) -> int:
        return self._measure_width()

    def width(self) -> int:
        """The card's width in points (an estimate from the longest line)."""
        return self._width

    def _measure_height(self) -> int:
        head = sum((HEAD_SMALL if small else HEAD_BIG) * _lines(h) for h, small in self.header)
        chunks = self._chunks()
        lines = len(chunks[0]) if chunks else 0
        body = sum(max(_row_height(c[i]) for c in chunks if i < len(c)) for i in range(lines))
        return round(CARD_BASE + head + body)

    def _measure_width(self) -> int:
        big, small = float(STYLE["font_size"]) * CHAR_W, float(STYLE["small"]) * CHAR_W
        head = max(
            (_text_len(h) * (small if is_small else big) for h, is_small in self.header),
            default=0.0,
        )
        per_col = max(
            (
                max(_text_len(r.name) * (small if r.small else big), _text_len(r.leader) * small)
                + 3 * big * (r.depth - 1)
                for r in self.rows
            ),
            default=0.0,
        )
        fte = 30.0 if self.fte_column else 0.0
        return int(max(head, (per_col + fte + 28) * self.columns) + 12)

    def html(self) -> str:
        """The card as an HTML table."""
        cols = self.columns
        head = BR.join(
            font(h, STYLE["muted"], STYLE["small"]) if small else h for h, small in self.header
        )
        tip = f' HREF="#" TOOLTIP="{attr(self.tip)}"' if self.tip else ""
        out = [
            f'<TR><TD COLSPAN="{(2 if self.fte_column else 1) * cols}" ALIGN="LEFT" BALIGN="LEFT" '
            f'BGCOLOR="{STYLE["dept_fill"]}"{tip}>{head}</TD></TR>'
        ]
        chunks = self._chunks()
        if self.heading and chunks:
            unit, fte = (
                font(f"<I>{html.escape(x)}</I>", STYLE["muted"], STYLE["small"])
                for x in self.heading
            )
            cells = f'<TD ALIGN="LEFT">{unit}</TD><TD ALIGN="RIGHT">{fte}</TD>' * cols
            out.append(f"<TR>{cells}</TR>")
        for line in range(len(chunks[0]) if chunks else 0):
            cells = "".join(
                _row_cells(c[line], self.fte_column)
                if line < len(c)
                else "<TD></TD>" * (2 if self.fte_column else 1)
                for c in chunks
            )
            out.append(f"<TR>{cells}</TR>")
        return (
            f'<TABLE BORDER="{self.border_width}" CELLBORDER="0" CELLSPACING="1" '
            f'CELLPADDING="2" STYLE="{self.style}" COLOR="{self.border}">'
            + "".join(out)
            + "</TABLE>"
        )


def _text_len(fragment: str) -> int:
    """Visible characters of the longest line of an HTML fragment."""
    text = re.sub(r"<[^>]*>", "", re.sub(r"<BR[^>]*>", "\n", fragment))
    return max((len(html.unescape(line)) for line in text.split("\n")), default=0)


# --- layout ---------------------------------------------------------------------------------------


def partition(weights: Sequence[int], parts: int) -> list[int]:
    """Cut ``weights``, in order, into at most ``parts`` runs with the largest run sum smallest.

    Returns the start index of each run. Binary search on the answer with a greedy check:
    O(n log(sum)), near-linear (the old dynamic programme was cubic).
    """
    if not weights:
        return []
    parts = max(1, min(parts, len(weights)))
    lo, hi = max(weights), sum(weights)

    def cuts(limit: int) -> list[int]:
        starts, run = [0], 0
        for i, w in enumerate(weights):
            if run + w > limit and run > 0:
                starts.append(i)
                run = 0
            run += w
        return starts

    while lo < hi:
        mid = (lo + hi) // 2
        if len(cuts(mid)) <= parts:
            hi = mid
        else:
            lo = mid + 1
    return cuts(lo)


def columns_for(cards: Sequence[Card], max_width: float | None = None) -> int:
    """How many masonry columns make the cards about as wide as a landscape page is long."""
    if not cards:
        return 1
    width = sorted(c.width() for c in cards)[len(cards) // 2]
    area = sum(c.height() * c.width() for c in cards)
    n = max(1, round(math.sqrt(area * 1.41) / max(width, 1)))
    if max_width is not None:
        n = min(n, max(1, int(max_width // (width + 10))))
    return min(n, len(cards))


def fill_columns(cards: Sequence[Card], width: float) -> int:
    """The most masonry columns whose widest cards, side by side, fit ``width`` points."""
    heights = [c.height() + 8 for c in cards]
    for n in range(min(len(cards), 8), 1, -1):
        starts = partition(heights, n)
        ends = [*starts[1:], len(cards)]
        used = sum(
            max(c.width() for c in cards[a:b]) + 16 for a, b in zip(starts, ends, strict=True)
        )
        if used <= width * 1.15:  # the estimates run a little wide; dot checks the page
            return n
    return 1


def masonry(cards: Sequence[Card], ncols: int | None = None) -> str:
    """Cards in columns of about equal height, top-aligned: no empty slots, no stretched cards.

    Graphviz stretches a table to the height of its row, spreading the extra over every line;
    each shorter column gets a filler at its bottom instead, so its cards keep their height.
    """
    if not cards:
        return '<TABLE BORDER="0"><TR><TD></TD></TR></TABLE>'
    n = ncols or columns_for(cards)
    starts = partition([c.height() + 8 for c in cards], n)
    ends = [*starts[1:], len(cards)]
    heights = [sum(c.height() + 8 for c in cards[a:b]) for a, b in zip(starts, ends, strict=True)]
    cols = []
    for (a, b), h in zip(zip(starts, ends, strict=True), heights, strict=True):
        stack = "".join(
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{c.html()}</TD></TR>' for c in cards[a:b]
        )
        filler = max(heights) - h
        if filler > 1:
            stack += f'<TR><TD HEIGHT="{filler}"></TD></TR>'
        cols.append(
            f'<TD VALIGN="TOP"><TABLE BORDER="0" CELLSPACING="8" CELLPADDING="0">{stack}'
            "</TABLE></TD>"
        )
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{"".join(cols)}</TR></TABLE>'


def panel(title: str, sentences: Sequence[str], wrap: int = 80) -> str:
    """The "what changes" panel: a heading and plain sentences at ≥ 12 pt."""
    size = STYLE["panel"]
    lines = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font("• " + esc(s, wrap), size=size)}</TD></TR>'
        for s in sentences
    )
    return (
        f'<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="2" CELLPADDING="4" '
        f'COLOR="{STYLE["ink"]}" BGCOLOR="{STYLE["panel_fill"]}">'
        f'<TR><TD ALIGN="LEFT">{font(f"<B>{html.escape(title)}</B>", size="14")}</TD></TR>'
        f"{lines}</TABLE>"
    )


def page_table(top: Sequence[str], body: str) -> str:
    """The chart's one HTML label: the top row (panel, legend) over the body."""
    tops = "".join(f'<TD ALIGN="LEFT" VALIGN="TOP">{t}</TD>' for t in top)
    head = (
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="8"><TR>{tops}</TR></TABLE></TD></TR>'
        if top
        else ""
    )
    return (
        f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{head}'
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{body}</TD></TR></TABLE>>'
    )


def caption(title: str, subtitle: str) -> str:
    """A chart's title (16 pt, bold) over a line of facts (12 pt), both wrapped to fit A4."""
    return (
        f'<TABLE BORDER="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{esc(title, 70)}'
        f'</B></TD></TR><TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(esc(subtitle, 100), size="12")}'
        "</TD></TR></TABLE>"
    )


def graph_head(name: str, caption: str, rankdir: str = "TB") -> list[str]:
    f = STYLE["font"]
    return [
        f"digraph {name} {{",
        f'  graph [rankdir={rankdir}, fontname="{f}", fontsize=16, labelloc=t, labeljust=l,',
        f"    nodesep=0.25, ranksep=0.5, newrank=true, label=<{caption}>];",
        f'  node [fontname="{f}", fontsize={STYLE["font_size"]}, shape=plain,',
        f'    color="{STYLE["ink"]}", fontcolor="{STYLE["ink"]}"];',
        f'  edge [fontname="{f}", fontsize={STYLE["small"]}, color="{STYLE["edge"]}",',
        "    arrowsize=0.5];",
    ]


def pretty_label(label: str, indent: str = "    ") -> str:
    """An HTML label a table row per line, so golden DOT files diff row by row."""
    return label.replace("<TR>", "\n" + indent + "<TR>")

"""Charts on paper: each page of a PDF fitted to A4, A3 or Letter (landscape) with the body text
at 8 pt or more after scaling; a chart too large for that is broken over several pages
(department level first, unit detail after) instead of being shrunk.

The fit is computed from the real layout: ``dot -Tplain`` gives the chart's size, the scale is
what fits it into the printable area, and ``scale × the smallest font size`` is what prints.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..changes import OrgDiff
from ..i18n import Lang, t
from ..structure import Structure
from .graphviz_cards import SMALLEST_FONT, Card, fill_columns
from .graphviz_diff import assemble, diff_parts
from .graphviz_flow import flow_chart, flow_order, flow_panel
from .graphviz_org import org_cards, org_chart, root_label
from .graphviz_run import dot, layout_size, stable_pdf

# Landscape page sizes in points, and the margin on every side.
PAGES: dict[str, tuple[float, float]] = {
    "a4": (841.89, 595.28),
    "a3": (1190.55, 841.89),
    "letter": (792.0, 612.0),
}
MARGIN = 28.35  # 1 cm
MIN_PRINTED = 8.0  # points: the smallest text after scaling

T = TypeVar("T")


@dataclass(frozen=True)
class Fit:
    """How one page's chart fits its paper."""

    width: float  # the layout's size in points
    height: float
    scale: float  # ≤ 1

    @property
    def smallest_text(self) -> float:
        return SMALLEST_FONT * self.scale


def fit(source: str, page: str) -> Fit:
    w, h = layout_size(source)
    pw, ph = PAGES[page]
    scale = min(1.0, (pw - 2 * MARGIN) / w, (ph - 2 * MARGIN) / h)
    return Fit(w, h, scale)


def fits(source: str, page: str) -> bool:
    return fit(source, page).smallest_text >= MIN_PRINTED


def chunks(items: Sequence[T], build: Callable[[Sequence[T], int], str], page: str) -> list[str]:
    """Page sources for ``items``: greedily as many per page as fit, checked with the real
    layout; a page holding one item that still does not fit is kept (it prints smaller)."""
    out: list[str] = []
    start = 0
    n = len(items)
    while start < n:
        # grow the page by doubling, then bisect back to the most that fit
        size, best = 1, 1
        while start + size <= n and fits(build(items[start : start + size], len(out)), page):
            best = size
            if start + size == n:
                break
            size *= 2
        lo, hi = best, min(size, n - start)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(build(items[start : start + mid], len(out)), page):
                lo = mid
            else:
                hi = mid - 1
        out.append(build(items[start : start + lo], len(out)))
        start += lo
    return out


def pdf_pages(sources: Sequence[str], page: str) -> bytes:
    """Each source drawn by ``dot``, scaled to fit (never up) and placed at the top left of a
    landscape page of ``page`` size; one PDF, the same bytes for the same sources."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    pw, ph = PAGES[page]
    writer = PdfWriter()
    for source in sources:
        src = PdfReader(io.BytesIO(dot(source, "pdf"))).pages[0]
        w, h = float(src.mediabox.width), float(src.mediabox.height)
        scale = min(1.0, (pw - 2 * MARGIN) / w, (ph - 2 * MARGIN) / h)
        target = PageObject.create_blank_page(width=pw, height=ph)
        move = Transformation().scale(scale, scale).translate(MARGIN, ph - MARGIN - h * scale)
        target.merge_transformed_page(src, move)
        writer.add_page(target)
    writer.add_metadata({"/Producer": "orgdiff"})
    writer._ID = None  # no random file id: the same chart gives the same bytes
    buffer = io.BytesIO()
    writer.write(buffer)
    return stable_pdf(buffer.getvalue())


# --- the two charts, page by page -----------------------------------------------------------------


def diff_sources(
    after: Structure,
    d: OrgDiff,
    lang: Lang,
    page: str,
    depth: int | None = None,
    changed_only: bool = False,
    before: Structure | None = None,
    level: str = "auto",
) -> list[str]:
    """The diff chart as pages: the panel, legend and department boxes first (all on one page
    when they fit), then the unit detail, as many department cards per page as fit."""
    parts = diff_parts(after, d, lang, depth, changed_only, before, level != "departments")
    top = [parts.panel]
    whole_units = assemble("diffchart", parts.caption, top, (parts.legend, *parts.unit_cards))
    if level != "departments" and fits(whole_units, page):
        return [whole_units]

    width = PAGES[page][0] - 2 * MARGIN
    # The panel goes on page one with the first cards; when it is too long for that (many
    # sentences on a small page), it gets page one to itself.
    alone = not fits(assemble("diffchart", parts.caption, top, [parts.legend], width), page)
    lead = [assemble("diffchart", parts.caption, top, [], width)] if alone else []

    def page_of(cards: Sequence[Card], n: int, first: bool) -> str:
        n += len(lead)
        caption = parts.caption if n == 0 and first else _continued(parts.caption, n, lang)
        top_here = top if n == 0 and first else []
        return _best_columns("diffchart", caption, top_here, cards, width, page)

    tall = PAGES[page][1] - 2 * MARGIN - 90  # the page less its caption
    dept = chunks((parts.legend, *parts.dept_cards), lambda cs, n: page_of(cs, n, True), page)
    if level == "departments":
        return lead + dept
    cards = [c.within(tall) for c in parts.unit_cards]
    units = chunks(cards, lambda cs, n: page_of(cs, n + len(dept), False), page)
    return lead + dept + units


def _best_columns(
    name: str, caption: str, top: Sequence[str], cards: Sequence[Card], width: float, page: str
) -> str:
    """The page with as many columns as its width seems to hold, or one fewer when that is
    what makes it fit (the widths are estimates; dot has the last word)."""
    n = fill_columns(cards, width)
    source = assemble(name, caption, top, cards, ncols=n)
    if n > 1 and not fits(source, page):
        fewer = assemble(name, caption, top, cards, ncols=n - 1)
        if fits(fewer, page):
            return fewer
    return source


def org_sources(s: Structure, lang: Lang, page: str, depth: int | None = None) -> list[str]:
    """The org chart as pages: whole when it fits, else as many department cards per page as fit."""
    whole = org_chart(s, lang, depth)
    if fits(whole, page):
        return [whole]
    caption = root_label(s, lang)
    tall = PAGES[page][1] - 2 * MARGIN - 90
    cards = [c.within(tall) for c in org_cards(s, lang, depth)]
    return chunks(
        cards,
        lambda cs, n: assemble(
            "orgchart",
            caption if n == 0 else _continued(caption, n, lang),
            [],
            cs,
            PAGES[page][0] - 2 * MARGIN,
        ),
        page,
    )


def _continued(caption: str, n: int, lang: Lang) -> str:
    return caption.replace("</B>", t("chart_continued", lang, n=n + 1) + "</B>", 1)


def flow_sources(d: OrgDiff, lang: Lang, page: str, weight: str = "units") -> list[str]:
    """The flow chart as pages: all of it when it fits, else runs of before-departments (in the
    crossing-reduced order) with the departments their units go to; the panel on page one."""
    whole = flow_chart(d, lang, weight)
    if fits(whole, page):
        return [whole]
    first = flow_panel(d, lang, weight)
    bare = flow_chart(d, lang, weight, show_panel=False)
    if fits(bare, page):
        return [first, bare]
    order = flow_order(d)
    return [first] + chunks(
        order,
        lambda ids, n: flow_chart(
            d, lang, weight, only=frozenset(ids), part=n + 1, show_panel=False
        ),
        page,
    )

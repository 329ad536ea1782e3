"""The structure of one org file as a tree: departments, chef, units, leaders, FTE.

Lines are made here and written directly: rich's tree layout costs ~50 µs a line, too slow for
the hundreds of thousands of lines of a big organisation. Styles become ANSI codes that rich
computes once per style; without a colour terminal the text is plain.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from rich.color import ColorSystem
from rich.style import Style

from ..balance import dept_balance
from ..i18n import Lang, count, number, plural, t
from ..structure import Structure
from .text import clean

Segment = tuple[str, str]  # (text, rich style)
GUIDE = "dim"


def tree_lines(s: Structure, lang: Lang, depth: int | None = None) -> Iterator[list[Segment]]:
    """The tree as lines of styled segments; with ``depth``, deeper levels collapse.

    Depth 1 shows the departments only, 2 adds their top-level units, and so on.
    """
    org = s.org
    top, kids = s.top, s.kids
    sizes = s.subtree_sizes()
    totals = dept_balance(s)
    title: list[Segment] = [
        (clean(org.organisation), "bold"),
        (" · ", ""),
        (clean(org.model), "bold"),
    ]
    if org.date:
        title.append((f" ({org.date.isoformat()})", ""))
    yield title
    chefs = sum(1 for d in s.depts if d.chef is not None)
    facts = " · ".join(
        [
            count(len(s.depts), "department", "departments", lang),
            count(len(s.units), "unit", "units", lang),
            f"{number(sum(r.fte for r in totals), lang)} {t('fte', lang)}",
            count(chefs, "chef_post", "chef_posts", lang),
        ]
    )
    yield [(facts, "dim")]
    for n, d in enumerate(s.depts):
        last = n == len(s.depts) - 1
        chef = d.chef.title if d.chef else t("no_chef", lang)
        yield [
            ("└── " if last else "├── ", GUIDE),
            (clean(d.name), "bold cyan"),
            (" — ", ""),
            (clean(chef), "italic"),
            (
                f" · {count(totals[d.index].units, 'unit', 'units', lang)}"
                f" · {number(totals[d.index].fte, lang)} {t('fte', lang)}",
                "dim",
            ),
        ]
        yield from _units(s, top[d.index], kids, sizes, 2, depth, lang, "    " if last else "│   ")


def _units(
    s: Structure,
    units: Sequence[int],
    kids: Sequence[Sequence[int]],
    sizes: list[int],
    level: int,
    depth: int | None,
    lang: Lang,
    prefix: str,
) -> Iterator[list[Segment]]:
    """Depth-first, with an explicit stack: (units, level, prefix) per open level."""
    stack: list[tuple[Sequence[int], int, int, str]] = [(units, 0, level, prefix)]
    while stack:
        seq, pos, lvl, pre = stack.pop()
        if pos >= len(seq):
            continue
        if depth is not None and lvl > depth:
            hidden = sum(sizes[i] for i in seq)
            yield [(pre + "└── ", GUIDE), (plural("more_units", hidden, lang), "dim")]
            continue
        i = seq[pos]
        last = pos == len(seq) - 1
        stack.append((seq, pos + 1, lvl, pre))
        u = s.units[i]
        line: list[Segment] = [(pre + ("└── " if last else "├── "), GUIDE), (clean(u.name), "")]
        if u.leader:
            line += [(" · ", ""), (clean(u.leader.title), "italic")]
        if u.model.fte is not None:
            line.append((f" · {number(u.fte, lang)} {t('fte', lang)}", "dim"))
        yield line
        if kids[i]:
            stack.append((kids[i], 0, lvl + 1, pre + ("    " if last else "│   ")))


@lru_cache(maxsize=64)
def _codes(style: str, color_system: str) -> tuple[str, str]:
    """The escape codes that switch ``style`` on and off, as rich makes them."""
    rendered = Style.parse(style).render("\0", color_system=_SYSTEMS[color_system])
    on, _, off = rendered.partition("\0")
    return on, off


_SYSTEMS: dict[str, ColorSystem] = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}


def render(lines: Iterator[list[Segment]], color_system: str | None) -> Iterator[str]:
    """Each line as text, with ANSI styles when ``color_system`` is set."""
    for line in lines:
        if color_system is None:
            yield "".join(text for text, _ in line)
        else:
            parts = []
            for text, style in line:
                if style:
                    on, off = _codes(style, color_system)
                    parts.append(f"{on}{text}{off}")
                else:
                    parts.append(text)
            yield "".join(parts)

"""The structure of one org file as a rich tree: departments, chef, units, leaders, FTE."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from ..i18n import Lang, count, number, t
from ..structure import Structure
from .text import text


def org_tree(s: Structure, lang: Lang, depth: int | None = None) -> Tree:
    """A tree of ``s``; with ``depth``, levels below it collapse into "+N units" lines.

    Depth 1 shows the departments only, 2 adds their top-level units, and so on.
    """
    org = s.org
    top, kids = s.unit_children()
    subtree_units = _subtree_sizes(s, kids)
    dept_fte = [0.0] * len(s.depts)
    dept_units = [0] * len(s.depts)
    for u in s.units:
        dept_fte[u.dept] += u.fte
        dept_units[u.dept] += 1
    title = text(org.organisation, "bold") + Text(" · ") + text(org.model, "bold")
    if org.date:
        title.append(f" ({org.date.isoformat()})")
    chefs = sum(1 for d in s.depts if d.chef is not None)
    title.append(
        "\n"
        + " · ".join(
            [
                count(len(s.depts), "department", "departments", lang),
                count(len(s.units), "unit", "units", lang),
                f"{number(sum(dept_fte), lang)} {t('fte', lang)}",
                count(chefs, "chef_post", "chef_posts", lang),
            ]
        ),
        style="dim",
    )
    tree = Tree(title, guide_style="dim")
    for d in s.depts:
        label = text(d.name, "bold cyan")
        chef = d.chef.title if d.chef else t("no_chef", lang)
        label.append(" — ").append(text(chef, "italic"))
        label.append(
            f" · {count(dept_units[d.index], 'unit', 'units', lang)}"
            f" · {number(dept_fte[d.index], lang)} {t('fte', lang)}",
            style="dim",
        )
        branch = tree.add(label)
        _add_units(branch, s, top[d.index], kids, subtree_units, 2, depth, lang)
    return tree


def _subtree_sizes(s: Structure, kids: list[list[int]]) -> list[int]:
    sizes = [1] * len(s.units)
    for i in range(len(s.units) - 1, -1, -1):  # children come after their parent
        for k in kids[i]:
            sizes[i] += sizes[k]
    return sizes


def _add_units(
    branch: Tree,
    s: Structure,
    units: list[int],
    kids: list[list[int]],
    sizes: list[int],
    level: int,
    depth: int | None,
    lang: Lang,
) -> None:
    if not units:
        return
    if depth is not None and level > depth:
        hidden = sum(sizes[i] for i in units)
        branch.add(Text(t("more_units", lang, n=number(hidden, lang)), style="dim"))
        return
    for i in units:
        u = s.units[i]
        label = text(u.name)
        if u.leader:
            label.append(" · ").append(text(u.leader.title, "italic"))
        if u.model.fte is not None:
            label.append(f" · {number(u.fte, lang)} {t('fte', lang)}", style="dim")
        _add_units(branch.add(label), s, kids[i], kids, sizes, level + 1, depth, lang)

"""The structure as plain lines for ``git diff`` (``orgdiff textconv``): one line per department
and per unit, its whole path first, so git's own line diff shows one changed line per changed
unit. No box drawing, no colours, no totals that would change on every line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import Lang, number, t
from ..structure import Structure
from .text import clean


def plain_lines(s: Structure, lang: Lang) -> Iterator[str]:
    """``Økonomi & Stab · chef: Chef for Økonomi & Stab`` then ``Økonomi & Stab / Løn · Lønchef
    · 12,5 årsværk`` for each unit, in file order."""
    org = s.org
    yield clean(f"{org.organisation} · {org.model}")
    names: list[str] = [""] * len(s.units)
    for d in s.depts:
        chef = d.chef.title if d.chef else t("no_chef", lang)
        yield clean(f"{d.name} · {t('chef', lang)}: {chef}")
    for u in s.units:
        parent = names[u.parent] if u.parent is not None else s.depts[u.dept].name
        names[u.index] = f"{parent} / {u.name}"
        parts = [names[u.index]]
        if u.leader:
            parts.append(u.leader.title)
        if u.model.fte is not None:
            parts.append(f"{number(u.fte, lang)} {t('fte', lang)}")
        yield clean(" · ".join(parts))

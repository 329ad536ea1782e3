"""Rules of the format that a schema cannot say: unique ids, sane ``formerly``. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from .structure import Structure


@dataclass(frozen=True)
class Finding:
    """A rule broken at ``loc``; ``other`` is a second place involved (e.g. an id's first use)."""

    loc: str
    msg: str
    other: str | None = None


def check(s: Structure) -> list[Finding]:
    """Every rule the structure breaks, in file order."""
    found: list[Finding] = []
    if not s.depts:
        found.append(Finding("departments", "needs at least one department"))
    first: dict[str, str] = {}
    # File order: each department, then its units (already depth-first in file order).
    nodes: list[tuple[str, bool, str, tuple[str, ...]]] = []
    units = iter(s.units)
    pending = next(units, None)
    for d in s.depts:
        nodes.append((d.id, d.explicit_id, d.loc, d.formerly))
        while pending is not None and pending.dept == d.index:
            nodes.append((pending.id, pending.explicit_id, pending.loc, pending.formerly))
            pending = next(units, None)
    for ident, explicit, loc, _formerly in nodes:
        if not explicit:
            continue
        if ident in first:
            found.append(Finding(f"{loc}.id", f"duplicate id '{ident}'", first[ident]))
        else:
            first[ident] = f"{loc}.id"
    for _ident, _explicit, loc, formerly in nodes:
        for i, old in enumerate(formerly):
            if old in first:
                found.append(
                    Finding(
                        f"{loc}.formerly[{i}]",
                        f"'{old}' is an id in this same file; `formerly` lists ids of the file "
                        "this one is compared with",
                        first[old],
                    )
                )
    return found

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
    # File order: each department, then its units (already depth-first in file order).
    # A node is ("d" or "u", index); its field path is worked out only if a rule is broken.
    order: list[tuple[str, int]] = []
    units = iter(s.units)
    pending = next(units, None)
    for d in s.depts:
        order.append(("d", d.index))
        while pending is not None and pending.dept == d.index:
            if pending.explicit_id or pending.formerly:  # only these can break a rule
                order.append(("u", pending.index))
            pending = next(units, None)

    def node(kind: str, i: int) -> tuple[str, bool, tuple[str, ...]]:
        n = s.depts[i] if kind == "d" else s.units[i]
        return n.id, n.explicit_id, n.formerly

    def loc(kind: str, i: int) -> str:
        return s.depts[i].loc if kind == "d" else s.loc(i)

    first: dict[str, tuple[str, int]] = {}
    for kind, i in order:
        ident, explicit, _ = node(kind, i)
        if not explicit:
            continue
        if ident in first:
            found.append(
                Finding(f"{loc(kind, i)}.id", f"duplicate id '{ident}'", f"{loc(*first[ident])}.id")
            )
        else:
            first[ident] = (kind, i)
    for kind, i in order:
        for n, old in enumerate(node(kind, i)[2]):
            if old in first:
                found.append(
                    Finding(
                        f"{loc(kind, i)}.formerly[{n}]",
                        f"'{old}' is an id in this same file; `formerly` lists ids of the file "
                        "this one is compared with",
                        f"{loc(*first[old])}.id",
                    )
                )
    return found

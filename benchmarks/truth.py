"""What a generated reorganisation changed, and what compare() found, compared by names."""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdiff.changes import OrgDiff


@dataclass
class Truth:
    """Department and unit changes, by name."""

    merges: set[tuple[frozenset[str], str]] = field(default_factory=set)
    splits: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    renames: set[tuple[str, str]] = field(default_factory=set)
    moves: set[tuple[str, str, str]] = field(default_factory=set)  # unit, from, to
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    reparented: set[str] = field(default_factory=set)
    depts_added: set[str] = field(default_factory=set)


def found(d: OrgDiff) -> Truth:
    """What compare() reported, in the terms of :class:`Truth`."""
    return Truth(
        merges={
            (frozenset(r.name for r in m.sources), m.target.name) for m in d.departments.merged
        },
        splits={(s.source.name, frozenset(r.name for r in s.targets)) for s in d.departments.split},
        renames={(p.before.name, p.after.name) for p in d.departments.renamed},
        moves={(m.after.name, m.before.dept.name, m.after.dept.name) for m in d.units.moved},
        added={u.name for u in d.units.added},
        removed={u.name for u in d.units.removed},
        reparented={c.after.name for c in d.units.reparented},
        depts_added={r.name for r in d.departments.added},
    )

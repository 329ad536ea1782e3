"""A flat, indexed view of one :class:`~orgdiff.model.Org`: resolved ids, parents, depths.

The models keep the file's shape; the core works on this view. Building it is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Department, Org, Post, Unit
from .names import normalise, slug


@dataclass(frozen=True, slots=True)
class DeptNode:
    """One department of a structure, with its resolved id."""

    index: int
    id: str
    explicit_id: bool
    name: str
    norm: str
    chef: Post | None
    formerly: tuple[str, ...]
    loc: str
    model: Department


@dataclass(frozen=True, slots=True)
class UnitNode:
    """One unit of a structure: where it sits and what it carries."""

    index: int
    id: str
    explicit_id: bool
    name: str
    norm: str
    dept: int
    parent: int | None  # index of the parent unit; None when directly under the department
    depth: int  # 1 for a department's top-level units
    pos: int  # position among its siblings in the file
    leader: Post | None
    fte: float
    formerly: tuple[str, ...]
    model: Unit


@dataclass(frozen=True, slots=True)
class Structure:
    """All departments and units of one structure, in file order, with resolved ids."""

    org: Org
    depts: tuple[DeptNode, ...]
    units: tuple[UnitNode, ...]
    top: tuple[tuple[int, ...], ...]  # each department's top-level units
    kids: tuple[tuple[int, ...], ...]  # each unit's sub-units

    def dept_units(self) -> list[list[int]]:
        """For each department, the indexes of all its units (any depth), in file order."""
        out: list[list[int]] = [[] for _ in self.depts]
        for u in self.units:
            out[u.dept].append(u.index)
        return out

    def subtree_sizes(self) -> list[int]:
        """For each unit, how many units its subtree holds (itself included)."""
        sizes = [1] * len(self.units)
        for i in range(len(self.units) - 1, -1, -1):  # children come after their parent
            for k in self.kids[i]:
                sizes[i] += sizes[k]
        return sizes

    def path(self, unit: int) -> tuple[str, ...]:
        """Names from the department down to the unit."""
        names: list[str] = []
        i: int | None = unit
        while i is not None:
            names.append(self.units[i].name)
            i = self.units[i].parent
        names.append(self.depts[self.units[unit].dept].name)
        return tuple(reversed(names))

    def loc(self, unit: int) -> str:
        """The unit's field path in the file: ``departments[2].units[0].units[3]``."""
        parts: list[str] = []
        i: int | None = unit
        while i is not None:
            parts.append(f"units[{self.units[i].pos}]")
            i = self.units[i].parent
        return ".".join([self.depts[self.units[unit].dept].loc, *reversed(parts)])


def build(org: Org) -> Structure:
    """Flatten ``org``; ids left out get a slug of the name, made unique with -2, -3, ..."""
    flat: list[tuple[Unit, int, int, int, int]] = []  # unit, dept, parent, depth, pos
    for di, d in enumerate(org.departments):
        stack = [(u, di, -1, 1, p) for p, u in enumerate(d.units)]
        stack.reverse()
        while stack:
            item = stack.pop()
            me = len(flat)
            flat.append(item)
            unit, _, _, depth, _ = item
            if unit.units:
                stack.extend(
                    (unit.units[p], di, me, depth + 1, p)
                    for p in range(len(unit.units) - 1, -1, -1)
                )
    explicit = {d.id for d in org.departments if d.id is not None}
    explicit.update(f[0].id for f in flat if f[0].id is not None)
    taken = set(explicit)
    # Per slug, the suffix to go on from: linear however many units share a name.
    next_suffix: dict[str, int] = {}

    def resolve(given: str | None, name: str) -> tuple[str, bool]:
        if given is not None:
            return given, True
        base = slug(name)
        candidate, n = base, next_suffix.get(base, 1)
        if n > 1:
            candidate = f"{base}-{n}"
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        next_suffix[base] = n
        return candidate, False

    depts = []
    for di, d in enumerate(org.departments):
        did, dexp = resolve(d.id, d.name)
        depts.append(
            DeptNode(
                di,
                did,
                dexp,
                d.name,
                normalise(d.name),
                d.chef,
                d.formerly,
                f"departments[{di}]",
                d,
            )
        )
    units = []
    top: list[list[int]] = [[] for _ in org.departments]
    kids: list[list[int]] = [[] for _ in flat]
    for i, (unit, di, parent, depth, pos) in enumerate(flat):
        uid, uexp = resolve(unit.id, unit.name)
        fte = unit.fte
        units.append(
            UnitNode(
                i,
                uid,
                uexp,
                unit.name,
                normalise(unit.name),
                di,
                None if parent < 0 else parent,
                depth,
                pos,
                unit.leader,
                0.0 if fte is None else float(fte),
                unit.formerly,
                unit,
            )
        )
        (top[di] if parent < 0 else kids[parent]).append(i)
    return Structure(
        org, tuple(depts), tuple(units), tuple(map(tuple, top)), tuple(map(tuple, kids))
    )

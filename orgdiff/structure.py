"""A flat, indexed view of one :class:`~orgdiff.model.Org`: resolved ids, parents, depths.

The models keep the file's shape; the core works on this view. Building it is pure.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    leader: Post | None
    fte: float
    formerly: tuple[str, ...]
    loc: str
    model: Unit


@dataclass(frozen=True, slots=True)
class Structure:
    """All departments and units of one structure, in file order, with resolved ids."""

    org: Org
    depts: tuple[DeptNode, ...]
    units: tuple[UnitNode, ...]

    def dept_units(self) -> list[list[int]]:
        """For each department, the indexes of all its units (any depth), in file order."""
        out: list[list[int]] = [[] for _ in self.depts]
        for u in self.units:
            out[u.dept].append(u.index)
        return out

    def unit_children(self) -> tuple[list[list[int]], list[list[int]]]:
        """(top-level units of each department, children of each unit), in file order."""
        top: list[list[int]] = [[] for _ in self.depts]
        kids: list[list[int]] = [[] for _ in self.units]
        for u in self.units:
            (top[u.dept] if u.parent is None else kids[u.parent]).append(u.index)
        return top, kids

    def path(self, unit: int) -> tuple[str, ...]:
        """Names from the department down to the unit."""
        names: list[str] = []
        i: int | None = unit
        while i is not None:
            names.append(self.units[i].name)
            i = self.units[i].parent
        names.append(self.depts[self.units[unit].dept].name)
        return tuple(reversed(names))


def _walk(units: tuple[Unit, ...], loc: str) -> Iterator[tuple[Unit, str, int, int]]:
    """Depth-first in file order: (unit, loc, depth, parent's position in this walk or -1).

    An explicit stack, not recursion, so deep trees cost no Python stack.
    """
    pending = [(units[i], f"{loc}.units[{i}]", 1, -1) for i in reversed(range(len(units)))]
    position = 0
    while pending:
        unit, uloc, depth, parent = pending.pop()
        yield unit, uloc, depth, parent
        me = position
        position += 1
        kids = unit.units
        pending.extend(
            (kids[i], f"{uloc}.units[{i}]", depth + 1, me) for i in reversed(range(len(kids)))
        )


def build(org: Org) -> Structure:
    """Flatten ``org``; ids left out get a slug of the name, made unique with -2, -3, ..."""
    explicit: set[str] = set()
    for d in org.departments:
        if d.id is not None:
            explicit.add(d.id)
        for unit, _loc, _depth, _parent in _walk(d.units, ""):
            if unit.id is not None:
                explicit.add(unit.id)
    taken: set[str] = set(explicit)

    def resolve(given: str | None, name: str) -> tuple[str, bool]:
        if given is not None:
            return given, True
        base = slug(name)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        return candidate, False

    depts: list[DeptNode] = []
    units: list[UnitNode] = []
    for di, d in enumerate(org.departments):
        did, dexp = resolve(d.id, d.name)
        dloc = f"departments[{di}]"
        depts.append(
            DeptNode(di, did, dexp, d.name, normalise(d.name), d.chef, d.formerly, dloc, d)
        )
        offset = len(units)
        for unit, uloc, depth, parent in _walk(d.units, dloc):
            uid, uexp = resolve(unit.id, unit.name)
            units.append(
                UnitNode(
                    index=len(units),
                    id=uid,
                    explicit_id=uexp,
                    name=unit.name,
                    norm=normalise(unit.name),
                    dept=di,
                    parent=None if parent < 0 else offset + parent,
                    depth=depth,
                    leader=unit.leader,
                    fte=float(unit.fte or 0),
                    formerly=unit.formerly,
                    loc=uloc,
                    model=unit,
                )
            )
    return Structure(org, tuple(depts), tuple(units))

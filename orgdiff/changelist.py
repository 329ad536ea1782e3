"""The change list: one row per unit and per post of either structure, for HR and payroll.

Pure: built from a comparison's :class:`~orgdiff.changes.OrgDiff` and its two structures. Each
unit of either structure appears once (a matched pair is one row), and so does each chef and
leader post. The fates, moves, renames, post changes and which unit is which (``d.pairing``)
are all the comparison's: nothing is matched again, so the rows agree with the report whatever
thresholds the comparison used.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .changes import OrgDiff, Pairing, UnitFate
from .model import Post
from .names import normalise
from .posts import chef_cost
from .structure import Structure


class RowKind(str, Enum):
    UNIT = "unit"
    CHEF_POST = "chef_post"
    LEADER_POST = "leader_post"


class Change(str, Enum):
    """A row's one change. Units: the comparison's fate; posts: kept, retitled, added, removed."""

    KEPT = "kept"
    CARRIED = "carried"
    MOVED = "moved"
    ADDED = "added"
    REMOVED = "removed"
    RETITLED = "retitled"


class Detail(str, Enum):
    """What else changed on a row that continues."""

    RENAMED = "renamed"
    REPARENTED = "reparented"
    FTE_CHANGED = "fte_changed"
    RECOSTED = "recosted"


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One unit or post; ``*_before`` are empty (or None) for what is added, ``*_after`` for what
    is removed. For a leader post, ``parent_*`` is the unit it heads."""

    kind: RowKind
    id: str
    name: str
    change: Change
    details: tuple[Detail, ...]
    id_before: str
    name_before: str
    dept_before: str
    parent_before: str
    dept_after: str
    parent_after: str
    leader_before: str
    leader_after: str
    fte_before: float | None
    fte_after: float | None
    cost_before: float | None
    cost_after: float | None


@dataclass(frozen=True, slots=True)
class _Side:
    """One side's facts of a row."""

    id: str = ""
    name: str = ""
    dept: str = ""
    parent: str = ""
    leader: str = ""
    fte: float | None = None
    cost: float | None = None


def change_list(d: OrgDiff, before: Structure, after: Structure) -> tuple[ChangeRow, ...]:
    """Rows for every unit, then every chef post, then every leader post of both structures."""
    m = d.pairing  # the comparison's own reading (its thresholds), not a second matching
    return (
        *_unit_rows(d, before, after, m),
        *_chef_rows(d, before, after, m),
        *_leader_rows(before, after, m),
    )


_FATE = {
    UnitFate.KEPT: Change.KEPT,
    UnitFate.CARRIED: Change.CARRIED,
    UnitFate.MOVED: Change.MOVED,
    UnitFate.ADDED: Change.ADDED,
    UnitFate.REMOVED: Change.REMOVED,
}


def _unit_side(s: Structure, i: int) -> _Side:
    u = s.units[i]
    parent = "" if u.parent is None else s.units[u.parent].name
    leader = "" if u.leader is None else u.leader.title
    return _Side(u.id, u.name, s.depts[u.dept].name, parent, leader, u.fte, None)


def _row(
    kind: RowKind, change: Change, details: tuple[Detail, ...], b: _Side, a: _Side
) -> ChangeRow:
    return ChangeRow(
        kind=kind,
        id=a.id or b.id,
        name=a.name or b.name,
        change=change,
        details=details,
        id_before=b.id,
        name_before=b.name,
        dept_before=b.dept,
        parent_before=b.parent,
        dept_after=a.dept,
        parent_after=a.parent,
        leader_before=b.leader,
        leader_after=a.leader,
        fte_before=b.fte,
        fte_after=a.fte,
        cost_before=b.cost,
        cost_after=a.cost,
    )


def _unit_rows(d: OrgDiff, before: Structure, after: Structure, m: Pairing) -> list[ChangeRow]:
    renamed = {c.after.id for c in d.units.renamed}
    reparented = {c.after.id for c in d.units.reparented}
    fte = {c.unit.id for c in d.units.fte_changed}
    rows = []
    for u, fate in zip(after.units, d.units.fates_after, strict=True):
        b = m.a2b[u.index]
        details = tuple(
            detail
            for detail, ids in (
                (Detail.RENAMED, renamed),
                (Detail.REPARENTED, reparented),
                (Detail.FTE_CHANGED, fte),
            )
            if u.id in ids
        )
        side_b = _Side() if b < 0 else _unit_side(before, b)
        rows.append(_row(RowKind.UNIT, _FATE[fate], details, side_b, _unit_side(after, u.index)))
    for v, fate in zip(before.units, d.units.fates_before, strict=True):
        if fate is UnitFate.REMOVED:
            rows.append(
                _row(RowKind.UNIT, Change.REMOVED, (), _unit_side(before, v.index), _Side())
            )
    return rows


def _post_change(
    b: Post, a: Post, cost_b: float | None, cost_a: float | None
) -> tuple[Change, tuple[Detail, ...]]:
    change = Change.KEPT if b.title == a.title else Change.RETITLED
    details = (Detail.RECOSTED,) if cost_a != cost_b else ()
    return change, details


def _chef_side(s: Structure, i: int) -> _Side:
    dept = s.depts[i]
    assert dept.chef is not None
    return _Side(dept.id, dept.chef.title, dept.name, "", "", None, chef_cost(s, dept.chef))


def _chef_rows(d: OrgDiff, before: Structure, after: Structure, m: Pairing) -> list[ChangeRow]:
    """Chef posts: the comparison's added, removed and changed (retitled, re-costed) ones; the
    others kept in pairs (within corresponding departments, same title first)."""
    removed = {p.dept.id for p in d.chef_posts.removed}
    added = {p.dept.id for p in d.chef_posts.added}
    paired = {c.after.dept.id: c.before.dept.id for c in d.chef_posts.changed}
    index_b = {x.id: x.index for x in before.depts}
    left_b = [x.index for x in before.depts if x.chef is not None and x.id not in removed]
    rows = []
    for a in after.depts:
        if a.chef is None:
            continue
        side_a = _chef_side(after, a.index)
        if a.id in added:
            rows.append(_row(RowKind.CHEF_POST, Change.ADDED, (), _Side(), side_a))
            continue
        if a.id in paired:
            b = index_b[paired[a.id]]
        else:
            b = _partner(left_b, a.index, a.chef, before, m)
        left_b.remove(b)
        side_b = _chef_side(before, b)
        bchef = before.depts[b].chef
        assert bchef is not None
        change, details = _post_change(bchef, a.chef, side_b.cost, side_a.cost)
        rows.append(_row(RowKind.CHEF_POST, change, details, side_b, side_a))
    for x in before.depts:
        if x.chef is not None and x.id in removed:
            rows.append(
                _row(RowKind.CHEF_POST, Change.REMOVED, (), _chef_side(before, x.index), _Side())
            )
    return rows


def _partner(left: list[int], a: int, post: Post, before: Structure, m: Pairing) -> int:
    """The before-department whose chef post continues in after-department ``a``."""
    linked = [b for b in left if b in m.pred[a]]
    title = normalise(post.title)
    for b in linked:
        chef = before.depts[b].chef
        if chef is not None and normalise(chef.title) == title:
            return b
    return (linked or left)[0]


def _leader_side(s: Structure, i: int) -> _Side:
    u = s.units[i]
    assert u.leader is not None
    cost = None if u.leader.cost is None else float(u.leader.cost)
    return _Side(u.id, u.leader.title, s.depts[u.dept].name, u.name, "", None, cost)


def _leader_rows(before: Structure, after: Structure, m: Pairing) -> list[ChangeRow]:
    """Leader posts go with their units: kept where the unit keeps a leader."""
    rows = []
    for u in after.units:
        if u.leader is None:
            continue
        b = m.a2b[u.index]
        side_a = _leader_side(after, u.index)
        bpost = before.units[b].leader if b >= 0 else None
        if bpost is None:
            rows.append(_row(RowKind.LEADER_POST, Change.ADDED, (), _Side(), side_a))
            continue
        side_b = _leader_side(before, b)
        change, details = _post_change(bpost, u.leader, side_b.cost, side_a.cost)
        rows.append(_row(RowKind.LEADER_POST, change, details, side_b, side_a))
    for v in before.units:
        a = m.b2a[v.index]
        if v.leader is not None and (a < 0 or after.units[a].leader is None):
            rows.append(
                _row(
                    RowKind.LEADER_POST, Change.REMOVED, (), _leader_side(before, v.index), _Side()
                )
            )
    return rows

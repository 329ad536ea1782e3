"""``compare(before, after) -> OrgDiff``: the pure core; no files, terminal, clock or env."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .balance import dept_balance, spread
from .changes import (
    Balance,
    DeptChanges,
    DeptFate,
    DeptPair,
    Flow,
    FteChange,
    Merge,
    OrgDiff,
    Reason,
    Ref,
    Side,
    Split,
    UnitChange,
    UnitChanges,
    UnitFate,
    UnitMove,
)
from .errors import OrgdiffError
from .load import no_gc
from .match import Matching, match
from .model import Org
from .posts import chef_posts, cost, leader_posts, unit_ref
from .structure import Structure, build


class CompareError(OrgdiffError):
    """Two files that cannot be compared as they are (e.g. costs in different currencies)."""


def compare(before: Org | Structure, after: Org | Structure) -> OrgDiff:
    """Everything that differs between two structures, as one immutable :class:`OrgDiff`."""
    with no_gc():
        return _compare(
            before if isinstance(before, Structure) else build(before),
            after if isinstance(after, Structure) else build(after),
        )


def _compare(sb: Structure, sa: Structure) -> OrgDiff:
    m = match(sb, sa)
    depts = _departments(sb, sa, m)
    units = _units(sb, sa, m)
    chefs = chef_posts(sb, sa, m)
    leaders = leader_posts(sb, sa, m)
    currency = _currency(sb, sa)
    rows_b, rows_a = dept_balance(sb), dept_balance(sa)
    return OrgDiff(
        before=_side(sb, chefs[0].before, leaders[0].before),
        after=_side(sa, chefs[0].after, leaders[0].after),
        departments=depts,
        units=units,
        chef_posts=chefs[0],
        leader_posts=leaders[0],
        cost=cost(currency, chefs, leaders),
        balance=Balance(rows_b, rows_a, spread(rows_b), spread(rows_a)),
    )


def _side(s: Structure, chefs: int, leaders: int) -> Side:
    return Side(
        organisation=s.org.organisation,
        model=s.org.model,
        departments=len(s.depts),
        units=len(s.units),
        chef_posts=chefs,
        leader_posts=leaders,
        fte=sum(u.fte for u in s.units),
        currency=s.org.currency,
    )


def _has_costs(s: Structure) -> bool:
    return (
        s.org.chef_post_cost is not None
        or any(d.chef is not None and d.chef.cost is not None for d in s.depts)
        or any(u.leader is not None and u.leader.cost is not None for u in s.units)
    )


def _currency(sb: Structure, sa: Structure) -> str:
    cb, ca = sb.org.currency, sa.org.currency
    if cb != ca and _has_costs(sb) and _has_costs(sa):
        raise CompareError(f"cannot compare costs in {cb} with costs in {ca}: use one currency")
    return ca if _has_costs(sa) or not _has_costs(sb) else cb


def _ref(s: Structure, i: int) -> Ref:
    d = s.depts[i]
    return Ref(d.id, d.name)


def _departments(sb: Structure, sa: Structure, m: Matching) -> DeptChanges:
    fates_b: list[DeptFate] = []
    fates_a: list[DeptFate] = []
    kept: list[DeptPair] = []
    renamed: list[DeptPair] = []
    for b, succ in enumerate(m.succ):
        if not succ:
            fates_b.append(DeptFate.REMOVED)
        elif len(succ) > 1:
            fates_b.append(DeptFate.SPLIT)
        elif len(m.pred[succ[0]]) > 1:
            fates_b.append(DeptFate.MERGED)
        else:
            a = succ[0]
            pair = DeptPair(_ref(sb, b), _ref(sa, a), m.dept_reason[b, a])
            same = sb.depts[b].name == sa.depts[a].name
            (kept if same else renamed).append(pair)
            fates_b.append(DeptFate.KEPT if same else DeptFate.RENAMED)
    for pred in m.pred:
        if not pred:
            fates_a.append(DeptFate.ADDED)
        elif len(pred) > 1:
            fates_a.append(DeptFate.MERGED)
        elif len(m.succ[pred[0]]) > 1:
            fates_a.append(DeptFate.SPLIT)
        else:
            fates_a.append(fates_b[pred[0]])
    merged = tuple(
        Merge(tuple(_ref(sb, b) for b in pred), _ref(sa, a))
        for a, pred in enumerate(m.pred)
        if len(pred) > 1
    )
    split = tuple(
        Split(_ref(sb, b), tuple(_ref(sa, a) for a in succ))
        for b, succ in enumerate(m.succ)
        if len(succ) > 1
    )
    return DeptChanges(
        kept=tuple(kept),
        renamed=tuple(renamed),
        merged=merged,
        split=split,
        added=tuple(_ref(sa, a) for a, f in enumerate(fates_a) if f is DeptFate.ADDED),
        removed=tuple(_ref(sb, b) for b, f in enumerate(fates_b) if f is DeptFate.REMOVED),
        fates_before=tuple((_ref(sb, b), f) for b, f in enumerate(fates_b)),
        fates_after=tuple((_ref(sa, a), f) for a, f in enumerate(fates_a)),
        flows=_flows(sb, sa, m),
    )


def _flows(sb: Structure, sa: Structure, m: Matching) -> tuple[Flow, ...]:
    count: dict[tuple[int, int], int] = defaultdict(int)
    fte: dict[tuple[int, int], float] = defaultdict(float)
    for b, a in enumerate(m.b2a):
        if a >= 0:
            key = (sb.units[b].dept, sa.units[a].dept)
            count[key] += 1
            fte[key] += sa.units[a].fte
    return tuple(
        Flow(_ref(sb, b), _ref(sa, a), count[b, a], fte[b, a], a in m.succ[b])
        for b, a in sorted(count)
    )


def _units(sb: Structure, sa: Structure, m: Matching) -> UnitChanges:
    akids = sa.kids
    fates_a: list[UnitFate] = []
    moved: list[UnitMove] = []
    renamed: list[UnitChange] = []
    reparented: list[UnitChange] = []
    fte_changed: list[FteChange] = []
    one_to_one = [len(s) == 1 and len(m.pred[s[0]]) == 1 for s in m.succ]
    for u in sa.units:
        b = m.a2b[u.index]
        if b < 0:
            fates_a.append(UnitFate.ADDED)
            continue
        v = sb.units[b]
        reason = m.unit_reason[u.index] or Reason.NAME
        same_parent = (u.parent is None and v.parent is None) or (
            u.parent is not None and v.parent is not None and m.b2a[v.parent] == u.parent
        )
        if u.dept in m.succ[v.dept]:
            fates_a.append(UnitFate.KEPT if one_to_one[v.dept] else UnitFate.CARRIED)
            if not same_parent:
                reparented.append(UnitChange(unit_ref(sb, b), unit_ref(sa, u.index), reason))
        elif same_parent and u.parent is not None:
            fates_a.append(UnitFate.CARRIED)  # follows its parent unit, which moved
        else:
            fates_a.append(UnitFate.MOVED)
            size, total = _subtree(sa, akids, u.index)
            moved.append(UnitMove(unit_ref(sb, b), unit_ref(sa, u.index), size, total, reason))
        if v.name != u.name:
            renamed.append(UnitChange(unit_ref(sb, b), unit_ref(sa, u.index), reason))
        if v.fte != u.fte:
            fte_changed.append(FteChange(unit_ref(sa, u.index), v.fte, u.fte))
    fates_b = [fates_a[a] if a >= 0 else UnitFate.REMOVED for a in m.b2a]
    return UnitChanges(
        moved=tuple(moved),
        added=tuple(unit_ref(sa, i) for i, f in enumerate(fates_a) if f is UnitFate.ADDED),
        removed=tuple(unit_ref(sb, i) for i, f in enumerate(fates_b) if f is UnitFate.REMOVED),
        renamed=tuple(renamed),
        reparented=tuple(reparented),
        fte_changed=tuple(fte_changed),
        fates_after=tuple(fates_a),
        fates_before=tuple(fates_b),
    )


def _subtree(s: Structure, kids: Sequence[Sequence[int]], i: int) -> tuple[int, float]:
    size, fte, stack = 0, 0.0, [i]
    while stack:
        j = stack.pop()
        size += 1
        fte += s.units[j].fte
        stack.extend(kids[j])
    return size, fte

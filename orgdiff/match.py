"""Correspondence only: which unit and which department of `after` continues which of `before`.

Units match by explicit id, then ``formerly`` (either file may say it), then a name that is
unique on both sides, then by sharing most of their children (a renamed parent). Departments
link by id, ``formerly`` and name; departments without such a link are related by the units
they share: an edge wherever more than half of one side's units come from (or go to) the other.
Every correspondence records why it was made. All steps are linear in the number of units.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from .changes import Reason
from .structure import Structure


@dataclass(frozen=True)
class Matching:
    """Unit pairs and department correspondences between two structures."""

    b2a: tuple[int, ...]  # before unit → after unit, or -1
    a2b: tuple[int, ...]  # after unit → before unit, or -1
    unit_reason: tuple[Reason | None, ...]  # per after unit
    succ: tuple[tuple[int, ...], ...]  # before department → after departments it continues in
    pred: tuple[tuple[int, ...], ...]  # after department → before departments it continues
    dept_reason: dict[tuple[int, int], Reason]


class _Pairs:
    def __init__(self, nb: int, na: int) -> None:
        self.b2a = [-1] * nb
        self.a2b = [-1] * na
        self.reason: list[Reason | None] = [None] * na

    def pair(self, b: int, a: int, reason: Reason) -> None:
        if self.b2a[b] < 0 and self.a2b[a] < 0:
            self.b2a[b], self.a2b[a], self.reason[a] = a, b, reason


def match(before: Structure, after: Structure) -> Matching:
    """Match units, then departments, then units whose names are ambiguous."""
    pairs = _Pairs(len(before.units), len(after.units))
    _units_by_id(before, after, pairs)
    _units_by_formerly(before, after, pairs)
    ambiguous = _units_by_unique_name(before, after, pairs)
    _units_by_children(before, after, pairs)
    succ, pred, dept_reason = _departments(before, after, pairs)
    _ambiguous_units(before, after, pairs, ambiguous, succ)
    return Matching(
        tuple(pairs.b2a),
        tuple(pairs.a2b),
        tuple(pairs.reason),
        tuple(tuple(s) for s in succ),
        tuple(tuple(p) for p in pred),
        dept_reason,
    )


# --- units ----------------------------------------------------------------------------------------


def _units_by_id(before: Structure, after: Structure, pairs: _Pairs) -> None:
    ids = {u.id: u.index for u in before.units if u.explicit_id}
    for u in after.units:
        if u.explicit_id and u.id in ids:
            pairs.pair(ids[u.id], u.index, Reason.ID)


def _units_by_formerly(before: Structure, after: Structure, pairs: _Pairs) -> None:
    bids = {u.id: u.index for u in before.units}
    aids = {u.id: u.index for u in after.units}
    for a in after.units:
        for old in a.formerly:
            if old in bids:
                pairs.pair(bids[old], a.index, Reason.FORMERLY)
    for b in before.units:
        for new in b.formerly:
            if new in aids:
                pairs.pair(b.index, aids[new], Reason.FORMERLY)


def _units_by_unique_name(
    before: Structure, after: Structure, pairs: _Pairs
) -> dict[str, tuple[list[int], list[int]]]:
    """Pair names unique among the unpaired units of both sides; return the ambiguous ones."""
    groups: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for u in before.units:
        if pairs.b2a[u.index] < 0:
            groups[u.norm][0].append(u.index)
    for u in after.units:
        if pairs.a2b[u.index] < 0:
            groups[u.norm][1].append(u.index)
    ambiguous = {}
    for norm, (bs, as_) in groups.items():
        if len(bs) == 1 and len(as_) == 1:
            pairs.pair(bs[0], as_[0], Reason.NAME)
        elif bs and as_:
            ambiguous[norm] = (bs, as_)
    return ambiguous


def _units_by_children(before: Structure, after: Structure, pairs: _Pairs) -> None:
    """A renamed parent: unpaired units that share more than half of each other's children."""
    bkids = before.kids
    akids = after.kids
    for a in range(len(after.units) - 1, -1, -1):  # deepest first: children follow parents
        if pairs.a2b[a] >= 0 or not akids[a]:
            continue
        votes: dict[int, int] = defaultdict(int)
        for k in akids[a]:
            b = pairs.a2b[k]
            parent = before.units[b].parent if b >= 0 else None
            if parent is not None and pairs.b2a[parent] < 0:
                votes[parent] += 1
        if votes:
            b, n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            if 2 * n > len(akids[a]) and 2 * n > len(bkids[b]):
                pairs.pair(b, a, Reason.OVERLAP)


def _ambiguous_units(
    before: Structure,
    after: Structure,
    pairs: _Pairs,
    ambiguous: dict[str, tuple[list[int], list[int]]],
    succ: list[list[int]],
) -> None:
    """Same-named units: pair within corresponding departments, same parent name first.

    Candidates wait in queues keyed by (after-department, parent name), then by department
    alone, so a thousand siblings with one name cost a thousand steps, not a million.
    """

    def parent_norm(s: Structure, i: int) -> str:
        p = s.units[i].parent
        return s.units[p].norm if p is not None else ""

    for norm in sorted(ambiguous):
        bs, as_ = ambiguous[norm]
        for strict in (True, False):
            queues: dict[tuple[int, str], deque[int]] = defaultdict(deque)
            for b in bs:
                if pairs.b2a[b] < 0:
                    key = parent_norm(before, b) if strict else ""
                    for a_dept in succ[before.units[b].dept]:
                        queues[a_dept, key].append(b)
            for a in as_:
                if pairs.a2b[a] >= 0:
                    continue
                queue = queues.get((after.units[a].dept, parent_norm(after, a) if strict else ""))
                while queue:
                    b = queue.popleft()
                    if pairs.b2a[b] < 0:  # may have paired through another department's queue
                        pairs.pair(b, a, Reason.NAME)
                        break


# --- departments ----------------------------------------------------------------------------------


def _departments(
    before: Structure, after: Structure, pairs: _Pairs
) -> tuple[list[list[int]], list[list[int]], dict[tuple[int, int], Reason]]:
    reason: dict[tuple[int, int], Reason] = {}

    def link(b: int, a: int, why: Reason) -> None:
        reason.setdefault((b, a), why)

    ids = {d.id: d.index for d in before.depts if d.explicit_id}
    for d in after.depts:
        if d.explicit_id and d.id in ids:
            link(ids[d.id], d.index, Reason.ID)
    bids = {d.id: d.index for d in before.depts}
    aids = {d.id: d.index for d in after.depts}
    for d in after.depts:
        for old in d.formerly:
            if old in bids:
                link(bids[old], d.index, Reason.FORMERLY)
    for d in before.depts:
        for new in d.formerly:
            if new in aids:
                link(d.index, aids[new], Reason.FORMERLY)
    linked_b = {b for b, _ in reason}
    linked_a = {a for _, a in reason}
    names: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for d in before.depts:
        if d.index not in linked_b:
            names[d.norm][0].append(d.index)
    for d in after.depts:
        if d.index not in linked_a:
            names[d.norm][1].append(d.index)
    for bs, as_ in names.values():
        if len(bs) == 1 and len(as_) == 1:
            link(bs[0], as_[0], Reason.NAME)
    linked_b = {b for b, _ in reason}
    linked_a = {a for _, a in reason}

    size_b = [0] * len(before.depts)
    size_a = [0] * len(after.depts)
    for u in before.units:
        size_b[u.dept] += 1
    for u in after.units:
        size_a[u.dept] += 1
    flow: dict[tuple[int, int], int] = defaultdict(int)
    for b, a in enumerate(pairs.b2a):
        if a >= 0:
            flow[before.units[b].dept, after.units[a].dept] += 1
    for (b, a), n in flow.items():
        if (b not in linked_b or a not in linked_a) and (2 * n > size_b[b] or 2 * n > size_a[a]):
            link(b, a, Reason.OVERLAP)

    succ: list[list[int]] = [[] for _ in before.depts]
    pred: list[list[int]] = [[] for _ in after.depts]
    for b, a in sorted(reason):
        succ[b].append(a)
        pred[a].append(b)
    return succ, pred, reason

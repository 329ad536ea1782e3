"""``compare(before, after) -> OrgDiff``: the pure core; no files, terminal, clock or env."""

from __future__ import annotations

from collections.abc import Sequence

from .balance import dept_balance, spread
from .changes import (
    Alternative,
    Balance,
    DeptChanges,
    DeptFate,
    DeptPair,
    Evidence,
    Flow,
    FteChange,
    Merge,
    OrgDiff,
    Pairing,
    Reason,
    Ref,
    Rule,
    Side,
    Split,
    UnitChange,
    UnitChanges,
    UnitFate,
    UnitMove,
)
from .errors import OrgdiffError
from .match import DEFAULT, Matching, Thresholds, match
from .model import Org
from .names import similarity
from .posts import chef_posts, cost, leader_posts, unit_ref
from .structure import Structure, build


class CompareError(OrgdiffError):
    """Two files that cannot be compared as they are (e.g. costs in different currencies)."""


def compare(
    before: Org | Structure,
    after: Org | Structure,
    *,
    thresholds: Thresholds = DEFAULT,
) -> OrgDiff:
    """Everything that differs between two structures, as one immutable :class:`OrgDiff`.

    Pure: reads no file, terminal, clock or environment, and switches nothing process-wide.
    ``thresholds`` tunes the inference (see :class:`orgdiff.match.Thresholds`).
    """
    sb = before if isinstance(before, Structure) else build(before)
    sa = after if isinstance(after, Structure) else build(after)
    m = match(sb, sa, thresholds)
    depts = _departments(sb, sa, m, thresholds)
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
        pairing=Pairing(m.a2b, m.b2a, m.pred),
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


def _departments(sb: Structure, sa: Structure, m: Matching, th: Thresholds) -> DeptChanges:
    fates_b: list[DeptFate] = []
    fates_a: list[DeptFate] = []
    kept: list[DeptPair] = []
    renamed: list[DeptPair] = []
    for b, a in enumerate(m.cont_b):
        if a < 0:
            n = len(m.targets[b])
            fates_b.append(
                DeptFate.SPLIT if n > 1 else DeptFate.MERGED if n == 1 else DeptFate.REMOVED
            )
        elif len(m.sources[a]) > 1:
            fates_b.append(DeptFate.MERGED)
        else:
            pair = DeptPair(_ref(sb, b), _ref(sa, a), m.dept_reason[b, a], m.evidence[b, a])
            same = sb.depts[b].norm == sa.depts[a].norm  # "og" and "&" are the same name
            (kept if same else renamed).append(pair)
            fates_b.append(DeptFate.KEPT if same else DeptFate.RENAMED)
    for a, sources in enumerate(m.sources):
        if not sources:
            fates_a.append(DeptFate.ADDED)
        elif len(sources) > 1:
            fates_a.append(DeptFate.MERGED)
        elif m.cont_a[a] < 0:
            fates_a.append(DeptFate.SPLIT)
        else:
            fates_a.append(fates_b[sources[0]])
    merged = tuple(
        _merge(sb, sa, m, a, th) for a, sources in enumerate(m.sources) if len(sources) > 1
    )
    split = tuple(_split(sb, sa, m, b, th) for b, t in enumerate(m.targets) if len(t) > 1)
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
        ended=tuple(_ref(sb, b) for b, a in enumerate(m.cont_b) if a < 0),
    )


def _share(m: Matching, b: int, a: int) -> tuple[float, float]:
    f = m.flows.get((b, a))
    return (f.out, f.inn) if f else (1.0, 0.0)  # declared by `formerly`, no units between


def _merge(sb: Structure, sa: Structure, m: Matching, a: int, th: Thresholds) -> Merge:
    """A merge into after-department ``a``, with the evidence of its weakest substantial flow.

    Ambiguous when a flow is near the substantial threshold, or when the largest source was
    only just contested (it could also be read as that department continuing, renamed).
    """
    sources = sorted(m.sources[a])
    cont = m.cont_a[a]
    ended = [b for b in sources if b != cont]
    weakest = min(ended, key=lambda b: (_share(m, b, a)[0], b))
    o, i = _share(m, weakest, a)
    sim = max(similarity(sb.depts[b].norm, sa.depts[a].norm) for b in sources)
    strong = [b for b in sources if b == cont or (b, a) not in m.weak]
    alt: Alternative | None = None
    if len(strong) < len(sources):
        fate = DeptFate.MERGED if len(strong) > 1 else DeptFate.RENAMED
        alt = Alternative(fate, tuple(_ref(sb, b) for b in strong), (_ref(sa, a),))
    elif cont < 0:
        top = max(sources, key=lambda b: (_share(m, b, a)[1], -b))
        to, ti = _share(m, top, a)
        rivals = [b for b in sources if b != top and _share(m, b, a)[1] >= th.comparable * ti]
        close = all(_share(m, b, a)[1] < (th.comparable + th.margin) * ti for b in rivals)
        if to > th.majority and ti > th.majority and close:
            alt = Alternative(DeptFate.RENAMED, (_ref(sb, top),), (_ref(sa, a),))
    rule = (
        Rule.DECLARED
        if all(_share(m, b, a) == (1.0, 0.0) for b in ended)
        else (Rule.SUBSTANTIAL_FLOWS)
    )
    return Merge(
        tuple(_ref(sb, b) for b in sources),
        _ref(sa, a),
        _ref(sb, cont) if cont >= 0 else None,
        Evidence(rule, round(o, 4), round(i, 4), sim, alt is not None, alt),
    )


def _split(sb: Structure, sa: Structure, m: Matching, b: int, th: Thresholds) -> Split:
    """A split of before-department ``b``, with the evidence of its weakest substantial part."""
    targets = m.targets[b]
    weakest = min(targets, key=lambda a: (_share(m, b, a)[0], a))
    o, i = _share(m, b, weakest)
    sim = max(similarity(sb.depts[b].norm, sa.depts[a].norm) for a in targets)
    strong = [a for a in targets if (b, a) not in m.weak]
    top = max(targets, key=lambda a: (_share(m, b, a)[0], -a))
    alt: Alternative | None = None
    if len(strong) < len(targets):
        fate = DeptFate.SPLIT if len(strong) > 1 else DeptFate.RENAMED
        alt = Alternative(fate, (_ref(sb, b),), tuple(_ref(sa, a) for a in strong or [top]))
    elif m.cont_a[top] < 0 and _share(m, b, top)[0] >= th.majority - th.margin:
        alt = Alternative(DeptFate.RENAMED, (_ref(sb, b),), (_ref(sa, top),))
    rule = (
        Rule.DECLARED
        if all(_share(m, b, a) == (1.0, 0.0) for a in targets)
        else (Rule.SUBSTANTIAL_FLOWS)
    )
    return Split(
        _ref(sb, b),
        tuple(_ref(sa, a) for a in targets),
        Evidence(rule, round(o, 4), round(i, 4), sim, alt is not None, alt),
    )


def _follows(m: Matching, b: int, a: int) -> bool:
    """Units from ``b`` into ``a`` go where their department goes (not a move)."""
    c = m.cont_b[b]
    return c == a if c >= 0 else a in m.targets[b]


def _flows(sb: Structure, sa: Structure, m: Matching) -> tuple[Flow, ...]:
    return tuple(
        Flow(
            _ref(sb, b),
            _ref(sa, a),
            f.units,
            f.fte,
            _follows(m, b, a),
            round(f.out, 4),
            round(f.inn, 4),
        )
        for (b, a), f in sorted(m.flows.items())
    )


def _units(sb: Structure, sa: Structure, m: Matching) -> UnitChanges:
    akids = sa.kids
    fates_a: list[UnitFate] = []
    moved: list[UnitMove] = []
    renamed: list[UnitChange] = []
    reparented: list[UnitChange] = []
    fte_changed: list[FteChange] = []
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
        if m.cont_b[v.dept] == u.dept:
            fates_a.append(UnitFate.KEPT)
            if not same_parent:
                reparented.append(UnitChange(unit_ref(sb, b), unit_ref(sa, u.index), reason))
        elif _follows(m, v.dept, u.dept):
            fates_a.append(UnitFate.CARRIED)  # along a substantial part of its ended department
            if not same_parent and u.parent is not None and v.parent is not None:
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

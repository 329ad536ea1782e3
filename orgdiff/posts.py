"""Chef and leader posts: which disappear, which are created, and the yearly cost change. Pure."""

from __future__ import annotations

from .changes import Cost, PostChange, PostRef, Posts, Ref, UnitRef
from .match import Matching
from .model import Post
from .names import normalise, similarity
from .structure import Structure


def chef_cost(s: Structure, post: Post) -> float | None:
    """A chef post's own cost, else the file's ``chef_post_cost``."""
    if post.cost is not None:
        return float(post.cost)
    return None if s.org.chef_post_cost is None else float(s.org.chef_post_cost)


def unit_ref(s: Structure, i: int) -> UnitRef:
    u = s.units[i]
    d = s.depts[u.dept]
    return UnitRef(u.id, u.name, Ref(d.id, d.name), s.path(i))


def chef_posts(
    before: Structure, after: Structure, m: Matching
) -> tuple[Posts, list[tuple[float | None, float | None]]]:
    """Chef posts paired within each group of corresponding departments.

    Within a group (departments joined by continuity, merges and splits) a chef post pairs
    first with the post of the department its department continues as, then by the same
    title, then the most alike title (ties: the larger share of units, then names). The rest
    are removed or added. The order of departments in the files decides nothing. Returns the
    posts and the (before cost, after cost) of each paired post.
    """
    added: list[PostRef] = []
    removed: list[PostRef] = []
    changed: list[PostChange] = []
    paired: list[tuple[float | None, float | None]] = []
    for bs, as_ in _groups(len(before.depts), len(after.depts), m):
        bchefs = {b for b in bs if before.depts[b].chef is not None}
        achefs = {a for a in as_ if after.depts[a].chef is not None}
        pairs = [(b, m.cont_b[b]) for b in sorted(bchefs) if m.cont_b[b] in achefs]
        bchefs -= {b for b, _ in pairs}
        achefs -= {a for _, a in pairs}
        scored = []
        for b in bchefs:
            bt = normalise(_title(before, b))
            for a in achefs:
                at = normalise(_title(after, a))
                f = m.flows.get((b, a))
                scored.append(
                    (
                        -(2.0 if bt == at else similarity(bt, at)),
                        -(f.inn if f else 0.0),
                        before.depts[b].norm,
                        after.depts[a].norm,
                        b,
                        a,
                    )
                )
        for *_, b, a in sorted(scored):
            if b in bchefs and a in achefs:
                pairs.append((b, a))
                bchefs.discard(b)
                achefs.discard(a)
        for b, a in sorted(pairs):
            bref, aref = _chef_ref(before, b), _chef_ref(after, a)
            paired.append((bref.cost, aref.cost))
            if bref.title != aref.title or bref.cost != aref.cost:
                changed.append(PostChange(bref, aref))
        removed += [_chef_ref(before, b) for b in sorted(bchefs)]
        added += [_chef_ref(after, a) for a in sorted(achefs)]
    count_b = sum(1 for d in before.depts if d.chef is not None)
    count_a = sum(1 for d in after.depts if d.chef is not None)
    return Posts(count_b, count_a, tuple(added), tuple(removed), tuple(changed)), paired


def _title(s: Structure, i: int) -> str:
    chef = s.depts[i].chef
    assert chef is not None
    return chef.title


def _chef_ref(s: Structure, i: int) -> PostRef:
    d = s.depts[i]
    assert d.chef is not None
    return PostRef(d.chef.title, Ref(d.id, d.name), None, chef_cost(s, d.chef))


def _groups(nb: int, na: int, m: Matching) -> list[tuple[list[int], list[int]]]:
    """Connected groups of departments (before, after) in the correspondence graph."""
    parent = list(range(nb + na))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for b, succ in enumerate(m.succ):
        for a in succ:
            parent[find(b)] = find(nb + a)
    for a, sources in enumerate(m.sources):
        for b in sources:
            parent[find(b)] = find(nb + a)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(nb + na):
        bs, as_ = groups.setdefault(find(x), ([], []))
        (bs if x < nb else as_).append(x if x < nb else x - nb)
    return sorted(groups.values(), key=lambda g: (g[0][:1] or [nb], g[1][:1]))


def leader_posts(
    before: Structure, after: Structure, m: Matching
) -> tuple[Posts, list[tuple[float | None, float | None]]]:
    """Leader posts of units: added where a unit gains one, removed where it loses one."""
    added: list[PostRef] = []
    removed: list[PostRef] = []
    changed: list[PostChange] = []
    paired: list[tuple[float | None, float | None]] = []
    for u in before.units:
        a = m.b2a[u.index]
        other = after.units[a].leader if a >= 0 else None
        if u.leader is not None and other is None:
            removed.append(_leader_ref(before, u.index))
        elif u.leader is not None and other is not None:
            paired.append((_cost(u.leader), _cost(other)))
            if u.leader.title != other.title or u.leader.cost != other.cost:
                changed.append(PostChange(_leader_ref(before, u.index), _leader_ref(after, a)))
    for u in after.units:
        b = m.a2b[u.index]
        if u.leader is not None and (b < 0 or before.units[b].leader is None):
            added.append(_leader_ref(after, u.index))
    count_b = sum(1 for u in before.units if u.leader is not None)
    count_a = sum(1 for u in after.units if u.leader is not None)
    return Posts(count_b, count_a, tuple(added), tuple(removed), tuple(changed)), paired


def _cost(post: Post) -> float | None:
    return None if post.cost is None else float(post.cost)


def _leader_ref(s: Structure, i: int) -> PostRef:
    u = s.units[i]
    assert u.leader is not None
    ref = unit_ref(s, i)
    return PostRef(u.leader.title, ref.dept, ref, _cost(u.leader))


def cost(
    currency: str,
    chefs: tuple[Posts, list[tuple[float | None, float | None]]],
    leaders: tuple[Posts, list[tuple[float | None, float | None]]],
) -> Cost:
    """Added posts' costs − removed posts' costs + changes of paired posts' costs (both known)."""

    def change(posts: Posts, paired: list[tuple[float | None, float | None]]) -> float:
        total = sum(p.cost or 0.0 for p in posts.added) - sum(p.cost or 0.0 for p in posts.removed)
        total = float(total)
        total += sum(a - b for b, a in paired if a is not None and b is not None)
        return total

    chef_change, leader_change = change(*chefs), change(*leaders)
    every = [*chefs[0].added, *chefs[0].removed, *leaders[0].added, *leaders[0].removed]
    complete = all(p.cost is not None for p in every)
    return Cost(currency, chef_change + leader_change, chef_change, leader_change, complete)

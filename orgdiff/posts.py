"""Chef and leader posts: which disappear, which are created, and the yearly cost change. Pure."""

from __future__ import annotations

from .changes import Cost, PostRef, Posts, Ref, UnitRef
from .match import Matching
from .model import Post
from .names import normalise
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

    Within a group (departments joined by merges, splits or continuity) chef posts pair first
    by title, then along department links; the rest are removed or added. Returns the posts and
    the (before cost, after cost) of each paired post.
    """
    groups = _groups(len(before.depts), len(after.depts), m)
    added: list[PostRef] = []
    removed: list[PostRef] = []
    paired: list[tuple[float | None, float | None]] = []
    for bs, as_ in groups:
        bchefs = [b for b in bs if before.depts[b].chef is not None]
        achefs = [a for a in as_ if after.depts[a].chef is not None]
        pairs: list[tuple[int, int]] = []
        for rule in ("title", "link", "any"):
            for b in list(bchefs):
                for a in achefs:
                    if _fits(rule, before, after, m, b, a):
                        pairs.append((b, a))
                        bchefs.remove(b)
                        achefs.remove(a)
                        break
        for b, a in pairs:
            bpost, apost = before.depts[b].chef, after.depts[a].chef
            assert bpost is not None and apost is not None
            paired.append((chef_cost(before, bpost), chef_cost(after, apost)))
        removed += [_chef_ref(before, b) for b in bchefs]
        added += [_chef_ref(after, a) for a in achefs]
    count_b = sum(1 for d in before.depts if d.chef is not None)
    count_a = sum(1 for d in after.depts if d.chef is not None)
    return Posts(count_b, count_a, tuple(added), tuple(removed)), paired


def _fits(rule: str, before: Structure, after: Structure, m: Matching, b: int, a: int) -> bool:
    if rule == "any":
        return True
    linked = a in m.succ[b]
    if rule == "link":
        return linked
    bchef, achef = before.depts[b].chef, after.depts[a].chef
    assert bchef is not None and achef is not None
    return linked and normalise(bchef.title) == normalise(achef.title)


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
    paired: list[tuple[float | None, float | None]] = []
    for u in before.units:
        a = m.b2a[u.index]
        other = after.units[a].leader if a >= 0 else None
        if u.leader is not None and other is None:
            removed.append(_leader_ref(before, u.index))
        elif u.leader is not None and other is not None:
            paired.append((_cost(u.leader), _cost(other)))
    for u in after.units:
        b = m.a2b[u.index]
        if u.leader is not None and (b < 0 or before.units[b].leader is None):
            added.append(_leader_ref(after, u.index))
    count_b = sum(1 for u in before.units if u.leader is not None)
    count_a = sum(1 for u in after.units if u.leader is not None)
    return Posts(count_b, count_a, tuple(added), tuple(removed)), paired


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

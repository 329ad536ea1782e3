"""What a comparison means for the departments, derived once from the result for every renderer.

The charts, the terminal, Markdown and the HTML report all need the same few facts that the
result does not spell out department by department: which before-departments ended (merged
away, split, removed) and where their units went, what each after-department was made from
(merged from, part of, formerly, new), which units it gave away or took in, and a handful of
plain sentences saying what changes. They are derived here, once, purely from the result
(:class:`~orgdiff.changes.OrgDiff`), never in a renderer.

The result names the ended departments (``DeptChanges.ended``) and the source a merge
continues (``Merge.continues``); the rest is derived here from the fates and flows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .changes import DeptFate, Flow, OrgDiff, PostRef, Ref, UnitFate
from .i18n import Lang, money, plural, t
from .structure import Structure

# --- department facts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Share:
    """Units (with their FTE) that went from one department to another."""

    dept: Ref
    units: int
    fte: float


@dataclass(frozen=True, slots=True)
class Ended:
    """A before-department that does not continue: merged away, split up or removed."""

    dept: Ref
    fate: DeptFate  # MERGED, SPLIT or REMOVED
    went: tuple[Share, ...]  # where its units went, biggest first
    removed_units: int  # its units that were removed outright
    chef_removed: PostRef | None  # its chef post, when that post was removed


@dataclass(frozen=True, slots=True)
class DeptNote:
    """What an after-department is made of and what it gave and took, for one header."""

    dept: Ref
    fate: DeptFate
    merged_from: tuple[Ref, ...]  # the sources of a merge into this department
    absorbed: tuple[Ref, ...]  # sources that ended in it (merged away or split into it)
    split_from: tuple[Ref, ...]  # split departments this one took a part of
    formerly: str | None  # its old name when it was renamed
    gives: tuple[Share, ...]  # units its predecessor(s) sent to other departments
    takes: tuple[Share, ...]  # units moved in from departments it does not continue
    carried: tuple[Share, ...]  # units carried in by a merge or split, by origin
    added_units: int
    removed_units: int

    @property
    def changed(self) -> bool:
        """False only for a department that kept its name, its units and gave nothing away."""
        return bool(
            self.fate is not DeptFate.KEPT
            or self.gives
            or self.takes
            or self.carried
            or self.added_units
            or self.removed_units
        )


def _by_size(shares: dict[str, Share]) -> tuple[Share, ...]:
    return tuple(sorted(shares.values(), key=lambda s: (-s.units, -s.fte, s.dept.name)))


def _add(shares: dict[str, Share], dept: Ref, units: int, fte: float) -> None:
    old = shares.get(dept.id)
    shares[dept.id] = Share(
        dept, units + (old.units if old else 0), fte + (old.fte if old else 0.0)
    )


def continuing(d: OrgDiff) -> dict[str, str]:
    """Before-department id → the after-department id that continues it, when one does.

    Kept and renamed departments continue 1:1; in a merge, the source the result names in
    ``Merge.continues`` continues in the target. A split source ends.
    """
    out = {p.before.id: p.after.id for p in (*d.departments.kept, *d.departments.renamed)}
    for m in d.departments.merged:
        if m.continues is not None:
            out[m.continues.id] = m.target.id
    return out


def ended(d: OrgDiff) -> tuple[Ended, ...]:
    """The result's ended before-departments (``DeptChanges.ended``), each with how it ended,
    where its units went, its removed units and its removed chef post."""
    fates = dict((r.id, f) for r, f in d.departments.fates_before)
    split_ids = {sp.source.id for sp in d.departments.split}
    merged_ids = {r.id for m in d.departments.merged for r in m.sources}
    went: dict[str, dict[str, Share]] = defaultdict(dict)
    for f in d.departments.flows:
        _add(went[f.before.id], f.after, f.units, f.fte)
    removed: dict[str, int] = defaultdict(int)
    for u in d.units.removed:
        removed[u.dept.id] += 1
    chefs = {p.dept.id: p for p in d.chef_posts.removed}
    out = []
    for r in d.departments.ended:
        if r.id in split_ids:
            fate = DeptFate.SPLIT
        elif r.id in merged_ids:
            fate = DeptFate.MERGED
        else:
            fate = fates.get(r.id, DeptFate.REMOVED)
            if fate not in (DeptFate.SPLIT, DeptFate.MERGED):
                fate = DeptFate.REMOVED
        out.append(Ended(r, fate, _by_size(went[r.id]), removed[r.id], chefs.get(r.id)))
    return tuple(out)


def dept_notes(d: OrgDiff, before: Structure | None = None) -> dict[str, DeptNote]:
    """A note per after-department id.

    ``carried`` needs the before-structure to say where each carried unit came from; without
    it carried units are attributed by the flows that follow a department.
    """
    cont = continuing(d)
    preds: dict[str, list[str]] = defaultdict(list)
    for b, a in cont.items():
        preds[a].append(b)
    merged_from: dict[str, tuple[Ref, ...]] = {}
    absorbed: dict[str, list[Ref]] = defaultdict(list)
    for m in d.departments.merged:
        merged_from[m.target.id] = m.sources
        absorbed[m.target.id] += [r for r in m.sources if r.id not in cont]
    split_from: dict[str, list[Ref]] = defaultdict(list)
    for sp in d.departments.split:
        for r in sp.targets:
            if cont.get(sp.source.id) != r.id:
                split_from[r.id].append(sp.source)
                if sp.source not in absorbed[r.id]:
                    absorbed[r.id].append(sp.source)
    formerly = {p.after.id: p.before.name for p in d.departments.renamed}
    gives: dict[str, dict[str, Share]] = defaultdict(dict)
    takes: dict[str, dict[str, Share]] = defaultdict(dict)
    carried: dict[str, dict[str, Share]] = defaultdict(dict)
    for f in d.departments.flows:
        home = cont.get(f.before.id)
        if home == f.after.id:
            continue
        if f.follows:
            _add(carried[f.after.id], f.before, f.units, f.fte)
        else:
            _add(takes[f.after.id], f.before, f.units, f.fte)
        if home is not None:
            _add(gives[home], f.after, f.units, f.fte)
    added: dict[str, int] = defaultdict(int)
    for u in d.units.added:
        added[u.dept.id] += 1
    removed: dict[str, int] = defaultdict(int)
    for u in d.units.removed:
        home = cont.get(u.dept.id)
        if home is not None:
            removed[home] += 1
    return {
        r.id: DeptNote(
            dept=r,
            fate=fate,
            merged_from=merged_from.get(r.id, ()),
            absorbed=tuple(absorbed.get(r.id, ())),
            split_from=tuple(split_from.get(r.id, ())),
            formerly=formerly.get(r.id),
            gives=_by_size(gives[r.id]),
            takes=_by_size(takes[r.id]),
            carried=_by_size(carried[r.id]),
            added_units=added[r.id],
            removed_units=removed[r.id],
        )
        for r, fate in d.departments.fates_after
    }


def carried_origin(before: Structure, after: Structure, d: OrgDiff) -> dict[int, Ref]:
    """After-unit index → the before-department it was carried from by a merge or split.

    Only units whose fate is CARRIED into a department that does not continue their own
    department; the unit is found in ``before`` by its (resolved) id.
    """
    cont = continuing(d)
    by_id = {u.id: u.dept for u in before.units}
    out: dict[int, Ref] = {}
    for u, fate in zip(after.units, d.units.fates_after, strict=True):
        if fate is not UnitFate.CARRIED or u.id not in by_id:
            continue
        src = before.depts[by_id[u.id]]
        if cont.get(src.id) != after.depts[u.dept].id:
            out[u.index] = Ref(src.id, src.name)
    return out


# --- the "what changes" sentences -----------------------------------------------------------------

# The words are the catalogue's (orgdiff.i18n, keys wc_*), counts through its plural rules.


def _s(key: str, lang: Lang, **fields: object) -> str:
    return t("wc_" + key, lang, **fields)


def _p(key: str, n: int, lang: Lang, **fields: object) -> str:
    return plural("wc_" + key, n, lang, **fields)


def _units(n: int, lang: Lang) -> str:
    return plural("n_units", n, lang)


def _join(names: list[str], lang: Lang) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {_s('and', lang)} " + names[-1]


def _head(names: list[str], lang: Lang, most: int = 3) -> str:
    if len(names) > most + 1:
        return ", ".join(names[:most]) + ", " + _p("and_more", len(names) - most, lang)
    return _join(names, lang)


def _money(x: float, currency: str, lang: Lang) -> str:
    return money(x, currency, lang, signed=True)


def _dept_sentences(d: OrgDiff, lang: Lang) -> list[str]:
    out = []
    cont = continuing(d)
    split_ids = {sp.source.id for sp in d.departments.split}
    for m in d.departments.merged:
        gone = [r for r in m.sources if r.id not in cont and r.id not in split_ids]
        if not gone:
            continue  # only split parts flow in: the split sentence says it
        if len(gone) == len(m.sources):
            out.append(
                _s("merge", lang, src=_join([r.name for r in gone], lang), dst=m.target.name)
            )
        else:
            out.append(
                _s("merge_into", lang, src=_join([r.name for r in gone], lang), dst=m.target.name)
            )
    for sp in d.departments.split:
        flows = [f for f in d.departments.flows if f.before.id == sp.source.id and f.follows]
        flows.sort(key=lambda f: (-f.units, f.after.name))
        parts = ", ".join(
            _s("part", lang, units=_units(f.units, lang), dst=f.after.name) for f in flows
        )
        out.append(_s("split", lang, src=sp.source.name, parts=parts))
    renamed = d.departments.renamed
    if len(renamed) == 1:
        out.append(_s("rename", lang, old=renamed[0].before.name, new=renamed[0].after.name))
    elif renamed:
        out.append(_p("renames", len(renamed), lang))
    added = [r.name for r in d.departments.added]
    if len(added) == 1:
        out.append(_s("new_dept", lang, x=added[0]))
    elif added:
        out.append(_p("new_depts", len(added), lang, x=_head(added, lang)))
    closed = [r.name for r in d.departments.removed]
    if len(closed) == 1:
        out.append(_s("closed", lang, x=closed[0]))
    elif closed:
        out.append(_p("closed_n", len(closed), lang, x=_head(closed, lang)))
    return out


def _move_sentence(d: OrgDiff, lang: Lang) -> str | None:
    moves = [f for f in d.departments.flows if not f.follows]
    if not moves:
        return None
    total = sum(f.units for f in moves)
    moves.sort(key=lambda f: (-f.units, f.before.name, f.after.name))
    names = {(m.before.dept.id, m.after.dept.id): m.after.name for m in d.units.moved}
    parts = []
    for f in moves:
        one = names.get((f.before.id, f.after.id)) if f.units == 1 else None
        if one is not None:
            parts.append(_s("move_part_1", lang, name=one, src=f.before.name, dst=f.after.name))
        else:
            units = _units(f.units, lang)
            parts.append(_s("move_part", lang, units=units, src=f.before.name, dst=f.after.name))
    return _p("moves", total, lang, parts=_head(parts, lang))


def _unit_sentence(d: OrgDiff, lang: Lang) -> str | None:
    a, r = len(d.units.added), len(d.units.removed)
    if a and r:
        return _s("units_added_removed", lang, added=_units(a, lang), removed=_units(r, lang))
    for n, refs, key in ((a, d.units.added, "units_added"), (r, d.units.removed, "units_removed")):
        if n:
            return _p(key, n, lang, x=_head([u.name for u in refs], lang))
    return None


def _standard_cost(p: PostRef, s: Structure | None) -> bool:
    """A chef post whose cost is the file's standard ``chef_post_cost``, not its own."""
    if s is None or p.unit is not None or p.cost is None:
        return False
    dept = next((x for x in s.depts if x.id == p.dept.id), None)
    return dept is not None and dept.chef is not None and dept.chef.cost is None


def _post_list(
    posts: tuple[PostRef, ...], sign: int, s: Structure | None, currency: str, lang: Lang
) -> str:
    items = []
    for p in posts[:3]:
        if p.cost is None:
            cost = _s("no_cost", lang)
        else:
            cost = ("≈ " if _standard_cost(p, s) else "") + _money(sign * p.cost, currency, lang)
        items.append(f"{p.title} ({cost})")
    if len(posts) > 3:
        rest = sum(p.cost or 0.0 for p in posts[3:])
        items.append(
            _p("and_more", len(posts) - 3, lang) + f" ({_money(sign * rest, currency, lang)})"
        )
    return "; ".join(items)


def _post_sentence(
    groups: list[tuple[tuple[PostRef, ...], str]],
    sign: int,
    key: str,
    s: Structure | None,
    cur: str,
    lang: Lang,
) -> str | None:
    """One sentence for the chef and leader posts removed (or added), each with its cost."""
    groups = [(posts, kind) for posts, kind in groups if posts]
    if not groups:
        return None
    labels = [plural(f"n_{kind}s", len(posts), lang) for posts, kind in groups]
    total = sum(len(posts) for posts, _ in groups)
    verb = _p(key, total, lang)
    items = "; ".join(_post_list(posts, sign, s, cur, lang) for posts, _ in groups)
    return f"{_join(labels, lang)} {verb}: {items}."


def _post_sentences(
    d: OrgDiff, lang: Lang, before: Structure | None, after: Structure | None
) -> list[str]:
    """Removed posts, added posts (chef and leader), each with its cost, then the net as the sum
    of those parts: at most three sentences (four when posts change cost)."""
    cur = d.cost.currency
    out = []
    parts: list[float] = []
    removed = [(d.chef_posts.removed, "chef_post"), (d.leader_posts.removed, "leader_post")]
    added = [(d.chef_posts.added, "chef_post"), (d.leader_posts.added, "leader_post")]
    missing = 0
    estimate = False
    for groups, sign, key, s in ((removed, -1, "removed", before), (added, 1, "added", after)):
        sentence = _post_sentence(groups, sign, key, s, cur, lang)
        if sentence:
            out.append(sentence)
        posts = [p for ps, _ in groups for p in ps]
        known = [p.cost for p in posts if p.cost is not None]
        missing += len(posts) - len(known)
        estimate = estimate or any(_standard_cost(p, s) for p in posts)
        if known:
            parts.append(sign * sum(known))
    recosted = [
        c
        for c in (*d.chef_posts.changed, *d.leader_posts.changed)
        if c.recosted and c.before.cost is not None and c.after.cost is not None
    ]
    if recosted:
        items = [
            f"{c.after.title} ({money(c.before.cost or 0.0, cur, lang)} → "
            f"{money(c.after.cost or 0.0, cur, lang)})"
            for c in recosted[:3]
        ]
        delta = sum((c.after.cost or 0.0) - (c.before.cost or 0.0) for c in recosted)
        out.append(_s("recosted", lang, x=_head(items, lang), d=_money(delta, cur, lang)))
        parts.append(delta)
    rest = d.cost.change - sum(parts)
    if abs(rest) >= 0.5:
        parts.append(rest)
    if not out and not parts:
        return out
    if len(parts) > 1:
        total = " ".join(
            (
                _money(x, cur, lang)
                if i == 0
                else ("+ " if x >= 0 else "− ") + money(abs(x), cur, lang)
            )
            for i, x in enumerate(parts)
        )
        net = _s("net", lang, sum=total, net=_money(d.cost.change, cur, lang))
    else:
        net = _s("net_one", lang, net=_money(d.cost.change, cur, lang))
    if estimate:
        net = net[:-1] + _s("estimate_note", lang) + "."
    if missing:
        net += " " + _p("net_incomplete", missing, lang)
    out.append(net)
    return out


def what_changes(
    d: OrgDiff,
    lang: Lang,
    before: Structure | None = None,
    after: Structure | None = None,
) -> tuple[str, ...]:
    """3–6 plain sentences: merges, splits, moves, posts removed and added with their cost, and
    the net as the sum of those parts (never the net alone), in ``lang``.

    The structures are optional; given, a chef post costed by the file's standard
    ``chef_post_cost`` is marked as an estimate (≈).
    """
    if not d.has_changes:
        return (_s("no_changes", lang),)
    dept = _dept_sentences(d, lang)
    units = [x for x in (_move_sentence(d, lang), _unit_sentence(d, lang)) if x]
    posts = _post_sentences(d, lang, before, after)
    # At most six sentences, nothing left out: the unit sentences, then the department
    # sentences are joined when there are more (posts and their net stay whole, at most four).
    if len(dept) + len(units) + len(posts) > 6 and len(units) > 1:
        units = [" ".join(units)]
    while len(dept) + len(units) + len(posts) > 6 and len(dept) > 1:
        dept = [*dept[:-2], dept[-2] + " " + dept[-1]]
    return (*dept, *units, *posts)


def flow_groups(flows: tuple[Flow, ...], threshold: int) -> tuple[list[Flow], list[Flow]]:
    """Flows worth an edge of their own, and the small moves (one unit each) to group.

    Small moves are grouped only when there are more than ``threshold`` of them.
    """
    small = [f for f in flows if not f.follows and f.units == 1]
    if len(small) <= threshold:
        return list(flows), []
    keep = [f for f in flows if f.follows or f.units != 1]
    return keep, small

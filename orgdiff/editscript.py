"""The edit script: a comparison written back as a scenario whose ``apply`` gives AFTER exactly.

It is built from what the comparison inferred — merges, splits, renames, moves, added and removed
units and posts — so it reads like the analyst's own list ("merge these two departments", not
forty moves). Every operation is made on a copy of BEFORE as it is written, so each names what
is there at that point (by name where the name is clear, else by path or id), and whatever the
inferred operations leave different (fields, order) is set at the end: the script is exact.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import yaml

from .apply import _Node, _Tree, apply_one
from .changes import OrgDiff, UnitChange, UnitMove
from .dump import _short_post
from .model import Department, Org, Post, Unit
from .scenario import (
    TOP_FIELDS,
    AddChefOp,
    AddDepartmentOp,
    AddLeaderOp,
    AddUnitOp,
    Change,
    MergeOp,
    MoveOp,
    OrderDepartmentsOp,
    OrderOp,
    RemoveChefOp,
    RemoveDepartmentOp,
    RemoveLeaderOp,
    RemoveUnitOp,
    RenameOp,
    Scenario,
    SetOp,
    SplitOp,
    SplitPart,
    op_name,
)
from .structure import Structure

_UNIT_SET = ("id", "fte", "formerly", "notes", "tags")
_DEPT_SET = ("id", "formerly", "notes", "tags")


class _Writer:
    """Operations made one by one on a copy of BEFORE, and recorded."""

    def __init__(self, before: Structure, base: str) -> None:
        self.tree = _Tree(before, base)
        self.ops: list[Change] = []
        self.umap: dict[int, _Node] = {}  # AFTER unit → its node, once placed

    def do(self, op: Change) -> None:
        self.tree.i = len(self.ops)
        apply_one(self.tree, op)
        self.ops.append(op)

    def ref(self, node: _Node, kinds: str) -> str:
        """How to name ``node`` now: its name if that is clear, else its path, else its id."""
        t = self.tree
        for candidate in (node.name, node.path(), node.id):
            if candidate is not None and t.lookup(candidate, kinds) == [node]:
                return candidate
        raise AssertionError(f"cannot name {node.path()}")  # pragma: no cover

    def place(self, parent: _Node) -> dict[str, str]:
        if parent.kind == "d":
            return {"to": self.ref(parent, "d")}
        return {"under": self.ref(parent, "u")}


def editscript(d: OrgDiff, before: Structure, after: Structure, base: str) -> Scenario:
    """A scenario on ``base`` (BEFORE's path) that gives AFTER; ``d`` is compare(BEFORE, AFTER)."""
    w = _Writer(before, base)
    a2b = _unit_pairs(d, before, after)
    dmap = _departments(w, d, before, after, a2b)
    _department_fields(w, after, dmap)
    _layers_removed(w, before, after, a2b, dmap)
    umap = _units(w, before, after, a2b, dmap)
    _removals(w, before, after, a2b, dmap)
    _order(w, after, dmap, umap)
    return Scenario(base, _top_fields(before.org, after.org), tuple(w.ops))


# --- correspondence -------------------------------------------------------------------------------


def _unit_pairs(d: OrgDiff, before: Structure, after: Structure) -> list[int]:
    """For each AFTER unit, the BEFORE unit it continues (or -1), as the comparison found it."""
    bidx = {u.id: u.index for u in before.units}
    aidx = {u.id: u.index for u in after.units}
    a2b = [-1] * len(after.units)
    paired_b: set[int] = set()

    def pair(b: int, a: int) -> None:
        if a2b[a] < 0 and b not in paired_b:
            a2b[a] = b
            paired_b.add(b)

    changes: list[UnitMove | UnitChange] = [*d.units.moved, *d.units.renamed, *d.units.reparented]
    for c in changes:
        pair(bidx[c.before.id], aidx[c.after.id])
    added = {aidx[u.id] for u in d.units.added}
    removed = {bidx[u.id] for u in d.units.removed}
    for u in after.units:  # kept units: the same id, else the same name in a predecessor
        if u.index in added or a2b[u.index] >= 0:
            continue
        b = bidx.get(u.id, -1)
        if b >= 0 and b not in removed and before.units[b].name == u.name:
            pair(b, u.index)
    by_name: dict[str, list[int]] = defaultdict(list)
    for v in before.units:
        if v.index not in paired_b and v.index not in removed:
            by_name[v.name].append(v.index)
    for u in after.units:
        if u.index not in added and a2b[u.index] < 0 and by_name.get(u.name):
            pair(by_name[u.name].pop(0), u.index)
    return a2b


def _dept_links(d: OrgDiff, before: Structure, after: Structure) -> list[tuple[int, int]]:
    bidx = {x.id: x.index for x in before.depts}
    aidx = {x.id: x.index for x in after.depts}
    links = [
        (bidx[p.before.id], aidx[p.after.id]) for p in (*d.departments.kept, *d.departments.renamed)
    ]
    for m in d.departments.merged:
        links += [(bidx[s.id], aidx[m.target.id]) for s in m.sources]
    for s in d.departments.split:
        links += [(bidx[s.source.id], aidx[t.id]) for t in s.targets]
    return sorted(set(links))


# --- departments ----------------------------------------------------------------------------------


def _departments(
    w: _Writer, d: OrgDiff, before: Structure, after: Structure, a2b: list[int]
) -> dict[int, _Node]:
    """Splits, then merges, along the comparison's department links; added departments."""
    links = _dept_links(d, before, after)
    succ: dict[int, list[int]] = defaultdict(list)
    pred: dict[int, list[int]] = defaultdict(list)
    for b, a in links:
        succ[b].append(a)
        pred[a].append(b)
    bnodes = {i: w.tree.depts[i] for i in range(len(before.depts))}
    # where each before unit goes: the after department of its partner
    dest: dict[int, int] = {}
    for a, b in enumerate(a2b):
        if b >= 0:
            dest[b] = after.units[a].dept
    bidx = {x.id: x.index for x in before.depts}
    aidx = {x.id: x.index for x in after.depts}
    continues = {
        aidx[m.target.id]: bidx[m.continues.id]
        for m in d.departments.merged
        if m.continues is not None
    }
    pieces: dict[tuple[int, int], _Node] = {}  # (before dept, after dept) → its piece
    for b in range(len(before.depts)):
        targets = succ.get(b, [])
        if len(targets) < 2:
            if targets:
                pieces[b, targets[0]] = bnodes[b]
            continue
        parts = []
        for a in targets:
            final = len(pred[a]) == 1
            model = after.depts[a].model
            units = (
                [w.ref(w.tree.units[v], "u") for v in _top_going(before, b, dest, a)]
                if a != targets[0]
                else []
            )
            if final:
                given = model.model_dump(exclude_defaults=True, exclude={"units"})
                fields = {k: getattr(model, k) for k in given}
            else:
                fields = {"name": _temp_name(w, before.depts[b].name, model.name)}
            if units:
                fields["units"] = tuple(units)
            parts.append(SplitPart(**fields))
        at = w.tree.depts.index(bnodes[b])
        w.do(SplitOp(split=w.ref(bnodes[b], "d"), into=tuple(parts)))
        for k, a in enumerate(targets):
            pieces[b, a] = w.tree.depts[at + k]
    dmap: dict[int, _Node] = {}
    for a in range(len(after.depts)):
        preds = pred.get(a, [])
        if not preds:
            continue
        mine = [pieces[b, a] for b in preds]
        if len(mine) == 1:
            dmap[a] = mine[0]
            continue
        target = after.depts[a]
        # the sources in the order their units come in the merged department: no reordering
        rank = {
            id(w.tree.units[b]): r for r, b in enumerate(a2b) if b >= 0 and after.units[r].dept == a
        }
        spans = {id(n): _span(n, rank) for n in mine}
        mine.sort(key=lambda n: spans[id(n)])
        # The source the merged department continues goes first (`merge: [X, Y]`: X absorbs
        # Y), unless listing the sources in the order of their units spares an `order`.
        go_on = continues.get(a)
        interleaved = any(
            spans[id(y)][0] < spans[id(x)][1] for x, y in zip(mine, mine[1:], strict=False)
        )
        if go_on is not None and (go_on, a) in pieces and (interleaved or len(mine) == 1):
            mine.remove(pieces[go_on, a])
            mine.insert(0, pieces[go_on, a])
        first = mine[0]
        model = target.model
        args: dict[str, Any] = {"merge": tuple(w.ref(n, "d") for n in mine)}
        if first.name != model.name:
            args["name"] = model.name
        for field in ("id", "chef", "formerly", "notes", "tags"):
            if first.get(field) != getattr(model, field):
                args[field] = getattr(model, field)
        w.do(MergeOp(**args))
        dmap[a] = first
    for a, dept in enumerate(after.depts):
        if a in dmap:
            continue
        whole = all(a2b[u] < 0 for u in after.dept_units()[a]) if dept.model.units else True
        model = dept.model if whole else dept.model.model_copy(update={"units": ()})
        w.do(AddDepartmentOp(add_department=model))
        dmap[a] = w.tree.depts[-1]
        if whole:
            stack = list(zip(dmap[a].kids, after.top[a], strict=True))
            while stack:
                node, i = stack.pop()
                w.umap[i] = node
                stack.extend(zip(node.kids, after.kids[i], strict=True))
    return dmap


def _span(node: _Node, rank: dict[int, int]) -> tuple[int, int]:
    """The first and last place, in the merged department, of the units ``node`` brings."""
    ranks = [rank[id(u)] for u in node.subtree() if id(u) in rank]
    return (min(ranks), max(ranks)) if ranks else (len(rank) + 10**9, len(rank) + 10**9)


def _top_going(before: Structure, b: int, dest: dict[int, int], a: int) -> list[int]:
    """Units of before-department ``b`` going to ``a`` whose parent does not go there too."""
    out = []
    for u in before.units:
        if u.dept != b or dest.get(u.index) != a:
            continue
        if u.parent is None or dest.get(u.parent) != a:
            out.append(u.index)
    return out


def _temp_name(w: _Writer, source: str, target: str) -> str:
    name = f"{source} → {target}"
    n = 2
    while w.tree.lookup(name, "ud"):
        name = f"{source} → {target} ({n})"
        n += 1
    return name


def _department_fields(w: _Writer, after: Structure, dmap: dict[int, _Node]) -> None:
    for a, dept in enumerate(after.depts):
        _fields(w, dmap[a], dept.model, "chef", _DEPT_SET, "d")


def _fields(
    w: _Writer,
    node: _Node,
    model: Department | Unit,
    post: str,
    fields: tuple[str, ...],
    kinds: str,
) -> None:
    """A post that comes or goes as add_/remove_; a new name alone as rename; the rest as set."""
    ref = w.ref(node, kinds)
    old, new = node.get(post), getattr(model, post)
    if old is None and new is not None:
        cost = {} if new.cost is None else {"cost": new.cost}
        if post == "chef":
            w.do(AddChefOp(add_chef=ref, title=new.title, **cost))
        else:
            w.do(AddLeaderOp(add_leader=ref, title=new.title, **cost))
    elif old is not None and new is None:
        w.do(RemoveChefOp(remove_chef=ref) if post == "chef" else RemoveLeaderOp(remove_leader=ref))
    changed = {f: getattr(model, f) for f in fields if node.get(f) != getattr(model, f)}
    if old is not None and new is not None and old != new:
        changed[post] = new
    if node.name != model.name:
        changed["name"] = model.name
    if changed == {"name": model.name}:
        w.do(RenameOp(rename=ref, to=model.name))
    elif changed:
        w.do(SetOp(set=ref, **changed))


# --- units ----------------------------------------------------------------------------------------


def _units(
    w: _Writer, before: Structure, after: Structure, a2b: list[int], dmap: dict[int, _Node]
) -> dict[int, _Node]:
    """Each AFTER unit in file order: added, or moved where it belongs; then its fields."""
    umap = w.umap
    whole = _wholly_new(after, a2b)
    for u in after.units:
        if u.index in umap:
            continue
        parent = dmap[u.dept] if u.parent is None else umap[u.parent]
        b = a2b[u.index]
        if b >= 0:
            node = w.tree.units[b]
            if node.parent is not parent:
                w.do(MoveOp(move=w.ref(node, "u"), **w.place(parent)))
        elif whole[u.index]:
            w.do(AddUnitOp(add_unit=u.model, **w.place(parent)))
            node = parent.kids[-1]
            stack = [(node, u.index)]
            while stack:  # the new nodes, to put them in order later
                n, i = stack.pop()
                umap[i] = n
                stack.extend(zip(n.kids, after.kids[i], strict=True))
            continue
        else:
            kids = after.kids[u.index]
            over = (
                [w.tree.units[a2b[k]] for k in kids]
                if kids and all(a2b[k] >= 0 for k in kids)
                else []
            )
            bare = u.model.model_copy(update={"units": ()})
            op = AddUnitOp(
                add_unit=bare,
                over=tuple(w.ref(n, "u") for n in over),
                **w.place(parent),
            )
            w.do(op)
            node = next(n for n in parent.kids if n.model is bare)
        umap[u.index] = node
        _fields(w, node, u.model, "leader", _UNIT_SET, "u")
    return umap


def _layers_removed(
    w: _Writer, before: Structure, after: Structure, a2b: list[int], dmap: dict[int, _Node]
) -> None:
    """A unit that goes while all its sub-units go up to its parent: a leader layer removed."""
    b2a = {b: a for a, b in enumerate(a2b) if b >= 0}
    counterpart = {id(node): a for a, node in dmap.items()}
    for v in before.units:
        if v.index in b2a or not before.kids[v.index]:
            continue
        node = w.tree.units[v.index]
        parent = node.parent
        if parent is None or not node.kids:
            continue
        homes = set()
        for kid in node.kids:
            b = next((i for i in before.kids[v.index] if w.tree.units[i] is kid), -1)
            a = b2a.get(b, -1)
            if a < 0:
                break
            up = after.units[a].parent
            homes.add(("d", after.units[a].dept) if up is None else ("u", a2b[up]))
        else:
            if parent.kind == "d":
                want = ("d", counterpart.get(id(parent), -1))
            else:
                want = ("u", next((i for i in b2a if w.tree.units[i] is parent), -2))
            if homes == {want}:
                w.do(RemoveUnitOp(remove_unit=w.ref(node, "u"), keep_units=True))


def _wholly_new(after: Structure, a2b: list[int]) -> list[bool]:
    """For each AFTER unit: it and every unit under it are new."""
    new = [a2b[i] < 0 for i in range(len(after.units))]
    for i in range(len(after.units) - 1, -1, -1):
        if new[i] and not all(new[k] for k in after.kids[i]):
            new[i] = False
    return new


def _removals(
    w: _Writer, before: Structure, after: Structure, a2b: list[int], dmap: dict[int, _Node]
) -> None:
    kept = {b for b in a2b if b >= 0}
    gone: set[int] = set()
    for v in before.units:
        node = w.tree.units[v.index]
        if v.index in kept or id(node) in gone or node.parent is None:  # (None: removed already)
            continue
        gone.update(id(n) for n in node.subtree())
        w.do(RemoveUnitOp(remove_unit=w.ref(node, "u")))
    wanted = {id(n) for n in dmap.values()}
    for node in list(w.tree.depts):
        if id(node) not in wanted:
            w.do(RemoveDepartmentOp(remove_department=w.ref(node, "d")))


# --- order ----------------------------------------------------------------------------------------


def _order(w: _Writer, after: Structure, dmap: dict[int, _Node], umap: dict[int, _Node]) -> None:
    target = [dmap[a] for a in range(len(after.depts))]
    if w.tree.depts != target:
        head = _head(w.tree.depts, target)
        w.do(OrderDepartmentsOp(order_departments=tuple(w.ref(n, "d") for n in head)))
    containers = [(dmap[a], [umap[i] for i in after.top[a]]) for a in range(len(after.depts))]
    containers += [(umap[u.index], [umap[k] for k in after.kids[u.index]]) for u in after.units]
    for node, kids in containers:
        if node.kids != kids:
            head = _head(node.kids, kids)
            w.do(OrderOp(order=w.ref(node, "ud"), units=tuple(w.ref(n, "u") for n in head)))


def _head(current: list[_Node], target: list[_Node]) -> list[_Node]:
    """The shortest head of ``target`` that, listed first, puts ``current`` in target's order."""
    pos = {id(n): i for i, n in enumerate(current)}
    k = len(target) - 1
    while k > 0 and pos[id(target[k - 1])] < pos[id(target[k])]:
        k -= 1
    return target[:k] if k > 0 else target[:1]


# --- top-level fields and writing -------------------------------------------------------------


def _top_fields(before: Org, after: Org) -> dict[str, Any]:
    out: dict[str, Any] = {"model": after.model}
    for f in TOP_FIELDS:
        if f == "baseline":
            if after.baseline:
                out[f] = True
        elif getattr(after, f) != getattr(before, f):
            out[f] = getattr(after, f)
    return out


def dumps(scenario: Scenario) -> str:
    """The scenario as YAML: ``base``, the top-level fields, then one mapping per change."""
    data: dict[str, Any] = {"base": scenario.base}
    for f in TOP_FIELDS:
        if f in scenario.fields:
            value = scenario.fields[f]
            data[f] = value.isoformat() if hasattr(value, "isoformat") else value
    data["changes"] = [_change(c) for c in scenario.changes]
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def _change(op: Change) -> dict[str, Any]:
    name = op_name(op)
    assert name is not None
    raw = op.model_dump(mode="json", exclude_unset=True)
    out = {name: raw.pop(name), **raw}
    for key in ("add_unit", "add_department"):
        if key in out:
            model = getattr(op, key)
            out[key] = _tree_dump(model)
    for key in ("chef", "leader"):
        if isinstance(out.get(key), dict):
            _short_post(out, key)
    for part in out.get("into", []):
        _short_post(part, "chef")
    return out


def _tree_dump(model: Department | Unit) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_defaults=True)
    _short_post(data, "chef")
    stack = [data]
    while stack:
        node = stack.pop()
        _short_post(node, "leader")
        stack.extend(node.get("units", []))
    return data


__all__ = ["dumps", "editscript", "Post"]

"""``apply(base, scenario) -> Org``: a scenario's changes made to its base structure. Pure.

The base becomes a mutable tree of nodes, indexed by id and by name, that the operations change
in order; only the departments and units an operation touched are made again at the end, the
rest are the base's own (frozen) objects. So applying costs in proportion to the changes, not to
the size of the base. An operation that no longer fits the base (a name that is not there, a
unit moved into itself) raises :class:`ApplyError` with the place of the operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, process

from .errors import OrgdiffError
from .model import Department, Org, Post, Unit
from .scenario import (
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
    op_name,
)
from .structure import Structure, build

SEP = " / "  # between the names of a path, as the compare report prints it
_UNIT_FIELDS = {"leader", "fte"}
_DEPT_FIELDS = {"chef"}


class ApplyError(OrgdiffError):
    """An operation that cannot be made: ``changes[index].field`` and why."""

    def __init__(self, index: int, field: tuple[str | int, ...], msg: str) -> None:
        self.index, self.field, self.msg = index, field, msg
        super().__init__(f"changes[{index}].{'.'.join(map(str, field))}: {msg}")


class _Node:
    """A department (``kind`` "d") or unit ("u") being changed."""

    __slots__ = ("kind", "model", "id", "explicit", "name", "parent", "kids", "update", "dirty")

    def __init__(self, kind: str, model: Department | Unit, ident: str | None) -> None:
        self.kind = kind
        self.model = model
        self.id = ident  # the id it is found by (the base's resolved id, or an explicit id)
        self.explicit = model.id
        self.name = model.name
        self.parent: _Node | None = None
        self.kids: list[_Node] = []
        self.update: dict[str, Any] = {}
        self.dirty = False

    def touch(self) -> None:
        """This node must be made again, and so must every node above it."""
        node: _Node | None = self
        while node is not None and not node.dirty:
            node.dirty = True
            node = node.parent

    def get(self, field: str) -> Any:
        return self.update[field] if field in self.update else getattr(self.model, field)

    def put(self, field: str, value: Any) -> None:
        self.update[field] = value
        self.touch()

    def subtree(self) -> Iterator[_Node]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(node.kids)

    def path(self) -> str:
        names = []
        node: _Node | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return SEP.join(reversed(names))

    def build(self) -> Any:
        """The model of this node: the base's own when nothing in it changed."""
        if not self.dirty:
            return self.model
        units = tuple(k.build() for k in self.kids)
        return self.model.model_copy(update={**self.update, "units": units})


_KIND = {"u": "unit", "d": "department", "ud": "department or unit"}


class _Tree:
    """The structure being changed, with its indexes."""

    def __init__(self, s: Structure, base_name: str) -> None:
        self.base_name = base_name
        self.depts = [_Node("d", d.model, d.id) for d in s.depts]
        nodes: list[_Node] = []
        self.units = nodes  # the base's units, in its order
        for u in s.units:
            node = _Node("u", u.model, u.id)
            parent = self.depts[u.dept] if u.parent is None else nodes[u.parent]
            node.parent = parent
            parent.kids.append(node)
            nodes.append(node)
        self.by_id: dict[str, _Node] = {}
        self.by_name: dict[str, list[_Node]] = {}
        for node in (*self.depts, *nodes):
            self._index(node)
        self.explicit = {n.explicit for n in (*self.depts, *nodes) if n.explicit is not None}
        self.gone: dict[str, str] = {}  # id or name of a node no longer there → why
        self.i = 0  # the operation being made

    # --- indexes ---

    def _index(self, node: _Node) -> None:
        if node.id is not None:
            self.by_id.setdefault(node.id, node)
        self.by_name.setdefault(node.name, []).append(node)

    def _unindex(self, node: _Node, why: str) -> None:
        if node.id is not None and self.by_id.get(node.id) is node:
            del self.by_id[node.id]
            self.gone[node.id] = why
        same = self.by_name.get(node.name, [])
        if node in same:
            same.remove(node)
            if not same:
                del self.by_name[node.name]
                self.gone[node.name] = why
        if node.explicit is not None:
            self.explicit.discard(node.explicit)

    def _new_id(self, ident: str | None, field: tuple[str | int, ...]) -> None:
        if ident is None:
            return
        if ident in self.explicit:
            self.fail(field, f"id '{ident}' is already used in the structure")
        self.explicit.add(ident)

    def _add_subtree(self, node: _Node, field: tuple[str | int, ...]) -> None:
        """Index a new department or unit and the units inside it (nodes made from its model)."""
        stack = [node]
        while stack:
            n = stack.pop()
            self._new_id(n.explicit, field)
            n.id = n.explicit
            self._index(n)
            for u in n.model.units:
                k = _Node("u", u, u.id)
                k.parent = n
                n.kids.append(k)
                stack.append(k)

    # --- finding what an operation names ---

    def fail(self, field: tuple[str | int, ...], msg: str) -> None:
        raise ApplyError(self.i, field, msg)

    def find(self, ref: str, kinds: str, field: tuple[str | int, ...]) -> _Node:
        """The one department or unit ``ref`` names: its id, else its name, else its path."""
        found = self.lookup(ref, kinds)
        if len(found) == 1:
            return found[0]
        if found:
            self.fail(field, self._ambiguous(ref, found, kinds))
        self.fail(field, self._missing(ref, kinds))
        raise AssertionError  # pragma: no cover - fail() raises

    def lookup(self, ref: str, kinds: str) -> list[_Node]:
        """Every department or unit ``ref`` could name (one when it is clear)."""
        node = self.by_id.get(ref)
        if node is not None and node.kind in kinds:
            return [node]
        found = [n for n in self.by_name.get(ref, ()) if n.kind in kinds]
        if not found and SEP in ref:
            found = self._by_path(ref, kinds)
        return found

    def _by_path(self, ref: str, kinds: str) -> list[_Node]:
        names = ref.split(SEP)
        level = [d for d in self.depts if d.name == names[0]]
        for name in names[1:]:
            level = [k for n in level for k in n.kids if k.name == name]
        return [n for n in level if n.kind in kinds and len(names) > 1]

    def _ambiguous(self, ref: str, found: list[_Node], kinds: str) -> str:
        shown = [f"'{n.path()}'" + (f" (id {n.id})" if n.id else "") for n in found[:5]]
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        what = "departments and units" if kinds == "ud" else _KIND[kinds] + "s"
        return (
            f"'{ref}' is ambiguous: {len(found)} {what} have that name: "
            f"{', '.join(shown)}{more}; write its path or its id"
        )

    def _missing(self, ref: str, kinds: str) -> str:
        why = self.gone.get(ref)
        if why is not None:
            return f"'{ref}' is no longer there: {why}"
        msg = f"no {_KIND[kinds]} '{ref}' in {self.base_name}"
        names = [name for name, ns in self.by_name.items() if any(n.kind in kinds for n in ns)]
        best = process.extractOne(ref, names, scorer=fuzz.WRatio, score_cutoff=80)
        if best is not None:
            msg += f" (renamed to '{best[0]}' there?)"
        return msg

    def department_of(self, node: _Node) -> _Node:
        while node.parent is not None:
            node = node.parent
        return node

    # --- changing the tree ---

    def detach(self, node: _Node) -> int:
        """Take a node out of its parent's units; its old position."""
        parent = node.parent
        assert parent is not None
        pos = parent.kids.index(node)
        del parent.kids[pos]
        parent.touch()
        node.parent = None
        return pos

    def attach(self, node: _Node, parent: _Node, pos: int | None = None) -> None:
        node.parent = parent
        if pos is None:
            parent.kids.append(node)
        else:
            parent.kids.insert(pos, node)
        parent.touch()

    def rename(self, node: _Node, name: str) -> None:
        same = self.by_name.get(node.name, [])
        if node in same:
            same.remove(node)
            if not same:
                del self.by_name[node.name]
        node.name = name
        self.by_name.setdefault(name, []).append(node)
        node.put("name", name)

    def set_id(self, node: _Node, ident: str | None, field: tuple[str | int, ...]) -> None:
        if ident == node.explicit:
            return
        if node.explicit is not None:
            self.explicit.discard(node.explicit)
        self._new_id(ident, field)
        if node.id is not None and self.by_id.get(node.id) is node:
            del self.by_id[node.id]
        node.explicit = ident
        node.id = ident
        if ident is not None:
            self.by_id[ident] = node
        node.put("id", ident)

    def remove(self, node: _Node, why: str) -> None:
        for n in node.subtree():
            self._unindex(n, why)
        if node.kind == "d":
            self.depts.remove(node)
        elif node.parent is not None:
            self.detach(node)

    def place(self, op: MoveOp | AddUnitOp) -> _Node | None:
        if op.to is not None:
            return self.find(op.to, "d", ("to",))
        if op.under is not None:
            return self.find(op.under, "u", ("under",))
        return None

    def check_not_inside(self, node: _Node, parent: _Node, field: tuple[str | int, ...]) -> None:
        p: _Node | None = parent
        while p is not None:
            if p is node:
                where = "itself" if parent is node else f"its own sub-unit '{parent.name}'"
                self.fail(field, f"cannot put '{node.name}' under {where}")
            p = p.parent


# --- the operations ---------------------------------------------------------------------------


def _move(t: _Tree, op: MoveOp) -> None:
    node = t.find(op.move, "u", ("move",))
    parent = t.place(op)
    assert parent is not None
    t.check_not_inside(node, parent, ("under",))
    t.detach(node)
    t.attach(node, parent)


def _rename(t: _Tree, op: RenameOp) -> None:
    t.rename(t.find(op.rename, "ud", ("rename",)), op.to)


def _merge(t: _Tree, op: MergeOp) -> None:
    if len(op.merge) < 2:
        t.fail(("merge",), "a merge needs two or more departments (to rename one, use rename)")
    depts = [t.find(ref, "d", ("merge", i)) for i, ref in enumerate(op.merge)]
    for i, d in enumerate(depts):
        if depts.index(d) != i:
            t.fail(("merge", i), f"'{d.name}' is listed twice")
    first = depts[0]
    for d in depts[1:]:
        for k in list(d.kids):
            t.detach(k)
            t.attach(k, first)
        t.remove(d, f"merged into '{op.name or first.name}' by changes[{t.i}]")
    given = op.model_fields_set
    if op.name is not None:
        t.rename(first, op.name)
    if "id" in given:
        t.set_id(first, op.id, ("id",))
    if "chef" in given:
        first.put("chef", op.chef)
    for field in ("formerly", "notes", "tags"):
        if field in given:
            first.put(field, getattr(op, field))
    first.touch()


def _split(t: _Tree, op: SplitOp) -> None:
    if len(op.into) < 2:
        t.fail(("into",), "a split makes two or more departments (to rename one, use rename)")
    source = t.find(op.split, "d", ("split",))
    t._unindex(source, f"split by changes[{t.i}]")  # its id and name may go on in a part
    parts: list[_Node] = []
    for p, part in enumerate(op.into):
        model = Department(
            id=part.id,
            name=part.name,
            chef=part.chef,
            formerly=part.formerly,
            notes=part.notes,
            tags=part.tags,
        )
        node = _Node("d", model, part.id)
        t._add_subtree(node, ("into", p, "id"))
        node.touch()
        parts.append(node)
    taken: dict[int, int] = {}
    for p, part in enumerate(op.into):
        for i, ref in enumerate(part.units):
            unit = t.find(ref, "u", ("into", p, "units", i))
            if t.department_of(unit) is not source:
                t.fail(("into", p, "units", i), f"'{unit.name}' is not in '{source.name}'")
            if id(unit) in taken:
                t.fail(("into", p, "units", i), f"'{unit.name}' is listed twice")
            taken[id(unit)] = p
    for p, part in enumerate(op.into):
        for i, ref in enumerate(part.units):
            unit = t.find(ref, "u", ("into", p, "units", i))
            t.detach(unit)
            t.attach(unit, parts[p])
    for k in list(source.kids):
        t.detach(k)
        t.attach(k, parts[0])
    at = t.depts.index(source)
    t.depts[at : at + 1] = parts


def _add_department(t: _Tree, op: AddDepartmentOp) -> None:
    node = _Node("d", op.add_department, op.add_department.id)
    t._add_subtree(node, ("add_department",))
    t.depts.append(node)


def _remove_department(t: _Tree, op: RemoveDepartmentOp) -> None:
    node = t.find(op.remove_department, "d", ("remove_department",))
    if len(t.depts) == 1:
        t.fail(("remove_department",), "cannot remove the last department")
    t.remove(node, f"removed by changes[{t.i}]")


def _add_unit(t: _Tree, op: AddUnitOp) -> None:
    parent = t.place(op)
    over = [t.find(ref, "u", ("over", i)) for i, ref in enumerate(op.over)]
    pos: int | None = None
    if over:
        first = over[0]
        assert first.parent is not None
        if parent is None:
            parent = first.parent
        if parent is first.parent:
            pos = parent.kids.index(first)
    assert parent is not None
    for i, unit in enumerate(over):
        if over.index(unit) != i:
            t.fail(("over", i), f"'{unit.name}' is listed twice")
        t.check_not_inside(unit, parent, ("under",) if op.under else ("over", i))
    node = _Node("u", op.add_unit, op.add_unit.id)
    t._add_subtree(node, ("add_unit",))
    for unit in over:
        same = unit.parent is parent
        at = t.detach(unit)
        if pos is not None and same and at < pos:
            pos -= 1
        t.attach(unit, node)
    t.attach(node, parent, pos)
    node.touch()


def _remove_unit(t: _Tree, op: RemoveUnitOp) -> None:
    node = t.find(op.remove_unit, "u", ("remove_unit",))
    if op.keep_units:
        parent = node.parent
        assert parent is not None
        kids, node.kids = node.kids, []
        at = t.detach(node)
        for k, kid in enumerate(kids):
            t.attach(kid, parent, at + k)
    t.remove(node, f"removed by changes[{t.i}]")


def _set(t: _Tree, op: SetOp) -> None:
    given = op.model_fields_set - {"set"}
    kinds = "u" if given & _UNIT_FIELDS else "d" if given & _DEPT_FIELDS else "ud"
    if given & _UNIT_FIELDS and given & _DEPT_FIELDS:
        t.fail(("chef",), "`chef` is a department's, `leader` and `fte` are a unit's")
    node = t.find(op.set, kinds, ("set",))
    for field in sorted(given):
        value = getattr(op, field)
        if field == "id":
            t.set_id(node, value, ("id",))
        elif field == "name":
            if value is None:
                t.fail(("name",), "a name cannot be cleared")
            t.rename(node, value)
        elif field in ("formerly", "tags"):
            node.put(field, () if value is None else value)
        else:
            node.put(field, value)


def _add_post(t: _Tree, op: AddLeaderOp | AddChefOp) -> None:
    unit = isinstance(op, AddLeaderOp)
    key, field = ("add_leader", "leader") if unit else ("add_chef", "chef")
    node = t.find(getattr(op, key), "u" if unit else "d", (key,))
    old = node.get(field)
    if old is not None:
        t.fail((key,), f"'{node.name}' already has the post '{old.title}' (use set to change it)")
    node.put(field, Post(title=op.title, cost=op.cost))


def _remove_post(t: _Tree, op: RemoveLeaderOp | RemoveChefOp) -> None:
    unit = isinstance(op, RemoveLeaderOp)
    key, field = ("remove_leader", "leader") if unit else ("remove_chef", "chef")
    node = t.find(getattr(op, key), "u" if unit else "d", (key,))
    if node.get(field) is None:
        t.fail((key,), f"'{node.name}' has no {field} post")
    node.put(field, None)


def _ordered(
    t: _Tree, current: list[_Node], refs: tuple[str, ...], kinds: str, field: str, of: str
) -> list[_Node]:
    listed: list[_Node] = []
    for i, ref in enumerate(refs):
        node = t.find(ref, kinds, (field, i))
        if node not in current:
            t.fail((field, i), f"'{node.name}' is not directly under {of}")
        if node in listed:
            t.fail((field, i), f"'{node.name}' is listed twice")
        listed.append(node)
    chosen = set(map(id, listed))
    return listed + [n for n in current if id(n) not in chosen]


def _order(t: _Tree, op: OrderOp) -> None:
    node = t.find(op.order, "ud", ("order",))
    node.kids = _ordered(t, node.kids, op.units, "u", "units", f"'{node.name}'")
    node.touch()


def _order_departments(t: _Tree, op: OrderDepartmentsOp) -> None:
    t.depts[:] = _ordered(
        t, t.depts, op.order_departments, "d", "order_departments", "the organisation"
    )


_DO: dict[type[Any], Any] = {
    MoveOp: _move,
    RenameOp: _rename,
    MergeOp: _merge,
    SplitOp: _split,
    AddDepartmentOp: _add_department,
    RemoveDepartmentOp: _remove_department,
    AddUnitOp: _add_unit,
    RemoveUnitOp: _remove_unit,
    SetOp: _set,
    AddLeaderOp: _add_post,
    AddChefOp: _add_post,
    RemoveLeaderOp: _remove_post,
    RemoveChefOp: _remove_post,
    OrderOp: _order,
    OrderDepartmentsOp: _order_departments,
}


def apply(base: Org | Structure, scenario: Scenario, base_name: str = "the base") -> Org:
    """The model the scenario describes: its changes made, in order, to ``base``."""
    s = base if isinstance(base, Structure) else build(base)
    tree = _Tree(s, base_name)
    for i, change in enumerate(scenario.changes):
        tree.i = i
        apply_one(tree, change)
    departments = tuple(d.build() for d in tree.depts)
    return s.org.model_copy(update={**scenario.result_fields(s.org), "departments": departments})


def apply_one(tree: _Tree, change: Change) -> None:
    """Make one operation."""
    _DO[type(change)](tree, change)


__all__ = ["ApplyError", "apply", "op_name"]

"""Scenario files: a model written as the changes it makes to a base structure.

A scenario is YAML with ``base:`` (an org file or another scenario, relative to the scenario or
``REV:path``), the model's top-level fields (``model:`` and any of ``organisation``, ``date``,
``source``, ``currency``, ``chef_post_cost``, ``lang``, ``baseline``, ``notes``) and ``changes:``,
an ordered list of operations. Each operation is a mapping whose first key names it
(``move: Erhverv``) and whose other keys are its arguments (``to: Økonomi & Stab``).

This module holds the format as frozen pydantic models and its loading, with every problem as
FILE:LINE:COL through :mod:`orgdiff.load`'s machinery. Applying is :mod:`orgdiff.apply`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    Tag,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import InputError, Problem
from .load import Limits, _from_pydantic, _located, _too_big, decode, parse_yaml
from .model import Cost, Department, Fte, Id, Name, Org, Post, Text, Unit, _Frozen

Ref = Annotated[
    str,
    Field(
        strict=True,
        min_length=1,
        max_length=2000,
        description="A department or unit by id, by name, or by its path as the compare report "
        "prints it ('Børn & Familie / Sundhedsplejen'). An id wins over a name.",
    ),
]


# --- the operations -----------------------------------------------------------------------------


class _Placed(_Frozen):
    """``to:`` a department (at the top of it) or ``under:`` a unit; exactly one."""

    to: Ref | None = Field(default=None, description="A department: the unit goes to its top.")
    under: Ref | None = Field(default=None, description="A unit: the unit goes under it.")


class MoveOp(_Placed):
    """Move a unit, with its sub-units, to a department or under another unit (as the last)."""

    move: Ref

    @model_validator(mode="after")
    def _one_place(self) -> MoveOp:
        if (self.to is None) == (self.under is None):
            raise PydanticCustomError("place", "give `to: DEPARTMENT` or `under: UNIT`", {})
        return self


class RenameOp(_Frozen):
    """Give a department or unit a new name (its id, if it has one, stays)."""

    rename: Ref
    to: Name


class MergeOp(_Frozen):
    """Merge two or more departments into one, at the place of the first.

    The merged department keeps the first's id and (unless ``chef:`` says otherwise) its chef
    post; the units of all of them, in order. The others' chef posts go.
    """

    merge: tuple[Ref, ...] = Field(description="The departments to merge, the continuing first.")
    name: Name | None = Field(default=None, description="The merged department's name.")
    id: Id | None = None
    chef: Post | None = Field(default=None, description="The chef post that stays.")
    formerly: tuple[Id, ...] | None = None
    notes: Text | None = None
    tags: tuple[Text, ...] | None = None


class SplitPart(_Frozen):
    """One department a split makes, and the units (any depth of the split one) it takes."""

    name: Name
    id: Id | None = None
    chef: Post | None = None
    formerly: tuple[Id, ...] = ()
    notes: Text | None = None
    tags: tuple[Text, ...] = ()
    units: tuple[Ref, ...] = Field(
        default=(), description="Units of the split department; the first part takes the rest."
    )


class SplitOp(_Frozen):
    """Split a department into two or more new ones, at its place."""

    split: Ref
    into: tuple[SplitPart, ...]


class AddDepartmentOp(_Frozen):
    """Add a department (with its units), after the last one."""

    add_department: Department


class RemoveDepartmentOp(_Frozen):
    """Remove a department and every unit still in it."""

    remove_department: Ref


class AddUnitOp(_Placed):
    """Add a unit; with ``over:``, a leader layer: the listed units move under the new one.

    Without ``to``/``under`` it goes where the first unit of ``over`` was.
    """

    add_unit: Unit
    over: tuple[Ref, ...] = Field(default=(), description="Units to put under the new unit.")

    @model_validator(mode="after")
    def _one_place(self) -> AddUnitOp:
        if self.to is not None and self.under is not None:
            raise PydanticCustomError("place", "give `to:` or `under:`, not both", {})
        if self.to is None and self.under is None and not self.over:
            raise PydanticCustomError(
                "place", "give `to: DEPARTMENT`, `under: UNIT` or `over: [UNITS]`", {}
            )
        return self


class RemoveUnitOp(_Frozen):
    """Remove a unit with its sub-units; with ``keep_units: true`` its sub-units take its place
    (a leader layer removed)."""

    remove_unit: Ref
    keep_units: StrictBool = Field(
        default=False, description="Its sub-units stay, in its place (a layer removed)."
    )


class SetOp(_Frozen):
    """Set fields of a department or unit; ``null`` clears a field."""

    set: Ref
    id: Id | None = None
    name: Name | None = None
    leader: Post | None = Field(default=None, description="A unit's leader post.")
    fte: Fte | None = Field(default=None, description="A unit's FTE.")
    chef: Post | None = Field(default=None, description="A department's chef post.")
    formerly: tuple[Id, ...] | None = None
    notes: Text | None = None
    tags: tuple[Text, ...] | None = None

    @model_validator(mode="after")
    def _something(self) -> SetOp:
        if len(self.model_fields_set) < 2:
            raise PydanticCustomError("nothing", "give at least one field to set", {})
        return self


class AddLeaderOp(_Frozen):
    """Give a unit a leader post."""

    add_leader: Ref
    title: Name
    cost: Cost | None = None


class RemoveLeaderOp(_Frozen):
    """Take a unit's leader post away."""

    remove_leader: Ref


class AddChefOp(_Frozen):
    """Give a department a chef post."""

    add_chef: Ref
    title: Name
    cost: Cost | None = None


class RemoveChefOp(_Frozen):
    """Take a department's chef post away."""

    remove_chef: Ref


class OrderOp(_Frozen):
    """Put a department's or unit's units in this order (the ones not listed follow)."""

    order: Ref
    units: tuple[Ref, ...]


class OrderDepartmentsOp(_Frozen):
    """Put the departments in this order (the ones not listed follow)."""

    order_departments: tuple[Ref, ...]


OPS: dict[str, type[_Frozen]] = {
    "move": MoveOp,
    "rename": RenameOp,
    "merge": MergeOp,
    "split": SplitOp,
    "add_department": AddDepartmentOp,
    "remove_department": RemoveDepartmentOp,
    "add_unit": AddUnitOp,
    "remove_unit": RemoveUnitOp,
    "set": SetOp,
    "add_leader": AddLeaderOp,
    "remove_leader": RemoveLeaderOp,
    "add_chef": AddChefOp,
    "remove_chef": RemoveChefOp,
    "order": OrderOp,
    "order_departments": OrderDepartmentsOp,
}


def op_name(value: Any) -> str | None:
    """The operation a change names: its first key that is an operation."""
    if isinstance(value, dict):
        return next((k for k in value if k in OPS), None)
    if isinstance(value, _Frozen):
        return next((k for k in OPS if type(value) is OPS[k]), None)
    return None


Change = Annotated[
    Annotated[MoveOp, Tag("move")]
    | Annotated[RenameOp, Tag("rename")]
    | Annotated[MergeOp, Tag("merge")]
    | Annotated[SplitOp, Tag("split")]
    | Annotated[AddDepartmentOp, Tag("add_department")]
    | Annotated[RemoveDepartmentOp, Tag("remove_department")]
    | Annotated[AddUnitOp, Tag("add_unit")]
    | Annotated[RemoveUnitOp, Tag("remove_unit")]
    | Annotated[SetOp, Tag("set")]
    | Annotated[AddLeaderOp, Tag("add_leader")]
    | Annotated[RemoveLeaderOp, Tag("remove_leader")]
    | Annotated[AddChefOp, Tag("add_chef")]
    | Annotated[RemoveChefOp, Tag("remove_chef")]
    | Annotated[OrderOp, Tag("order")]
    | Annotated[OrderDepartmentsOp, Tag("order_departments")],
    Discriminator(op_name),
]

_CHANGES: TypeAdapter[tuple[Change, ...]] = TypeAdapter(tuple[Change, ...])

#: Top-level fields a scenario may give; the rest come from the base (``baseline`` is false).
TOP_FIELDS = tuple(f for f in Org.model_fields if f != "departments")


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its base, the top-level fields it gives, and its changes."""

    base: str
    fields: dict[str, Any]  # validated values of the top-level fields given
    changes: tuple[Change, ...]

    def result_fields(self, base: Org) -> dict[str, Any]:
        """The top-level fields of the model: the scenario's, else the base's (not baseline)."""
        out = {f: getattr(base, f) for f in TOP_FIELDS}
        out["baseline"] = False
        out.update(self.fields)
        return out


# --- loading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """A scenario with the text and name it was read from (to place later problems)."""

    scenario: Scenario
    name: str
    text: str

    def error(self, findings: list[tuple[tuple[str | int, ...], str]]) -> InputError:
        """Problems at field paths of the scenario, as FILE:LINE:COL errors."""
        return _located(self.name, self.text, [(loc, msg, True, None) for loc, msg in findings])


def loads(data: bytes | str, name: str, limits: Limits | None = None) -> Loaded:
    """Parse and validate a scenario; raise :class:`InputError` listing every problem."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise _too_big(name, len(data), limits)
    text = decode(data, name) if isinstance(data, bytes) else data
    raw, nesting = parse_yaml(text, name)
    if nesting > 2 * limits.max_depth + 8:  # units added inside units, two levels a unit
        raise InputError(
            name,
            [
                Problem(
                    1,
                    1,
                    "",
                    f"nested more than {limits.max_depth} levels deep "
                    "(raise the limit with --max-depth)",
                )
            ],
        )
    if not isinstance(raw, dict) or "base" not in raw:
        raise InputError(
            name,
            [Problem(1, 1, "", "a scenario file is a mapping with `base`, `model` and `changes`")],
        )
    findings: list[tuple[tuple[str | int, ...], str, bool, str | None]] = []
    allowed = ["base", "changes", *TOP_FIELDS]
    for key in raw:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"; did you mean `{near[0]}`?" if near else f"; allowed: {', '.join(allowed)}"
            findings.append(((str(key),), f"unknown field `{key}`{hint}", True, None))
    base = raw.get("base")
    if not isinstance(base, str) or not base.strip():
        findings.append((("base",), "expected the path of the base org file", False, None))
    given = {k: raw[k] for k in TOP_FIELDS if k in raw}
    fields: dict[str, Any] = {}
    try:
        top = Org.model_validate({"organisation": "-", **given, "departments": []})
        fields = {k: getattr(top, k) for k in given}
    except ValidationError as e:
        findings += [_from_pydantic(err) for err in e.errors()]
    changes: tuple[Change, ...] = ()
    try:
        changes = _CHANGES.validate_python(raw.get("changes") or [])
    except ValidationError as e:
        findings += [_change_finding(err, raw.get("changes")) for err in e.errors()]
    if findings:
        raise _located(name, text, findings)
    return Loaded(Scenario(str(base), fields, changes), name, text)


def _change_finding(
    err: ErrorDetails, raw: Any
) -> tuple[tuple[str | int, ...], str, bool, str | None]:
    """A pydantic error inside ``changes`` as a finding, without the operation tag in its path."""
    loc = list(err["loc"])
    if len(loc) >= 2 and isinstance(loc[0], int) and loc[1] in OPS:
        del loc[1]  # pydantic puts the union's tag into the path
    path: tuple[str | int, ...] = ("changes", *loc)
    kind = err["type"]
    if kind in ("union_tag_not_found", "union_tag_invalid", "model_attributes_type"):
        item = raw[loc[0]] if isinstance(raw, list) and isinstance(loc[0], int) else None
        first = str(next(iter(item), "")) if isinstance(item, dict) else ""
        near = difflib.get_close_matches(first, list(OPS), n=1, cutoff=0.6)
        if near:
            return path, f"unknown operation `{first}`; did you mean `{near[0]}`?", False, None
        return path, f"expected an operation, one of: {', '.join(OPS)}", False, None
    at = loc[0] if loc else None
    if kind == "extra_forbidden" and len(loc) == 2 and isinstance(raw, list):
        op = op_name(raw[at]) if isinstance(at, int) and at < len(raw) else None
        if op is not None:
            allowed = sorted(OPS[op].model_fields)
            near = difflib.get_close_matches(str(loc[1]), allowed, n=1, cutoff=0.6)
            hint = f"; did you mean `{near[0]}`?" if near else f"; allowed: {', '.join(allowed)}"
            return path, f"unknown field `{loc[1]}` for `{op}`{hint}", True, None
    if kind in ("place", "nothing"):
        return path, err["msg"], False, None
    return _from_pydantic({**err, "loc": tuple(path)})


# --- the JSON Schema ------------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The scenario format's JSON Schema (draft 2020-12), for editors."""
    from .schema import json_schema as org_schema

    org = org_schema()
    changes = _CHANGES.json_schema(ref_template="#/$defs/{model}")
    mine = changes.pop("$defs", {})
    for name, model in mine.items():  # what the org schema adds to posts and numbers, here too
        if name in org["$defs"]:
            continue
        for key, prop in model.get("properties", {}).items():
            options = prop.get("anyOf")
            if key in ("chef", "leader") and options:
                options.insert(0, {"type": "string", "minLength": 1, "description": "A title."})
            elif key in ("fte", "cost") and options:
                prop["anyOf"] = [{"type": "number", "minimum": 0}, {"type": "null"}]
    defs = {**org.pop("$defs"), **mine}
    props = {k: v for k, v in org["properties"].items() if k != "departments"}
    props["baseline"] = {
        "type": "boolean",
        "default": False,
        "description": "This model is its folder's baseline (not taken from the base).",
    }
    return {
        "$schema": org["$schema"],
        "$id": org["$id"].replace("orgdiff.schema.json", "orgdiff-scenario.schema.json"),
        "title": "orgdiff scenario: a model as changes to a base structure",
        "type": "object",
        "additionalProperties": False,
        "required": ["base", "model"],
        "properties": {
            "base": {
                "type": "string",
                "minLength": 1,
                "description": "The base org file (or scenario): a path relative to this file, "
                "or REV:path in git.",
            },
            **props,
            "changes": {**changes, "description": "The operations, applied in order."},
        },
        "$defs": defs,
    }


__all__ = [
    "OPS",
    "AddChefOp",
    "AddDepartmentOp",
    "AddLeaderOp",
    "AddUnitOp",
    "Change",
    "Loaded",
    "MergeOp",
    "MoveOp",
    "OrderDepartmentsOp",
    "OrderOp",
    "RemoveChefOp",
    "RemoveDepartmentOp",
    "RemoveLeaderOp",
    "RemoveUnitOp",
    "RenameOp",
    "Scenario",
    "SetOp",
    "SplitOp",
    "SplitPart",
    "loads",
]

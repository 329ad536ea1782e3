"""The JSON contract (``schema_version: 1``) of a comparison. Stable key order, byte-identical."""

from __future__ import annotations

import json
from typing import Any

from ..changes import (
    DeptBalance,
    DeptPair,
    Evidence,
    OrgDiff,
    PostRef,
    Posts,
    Ref,
    Side,
    Spread,
    UnitFate,
    UnitRef,
)
from ..model import SCHEMA_VERSION


def to_json(diffs: list[OrgDiff]) -> str:
    """One comparison as an object; several (one baseline, many models) as ``comparisons``."""
    if len(diffs) == 1:
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **diff_dict(diffs[0])}
    else:
        data = {
            "schema_version": SCHEMA_VERSION,
            "comparisons": [diff_dict(d) for d in diffs],
        }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def num(x: float | int | None) -> float | int | None:
    """Whole numbers as integers; others rounded to 4 decimals, so output is stable."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(float(x), 4)


def diff_dict(d: OrgDiff) -> dict[str, Any]:
    counts = d.fate_counts()
    return {
        "before": _side(d.before),
        "after": _side(d.after),
        "summary": {
            "has_changes": d.has_changes,
            "departments": [d.before.departments, d.after.departments],
            "merges": len(d.departments.merged),
            "splits": len(d.departments.split),
            "renames": len(d.departments.renamed),
            "departments_added": len(d.departments.added),
            "departments_removed": len(d.departments.removed),
            "units_moved": len(d.units.moved),
            "units_added": len(d.units.added),
            "units_removed": len(d.units.removed),
            "chef_posts": [d.chef_posts.before, d.chef_posts.after],
            "posts_changed": len(d.chef_posts.changed) + len(d.leader_posts.changed),
            "ambiguous": len(d.departments.ambiguous),
            "yearly_cost_change": num(d.cost.change),
            "currency": d.cost.currency,
        },
        "departments": {
            "kept": [_pair(p) for p in d.departments.kept],
            "renamed": [_pair(p) for p in d.departments.renamed],
            "merged": [
                {
                    "from": [r.id for r in m.sources],
                    "from_names": [r.name for r in m.sources],
                    "into": m.target.id,
                    "into_name": m.target.name,
                    "continues": None if m.continues is None else m.continues.id,
                    "evidence": _evidence(m.evidence),
                }
                for m in d.departments.merged
            ],
            "split": [
                {
                    "from": s.source.id,
                    "from_name": s.source.name,
                    "into": [r.id for r in s.targets],
                    "into_names": [r.name for r in s.targets],
                    "evidence": _evidence(s.evidence),
                }
                for s in d.departments.split
            ],
            "added": [_ref(r) for r in d.departments.added],
            "removed": [_ref(r) for r in d.departments.removed],
            "ended": [_ref(r) for r in d.departments.ended],
            "flows": [
                {
                    "from": f.before.id,
                    "from_name": f.before.name,
                    "to": f.after.id,
                    "to_name": f.after.name,
                    "units": f.units,
                    "fte": num(f.fte),
                    "follows_department": f.follows,
                    "share_of_from": num(f.share_before),
                    "share_of_to": num(f.share_after),
                }
                for f in d.departments.flows
            ],
        },
        "units": {
            "moved": [
                {
                    "id": m.after.id,
                    "name": m.after.name,
                    "from": m.before.dept.id,
                    "from_name": m.before.dept.name,
                    "to": m.after.dept.id,
                    "to_name": m.after.dept.name,
                    "path_before": list(m.before.path),
                    "path_after": list(m.after.path),
                    "units": m.units,
                    "fte": num(m.fte),
                    "matched_by": m.reason.value,
                }
                for m in d.units.moved
            ],
            "added": [_unit(u) for u in d.units.added],
            "removed": [_unit(u) for u in d.units.removed],
            "renamed": [
                {
                    "id": c.after.id,
                    "before": c.before.name,
                    "after": c.after.name,
                    "department": c.after.dept.id,
                    "department_name": c.after.dept.name,
                    "matched_by": c.reason.value,
                }
                for c in d.units.renamed
            ],
            "reparented": [
                {
                    "id": c.after.id,
                    "name": c.after.name,
                    "department": c.after.dept.id,
                    "department_name": c.after.dept.name,
                    "path_before": list(c.before.path),
                    "path_after": list(c.after.path),
                }
                for c in d.units.reparented
            ],
            "fte_changed": [
                {
                    "id": c.unit.id,
                    "name": c.unit.name,
                    "before": num(c.before),
                    "after": num(c.after),
                }
                for c in d.units.fte_changed
            ],
            "accounting": {fate.value: counts[fate] for fate in UnitFate},
        },
        "chef_posts": {
            **_posts(d.chef_posts),
            "yearly_cost_change": num(d.cost.chef_change),
        },
        "leader_posts": {
            **_posts(d.leader_posts),
            "yearly_cost_change": num(d.cost.leader_change),
        },
        "cost": {
            "currency": d.cost.currency,
            "yearly_change": num(d.cost.change),
            "complete": d.cost.complete,
        },
        "balance": {
            "before": {
                "departments": [_balance(r) for r in d.balance.before],
                "spread": _spread(d.balance.spread_before),
            },
            "after": {
                "departments": [_balance(r) for r in d.balance.after],
                "spread": _spread(d.balance.spread_after),
            },
        },
    }


def _side(s: Side) -> dict[str, Any]:
    return {
        "organisation": s.organisation,
        "model": s.model,
        "departments": s.departments,
        "units": s.units,
        "chef_posts": s.chef_posts,
        "leader_posts": s.leader_posts,
        "fte": num(s.fte),
        "currency": s.currency,
    }


def _ref(r: Ref) -> dict[str, Any]:
    return {"id": r.id, "name": r.name}


def _pair(p: DeptPair) -> dict[str, Any]:
    return {
        "before": _ref(p.before),
        "after": _ref(p.after),
        "matched_by": p.reason.value,
        "evidence": _evidence(p.evidence),
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    """Why: the rule, the shares both ways, the names' likeness; the other reading if close."""
    alt = e.alternative
    return {
        "rule": e.rule.value,
        "share_of_before": num(e.share_before),
        "share_of_after": num(e.share_after),
        "name_similarity": num(e.similarity),
        "ambiguous": e.ambiguous,
        "alternative": None
        if alt is None
        else {
            "reading": alt.fate.value,
            "before": [_ref(r) for r in alt.before],
            "after": [_ref(r) for r in alt.after],
        },
    }


def _unit(u: UnitRef) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "department": u.dept.id,
        "department_name": u.dept.name,
        "path": list(u.path),
    }


def _post(p: PostRef) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": p.title,
        "department": p.dept.id,
        "department_name": p.dept.name,
    }
    if p.unit is not None:
        out["unit"] = p.unit.id
        out["unit_name"] = p.unit.name
    out["cost"] = num(p.cost)
    return out


def _posts(p: Posts) -> dict[str, Any]:
    return {
        "before": p.before,
        "after": p.after,
        "removed": [_post(x) for x in p.removed],
        "added": [_post(x) for x in p.added],
        "changed": [
            {
                "before": _post(c.before),
                "after": _post(c.after),
                "retitled": c.retitled,
                "recosted": c.recosted,
            }
            for c in p.changed
        ],
    }


def _balance(r: DeptBalance) -> dict[str, Any]:
    return {
        "id": r.dept.id,
        "name": r.dept.name,
        "units": r.units,
        "fte": num(r.fte),
        "span": r.span,
        "depth": r.depth,
    }


def _spread(s: Spread) -> dict[str, Any]:
    return {
        "departments": s.departments,
        "fte_max": num(s.fte_max),
        "fte_min": num(s.fte_min),
        "fte_max_min_ratio": num(s.fte_ratio),
        "fte_cv": num(s.fte_cv),
        "units_max": s.units_max,
        "units_min": s.units_min,
        "units_max_min_ratio": num(s.units_ratio),
        "units_cv": num(s.units_cv),
    }

"""How evenly a structure spreads its work: per department and across departments. Pure."""

from __future__ import annotations

import statistics

from .changes import DeptBalance, Ref, Spread
from .structure import Structure


def dept_balance(s: Structure) -> tuple[DeptBalance, ...]:
    """Units, FTE, span of control (units directly under the chef) and depth per department."""
    units = [0] * len(s.depts)
    fte = [0.0] * len(s.depts)
    span = [0] * len(s.depts)
    depth = [0] * len(s.depts)
    for u in s.units:
        units[u.dept] += 1
        fte[u.dept] += u.fte
        if u.parent is None:
            span[u.dept] += 1
        depth[u.dept] = max(depth[u.dept], u.depth)
    return tuple(
        DeptBalance(Ref(d.id, d.name), units[d.index], fte[d.index], span[d.index], depth[d.index])
        for d in s.depts
    )


def spread(rows: tuple[DeptBalance, ...]) -> Spread:
    """Max/min ratio and coefficient of variation (population) of FTE and of unit counts."""
    ftes = [r.fte for r in rows] or [0.0]
    counts = [r.units for r in rows] or [0]
    return Spread(
        departments=len(rows),
        fte_max=max(ftes),
        fte_min=min(ftes),
        fte_ratio=_ratio(max(ftes), min(ftes)),
        fte_cv=_cv(ftes),
        units_max=max(counts),
        units_min=min(counts),
        units_ratio=_ratio(max(counts), min(counts)),
        units_cv=_cv([float(c) for c in counts]),
    )


def _ratio(high: float, low: float) -> float | None:
    return round(high / low, 4) if low > 0 else None


def _cv(values: list[float]) -> float:
    mean = statistics.fmean(values)
    return round(statistics.pstdev(values) / mean, 4) if mean > 0 else 0.0

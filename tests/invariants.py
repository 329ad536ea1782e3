"""Accounting that every comparison must satisfy, whatever the input."""

from __future__ import annotations

from collections import Counter

from orgdiff.changes import OrgDiff, UnitFate


def check_accounting(d: OrgDiff) -> None:
    """Every unit has exactly one fate, and every count agrees with its list."""
    counts = d.fate_counts()
    assert len(d.units.fates_after) == d.after.units
    assert len(d.units.fates_before) == d.before.units
    assert counts[UnitFate.MOVED] == len(d.units.moved)
    assert counts[UnitFate.ADDED] == len(d.units.added)
    assert counts[UnitFate.REMOVED] == len(d.units.removed)
    matched = sum(counts[f] for f in (UnitFate.KEPT, UnitFate.CARRIED, UnitFate.MOVED))
    assert matched + counts[UnitFate.ADDED] == d.after.units
    assert matched + counts[UnitFate.REMOVED] == d.before.units
    assert sum(f.units for f in d.departments.flows) == matched
    fates = Counter(f for _, f in d.departments.fates_before)
    assert fates["removed"] == len(d.departments.removed)
    assert (
        d.chef_posts.before - len(d.chef_posts.removed) + len(d.chef_posts.added)
        == d.chef_posts.after
    )

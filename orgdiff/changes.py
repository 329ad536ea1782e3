"""The result of a comparison: small frozen types and a closed vocabulary of change kinds.

Meaning lives here as data (``UnitFate.MOVED``); how it looks (``→``, yellow) is up to renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Reason(str, Enum):
    """Why two departments or units were taken to be the same."""

    ID = "id"
    FORMERLY = "formerly"
    NAME = "name"
    SIMILAR_NAME = "similar_name"  # a slightly different name, within corresponding departments
    OVERLAP = "overlap"


class DeptFate(str, Enum):
    """What happened to a department."""

    KEPT = "kept"
    RENAMED = "renamed"
    MERGED = "merged"
    SPLIT = "split"
    ADDED = "added"
    REMOVED = "removed"


class UnitFate(str, Enum):
    """What happened to a unit; every unit has exactly one."""

    KEPT = "kept"  # in its department's 1:1 successor (possibly renamed or re-parented)
    CARRIED = "carried"  # followed its department into a merge or split, or its parent unit
    MOVED = "moved"  # to a department that is not its department's successor
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Ref:
    """A department (or unit) by id, with its name beside it."""

    id: str
    name: str


class Rule(str, Enum):
    """Which rule of the inference engine made a department-level decision."""

    DECLARED = "declared"  # same explicit id, or `formerly`
    NAME_AND_MOST_UNITS = "name_and_most_units"  # same name, most of its units
    NAME_AND_LARGEST_SHARE = "name_and_largest_share"  # same name, or similar and its largest
    # part, and most of the after-department's units from before come from it
    NAME_ONLY = "name_only"  # same or similar name, no substantial flow elsewhere
    SOLE_SUCCESSOR = "sole_successor"  # its only substantial flow, and that one's only source
    SUBSTANTIAL_FLOWS = "substantial_flows"  # merges and splits: flows over the threshold


@dataclass(frozen=True, slots=True)
class Alternative:
    """The other reading of a decision taken close to a threshold: ``fate`` of before → after."""

    fate: DeptFate
    before: tuple[Ref, ...]
    after: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a department-level decision was taken: the rule and the figures it looked at.

    ``share_before`` is the part of the before-department (by units, FTE-weighted where FTE is
    given) that went to the after-department; ``share_after`` the part of the after-department's
    units from before that came from it; ``similarity`` of their names (1: the same name). For a
    merge or split the shares are those of its smallest substantial flow.
    """

    rule: Rule
    share_before: float
    share_after: float
    similarity: float
    ambiguous: bool = False
    alternative: Alternative | None = None


@dataclass(frozen=True, slots=True)
class DeptPair:
    """A department that continues 1:1 (kept or renamed), and why it was matched."""

    before: Ref
    after: Ref
    reason: Reason
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Merge:
    """Two or more departments into one. ``continues``: the source the target continues, if any."""

    sources: tuple[Ref, ...]
    target: Ref
    continues: Ref | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Split:
    """A department that ended, its substantial parts going to two or more departments."""

    source: Ref
    targets: tuple[Ref, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Flow:
    """Units (any depth) that went from a before-department to an after-department."""

    before: Ref
    after: Ref
    units: int
    fte: float
    follows: bool  # the units go where their department goes (not a move)
    share_before: float = 0.0  # part of the before-department (units, FTE-weighted)
    share_after: float = 0.0  # part of the after-department's units from before


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit, its department and the names on its path (department first)."""

    id: str
    name: str
    dept: Ref
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitMove:
    """A unit (with its sub-units) that ended up in a department other than its own's successor."""

    before: UnitRef
    after: UnitRef
    units: int  # the unit and its sub-units
    fte: float
    reason: Reason


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A matched unit whose name, place in its department, or FTE changed."""

    before: UnitRef
    after: UnitRef
    reason: Reason


@dataclass(frozen=True, slots=True)
class FteChange:
    unit: UnitRef
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class PostRef:
    """A chef post (unit is None) or a leader post heading a unit."""

    title: str
    dept: Ref
    unit: UnitRef | None
    cost: float | None


@dataclass(frozen=True, slots=True)
class PostChange:
    """A post that continues with another title or another yearly cost."""

    before: PostRef
    after: PostRef

    @property
    def retitled(self) -> bool:
        return self.before.title != self.after.title

    @property
    def recosted(self) -> bool:
        return self.before.cost != self.after.cost


@dataclass(frozen=True, slots=True)
class Posts:
    before: int
    after: int
    added: tuple[PostRef, ...]
    removed: tuple[PostRef, ...]
    changed: tuple[PostChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Cost:
    """Yearly cost change of posts that carry a cost: added − removed ± changed costs."""

    currency: str
    change: float
    chef_change: float
    leader_change: float
    complete: bool  # every added or removed post carried a cost


@dataclass(frozen=True, slots=True)
class DeptBalance:
    dept: Ref
    units: int
    fte: float
    span: int  # units directly under the chef
    depth: int  # deepest level of units (0: no units)


@dataclass(frozen=True, slots=True)
class Spread:
    """How evenly work is spread over departments: max/min ratio and coefficient of variation."""

    departments: int
    fte_max: float
    fte_min: float
    fte_ratio: float | None  # None when the smallest department has no FTE
    fte_cv: float
    units_max: int
    units_min: int
    units_ratio: float | None
    units_cv: float


@dataclass(frozen=True, slots=True)
class Balance:
    before: tuple[DeptBalance, ...]
    after: tuple[DeptBalance, ...]
    spread_before: Spread
    spread_after: Spread


@dataclass(frozen=True, slots=True)
class Side:
    """Totals of one side of the comparison."""

    organisation: str
    model: str
    departments: int
    units: int
    chef_posts: int
    leader_posts: int
    fte: float
    currency: str


@dataclass(frozen=True, slots=True)
class DeptChanges:
    """What happened to departments."""

    kept: tuple[DeptPair, ...]
    renamed: tuple[DeptPair, ...]
    merged: tuple[Merge, ...]
    split: tuple[Split, ...]
    added: tuple[Ref, ...]
    removed: tuple[Ref, ...]
    fates_before: tuple[tuple[Ref, DeptFate], ...]
    fates_after: tuple[tuple[Ref, DeptFate], ...]
    flows: tuple[Flow, ...]
    ended: tuple[Ref, ...]  # before-departments that do not continue: merged away, split, removed

    @property
    def ambiguous(self) -> tuple[tuple[str, Ref, Ref | None, Evidence], ...]:
        """Decisions taken close to a threshold: (kind, before or source, after, evidence)."""
        out: list[tuple[str, Ref, Ref | None, Evidence]] = []
        out += [("renamed", p.before, p.after, p.evidence) for p in self.renamed + self.kept]
        out += [("merged", m.sources[0], m.target, m.evidence) for m in self.merged]
        out += [("split", s.source, None, s.evidence) for s in self.split]
        return tuple(x for x in out if x[3].ambiguous)


@dataclass(frozen=True, slots=True)
class UnitChanges:
    """What happened to units; ``fates_*`` give each unit's one fate, in file order."""

    moved: tuple[UnitMove, ...]
    added: tuple[UnitRef, ...]
    removed: tuple[UnitRef, ...]
    renamed: tuple[UnitChange, ...]
    reparented: tuple[UnitChange, ...]
    fte_changed: tuple[FteChange, ...]
    fates_after: tuple[UnitFate, ...]
    fates_before: tuple[UnitFate, ...]


@dataclass(frozen=True, slots=True)
class Pairing:
    """Which unit is which, as the comparison read it: indexes into the compared structures'
    ``units`` (-1: none), and for each after-department the before-departments it continues or
    is made of. For renderers that list every unit (the change list) without matching again."""

    a2b: tuple[int, ...]  # after unit → before unit
    b2a: tuple[int, ...]  # before unit → after unit
    pred: tuple[tuple[int, ...], ...]  # after department → its before-departments


@dataclass(frozen=True, slots=True)
class OrgDiff:
    """Everything a comparison found. Renderers present it and never recompute."""

    before: Side
    after: Side
    departments: DeptChanges
    units: UnitChanges
    chef_posts: Posts
    leader_posts: Posts
    cost: Cost
    balance: Balance
    pairing: Pairing

    @property
    def has_changes(self) -> bool:
        """False exactly when the two structures are the same organisation."""
        d, u = self.departments, self.units
        return bool(
            d.renamed
            or d.merged
            or d.split
            or d.added
            or d.removed
            or u.moved
            or u.added
            or u.removed
            or u.renamed
            or u.reparented
            or u.fte_changed
            or self.chef_posts.added
            or self.chef_posts.removed
            or self.leader_posts.added
            or self.leader_posts.removed
            or self.chef_posts.changed
            or self.leader_posts.changed
            or self.cost.change
        )

    def fate_counts(self) -> dict[UnitFate, int]:
        """How many units of `after` (and removed ones of `before`) had each fate."""
        counts = dict.fromkeys(UnitFate, 0)
        for fate in self.units.fates_after:
            counts[fate] += 1
        counts[UnitFate.REMOVED] = sum(
            1 for fate in self.units.fates_before if fate is UnitFate.REMOVED
        )
        return counts

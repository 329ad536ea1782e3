"""Correspondence only: which unit and which department of `after` continues which of `before`.

Signals propose pairs, one resolver decides. Units pair by explicit id, then ``formerly``
(either file may say it), then a distinctive name unique on both sides, then a renamed parent
by the children it shares. Departments are then resolved from those pairs (:func:`departments`):
*continuity* first — an after-department continues at most one before-department, by declared
id or ``formerly``, or by name (the same or a similar one) and the share of units that travel,
seen from both sides; without a similar name only as the sole successor of an ended one — and
*substantial flows* from departments that do not continue. Within corresponding departments,
units with a generic or repeated name pair up, then units with a similar name (a slight
rename), and the departments are resolved once more with those pairs.

Every threshold is named in :class:`Thresholds`; every tie is broken by names and ids, never
by file order alone. All steps are linear in the number of units and departments (similar
names are compared only among the few units left unpaired inside corresponding departments).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .changes import Alternative, DeptFate, Evidence, Reason, Ref, Rule
from .names import NameRelations, is_generic, normalise, similarity
from .structure import Structure


@dataclass(frozen=True)
class Thresholds:
    """The named thresholds of the inference (shares are 0–1, by units, FTE-weighted).

    - ``majority``: "most of its units": a share above this;
    - ``substantial``: a flow is a real part of the department it leaves from this share on;
    - ``comparable``: another department's substantial contribution of at least this fraction
      of the largest one contests continuity (then it is a merge);
    - ``margin``: decisions this close to a threshold are flagged ambiguous;
    - ``similarity``: unit names at least this alike may be a rename (0–1, ``--similarity``);
    - ``dept_similarity``: the same for department names;
    - ``related_names``: department names that share at least this much (a distinctive part,
      by trigrams or whole words, weighted by rarity) may continue when most units go there
      and come from there;
    - ``lead``: a department continues in its largest part only when every other substantial
      part is smaller than this fraction of it (else it is a split).
    """

    majority: float = 0.5
    substantial: float = 0.2
    comparable: float = 0.5
    margin: float = 0.1
    similarity: float = 0.75
    dept_similarity: float = 0.75
    related_names: float = 0.30
    lead: float = 0.75

    def __post_init__(self) -> None:
        for name in (
            "majority",
            "substantial",
            "comparable",
            "margin",
            "similarity",
            "dept_similarity",
            "related_names",
            "lead",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"threshold {name} must be between 0 and 1, got {value}")


DEFAULT = Thresholds()

# Above this many candidate pairs in one group of corresponding departments, similar names are
# compared only between units whose parents correspond: the comparison stays linear.
_SIMILAR_PAIRS_MAX = 20_000


@dataclass(frozen=True)
class FlowShare:
    """Units that went from a before-department to an after-department, and their shares."""

    units: int
    fte: float
    out: float  # part of the before-department (units, FTE-weighted) that went there
    inn: float  # part of the after-department's units from before that came from it


@dataclass(frozen=True)
class Matching:
    """Unit pairs and department correspondences between two structures."""

    b2a: tuple[int, ...]  # before unit → after unit, or -1
    a2b: tuple[int, ...]  # after unit → before unit, or -1
    unit_reason: tuple[Reason | None, ...]  # per after unit
    cont_b: tuple[int, ...]  # before department → the after department it continues as, or -1
    cont_a: tuple[int, ...]  # after department → the before department it continues, or -1
    dept_reason: dict[tuple[int, int], Reason]  # per continuity pair
    evidence: dict[tuple[int, int], Evidence]  # per continuity pair
    flows: dict[tuple[int, int], FlowShare]
    targets: tuple[tuple[int, ...], ...]  # ended before dept → after depts it feeds substantially
    sources: tuple[tuple[int, ...], ...]  # after dept → its continuation, then ended feeders
    weak: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # near the threshold

    @property
    def succ(self) -> tuple[tuple[int, ...], ...]:
        """Before department → the after departments it went to as a department (not moves)."""
        return tuple((c,) if c >= 0 else t for c, t in zip(self.cont_b, self.targets, strict=True))

    @property
    def pred(self) -> tuple[tuple[int, ...], ...]:
        return self.sources


class _Pairs:
    def __init__(self, nb: int, na: int) -> None:
        self.b2a = [-1] * nb
        self.a2b = [-1] * na
        self.reason: list[Reason | None] = [None] * na

    def pair(self, b: int, a: int, reason: Reason) -> None:
        if self.b2a[b] < 0 and self.a2b[a] < 0:
            self.b2a[b], self.a2b[a], self.reason[a] = a, b, reason


def match(before: Structure, after: Structure, thresholds: Thresholds = DEFAULT) -> Matching:
    """Match units, resolve departments, pair the rest of the units inside them, resolve again."""
    pairs = _Pairs(len(before.units), len(after.units))
    _units_by_id(before, after, pairs)
    _units_by_formerly(before, after, pairs)
    _units_by_unique_name(before, after, pairs)
    _units_by_short_form(before, after, pairs)
    _units_by_children(before, after, pairs)
    relate = NameRelations([d.norm for d in before.depts] + [d.norm for d in after.depts])
    first = departments(before, after, pairs.b2a, pairs.a2b, thresholds, relate)
    related = _related(before, after, first)
    continuation = [[a] if a >= 0 else [] for a in first.cont_b]
    continued = {a for a in first.cont_b if a >= 0}
    _units_by_name_within(before, after, pairs, continuation, continued)  # where it goes on
    _units_by_name_within(before, after, pairs, related, continued)
    _units_by_similar_name(before, after, pairs, related, thresholds.similarity)
    _units_of_orphans_by_similar_name(before, after, pairs, thresholds.similarity)
    _units_by_children(before, after, pairs)
    final = departments(before, after, pairs.b2a, pairs.a2b, thresholds, relate)
    return Matching(
        tuple(pairs.b2a),
        tuple(pairs.a2b),
        tuple(pairs.reason),
        final.cont_b,
        final.cont_a,
        final.dept_reason,
        final.evidence,
        final.flows,
        final.targets,
        final.sources,
        final.weak,
    )


# --- units ----------------------------------------------------------------------------------------


def _units_by_id(before: Structure, after: Structure, pairs: _Pairs) -> None:
    ids = {u.id: u.index for u in before.units if u.explicit_id}
    for u in after.units:
        if u.explicit_id and u.id in ids:
            pairs.pair(ids[u.id], u.index, Reason.ID)


def _units_by_formerly(before: Structure, after: Structure, pairs: _Pairs) -> None:
    bids = {u.id: u.index for u in before.units}
    aids = {u.id: u.index for u in after.units}
    for a in after.units:
        for old in a.formerly:
            if old in bids:
                pairs.pair(bids[old], a.index, Reason.FORMERLY)
    for b in before.units:
        for new in b.formerly:
            if new in aids:
                pairs.pair(b.index, aids[new], Reason.FORMERLY)


def _units_by_unique_name(before: Structure, after: Structure, pairs: _Pairs) -> None:
    """Pair distinctive names that occur once among the unpaired units of each side.

    Generic names ("Sekretariat") and names that normalise to nothing ("!!!") are left for
    the pairing inside corresponding departments, or never paired by name.
    """
    groups: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for u in before.units:
        if pairs.b2a[u.index] < 0 and u.norm and not is_generic(u.norm):
            groups[u.norm][0].append(u.index)
    for u in after.units:
        if pairs.a2b[u.index] < 0 and u.norm and not is_generic(u.norm):
            groups[u.norm][1].append(u.index)
    for bs, as_ in groups.values():
        if len(bs) == 1 and len(as_) == 1:
            pairs.pair(bs[0], as_[0], Reason.NAME)


# "Servicio Público de Empleo Estatal (SEPE)": a name with its short form in brackets.
_BRACKETED = re.compile(r"^(?P<long>.*\S)\s*[(\[](?P<short>[^()\[\]\s]+)[)\]]\s*$")


def _short_forms(name: str) -> tuple[str, ...]:
    """The names a unit written "Long name (ABC)" also answers to: "Long name" and "ABC" (a
    bracketed single word with a letter; a distinctive long part). None for other names."""
    m = _BRACKETED.match(name)
    if m is None:
        return ()
    out = []
    for part in (m["long"], m["short"]):
        norm = normalise(part)
        if norm and not is_generic(norm) and any(c.isalpha() for c in norm) and len(norm) >= 2:
            out.append(norm)
    return tuple(out)


def _units_by_short_form(before: Structure, after: Structure, pairs: _Pairs) -> None:
    """A unit written with its short form in brackets on one side and by the short form (or
    the long name) alone on the other: "Instituto de Mayores y Servicios Sociales (Imserso)" is
    "Imserso". Only where the form is unique among the unpaired units of each side, and each
    unit has one such partner; across departments, like a unique name."""
    groups: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    bracketed: set[tuple[int, int]] = set()  # (side, unit) written with a bracket
    for side, s, taken in ((0, before, pairs.b2a), (1, after, pairs.a2b)):
        for u in s.units:
            if taken[u.index] >= 0 or not u.norm:
                continue
            forms = _short_forms(u.name)
            if forms:
                bracketed.add((side, u.index))
            for form in forms or (u.norm,):
                groups[form][side].append(u.index)
    found = {
        (bs[0], as_[0])
        for bs, as_ in groups.values()
        if len(bs) == 1 and len(as_) == 1 and ((0, bs[0]) in bracketed or (1, as_[0]) in bracketed)
    }
    per_b, per_a = Counter(b for b, _ in found), Counter(a for _, a in found)
    for b, a in sorted(found):
        if per_b[b] == 1 and per_a[a] == 1:
            pairs.pair(b, a, Reason.SIMILAR_NAME)


def _units_by_children(before: Structure, after: Structure, pairs: _Pairs) -> None:
    """A renamed parent: unpaired units that share more than half of each other's children."""
    bkids = before.kids
    akids = after.kids
    for a in range(len(after.units) - 1, -1, -1):  # deepest first: children follow parents
        if pairs.a2b[a] >= 0 or not akids[a]:
            continue
        votes: dict[int, int] = defaultdict(int)
        for k in akids[a]:
            b = pairs.a2b[k]
            parent = before.units[b].parent if b >= 0 else None
            if parent is not None and pairs.b2a[parent] < 0:
                votes[parent] += 1
        if votes:  # the most shared children; equal counts: by name, not file order
            b, n = min(votes.items(), key=lambda kv: (-kv[1], before.units[kv[0]].norm, kv[0]))
            if 2 * n > len(akids[a]) and 2 * n > len(bkids[b]):
                pairs.pair(b, a, Reason.OVERLAP)


def _related(before: Structure, after: Structure, d: _Depts) -> list[list[int]]:
    """For each before-department, the after-departments its units may pair into by name, most
    likely first: its continuation; the departments it sends units to (its parts, and new
    departments), most units first; a department of the same name; and (when few) new
    departments none of whose units paired yet, by name. Never by file order: the same
    organisation typed in another order pairs the same units."""
    nb = len(before.depts)
    sent: list[list[tuple[float, str, int]]] = [[] for _ in range(nb)]
    for (b, a), f in d.flows.items():  # its parts, and new departments it sends units to
        if a in d.targets[b] or f.out >= d.substantial or d.cont_b[b] < 0 or d.cont_a[a] < 0:
            sent[b].append((-f.out, after.depts[a].norm, a))
    for b, ts in enumerate(d.targets):
        sent[b] += [(0.0, after.depts[a].norm, a) for a in ts if (b, a) not in d.flows]
    names: dict[str, list[int]] = defaultdict(list)
    for dept in after.depts:
        if dept.norm:
            names[dept.norm].append(dept.index)
    # New departments none of whose units paired yet (every unit renamed a little) may hold
    # the units of a department that ended; a few such are worth a look, many are not.
    reached = {a for _, a in d.flows}
    strangers = sorted(
        (after.depts[a].norm, a)
        for a in range(len(after.depts))
        if d.cont_a[a] < 0 and a not in reached
    )
    out: list[list[int]] = []
    for b in range(nb):
        ranked = [a for a in (d.cont_b[b],) if a >= 0]
        ranked += [a for _, _, a in sorted(sent[b])]
        ranked += names.get(before.depts[b].norm, ())
        if d.cont_b[b] < 0 and len(strangers) <= 20:
            ranked += [a for _, a in strangers]
        out.append(list(dict.fromkeys(ranked)))  # each once, where it ranks first
    return out


def _parent_norm(s: Structure, i: int) -> str:
    p = s.units[i].parent
    return s.units[p].norm if p is not None else ""


def _units_by_name_within(
    before: Structure,
    after: Structure,
    pairs: _Pairs,
    related: list[list[int]],
    continued: set[int],
) -> None:
    """Same-named units (repeated or generic names): pair within corresponding departments,
    a same-named parent first, the most likely department first (``related`` is ranked).
    Queues keyed by (after-department, name, parent name) make a thousand siblings of one name
    cost a thousand steps, not a million. A generic name ("Sekretariat") alone never pairs into
    a new department none of whose units paired otherwise: it would make that department a
    part of the one the unit came from on the strength of a name every department has."""
    paired_a = set(continued)
    paired_a.update(after.units[a].dept for a in range(len(after.units)) if pairs.a2b[a] >= 0)
    for strict in (True, False):
        queues: dict[tuple[int, str, str], list[int]] = defaultdict(list)
        for u in after.units:
            if pairs.a2b[u.index] < 0 and u.norm:
                key = _parent_norm(after, u.index) if strict else ""
                queues[u.dept, u.norm, key].append(u.index)
        wanted: list[tuple[int, str, int, tuple[int, str, str]]] = []
        for v in before.units:
            if pairs.b2a[v.index] >= 0 or not v.norm:
                continue
            key = _parent_norm(before, v.index) if strict else ""
            generic = is_generic(v.norm)
            for rank, a_dept in enumerate(related[v.dept]):
                slot = (a_dept, v.norm, key)
                if slot in queues and not (generic and a_dept not in paired_a):
                    wanted.append((rank, before.depts[v.dept].norm, v.index, slot))
        wanted.sort()
        heads: dict[tuple[int, str, str], int] = defaultdict(int)
        for _, _, b, slot in wanted:
            if pairs.b2a[b] >= 0:
                continue
            queue, i = queues[slot], heads[slot]
            while i < len(queue) and pairs.a2b[queue[i]] >= 0:
                i += 1
            if i < len(queue):
                pairs.pair(b, queue[i], Reason.NAME)
                paired_a.add(slot[0])
                i += 1
            heads[slot] = i


def _units_by_similar_name(
    before: Structure, after: Structure, pairs: _Pairs, related: list[list[int]], least: float
) -> None:
    """Slightly renamed units ("Lønkontoret" → "Lønkontor & Personale"): among units still
    unpaired inside corresponding departments, the most alike pairs first."""
    if least >= 1.0:
        return
    left_a: dict[int, list[int]] = defaultdict(list)
    for u in after.units:
        if pairs.a2b[u.index] < 0 and u.norm:
            left_a[u.dept].append(u.index)
    left_b: dict[int, list[int]] = defaultdict(list)
    for u in before.units:
        if pairs.b2a[u.index] < 0 and u.norm:
            left_b[u.dept].append(u.index)
    scored: list[tuple[float, int, int, str, str, int, int]] = []
    for bd in sorted(left_b):
        bs = left_b[bd]
        rank = {ad: r for r, ad in enumerate(related[bd])}
        as_ = [a for ad in related[bd] for a in left_a.get(ad, ())]
        if not as_:
            continue
        if len(bs) * len(as_) > _SIMILAR_PAIRS_MAX:
            candidates = _under_corresponding_parents(before, after, pairs, bs, as_)
        else:
            candidates = ((b, a) for b in bs for a in as_)
        for b, a in candidates:
            nb, na = before.units[b].norm, after.units[a].norm
            score = similarity(nb, na)
            if score >= least:
                same_parent = _parents_correspond(before, after, pairs, b, a)
                r = rank[after.units[a].dept]  # equally alike: the likelier department wins
                scored.append((-score, 0 if same_parent else 1, r, nb, na, b, a))
    scored.sort()
    for _, _, _, _, _, b, a in scored:
        pairs.pair(b, a, Reason.SIMILAR_NAME)


def _units_of_orphans_by_similar_name(
    before: Structure, after: Structure, pairs: _Pairs, least: float
) -> None:
    """A department none of whose units paired (every name changed a little: "Tonttiosasto",
    "Kaupunkimittausosasto") corresponds to nothing yet, so the pairing inside corresponding
    departments never sees it: its units may look for similar names in every department. Only
    while the candidates are few (``_SIMILAR_PAIRS_MAX`` comparisons): two files with nothing
    in common are not compared name by name."""
    paired = {before.units[b].dept for b, a in enumerate(pairs.b2a) if a >= 0}
    orphan_units = sum(
        1 for u in before.units if u.dept not in paired and pairs.b2a[u.index] < 0 and u.norm
    )
    if not orphan_units:
        return
    open_a = sum(1 for a in pairs.a2b if a < 0)
    if orphan_units * open_a > _SIMILAR_PAIRS_MAX:
        return
    everywhere = list(range(len(after.depts)))
    related = [[] if b in paired else everywhere for b in range(len(before.depts))]
    _units_by_similar_name(before, after, pairs, related, least)


def _parents_correspond(before: Structure, after: Structure, pairs: _Pairs, b: int, a: int) -> bool:
    pb, pa = before.units[b].parent, after.units[a].parent
    if pb is None or pa is None:
        return pb is None and pa is None
    return pairs.b2a[pb] == pa


def _under_corresponding_parents(
    before: Structure, after: Structure, pairs: _Pairs, bs: list[int], as_: list[int]
) -> Iterable[tuple[int, int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for a in as_:
        pa = after.units[a].parent
        groups[-1 if pa is None else pa].append(a)
    for b in bs:
        pb = before.units[b].parent
        key = -1 if pb is None else pairs.b2a[pb]
        if pb is not None and key < 0:
            continue
        group = groups.get(key, [])
        if len(group) <= 200:
            for a in group:
                yield b, a


# --- departments ----------------------------------------------------------------------------------


@dataclass
class _Depts:
    cont_b: tuple[int, ...]
    cont_a: tuple[int, ...]
    dept_reason: dict[tuple[int, int], Reason]
    evidence: dict[tuple[int, int], Evidence]
    flows: dict[tuple[int, int], FlowShare]
    targets: tuple[tuple[int, ...], ...]
    sources: tuple[tuple[int, ...], ...]
    weak: frozenset[tuple[int, int]]
    substantial: float


def _weights(s: Structure, units: Iterable[int]) -> dict[int, float]:
    """Each unit's weight in its department: half by count, half by FTE where FTE is given."""
    members: dict[int, list[int]] = defaultdict(list)
    for i in units:
        members[s.units[i].dept].append(i)
    w: dict[int, float] = {}
    for group in members.values():
        n = len(group)
        total = sum(s.units[i].fte for i in group)
        for i in group:
            w[i] = 0.5 / n + 0.5 * s.units[i].fte / total if total > 0 else 1.0 / n
    return w


def departments(
    before: Structure,
    after: Structure,
    b2a: Sequence[int],
    a2b: Sequence[int],
    th: Thresholds = DEFAULT,
    relate: NameRelations | None = None,
) -> _Depts:
    """Resolve departments from unit pairs: continuity first, then substantial flows."""
    nb, na = len(before.depts), len(after.depts)
    wb = _weights(before, range(len(before.units)))
    wa = _weights(after, (i for i in range(len(after.units)) if a2b[i] >= 0))
    count: dict[tuple[int, int], int] = defaultdict(int)
    fte: dict[tuple[int, int], float] = defaultdict(float)
    out: dict[tuple[int, int], float] = defaultdict(float)
    inn: dict[tuple[int, int], float] = defaultdict(float)
    for b, a in enumerate(b2a):
        if a >= 0:
            key = (before.units[b].dept, after.units[a].dept)
            count[key] += 1
            fte[key] += after.units[a].fte
            out[key] += wb[b]
            inn[key] += wa[a]
    flows = {
        k: FlowShare(count[k], fte[k], min(out[k], 1.0), min(inn[k], 1.0)) for k in sorted(count)
    }
    empty_b = [True] * nb
    for u in before.units:
        empty_b[u.dept] = False

    declared, same_id = _declared(before, after)
    subst = {k for k, f in flows.items() if f.out >= th.substantial} | declared
    weak = {
        k for k, f in flows.items() if k not in declared and abs(f.out - th.substantial) < th.margin
    }
    subst_from: dict[int, list[int]] = defaultdict(list)  # after dept → substantial feeders
    subst_to: dict[int, list[int]] = defaultdict(list)  # before dept → substantial targets
    for b, a in sorted(subst):
        subst_from[a].append(b)
        subst_to[b].append(a)
    largest: dict[int, int] = {}
    best: dict[int, tuple[float, int]] = {}
    for (b, a), f in flows.items():
        old = best.get(b)
        if old is None or f.out > old[0]:
            best[b] = (f.out, 1)
            largest[b] = a
        elif f.out == old[0]:
            best[b] = (f.out, old[1] + 1)
    largest = {b: a for b, a in largest.items() if best[b][1] == 1}

    def share(b: int, a: int) -> tuple[float, float]:
        f = flows.get((b, a))
        return (f.out, f.inn) if f else (1.0 if empty_b[b] else 0.0, 0.0)

    out_total: dict[int, float] = defaultdict(float)
    for (b, _a), f in flows.items():
        out_total[b] += f.out
    if relate is None:
        relate = NameRelations([d.norm for d in before.depts] + [d.norm for d in after.depts])
    relation_cache: dict[tuple[int, int], float] = {}

    def relation(b: int, a: int) -> float:
        """1 for the same name; else word similarity, or the name relation (trigrams, words)."""
        r = relation_cache.get((b, a))
        if r is None:
            nb_, na_ = before.depts[b].norm, after.depts[a].norm
            sim = similarity(nb_, na_)
            # Word similarity counts only when the names are alike; below that it says little
            # ("Dept 4" and "Part 14" share no part), and the name relation decides.
            r = sim if sim >= th.dept_similarity else max(relate(b, nb + a), 0.0)
            relation_cache[b, a] = r
        return r

    def contesters(b: int, a: int, factor: float, cont: Sequence[int] | None = None) -> list[int]:
        """Other departments whose substantial part is comparable to b's part of a (those
        already known to continue elsewhere only give units away: they do not contest)."""
        mine = share(b, a)[1]
        return [
            c
            for c in subst_from.get(a, ())
            if c != b
            and (c, a) in flows
            and flows[c, a].inn >= factor * mine
            and (cont is None or cont[c] < 0 or cont[c] == a)
        ]

    def leads(b: int, a: int) -> bool:
        """b's part going to a clearly leads every other substantial part of b (else b is
        divided, not continued with a part carved out)."""
        o = share(b, a)[0]
        return all(
            flows[b, x].out < th.lead * o for x in subst_to.get(b, ()) if x != a and (b, x) in flows
        )

    declared_to: dict[int, list[int]] = defaultdict(list)
    declared_from: dict[int, list[int]] = defaultdict(list)
    for b, a in sorted(declared):
        declared_to[b].append(a)
        declared_from[a].append(b)

    # Candidates: declared links, departments of the same name, and every flow.
    names: dict[str, list[int]] = defaultdict(list)
    for d in after.depts:
        if d.norm:
            names[d.norm].append(d.index)
    candidates = set(flows) | declared
    same_name: dict[str, list[int]] = defaultdict(list)
    for d in before.depts:
        if d.norm in names:
            same_name[d.norm].append(d.index)
    for norm, bs in same_name.items():
        as_ = names[norm]
        if len(bs) * len(as_) <= 1024:
            candidates.update((b, a) for b in bs for a in as_)
        else:  # hundreds of departments of one name: the units' flows pair them, else in turn
            candidates.update(zip(bs, as_, strict=False))

    def rule_for(b: int, a: int, cont: Sequence[int] | None) -> Rule | None:
        db, da = before.depts[b], after.depts[a]
        exact = bool(db.norm) and db.norm == da.norm
        rel = relation(b, a)
        o, i = share(b, a)
        if (b, a) in same_id or (
            (b, a) in declared and declared_to[b] == [a] and declared_from[a] == [b]
        ):
            return Rule.DECLARED
        if len(declared_to[b]) > 1 or len(declared_from[a]) > 1:  # a declared merge or split
            return None
        if exact and (o > th.majority or (empty_b[b] and (b, a) not in flows)):
            return Rule.NAME_AND_MOST_UNITS
        if i > th.majority and not contesters(b, a, th.comparable, cont):
            if exact:
                return Rule.NAME_AND_LARGEST_SHARE
            # another part under an alike name that is at least as alike ("Del 1 af X", "Del 2
            # af X"): the name does not tell which one continues (one that keeps more of the
            # name, "Ciencia e Innovación" of "Ciencia, Innovación y Universidades", does)
            twin = any(
                relation(b, x) >= max(th.dept_similarity, rel)
                for x in subst_to.get(b, ())
                if x != a
            )
            if leads(b, a) and (
                (
                    rel >= th.dept_similarity
                    and not twin
                    and largest.get(b) == a
                    and o > th.majority - th.margin
                )
                or (rel >= th.related_names and not twin and o > th.majority)
            ):
                return Rule.NAME_AND_LARGEST_SHARE
        others_in = [c for c in subst_from.get(a, ()) if c != b]
        if exact and not others_in:
            return Rule.NAME_ONLY  # the same name, and nothing else went there
        if (
            rel >= th.dept_similarity
            and not [x for x in subst_to.get(b, ()) if x != a]
            and not others_in
            and out_total[b] - o < th.majority
        ):
            return Rule.NAME_ONLY
        return None

    order = {
        Rule.DECLARED: 0,
        Rule.NAME_AND_MOST_UNITS: 1,
        Rule.NAME_AND_LARGEST_SHARE: 2,
        Rule.NAME_ONLY: 3,
    }

    def resolve(
        cont: Sequence[int] | None,
    ) -> tuple[list[int], list[int], dict[tuple[int, int], tuple[Rule, float]]]:
        ranked = []
        for b, a in candidates:
            rule = rule_for(b, a, cont)
            if rule is not None:
                o, i = share(b, a)
                rel = relation(b, a)
                db, da = before.depts[b], after.depts[a]
                ranked.append(
                    (
                        order[rule],
                        -(min(o, i) + rel),
                        db.norm,
                        da.norm,
                        db.id,
                        da.id,
                        b,
                        a,
                        rule,
                        rel,
                    )
                )
        ranked.sort()
        cont_b, cont_a = [-1] * nb, [-1] * na
        rule_of: dict[tuple[int, int], tuple[Rule, float]] = {}
        for *_, b, a, rule, rel in ranked:
            if cont_b[b] < 0 and cont_a[a] < 0:
                cont_b[b], cont_a[a] = a, b
                rule_of[b, a] = (rule, rel)
        return cont_b, cont_a, rule_of

    # First every substantial contributor contests; then those found to continue elsewhere
    # no longer do (they only give units away). Stops when nothing changes.
    cont_b, cont_a, rule_of = resolve(None)
    for _ in range(3):
        again = resolve(cont_b)
        if again[0] == cont_b:
            break
        cont_b, cont_a, rule_of = again

    # The parts of a department that does not continue: its substantial flows, and, when no
    # part of it is a majority, every new department made mostly of its units (an agency
    # split into seven, each a small share of the whole).
    biggest: dict[int, float] = defaultdict(float)
    flows_from: dict[int, list[int]] = defaultdict(list)
    for (b, a), f in flows.items():
        biggest[b] = max(biggest[b], f.out)
        flows_from[b].append(a)
    parts: dict[int, list[int]] = {}
    firm: set[tuple[int, int]] = set()
    for b in range(nb):
        if cont_b[b] >= 0:
            continue
        mine = list(subst_to.get(b, ()))
        if biggest[b] <= th.majority:
            for a in flows_from[b]:
                f = flows[b, a]
                if a not in mine and cont_a[a] < 0 and f.inn > th.majority:
                    mine.append(a)
                    firm.add((b, a))
        parts[b] = sorted(mine)

    # A department that ended with one part, which went where nothing else ended: that is
    # where it continues.
    ended_into: dict[int, list[int]] = defaultdict(list)
    for b, ts in parts.items():
        for a in ts:
            ended_into[a].append(b)
    sole = []
    for b, ts in parts.items():
        if (
            len(ts) == 1
            and cont_a[ts[0]] < 0
            and ended_into[ts[0]] == [b]
            and len(declared_from[ts[0]]) <= 1
        ):
            a = ts[0]
            o, i = share(b, a)
            rel = relation(b, a)
            sole.append((-(min(o, i) + rel), before.depts[b].norm, after.depts[a].norm, b, a, rel))
    for *_, b, a, rel in sorted(sole):
        if cont_b[b] < 0 and cont_a[a] < 0:
            cont_b[b], cont_a[a] = a, b
            rule_of[b, a] = (Rule.SOLE_SUCCESSOR, rel)
    weak_flows = frozenset(weak - firm)

    targets: list[tuple[int, ...]] = [()] * nb
    sources: list[list[int]] = [[] if c < 0 else [c] for c in cont_a]
    for b in range(nb):
        if cont_b[b] < 0:
            targets[b] = tuple(parts.get(b, ()))
            for a in targets[b]:
                sources[a].append(b)

    def ref_b(b: int) -> Ref:
        return Ref(before.depts[b].id, before.depts[b].name)

    def ref_a(a: int) -> Ref:
        return Ref(after.depts[a].id, after.depts[a].name)

    evidence: dict[tuple[int, int], Evidence] = {}
    reason: dict[tuple[int, int], Reason] = {}
    for (b, a), (rule, sim) in rule_of.items():
        o, i = share(b, a)
        others = [x for x in subst_to.get(b, ()) if x != a]
        rivals = contesters(b, a, th.comparable - th.margin, cont_b)
        alt: Alternative | None = None
        if rule is Rule.DECLARED:
            pass
        elif others and (
            o < th.majority + th.margin
            or any(
                share(b, x)[0] >= (th.lead - th.margin) * o and relation(b, x) >= th.related_names
                for x in others
            )
        ):
            alt = Alternative(DeptFate.SPLIT, (ref_b(b),), tuple(map(ref_a, [a, *others])))
        elif rivals and rule is not Rule.NAME_AND_MOST_UNITS:
            alt = Alternative(DeptFate.MERGED, tuple(map(ref_b, [b, *rivals])), (ref_a(a),))
        elif rule in (Rule.SOLE_SUCCESSOR, Rule.NAME_AND_LARGEST_SHARE) and (
            min(o, i) < th.majority + th.margin
        ):
            alt = Alternative(DeptFate.REMOVED, (ref_b(b),), (ref_a(a),))
        elif rule is Rule.NAME_ONLY and sim < 1.0:
            alt = Alternative(DeptFate.REMOVED, (ref_b(b),), (ref_a(a),))
        evidence[b, a] = Evidence(rule, round(o, 4), round(i, 4), sim, alt is not None, alt)
        if rule is Rule.DECLARED:
            same = (b, a) in same_id
            reason[b, a] = Reason.ID if same else Reason.FORMERLY
        elif sim >= 1.0:
            reason[b, a] = Reason.NAME
        elif sim >= th.dept_similarity:
            reason[b, a] = Reason.SIMILAR_NAME
        else:
            reason[b, a] = Reason.OVERLAP
    return _Depts(
        tuple(cont_b),
        tuple(cont_a),
        reason,
        evidence,
        flows,
        tuple(targets),
        tuple(tuple(s) for s in sources),
        weak_flows,
        th.substantial,
    )


def _declared(
    before: Structure, after: Structure
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Links the files state: the same explicit id, and ``formerly`` either way."""
    links: set[tuple[int, int]] = set()
    same: set[tuple[int, int]] = set()
    ids = {d.id: d.index for d in before.depts if d.explicit_id}
    for d in after.depts:
        if d.explicit_id and d.id in ids:
            same.add((ids[d.id], d.index))
    bids = {d.id: d.index for d in before.depts}
    aids = {d.id: d.index for d in after.depts}
    for d in after.depts:
        links.update((bids[old], d.index) for old in d.formerly if old in bids)
    for d in before.depts:
        links.update((d.index, aids[new]) for new in d.formerly if new in aids)
    return links | same, same

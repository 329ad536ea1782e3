"""Synthetic organisations and a realistic reorganisation of each, with the known truth.

Deterministic for a seed. Sizes from a thousand to a million units: departments ≈ √units / 2,
units nested 1–4 levels, Danish names with æ ø å, FTE on every unit. The reorganisation has two
merges, a split, a rename, ~2 % of units moved, ~1 % added and ~1 % removed, and new leader
layers. The YAML is written directly (one line per field), which is much faster than a YAML
emitter at a million units and is plain, valid YAML.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.truth import Truth

WORDS = [
    "Æblehaven",
    "Østergård",
    "Søndersø",
    "Bækkely",
    "Hyldegården",
    "Kærmosen",
    "Lærkereden",
    "Stjernen",
    "Fælleden",
    "Rønnebær",
    "Skovgården",
    "Åbrinken",
    "Grøntoften",
    "Bøgely",
    "Mølleåen",
    "Tranehøj",
    "Egebjerg",
    "Fyrretræet",
    "Kløvermarken",
    "Vestervang",
]
KINDS = [
    "Børnehus",
    "Skole",
    "Plejecenter",
    "Jobcenter-team",
    "Vejafdeling",
    "Bibliotek",
    "Tandklinik",
    "Sundhedspleje",
    "Bostøtte",
    "Kontor for Økonomi",
    "Sagsbehandling",
    "Rengøring",
]
LEADERS = ["Leder", "Afdelingsleder", "Teamleder", "Centerleder", "Institutionsleder"]


@dataclass
class Unit:
    id: str
    name: str
    fte: int
    leader: str | None
    units: list[Unit] = field(default_factory=list)

    def size(self) -> int:
        return 1 + sum(u.size() for u in self.units)


@dataclass
class Dept:
    id: str
    name: str
    units: list[Unit]
    formerly: list[str] = field(default_factory=list)


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0

    def unit(self) -> tuple[str, str]:
        self.n += 1
        name = f"{self.rng.choice(KINDS)} {self.rng.choice(WORDS)} {self.n}"
        return f"u{self.n}", name


def structure(n_units: int, seed: int) -> list[Dept]:
    """About ``n_units`` units in ≈ √n/2 departments, nested 1–4 levels."""
    rng = random.Random(seed)
    names = _Names(rng)
    n_depts = max(4, round(math.sqrt(n_units) / 2))
    per_dept = n_units // n_depts
    depts = []
    for d in range(n_depts):
        budget = per_dept
        tops: list[Unit] = []
        while budget > 0:
            unit, used = _subtree(rng, names, budget, 1)
            tops.append(unit)
            budget -= used
        depts.append(Dept(f"d{d}", f"Afdeling {d} – {rng.choice(WORDS)} & Ældre", tops))
    return depts


def _subtree(rng: random.Random, names: _Names, budget: int, level: int) -> tuple[Unit, int]:
    uid, name = names.unit()
    unit = Unit(uid, name, rng.randint(1, 40), rng.choice(LEADERS) if rng.random() < 0.6 else None)
    used = 1
    if level < 4 and rng.random() < 0.35:
        for _ in range(rng.randint(1, 6)):
            if used >= budget:
                break
            child, n = _subtree(rng, names, budget - used, level + 1)
            unit.units.append(child)
            used += n
    return unit, used


def reorganise(depts: list[Dept], seed: int) -> tuple[list[Dept], Truth]:
    """A copy of ``depts`` with two merges, a split, a rename, moves, additions, removals and
    leader layers, each on departments no other change touches, so the truth is exact."""
    rng = random.Random(seed + 1)
    names = _Names(rng)
    names.n = 10**8  # new ids never collide with the old ones
    truth = Truth()
    pool = list(range(len(depts)))
    rng.shuffle(pool)
    out: list[Dept] = []
    for k in range(2):  # two merges
        a, b = depts[pool.pop()], depts[pool.pop()]
        name = f"Sammenlagt afdeling {k} – {a.name.split(' – ')[1]}"
        out.append(Dept(f"m{k}", name, _copy(a.units) + _copy(b.units), [a.id, b.id]))
        truth.merges.add((frozenset({a.name, b.name}), name))
    s = depts[pool.pop()]  # a split
    cut = max(1, len(s.units) // 2)
    parts = [f"Del 1 af {s.name}", f"Del 2 af {s.name}"]
    out.append(Dept("s1", parts[0], _copy(s.units[:cut]), [s.id]))
    out.append(Dept("s2", parts[1], _copy(s.units[cut:]), [s.id]))
    truth.splits.add((s.name, frozenset(parts)))
    r = depts[pool.pop()]  # a rename
    out.append(Dept(r.id, f"{r.name} (nyt navn)", _copy(r.units)))
    truth.renames.add((r.name, f"{r.name} (nyt navn)"))
    untouched = [Dept(depts[i].id, depts[i].name, _copy(depts[i].units)) for i in sorted(pool)]
    total = sum(u.size() for d in depts for u in d.units)
    _moves(rng, untouched, truth, max(1, total * 2 // 100))
    _additions(rng, names, untouched, truth, max(1, total // 100))
    _removals(rng, untouched, truth, max(1, total // 100))
    _leader_layers(rng, names, untouched, truth, max(1, len(untouched) // 20))
    return out + untouched, truth


def _copy(units: list[Unit]) -> list[Unit]:
    return [Unit(u.id, u.name, u.fte, u.leader, _copy(u.units)) for u in units]


def _leaves(dept: Dept) -> list[tuple[list[Unit], Unit]]:
    """(the list holding it, the unit) for every unit without children."""
    out = []
    stack = [dept.units]
    while stack:
        siblings = stack.pop()
        for u in siblings:
            if u.units:
                stack.append(u.units)
            else:
                out.append((siblings, u))
    return out


def _moves(rng: random.Random, depts: list[Dept], truth: Truth, n: int) -> None:
    for _ in range(n):
        src, dst = rng.sample(depts, 2)
        leaves = [(s, u) for s, u in _leaves(src) if not u.name.startswith("Ny ")]
        if len(leaves) < 2:
            continue
        siblings, unit = rng.choice(leaves)
        siblings.remove(unit)
        dst.units.append(unit)
        origin = next((m[1] for m in truth.moves if m[0] == unit.name), src.name)
        truth.moves = {m for m in truth.moves if m[0] != unit.name}
        truth.moves.add((unit.name, origin, dst.name))
    # a unit moved twice may have come back home: then it did not move
    truth.moves = {m for m in truth.moves if m[1] != m[2]}


def _additions(rng: random.Random, names: _Names, depts: list[Dept], truth: Truth, n: int) -> None:
    for _ in range(n):
        dept = rng.choice(depts)
        uid, name = names.unit()
        dept.units.append(Unit(uid, f"Ny {name}", rng.randint(1, 20), "Leder"))
        truth.added.add(f"Ny {name}")


def _removals(rng: random.Random, depts: list[Dept], truth: Truth, n: int) -> None:
    moved = {m[0] for m in truth.moves}
    for _ in range(n):
        dept = rng.choice(depts)
        leaves = [
            (s, u) for s, u in _leaves(dept) if u.name not in moved and not u.name.startswith("Ny ")
        ]
        if len(leaves) < 2:
            continue
        siblings, unit = rng.choice(leaves)
        siblings.remove(unit)
        truth.removed.add(unit.name)


def _leader_layers(
    rng: random.Random, names: _Names, depts: list[Dept], truth: Truth, n: int
) -> None:
    moved = {m[0] for m in truth.moves}
    for dept in rng.sample(depts, min(n, len(depts))):
        if len(dept.units) < 4:
            continue
        under = dept.units[: len(dept.units) // 2]
        uid, name = names.unit()
        layer = Unit(uid, f"Ny ledelse {name}", 1, "Områdeleder", under)
        dept.units = [layer, *dept.units[len(under) :]]
        truth.added.add(layer.name)
        truth.reparented |= {
            u.name for u in under if u.name not in moved and not u.name.startswith("Ny ")
        }


# --- writing --------------------------------------------------------------------------------------


def write(path: Path, model: str, depts: list[Dept], ids: bool = True) -> None:
    """The structure as an org YAML file (ids and formerly left out when ``ids`` is False)."""
    out = [
        "organisation: Syntetisk Kommune",
        f"model: {json.dumps(model, ensure_ascii=False)}",
        "chef_post_cost: 1200000",
        "departments:",
    ]
    q = _quote
    for d in depts:
        if ids:
            out.append(f"  - id: {d.id}")
            out.append(f"    name: {q(d.name)}")
            if d.formerly:
                out.append(f"    formerly: [{', '.join(d.formerly)}]")
        else:
            out.append(f"  - name: {q(d.name)}")
        out.append(f"    chef: {q('Chef for ' + d.name)}")
        out.append("    units:")
        stack: list[tuple[Unit, int]] = [(u, 6) for u in reversed(d.units)]
        while stack:
            u, ind = stack.pop()
            pad = " " * ind
            if ids:
                out.append(f"{pad}- id: {u.id}")
                out.append(f"{pad}  name: {q(u.name)}")
            else:
                out.append(f"{pad}- name: {q(u.name)}")
            out.append(f"{pad}  fte: {u.fte}")
            if u.leader:
                out.append(f"{pad}  leader: {u.leader}")
            if u.units:
                out.append(f"{pad}  units:")
                stack.extend((c, ind + 4) for c in reversed(u.units))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def count_units(depts: list[Dept]) -> int:
    return sum(u.size() for d in depts for u in d.units)

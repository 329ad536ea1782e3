"""Generated structures and reorganisations with a known truth, for property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from benchmarks.truth import Truth
from orgdiff import Department, Org, Post, Unit


@st.composite
def reorganisations(draw: st.DrawFn) -> tuple[Org, Org, Truth]:
    """A structure, a reorganised copy (ids and formerly set as an analyst would) and the truth."""
    serial = iter(range(10**6))
    depts: list[Department] = []
    for d in range(draw(st.integers(3, 7))):
        tops = []
        for _ in range(draw(st.integers(2, 6))):
            k = next(serial)
            kids = tuple(
                Unit(id=f"u{(j := next(serial))}", name=f"Unit {j}", fte=draw(st.integers(0, 9)))
                for _ in range(draw(st.integers(0, 2)))
            )
            leader = Post(title=f"Leader {k}") if draw(st.booleans()) else None
            tops.append(
                Unit(
                    id=f"u{k}",
                    name=f"Unit {k}",
                    fte=draw(st.integers(0, 30)),
                    leader=leader,
                    units=kids,
                )
            )
        if draw(st.booleans()):  # a generic name in many departments: pairs within each
            tops.insert(0, Unit(id=f"sek{d}", name="Sekretariat", fte=draw(st.integers(0, 3))))
        depts.append(
            Department(
                id=f"d{d}", name=f"Dept {d}", chef=Post(title=f"Chef {d}"), units=tuple(tops)
            )
        )
    before = Org(organisation="Gen", model="before", chef_post_cost=1000, departments=tuple(depts))

    order = draw(st.permutations(range(len(depts))))
    pool = [depts[i] for i in order]
    truth = Truth()
    out: list[Department] = []
    untouched: list[Department] = []
    while pool:
        op = draw(st.sampled_from(["keep", "keep", "merge", "split", "rename", "carve", "joint"]))
        x = pool.pop()
        if op == "carve" and (cut := _carvable(x)) is not None:
            # a carve-out: the department keeps its name and most of its units; the new one
            # is added and the unit that went there moved
            k = next(serial)
            part = x.units[cut]
            out.append(x.model_copy(update={"units": x.units[:cut] + x.units[cut + 1 :]}))
            out.append(Department(id=f"c{k}", name=f"Carved {k}", units=(part,)))
            truth.depts_added.add(f"Carved {k}")
            truth.moves.add((part.name, x.name, f"Carved {k}"))
            continue
        if op == "joint" and pool and (cx := _carvable(x)) is not None:
            y = pool[-1]
            cy = _carvable(y)
            if cy is not None:
                # a partial merge: parts of two departments that both go on form a new one
                pool.pop()
                k = next(serial)
                px, py = x.units[cx], y.units[cy]
                out.append(x.model_copy(update={"units": x.units[:cx] + x.units[cx + 1 :]}))
                out.append(y.model_copy(update={"units": y.units[:cy] + y.units[cy + 1 :]}))
                out.append(Department(id=f"j{k}", name=f"Joint {k}", units=(px, py)))
                truth.depts_added.add(f"Joint {k}")
                truth.moves |= {(px.name, x.name, f"Joint {k}"), (py.name, y.name, f"Joint {k}")}
                continue
        if op == "merge" and pool:
            y = pool.pop()
            k = next(serial)
            out.append(
                Department(
                    id=f"n{k}",
                    name=f"New {k}",
                    formerly=(x.id or "", y.id or ""),
                    chef=Post(title=f"Chef n{k}"),
                    units=x.units + y.units,
                )
            )
            truth.merges.add((frozenset({x.name, y.name}), f"New {k}"))
        elif op == "split" and (cuts := _substantial_cuts(x)):
            cut = draw(st.sampled_from(cuts))
            k1, k2 = next(serial), next(serial)
            for k, part in ((k1, x.units[:cut]), (k2, x.units[cut:])):
                out.append(
                    Department(
                        id=f"n{k}",
                        name=f"Part {k}",
                        formerly=(x.id or "",),
                        chef=Post(title=f"Chef n{k}"),
                        units=part,
                    )
                )
            truth.splits.add((x.name, frozenset({f"Part {k1}", f"Part {k2}"})))
        elif op == "rename":
            k = next(serial)
            out.append(x.model_copy(update={"name": f"Renamed {k}"}))
            truth.renames.add((x.name, f"Renamed {k}"))
        else:
            untouched.append(x)
    untouched = _unit_changes(draw, untouched, truth, serial)
    after = Org(
        organisation="Gen", model="after", chef_post_cost=1000, departments=tuple(out + untouched)
    )
    return before, after, truth


def _unit_changes(
    draw: st.DrawFn, depts: list[Department], truth: Truth, serial: object
) -> list[Department]:
    """Moves, added and removed units and a leader layer, in departments that stay as they are."""
    depts = list(depts)
    it = iter(serial)  # type: ignore[call-overload]
    if len(depts) >= 2 and draw(st.booleans()):
        a, b = draw(
            st.sampled_from(
                [(i, j) for i in range(len(depts)) for j in range(len(depts)) if i != j]
            )
        )
        if len(depts[a].units) >= 2:
            unit = depts[a].units[-1]
            depts[a] = depts[a].model_copy(update={"units": depts[a].units[:-1]})
            depts[b] = depts[b].model_copy(update={"units": depts[b].units + (unit,)})
            truth.moves.add((unit.name, depts[a].name, depts[b].name))
    if depts and draw(st.booleans()):
        i = draw(st.integers(0, len(depts) - 1))
        k = next(it)
        new = Unit(id=f"a{k}", name=f"Added {k}", leader=Post(title=f"Leader a{k}"), fte=3)
        depts[i] = depts[i].model_copy(update={"units": depts[i].units + (new,)})
        truth.added.add(new.name)
    if depts and draw(st.booleans()):
        i = draw(st.integers(0, len(depts) - 1))
        units = depts[i].units
        moved_in = {m[0] for m in truth.moves}
        leaves = [
            j
            for j, u in enumerate(units)
            if not u.units and not u.name.startswith("Added") and u.name not in moved_in
        ]
        if len(units) >= 3 and leaves:
            j = leaves[0]
            truth.removed.add(units[j].name)
            depts[i] = depts[i].model_copy(update={"units": units[:j] + units[j + 1 :]})
    if depts and draw(st.booleans()):
        i = draw(st.integers(0, len(depts) - 1))
        moved_in = {m[0] for m in truth.moves}
        units = depts[i].units
        if len(units) >= 2:
            k = next(it)
            layer = Unit(
                id=f"l{k}",
                name=f"Layer {k}",
                leader=Post(title=f"Leader l{k}", cost=500),
                units=units,
            )
            depts[i] = depts[i].model_copy(update={"units": (layer,)})
            truth.added.add(layer.name)
            truth.reparented |= {
                u.name for u in units if u.name not in moved_in and not u.name.startswith("Added")
            }
    return depts


def _weight(units: tuple[Unit, ...]) -> tuple[int, float]:
    """How many units (any depth) and how much FTE a list of subtrees holds."""
    n, fte, stack = 0, 0.0, list(units)
    while stack:
        u = stack.pop()
        n += 1
        fte += u.fte or 0
        stack.extend(u.units)
    return n, fte


def _substantial_cuts(d: Department) -> list[int]:
    """Where a department's top-level units can be cut so that both parts are substantial.

    The engine's rule (orgdiff.match.Thresholds): a part is substantial from 20 % of the
    department, half by unit count and half by FTE. Cuts with a part below that are not a
    split by the spec, so the generator does not call them one.
    """
    total_n, total_f = _weight(d.units)
    cuts = []
    for cut in range(1, len(d.units)):
        shares = []
        for part in (d.units[:cut], d.units[cut:]):
            n, f = _weight(part)
            shares.append(0.5 * n / total_n + 0.5 * f / total_f if total_f else n / total_n)
        generic_only = any(
            all(u.name == "Sekretariat" for u in part) for part in (d.units[:cut], d.units[cut:])
        )
        # clear of the threshold's margin; and a part of nothing but a generic unit cannot be
        # told from a unit added there without ids
        if min(shares) >= 0.2 + 0.1 and not generic_only:
            cuts.append(cut)
    return cuts


def _carvable(d: Department) -> int | None:
    """A top-level unit (not a generic one) whose leaving keeps the department clearly itself:
    the rest above 60 % of it, half by unit count and half by FTE."""
    total_n, total_f = _weight(d.units)
    for i in range(len(d.units) - 1, -1, -1):
        if d.units[i].name == "Sekretariat":
            continue
        rest = d.units[:i] + d.units[i + 1 :]
        n, f = _weight(rest)
        share = 0.5 * n / total_n + 0.5 * f / total_f if total_f else n / total_n
        if share > 0.5 + 0.1:
            return i
    return None

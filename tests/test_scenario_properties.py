"""Properties of scenarios (hypothesis, fixed seed): the edit script gives AFTER exactly, and
compare() reports exactly the operations a generated scenario makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.truth import Truth, found
from orgdiff import Org, Post, Unit, load
from orgdiff.apply import apply
from orgdiff.diff import compare
from orgdiff.editscript import dumps, editscript
from orgdiff.scenario import (
    AddLeaderOp,
    AddUnitOp,
    Change,
    MergeOp,
    MoveOp,
    RemoveLeaderOp,
    RemoveUnitOp,
    RenameOp,
    Scenario,
    SetOp,
    SplitOp,
    SplitPart,
    loads,
)
from orgdiff.structure import build

from .conftest import ROOT
from .orgs_for_tests import strip_ids
from .reorg import _substantial_cuts, reorganisations


def _round_trip(before: Org, after: Org) -> Org:
    sb, sa = build(before), build(after)
    script = editscript(compare(sb, sa), sb, sa, "before.yaml")
    text = dumps(script)
    return apply(sb, loads(text, "edit.scenario.yaml").scenario)


@settings(max_examples=120)
@given(reorganisations())
def test_edit_script_gives_after_exactly_with_and_without_ids(
    case: tuple[Org, Org, Truth],
) -> None:
    before, after, _ = case
    assert _round_trip(before, after) == after
    assert _round_trip(strip_ids(before), strip_ids(after)) == strip_ids(after)
    assert _round_trip(after, before) == before


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Org, Scenario, Truth, tuple[int, int, int, int]]:
    """A structure, a scenario of merges, splits, renames, moves, added and removed units and
    leader posts, the truth it makes, and the leader posts it adds and removes."""
    before, _, _ = draw(reorganisations())
    depts = list(before.departments)
    pool = [depts[i] for i in draw(st.permutations(range(len(depts))))]
    ops: list[Change] = []
    truth = Truth()
    untouched = []
    k = 0
    while pool:
        op = draw(st.sampled_from(["keep", "keep", "merge", "split", "rename"]))
        x = pool.pop()
        k += 1
        if op == "merge" and pool:
            y = pool.pop()
            ops.append(
                MergeOp(
                    merge=(x.name, y.name),
                    name=f"New {k}",
                    id=f"n{k}",
                    formerly=(x.id or "", y.id or ""),
                    chef=Post(title=f"Chef n{k}"),
                )
            )
            truth.merges.add((frozenset({x.name, y.name}), f"New {k}"))
        elif op == "split" and (cuts := _substantial_cuts(x)):
            cut = draw(st.sampled_from(cuts))
            parts = tuple(
                SplitPart(
                    name=f"Part {k}-{p}",
                    id=f"p{k}-{p}",
                    formerly=(x.id or "",),
                    chef=Post(title=f"Chef p{k}-{p}"),
                    units=tuple(u.id or u.name for u in units),  # names repeat (Sekretariat)
                )
                for p, units in enumerate((x.units[:cut], x.units[cut:]))
            )
            ops.append(SplitOp(split=x.name, into=parts))
            truth.splits.add((x.name, frozenset(p.name for p in parts)))
        elif op == "rename":
            ops.append(RenameOp(rename=x.name, to=f"Renamed {k}"))
            truth.renames.add((x.name, f"Renamed {k}"))
        else:
            untouched.append(x)
    leaders = [0, 0]
    if len(untouched) >= 2 and draw(st.booleans()):
        a, b = draw(st.permutations(untouched))[:2]
        if len(a.units) >= 2:
            ops.append(MoveOp(move=a.units[-1].id or a.units[-1].name, to=b.name))
            truth.moves.add((a.units[-1].name, a.name, b.name))
            untouched.remove(a)  # nothing else changes in it
    if untouched and draw(st.booleans()):
        d = draw(st.sampled_from(untouched))
        ops.append(
            AddUnitOp(add_unit=Unit(id="added", name="Added", leader=Post(title="L")), to=d.name)
        )
        truth.added.add("Added")
        leaders[0] += 1
    if untouched and draw(st.booleans()):
        d = draw(st.sampled_from(untouched))
        moved = {m[0] for m in truth.moves}
        leaves = [u for u in d.units if not u.units and u.name not in moved]
        if len(d.units) >= 3 and leaves:
            ops.append(RemoveUnitOp(remove_unit=leaves[0].id or leaves[0].name))
            truth.removed.add(leaves[0].name)
            leaders[1] += leaves[0].leader is not None
            untouched.remove(d)
    if untouched and draw(st.booleans()):
        d = draw(st.sampled_from(untouched))
        for u in d.units[:2]:
            if u.leader is None:
                ops.append(AddLeaderOp(add_leader=u.id or u.name, title="Ny leder", cost=700))
                leaders[0] += 1
            else:
                ops.append(RemoveLeaderOp(remove_leader=u.id or u.name))
                leaders[1] += 1
    changed = [0, 0]  # chef and leader posts retitled (Posts.changed)
    if untouched and draw(st.booleans()):
        d = draw(st.sampled_from(untouched))
        ops.append(SetOp(set=d.name, chef=Post(title=f"Ny chef for {d.name}", cost=900)))
        changed[0] += 1
        touched = {op.add_leader for op in ops if isinstance(op, AddLeaderOp)} | {
            op.remove_leader for op in ops if isinstance(op, RemoveLeaderOp)
        }
        led = [u for u in d.units if u.leader is not None and (u.id or u.name) not in touched]
        if led:
            ops.append(SetOp(set=led[0].id or led[0].name, leader=Post(title="Ny titel")))
            changed[1] += 1
    scenario = Scenario("before.yaml", {"model": "scenario"}, tuple(ops))
    return before, scenario, truth, (leaders[0], leaders[1], changed[0], changed[1])


@settings(max_examples=120)
@given(scenarios())
def test_compare_reports_exactly_the_scenarios_operations(
    case: tuple[Org, Scenario, Truth, tuple[int, int, int, int]],
) -> None:
    before, scenario, truth, (added, removed, chefs, leaders) = case
    after = apply(before, scenario)
    for b, a in ((before, after), (strip_ids(before), strip_ids(after))):
        d = compare(b, a)
        assert found(d) == truth
        assert (len(d.leader_posts.added), len(d.leader_posts.removed)) == (added, removed)
        assert len(d.chef_posts.removed) == len(truth.merges)
        assert len(d.chef_posts.added) == len(truth.splits)
        # a merge's and a split's chef post goes on in one of its departments, retitled
        assert len(d.chef_posts.changed) == chefs + len(truth.merges) + len(truth.splits)
        assert len(d.leader_posts.changed) == leaders


CORPUS = sorted(p.parent for p in (ROOT / "tests" / "corpus").glob("*/before.yaml"))


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_edit_script_gives_after_exactly_on_real_reorganisations(case: Path) -> None:
    before, after = load(case / "before.yaml"), load(case / "after.yaml")
    for b, a in ((before, after), (strip_ids(before), strip_ids(after))):
        assert _round_trip(b, a) == a
        assert _round_trip(a, b) == b

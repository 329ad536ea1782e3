"""Any structure the models accept survives dump → load unchanged (hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from orgdiff import Department, Org, Post, Unit, build, dumps, loads
from orgdiff.checks import check
from orgdiff.model import MAX_COST, MAX_FTE, MIN_FTE

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
# Every number the models allow: 0, or within each field's range (model.MAX_FTE, MAX_COST).
NUMBER = st.one_of(
    st.just(0), st.integers(1, MAX_FTE), st.floats(MIN_FTE, MAX_FTE, allow_nan=False)
)
COST = st.one_of(st.integers(0, MAX_COST), st.floats(0, MAX_COST))
POST = st.builds(Post, title=TEXT, cost=st.none() | COST)


@st.composite
def orgs(draw: st.DrawFn) -> Org:
    counter = itertools.count()

    def ident() -> str | None:
        return draw(st.sampled_from([None, f"id{next(counter)}"]))

    def formerly() -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(["old-a", "old-b", "x.1"]), max_size=2)))

    def units(depth: int) -> tuple[Unit, ...]:
        if depth > 3:
            return ()
        return tuple(
            Unit(
                id=ident(),
                name=draw(TEXT),
                leader=draw(st.none() | POST),
                fte=draw(st.none() | NUMBER),
                formerly=formerly(),
                notes=draw(st.none() | TEXT),
                units=units(depth + 1),
            )
            for _ in range(draw(st.integers(0, 3)))
        )

    depts = tuple(
        Department(
            id=ident(),
            name=draw(TEXT),
            formerly=formerly(),
            chef=draw(st.none() | POST),
            units=units(1),
        )
        for _ in range(draw(st.integers(1, 4)))
    )
    return Org(
        organisation=draw(TEXT),
        model=draw(TEXT),
        date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
        source=draw(st.none() | TEXT),
        currency=draw(st.sampled_from(["DKK", "EUR", "SEK"])),
        chef_post_cost=draw(st.none() | COST),
        lang=draw(st.sampled_from([None, "da", "en"])),
        departments=depts,
    )


@given(orgs())
def test_dump_then_load_gives_an_equal_structure(org: Org) -> None:
    assert check(build(org)) == []
    assert loads(dumps(org), "generated.yaml") == org


@given(orgs())
def test_default_ids_are_unique_and_deterministic(org: Org) -> None:
    first, second = build(org), build(org)
    ids = [d.id for d in first.depts] + [u.id for u in first.units]
    assert len(ids) == len(set(ids))
    assert ids == [d.id for d in second.depts] + [u.id for u in second.units]

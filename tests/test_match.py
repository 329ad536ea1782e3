"""Matching alone: who corresponds to whom, and why."""

from __future__ import annotations

from orgdiff import build
from orgdiff.changes import Reason
from orgdiff.match import match

from .orgs_for_tests import dept, org, unit


def names(before, after, m):  # type: ignore[no-untyped-def]
    sb, sa = build(before), build(after)
    mm = match(sb, sa)
    pairs = {sb.units[b].name: sa.units[a].name for b, a in enumerate(mm.b2a) if a >= 0}
    reasons = {sa.units[a].name: mm.unit_reason[a] for a in range(len(sa.units)) if mm.a2b[a] >= 0}
    succ = {sb.depts[b].name: [sa.depts[a].name for a in s] for b, s in enumerate(mm.succ)}
    why = {(sb.depts[b].name, sa.depts[a].name): r for (b, a), r in mm.dept_reason.items()}
    return pairs, reasons, succ, why


def test_units_match_by_id_before_name() -> None:
    before = org(dept("A", unit("X", id="x"), unit("Y", id="y")))
    after = org(dept("A", unit("Y", id="x"), unit("X", id="y")))  # names swapped, ids kept
    pairs, reasons, _, _ = names(before, after, None)
    assert pairs == {"X": "Y", "Y": "X"}
    assert set(reasons.values()) == {Reason.ID}


def test_units_match_by_formerly_in_either_file() -> None:
    before = org(dept("A", unit("Old", id="old"), unit("Two", id="two", formerly=("deux",))))
    after = org(dept("A", unit("New", id="new", formerly=("old",)), unit("Deux", id="deux")))
    pairs, reasons, _, _ = names(before, after, None)
    assert pairs == {"Old": "New", "Two": "Deux"}
    assert reasons == {"New": Reason.FORMERLY, "Deux": Reason.FORMERLY}


def test_units_match_by_name_ignoring_case_and_diacritics() -> None:
    before = org(dept("A", unit("Økonomi og Stab")))
    after = org(dept("A", unit("økonomi & stab")))
    pairs, reasons, _, _ = names(before, after, None)
    assert pairs == {"Økonomi og Stab": "økonomi & stab"}
    assert reasons == {"økonomi & stab": Reason.NAME}


def test_renamed_parent_matches_by_its_children() -> None:
    before = org(dept("A", unit("Jobcenter", unit("U1"), unit("U2"), unit("U3"))))
    after = org(dept("A", unit("Jobcentret", unit("U1"), unit("U2"), unit("U3"))))
    pairs, reasons, _, _ = names(before, after, None)
    assert pairs["Jobcenter"] == "Jobcentret"
    assert reasons["Jobcentret"] is Reason.OVERLAP


def test_same_named_units_pair_within_corresponding_departments() -> None:
    before = org(
        dept("A", unit("Admin", fte=1), unit("a1")), dept("B", unit("Admin", fte=2), unit("b1"))
    )
    after = org(
        dept("B", unit("b1"), unit("Admin", fte=2)), dept("A", unit("a1"), unit("Admin", fte=1))
    )
    sb, sa = build(before), build(after)
    mm = match(sb, sa)
    for b, a in enumerate(mm.b2a):
        assert a >= 0
        assert sb.depts[sb.units[b].dept].name == sa.depts[sa.units[a].dept].name


def test_departments_link_by_id_formerly_name_then_overlap() -> None:
    before = org(
        dept("Same", unit("s1"), id="s"),
        dept("Old name", unit("o1"), id="o"),
        dept("By name", unit("n1")),
        dept("Overlap", unit("v1"), unit("v2"), unit("v3")),
    )
    after = org(
        dept("Same but renamed", unit("s1"), id="s"),
        dept("New name", unit("o1"), id="nn", formerly=("o",)),
        dept("by NAME", unit("n1")),
        dept("Nothing in common by name", unit("v1"), unit("v2"), unit("v3")),
    )
    _, _, succ, why = names(before, after, None)
    assert why == {
        ("Same", "Same but renamed"): Reason.ID,
        ("Old name", "New name"): Reason.FORMERLY,
        ("By name", "by NAME"): Reason.NAME,
        ("Overlap", "Nothing in common by name"): Reason.OVERLAP,
    }


def test_a_few_moved_units_do_not_make_a_department_a_successor() -> None:
    before = org(dept("A", *(unit(f"a{i}") for i in range(6))), dept("B", unit("b1"), unit("b2")))
    after = org(
        dept("A", *(unit(f"a{i}") for i in range(1, 6))),
        dept("B", unit("b1"), unit("b2"), unit("a0")),
    )
    _, _, succ, _ = names(before, after, None)
    assert succ == {"A": ["A"], "B": ["B"]}


def test_many_same_named_siblings_pair_in_order_without_blowing_up() -> None:
    """20,000 units called "Team": paired one to one, in file order, in linear time."""
    n = 20_000
    before = org(dept("A", *(unit("Team", fte=i) for i in range(n))), dept("B", unit("Team")))
    after = org(dept("B", unit("Team")), dept("A", *(unit("Team", fte=i) for i in range(n))))
    sb, sa = build(before), build(after)
    mm = match(sb, sa)
    assert all(a >= 0 for a in mm.b2a)
    for b, a in enumerate(mm.b2a):
        assert sb.units[b].fte == sa.units[a].fte  # the i-th Team of A is the i-th Team of A
        assert sb.depts[sb.units[b].dept].name == sa.depts[sa.units[a].dept].name


def test_a_short_form_in_brackets_is_the_same_unit_across_departments() -> None:
    before = org(
        dept("Sanidad", unit("Instituto de Mayores y Servicios Sociales (Imserso)"), unit("Salud")),
        dept("Trabajo", unit("Servicio Público de Empleo Estatal (SEPE)"), unit("Empleo")),
    )
    after = org(
        dept("Sanidad", unit("Salud")),
        dept("Derechos Sociales", unit("Imserso")),
        dept("Trabajo", unit("Servicio Público de Empleo Estatal"), unit("Empleo")),
    )
    pairs, reasons, _, _ = names(before, after, None)
    assert pairs["Instituto de Mayores y Servicios Sociales (Imserso)"] == "Imserso"
    assert (
        pairs["Servicio Público de Empleo Estatal (SEPE)"] == "Servicio Público de Empleo Estatal"
    )
    assert reasons["Imserso"] is Reason.SIMILAR_NAME


def test_a_short_form_pairs_only_where_it_says_which_one() -> None:
    from orgdiff.match import _Pairs, _units_by_short_form

    before = org(
        dept("A", unit("Skole (Nord)"), unit("Skole (Syd)"), unit("Team (2)"), unit("X (ABC)")),
        dept("B", unit("Y (ABC)"), unit("Kontor (Stab)")),
    )
    after = org(dept("C", unit("Skole"), unit("2"), unit("ABC"), unit("Stab")))
    sb, sa = build(before), build(after)
    pairs = _Pairs(len(sb.units), len(sa.units))
    _units_by_short_form(sb, sa, pairs)
    found = {sb.units[b].name: sa.units[a].name for b, a in enumerate(pairs.b2a) if a >= 0}
    # two schools for one "Skole"; a number is not a name; ABC is not unique; "Stab" is generic
    assert found == {}

"""The inference engine on the eight misreadings issue #9 lists, each as it was reproduced.

Names only unless said: the engine must read a reorganisation from two plain files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgdiff import OrgDiff, Thresholds, compare, dumps
from orgdiff.changes import DeptFate, Reason, Rule, UnitFate

from .orgs_for_tests import dept, org, strip_ids, unit


def units(prefix: str, n: int, fte: float | None = None) -> list:  # type: ignore[type-arg]
    return [unit(f"{prefix} {i}", fte=fte) for i in range(1, n + 1)]


def events(d: OrgDiff) -> dict[str, object]:
    dc = d.departments
    return {
        "kept": sorted(p.after.name for p in dc.kept),
        "renamed": sorted((p.before.name, p.after.name) for p in dc.renamed),
        "merged": sorted(
            (tuple(sorted(r.name for r in m.sources)), m.target.name) for m in dc.merged
        ),
        "split": sorted(
            (s.source.name, tuple(sorted(r.name for r in s.targets))) for s in dc.split
        ),
        "added": sorted(r.name for r in dc.added),
        "removed": sorted(r.name for r in dc.removed),
    }


def moves(d: OrgDiff) -> set[tuple[str, str, str]]:
    return {(m.after.name, m.before.dept.name, m.after.dept.name) for m in d.units.moved}


# 1 ------------------------------------------------------------------------------------------------


def test_carve_out_leaves_the_department_continuing_and_the_new_one_added() -> None:
    before = org(dept("Teknik & Miljø", *units("Vej", 8), unit("Klima"), unit("Natur")))
    after = org(
        dept("Teknik & Miljø", *units("Vej", 8)),
        dept("Klima & Natur", unit("Klima"), unit("Natur")),
    )
    d = compare(before, after)
    assert events(d)["kept"] == ["Teknik & Miljø"]
    assert events(d)["added"] == ["Klima & Natur"] and not d.departments.split
    assert moves(d) == {
        ("Klima", "Teknik & Miljø", "Klima & Natur"),
        ("Natur", "Teknik & Miljø", "Klima & Natur"),
    }
    assert d.departments.ended == ()


# 2 ------------------------------------------------------------------------------------------------


def test_a_department_keeping_a_minority_under_a_new_name_is_split_not_renamed() -> None:
    before = org(dept("Kultur & Fritid", *units("K", 3), *units("F", 4), *units("I", 3)))
    after = org(
        dept("Kultur", *units("K", 3)),
        dept("Fritid", *units("F", 4)),
        dept("Idræt", *units("I", 3)),
    )
    d = compare(before, after)
    assert events(d)["split"] == [("Kultur & Fritid", ("Fritid", "Idræt", "Kultur"))]
    assert d.departments.renamed == () and d.units.moved == ()
    assert d.departments.ended[0].name == "Kultur & Fritid"
    assert set(d.units.fates_after) == {UnitFate.CARRIED}


# 3 ------------------------------------------------------------------------------------------------


def test_a_new_department_of_substantial_parts_of_two_is_a_merge() -> None:
    before = org(
        dept("Social", *units("S", 6), *units("Ældre", 4)),
        dept("Sundhed", *units("H", 5), *units("Pleje", 5)),
    )
    after = org(
        dept("Omsorg", *units("Ældre", 4), *units("Pleje", 5), *units("S", 2)),
        dept("Socialområdet", unit("S 3"), unit("S 4"), unit("S 5"), unit("S 6")),
        dept("Sundhedsområdet", *units("H", 5)),
    )
    d = compare(before, after)
    assert ("Omsorg", "renamed") not in {(p.after.name, "renamed") for p in d.departments.renamed}
    assert (("Social", "Sundhed"), "Omsorg") in events(d)["merged"]  # type: ignore[operator]
    (merge,) = [m for m in d.departments.merged if m.target.name == "Omsorg"]
    assert merge.continues is None and merge.evidence.rule is Rule.SUBSTANTIAL_FLOWS


def test_a_department_that_continues_and_absorbs_a_part_is_a_merge_with_its_continuation() -> None:
    before = org(
        dept("Børn & Familie", *units("B", 5)),
        dept("Dagtilbud og Skole", *units("D", 6), *units("S", 5)),
    )
    after = org(
        dept("Børn & Familie", *units("B", 5), *units("D", 6)),
        dept("Skole & Uddannelse", *units("S", 5)),
    )
    d = compare(before, after)
    (merge,) = d.departments.merged
    assert merge.continues is not None and merge.continues.name == "Børn & Familie"
    assert events(d)["split"] == [("Dagtilbud og Skole", ("Børn & Familie", "Skole & Uddannelse"))]
    fates = dict((r.name, f) for r, f in d.departments.fates_before)
    assert fates == {"Børn & Familie": DeptFate.MERGED, "Dagtilbud og Skole": DeptFate.SPLIT}


# 4 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("beside", [0, 2])
def test_one_unit_into_a_new_department_is_a_move_whatever_else_is_there(beside: int) -> None:
    before = org(dept("Økonomi", *units("Ø", 9), unit("Indkøb")))
    after = org(
        dept("Økonomi", *units("Ø", 9)),
        dept("Indkøb & Udbud", unit("Indkøb"), *units("Ny", beside)),
    )
    d = compare(before, after)
    assert not d.departments.split
    assert events(d)["added"] == ["Indkøb & Udbud"]
    assert moves(d) == {("Indkøb", "Økonomi", "Indkøb & Udbud")}


def test_fte_weighs_in_a_small_unit_holding_most_of_the_work_is_a_substantial_part() -> None:
    before = org(dept("Drift", *units("Stab", 8, fte=1), unit("Rengøring", fte=160)))
    after = org(
        dept("Stabe", *units("Stab", 8, fte=1)), dept("Service", unit("Rengøring", fte=160))
    )
    d = compare(before, after)
    assert events(d)["split"] == [("Drift", ("Service", "Stabe"))]
    # by unit count alone Rengøring would be 1 of 9: a move out of a renamed department
    counted = compare(
        org(dept("Drift", *units("Stab", 8), unit("Rengøring"))),
        org(dept("Stabe", *units("Stab", 8)), dept("Service", unit("Rengøring"))),
    )
    assert events(counted)["renamed"] == [("Drift", "Stabe")] and events(counted)["split"] == []


# 5 ------------------------------------------------------------------------------------------------


def test_slightly_renamed_units_without_ids_are_renames() -> None:
    before = org(dept("Økonomi & Stab", unit("Lønkontoret"), unit("Jobcentret"), unit("Skole A")))
    after = org(
        dept(
            "Økonomi & Stab",
            unit("Lønkontor & Personale"),
            unit("Jobcenter Albertslund"),
            unit("Skole B"),
        )
    )
    d = compare(before, after)
    renamed = {(c.before.name, c.after.name): c.reason for c in d.units.renamed}
    assert renamed == {
        ("Lønkontoret", "Lønkontor & Personale"): Reason.SIMILAR_NAME,
        ("Jobcentret", "Jobcenter Albertslund"): Reason.SIMILAR_NAME,
    }
    assert [u.name for u in d.units.added] == ["Skole B"]  # one letter apart: another school
    strict = compare(before, after, thresholds=Thresholds(similarity=1.0))
    assert strict.units.renamed == () and len(strict.units.added) == 3


# 6 ------------------------------------------------------------------------------------------------


def test_a_generic_name_does_not_pair_across_unrelated_departments() -> None:
    before = org(
        dept("Kultur", *units("K", 4), unit("Sekretariat")),
        dept("Teknik", *units("T", 4)),
    )
    after = org(dept("Kultur", *units("K", 4)), dept("Teknik", *units("T", 4), unit("Sekretariat")))
    d = compare(before, after)
    assert d.units.moved == ()
    assert [u.name for u in d.units.removed] == ["Sekretariat"]
    assert [u.name for u in d.units.added] == ["Sekretariat"]


def test_a_distinctive_name_still_moves_across_departments() -> None:
    before = org(dept("Kultur", *units("K", 4), unit("Erhverv")), dept("Teknik", *units("T", 4)))
    after = org(dept("Kultur", *units("K", 4)), dept("Teknik", *units("T", 4), unit("Erhverv")))
    assert moves(compare(before, after)) == {("Erhverv", "Kultur", "Teknik")}


def test_names_of_punctuation_only_never_match_by_name() -> None:
    before = org(dept("A", unit("x"), unit("!!!")), dept("!!!", unit("y")))
    after = org(dept("A", unit("x"), unit("???")), dept("???", unit("z")))
    d = compare(before, after)
    assert [u.name for u in d.units.removed] == ["!!!", "y"]
    assert [u.name for u in d.units.added] == ["???", "z"]
    assert events(d)["removed"] == ["!!!"] and events(d)["added"] == ["???"]


# 7 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ids", [True, False])
def test_two_departments_of_one_name_compared_with_itself_show_nothing(ids: bool) -> None:
    o = org(
        dept("Sekretariat", unit("Ledelse"), unit("Post"), id="s1"),
        dept("Sekretariat", unit("Ledelse"), unit("Arkiv"), id="s2"),
        dept("Sekretariat", unit("Ledelse"), id="s3"),
    )
    o = o if ids else strip_ids(o)
    d = compare(o, o)
    assert not d.has_changes
    assert set(d.units.fates_after) == {UnitFate.KEPT}


# 8 ------------------------------------------------------------------------------------------------


def test_a_retitled_or_recosted_post_is_a_change(tmp_path: Path) -> None:
    before = org(dept("A", unit("U", leader={"title": "Leder", "cost": 700}), chef="Chef for A"))
    retitled = org(
        dept("A", unit("U", leader={"title": "Leder", "cost": 700}), chef="Direktør for A")
    )
    recosted = org(dept("A", unit("U", leader={"title": "Leder", "cost": 750}), chef="Chef for A"))
    d = compare(before, retitled)
    assert d.has_changes and [(c.before.title, c.after.title) for c in d.chef_posts.changed] == [
        ("Chef for A", "Direktør for A")
    ]
    assert d.chef_posts.changed[0].retitled and not d.chef_posts.changed[0].recosted
    e = compare(before, recosted)
    assert e.has_changes and e.leader_posts.changed[0].recosted and e.cost.change == 50
    for other in (retitled, recosted):
        a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
        a.write_text(dumps(before), encoding="utf-8")
        b.write_text(dumps(other), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "orgdiff", "compare", str(a), str(b), "--exit-code"],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 1, run.stderr


def test_which_chef_post_of_a_merge_goes_does_not_depend_on_file_order() -> None:
    a = dept("Børn & Familie", *units("B", 5), chef="Chef for Børn & Familie")
    b = dept("Beskæftigelse", *units("J", 6), chef="Chef for Beskæftigelse")
    merged = dept(
        "Børn, Familie & Beskæftigelse",
        *units("B", 5),
        *units("J", 6),
        chef="Chef for Børn, Familie & Beskæftigelse",
    )
    removed = set()
    for order in ((a, b), (b, a)):
        d = compare(org(*order), org(merged))
        removed.add(tuple(p.title for p in d.chef_posts.removed))
    assert removed == {("Chef for Beskæftigelse",)}


# evidence -----------------------------------------------------------------------------------------


def test_a_close_call_is_flagged_with_the_other_reading() -> None:
    before = org(dept("Plan & Byg", *units("P", 6), *units("B", 4)))
    d = compare(before, org(dept("Plan", *units("P", 6)), dept("Byg", *units("B", 4))))
    # 60/40, both parts named after it: the name does not say which part goes on, so a
    # split, but a close call: it could be read as Plan & Byg going on as Plan
    (sp,) = d.departments.split
    assert sp.evidence.ambiguous and sp.evidence.alternative is not None
    assert sp.evidence.alternative.fate is DeptFate.RENAMED
    assert [r.name for r in sp.evidence.alternative.after] == ["Plan"]
    one_sided = compare(before, org(dept("Plan", *units("P", 6)), dept("Trafik", *units("B", 4))))
    (p,) = one_sided.departments.renamed  # only one part carries the name
    assert p.evidence.rule is Rule.NAME_AND_LARGEST_SHARE and p.after.name == "Plan"
    even = compare(
        org(dept("Plan & Byg", *units("P", 5), *units("B", 5))),
        org(dept("Plan", *units("P", 5)), dept("Byg", *units("B", 5))),
    )
    assert events(even)["split"] == [("Plan & Byg", ("Byg", "Plan"))]
    clear = compare(
        org(dept("Plan & Byg", *units("P", 6), *units("B", 3))),
        org(dept("Plan & Byg", *units("P", 6)), dept("Byggeri", *units("B", 3))),
    )
    (kept,) = clear.departments.kept
    assert kept.evidence.rule is Rule.NAME_AND_MOST_UNITS and not kept.evidence.ambiguous
    assert moves(clear) == {(f"B {i}", "Plan & Byg", "Byggeri") for i in (1, 2, 3)}


def test_compare_switches_no_process_wide_state() -> None:
    import gc

    assert gc.isenabled()
    compare(org(dept("A", unit("x"))), org(dept("B", unit("x"))))
    assert gc.isenabled()


# Held-out rounds: rules the real cases of tests/corpus showed ------------------------------------


def test_a_department_divided_in_two_is_split_whatever_the_names_of_its_parts() -> None:
    """fr-ministeres-2017: 5 of Bercy's 10 units go to "Économie", 4 to a ministry under an
    unrelated name. The larger part does not clearly lead, so Bercy is divided, not continued
    with four units moved out."""
    before = org(
        dept("Économie et Finances", *units("Éco", 5), *units("Fin", 4), unit("Z")),
        dept("Fonction publique", *units("FP", 3)),
    )
    after = org(
        dept("Économie", *units("Éco", 5)),
        dept("Action et Comptes publics", *units("Fin", 4), *units("FP", 3)),
    )
    d = compare(before, after)
    e = events(d)
    assert e["split"] == [("Économie et Finances", ("Action et Comptes publics", "Économie"))]
    assert e["renamed"] == [] and not d.units.moved
    assert e["merged"] == [
        (("Fonction publique", "Économie et Finances"), "Action et Comptes publics")
    ] or e["merged"] == [
        (("Économie et Finances", "Fonction publique"), "Action et Comptes publics")
    ]


def test_a_department_whose_every_unit_was_renamed_a_little_still_finds_its_units() -> None:
    """fi-helsinki-2017: none of Kiinteistövirasto's units keeps its name, so it corresponds to
    no department; its units still find their similar names elsewhere and it joins the merge."""
    before = org(
        dept("Rakennusvirasto", *units("Katu", 4)),
        dept("Kiinteistövirasto", unit("Kaupunkimittausosasto"), unit("Asuntotuotanto")),
    )
    after = org(
        dept(
            "Kaupunkiympäristön toimiala",
            *units("Katu", 4),
            unit("Kaupunkimittauspalvelut"),
            unit("Asuntotuotannon palvelut"),
        ),
    )
    e = events(compare(before, after))
    assert e["merged"] == [
        (("Kiinteistövirasto", "Rakennusvirasto"), "Kaupunkiympäristön toimiala")
    ]
    assert e["removed"] == []

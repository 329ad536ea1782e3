"""orgdiff.summary: ended departments, department notes and the "what changes" sentences,
checked on the Albertslund models and as invariants on generated reorganisations."""

from __future__ import annotations

from hypothesis import given, settings

from orgdiff import Org, build, load
from orgdiff.changes import DeptFate
from orgdiff.diff import compare
from orgdiff.summary import continuing, dept_notes, ended, what_changes

from .conftest import ORGS
from .reorg import reorganisations

CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))


def test_model1_ends_both_merged_departments() -> None:
    gone = {g.dept.name: g for g in ended(compare(CUR, M1))}
    assert set(gone) == {"Børn & Familie", "Beskæftigelse, Borger & Ydelser"}
    bby = gone["Beskæftigelse, Borger & Ydelser"]
    assert bby.fate is DeptFate.MERGED and bby.chef_removed is not None
    assert [(s.dept.name, s.units) for s in bby.went] == [
        ("Børn, Familie & Beskæftigelse", 6),
        ("Økonomi & Stab", 1),
    ]


def test_model2_split_source_ends_and_the_merge_target_continues() -> None:
    d = compare(CUR, M2)
    assert [(g.dept.name, g.fate) for g in ended(d)] == [("Dagtilbud og Skole", DeptFate.SPLIT)]
    notes = dept_notes(d)
    bf = notes["bf"]
    assert [(s.dept.name, s.units) for s in bf.carried] == [("Dagtilbud og Skole", 16)]
    assert [(s.dept.name, s.units) for s in bf.gives] == [("Skole & Uddannelse", 1)]
    assert notes["aess"].changed and not notes["kf"].changed  # gives away only: changed
    assert notes["bb"].formerly == "Beskæftigelse, Borger & Ydelser"


def test_what_changes_in_both_languages() -> None:
    for lang in ("da", "en"):
        for after in (M1, M2):
            sentences = what_changes(compare(CUR, after), lang, CUR, after)
            assert 3 <= len(sentences) <= 6
            assert all(s.endswith(".") and s[0].isupper() or s[0].isdigit() for s in sentences)
    assert what_changes(compare(CUR, CUR), "en") == ("Nothing changes.",)
    en = what_changes(compare(CUR, M2), "en")
    assert (
        en[0]
        == "Dagtilbud og Skole is split: 16 units to Børn & Familie, 8 units to Skole & Uddannelse."
    )


@settings(max_examples=100, derandomize=True)
@given(reorganisations())
def test_every_department_continues_or_ends(case: tuple[Org, Org, object]) -> None:
    before, after, _ = case
    d = compare(before, after)
    cont = continuing(d)
    gone = {g.dept.id for g in ended(d)}
    ids = {r.id for r, _ in d.departments.fates_before}
    assert gone | set(cont) == ids and not gone & set(cont)
    for g in ended(d):
        flows = sum(f.units for f in d.departments.flows if f.before.id == g.dept.id)
        assert sum(s.units for s in g.went) == flows
    notes = dept_notes(d)
    assert set(notes) == {r.id for r, _ in d.departments.fates_after}
    assert 1 <= len(what_changes(d, "en")) <= 6

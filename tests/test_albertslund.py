"""What the memo (sags nr. 00.15.00-A00-4-26, 11 May 2026) says must hold of the bundled files."""

from __future__ import annotations

import pytest

from orgdiff import Org, build, load
from orgdiff.structure import Structure

from .conftest import ORGS


@pytest.fixture(scope="module")
def files() -> dict[str, Structure]:
    return {name: build(load(ORGS / f"{name}.yaml")) for name in ("current", "model1", "model2")}


def dept(s: Structure, name: str) -> int:
    matches = [d.index for d in s.depts if d.name == name]
    assert len(matches) == 1, f"{name!r} in {[d.name for d in s.depts]}"
    return matches[0]


def unit_names(s: Structure, dept_name: str) -> set[str]:
    i = dept(s, dept_name)
    return {u.name for u in s.units if u.dept == i}


def unit_dept(s: Structure, unit_id: str) -> str:
    (u,) = [u for u in s.units if u.id == unit_id]
    return s.depts[u.dept].name


def test_every_file_cites_the_memo(files: dict[str, Structure]) -> None:
    for s in files.values():
        assert s.org.organisation == "Albertslund Kommune"
        assert s.org.source is not None and "00.15.00-A00-4-26" in s.org.source
        assert s.org.date is not None and s.org.date.isoformat() == "2026-05-11"
        assert s.org.chef_post_cost == 1_200_000


def test_current_has_seven_departments_each_with_a_chef(files: dict[str, Structure]) -> None:
    s = files["current"]
    assert [d.name for d in s.depts] == [
        "Økonomi & Stab",
        "Børn & Familie",
        "Beskæftigelse, Borger & Ydelser",
        "Dagtilbud og Skole",
        "Ældre, Sundhed og Social",
        "Miljø & Teknik",
        "Kultur & Fritid",
    ]
    assert all(d.chef is not None for d in s.depts)
    assert "Erhverv" in unit_names(s, "Beskæftigelse, Borger & Ydelser")
    aess = unit_names(s, "Ældre, Sundhed og Social")
    for name in (
        "Myndighedsenheden",
        "Rusmiddelområdet",
        "Bostøtten",
        "Ungeboligerne",
        "DKE – Den Kriminalpræventive Enhed",
    ):
        assert name in aess
    assert s.org.baseline


def test_model1_merges_and_moves_erhverv(files: dict[str, Structure]) -> None:
    cur, m1 = files["current"], files["model1"]
    assert len(m1.depts) == 6 and all(d.chef is not None for d in m1.depts)
    (merged,) = [d for d in m1.depts if set(d.formerly) == {"bf", "bby"}]
    merged_units = unit_names(m1, merged.name)
    expected = unit_names(cur, "Børn & Familie") | unit_names(
        cur, "Beskæftigelse, Borger & Ydelser"
    )
    assert merged_units == expected - {"Erhverv"}
    assert unit_dept(m1, "erhverv") == "Økonomi & Stab"


def test_model1_adds_a_leader_layer_over_daycare(files: dict[str, Structure]) -> None:
    cur, m1 = files["current"], files["model1"]
    (layer,) = [u for u in m1.units if u.id == "dagtilbudsomraadet"]
    assert m1.depts[layer.dept].name == "Dagtilbud og Skole"
    assert layer.parent is None and layer.leader is not None and layer.leader.cost
    under_layer = {u.id for u in m1.units if u.parent == layer.index}
    daycare = {
        u.id
        for u in cur.units
        if u.leader and u.leader.title in ("Dagtilbudsleder", "Dagplejeleder")
    }
    assert under_layer == daycare and len(daycare) == 16


def test_model1_leaves_other_departments_as_today(files: dict[str, Structure]) -> None:
    cur, m1 = files["current"], files["model1"]
    for name in ("Ældre, Sundhed og Social", "Miljø & Teknik", "Kultur & Fritid"):
        assert unit_names(m1, name) == unit_names(cur, name)
    assert unit_names(m1, "Økonomi & Stab") == unit_names(cur, "Økonomi & Stab") | {"Erhverv"}


def test_model2_new_task_split(files: dict[str, Structure]) -> None:
    m2 = files["model2"]
    assert len(m2.depts) == 7 and all(d.chef is not None for d in m2.depts)
    bf = unit_names(m2, "Børn & Familie")
    assert {"Dagplejen", "Sundhedsplejen", "Tandplejen", "Familieafsnittet"} <= bf
    su = unit_names(m2, "Skole & Uddannelse")
    assert {"Egelundskolen", "Uddannelsesvejledningen"} <= su
    assert unit_dept(m2, "praksisfaellesskaber") == "Skole & Uddannelse"
    assert unit_dept(m2, "myndighed") == "Ældre, Sundhed og Social"
    for moved in ("rusmiddel", "bostoetten", "ungeboligerne", "dke"):
        assert unit_dept(m2, moved) == "Beskæftigelse & Borger"
    assert unit_dept(m2, "erhverv") == "Økonomi & Stab"


def test_unit_ids_are_the_same_unit_in_every_file(files: dict[str, Structure]) -> None:
    names: dict[str, str] = {}
    for s in files.values():
        for u in s.units:
            assert u.explicit_id
            assert names.setdefault(u.id, u.name) == u.name, u.id


def test_guesses_are_marked_in_comments() -> None:
    for name in ("current", "model1", "model2"):
        text = (ORGS / f"{name}.yaml").read_text()
        assert text.count("GUESS") >= 4
    assert "Uddannelsesvejledningen" in (ORGS / "current.yaml").read_text().split("GUESS: where")[1]


def test_files_are_models(files: dict[str, Structure]) -> None:
    assert all(isinstance(s.org, Org) for s in files.values())

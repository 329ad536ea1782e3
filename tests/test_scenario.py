"""Scenario files: the Albertslund models as scenarios, apply, the edit script, bad scenarios.

Each ``tests/invalid_scenarios/NAME.scenario.yaml`` has its exact expected stderr in
``NAME.err``. Regenerate on purpose with ``make golden`` and review the diff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from orgdiff import load
from orgdiff.diff import compare
from orgdiff.source import load_any

from .conftest import ORGS, ROOT, golden_refusal, run_cli

INVALID = ROOT / "tests" / "invalid_scenarios"
CASES = sorted(p.name.removesuffix(".scenario.yaml") for p in INVALID.glob("*.scenario.yaml"))


@pytest.mark.parametrize("name", ["model1", "model2"])
def test_albertslund_scenario_gives_the_model_file(name: str) -> None:
    assert load_any(ORGS / f"{name}.scenario.yaml").org == load(ORGS / f"{name}.yaml")


@pytest.mark.parametrize("name", ["model1", "model2"])
def test_apply_writes_the_full_structure(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.yaml"
    result = run_cli("apply", ORGS / f"{name}.scenario.yaml", "-o", out)
    assert result.code == 0, result.err
    assert load(out) == load(ORGS / f"{name}.yaml")
    stdout = run_cli("apply", ORGS / f"{name}.scenario.yaml")
    assert stdout.out == out.read_text(encoding="utf-8")


def test_compare_show_validate_take_scenarios() -> None:
    full = run_cli("compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-f", "json")
    scen = run_cli("compare", ORGS / "current.yaml", ORGS / "model1.scenario.yaml", "-f", "json")
    assert scen.code == 0 and scen.out == full.out
    shown = run_cli("show", ORGS / "model2.scenario.yaml")
    assert shown.code == 0 and shown.out == run_cli("show", ORGS / "model2.yaml").out
    valid = run_cli("validate", ORGS / "model1.scenario.yaml", ORGS / "model2.scenario.yaml")
    assert valid.code == 0 and valid.out.count(": OK (") == 2


def test_scenario_from_git_revision() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout")  # pragma: no cover
    spec = "HEAD:orgs/albertslund/model1.scenario.yaml"
    probe = run_cli("validate", spec)
    if "does not exist in" in probe.err:
        pytest.skip("model1.scenario.yaml is not committed yet")  # pragma: no cover
    assert probe.code == 0, probe.err


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (a, b)
        for a in ("current", "model1", "model2")
        for b in ("current", "model1", "model2")
        if a != b
    ],
)
def test_edit_script_applies_to_after_exactly(before: str, after: str, tmp_path: Path) -> None:
    out = tmp_path / "edit.scenario.yaml"
    shutil.copy(ORGS / f"{before}.yaml", tmp_path / f"{before}.yaml")
    result = run_cli(
        "compare", tmp_path / f"{before}.yaml", ORGS / f"{after}.yaml", "-f", "scenario", "-o", out
    )
    assert result.code == 0, result.err
    assert yaml.safe_load(out.read_text())["base"] == f"{before}.yaml"
    assert load_any(out).org == load(ORGS / f"{after}.yaml")


def test_edit_script_for_model1_is_the_memo_short() -> None:
    result = run_cli("compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-f", "scenario")
    changes = yaml.safe_load(result.out)["changes"]
    assert [next(iter(c)) for c in changes] == ["merge", "move", "add_unit"]
    assert changes[0]["merge"] == ["Børn & Familie", "Beskæftigelse, Borger & Ydelser"]
    assert len(changes[2]["over"]) == 16


def test_edit_script_needs_one_after() -> None:
    r = run_cli(
        "compare",
        ORGS / "current.yaml",
        ORGS / "model1.yaml",
        ORGS / "model2.yaml",
        "-f",
        "scenario",
    )
    assert r.code == 2 and "exactly one AFTER" in r.err


def test_scenario_schema_matches_the_shipped_file_and_accepts_the_scenarios() -> None:
    result = run_cli("schema", "--scenario")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema == json.loads((ROOT / "schema" / "orgdiff-scenario.schema.json").read_text())
    for name in ("model1", "model2"):
        jsonschema.validate(yaml.safe_load((ORGS / f"{name}.scenario.yaml").read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"base": "x.yaml", "model": "m", "changes": [{"mvoe": "A"}]}, schema)


def test_render_all_draws_each_model_once_and_catches_drift(tmp_path: Path) -> None:
    out = tmp_path / "charts"
    result = run_cli("render", "--all", ORGS, "-o", out, "-f", "dot")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (out).rglob("*.dot"))
    assert (
        names
        == sorted(f"{m}{kind}.dot" for m in ("model1", "model2") for kind in ("", ".diff", ".flow"))
        + ["current.dot"]
        or names
    )
    assert not any("scenario" in n for n in names)
    folder = tmp_path / "orgs"
    shutil.copytree(ORGS, folder)
    text = (folder / "model1.scenario.yaml").read_text().replace("id: bfb", "id: bfb2")
    (folder / "model1.scenario.yaml").write_text(text)
    (folder / "model3.scenario.yaml").write_text(
        "base: current.yaml\nmodel: Model 3\nchanges:\n  - move: Erhverv\n    to: Økonomi & Stab\n"
    )
    drift = run_cli("render", "--all", folder, "-o", tmp_path / "c2", "-f", "dot")
    assert drift.code == 2
    assert "model1.scenario.yaml: gives a different structure from model1.yaml" in drift.err
    assert (tmp_path / "c2" / "model3.diff.dot").exists()


def test_every_invalid_case_has_expected_output() -> None:
    assert len(CASES) >= 12
    for name in CASES:
        assert (INVALID / f"{name}.err").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_invalid_scenario_message_and_exit_code(name: str) -> None:
    result = golden_refusal(INVALID, f"{name}.scenario.yaml", name)
    for line in result.err.splitlines():
        assert (
            line.split(":")[0].endswith(".yaml")
            and line.split(":")[1].isdigit()
            or (": no such file" in line)
        )


def test_the_issue_example_message() -> None:
    err = (INVALID / "unknown_name.err").read_text()
    assert err == (
        "unknown_name.scenario.yaml:4:5: changes[0].move: no unit 'Erhverv' in base.yaml "
        "(renamed to 'Erhverv & Turisme' there?)\n"
    )


def test_an_operation_by_id_still_applies_after_a_rename(tmp_path: Path) -> None:
    base = (INVALID / "base.yaml").read_text()
    (tmp_path / "base.yaml").write_text(base.replace("Erhverv & Turisme", "Erhverv"))
    (tmp_path / "m.scenario.yaml").write_text(
        "base: base.yaml\nmodel: M\nchanges:\n  - move: erhverv\n    to: Økonomi & Stab\n"
    )
    moved = load_any(tmp_path / "m.scenario.yaml")
    (tmp_path / "base.yaml").write_text(base)  # renamed in the base: the id still finds it
    again = load_any(tmp_path / "m.scenario.yaml")
    assert [u.name for u in again.org.departments[0].units][-1] == "Erhverv & Turisme"
    assert [u.name for u in moved.org.departments[0].units][-1] == "Erhverv"
    d = compare(load(tmp_path / "base.yaml"), again.org)
    assert [m.after.name for m in d.units.moved] == ["Erhverv & Turisme"]


def test_edit_script_back_from_model1_undoes_the_memo_in_three_operations() -> None:
    result = run_cli("compare", ORGS / "model1.yaml", ORGS / "current.yaml", "-f", "scenario")
    changes = yaml.safe_load(result.out)["changes"]
    assert [next(iter(c)) for c in changes] == ["split", "remove_unit", "move"]
    assert changes[1] == {"remove_unit": "Dagtilbudsområdet", "keep_units": True}


def test_a_leader_layer_goes_where_the_first_unit_it_takes_was(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text((INVALID / "base.yaml").read_text())
    (tmp_path / "m.scenario.yaml").write_text(
        "base: base.yaml\nmodel: M\nchanges:\n"
        "  - add_unit: {name: Lag}\n    over: [Jobcenter, IT]\n"
    )
    org = load_any(tmp_path / "m.scenario.yaml").org
    job = org.departments[1]
    assert [u.name for u in job.units] == ["Erhverv & Turisme", "Lag"]
    assert [u.name for u in job.units[1].units] == ["Jobcenter", "IT"]
    assert org.departments[0].units == ()

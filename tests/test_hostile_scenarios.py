"""A scenario's ``base:`` as an attacker writes it.

A scenario came from someone else (a pull request, an e-mail). Its base used to be read from
anywhere — ``/etc/passwd``, ``../../../.git-credentials``, a link to a file outside — and when
that was not an org file, its first line was quoted back in the error (into a CI log:
``not text 'root:x:0:0:root:/root:/bin/bash ...'``). Now a base is read only below the
scenario's folder, the top of the git work tree around it, or the working folder; anything
else is one message at the scenario's ``base`` line, and nothing of the file is read.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import ORGS, run_cli

SECRET = "TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/outside/secret.env (not ours) and tmp/work/orgs/current.yaml (ours)."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.env").write_text(SECRET)
    orgs = tmp_path / "work" / "orgs"
    orgs.mkdir(parents=True)
    shutil.copy(ORGS / "current.yaml", orgs / "current.yaml")
    return tmp_path


def scenario(folder: Path, base: str) -> Path:
    f = folder / "m.scenario.yaml"
    f.write_text(f"model: M\nbase: {base!r}\nchanges: []\n", encoding="utf-8")
    return f


@pytest.mark.parametrize(
    "base",
    ["../../outside/secret.env", "{tmp}/outside/secret.env", "/etc/passwd", "/proc/self/environ"],
)
@pytest.mark.parametrize("command", ["apply", "validate", "show", "compare"])
def test_a_base_outside_is_not_read(tree: Path, base: str, command: str) -> None:
    orgs = tree / "work" / "orgs"
    sc = scenario(orgs, base.format(tmp=tree))
    args: list[str | Path] = [command, sc.name]
    if command == "compare":
        args = [command, "current.yaml", sc.name]
    result = run_cli(*args, cwd=orgs)
    assert result.code == 2 and "Traceback" not in result.err
    assert "TOKEN" not in result.err + result.out and "root:" not in result.err + result.out
    assert result.err.startswith(f"m.scenario.yaml:2:1: base: '{base.format(tmp=tree)}' is ")
    assert "is outside the scenario's folder, its git work tree and the working folder" in (
        result.err
    )


def test_a_link_out_of_the_folder_is_not_followed(tree: Path) -> None:
    orgs = tree / "work" / "orgs"
    os.symlink(tree / "outside" / "secret.env", orgs / "base.yaml")
    result = run_cli("apply", scenario(orgs, "base.yaml").name, cwd=orgs)
    assert result.code == 2 and "TOKEN" not in result.err
    assert "is outside the scenario's folder" in result.err


def test_bases_where_they_belong_still_load(tree: Path) -> None:
    work, orgs = tree / "work", tree / "work" / "orgs"
    # the same folder
    assert run_cli("apply", scenario(orgs, "current.yaml").name, cwd=orgs).code == 0
    # a sibling folder, from the working folder above both
    models = work / "models"
    models.mkdir()
    sc = scenario(models, "../orgs/current.yaml")
    assert run_cli("apply", "models/m.scenario.yaml", cwd=work).code == 0
    # ... and from inside models/ only when both are in one git work tree
    assert run_cli("apply", sc.name, cwd=models).code == 2
    (work / ".git").mkdir()
    result = run_cli("apply", sc.name, cwd=models)
    assert result.code == 0, result.err


def test_an_edit_script_written_elsewhere_still_applies(tree: Path) -> None:
    work = tree / "work"
    out = work / "scenarios" / "m1.scenario.yaml"
    result = run_cli(
        "compare", "orgs/current.yaml", ORGS / "model1.yaml", "-f", "scenario", "-o", out, cwd=work
    )
    assert result.code == 0, result.err
    assert "base: ../orgs/current.yaml" in out.read_text(encoding="utf-8")
    assert run_cli("apply", out, cwd=work).code == 0


def deep_scenario(folder: Path, levels: int) -> Path:
    """A scenario that adds ``levels`` units, each under the one before."""
    shutil.copy(ORGS / "current.yaml", folder / "current.yaml")
    text = "base: current.yaml\nmodel: Deep\nchanges:\n"
    path = "Økonomi & Stab / IT & Digitalisering"
    for i in range(levels):
        text += f"  - add_unit: {{name: L{i}}}\n    under: {path}\n"
        path += f" / L{i}"
    (folder / "deep.scenario.yaml").write_text(text, encoding="utf-8")
    return folder / "deep.scenario.yaml"


def test_a_scenario_nesting_units_too_deep_is_refused_everywhere(tmp_path: Path) -> None:
    """validate said OK while apply failed at a line of the output file it never wrote."""
    deep_scenario(tmp_path, 60)
    expected = (
        "deep.scenario.yaml:3:1: changes: the model breaks a rule: 'L49': units nested more "
        "than 50 levels deep (raise the limit with --max-depth)\n"
    )
    for args in (["validate"], ["show"], ["apply"], ["apply", "-o", "out.yaml"]):
        result = run_cli(*args, "deep.scenario.yaml", cwd=tmp_path)
        assert (result.code, result.err) == (2, expected), args
    assert not (tmp_path / "out.yaml").exists()
    raised = run_cli("apply", "deep.scenario.yaml", "--max-depth", "100", cwd=tmp_path)
    assert raised.code == 0, raised.err
    assert "name: L59" in raised.out

"""orgdiff.toml and [tool.orgdiff] as an attacker writes them.

Every bad setting is one ``FILE:LINE:COL: setting: message`` with exit code 2 — never a
traceback from a table where a value was expected, a threshold the engine refuses, a chart
depth of the wrong type, TOML nested thousands deep, a file of gigabytes; and a settings file in
a parent folder that another user owns (``/tmp/orgdiff.toml``) is not taken, since settings
change results (costs, thresholds).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from orgdiff import config, model

from .conftest import ORGS, run_cli

CURRENT = ORGS / "current.yaml"
MODEL1 = ORGS / "model1.yaml"

BAD = [
    ("[import]\ncolumns = 5\n", "orgdiff.toml:2:1: import.columns: must be a table"),
    ("import = 'x'\n", "orgdiff.toml:1:1: import: must be a table"),
    ("[import]\ncolums = {id = 'x'}\n", "orgdiff.toml:2:1: import.colums: unknown setting"),
    ("[charts]\ndepth = 'x'\n", "orgdiff.toml:2:1: charts.depth: must be a whole number"),
    ("[charts]\ndepth = 0\n", "orgdiff.toml:2:1: charts.depth: must be 1 or more, got 0"),
    ("[charts]\ndepth = 1e308\n", "orgdiff.toml:2:1: charts.depth: must be a whole number"),
    ("[charts]\nweight = 'foo'\n", 'orgdiff.toml:2:1: charts.weight: must be "units" or'),
    ("[charts]\nchanged_only = 'no'\n", "orgdiff.toml:2:1: charts.changed_only: must be true"),
    ("[charts]\ncolour = 1\n", "orgdiff.toml:2:1: charts.colour: unknown setting"),
    ("[inference]\nmajority = 2\n", "orgdiff.toml:2:1: inference.majority: must be a number"),
    ("[inference]\nmajority = nan\n", "orgdiff.toml:2:1: inference.majority: must be a number"),
    ("[inference]\nlead = -inf\n", "orgdiff.toml:2:1: inference.lead: must be a number from"),
    ("chef_post_cost = nan\n", "orgdiff.toml:1:1: chef_post_cost: must be a number from 0"),
    ("chef_post_cost = 1e308\n", "orgdiff.toml:1:1: chef_post_cost: must be a number from 0"),
    ("x = " + "[" * 3000 + "]" * 3000 + "\n", "orgdiff.toml: not valid TOML: arrays or tables"),
    ("lang = \n", "orgdiff.toml: not valid TOML: Invalid value"),
    ("\x00\x01", "orgdiff.toml:1:1: not valid TOML: Invalid statement"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(": ", 1)[1][:40] for _, m in BAD])
@pytest.mark.parametrize("command", ["compare", "chart", "render"])
def test_a_bad_setting_is_one_message_with_its_line(
    tmp_path: Path, text: str, message: str, command: str
) -> None:
    (tmp_path / "orgdiff.toml").write_text(text, encoding="utf-8")
    args: list[str | Path] = {
        "compare": ["compare", CURRENT, MODEL1],
        "chart": ["compare", CURRENT, MODEL1, "--chart", tmp_path / "c.dot"],
        "render": ["render", CURRENT, "-f", "dot", "-o", tmp_path / "out"],
    }[command]
    result = run_cli(*args, cwd=tmp_path)
    assert "Traceback" not in result.err
    assert result.code == 2, result.err
    assert result.err.startswith(str(tmp_path / message.split(":")[0])), result.err
    assert message.split(":", 1)[1].lstrip(":") in result.err.split("orgdiff.toml", 1)[1]
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    "text", ["tool = 'x'\n# [tool.orgdiff]\n", "[tool]\norgdiff = 5\n# [tool.orgdiff]\n"]
)
def test_a_tool_orgdiff_that_is_not_a_table(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    result = run_cli("show", CURRENT, cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith(f"{tmp_path / 'pyproject.toml'}:")
    assert "tool.orgdiff: must be a table" in result.err


def test_a_huge_settings_file_is_not_read_whole(tmp_path: Path) -> None:
    with open(tmp_path / "orgdiff.toml", "wb") as f:
        f.write(b"# " + b"x" * (config.MAX_CONFIG_BYTES + 10) + b"\n")
    result = run_cli("show", CURRENT, cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert "over the limit of 1,048,576 bytes" in result.err


def test_the_cost_limit_is_the_models() -> None:
    assert config.MAX_COST == model.MAX_COST


def test_good_settings_still_apply(tmp_path: Path) -> None:
    (tmp_path / "orgdiff.toml").write_text(
        '[charts]\ndepth = 1\nweight = "fte"\nchanged_only = true\n[inference]\nmajority = 0.6\n'
    )
    result = run_cli("compare", CURRENT, MODEL1, "--chart", tmp_path / "c.dot", cwd=tmp_path)
    assert result.code == 0, result.err


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0,
    reason="giving a file to another user needs root (the suite runs as root in CI)",
)
def test_settings_owned_by_another_user_are_not_taken(tmp_path: Path) -> None:
    """A shared parent folder (think /tmp) where someone else put an orgdiff.toml."""
    shared = tmp_path / "shared"
    mine = shared / "mine"
    mine.mkdir(parents=True)
    for src in (CURRENT, MODEL1):  # without their own lang:
        text = src.read_text(encoding="utf-8").replace("\nlang: da\n", "\n")
        (mine / src.name).write_text(text, encoding="utf-8")
    planted = shared / "orgdiff.toml"
    planted.write_text('lang = "da"\nchef_post_cost = 999999999\n')
    os.chown(planted, 4242, 4242)
    result = run_cli("compare", "current.yaml", "model1.yaml", cwd=mine)
    assert result.code == 0
    assert "departments" in result.out  # English: the planted lang = "da" was not taken
    assert result.err == f"{planted}: not used: owned by another user (uid 4242); orgdiff " + (
        "takes settings only from your own files or root's\n"
    )
    os.chown(mine, 4242, 4242)  # the working folder's own file is taken, whoever owns it
    (mine / "orgdiff.toml").write_text('lang = "da"\n')
    os.chown(mine / "orgdiff.toml", 4242, 4242)
    result = run_cli("compare", "current.yaml", "model1.yaml", cwd=mine)
    assert "afdelinger" in result.out and result.err == ""
    (mine / "orgdiff.toml").unlink()
    os.chown(planted, 0, 0)  # the same file, the user's own: taken
    result = run_cli("compare", "current.yaml", "model1.yaml", cwd=mine)
    assert "afdelinger" in result.out and result.err == ""
    shutil.rmtree(shared)

"""The CI examples in examples/ run the same orgdiff commands this test runs."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import yaml

from .conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"


def _orgdiff_lines(script: str) -> list[list[str]]:
    return [
        shlex.split(line)[1:] for line in script.splitlines() if line.strip().startswith("orgdiff ")
    ]


def _workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "orgs", tmp_path / "orgs")
    return tmp_path


def test_github_workflow_commands_run(tmp_path: Path) -> None:
    flow = yaml.safe_load((EXAMPLES / "github-actions-charts.yml").read_text())
    steps = flow["jobs"]["charts"]["steps"]
    commands = [c for step in steps if "run" in step for c in _orgdiff_lines(step["run"])]
    assert len(commands) >= 3
    work = _workspace(tmp_path)
    for args in commands:
        result = run_cli(*args, cwd=work)
        assert result.code == 0, (args, result.err)
    assert (work / "charts/albertslund/model1.diff.svg").exists()
    assert (work / "charts/albertslund/model2.flow.png").exists()
    assert (work / "charts/albertslund/report.md").read_text().startswith("## Albertslund")
    assert "git add charts" in str(steps)


def test_pre_commit_hooks_run(tmp_path: Path) -> None:
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text())
    hooks = config["repos"][0]["hooks"]
    work = _workspace(tmp_path)
    org_files = sorted(str(p.relative_to(work)) for p in (work / "orgs").rglob("*.yaml"))
    for hook in hooks:
        args = shlex.split(hook["entry"])[1:]
        if hook.get("pass_filenames", True):
            args += org_files
        result = run_cli(*args, cwd=work)
        assert result.code == 0, (hook["id"], result.err)
    assert (work / "charts/albertslund/current.svg").exists()

"""The CI files (`orgdiff init --ci`, examples/, .pre-commit-hooks.yaml) run for real."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
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


def _shim(tmp_path: Path) -> dict[str, str]:
    """A PATH on which `orgdiff` is this checkout's, as `pip install` gives it in CI."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "orgdiff"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m orgdiff "$@"\n')
    shim.chmod(0o755)
    return {"PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


def _git_install(source: str, target: Path) -> None:
    """``pip install`` for real (orgdiff alone, into ``target``), as CI's install step does."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            source,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr


def _installed(target: Path) -> dict[str, str]:
    """An environment in which `python -m orgdiff` is the orgdiff installed in ``target``."""
    return {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}


def test_init_ci_writes_a_workflow_that_installs_this_same_orgdiff(tmp_path: Path) -> None:
    """Install orgdiff from a git repository at a commit, let it write the CI files, run the
    workflow's own install line (it installs the same commit) and its steps."""
    repo = tmp_path / "orgdiff-repo"
    repo.mkdir()
    for part in ("orgdiff", "pyproject.toml", "README.md"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, repo / part)  # type: ignore[operator]
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "orgdiff"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    url = repo.as_uri()
    first = tmp_path / "first"
    _git_install(f"orgdiff @ git+{url}@{commit}", first)

    work = _workspace(tmp_path / "org-repo")
    proc = subprocess.run(
        [sys.executable, "-c", "import orgdiff.cli as c; print(c.__file__); c.main()", "init"]
        + ["--ci"],
        cwd=work,
        env=_installed(first),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(str(first))  # the installed orgdiff wrote them
    flow_text = (work / ".github/workflows/orgdiff-charts.yml").read_text()
    flow = yaml.safe_load(flow_text)
    assert flow["env"]["ORGDIFF_PIN"] == f"orgdiff @ git+{url}@{commit}"
    hooks = yaml.safe_load((work / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["repo"] == url and hooks["repos"][0]["rev"] == commit
    assert {h["id"] for h in hooks["repos"][0]["hooks"]} == {"orgdiff-validate", "orgdiff-charts"}

    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers["workflow_call"]["inputs"]) == {"orgs", "charts", "orgdiff"}
    assert "concurrency" in flow and flow["concurrency"]["group"]
    steps = flow["jobs"]["charts"]["steps"]
    assert all(re.search(r"@v\d+$", step["uses"]) for step in steps if "uses" in step)

    # the workflow's install line, as written, with pip told (by its own PIP_* settings) to
    # put orgdiff alone in a folder of ours: it installs the same commit
    install = next(step["run"] for step in steps if "pip install" in step.get("run", ""))
    line = next(x for x in install.splitlines() if "pip install" in x).strip()
    assert line == 'python -m pip install "${ORGDIFF:-$ORGDIFF_PIN}"'
    second = tmp_path / "second"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, command in (("python", ""), ("orgdiff", " -m orgdiff")):
        shim = bin_dir / name  # `python` and `orgdiff` as CI's setup-python and pip give them
        shim.write_text(f'#!/bin/sh\nexec {sys.executable}{command} "$@"\n')
        shim.chmod(0o755)
    env = {
        **os.environ,
        **{k: str(v) for k, v in flow["env"].items() if k == "ORGDIFF_PIN"},
        "ORGDIFF": "",  # no input given
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PIP_TARGET": str(second),
        "PIP_NO_DEPS": "1",
        "PIP_QUIET": "1",
    }
    proc = subprocess.run(["bash", "-e", "-c", line], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (record,) = second.glob("orgdiff-*.dist-info/direct_url.json")
    assert f'"commit_id": "{commit}"' in record.read_text()

    # and its steps run with that orgdiff
    (script,) = [step["run"] for step in steps if "orgdiff validate" in step.get("run", "")]
    env = {**_installed(second), "PATH": env["PATH"], "ORGS": "orgs", "CHARTS": "charts"}
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert (work / "charts/albertslund/model1.diff.svg").exists()
    assert (work / "charts/albertslund/model2.flow.png").exists()
    assert (work / "charts/albertslund/report.md").read_text().startswith("## Albertslund")
    assert 'git add "$CHARTS"' in flow_text


def test_init_ci_needs_a_requirement_ci_can_install(tmp_path: Path) -> None:
    # this checkout runs from a local folder (an editable install or the source tree)
    result = run_cli("init", "--ci", cwd=tmp_path)
    assert result.code == 2 and "give --orgdiff REQUIREMENT" in result.err
    assert not (tmp_path / ".github").exists()
    for bad in ('orgdiff"; rm -rf ~', "orgdiff==1 $(id)", "other==1.0", "orgdiff @ x\ny"):
        result = run_cli("init", "--ci", "--orgdiff", bad, cwd=tmp_path)
        assert result.code == 2 and "give a pip requirement for orgdiff" in result.err
    result = run_cli("init", "--ci", "--orgdiff", "orgdiff==0.1.0", cwd=tmp_path)
    assert result.code == 0, result.err
    flow = yaml.safe_load((tmp_path / ".github/workflows/orgdiff-charts.yml").read_text())
    assert flow["env"]["ORGDIFF_PIN"] == "orgdiff==0.1.0"
    assert not (tmp_path / ".pre-commit-config.yaml").exists()  # no git commit to point at


def test_charts_are_the_same_bytes_on_every_machine(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for out in (one, two):
        assert run_cli("render", ROOT / "orgs/albertslund/current.yaml", "-o", out).code == 0
    svg = (one / "current.svg").read_bytes()
    assert b"Generated by graphviz" not in svg and b"graphviz version" not in svg
    assert svg == (two / "current.svg").read_bytes()


def test_pre_commit_hooks_for_other_repositories(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"orgdiff-validate", "orgdiff-charts"}
    work = _workspace(tmp_path)
    files = sorted(str(p.relative_to(work)) for p in (work / "orgs").rglob("*.yaml"))
    for hook in hooks:
        assert hook["language"] == "python"  # pre-commit installs orgdiff from the repo itself
        args = shlex.split(hook["entry"])[1:] + hook.get("args", [])
        if hook.get("pass_filenames", True):
            args += [f for f in files if re.search(hook["files"], f)]
        result = run_cli(*args, cwd=work)
        assert result.code == 0, (hook["id"], result.err)
    assert (work / "charts/albertslund/current.svg").exists()


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


def test_init_ci_with_a_file_in_the_way_says_so(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("not a folder")
    result = run_cli("init", "--ci", "--orgdiff", "orgdiff==0.1.0", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines()[-1] == ".github/workflows: cannot write: Not a directory"
    assert (tmp_path / ".github").read_text() == "not a folder"

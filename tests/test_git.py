"""Org files in git: REV:path arguments, and orgdiff as git's diff driver."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ORGS, run_cli

ORGDIFF = f"{sys.executable} -m orgdiff"


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        [
            "git",
            "-c",
            "user.name=orgdiff test",
            "-c",
            "user.email=test@orgdiff.invalid",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(repo),
            "GIT_PAGER": "cat",
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "LANG": "C.UTF-8",
        },
    )
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    assert shutil.which("git"), "git is needed for these tests"
    (tmp_path / "orgs").mkdir()
    git(tmp_path, "init", "-q")
    shutil.copy(ORGS / "current.yaml", tmp_path / "orgs" / "org.yaml")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "today")
    shutil.copy(ORGS / "model1.yaml", tmp_path / "orgs" / "org.yaml")
    return tmp_path


def test_compare_reads_a_git_revision(repo: Path) -> None:
    result = run_cli("compare", "HEAD:orgs/org.yaml", "orgs/org.yaml", "--lang", "en", cwd=repo)
    assert result.code == 0, result.err
    assert "7 → 6 departments · 1 merge" in " ".join(result.out.split())
    bad = run_cli("compare", "HEAD~5:orgs/org.yaml", "orgs/org.yaml", cwd=repo)
    assert bad.code == 2
    assert bad.err.startswith("HEAD~5:orgs/org.yaml: git show: ")


def test_git_diff_shows_orgdiffs_report(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.yaml diff=orgdiff\n")
    git(repo, "config", "diff.orgdiff.command", f"{ORGDIFF} git-diff")
    out = git(repo, "diff")
    assert out.startswith("orgdiff orgs/org.yaml\n")
    assert "7 → 6 afdelinger · 1 sammenlægning · 1 enhed flyttet" in " ".join(out.split())
    git(repo, "commit", "-qam", "model 1")
    log = git(repo, "log", "-p", "--ext-diff", "-1")
    assert "→ Erhverv: Beskæftigelse, Borger & Ydelser → Økonomi & Stab" in log


def test_git_diff_textconv_shows_the_tree(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.yaml diff=orgdiff\n")
    git(repo, "config", "diff.orgdiff.textconv", f"{ORGDIFF} textconv")
    out = git(repo, "diff")
    assert "-Børn & Familie · chef: Chef for Børn & Familie" in out
    assert "+Børn, Familie & Beskæftigelse · chef: Chef for Børn, Familie & Beskæftigelse" in out
    # a moved unit is one changed line: its path
    assert "-Beskæftigelse, Borger & Ydelser / Erhverv · Erhvervschef · 4 årsværk" in out
    assert "+Økonomi & Stab / Erhverv · Erhvervschef · 4 årsværk" in out
    assert not any(c in out for c in "├└│")  # no box drawing
    (repo / "orgs" / "org.yaml").write_text("organisation: [broken\n")
    assert "+organisation: [broken" in git(repo, "diff")  # still a diff, never an error


def test_git_diff_driver_on_added_and_broken_files(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.yaml diff=orgdiff\n")
    git(repo, "config", "diff.orgdiff.command", f"{ORGDIFF} git-diff")
    shutil.copy(ORGS / "model2.yaml", repo / "orgs" / "new.yaml")
    git(repo, "add", "-N", "orgs/new.yaml")
    assert "orgdiff orgs/new.yaml\nnew file" in git(repo, "diff")
    (repo / "orgs" / "org.yaml").write_text("organisation: A\n")
    out = git(repo, "diff", "orgs/org.yaml")
    assert "b/orgs/org.yaml:1:1: model: required field is missing" in out
    (repo / "orgs" / "org.yaml").write_text('organisation: A\nmodel: m\n"\\e[31mx": 1\n')
    out = git(repo, "diff", "orgs/org.yaml")
    assert "unknown field `\\u001b[31mx`" in out and "\x1b[31m" not in out


def test_git_log_p_calls_textconv_once_per_file_and_revision(repo: Path) -> None:
    calls = repo.parent / "calls.log"
    script = repo.parent / "textconv.sh"
    script.write_text(f'#!/bin/sh\necho "$1" >> {calls}\nexec {ORGDIFF} textconv "$1"\n')
    script.chmod(0o755)
    (repo / ".gitattributes").write_text("*.yaml diff=orgdiff\n")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qam", "model 1")  # the fixture left model 1 in the work tree
    shutil.copy(ORGS / "model2.yaml", repo / "orgs" / "org.yaml")
    git(repo, "commit", "-qam", "model 2")
    git(repo, "config", "diff.orgdiff.textconv", str(script))
    git(repo, "config", "diff.orgdiff.cachetextconv", "true")  # as the README says
    first = git(repo, "log", "-p", "--", "orgs/org.yaml")
    assert "+Økonomi & Stab / Erhverv · Erhvervschef · 4 årsværk" in first
    blobs = {
        git(repo, "rev-parse", f"{rev}:orgs/org.yaml").strip()
        for rev in ("HEAD", "HEAD~1", "HEAD~2")
    }
    assert len(calls.read_text().splitlines()) == len(blobs)  # once per file and revision
    git(repo, "log", "-p", "--", "orgs/org.yaml")
    assert len(calls.read_text().splitlines()) == len(blobs)  # cached: not again

"""``REV:path`` cannot smuggle options into git: a revision starting with ``-`` is refused."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from orgdiff.errors import InputError
from orgdiff.gitsource import git_blob

from .conftest import ORGS, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    shutil.copy(ORGS / "current.yaml", tmp_path / "current.yaml")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)
    return tmp_path


@pytest.mark.parametrize(
    ("rev", "command"),
    [
        ("--output={target}", "show"),
        ("--output={target}", "compare"),
        ("-o{target}", "validate"),
        ("--output={target} HEAD", "export"),
        ("-", "show"),
        ("--all", "textconv"),
    ],
)
def test_a_revision_cannot_be_a_git_option(repo: Path, rev: str, command: str) -> None:
    target = repo / "pwned"
    spec = f"{rev.format(target=target)}:current.yaml"
    args = (
        ["compare", "current.yaml", "--", spec] if command == "compare" else [command, "--", spec]
    )
    result = run_cli(*args, cwd=repo)
    assert result.code == (0 if command == "textconv" else 2), result
    assert not target.exists() and not list(repo.glob("pwned*"))  # git wrote nothing
    assert "a git revision cannot start with '-'" in result.err + result.out
    assert "Traceback" not in result.err


def test_the_library_refuses_it_too(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    with pytest.raises(InputError) as e:
        git_blob(f"--output={repo / 'pwned'}:current.yaml")
    assert e.value.lines() == [
        f"--output={repo / 'pwned'}:current.yaml: a git revision cannot start with '-' "
        f"(got '--output={repo / 'pwned'}')"
    ]
    assert not (repo / "pwned:current.yaml").exists()


def test_ordinary_revisions_still_work(repo: Path) -> None:
    result = run_cli("compare", "HEAD:current.yaml", "current.yaml", cwd=repo)
    assert result.code == 0, result.err
    assert run_cli("show", "HEAD:./current.yaml", cwd=repo).code == 0


def test_a_git_blob_is_read_with_the_byte_limit(repo: Path) -> None:
    result = run_cli("show", "--max-bytes", "100", "HEAD:current.yaml", cwd=repo)
    assert result.code == 2
    assert "HEAD:current.yaml: input is longer than the limit of 100 bytes" in result.err


def test_an_unknown_path_is_a_clear_error(repo: Path) -> None:
    result = run_cli("show", "HEAD:nope.yaml", cwd=repo)
    assert result.code == 2 and result.err.startswith("HEAD:nope.yaml: git show: ")

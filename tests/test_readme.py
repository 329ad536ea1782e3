"""Docs are tests: every ``$ orgdiff ...`` line in the README runs and succeeds."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

COMMANDS = [
    line[2:].strip()
    for line in (ROOT / "README.md").read_text().splitlines()
    if line.startswith("$ orgdiff ")
]


def test_readme_has_examples() -> None:
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    """Each command runs in a copy of the repository's org files (it may write charts)."""
    shutil.copytree(ROOT / "orgs", tmp_path / "orgs")
    args = shlex.split(command)[1:]
    result = run_cli(*args, cwd=tmp_path)
    assert result.code in (0, 1), result.err  # 1: "there are differences" for compare
    assert result.out.strip()
    assert "Traceback" not in result.err

"""Shared test helpers: run the real CLI in a subprocess, pinned width, no colour."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "orgs" / "albertslund"

# Property tests are deterministic: the same examples on every run and machine.
settings.register_profile(
    "default", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m orgdiff ARGS`` for real: its exit code, stdout and stderr."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    full_env.pop("FORCE_COLOR", None)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):  # errors in English unless a test says so
        full_env.pop(var, None)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def golden_refusal(folder: Path, file: str, name: str) -> Run:
    """``orgdiff validate FILE`` in ``folder`` against its golden ``NAME.err`` (rewritten under
    ORGDIFF_REGEN): exit 2, nothing on standard output, exactly the expected error, no
    traceback. Returns the run for further checks."""
    result = run_cli("validate", file, cwd=folder)
    expected = folder / f"{name}.err"
    if os.environ.get("ORGDIFF_REGEN"):
        expected.write_text(result.err)
    assert result.code == 2
    assert result.out == ""
    assert result.err == expected.read_text()
    assert "Traceback" not in result.err
    return result


@pytest.fixture
def cli() -> type[Run]:
    return Run


def pytest_terminal_summary(terminalreporter: object) -> None:
    """After a fuzz run: how many inputs each fuzz target tried, and that none failed."""
    import sys

    fuzz = sys.modules.get("tests.test_fuzz")
    tried = getattr(fuzz, "TRIED", None)
    if not tried:
        return
    reporter = terminalreporter
    stats = getattr(reporter, "stats", {})
    failed = [r for r in stats.get("failed", []) if "test_fuzz" in getattr(r, "nodeid", "")]
    total = sum(tried.values())
    parts = ", ".join(f"{n:,} {name}" for name, n in sorted(tried.items()))
    write = reporter.write_line
    write(
        f"fuzz: {total:,} inputs tried ({parts}); "
        f"{'none failed' if not failed else f'{len(failed)} fuzz tests FAILED'}"
    )

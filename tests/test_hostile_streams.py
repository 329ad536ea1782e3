"""Standard output and error that cannot take what orgdiff writes.

- a full disk or a device that refuses the bytes (``orgdiff show x >/dev/full``): one line on
  standard error that says standard output could not be written, exit code 2, no traceback —
  for every command that prints, also the ones that do not go through the error guard;
- a terminal or pipe whose encoding cannot hold every character (``LC_ALL=C`` without Python's
  UTF-8 mode, ``PYTHONIOENCODING=latin-1``, a Windows code page): the characters it lacks are
  written as ``\\xe6``-style escapes; the report is complete and nothing crashes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ORGS, ROOT

CURRENT = ORGS / "current.yaml"
MODEL1 = ORGS / "model1.yaml"

PRINTING = [
    ("validate", CURRENT),
    ("show", CURRENT),
    ("compare", CURRENT, MODEL1),
    ("compare", CURRENT, MODEL1, "-f", "json"),
    ("export", CURRENT),
    ("apply", ORGS / "model1.scenario.yaml"),
    ("textconv", CURRENT),
    ("git-diff", "p", CURRENT, "1", "100644", MODEL1, "2", "100644"),
    ("schema",),
]


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"):
        env.pop(var, None)
    env.update(extra)
    return env


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", PRINTING, ids=lambda a: " ".join(map(str, a[:1] + a[3:])))
def test_a_full_standard_output_is_one_message_and_exit_2(args: tuple[str | Path, ...]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "orgdiff", *map(str, args)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(),
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr
    assert proc.stderr == "standard output: cannot write: No space left on device\n"


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "cp1252"},
    ],
    ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()),
)
@pytest.mark.parametrize("args", PRINTING[1:6], ids=lambda a: " ".join(map(str, a[:1] + a[3:])))
def test_a_narrow_encoding_gets_escapes_not_a_crash(
    env: dict[str, str], args: tuple[str | Path, ...]
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        capture_output=True,
        cwd=ROOT,
        env=_env(**env),
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("ascii", "replace")
    assert b"Traceback" not in proc.stderr
    out = proc.stdout.decode("latin-1")
    # Every department is there, whatever had to be escaped in its name.
    assert "Stab" in out and "Dagtilbud" in out
    if env.get("PYTHONIOENCODING") == "ascii" or env.get("LC_ALL") == "C":
        assert all(b < 0x80 for b in proc.stdout)
        assert "\\xd8konomi" in out or "\\u00d8konomi" in out


def test_an_error_message_in_a_narrow_encoding() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "orgdiff", "validate", "mangler/ø.yaml"],
        capture_output=True,
        cwd=ROOT,
        env=_env(PYTHONIOENCODING="ascii"),
        timeout=120,
    )
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.startswith(b"mangler/") and b"no such file" in proc.stderr


def test_render_all_progress_on_a_terminal_keeps_its_codes_and_escapes_names(
    tmp_path: Path,
) -> None:
    """The progress bar (a terminal only) went through the escaping boundary too, so a terminal
    showed its own cursor codes as text: ``\\u001b[?25l\\u000d\\u001b[2Kcharts ...``."""
    import pty
    import re
    import shutil
    import threading

    orgs = tmp_path / "orgs"
    orgs.mkdir()
    shutil.copy(CURRENT, orgs / "current.yaml")
    shutil.copy(MODEL1, orgs / "m\x1b]52;c;eA==\x07x.yaml")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orgdiff",
            "render",
            "--all",
            orgs,
            "-o",
            tmp_path / "c",
            "-f",
            "dot",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=ROOT,
        env=_env(COLUMNS="100", TERM="xterm-256color"),
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other end closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    assert proc.wait(timeout=120) == 0
    reader.join(timeout=10)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8")
    assert "charts" in shown or "orgs" in shown  # the bar was drawn
    assert "\\u001b[" not in shown.replace("\\u001b]52", "")  # no code of the bar as text
    assert "\x1b]52" not in shown  # the name's OSC 52 reaches the terminal as text only
    own = re.sub(r"\x1b\[(?:[0-9;]*m|\?25[lh]|2K|[0-9]*A)|\r", "", shown)
    assert "\x1b" not in own and "\x07" not in own


def _on_a_terminal(args: list[str | Path], **env: str) -> str:
    """What a command shows on a (pseudo-)terminal, as text."""
    import pty
    import threading

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**_env(**env), "TERM": "xterm-256color"},
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    proc.wait(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "100000"])
def test_odd_columns_on_a_terminal_still_show_the_report(columns: str) -> None:
    """COLUMNS=0 printed nothing at all (a report of zero width); 100000 drew rules and help
    boxes megabytes wide. The width is kept to 20-1,000 columns (not a number: ignored)."""
    shown = _on_a_terminal(["compare", CURRENT, MODEL1], COLUMNS=columns, NO_COLOR="1")
    assert "Traceback" not in shown
    assert "Økonomi & Stab" in shown and "Dagtilbudsområdet" in shown
    assert max(len(line) for line in shown.splitlines()) <= 1000
    assert len(_on_a_terminal(["compare", "--help"], COLUMNS=columns)) < 100_000

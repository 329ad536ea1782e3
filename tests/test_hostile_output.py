"""No raw bytes: every command, on files whose every name is hostile, writes no control sequence.

Names (and file names, and arguments) carry ESC, an OSC 52 clipboard write, CSI sequences (ESC [
and the one-byte C1 form), BEL, bidi overrides and isolates, zero-width characters and C1
controls. Each command's standard output and standard error are scanned byte by byte; the only
escape allowed is the SGR colour code orgdiff itself writes when colour is forced.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# The hostile text, as YAML double-quoted escapes (a file may not hold these bytes raw).
HOSTILE_YAML = (
    r"\e]52;c;cm0gLXJmIH4=\a\e[2J\e[31m\x9b1m\x90q\e\\"
    r"\u202Eevil\u2066iso\u2069\u200B\u200D\uFEFF\u2028\x85\x07"
)
# The same characters as they reach a command line (argv, file names).
HOSTILE_ARG = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202eevil\u2066\u200b\x9b1m"

# What must never appear in output: C0 controls but tab and line ends, DEL, C1, bidi controls,
# zero-width and other format characters, line/paragraph separators, undecodable bytes.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\ufeff\u2028\u2029\ud800-\udfff]|\r(?!\n)"
)
SGR = re.compile("\x1b\\[[0-9;]*m")


def assert_no_raw(data: bytes, colour: bool, what: str) -> None:
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")  # CSV's BOM
    if colour:
        text = SGR.sub("", text)
    found = FORBIDDEN.search(text)
    assert found is None, f"{what}: raw {found.group()!r} at {found.start()}: {text!r}"


def org(name: str, *, model: str, depts: str) -> str:
    return (
        f'organisation: "Org {name}"\nmodel: "{model} {name}"\nsource: "{name}"\n'
        f'notes: "{name}"\nchef_post_cost: 900000\ndepartments:\n{depts}'
    )


def before_yaml(h: str) -> str:
    return org(
        h,
        model="før",
        depts=(
            f'  - name: "Dept {h}"\n    id: d1\n    chef: {{title: "Chef {h}", cost: 100}}\n'
            f'    tags: ["{h}"]\n    notes: "{h}"\n    units:\n'
            f'      - {{name: "Unit {h}", id: u1, leader: "Leader {h}", fte: 2, notes: "{h}"}}\n'
            f'      - {{name: "Gone {h}", id: u2, leader: "Old leader {h}", fte: 1}}\n'
            f'  - name: "Other {h}"\n    id: d2\n    units:\n'
            f'      - {{name: "Mover {h}", id: u3, fte: 1, tags: ["{h}"]}}\n'
            f'      - {{name: "Kid {h}", id: u6, fte: 1}}\n'
        ),
    )


def after_yaml(h: str) -> str:
    return org(
        h,
        model="efter",
        depts=(
            f'  - name: "Dept renamed {h}"\n    id: d1\n    chef: "New chef {h}"\n    units:\n'
            f'      - {{name: "Unit two {h}", id: u1, leader: "Leader {h}", fte: 3}}\n'
            f'      - {{name: "New {h}", id: u4, leader: "New leader {h}"}}\n'
            f'      - {{name: "Mover {h}", id: u3, fte: 1}}\n'
            f'  - name: "Other {h}"\n    id: d2\n    units:\n'
            f'      - name: "Parent {h}"\n        id: u7\n        units:\n'
            f'          - {{name: "Kid {h}", id: u6, fte: 1}}\n'
            f'  - name: "Brand new {h}"\n    id: d3\n    chef: "Chef two {h}"\n    units:\n'
            f'      - {{name: "Sub {h}", id: u5}}\n'
        ),
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    named = tmp / f"named {HOSTILE_ARG}"
    named.mkdir()
    paths = {
        "before": named / f"before{HOSTILE_ARG}.yaml",
        "after": named / f"after{HOSTILE_ARG}.yaml",
        "bad": named / f"bad{HOSTILE_ARG}.yaml",
        "tree": named,
    }
    paths["before"].write_text(before_yaml(HOSTILE_YAML), encoding="utf-8")
    paths["after"].write_text(after_yaml(HOSTILE_YAML), encoding="utf-8")
    # Errors that quote the file's text back: a number given as hostile text, an unknown key
    # with a hostile name, a bad tagged scalar.
    paths["bad"].write_text(
        "organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n"
        f'      - {{name: U, fte: "{HOSTILE_YAML}"}}\n'
        f'      - {{name: V, "{HOSTILE_YAML}": 1}}\n'
        f'      - {{name: W, id: "x{HOSTILE_YAML}"}}\n',
        encoding="utf-8",
    )
    git = shutil.which("git")
    if git:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        }
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
            subprocess.run([git, *args], cwd=named, check=True, env=env, capture_output=True)
    return paths


def run(*args: str | Path, cwd: Path | None = None, colour: bool = False) -> tuple[int, bytes]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NO_COLOR" if colour else "FORCE_COLOR", None)
    env.update({"FORCE_COLOR": "1", "TERM": "xterm-256color"} if colour else {"NO_COLOR": "1"})
    proc = subprocess.run(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )
    for stream, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        assert_no_raw(data, colour, f"{' '.join(map(str, args))!r} {stream}")
    assert b"Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def commands(f: dict[str, Path], out: Path) -> list[tuple[tuple[str | Path, ...], int]]:
    b, a, bad = f["before"], f["after"], f["bad"]
    missing = f["tree"] / f"missing{HOSTILE_ARG}.yaml"
    return [
        (("validate", b, a, bad, missing), 2),
        (("validate", b), 0),
        (("show", b), 0),
        (("show", "--depth", "1", a), 0),
        (("show", bad), 2),
        (("compare", b, a), 0),
        (("compare", b, a, a), 0),
        (("compare", b, a, "-f", "json"), 0),
        (("compare", b, a, "-f", "markdown"), 0),
        (("compare", b, bad), 2),
        (("compare", b, a, "--chart", out / f"c{HOSTILE_ARG}.dot"), 0),
        (("compare", b, a, "-f", "csv"), 0),
        (("compare", b, a, "-f", "scenario"), 0),
        (("compare", b, a, "-f", "scenario", "-o", out / f"s{HOSTILE_ARG}.scenario.yaml"), 0),
        (("apply", out / f"s{HOSTILE_ARG}.scenario.yaml"), 0),
        (("report", b, a, "-o", out / f"r{HOSTILE_ARG}.html"), 0),
        (("export", b), 0),
        (("export", a, "--delimiter", ";"), 0),
        (("export", bad), 2),
        (("render", b, "-f", "dot", "-o", out), 0),
        (("render", bad, "-f", "dot", "-o", out), 2),
        (("render", "--all", f["tree"], "-f", "dot", "-o", out), 2),
        (("textconv", b), 0),
        (("textconv", bad), 0),
        (("textconv", missing), 0),
        (("git-diff", f"p{HOSTILE_ARG}", b, "1", "100644", a, "2", "100644"), 0),
        (("git-diff", f"p{HOSTILE_ARG}", b, "1", "100644", bad, "2", "100644"), 0),
        (("git-diff", f"p{HOSTILE_ARG}", "/dev/null", "1", "100644", a, "2", "100644"), 0),
        (("show", f"HEAD:{HOSTILE_ARG}.yaml"), 2),
        (("show", f"{HOSTILE_ARG}:x.yaml"), 2),
        (("compare", b, a, "--lang", HOSTILE_ARG), 2),
        (("show", "--depth", HOSTILE_ARG, b), 2),
        (("import", bad), 2),
    ]


def test_no_command_writes_raw_control_bytes(files: dict[str, Path], tmp_path: Path) -> None:
    for args, code in commands(files, tmp_path / "out"):
        got, _ = run(*args, cwd=files["tree"])
        assert got == code, args


def test_no_raw_bytes_with_colour_forced(files: dict[str, Path], tmp_path: Path) -> None:
    """With colour, only orgdiff's own SGR codes are escapes (a name's ``ESC [ 31 m`` is not)."""
    for args, code in commands(files, tmp_path / "out")[:10]:
        got, out = run(*args, cwd=files["tree"], colour=True)
        assert got == code, args


def test_names_are_shown_visibly_not_dropped(files: dict[str, Path]) -> None:
    _, out = run("compare", files["before"], files["after"])
    text = "".join(out.decode("utf-8").split())  # long names wrap over lines
    # The department in brackets beside an added unit and an added or removed post:
    assert "+New\\u001b]52;c;" in text and "(Deptrenamed\\u001b]52" in text
    assert "\\u202eevil\\u2066iso\\u2069\\u200b" in text
    _, out = run("validate", files["before"])
    assert "before\\u001b]52;c;cm0gLXJmIH4=\\u0007" in out.decode("utf-8")


def test_json_keeps_the_names_exactly(files: dict[str, Path]) -> None:
    """JSON escapes what it must (\\u202e in JSON is the same character): no data is lost."""
    import json

    _, out = run("compare", files["before"], files["after"], "-f", "json")
    data = json.loads(out)
    assert data["after"]["model"].startswith("efter \x1b]52;c;")
    assert "\u202eevil" in data["after"]["model"]


def test_export_to_a_file_keeps_the_names_exactly(files: dict[str, Path], tmp_path: Path) -> None:
    """Standard output shows names visibly; ``-o`` writes the exact bytes for a spreadsheet."""
    target = tmp_path / "out.csv"
    code, _ = run("export", files["before"], "-o", target)
    assert code == 0
    assert "Unit \x1b]52;c;" in target.read_text(encoding="utf-8-sig")

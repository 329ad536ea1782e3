"""Paths the file system refuses: a name over NAME_MAX (255 bytes), a path over PATH_MAX.

``Path.is_dir()``, ``.exists()`` and ``.is_file()`` raise for these (``File name too long``)
where ``os.path``'s say False; every command printed a traceback. Each is now one message that
names the path, exit code 2 (``textconv`` shows what it cannot load and never fails a diff).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ORGS, run_cli

LONG = "x" * 5000
DEEP = "/".join(["d"] * 3000)
CURRENT = ORGS / "current.yaml"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"{LONG}.yaml"],
        ["validate", f"{DEEP}/x.yaml"],
        ["show", f"{LONG}.yaml"],
        ["show", f"HEAD:{LONG}.yaml"],
        ["show", f"HEAD:{LONG}.scenario.yaml"],
        ["compare", CURRENT, f"{LONG}.yaml"],
        ["apply", f"{LONG}.scenario.yaml"],
        ["import", f"{LONG}.csv"],
        ["render", "--all", LONG, "-o", "out"],
        ["init", LONG],
        ["compare", CURRENT, CURRENT, "-o", f"{LONG}.json"],
        ["compare", CURRENT, CURRENT, "--chart", f"{LONG}.dot"],
        ["export", CURRENT, "-o", f"{LONG}.csv"],
    ],
    ids=lambda a: " ".join(str(x)[:12] for x in a),
)
def test_a_path_too_long_is_one_message(tmp_path: Path, args: list[str | Path]) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert "Traceback" not in result.err
    assert result.code == 2, result.err[-300:]
    assert len(result.err.splitlines()) <= 2
    first = result.err.splitlines()[0]
    assert "x" * 20 in first[:100] or first.startswith("d/d/d/")  # the path it is about


def test_a_scenario_base_too_long(tmp_path: Path) -> None:
    (tmp_path / "m.scenario.yaml").write_text(f"base: HEAD:{LONG}.yaml\nmodel: M\n")
    result = run_cli("show", "m.scenario.yaml", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("m.scenario.yaml:1:1: base: the base 'HEAD:xxx")


def test_textconv_of_a_path_too_long_never_fails(tmp_path: Path) -> None:
    result = run_cli("textconv", f"{LONG}.yaml", cwd=tmp_path)
    assert result.code == 0 and "Traceback" not in result.err


def test_validate_a_folder_stays_inside_it(tmp_path: Path) -> None:
    """As ``render --all``: a link in the folder to a file elsewhere is named, never read.

    Before, ``validate orgs/`` read ``orgs/x.yaml -> ~/.env`` and quoted its first line
    (``not text 'TOKEN=...'``) — in a CI log, for anyone who could add a link to the folder.
    """
    import os
    import shutil

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("TOKEN=ghp_secret\n")
    orgs = tmp_path / "orgs"
    (orgs / "sub").mkdir(parents=True)
    shutil.copy(ORGS / "current.yaml", orgs / "current.yaml")
    os.symlink(outside / "secret.yaml", orgs / "x.yaml")
    os.symlink(outside, orgs / "sub" / "linked")  # a linked folder: not entered
    os.symlink(orgs / "current.yaml", orgs / "sub" / "same.yaml")  # inside: read
    result = run_cli("validate", "orgs", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert "TOKEN" not in result.out + result.err and "ghp_" not in result.out + result.err
    assert result.err == "orgs/x.yaml: skipped: a link to a file outside orgs\n"
    assert result.out.splitlines()[0].startswith("orgs/current.yaml: OK")
    assert result.out.splitlines()[1].startswith("orgs/sub/same.yaml: OK")


def test_charts_are_not_written_through_links_out_of_the_output_folder(tmp_path: Path) -> None:
    """``charts/model1.svg -> ~/.bashrc`` planted in a repository: render --all (in CI, say)
    overwrote the file the link names. Charts go only where the output folder is."""
    import os
    import shutil

    orgs, charts, victim = tmp_path / "orgs", tmp_path / "charts", tmp_path / "home"
    for d in (orgs, charts, victim):
        d.mkdir()
    for name in ("current.yaml", "model1.yaml"):
        shutil.copy(ORGS / name, orgs / name)
    (victim / ".bashrc").write_text("precious\n")
    os.symlink(victim / ".bashrc", charts / "model1.diff.dot")
    result = run_cli("render", "--all", "orgs", "-o", "charts", "-f", "dot", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert (victim / ".bashrc").read_text() == "precious\n"
    assert result.err == (
        f"charts/model1.diff.dot: not written: it is a link to {victim / '.bashrc'}, outside "
        "charts (remove the link)\n"
    )
    assert (charts / "model1.flow.dot").is_file()  # the other charts are written
    (charts / "model1.dot").unlink()  # the org chart render --all wrote: now a planted link
    os.symlink(victim / ".bashrc", charts / "model1.dot")
    result = run_cli("render", "orgs/model1.yaml", "-o", "charts", "-f", "dot", cwd=tmp_path)
    assert result.code == 2 and (victim / ".bashrc").read_text() == "precious\n"
    inside = charts / "real.dot"
    os.replace(charts / "model1.dot", tmp_path / "gone")
    os.symlink(inside, charts / "model1.dot")  # a link inside the folder is written through
    assert (
        run_cli("render", "orgs/model1.yaml", "-o", "charts", "-f", "dot", cwd=tmp_path).code == 0
    )
    assert inside.read_text(encoding="utf-8").startswith("digraph")

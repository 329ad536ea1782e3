"""Files that are not plain files: pipes, devices, standard input, symbolic links.

- reading: ``--max-bytes`` bounds the reading itself, so a pipe, ``/dev/stdin`` or a device
  (``/dev/zero`` never ends) is refused after at most the limit plus one byte;
- writing: ``-o`` through a symbolic link writes the link's target and keeps the link; a FIFO
  or a device is written directly, never replaced by a regular file;
- ``render --all`` stays inside its folder: a link to a file or folder outside is not followed,
  and nothing of the foreign file is quoted.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from orgdiff import InputError
from orgdiff.load import Limits, load_structure
from orgdiff.output import OutputError, write_atomic

from .conftest import ORGS, ROOT, run_cli

CURRENT = ORGS / "current.yaml"


def orgdiff(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "orgdiff", *map(str, args)],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


# --- reading with a limit ---------------------------------------------------------------------


def test_an_endless_device_is_refused_at_the_limit() -> None:
    result = orgdiff("show", "--max-bytes", "1000", "/dev/zero")  # never ends: a hang before
    assert result.returncode == 2
    assert result.stderr == (
        "/dev/zero: input is longer than the limit of 1,000 bytes (raise it with --max-bytes)\n"
    )


def test_standard_input_is_read_with_the_limit() -> None:
    text = CURRENT.read_bytes()
    result = orgdiff("validate", "--max-bytes", "100", "/dev/stdin", stdin=text)
    assert result.returncode == 2 and "longer than the limit of 100 bytes" in result.stderr
    result = orgdiff("show", "--max-bytes", "100", "-", stdin=text)
    assert result.returncode == 2
    assert result.stderr.startswith("<stdin>: input is longer than the limit of 100 bytes")
    result = orgdiff("compare", "-", CURRENT, stdin=text)  # `-` is standard input
    assert result.returncode == 0, result.stderr


def test_a_pipe_is_read_with_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "org.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=_feed, args=(fifo, b"organisation: x\n" * 100_000))
    writer.start()
    with pytest.raises(InputError) as e:
        load_structure(fifo, Limits(max_bytes=10_000))
    writer.join(timeout=30)
    assert e.value.lines() == [
        f"{fifo}: input is longer than the limit of 10,000 bytes (raise it with --max-bytes)"
    ]


def _feed(fifo: Path, data: bytes) -> None:
    try:
        with open(fifo, "wb") as f:
            f.write(data)
    except BrokenPipeError:
        pass  # the reader stopped at its limit


def test_a_directory_and_a_missing_file_are_clear_errors(tmp_path: Path) -> None:
    for path, message in (
        (tmp_path, "is a directory, not an org file"),
        (tmp_path / "x", "no such file"),
    ):
        with pytest.raises(InputError) as e:
            load_structure(path)
        assert e.value.lines() == [f"{path}: {message}"]


# --- writing -------------------------------------------------------------------------------


def test_output_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "report.md"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run_cli("compare", CURRENT, ORGS / "model1.yaml", "-f", "markdown", "-o", link)
    assert result.code == 0, result.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("## ")


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "new.csv")
    write_atomic(link, "a,b\n")
    assert link.is_symlink() and (tmp_path / "new.csv").read_text() == "a,b\n"


def test_output_to_a_fifo_is_written_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("export", CURRENT, "-o", fifo)
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not a regular file
    assert got and got[0].startswith(b"\xef\xbb\xbf")  # what export writes, through the pipe


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_device_is_never_replaced() -> None:
    before = os.stat("/dev/full")
    with pytest.raises(OutputError) as e:
        write_atomic("/dev/full", "x" * 10_000)
    assert str(e.value) == "/dev/full: cannot write: No space left on device"
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    write_atomic("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x")


# --- render --all stays inside its folder ---------------------------------------------------


def test_render_all_does_not_follow_links_out_of_the_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    foreign = secret / "passwords.yaml"
    foreign.write_text("root: TOPSECRET-hunter2\n", encoding="utf-8")
    (secret / "current.yaml").write_text(CURRENT.read_text(encoding="utf-8"), encoding="utf-8")
    tree = tmp_path / "orgs"
    tree.mkdir()
    shutil.copy(CURRENT, tree / "current.yaml")
    (tree / "leak.yaml").symlink_to(foreign)
    (tree / "linked-folder").symlink_to(secret, target_is_directory=True)
    shutil.copy(ORGS / "model1.yaml", tree / "model1.yaml")
    (tree / "inside.yaml").symlink_to(tree / "model1.yaml")  # a link inside: fine
    out = tmp_path / "charts"
    result = run_cli("render", "--all", tree, "-o", out, "-f", "dot")
    assert result.code == 2
    assert "TOPSECRET" not in result.out + result.err
    assert result.err == f"{tree / 'leak.yaml'}: skipped: a link to a file outside {tree}\n"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.dot"))
    assert written == [
        "current.dot",
        "inside.diff.dot",
        "inside.dot",
        "inside.flow.dot",
        "model1.diff.dot",
        "model1.dot",
        "model1.flow.dot",
    ]

"""Org files from git: ``REV:path`` (e.g. ``HEAD~1:orgs/current.yaml``) read with ``git show``.

The one place orgdiff runs git. A revision that starts with ``-`` is refused (git would read it
as an option: ``--output=FILE`` writes a file), git's options end with ``--end-of-options``, the
blob is shown without textconv, git never prompts, and the blob is read with the same byte limit
as a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from .errors import InputError, Problem
from .reading import read_stream


def git_blob(spec: str, limit: int = 1 << 30) -> bytes | None:
    """The file ``REV:PATH`` names in git, or None when ``spec`` is an ordinary path.

    An existing file always wins, so a file whose name has a colon still reads as a file.
    PATH is from the repository's top (``HEAD:./x.yaml`` is from the current folder), as in
    ``git show``.
    """
    if ":" not in spec or os.path.exists(spec):  # os.path: False for a name too long
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        return None
    if rev.startswith("-"):
        raise InputError(
            spec,
            [Problem(0, 0, "", f"a git revision cannot start with '-' (got '{rev}')")],
        )
    git = shutil.which("git")
    if git is None:
        raise InputError(
            spec, [Problem(0, 0, "", "reading REV:PATH needs git, which is not installed")]
        )
    command = [git, "--no-pager", "show", "--no-textconv", "--end-of-options", f"{rev}:{path}"]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
    with (
        tempfile.TemporaryFile() as errors,  # a file, not a pipe: git never blocks on it
        subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, env=env
        ) as proc,
    ):
        assert proc.stdout is not None
        try:
            data = read_stream(proc.stdout, spec, limit)
        except InputError:
            proc.kill()
            raise
        proc.wait()
        errors.seek(0)
        error = errors.read(1 << 16)
    if proc.returncode != 0:
        message = error.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else "failed"
        raise InputError(spec, [Problem(0, 0, "", f"git show: {detail.removeprefix('fatal: ')}")])
    return data

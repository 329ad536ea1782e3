"""Org files from git: ``REV:path`` (e.g. ``HEAD~1:orgs/current.yaml``) read with ``git show``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .errors import InputError, Problem


def git_blob(spec: str) -> bytes | None:
    """The file ``REV:PATH`` names in git, or None when ``spec`` is an ordinary path.

    An existing file always wins, so a file whose name has a colon still reads as a file.
    PATH is from the repository's top (``HEAD:./x.yaml`` is from the current folder), as in
    ``git show``.
    """
    if ":" not in spec or Path(spec).exists():
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        return None
    git = shutil.which("git")
    if git is None:
        raise InputError(
            spec, [Problem(0, 0, "", "reading REV:PATH needs git, which is not installed")]
        )
    proc = subprocess.run([git, "show", f"{rev}:{path}"], capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else "failed"
        raise InputError(spec, [Problem(0, 0, "", f"git show: {detail.removeprefix('fatal: ')}")])
    return proc.stdout

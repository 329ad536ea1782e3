"""Writing output files: atomically for regular files, directly for special files.

The one place orgdiff writes a file its user named:

- a regular file (or a new one) gets a temp file beside it and a rename, so readers see the old
  file or the new one, never half, and a failed write leaves the old file in place;
- a symbolic link is followed: its target is written (as a shell's ``>`` does), the link stays;
- a FIFO, a character device (``/dev/null``, ``/dev/full``, a terminal) or a socket is written
  directly: it is never replaced by a regular file;
- a directory is an error.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import OrgdiffError


class OutputError(OrgdiffError):
    """An output file that could not be written."""


def _mode(target: Path) -> int:
    """The existing file's permissions, else the usual ones for a new file (0666 less umask)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _error(path: str | Path, e: OSError | str) -> OutputError:
    reason = e if isinstance(e, str) else (e.strerror or str(e))
    return OutputError(f"{path}: cannot write: {reason}")


def make_folder(path: str | Path) -> None:
    """The folder ``path`` and its parents, made where missing; a clear error where they can't
    be (a file in the way, no permission)."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _error(path, e) from None


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path``: atomically for a regular file, directly for a special one."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))  # through symbolic links, to the file they name
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise _error(path, e) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise _error(path, "is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        _write_special(path, target, raw)
    else:
        _replace(path, target, raw)


def _write_special(path: str | Path, target: Path, raw: bytes) -> None:
    """A FIFO or a device: opened and written as it is, never created or replaced."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
    except OSError as e:
        raise _error(path, e) from None


def _replace(path: str | Path, target: Path, raw: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise _error(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _error(path, e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Reading input with a limit: files, pipes, devices and standard input alike.

A file's size says nothing for a pipe, ``/dev/stdin`` or a device (``/dev/zero`` never ends), so
the limit is applied to the reading itself: at most ``max_bytes + 1`` bytes are ever read, and
one byte more than the limit is an error. ``-`` is standard input.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import IO

from .errors import InputError, Problem

CHUNK = 1 << 20
STDIN = "-"


def too_big(name: str, size: int | None, limit: int) -> InputError:
    """The one message for input over ``--max-bytes`` (``size`` None: a stream, size unknown)."""
    what = "input is longer than" if size is None else f"file is {size:,} bytes, over"
    return InputError(
        name,
        [Problem(0, 0, "", f"{what} the limit of {limit:,} bytes (raise it with --max-bytes)")],
    )


def read_stream(stream: IO[bytes], name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; more is an :class:`InputError`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_big(name, None, limit)


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of a file, a pipe, a device or (``-``) standard input, up to ``limit``.

    Every failure is an :class:`InputError` naming the file: no such file, a directory,
    permission denied, over the limit.
    """
    name = str(path)
    if name == STDIN:
        return read_stream(sys.stdin.buffer, "<stdin>", limit)
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise _problem(name, "is a directory, not an org file")
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise too_big(name, info.st_size, limit)
            return read_stream(f, name, limit)
    except FileNotFoundError:
        raise _problem(name, "no such file") from None
    except IsADirectoryError:
        raise _problem(name, "is a directory, not an org file") from None
    except PermissionError:
        raise _problem(name, "permission denied") from None
    except OSError as e:
        raise _problem(name, e.strerror or str(e)) from None


def _problem(name: str, msg: str) -> InputError:
    return InputError(name, [Problem(0, 0, "", msg)])

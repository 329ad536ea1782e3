"""The command line's Unix habits in one place: ``-`` for standard input and output, bounded
reads, output formats from file names, colour from flags and the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import InputError, Problem, UsageError

STDIO = "-"
REPORT_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
    ".csv": "csv",
    ".xlsx": "xlsx",
}


def is_stdio(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIO


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """A file's bytes, or standard input's for ``-``; never more than ``max_bytes`` read."""
    name = "<stdin>" if is_stdio(path) else str(path)
    try:
        if is_stdio(path):
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            if Path(path).is_dir():
                raise InputError(name, [Problem(0, 0, "", "is a directory, not a file")])
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, [Problem(0, 0, "", "no such file")]) from None
    except PermissionError:
        raise InputError(name, [Problem(0, 0, "", "permission denied")]) from None
    except OSError as e:
        raise InputError(name, [Problem(0, 0, "", e.strerror or str(e))]) from None
    if len(data) > max_bytes:
        raise InputError(
            name,
            [
                Problem(
                    0, 0, "", f"over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
                )
            ],
        )
    return data


def write_out(path: str | Path | None, data: str | bytes) -> None:
    """To standard output (no path, or ``-``), else to the file, atomically."""
    if (path is None or is_stdio(path)) and isinstance(data, str):
        # through the text stream: the CLI's SafeStream makes control characters from names
        # visible there (a BOM that begins the output is kept)
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path is None or is_stdio(path):
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    from .output import write_atomic

    write_atomic(path, raw)


def report_format(path: str | Path | None, given: str | None) -> str:
    """The report format: the option, else the output file's extension, else ``text``."""
    if given is not None:
        return given
    if path is None or is_stdio(path):
        return "text"
    suffix = Path(path).suffix.lower()
    if suffix in REPORT_FORMATS:
        return REPORT_FORMATS[suffix]
    if suffix in (".html", ".htm", ".pdf"):
        raise UsageError(f"{path}: the decision report is `orgdiff report BEFORE AFTER -o {path}`")
    raise UsageError(
        f"{path}: cannot tell the report format from the name; end it in .md, .json, .txt, "
        ".csv or .xlsx, or give --format"
    )


def colour_wanted(flag: bool | None, stream_is_tty: bool) -> bool:
    """``--color``/``--no-color`` win; then NO_COLOR (off) and FORCE_COLOR (on); then a tty."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_tty and os.environ.get("TERM") != "dumb"

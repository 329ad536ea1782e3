"""The command line's Unix habits in one place: ``-`` for standard input and output, bounded
reads, output formats from file names, colour from flags and the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import UsageError

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
    """A file's bytes, or standard input's for ``-``; never more than ``max_bytes`` read.

    One reader for every source (orgdiff.reading): files, pipes, devices and standard input.
    """
    from .reading import read_limited

    return read_limited("-" if is_stdio(path) else path, max_bytes)


def write_out(path: str | Path | None, data: str | bytes, coloured: bool = False) -> None:
    """To standard output (no path, or ``-``), else to the file, atomically."""
    if (path is None or is_stdio(path)) and isinstance(data, str):
        # Text to standard output is made harmless (control characters from names shown as
        # \uXXXX; line ends, tabs and a leading BOM kept). A coloured terminal report keeps
        # rich's colour codes: its names were cleaned by the renderer, and the CLI's SafeStream
        # is the last boundary for the rest. A file written with -o gets the data as it is.
        from .render.text import clean_lines

        sys.stdout.write(data if coloured else clean_lines(data))
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


def sane_columns() -> None:
    """Keep ``COLUMNS`` within what a terminal can be (20 to 1,000), or drop it if it is not a
    number: ``COLUMNS=0`` made the terminal report print nothing at all, and a huge value
    drew rules and help boxes megabytes wide."""
    value = os.environ.get("COLUMNS")
    if value is None:
        return
    try:
        columns = int(value)
    except ValueError:
        del os.environ["COLUMNS"]
        return
    os.environ["COLUMNS"] = str(min(max(columns, 20), 1000))

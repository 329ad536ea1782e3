"""Running the real Graphviz ``dot``: DOT source → SVG, PNG, PDF, or the layout's size."""

from __future__ import annotations

import re
import shutil
import subprocess

from ..errors import OrgdiffError

FORMATS = ("svg", "png", "pdf", "dot")
_DATE = re.compile(rb"/CreationDate \(D:[0-9]{14}[^)]*\)")


class GraphvizMissing(OrgdiffError):
    """The ``dot`` program is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Graphviz's `dot` program is not installed, so charts cannot be drawn. Install it "
            "with `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` "
            "(macOS); `--format dot` writes the DOT source without it."
        )


class RenderError(OrgdiffError):
    """``dot`` failed on a chart."""


def dot(source: str, fmt: str, *args: str) -> bytes:
    """Run ``dot -T<fmt> args`` on ``source``; its output, or one clear error."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing()
    proc = subprocess.run(
        [exe, f"-T{fmt}", *args], input=source.encode("utf-8"), capture_output=True, check=False
    )
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"dot failed: {message}")
    return proc.stdout


def stable_pdf(pdf: bytes) -> bytes:
    """The PDF without its creation date (cairo writes the clock), so the same chart gives the
    same bytes. The date is replaced by one of the same length, so offsets stay right."""
    return _DATE.sub(
        lambda m: b"/CreationDate (D:19700101000000Z" + b" " * (len(m[0]) - 33) + b")", pdf
    )


def render(source: str, fmt: str) -> bytes:
    """DOT source → the chart in ``fmt`` with the real ``dot`` program (``dot``: the source)."""
    if fmt == "dot":
        return source.encode("utf-8")
    if fmt == "png":
        return dot(source, fmt, "-Gdpi=150")
    if fmt == "pdf":
        return stable_pdf(dot(source, fmt))
    return dot(source, fmt)


def layout_size(source: str) -> tuple[float, float]:
    """The width and height in points ``dot`` lays the chart out at (before any scaling)."""
    first = dot(source, "plain").split(b"\n", 1)[0].split()
    return float(first[2]) * 72, float(first[3]) * 72

"""Running the real Graphviz ``dot``: DOT source → SVG, PNG, PDF, or the layout's size."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OrgdiffError
from .graphviz_fit import fitted_svg

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
    return _run(source, f"-T{fmt}", *args)


def _run(source: str, *args: str) -> bytes:
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing()
    proc = subprocess.run(
        [exe, *args], input=source.encode("utf-8"), capture_output=True, check=False
    )
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip() or f"exit code {proc.returncode}"
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
    if fmt == "svg":
        return svg(source)
    return dot(source, fmt)


def svg(source: str) -> bytes:
    """The chart as SVG with every text fitted to the width it was laid out for, so no text
    leaves its box in whatever font the browser has (:mod:`.graphviz_fit`)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing()
    with tempfile.TemporaryDirectory(prefix="orgdiff-dot-") as tmp:
        # The text widths come from a second run of the same layout, beside the first. Graphviz
        # 2.43's xdot crashes on a table cell with a link (tooltip) in a dashed table; links and
        # tooltips change no size or position, so that run is given the source without them.
        plain, xdot, layout = (Path(tmp) / n for n in ("chart.gv", "chart.xdot", "chart.json"))
        plain.write_text(_ANCHORS.sub("", source), "utf-8")
        widths = subprocess.Popen(
            [exe, "-Txdot", f"-o{xdot}", "-Txdot_json", f"-o{layout}", str(plain)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            drawn = dot(source, "svg")
        finally:
            widths.wait()
        if widths.returncode != 0:  # another Graphviz's bug: the chart as dot drew it, unfitted
            return drawn
        return fitted_svg(drawn, layout.read_bytes())


# the link and tooltip attributes of HTML-label cells (user text in them is escaped: no quotes)
_ANCHORS = re.compile(r' (?:HREF|TOOLTIP|TARGET|TITLE)="[^"]*"')


def layout_size(source: str) -> tuple[float, float]:
    """The width and height in points ``dot`` lays the chart out at (before any scaling)."""
    first = dot(source, "plain").split(b"\n", 1)[0].split()
    return float(first[2]) * 72, float(first[3]) * 72

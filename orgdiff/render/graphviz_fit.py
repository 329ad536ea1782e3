"""SVG text that fits its box whatever font the browser draws it in.

Graphviz sizes every box from the widths of its text in DejaVu Sans. A browser without DejaVu
falls back to the next font of the list, or to whatever its ``sans-serif`` is, and a wider font
would run out of its box. So each ``<text>`` of an SVG chart is given the width Graphviz laid it
out for, ``textLength``, with ``lengthAdjust="spacingAndGlyphs"``: the browser fits the text to
exactly that width, wider fonts are narrowed a little, narrower ones widened, and in DejaVu Sans
(the font the chart was laid out with) nothing visibly changes. The text itself is untouched, so
what a reader selects and copies is the same; PNG and PDF are drawn by Graphviz with the laid-out
font and need none of this.

The widths come from the same ``dot`` run as the SVG (its ``xdot_json`` output has every text
with its position and width), so the SVG stays the same bytes for the same chart.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_ALIGN = {"l": "start", "c": "middle", "r": "end"}

Key = tuple[str, float, float, str]


def _key(anchor: str, x: float, y: float, text: str) -> Key:
    return anchor, round(x, 1), round(y, 1), text


def text_widths(layout: dict[str, Any]) -> dict[Key, float]:
    """Every text drawn in an ``xdot_json`` layout, by (anchor, x, SVG y, text): its width."""
    out: dict[Key, float] = {}
    for op in _ops(layout):
        if op.get("op") == "T":
            x, y = op["pt"]
            # SVG's y axis points down: Graphviz writes y as minus the layout's y
            out[_key(_ALIGN.get(op.get("align", "l"), "start"), x, -y, op["text"])] = float(
                op["width"]
            )
    return out


def _ops(layout: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in (layout, *layout.get("objects", ()), *layout.get("edges", ())):
        for name, value in item.items():
            if name.startswith("_") and name.endswith("draw_") and isinstance(value, list):
                yield from value


def fit_text(svg: str, widths: dict[Key, float]) -> str:
    """The SVG with every text Graphviz measured fitted to its laid-out width."""

    def fitted(m: re.Match[str]) -> str:
        attrs, body = m.groups()
        found = dict(_ATTR.findall(attrs))
        try:
            key = _key(
                found.get("text-anchor", "start"),
                float(found["x"]),
                float(found["y"]),
                html.unescape(body),
            )
        except (KeyError, ValueError):
            return m[0]
        width = widths.get(key)
        if width is None or width <= 0 or "textLength" in found or not key[3].strip():
            return m[0]  # unknown, already fitted, or blank (draws nothing that could overflow)
        # The spaces at either end are part of the width Graphviz measured; keep them.
        keep = body != body.strip(" ") and "xml:space" not in found
        space = ' xml:space="preserve"' if keep else ""
        return (
            f'<text {attrs}{space} textLength="{width:.2f}" '
            f'lengthAdjust="spacingAndGlyphs">{body}</text>'
        )

    return _TEXT.sub(fitted, svg)


def fitted_svg(svg: bytes, layout_json: bytes) -> bytes:
    """``dot``'s SVG with its texts fitted, given the ``xdot_json`` of the same run."""
    widths = text_widths(json.loads(layout_json))
    return fit_text(svg.decode("utf-8"), widths).encode("utf-8")

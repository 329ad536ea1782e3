"""Graphviz charts: the org chart of one structure, the diff chart and the flow chart.

The work is split by job: :mod:`.graphviz_cards` (the escaping boundary, styles, HTML-label
cards and their layout), :mod:`.graphviz_org`, :mod:`.graphviz_diff`, :mod:`.graphviz_flow`
(the three charts, as DOT text built by pure functions), :mod:`.graphviz_pages` (fitting PDF
pages) and :mod:`.graphviz_run` (running the real ``dot``). This module names what callers use.
"""

from __future__ import annotations

from .graphviz_cards import STYLE, esc, partition
from .graphviz_diff import auto_level, diff_chart
from .graphviz_flow import flow_chart
from .graphviz_org import org_chart
from .graphviz_pages import PAGES, diff_sources, flow_sources, org_sources, pdf_pages
from .graphviz_run import FORMATS, GraphvizMissing, RenderError, layout_size, render

__all__ = [
    "FORMATS",
    "PAGES",
    "STYLE",
    "GraphvizMissing",
    "RenderError",
    "auto_level",
    "diff_chart",
    "diff_sources",
    "esc",
    "flow_chart",
    "flow_sources",
    "layout_size",
    "org_chart",
    "org_sources",
    "partition",
    "pdf_pages",
    "render",
]

"""SVG charts in a real browser: no text leaves its box, whatever font the browser draws it in.

Graphviz sizes the boxes with DejaVu Sans. A browser without DejaVu uses the next font of the
list or its own sans-serif, and a wider one used to run out of the boxes. The test page gives
the charts' text a wide font the way such a browser would (a style rule that overrides the
SVG's font-family), and headless Chromium measures every text (getBBox) against the box it is
drawn in: the smallest rectangle or path of its node that holds the text's anchor point (the
canvas for the few texts drawn in no box; the small numbers at edge ends float free).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from orgdiff import build, load
from orgdiff.diff import compare
from orgdiff.render import graphviz_fit as fit
from orgdiff.render.graphviz import diff_chart, flow_chart, org_chart, render
from orgdiff.render.graphviz_run import dot
from orgdiff.structure import Structure

from .browser import chromium
from .conftest import ORGS
from .orgs_for_tests import dept, org, unit

SVG = "{http://www.w3.org/2000/svg}"
CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))

# The fonts a browser could fall back to, as style rules: the widest installed (monospaced)
# fonts, and an extreme one (DejaVu with extra letter spacing, much wider than any real sans).
WIDE = {
    "mono": "font-family: 'DejaVu Sans Mono', 'Noto Mono', monospace !important;",
    "spaced": "letter-spacing: 1.5px !important;",
}
DEFAULT = ""  # the SVG's own font list (DejaVu Sans here)
# and a narrower one: Arial's metrics (Liberation Sans), the list's last named font
NARROW = {"arial": "font-family: 'Liberation Sans', Arial, sans-serif !important;"}


def _long_names() -> tuple[Structure, Structure]:
    """Names as wide as names get: long words of wide letters, wrapped and unwrapped."""
    wide = "Mmmm Wwww Ææææ Øøøø Åååå Sundheds- og Beskæftigelsesindsatsen"
    word = "Beskæftigelsesindsatsmedarbejderkompetenceudviklingsområdet"
    before = org(
        dept(
            "Område for " + wide,
            unit("WWWWWWWWWW MMMMMMMMMM " + word, id="u1", leader="Mmmm Wwww leder", fte=12.5),
            unit("Kort", id="u2", fte=1),
            unit(word + " " + word, id="u3", leader="Overlæge " + wide, fte=3),
            id="d1",
        ),
        dept("Kort afdeling", unit("Ømmmmmmm Åwwwwwww", id="u4", fte=2), id="d2"),
        model="Før: " + wide,
    )
    after = org(
        dept(
            "Område for " + wide + " (ny)",
            unit("WWWWWWWWWW MMMMMMMMMM " + word, id="u1", leader="Mmmm Wwww leder", fte=12.5),
            id="d1",
        ),
        dept(
            "Kort afdeling",
            unit("Ømmmmmmm Åwwwwwww", id="u4", fte=2),
            unit(word + " " + word, id="u3", leader="Overlæge " + wide, fte=3),
            unit("WWWWWWWW nye enhed " + word, id="u5", fte=4),
            id="d2",
        ),
        model="Efter: " + wide,
    )
    return build(before), build(after)


def _sources() -> dict[str, str]:
    d1, d2 = compare(CUR, M1), compare(CUR, M2)
    lb, la = _long_names()
    dl = compare(lb, la)
    return {
        "model1-diff-da": diff_chart(M1, d1, "da", before=CUR),
        "model2-flow-en": flow_chart(d2, "en"),
        "long-diff-da": diff_chart(la, dl, "da", before=lb),
        "long-flow-en": flow_chart(dl, "en"),
        "long-org-da": org_chart(la, "da"),
    }


SOURCES = _sources()

MEASURE = r"""
<script>
function box(el) { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }
const out = {};
for (const section of document.querySelectorAll('section')) {
  const rows = [];
  // a text drawn in no box (a flow chart's column titles) must stay on the canvas
  const canvas = box(section.querySelector('g.graph > polygon'));
  for (const g of section.querySelectorAll('g.node, g.graph')) {
    const shapes = [...g.querySelectorAll('polygon, path')]
      .filter(e => e.closest('g.node, g.graph, g.edge') === g).map(box)
      .filter(b => b[2] - b[0] > 2 && b[3] - b[1] > 2);
    for (const t of g.querySelectorAll('text')) {
      if (t.closest('g.node, g.graph, g.edge') !== g || !t.textContent.trim()) continue;
      const x = +t.getAttribute('x'), y = +t.getAttribute('y');
      let best = null;
      for (const s of shapes) {
        if (s[0] - 0.01 <= x && x <= s[2] + 0.01 && s[1] <= y && y <= s[3]) {
          if (!best || (s[2] - s[0]) * (s[3] - s[1]) < (best[2] - best[0]) * (best[3] - best[1]))
            best = s;
        }
      }
      rows.push([t.textContent, box(t), best || canvas]);
    }
  }
  out[section.id] = rows;
}
document.body.setAttribute('data-measured', JSON.stringify(out));
</script>
"""


def _inline(svg: bytes) -> str:
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def measure(
    svgs: dict[str, bytes], styles: dict[str, str], work: Path
) -> dict[tuple[str, str], list[tuple[str, list[float], list[float] | None]]]:
    """Every chart in every style, measured by Chromium in one page: (text, its box, the box
    it is drawn in) for each text of each chart."""
    sections = []
    for name, svg in svgs.items():
        for style, rule in styles.items():
            css = f"#{name}--{style} svg text {{ {rule} }}" if rule else ""
            sections.append(
                f'<style>{css}</style><section id="{name}--{style}">{_inline(svg)}</section>'
            )
    page = work / "charts.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'></head><body>"
        + "".join(sections)
        + MEASURE
        + "</body></html>",
        "utf-8",
    )
    dom = chromium(page, work, "--virtual-time-budget=5000", "--dump-dom").stdout
    match = re.search(r'data-measured="([^"]*)"', dom)
    assert match, "the measuring script ran"
    data = json.loads(html.unescape(match.group(1)))
    return {tuple(k.split("--")): v for k, v in data.items()}  # type: ignore[misc]


def overflows(rows: list[tuple[str, list[float], list[float] | None]]) -> list[tuple[str, float]]:
    """The texts that run out of their box (left or right), by how many pixels."""
    out = []
    for text, (x0, _, x1, _), container in rows:
        assert container is not None, f"{text!r} is drawn in no box"
        over = max(x1 - container[2], container[0] - x0)
        if over > 0.5:
            out.append((text, round(over, 1)))
    return out


@pytest.fixture(scope="module")
def measured(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], list[tuple[str, list[float], list[float] | None]]]:
    """The charts as orgdiff writes them (fitted) and as ``dot`` alone draws them (raw)."""
    svgs = {name + "-fitted": render(src, "svg") for name, src in SOURCES.items()}
    svgs |= {name + "-raw": dot(src, "svg") for name, src in SOURCES.items()}
    styles = {"default": DEFAULT, **WIDE, **NARROW}
    return measure(svgs, styles, tmp_path_factory.mktemp("fit"))


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize("style", ["default", *WIDE, *NARROW])
def test_no_text_leaves_its_box_in_any_font(
    measured: dict[tuple[str, str], list[tuple[str, list[float], list[float] | None]]],
    name: str,
    style: str,
) -> None:
    rows = measured[(name + "-fitted", style)]
    assert len(rows) > 10
    assert overflows(rows) == []


def test_the_check_finds_overflow_in_dots_own_svg_with_a_wide_font(
    measured: dict[tuple[str, str], list[tuple[str, list[float], list[float] | None]]],
) -> None:
    # What orgdiff wrote before text was fitted: fine in DejaVu Sans, out of the boxes in a
    # wider font. So the measurement above can fail, and the wide fonts really are wider.
    for name in SOURCES:
        assert overflows(measured[(name + "-raw", "default")]) == [], name
    worst = {
        (name, style): overflows(measured[(name + "-raw", style)])
        for name in SOURCES
        for style in WIDE
    }
    assert worst[("model1-diff-da", "mono")], "a monospaced fallback overflows unfitted boxes"
    assert worst[("long-diff-da", "mono")] and worst[("long-flow-en", "mono")]
    assert all(worst[(name, "spaced")] for name in SOURCES)


def _texts(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_text_is_fitted_and_reads_the_same(name: str) -> None:
    """Every text carries its laid-out width; what a reader copies is the text dot wrote."""
    fitted, raw = render(SOURCES[name], "svg"), dot(SOURCES[name], "svg")
    assert _texts(fitted) == _texts(raw)
    texts = [t for t in ET.fromstring(fitted).iter(f"{SVG}text") if (t.text or "").strip()]
    assert texts and all(
        t.get("lengthAdjust") == "spacingAndGlyphs" and float(t.get("textLength", "0")) > 0
        for t in texts
    )
    # the geometry is dot's: only the text elements gained attributes
    strip = re.compile(rb'(?: xml:space="preserve")? textLength="[^"]*" lengthAdjust="[^"]*"')
    assert strip.sub(b"", fitted) == raw
    assert render(SOURCES[name], "svg") == fitted  # byte-identical for the same input


def test_fit_text_keeps_end_spaces_and_leaves_unknown_text_alone() -> None:
    widths = {fit._key("start", 6.5, -94.3, "Hello "): 40.0, fit._key("middle", 3, -1, "a&b"): 9.0}
    svg = (
        '<text text-anchor="start" x="6.5" y="-94.3" font-size="14.00">Hello </text>'
        '<text text-anchor="middle" x="3" y="-1">a&amp;b</text>'
        '<text text-anchor="start" x="1" y="-1">unknown</text>'
    )
    assert fit.fit_text(svg, widths) == (
        '<text text-anchor="start" x="6.5" y="-94.3" font-size="14.00" xml:space="preserve" '
        'textLength="40.00" lengthAdjust="spacingAndGlyphs">Hello </text>'
        '<text text-anchor="middle" x="3" y="-1" textLength="9.00" '
        'lengthAdjust="spacingAndGlyphs">a&amp;b</text>'
        '<text text-anchor="start" x="1" y="-1">unknown</text>'
    )
    once = fit.fit_text(svg, widths)
    assert fit.fit_text(once, widths) == once  # fitting twice changes nothing

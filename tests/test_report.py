"""The decision report: self-contained, accessible, deterministic HTML, checked in a real browser.

Headless Chromium (Debian's `chromium`) prints the report to PDF and takes a screenshot; the
PDF's pages are read with poppler's pdfinfo/pdftotext, the screenshot with Pillow.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from orgdiff.render.html import e, inline_svg
from orgdiff.render.html_style import css_string

from .browser import chromium
from .conftest import ORGS, ROOT, run_cli

FILES = [ORGS / "current.yaml", ORGS / "model1.yaml", ORGS / "model2.yaml"]
HOSTILE = ROOT / "tests" / "cases" / "hostile-names"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", *FILES, "-o", out, "--date", "2026-05-11")
    assert result.code == 0, result.err
    return out


class Page(HTMLParser):
    """What the tests look at: tags with attributes, headings, tables, text by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, object]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self._heading: list[str] | None = None
        self._ids_text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
            self.headings.append((int(tag[1]), ""))
        if tag == "table":
            self.tables.append({"caption": False, "th": 0, "scoped": 0})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            t = self.tables[-1]
            t["th"] = int(str(t["th"])) + 1
            t["scoped"] = int(str(t["scoped"])) + (a.get("scope") in ("col", "row"))
        if tag not in ("br", "meta", "input", "polygon", "path", "ellipse", "polyline"):
            self._open.append((tag, a.get("id")))
            if a.get("id"):
                self._ids_text[a["id"]] = []

    def handle_endtag(self, tag: str) -> None:
        if tag.startswith("h") and tag[1:].isdigit() and self._heading is not None:
            level = self.headings[-1][0]
            self.headings[-1] = (level, "".join(self._heading).strip())
            self._heading = None
        while self._open:
            name, ident = self._open.pop()
            if ident:
                self.text_by_id[ident] = " ".join("".join(self._ids_text.pop(ident)).split())
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        for ident in self._ids_text:
            self._ids_text[ident].append(data)


def parsed(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# --- the HTML itself -----------------------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(report: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert run_cli("report", *FILES, "-o", again, "--date", "2026-05-11").code == 0
    assert again.read_bytes() == report.read_bytes()
    undated = tmp_path / "undated.html"
    assert run_cli("report", *FILES, "-o", undated).code == 0
    text = undated.read_text(encoding="utf-8")
    assert "2026-05-11" not in text and "<time>" not in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "no date unless --date"


def test_nothing_is_fetched_from_outside(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    page = parsed(report)
    for tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = attrs.get(name, "")
            assert not re.match(r"\s*(https?:|//|ftp:)", value, re.I), (tag, name, value)
        assert tag not in ("link", "iframe", "object", "embed", "img", "base"), tag
        if tag == "script":
            assert "src" not in attrs
    assert not re.search(r"url\(\s*['\"]?\s*(https?:|//)", text, re.I)
    assert "@import" not in text and "@font-face" not in text
    assert "<!DOCTYPE svg" not in text and "<?xml" not in text


def test_svg_ids_are_unique_and_every_reference_resolves(report: Path) -> None:
    page = parsed(report)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)), "every id once, though each chart had graph0, node1, ..."
    svgs = [a for tag, a in page.tags if tag == "svg"]
    assert len(svgs) == 4  # a diff and a flow chart per model
    text = report.read_text(encoding="utf-8")
    for ref in re.findall(r'href="#([^"]+)"', text) + re.findall(r"url\(#([^)]+)\)", text):
        assert ref in ids, ref
    assert 'href="#"' in text  # the charts' tooltip links point nowhere, and stay so


def test_inline_svg_prefixes_ids_and_references() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- c -->\n'
        '<svg width="1pt"><g id="graph0"><a xlink:href="#node1"/><path fill="url(#g)"/></g></svg>'
    )
    out = inline_svg(svg, "m1-diff-")
    assert out.startswith('<svg aria-hidden="true" focusable="false" width="1pt">')
    assert 'id="m1-diff-graph0"' in out and 'xlink:href="#m1-diff-node1"' in out
    assert "url(#m1-diff-g)" in out and "<!--" not in out


def test_headings_tables_contents_and_text_alternatives(report: Path) -> None:
    page = parsed(report)
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    for a, b in zip(levels, levels[1:], strict=False):
        assert b <= a + 1, f"heading level jumps from h{a} to h{b}"
    titles = [text for level, text in page.headings if level == 2]
    assert titles[:2] == ["Indhold", "Overblik"]
    assert titles[2].startswith("1. Model 1") and titles[3].startswith("2. Model 2")
    for table in page.tables:
        assert table["caption"], "every table has a caption"
        assert table["th"] and table["th"] == table["scoped"], "every header cell has a scope"
    links = [a["href"] for tag, a in page.tags if tag == "a" and a.get("href", "").startswith("#")]
    assert {"#overview", "#model-1", "#model-2"} <= set(links)
    ids = {a["id"] for _, a in page.tags if "id" in a}
    assert {"overview", "model-1", "model-2"} <= ids
    charts = [a for _, a in page.tags if a.get("role") == "img"]
    assert len(charts) == 4
    sentences = [
        [" ".join(x.split()) for x in re.findall(r"<li>(.*?)</li>", ul)]
        for ul in re.findall(r'<ul class="what">(.*?)</ul>', report.read_text(encoding="utf-8"))
    ]
    assert len(sentences) == 2 and all(len(s) >= 2 for s in sentences)
    for n, a in enumerate(charts):
        alt = page.text_by_id[a["aria-labelledby"]]
        # the text alternative is made of the same "what changes" sentences
        for sentence in sentences[n // 2]:
            assert html.unescape(sentence) in alt


def test_overview_has_every_model_and_the_figures(report: Path) -> None:
    text = html.unescape(report.read_text(encoding="utf-8"))
    overview = text[text.index('id="overview"') : text.index('id="model-1"')]
    for label in (
        "Afdelinger",
        "Chefstillinger",
        "Lederstillinger",
        "Enheder",
        "Årsværk",
        "Årlig udgiftsændring",
        "heraf chefstillinger",
        "Spredning i årsværk",
    ):
        assert f">{label}" in overview, label
    assert "Nuværende organisering" in overview and "Model 1" in overview and "Model 2" in overview
    assert "−0,35 mio. DKK" in overview and "−1,2 mio. DKK" in overview


def test_english_report(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    assert run_cli("report", *FILES, "-o", out, "--lang", "en").code == 0
    text = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Decision report" in text and "What changes" in text
    assert "Moved units" in text and "−0.35 m DKK" in text


def test_every_name_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "hostile.html"
    result = run_cli("report", HOSTILE / "before.yaml", HOSTILE / "after.yaml", "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert text.count("<script>") == 1  # only the page's own
    # the running header: a CSS string that cannot end the string or the <style>
    style = text[text.index("<style>") + 7 : text.index("</style>")]
    assert "<" not in style and "alert(1)" not in style


def test_css_string_and_e() -> None:
    assert css_string('a"b</style>') == '"a\\000022b\\00003c\\00002fstyle\\00003e"'
    assert e('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"


def test_bad_input_is_one_clear_error(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "invalid" / "wrong_types.yaml"
    result = run_cli("report", FILES[0], bad, "-o", tmp_path / "r.html")
    assert result.code == 2
    assert result.err.startswith(str(bad)) and "Traceback" not in result.err
    assert not (tmp_path / "r.html").exists()


# --- PDF: WeasyPrint (the pdf extra) -------------------------------------------------------------


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match, info.stdout
    return int(match.group(1))


def page_text(pdf: Path, n: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_format_pdf_with_weasyprint(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run_cli("report", *FILES, "-o", out, "--date", "2026-05-11")
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(out)
    assert pages >= 3
    assert "Side 1 af" in page_text(out, 1) and "Albertslund Kommune" in page_text(out, 1)


def test_format_pdf_without_weasyprint_says_how(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['weasyprint'] = None; "  # as if the extra were not installed
        "from orgdiff.cli import main; sys.argv[0] = 'orgdiff'; main()"
    )
    out = tmp_path / "r.pdf"
    proc = subprocess.run(
        [sys.executable, "-c", code, "report", *map(str, FILES), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "pip install 'orgdiff[pdf]'" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


# --- a real browser: headless Chromium -----------------------------------------------------------


def test_chromium_prints_one_page_break_per_model(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    chromium(report, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    pages = pdf_pages(pdf)
    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    starts = [
        next(n for n, text in enumerate(texts) if re.search(rf"^\s*{k}\. Model {k}", text, re.M))
        for k in (1, 2)
    ]
    assert 0 < starts[0] < starts[1] < pages, starts  # each model begins a page of its own
    for n, text in enumerate(texts, 1):
        assert f"Side {n} af {pages}" in text, f"page {n}: no page number"
        assert "Albertslund Kommune" in text and "2026-05-11" in text  # the running header
    assert 4 <= pages <= 14


PROBE = (
    "<script>addEventListener('load',function(){var r=[].map.call("
    "document.querySelectorAll('figure.chart .svg'),function(f){var b=f.getBoundingClientRect();"
    "return [f.parentNode.id,b.left+scrollX,b.top+scrollY,b.width,b.height];});"
    "document.body.setAttribute('data-rects',JSON.stringify({h:"
    "document.documentElement.scrollHeight,r:r}));});</script></body>"
)


def chart_boxes(report: Path, work: Path) -> tuple[int, list[tuple[str, int, int, int, int]]]:
    """Where the browser lays out each chart (a copy of the page with a measuring script)."""
    probe = work / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE), "utf-8")
    dom = chromium(
        probe, work, "--window-size=1280,1000", "--virtual-time-budget=5000", "--dump-dom"
    ).stdout
    match = re.search(r'data-rects="([^"]*)"', dom)
    assert match, "the measuring script ran"
    data = json.loads(html.unescape(match.group(1)))
    boxes = [(str(k), round(x), round(y), round(w), round(h)) for k, x, y, w, h in data["r"]]
    return int(data["h"]), boxes


def test_each_chart_is_visible_in_a_screenshot(report: Path, tmp_path: Path) -> None:
    height, boxes = chart_boxes(report, tmp_path)
    assert [b[0] for b in boxes] == ["model-1-diff", "model-1-flow", "model-2-diff", "model-2-flow"]
    shot = tmp_path / "shot.png"
    chromium(report, tmp_path, f"--window-size=1280,{height}", f"--screenshot={shot}")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, height)
    for key, x, y, w, h in boxes:
        assert w > 300 and h > 200, (key, w, h)
        area = image.crop((x, y, x + w, y + h))
        counts = area.getcolors(maxcolors=w * h) or []
        inked = sum(n for n, colour in counts if min(colour) < 200) / (w * h)
        colours = len(counts)
        assert inked > 0.02 and colours > 20, f"{key}: chart area is blank ({inked:.3f}, {colours})"
    # and a control: the page's white margin to the left of the charts is blank
    margin = image.crop((0, boxes[0][2], 40, boxes[0][2] + 200)).getcolors(maxcolors=8000)
    assert margin is not None and len(margin) == 1


def page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for (the browser's own update pings have no page as initiator)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = [
        (ev.get("params", {}).get("url", ""), ev.get("params", {}).get("initiator"))
        for ev in log["events"]
        if ev["type"] == start
    ]
    return [
        url
        for url, initiator in urls
        if url and initiator != "not an origin" and not url.startswith(("file:", "data:"))
    ]


def test_no_request_leaves_the_machine(report: Path, tmp_path: Path) -> None:
    net = tmp_path / "net.json"
    chromium(report, tmp_path, "--virtual-time-budget=5000", f"--log-net-log={net}", "--dump-dom")
    assert page_requests(net) == []
    # the check can fail: a page that loads an image from the web is caught
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<img src="http://example.invalid/x.png"><p>x</p>', "utf-8")
    net2 = tmp_path / "net2.json"
    chromium(leaky, tmp_path, "--virtual-time-budget=5000", f"--log-net-log={net2}", "--dump-dom")
    assert page_requests(net2) == ["http://example.invalid/x.png"]


def test_works_with_javascript_off_and_the_search_appears_with_it(
    report: Path, tmp_path: Path
) -> None:
    # JavaScript off for the page: a copy whose content security policy forbids every script
    # (Chromium's scriptEnabled=false also stops --dump-dom itself)
    no_js = tmp_path / "no-js.html"
    policy = '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
    text = report.read_text(encoding="utf-8")
    no_js.write_text(text.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + policy, 1))
    off = chromium(no_js, tmp_path, "--virtual-time-budget=3000", "--dump-dom").stdout
    on = chromium(report, tmp_path, "--virtual-time-budget=3000", "--dump-dom").stdout
    for dom in (off, on):
        assert dom.count("<svg") == 4 and 'id="model-2"' in dom and dom.count("data-unit=") > 100
    assert '<div class="search" id="unit-search" hidden=""' in off  # the script did not run
    assert '<div class="search" id="unit-search">' in on  # the script showed the search box

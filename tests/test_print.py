"""Charts checked the way a reader gets them: printed on A4 in greyscale.

Each PDF page is drawn by the real ``dot``, rasterised at 150 dpi with poppler's ``pdftoppm``
and turned to greyscale with ImageMagick's ``convert``; the smallest text on every page is
computed from the layout (the scale that fits the page × the smallest font size the DOT uses)
and must be 8 pt or more.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.generate import Dept, Unit, reorganise, write
from orgdiff import build, load, load_structure
from orgdiff.diff import compare
from orgdiff.render.graphviz import STYLE, diff_sources, flow_sources, pdf_pages
from orgdiff.render.graphviz_pages import MIN_PRINTED, PAGES, fit
from orgdiff.structure import Structure

from .conftest import ORGS

CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))
A4_AT_150 = (1754, 1241)  # landscape A4 in pixels at 150 dpi (pdftoppm rounds up)


def thirty(tmp: Path) -> tuple[Structure, Structure]:
    """A generated reorganisation of 30 departments (two merges, a split, a rename, moves,
    additions, removals, new leader layers), written as YAML and loaded like any file."""
    rng = random.Random(30)
    n = 0
    depts = []
    for d in range(30):
        units = []
        for _ in range(rng.randint(3, 7)):
            n += 1
            units.append(Unit(f"u{n}", f"Enhed {n} for borgerservice", rng.randint(2, 40), None))
        depts.append(Dept(f"d{d}", f"Afdeling {d} – Social & Ældre", units))
    after, _ = reorganise(depts, 30)
    write(tmp / "before.yaml", "Nuværende", depts)
    write(tmp / "after.yaml", "Ny model", after)
    return load_structure(tmp / "before.yaml"), load_structure(tmp / "after.yaml")


def smallest_font(source: str) -> float:
    """The smallest font size the DOT source asks for anywhere."""
    sizes = [float(x) for x in re.findall(r'POINT-SIZE="([0-9.]+)"', source)]
    sizes += [float(x) for x in re.findall(r"fontsize=([0-9.]+)", source)]
    return min(sizes)


def grey_of(colour: str) -> int:
    """What ``convert -colorspace Gray`` makes of a colour (0–255)."""
    out = subprocess.run(
        [
            "convert",
            "-size",
            "1x1",
            f"xc:{colour}",
            "-colorspace",
            "Gray",
            "-depth",
            "8",
            "-format",
            "%[fx:round(255*p{0,0}.r)]",
            "info:",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout)


def rasterise(pdf: bytes, tmp: Path, name: str) -> list[Path]:
    """The PDF's pages as greyscale PNGs at 150 dpi, as a reader's printer would see them."""
    (tmp / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(tmp / f"{name}.pdf"), str(tmp / name)], check=True
    )
    pages = sorted(tmp.glob(f"{name}-*.png"))
    for page in pages:
        subprocess.run(["convert", str(page), "-colorspace", "Gray", str(page)], check=True)
    return pages


def histogram(png: Path) -> dict[int, int]:
    """Pixel counts per grey level of a greyscale PNG."""
    out = subprocess.run(
        ["convert", str(png), "-depth", "8", "-format", "%c", "histogram:info:-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: dict[int, int] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\d+):\s*\(\s*(\d+)", line)
        if m:
            counts[int(m[2])] = counts.get(int(m[2]), 0) + int(m[1])
    return counts


def size_of(png: Path) -> tuple[int, int]:
    out = subprocess.run(
        ["convert", str(png), "-format", "%w %h", "info:"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("convert") and shutil.which("dot")),
    reason="make test installs poppler-utils, ImageMagick and Graphviz",
)


def check_pages(sources: list[str], page: str = "a4") -> None:
    """Every page prints its smallest text at 8 pt or more (computed from the layout)."""
    for n, source in enumerate(sources):
        f = fit(source, page)
        printed = f.scale * smallest_font(source)
        assert printed >= MIN_PRINTED, f"page {n + 1}: smallest text {printed:.1f} pt"


@pytest.mark.parametrize("model", ["model1", "model2"])
def test_albertslund_prints_on_a4_in_greyscale(model: str, tmp_path: Path) -> None:
    after = {"model1": M1, "model2": M2}[model]
    d = compare(CUR, after)
    diff = diff_sources(after, d, "da", "a4", before=CUR)
    flow = flow_sources(d, "da", "a4")
    check_pages(diff)
    check_pages(flow)
    assert "Hvad ændres" in diff[0] and "Signaturforklaring" in diff[0]  # panel, legend: page 1
    assert "Hvad ændres" in flow[0] and "Signaturforklaring" in flow[0]
    assert len(diff) > 1  # too large for one page at 8 pt: broken up, not shrunk
    pages = rasterise(pdf_pages(diff, "a4"), tmp_path, "diff")
    assert len(pages) == len(diff)
    assert all(size_of(p) == A4_AT_150 for p in pages)
    levels: dict[int, int] = {}
    for p in pages:
        for grey, n in histogram(p).items():
            levels[grey] = levels.get(grey, 0) + n
    # The moved rows' fill prints as its own grey, apart from the header fill and the paper.
    moved = grey_of(STYLE["moved_fill"])
    assert sum(levels.get(g, 0) for g in range(moved - 2, moved + 3)) > 1000
    header = grey_of(STYLE["dept_fill"])
    assert sum(levels.get(g, 0) for g in range(header - 2, header + 3)) > 1000
    flow_pages = rasterise(pdf_pages(flow, "a4"), tmp_path, "flow")
    assert all(size_of(p) == A4_AT_150 for p in flow_pages)


def test_fills_stay_apart_in_greyscale() -> None:
    greys = [grey_of(STYLE[k]) for k in ("dept_fill", "added_fill", "moved_fill")]
    greys.append(255)  # the paper
    greys.sort()
    assert min(b - a for a, b in zip(greys, greys[1:], strict=False)) >= 8, greys


def test_thirty_departments_print_legibly(tmp_path: Path) -> None:
    before, after = thirty(tmp_path)
    assert len(before.depts) == 30
    d = compare(before, after)
    assert d.departments.merged and d.departments.split and d.units.moved
    diff = diff_sources(after, d, "en", "a4", before=before)
    flow = flow_sources(d, "en", "a4")
    check_pages(diff)
    check_pages(flow)
    pages = rasterise(pdf_pages(flow, "a4"), tmp_path, "flow30")
    assert pages and all(size_of(p) == A4_AT_150 for p in pages)
    text = "".join(flow)
    assert "ENDS: merged" in text and "ENDS: split up" in text and "~ formerly" in text
    pages = rasterise(pdf_pages(diff[:3], "a4"), tmp_path, "diff30")
    assert all(size_of(p) == A4_AT_150 for p in pages)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_paper_size(page: str) -> None:
    d = compare(CUR, M1)
    sources = diff_sources(M1, d, "en", page, before=CUR)
    check_pages(sources, page)
    pdf = pdf_pages(sources, page)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(sources)
    for p in reader.pages:
        w, h = float(p.mediabox.width), float(p.mediabox.height)
        assert (round(w), round(h)) == tuple(round(x) for x in PAGES[page])  # landscape
    assert pdf_pages(sources, page) == pdf  # the same bytes every time: no date, no random id
    assert b"/CreationDate (D:2" not in pdf


def test_bigger_paper_needs_no_more_pages() -> None:
    d = compare(CUR, M1)
    a4 = diff_sources(M1, d, "en", "a4", before=CUR)
    a3 = diff_sources(M1, d, "en", "a3", before=CUR)
    assert len(a3) <= len(a4)

"""Charts drawn by the real Graphviz `dot`: SVG parsed as XML and checked for content."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from orgdiff import build, load
from orgdiff.diff import compare
from orgdiff.render.graphviz import STYLE, diff_chart, esc, flow_chart, org_chart, render

from .conftest import ORGS, ROOT, run_cli

SVG = "{http://www.w3.org/2000/svg}"
CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))


def svg(source: str) -> ET.Element:
    return ET.fromstring(render(source, "svg"))


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def joined(root: ET.Element) -> str:
    """All text of the chart; wrapped lines joined with spaces, as a reader reads them."""
    return " ".join(" ".join((t.text or "") for t in texts(root)).split())


def test_dot_is_installed_for_the_tests() -> None:
    assert shutil.which("dot"), "make test installs Graphviz; the charts are tested for real"


def test_org_chart_has_every_department_and_unit() -> None:
    root = svg(org_chart(CUR, "da"))
    content = joined(root)
    for d in CUR.depts:
        assert d.name in content
        assert d.chef is not None and d.chef.title in content
    for u in CUR.units:
        assert " ".join(u.name.split()) in content, u.name
    assert "7 afdelinger · 67 enheder · 2.031 årsværk · 7 chefstillinger" in content
    fonts = {t.get("font-family") for t in texts(root)}
    assert fonts == {STYLE["font"]}


def _row_fill(root: ET.Element, text: str) -> str | None:
    """The fill of the cell background drawn just before the text ``text``."""
    last_fill = None
    for el in root.iter():
        if el.tag == f"{SVG}polygon" and el.get("fill") not in (None, "none", "white", "#ffffff"):
            last_fill = el.get("fill")
        if el.tag == f"{SVG}text" and (el.text or "").strip() == text:
            return last_fill
    raise AssertionError(f"{text!r} not in chart")


def test_diff_chart_model1_marks_the_changes() -> None:
    d = compare(CUR, M1)
    root = svg(diff_chart(M1, d, "da"))
    content = joined(root)
    for name in [x.name for x in M1.depts] + [u.name for u in M1.units]:
        assert " ".join(name.split()) in content
    # Erhverv carries the "moved" style and says where it came from.
    assert _row_fill(root, "Erhverv") == STYLE["moved_fill"].lower()
    assert "fra Beskæftigelse, Borger & Ydelser" in content
    # The merged department shows both its sources.
    assert "sammenlagt af Børn & Familie + Beskæftigelse, Borger & Ydelser" in content
    # The removed chef post is there, struck through, in the merged department.
    struck = [t for t in texts(root) if "line-through" in (t.get("text-decoration") or "")]
    assert "Chef for Beskæftigelse, Borger & Ydelser" in " ".join(
        " ".join((t.text or "") for t in struck).split()
    )
    assert "stilling nedlagt" in content
    # The new leader layer and its post are marked as added.
    assert _row_fill(root, "Dagtilbudsområdet") == STYLE["added_fill"].lower()
    assert "+ Dagtilbudschef" in content
    assert "7 → 6 afdelinger · 1 sammenlægning · 1 enhed flyttet" in content  # caption
    assert "Signaturforklaring" in content  # legend


def test_diff_chart_model2_moves_and_split() -> None:
    root = svg(diff_chart(M2, compare(CUR, M2), "en"))
    content = joined(root)
    for unit in (
        "Rusmiddelområdet",
        "Bostøtten",
        "Ungeboligerne",
        "Erhverv",
        "Uddannelsesvejledningen",
    ):
        assert _row_fill(root, unit) == STYLE["moved_fill"].lower(), unit
    assert "part of Dagtilbud og Skole" in content
    assert "formerly Beskæftigelse, Borger & Ydelser" in content
    assert (
        _row_fill(root, "Myndighedsenheden") is None
        or _row_fill(root, "Myndighedsenheden") != STYLE["moved_fill"].lower()
    )


def test_flow_chart_shows_merge_and_split() -> None:
    d = compare(CUR, M2)
    root = svg(flow_chart(d, "da"))
    content = joined(root)
    assert "16 enheder, 437 årsværk" in content  # daycare part of the split
    assert "8 enheder, 427 årsværk" in content  # school part
    assert "→ 4 enheder, 45 årsværk" in content  # moved into Beskæftigelse & Borger
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) >= len(d.departments.flows)
    widths = [float(p.get("stroke-width", "1")) for g in edges for p in g.iter(f"{SVG}path")]
    assert max(widths) > 3 * min(widths)  # width follows the number of units


def test_removed_units_and_departments_are_dashed_ghosts() -> None:
    d = compare(M2, CUR)  # backwards: Skole & Uddannelse is split off, nothing removed
    reverse = svg(diff_chart(CUR, d, "en"))
    assert "Børn & Familie" in joined(reverse)
    small_before = build(load(ROOT / "tests/cases/split-rename-noids/before.yaml"))
    small_after = build(load(ROOT / "tests/cases/split-rename-noids/after.yaml"))
    root = svg(diff_chart(small_after, compare(small_before, small_after), "en"))
    struck = [t.text for t in texts(root) if "line-through" in (t.get("text-decoration") or "")]
    assert "Payroll" in struck
    dashed = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke-dasharray")]
    assert dashed, "the removed unit's cell is dashed"


def test_same_input_gives_byte_identical_svg() -> None:
    d = compare(CUR, M1)
    for source in (org_chart(CUR, "da"), diff_chart(M1, d, "da"), flow_chart(d, "da")):
        assert render(source, "svg") == render(source, "svg")
    assert diff_chart(M1, d, "da") == diff_chart(M1, compare(CUR, M1), "da")


def test_png_and_pdf() -> None:
    source = org_chart(CUR, "da")
    assert render(source, "png").startswith(b"\x89PNG\r\n\x1a\n")
    pdf = render(source, "pdf")
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf  # the font with æ ø å embedded


def test_hostile_names_stay_text(tmp_path: Path) -> None:
    evil = 'Evil "quoted" \\ back <b>&amp;</b></text><script>alert(1)</script>\nnew line'
    f = tmp_path / "evil.yaml"
    f.write_text(
        "organisation: '<svg onload=alert(1)>'\nmodel: 'm \" ]; x -> y [label=\"'\n"
        "departments:\n  - name: "
        + _yaml_str(evil)
        + "\n    chef: "
        + _yaml_str(evil)
        + "\n    units:\n      - name: "
        + _yaml_str("A" * 120)
        + "\n"
    )
    s = build(load(f))
    root = svg(org_chart(s, "en"))  # parses: nothing became markup
    assert not list(root.iter(f"{SVG}script"))
    content = joined(root)
    assert "".join(evil.split()) in "".join(content.split())  # every character, as text
    assert "A" * 34 in content and content.count("A" * 34) >= 3  # wrapped, not clipped
    assert "".join(content.split()).count("A" * 120) == 1
    d = compare(s, s)
    ET.fromstring(render(diff_chart(s, d, "en"), "svg"))
    ET.fromstring(render(flow_chart(d, "en"), "svg"))


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_esc_escapes_and_wraps() -> None:
    assert esc("<a & b>") == "&lt;a &amp; b&gt;"
    assert esc('"x"') == "&quot;x&quot;"
    assert esc("one two three", wrap=7) == 'one two<BR ALIGN="LEFT"/>three'
    assert esc("bell\x07 and \u202eRTL") == "bell and RTL"


def test_depth_collapses_deeper_levels() -> None:
    content = joined(svg(org_chart(CUR, "en", depth=1)))
    assert "Egelundskolen" not in content and "+24 units" in content
    content = joined(svg(org_chart(CUR, "en", depth=2)))
    assert "Egelundskolen" in content and "Ungeindsatsen" not in content and "+3 units" in content


def test_changed_only_keeps_changed_branches() -> None:
    d = compare(CUR, M2)
    content = joined(svg(diff_chart(M2, d, "en", changed_only=True)))
    assert "Erhverv" in content and "Bostøtten" in content
    assert "Egelundskolen" not in content  # unchanged school in a split-off department
    assert "Plejecentret Albertshøj" not in content
    assert "unchanged units" in content
    assert "Kultur & Fritid" in content and "unchanged · 8 units" in content


# --- the commands -----------------------------------------------------------------------------


def test_render_all_writes_every_chart(tmp_path: Path) -> None:
    result = run_cli("render", "--all", "orgs", "-o", tmp_path / "charts")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "charts" / "albertslund").iterdir())
    assert names == [
        "current.svg",
        "model1.diff.svg",
        "model1.flow.svg",
        "model1.svg",
        "model2.diff.svg",
        "model2.flow.svg",
        "model2.svg",
    ]
    first = (tmp_path / "charts/albertslund/model1.diff.svg").read_bytes()
    assert run_cli("render", "--all", "orgs", "-o", tmp_path / "charts").code == 0
    assert (tmp_path / "charts/albertslund/model1.diff.svg").read_bytes() == first
    assert oct((tmp_path / "charts/albertslund/current.svg").stat().st_mode & 0o777) != "0o600"


def test_compare_writes_chart_and_flow_by_extension(tmp_path: Path) -> None:
    result = run_cli(
        "compare",
        ORGS / "current.yaml",
        ORGS / "model1.yaml",
        "--chart",
        tmp_path / "diff.png",
        "--flow",
        tmp_path / "flow.dot",
    )
    assert result.code == 0, result.err
    assert (tmp_path / "diff.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "flow.dot").read_text().startswith("digraph flowchart {")
    bad = run_cli(
        "compare", ORGS / "current.yaml", ORGS / "model1.yaml", "--chart", tmp_path / "diff.gif"
    )
    assert bad.code == 2 and "cannot tell the chart format" in bad.err
    two = run_cli(
        "compare",
        ORGS / "current.yaml",
        ORGS / "model1.yaml",
        ORGS / "model2.yaml",
        "--chart",
        tmp_path / "x.svg",
    )
    assert two.code == 2 and "exactly one AFTER" in two.err


def test_without_dot_one_clear_message_and_dot_format_still_works(tmp_path: Path) -> None:
    old = tmp_path / "out" / "current.svg"
    old.parent.mkdir()
    old.write_text("old chart")
    env = {"PATH": str(tmp_path)}  # no dot on this PATH
    result = run_cli("render", ORGS / "current.yaml", "-o", tmp_path / "out", env=env)
    assert result.code == 2
    assert result.err.startswith("Graphviz's `dot` program is not installed")
    assert "apt-get install graphviz" in result.err and "Traceback" not in result.err
    assert old.read_text() == "old chart"  # a failed render leaves the old file
    assert sorted(p.name for p in old.parent.iterdir()) == ["current.svg"]
    result = run_cli("render", ORGS / "current.yaml", "-o", tmp_path / "out", "-f", "dot", env=env)
    assert result.code == 0 and (tmp_path / "out" / "current.dot").exists()


def test_render_all_reports_bad_files_and_renders_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "orgs"
    folder.mkdir()
    shutil.copy(ORGS / "current.yaml", folder / "current.yaml")
    shutil.copy(ORGS / "model1.yaml", folder / "model1.yaml")
    (folder / "broken.yaml").write_text("organisation: A\n")
    result = run_cli("render", "--all", folder, "-o", tmp_path / "charts")
    assert result.code == 2
    assert "broken.yaml:1:1: model: required field is missing" in result.err
    assert (tmp_path / "charts" / "model1.diff.svg").exists()


def test_no_files_is_a_usage_error() -> None:
    result = run_cli("render")
    assert result.code == 2 and "give org files to render, or --all FOLDER" in result.err

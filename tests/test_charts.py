"""Charts drawn by the real Graphviz `dot`: SVG parsed as XML and checked for content."""

from __future__ import annotations

import itertools
import random
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdiff import build, load
from orgdiff.changes import Flow, Ref
from orgdiff.diff import compare
from orgdiff.render.graphviz import (
    STYLE,
    auto_level,
    diff_chart,
    esc,
    flow_chart,
    org_chart,
    partition,
    render,
)
from orgdiff.render.graphviz_flow import crossings, order_columns
from orgdiff.structure import Structure
from orgdiff.summary import flow_groups, what_changes

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
    assert "⇐ 8 units from Dagtilbud og Skole" in content  # the split part, in its header
    assert "formerly Beskæftigelse, Borger & Ydelser" in content
    assert (
        _row_fill(root, "Myndighedsenheden") is None
        or _row_fill(root, "Myndighedsenheden") != STYLE["moved_fill"].lower()
    )


def test_flow_chart_shows_merge_and_split() -> None:
    d = compare(CUR, M2)
    root = svg(flow_chart(d, "da"))
    content = joined(root)
    # what arrives is written in the receiving box, so no label sits by the wrong edge
    assert "← 16 enheder, 437 årsværk fra Dagtilbud og Skole" in content  # daycare part
    assert "← 8 enheder, 427 årsværk fra Dagtilbud og Skole" in content  # school part
    assert "← 4 enheder, 45 årsværk fra Ældre, Sundhed og Social" in content  # moved
    assert "xlabel" not in flow_chart(d, "da")
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


# --- issue 11: the defects, each a test ----------------------------------------------------------


def test_a_department_that_only_gives_units_away_is_not_unchanged() -> None:
    d = compare(CUR, M2)  # Ældre, Sundhed og Social only gives four units to Beskæftigelse
    for changed_only in (False, True):
        content = joined(svg(diff_chart(M2, d, "da", changed_only=changed_only, before=CUR)))
        card = content.split("Ældre, Sundhed og Social Chef for Ældre, Sundhed og Social", 1)[1]
        assert card.startswith(" → 4 enheder til Beskæftigelse & Borger")
        assert "uændret" not in card[:120]


def test_unchanged_count_leaves_out_units_carried_in() -> None:
    d = compare(CUR, M2)  # Børn & Familie: 4 of its own units + 16 carried from Dagtilbud
    content = joined(svg(diff_chart(M2, d, "da", changed_only=True, before=CUR)))
    assert "20 uændrede enheder" not in content
    assert "⇐ Dagplejen" in content  # carried units are marked, so they are not "unchanged"


def test_ended_departments_are_ghosts_with_where_their_units_went() -> None:
    d = compare(CUR, M1)
    root = svg(diff_chart(M1, d, "da", before=CUR))
    content = joined(root)
    assert "Beskæftigelse, Borger & Ydelser − OPHØRER: sammenlagt" in content
    assert "→ 6 enheder til Børn, Familie & Beskæftigelse" in content
    assert "→ 1 enhed til Økonomi & Stab" in content
    struck = " ".join(
        (t.text or "") for t in texts(root) if "line-through" in (t.get("text-decoration") or "")
    )
    assert "Beskæftigelse, Borger &" in struck  # the ghost's name is struck through
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert dashed, "the ghost box is dashed"
    # the department level has the ghosts too
    content = joined(svg(diff_chart(M1, d, "da", before=CUR, level="departments")))
    assert "Børn & Familie − OPHØRER: sammenlagt" in content


def test_carried_units_are_marked_with_their_origin() -> None:
    d = compare(CUR, M1)
    content = joined(svg(diff_chart(M1, d, "en", before=CUR)))
    assert "⇐ from Børn & Familie" in content and "⇐ from Beskæftigelse, Borger &" in content
    assert "⇐ Jobcenter Albertslund" in content


def test_merged_and_split_header_says_each_thing_once_on_its_own_line() -> None:
    d = compare(CUR, M2)  # Børn & Familie continues and takes the daycare part of the split
    source = diff_chart(M2, d, "en", before=CUR)
    content = joined(svg(source))
    assert content.count("⇐ 16 units from Dagtilbud og Skole") == 1
    assert "merged from" not in content  # it continues: no "merged from itself"


def _tiny(tmp: Path, name: str, depts: str) -> Structure:
    f = tmp / f"{name}.yaml"
    f.write_text(f"organisation: T\nmodel: {name}\ndepartments:\n{depts}")
    return build(load(f))


def test_a_new_department_is_marked_new(tmp_path: Path) -> None:
    before = _tiny(tmp_path, "a", "  - name: A\n    units:\n      - name: X\n      - name: Y\n")
    after = _tiny(
        tmp_path,
        "b",
        "  - name: A\n    units:\n      - name: X\n      - name: Y\n"
        "  - name: B\n    units:\n      - name: Z\n",
    )
    d = compare(before, after)
    root = svg(diff_chart(after, d, "en", before=before))
    assert "+ NEW DEPARTMENT" in joined(root)
    flow = joined(svg(flow_chart(d, "en")))
    assert "+ NEW" in flow


def test_flow_chart_has_legend_renames_chef_posts_and_ends() -> None:
    d = compare(CUR, M2)
    content = joined(svg(flow_chart(d, "en")))
    assert "Legend" in content and "dashed line: units move to another department" in content
    assert "~ renamed Beskæftigelse & Borger" in content  # on the before box
    assert "~ formerly Beskæftigelse, Borger & Ydelser" in content  # on the after box
    assert "− ENDS: split up" in content
    content = joined(svg(flow_chart(compare(CUR, M1), "en")))
    assert "− chef post removed" in content


def test_flow_columns_are_ordered_to_cut_crossings() -> None:
    rng = random.Random(3)
    left = [f"b{i}" for i in range(30)]
    right = [f"a{i}" for i in range(30)]
    perm = list(range(30))
    rng.shuffle(perm)
    flows = [(f"b{i}", f"a{perm[i]}", 5.0) for i in range(30)]
    flows += [(f"b{rng.randrange(30)}", f"a{rng.randrange(30)}", 1.0) for _ in range(12)]
    before = crossings(left, right, flows)
    lo, ro = order_columns(left, right, flows)
    assert sorted(lo) == sorted(left) and sorted(ro) == sorted(right)
    assert crossings(lo, ro, flows) < before / 4


def test_many_single_unit_moves_are_grouped() -> None:
    flows = tuple(Flow(Ref(f"b{i}", "B"), Ref(f"a{i}", "A"), 1, 1.0, False) for i in range(12))
    drawn, small = flow_groups(flows, 8)
    assert not drawn and len(small) == 12
    drawn, small = flow_groups(flows[:5], 8)
    assert len(drawn) == 5 and not small


def test_legend_samples_sit_inside_its_border_and_fte_column_has_a_heading() -> None:
    source = diff_chart(M1, compare(CUR, M1), "da", before=CUR)
    # every card table leaves a cell spacing, so a row's dashed border stays inside the frame
    assert 'CELLSPACING="0" CELLPADDING="2" STYLE' not in source
    content = joined(svg(source))
    assert content.count("Årsværk") >= 6  # a heading over every card's FTE column


def test_masonry_has_no_empty_slots_or_stretched_cards() -> None:
    source = diff_chart(M1, compare(CUR, M1), "da", before=CUR)
    assert "<TD></TD></TR>" not in source.replace("<TD></TD><TD></TD>", "")
    assert "WIDTH=" not in source  # no fixed widths to overflow with a wider fallback font


def test_net_cost_shows_its_parts_and_marks_the_estimate() -> None:
    d = compare(CUR, M1)
    sentences = what_changes(d, "da", CUR, M1)
    assert 3 <= len(sentences) <= 6
    net = [s for s in sentences if s.startswith("Netto")]
    assert net == [
        "Netto: −1,2 mio. DKK + 0,85 mio. DKK = −0,35 mio. DKK om året "
        "(≈: filens standardsats for en chefstilling, et skøn)."
    ]
    assert any("≈ −1,2 mio. DKK" in s for s in sentences)
    en = what_changes(d, "en")
    assert any(s.startswith("Net: −1.2 m DKK + 0.85 m DKK = −0.35 m DKK") for s in en)


def test_panel_on_every_diff_chart_at_12_pt_or_more() -> None:
    d = compare(CUR, M1)
    for source in (diff_chart(M1, d, "en", before=CUR), flow_chart(d, "en")):
        root = svg(source)
        sizes = [
            float(t.get("font-size", "0")) for t in texts(root) if (t.text or "").startswith("•")
        ]
        assert len(sizes) >= 3 and min(sizes) >= 12
        assert "What changes" in joined(root)


def test_department_level_is_the_default_above_40_departments() -> None:
    from benchmarks.bench import many_departments

    ob, oa = many_departments(45, 1)
    sb, sa = build(ob), build(oa)
    d = compare(sb, sa)
    assert auto_level(d) == "departments"
    source = diff_chart(sa, d, "en")
    assert "Enhed u1-0" not in source  # no unit rows
    assert "units 2 → 1" in source or "units 1 → 2" in source
    assert auto_level(compare(CUR, M1)) == "units"
    unit_level = diff_chart(sa, d, "en", level="units")
    assert "Enhed u" in unit_level


def test_web_font_fallbacks_and_tooltips() -> None:
    d = compare(CUR, M2)
    raw = render(diff_chart(M2, d, "en", before=CUR), "svg").decode()
    assert 'font-family="DejaVu Sans, Verdana, Arial, sans-serif"' in raw
    root = ET.fromstring(raw)
    tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG}a")]
    assert (
        "Beskæftigelse & Borger › Bostøtten · Leder af Bostøtten · 18 FTE · "
        "from Ældre, Sundhed og Social" in tips
    )
    assert "Børn & Familie › Dagplejen · Dagplejeleder · 45 FTE · from Dagtilbud og Skole" in tips
    assert any(
        x.startswith("Økonomi & Stab · Chef for Økonomi & Stab (1.2 m DKK/year)") for x in tips
    )
    m1 = ET.fromstring(render(diff_chart(M1, compare(CUR, M1), "en", before=CUR), "svg"))
    m1_tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in m1.iter(f"{SVG}a")]
    assert any("Dagtilbudschef (0.85 m DKK/year)" in x for x in m1_tips)
    flow = ET.fromstring(render(flow_chart(d, "en"), "svg"))
    tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in flow.iter(f"{SVG}a")]
    assert "Ældre, Sundhed og Social → Beskæftigelse & Borger: 4 units, 45 FTE" in tips
    assert not any(x.startswith(("b:", "a:")) for x in tips)  # no internal ids


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.integers(1, 50), min_size=1, max_size=12), st.integers(1, 6))
def test_partition_is_optimal(weights: list[int], parts: int) -> None:
    starts = partition(weights, parts)
    ends = [*starts[1:], len(weights)]
    got = max(sum(weights[a:b]) for a, b in zip(starts, ends, strict=True))
    assert len(starts) <= parts and starts[0] == 0
    best = min(
        max(sum(weights[a:b]) for a, b in zip((0, *cut), (*cut, len(weights)), strict=True))
        for k in range(min(parts, len(weights)))
        for cut in itertools.combinations(range(1, len(weights)), k)
    )
    assert got == best


def test_partition_is_near_linear() -> None:
    weights = [(i * 7919) % 97 + 1 for i in range(200_000)]
    start = time.perf_counter()
    partition(weights, 400)
    assert time.perf_counter() - start < 5  # the cubic programme took hours at this size


def test_cli_page_and_level(tmp_path: Path) -> None:
    args = ("compare", ORGS / "current.yaml", ORGS / "model1.yaml")
    result = run_cli(
        *args, "--chart", tmp_path / "d.pdf", "--page", "a3", "--flow", tmp_path / "f.pdf"
    )
    assert result.code == 0, result.err
    first = (tmp_path / "d.pdf").read_bytes()
    assert first.startswith(b"%PDF") and b"/CreationDate (D:2" not in first
    assert run_cli(*args, "--chart", tmp_path / "d.pdf", "--page", "a3").code == 0
    assert (tmp_path / "d.pdf").read_bytes() == first  # byte-identical: no creation date
    result = run_cli(*args, "--chart", tmp_path / "d.svg", "--level", "departments")
    assert result.code == 0, result.err
    content = joined(ET.fromstring((tmp_path / "d.svg").read_bytes()))
    assert "enheder 5 → 6" in content and "Dagplejen" not in content
    bad = run_cli(*args, "--chart", tmp_path / "d.pdf", "--page", "a5")
    assert bad.code == 2 and "Traceback" not in bad.err
    result = run_cli("render", ORGS / "current.yaml", "-o", tmp_path / "o", "-f", "pdf")
    assert result.code == 0, result.err
    again = tmp_path / "o2"
    assert run_cli("render", ORGS / "current.yaml", "-o", again, "-f", "pdf").code == 0
    assert (tmp_path / "o/current.pdf").read_bytes() == (again / "current.pdf").read_bytes()

"""Names that try to break outputs: they stay inert text in every format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from orgdiff import loads_structure
from orgdiff.diff import compare
from orgdiff.render import graphviz
from orgdiff.render.markdown import md

from .conftest import run_cli

RTL = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero-width space
ESC = "\x1b"
LONG = "Meget lang afdeling " * 12


def _files(tmp_path: Path) -> tuple[Path, Path]:
    before = tmp_path / "before.yaml"
    after = tmp_path / "after.yaml"
    before.write_text(
        "organisation: Test\nmodel: før\ndepartments:\n"
        f'  - name: "A{RTL}evil{ZWSP}"\n    units:\n      - name: "x\\e]0;title\\a"\n'
        f'      - name: "{LONG}"\n  - name: "Pipes | and `ticks` <b>"\n',
        encoding="utf-8",
    )
    after.write_text(
        "organisation: Test\nmodel: efter\ndepartments:\n"
        f'  - name: "A{RTL}evil{ZWSP}"\n'
        f'  - name: "Pipes | and `ticks` <b>"\n    units:\n      - name: "x\\e]0;title\\a"\n'
        f'      - name: "{LONG}"\n',
        encoding="utf-8",
    )
    return before, after


def test_terminal_report_shows_control_and_bidi_characters_visibly(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    result = run_cli("compare", before, after, env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert result.code == 0, result.err
    text = result.out
    assert RTL not in text and ZWSP not in text and "\x07" not in text
    assert ESC + "]0" not in text  # no terminal title change: escapes only come from rich
    assert "\\u202e" in text and "\\u200b" in text and "\\u001b]0;title\\u0007" in text


def test_long_names_are_wrapped_not_clipped(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    result = run_cli("compare", before, after)
    flat = " ".join(result.out.split())
    assert " ".join(LONG.split()) in flat  # every word of it, over several lines
    show = run_cli("show", after)
    assert LONG.strip() in show.out


def test_markdown_keeps_tables_and_text_intact(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    result = run_cli("compare", before, after, "-f", "markdown")
    assert "Pipes \\| and \\`ticks\\` \\<b\\>" in result.out
    for line in result.out.splitlines():
        if line.startswith("| Pipes"):
            assert line.count(" | ") == 4  # the name's pipe does not add a column
    assert RTL not in result.out and "\\\\u202e" in result.out
    assert md("a\nb") == "a b"


def test_svg_has_no_markup_from_names(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    sb, sa = loads_structure(before.read_bytes()), loads_structure(after.read_bytes())
    d = compare(sb, sa)
    for source in (
        graphviz.diff_chart(sa, d, "en"),
        graphviz.flow_chart(d, "en"),
        graphviz.org_chart(sb, "en"),
    ):
        svg = graphviz.render(source, "svg").decode("utf-8")
        root = ET.fromstring(svg)
        tags = {el.tag.split("}")[1] for el in root.iter()}
        assert tags <= {"svg", "g", "title", "polygon", "text", "path", "polyline", "ellipse", "a"}
        # the only links are the charts' own tooltips: they point nowhere ("#" or no href)
        links = [el for el in root.iter() if el.tag.endswith("}a")]
        assert all(el.get("{http://www.w3.org/1999/xlink}href") in (None, "#") for el in links)
        assert RTL not in svg and ESC not in svg and "<b>" not in svg
        assert "&lt;b&gt;" in svg

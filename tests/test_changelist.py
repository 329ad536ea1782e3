"""The change list: a row per unit and per post of both structures, as CSV and xlsx.

The xlsx is read back with openpyxl and the CSV with the csv module (real readers); the rows
of model 1 add up to the counts the report shows.
"""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from orgdiff import Org, build, load
from orgdiff.cells import formula_safe
from orgdiff.changelist import Change, ChangeRow, Detail, RowKind, change_list
from orgdiff.changes import UnitFate
from orgdiff.diff import compare
from orgdiff.match import Thresholds
from orgdiff.render.changelist import COLUMNS
from orgdiff.structure import Structure

from .conftest import ORGS, ROOT, run_cli
from .reorg import reorganisations

CUR, M1, M2 = (build(load(ORGS / f"{n}.yaml")) for n in ("current", "model1", "model2"))
HOSTILE = ROOT / "tests" / "cases" / "hostile-names"
_FATES = {f: Change(f.value) for f in UnitFate}


def rows_of(kind: RowKind, rows: tuple[ChangeRow, ...]) -> list[ChangeRow]:
    return [r for r in rows if r.kind is kind]


def test_one_row_per_unit_and_post_and_the_counts_agree() -> None:
    for after in (M1, M2):
        d = compare(CUR, after)
        rows = change_list(d, CUR, after)
        units = rows_of(RowKind.UNIT, rows)
        # every unit of either structure exactly once (a matched pair is one row)
        assert Counter(r.id_before for r in units if r.id_before) == Counter(
            u.id for u in CUR.units
        )
        assert Counter(r.id for r in units if r.dept_after) == Counter(u.id for u in after.units)
        fates = Counter(r.change for r in units)
        assert fates == Counter({_FATES[f]: n for f, n in d.fate_counts().items() if n})
        assert sum(Detail.RENAMED in r.details for r in units) == len(d.units.renamed)
        assert sum(Detail.REPARENTED in r.details for r in units) == len(d.units.reparented)
        for kind, posts in (
            (RowKind.CHEF_POST, d.chef_posts),
            (RowKind.LEADER_POST, d.leader_posts),
        ):
            mine = rows_of(kind, rows)
            assert sum(1 for r in mine if r.change is Change.ADDED) == len(posts.added)
            assert sum(1 for r in mine if r.change is Change.REMOVED) == len(posts.removed)
            assert sum(1 for r in mine if r.name_before) == posts.before
            assert sum(1 for r in mine if r.dept_after) == posts.after
        added = sum(r.cost_after or 0 for r in rows if r.change is Change.ADDED)
        removed = sum(r.cost_before or 0 for r in rows if r.change is Change.REMOVED)
        assert added - removed == d.cost.change  # Albertslund's kept posts keep their cost


def test_model1_rows() -> None:
    rows = change_list(compare(CUR, M1), CUR, M1)
    by = {(r.kind, r.id): r for r in rows}
    erhverv = by[RowKind.UNIT, "erhverv"]
    assert erhverv.change is Change.MOVED
    assert (erhverv.dept_before, erhverv.dept_after) == (
        "Beskæftigelse, Borger & Ydelser",
        "Økonomi & Stab",
    )
    new = by[RowKind.UNIT, "dagtilbudsomraadet"]
    assert new.change is Change.ADDED and new.dept_before == "" and new.fte_before is None
    dagplejen = by[RowKind.UNIT, "dagplejen"]
    assert dagplejen.details == (Detail.REPARENTED,)
    assert (dagplejen.parent_before, dagplejen.parent_after) == ("", "Dagtilbudsområdet")
    removed = [r for r in rows if r.kind is RowKind.CHEF_POST and r.change is Change.REMOVED]
    assert [r.name for r in removed] == ["Chef for Beskæftigelse, Borger & Ydelser"]
    assert removed[0].cost_before == 1_200_000


def report_overview(path: Path) -> dict[str, list[str]]:
    """The report's overview table: label → cells (before, model 1, ...)."""
    text = path.read_text(encoding="utf-8")
    table = text[text.index('id="overview"') : text.index('id="model-1"')]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_spreadsheet_adds_up_to_the_report(tmp_path: Path) -> None:
    xlsx, page = tmp_path / "list.xlsx", tmp_path / "report.html"
    assert run_cli("compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-o", xlsx).code == 0
    assert run_cli("report", ORGS / "current.yaml", ORGS / "model1.yaml", "-o", page).code == 0
    sheet = load_workbook(xlsx).active
    values = list(sheet.iter_rows(values_only=True))
    head, body = values[0], values[1:]
    col = {name: i for i, name in enumerate(head)}
    kinds = Counter((r[col["Type"]], r[col["Ændring"]]) for r in body)
    overview = report_overview(page)
    assert kinds["enhed", "flyttet"] == int(overview["Enheder flyttet"][1])
    added, removed = overview["Nye / nedlagte enheder"][1].split(" / ")
    assert kinds["enhed", "ny"] == int(added) and kinds["enhed", "nedlagt"] == int(removed)
    units_after = sum(n for (k, ch), n in kinds.items() if k == "enhed" and ch != "nedlagt")
    assert units_after == int(overview["Enheder"][1])
    units_before = sum(n for (k, ch), n in kinds.items() if k == "enhed" and ch != "ny")
    assert units_before == int(overview["Enheder"][0])
    chefs_after = sum(n for (k, ch), n in kinds.items() if k == "chefstilling" and ch != "nedlagt")
    assert chefs_after == int(overview["Chefstillinger"][1])
    leaders = sum(n for (k, ch), n in kinds.items() if k == "lederstilling" and ch != "nedlagt")
    assert leaders == int(overview["Lederstillinger"][1])
    assert len(body) == units_before + kinds["enhed", "ny"] + sum(
        n for (k, _), n in kinds.items() if k != "enhed"
    )
    fte = sum(r[col["Årsværk efter"]] or 0 for r in body if r[col["Type"]] == "enhed")
    assert f"{fte:,.0f}".replace(",", ".") == overview["Årsværk"][1]


def test_xlsx_has_header_frozen_panes_and_autofilter(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = run_cli("compare", ORGS / "current.yaml", ORGS / "model2.yaml", "-o", out)
    assert result.code == 0, result.err
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{sheet.max_row}"
    assert sheet["A1"].font.b and sheet["A1"].value == "Type"
    assert sheet.max_column == len(COLUMNS)
    fte = [c.value for c in sheet["N"][1:] if c.value is not None]
    assert fte and all(isinstance(x, int | float) for x in fte)  # numbers, not text
    again = tmp_path / "again.xlsx"
    assert run_cli("compare", ORGS / "current.yaml", ORGS / "model2.yaml", "-o", again).code == 0
    assert load_workbook(again).properties.created == load_workbook(out).properties.created


def test_csv_bom_delimiter_and_language(tmp_path: Path) -> None:
    da = tmp_path / "da.csv"
    assert run_cli("compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-o", da).code == 0
    raw = da.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Type", "Id", "Navn", "Ændring"]
    assert len(rows) - 1 == len(change_list(compare(CUR, M1), CUR, M1))
    assert all(len(r) == len(COLUMNS) for r in rows)
    ub = next(r for r in rows if r[1] == "dagtilbudsomraadet" and r[0] == "lederstilling")
    assert ub[16] == "850000"
    en = run_cli(
        "compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-f", "csv", "--lang", "en"
    )
    assert en.code == 0
    head = next(csv.reader(io.StringIO(en.out.lstrip("\ufeff"))))
    assert head[:4] == ["Kind", "Id", "Name", "Change"]
    tab = run_cli(
        "compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-f", "csv", "--delimiter", "\t"
    )
    assert tab.out.lstrip("\ufeff").startswith("Type\tId\tNavn")


def test_hostile_names_are_formula_safe(tmp_path: Path) -> None:
    before, after = tmp_path / "b.yaml", tmp_path / "a.yaml"
    text = (
        "organisation: X\nmodel: {m}\ndepartments:\n"
        "  - name: '=HYPERLINK(\"http://x\",\"klik\")'\n    chef: '@SUM(A1)'\n    units:\n"
        "      - {{id: u1, name: '+1+1', leader: '-2'}}\n{extra}"
    )
    before.write_text(text.format(m="a", extra=""), "utf-8")
    after.write_text(text.format(m="b", extra='      - {id: u2, name: "\\tTAB"}\n'), "utf-8")
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"list.{fmt}"
        result = run_cli("compare", before, after, "-o", out)
        assert result.code == 0, result.err
        if fmt == "csv":
            cells = [c for r in csv.reader(io.StringIO(out.read_text("utf-8-sig"))) for c in r]
        else:
            cells = [c for r in load_workbook(out).active.iter_rows(values_only=True) for c in r]
        texts = [c for c in cells if isinstance(c, str) and c]
        assert not [c for c in texts if c[0] in "=+-@\t\r"], texts
        assert '\'=HYPERLINK("http://x","klik")' in texts and "'+1+1" in texts
        assert "'\tTAB" in texts and "'@SUM(A1)" in texts and "'-2" in texts


@given(st.text())
def test_formula_safe_never_starts_a_formula(text: str) -> None:
    safe = formula_safe(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe == text or safe == "'" + text


def test_change_list_needs_one_model_and_xlsx_no_terminal(tmp_path: Path) -> None:
    r = run_cli(
        "compare", ORGS / "current.yaml", ORGS / "model1.yaml", ORGS / "model2.yaml", "-f", "csv"
    )
    assert r.code == 2 and "exactly one AFTER" in r.err and "Traceback" not in r.err
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "orgdiff",
            "compare",
            ORGS / "current.yaml",
            ORGS / "model1.yaml",
            "-f",
            "xlsx",
        ],
        capture_output=True,
        cwd=ROOT,
        check=True,
    )  # a pipe is not a terminal: the workbook's bytes go through
    assert load_workbook(io.BytesIO(piped.stdout)).active.max_row > 100
    bad = run_cli(
        "compare", ORGS / "current.yaml", ORGS / "model1.yaml", "-f", "csv", "--delimiter", ";;"
    )
    assert bad.code == 2 and "--delimiter" in bad.err


def test_hostile_case_change_list() -> None:
    b, a = build(load(HOSTILE / "before.yaml")), build(load(HOSTILE / "after.yaml"))
    rows = change_list(compare(b, a), b, a)
    assert Counter(r.id_before for r in rows_of(RowKind.UNIT, rows) if r.id_before) == Counter(
        u.id for u in b.units
    )


def check_accounting(before: Structure, after: Structure, similarity: float = 0.75) -> None:
    """Every unit and post of both structures once; the rows' changes are the comparison's,
    whatever thresholds it used."""
    d = compare(before, after, thresholds=Thresholds(similarity=similarity))
    rows = change_list(d, before, after)
    units = rows_of(RowKind.UNIT, rows)
    assert Counter(r.id_before for r in units if r.id_before) == Counter(u.id for u in before.units)
    assert Counter(r.id for r in units if r.dept_after) == Counter(u.id for u in after.units)
    assert Counter(r.change for r in units) == Counter(
        {_FATES[f]: n for f, n in d.fate_counts().items() if n}
    )
    assert sum(r.change is Change.MOVED for r in units) == len(d.units.moved)
    for kind, posts in ((RowKind.CHEF_POST, d.chef_posts), (RowKind.LEADER_POST, d.leader_posts)):
        mine = rows_of(kind, rows)
        assert sum(r.change is Change.ADDED for r in mine) == len(posts.added)
        assert sum(r.change is Change.REMOVED for r in mine) == len(posts.removed)
        assert sum(1 for r in mine if r.name_before) == posts.before
        assert sum(1 for r in mine if r.dept_after) == posts.after
        assert sum(r.change is Change.RETITLED for r in mine) == sum(
            c.retitled for c in posts.changed
        )
        assert sum(Detail.RECOSTED in r.details for r in mine) == sum(
            c.recosted for c in posts.changed
        )


@settings(max_examples=100)
@given(reorganisations(), st.sampled_from([0.5, 0.75, 1.0]))
def test_change_list_accounts_for_every_unit_and_post(
    case: tuple[Org, Org, object], similarity: float
) -> None:
    before, after, _ = case
    check_accounting(build(before), build(after), similarity)
    check_accounting(build(after), build(before), similarity)


def test_the_change_list_reads_units_as_the_comparison_did() -> None:
    """With --similarity 1 a slightly renamed unit is removed and added, in the report and in
    the change list alike (the list does not match units again with other thresholds)."""
    text = (
        "organisation: O\nmodel: {m}\ndepartments:\n  - name: Skole\n    units:\n"
        "      - name: {u}\n      - name: Kontoret\n"
    )
    b = build(Org.model_validate(yaml.safe_load(text.format(m="a", u="Skoleafdelingen Nord"))))
    a = build(Org.model_validate(yaml.safe_load(text.format(m="b", u="Skoleafdeling Nord"))))
    for similarity, renamed in ((0.75, 1), (1.0, 0)):
        d = compare(b, a, thresholds=Thresholds(similarity=similarity))
        assert len(d.units.renamed) == renamed
        check_accounting(b, a, similarity)


def test_the_change_list_workbook_is_the_same_bytes_every_time() -> None:
    """openpyxl writes the clock into the zip entries (2-second resolution) and the
    properties: the same rows must still give the same file, a minute or a day later."""
    import time

    from orgdiff.render.changelist import to_xlsx

    rows = change_list(compare(CUR, M1), CUR, M1)
    first = to_xlsx(rows, "da")
    time.sleep(2.1)
    assert to_xlsx(rows, "da") == first

"""HR exports as they come (issue 14) and hostile tables (issue 10, class 6): one command in,
one clear FILE:LINE:COL message or a valid org file out."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdiff import loads
from orgdiff.cells import formula_safe, formula_unsafe
from orgdiff.model import has_visible

from .conftest import ORGS, run_cli

DEPTS = ["Økonomi & Stab", "Børn & Familie", "Dagtilbud og Skole", "Miljø & Teknik", "Kultur"]
HEADER = ["Enhedsnr", "Enhedsnavn", "Overordnet enhed", "Leder", "Årsværk", "Omkostningssted"]


def hr_rows(n: int = 400, seed: int = 3) -> list[list[str]]:
    """An HR export: parents by name, Danish headers, a cost centre column, decimal commas."""
    rnd = random.Random(seed)
    rows: list[list[str]] = []
    names: list[str] = []
    for i, d in enumerate(DEPTS):
        rows.append([f"{1000 + i}", d, "", f"Chef for {d}", "", f"{4000 + i}"])
        names.append(d)
    for i in range(n - len(DEPTS)):
        name = f"Enhed {i} Søndergård"
        parent = rnd.choice(names)
        fte = f"{rnd.randint(1, 40)},{rnd.choice([0, 5])}"
        rows.append([f"{2000 + i}", name, parent, rnd.choice(["", "Leder"]), fte, str(5000 + i)])
        names.append(name)
    return rows


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Forside"
    cover.append(["Organisationsoversigt pr. 1. januar 2026"])
    cover.append(["Udtrukket af HR"])
    data = book.create_sheet("Enheder")
    data.append(["Albertslund Kommune – enheder"])
    data.append([])
    data.append(HEADER)
    for r in rows:
        data.append(
            [float(r[4].replace(",", ".")) if c == 4 and r[4] else v for c, v in enumerate(r)]
        )
    book.save(path)


def write_csv(path: Path, rows: list[list[str]]) -> None:
    lines = ["Albertslund Kommune - enheder pr. 1. januar 2026", "", ";".join(HEADER)]
    lines += [";".join(r) for r in rows]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_400_row_hr_export_imports_with_one_command(tmp_path: Path, kind: str) -> None:
    rows = hr_rows()
    f = tmp_path / f"hr.{kind}"
    (write_xlsx if kind == "xlsx" else write_csv)(f, rows)
    out = tmp_path / "current.yaml"
    result = run_cli("import", f, "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    org = loads(text)
    assert [d.name for d in org.departments] == DEPTS
    total = sum(1 for _ in _walk(org.departments))
    assert total == 400 - len(DEPTS)
    first = org.departments[0]
    assert (
        first.id == "1000" and first.chef is not None and first.tags == ("Omkostningssted: 4000",)
    )
    if kind == "xlsx":
        assert "read sheet 'Enheder'" in result.err
    assert run_cli("validate", out).code == 0


def _walk(units: object) -> object:
    for d in units:  # type: ignore[attr-defined]
        for u in d.units:
            yield u
            yield from _walk([u])


def test_a_cover_sheet_without_any_table_lists_the_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Forside"
    ws.append(["Rapport"])
    book.create_sheet("Data").append(["a", "b"])
    f = tmp_path / "x.xlsx"
    book.save(f)
    result = run_cli("import", f)
    assert result.code == 2
    assert "the sheets are 'Forside', 'Data': pick one with --sheet NAME" in result.err
    assert "Traceback" not in result.err


def test_parents_by_name_and_ambiguous_names(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text(
        "Navn;Overordnet\nStab;\nLøn;Stab\nDrift;Stab\nTeam;Drift\nStab 2;\nDrift;Stab 2\nX;Drift\n"
    )
    result = run_cli("import", f)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{f}:5:2: Overordnet: parent 'Drift' is ambiguous: 2 units have that name (lines 4, 7); "
        "give the parent's id instead",
        f"{f}:8:2: Overordnet: parent 'Drift' is ambiguous: 2 units have that name (lines 4, 7); "
        "give the parent's id instead",
    ]
    f.write_text("Navn;Overordnet\nStab;\nLøn;Stab\nKontrol;løn\n")
    org = loads(run_cli("import", f).out)
    assert org.departments[0].units[0].units[0].name == "Kontrol"


def test_no_id_column_one_message_with_the_headers(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    body = "".join(f"Enhed {i};{1000 + i % 7}\n" for i in range(400))
    f.write_text("Navn;Hører under\nStab;\n" + body)
    result = run_cli("import", f)
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert "no column of unit ids" in line and "400 parent(s) name no unit" in line
    assert "the headers are: Navn, Hører under" in line


@pytest.mark.parametrize(
    "header",
    [
        "Enhedsnr;Enhedsnavn;Overordnet enhed",
        "Enhedsnummer;Navn;Overordnet",
        "Org.enhed;Org.enhed navn;Parent",
    ],
)
def test_header_variants(tmp_path: Path, header: str) -> None:
    f = tmp_path / "x.csv"
    f.write_text(f"{header}\n10;Stab;\n11;Løn;10\n")
    result = run_cli("import", f)
    assert result.code == 0, result.err
    assert loads(result.out).departments[0].units[0].id == "11"


def test_extra_columns_notes_org_fields_and_options(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text(
        "Enhedsnr;Enhedsnavn;Overordnet;Leder;Udgift;Bemærkning;Cost centre\n"
        "1;Stab;;Direktør;0;;\n2;Løn;1;Lønchef;0;ny 2026;C7\n"
    )
    result = run_cli(
        "import", f, "--lang", "da", "--chef-post-cost", "1200000", "--currency", "EUR"
    )
    assert result.code == 0, result.err
    org = loads(result.out)
    assert (org.lang, org.chef_post_cost, org.currency) == ("da", 1200000, "EUR")
    dept = org.departments[0]
    assert dept.chef is not None and dept.chef.cost == 0  # a chef cost of 0 is kept
    unit = dept.units[0]
    assert unit.notes == "ny 2026" and unit.tags == ("Cost centre: C7",)
    assert unit.leader is not None and unit.leader.cost == 0


def test_a_department_rows_fte_is_kept_or_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("id;navn;overordnet;årsværk\nD;Drift;;7\nU;Vej;D;4\nV;Park;D;3\n")
    assert run_cli("import", f).code == 0  # the units' total: consistent
    f.write_text("id;navn;overordnet;årsværk\nD;Drift;;12\nU;Vej;D;4\n")
    result = run_cli("import", f)
    assert result.code == 2
    assert result.err.startswith(f"{f}:2:4: årsværk: a department's FTE is the sum of its units'")


def test_utf16_excel_unicode_text(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(
        "Enhedsnr\tEnhedsnavn\tOverordnet\r\n1\tØkonomi\t\r\n2\tLøn\t1\r\n".encode("utf-16")
    )
    result = run_cli("import", f)
    assert result.code == 0, result.err
    assert loads(result.out).departments[0].name == "Økonomi"


def test_ods_workbook(tmp_path: Path) -> None:
    f = tmp_path / "x.ods"
    f.write_bytes(_ods([["id", "navn", "overordnet"], ["1", "Økonomi", ""], ["2", "Løn", "1"]]))
    result = run_cli("import", f)
    assert result.code == 0, result.err
    assert loads(result.out).departments[0].units[0].name == "Løn"


def _ods(rows: list[list[str]]) -> bytes:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
            if c
            else "<table:table-cell/>"
            for c in r
        )
        + "</table:table-row>"
        for r in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ark1">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


# --- issue 10, class 6: hostile tables ---


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'id,name,parent\nA,"Dept,\nB,u,A\nC,v,A\n',
            'x.csv:2:1: a quote (") opened in this row is never closed',
        ),
        (
            b"id,name\n" + b"A," + b"x" * (1 << 21) + b"\n",
            "x.csv:2:1: a cell longer than 1,048,576 characters",
        ),
        (
            b"Navn;Overordnet\nL\xf8n;\nK\x81;L\xf8n\n",
            "x.csv:3:2: byte 0x81 is not a character in Windows-1252",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "x.csv: not a readable .xls workbook",
        ),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", "x.csv: is binary data, not a table"),
        (b"PK\x03\x04garbage", "x.csv: is a damaged zip file, not a workbook"),
        (
            b"id,name,parent,fte\nA,D,,\nB,u,A," + b"9" * 400 + b"\n",
            "x.csv:3:4: fte: '9999999999999999999999999999999999999...' is too large",
        ),
        (b"id,name,parent,fte\nA,D,,\nB,u,A,1e999\n", "x.csv:3:4: fte: '1e999' is too large"),
        (
            b"id,name,parent\nA,D,\nB," + b"n" * 600 + b",A\n",
            "x.csv:3:2: name: is too long (at most 500 characters)",
        ),
        (
            b"id,name,name,parent\nA,D,E,\n",
            "x.csv:1:3: name: columns 2 and 3 are both the unit's name",
        ),
        (
            b"id,name,parent\nA,D,\n"
            + b"".join(
                b"U%d,u,%s\n" % (i, b"A" if i == 0 else b"U%d" % (i - 1)) for i in range(60)
            ),
            "x.csv:53:3: parent: units nested more than 50 levels deep",
        ),
    ],
)
def test_hostile_tables(tmp_path: Path, data: bytes, expected: str) -> None:
    (tmp_path / "x.csv").write_bytes(data)
    result = run_cli("import", "x.csv", cwd=tmp_path)
    assert result.code == 2, result.out[:200]
    assert result.err.startswith(expected), result.err[:300]
    assert "Traceback" not in result.err and len(result.err.splitlines()) <= 3


def test_nesting_limit_is_the_option(tmp_path: Path) -> None:
    rows = "".join(f"U{i},u,{'A' if i == 0 else f'U{i - 1}'}\n" for i in range(60))
    (tmp_path / "x.csv").write_text("id,name,parent\nA,D,\n" + rows)
    assert run_cli("import", "x.csv", "--max-depth", "70", cwd=tmp_path).code == 0


@pytest.mark.parametrize("command", ["import", "export"])
@pytest.mark.parametrize("delimiter", ["", ";;", "ab", '"'])
def test_bad_delimiters(tmp_path: Path, command: str, delimiter: str) -> None:
    (tmp_path / "x.csv").write_text("id,name,parent\nA,D,\n")
    target = "x.csv" if command == "import" else ORGS / "current.yaml"
    result = run_cli(command, target, "--delimiter", delimiter, cwd=tmp_path)
    assert result.code == 2
    assert "--delimiter must be one character" in result.err and "Traceback" not in result.err


def test_errors_after_the_table_point_at_the_table(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("id,name,parent,formerly\nA,D,,\nB,u,A,A\n")
    result = run_cli("import", "x.csv", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("x.csv:3:4: formerly: 'A' is an id in this same file"), result.err


# --- formula injection (issue 10, class 3) ---

HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y", "ok"]


@settings(max_examples=300)
@given(st.text(alphabet="'=+-@\t\rab", max_size=8))
def test_the_guard_is_a_bijection(text: str) -> None:
    safe = formula_safe(text)
    assert formula_unsafe(safe) == text
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_export_guards_formulas_and_import_gives_them_back(tmp_path: Path) -> None:
    units = "\n".join(
        f"      - {{id: u{i}, name: {_q(n)}, leader: {_q(n)}}}" for i, n in enumerate(HOSTILE)
    )
    src = tmp_path / "h.yaml"
    src.write_text(
        "organisation: O\nmodel: M\nnotes: '=cmd|calc'\ndepartments:\n  - id: d\n    name: '=D'\n"
        f"    tags: ['@x', ' spaced ']\n    units:\n{units}\n"
    )
    csv = tmp_path / "h.csv"
    assert run_cli("export", src, "-o", csv).code == 0
    for line in csv.read_text(encoding="utf-8-sig").splitlines():
        for cell in line.split(","):
            assert cell.strip('"')[:1] not in ("=", "+", "-", "@"), line
    back = tmp_path / "back.yaml"
    result = run_cli("import", csv, "-o", back)
    assert result.code == 0, result.err
    assert loads(back.read_text()) == loads(src.read_text())


def _q(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
        + '"'
    )


def test_round_trip_keeps_org_fields_notes_tags_and_whitespace(tmp_path: Path) -> None:
    src = tmp_path / "o.yaml"
    src.write_text(
        "organisation: O\nmodel: M\ndate: 2026-05-11\nsource: memo\ncurrency: EUR\n"
        "chef_post_cost: 1200000\nlang: da\nbaseline: true\nnotes: n\n"
        "departments:\n  - id: d\n    name: '  Stab  '\n    notes: dept note\n    tags: [a, b]\n"
        "    chef: {title: Chef, cost: 0}\n"
        "    units:\n      - {id: u, name: ' Løn', fte: 12.125, notes: ' x ', tags: [c]}\n"
    )
    for name in ("o.csv", "o.xlsx"):
        out = tmp_path / name
        assert run_cli("export", src, "-o", out).code == 0
        result = run_cli("import", out)
        assert result.code == 0, result.err
        assert loads(result.out) == loads(src.read_text()), name


def test_xlsx_export_is_a_real_workbook_with_text_cells(tmp_path: Path) -> None:
    src = tmp_path / "h.yaml"
    src.write_text(
        "organisation: O\nmodel: M\ndepartments:\n"
        "  - {id: d, name: '=1+2', units: [{id: u, name: '007', fte: 2.5}]}\n"
    )
    out = tmp_path / "h.xlsx"
    assert run_cli("export", src, "-o", out).code == 0
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["d", "=1+2"] == values[4][:2] and ws.cell(5, 2).data_type == "s"
    assert values[5][1] == "007" and values[5][4] == 2.5
    again = tmp_path / "again.xlsx"
    assert run_cli("export", src, "-o", again).code == 0
    assert again.read_bytes() == out.read_bytes()


def test_export_to_stdout_has_the_bom_and_da_uses_semicolons() -> None:
    result = run_cli("export", ORGS / "current.yaml", "--lang", "da")
    assert result.code == 0
    assert result.out.startswith("\ufeff")
    assert "id;name;parent;leader;fte;cost;formerly;tags;notes" in result.out
    en = run_cli("export", ORGS / "current.yaml", "--lang", "en")
    assert "id,name,parent" in en.out


def test_export_to_a_terminal_shows_escapes_as_text(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    src = tmp_path / "esc.yaml"
    src.write_text(
        'organisation: O\nmodel: M\ndepartments:\n  - {id: d, name: "A\\e]52;c;x\\aB"}\n'
    )
    main, sub = pty.openpty()
    subprocess.run(
        [sys.executable, "-m", "orgdiff", "export", src], stdout=sub, stderr=sub, timeout=60
    )
    os.close(sub)
    out = os.read(main, 100_000)
    os.close(main)
    assert b"\x1b" not in out and b"\x07" not in out
    assert b"A\\u001b]52;c;x\\u0007B" in out
    piped = run_cli("export", src)  # a pipe is no safer than a terminal (issue 10): escaped
    assert "A\\u001b]52;c;x\\u0007B" in piped.out and "\x1b" not in piped.out
    written = tmp_path / "out.csv"
    run_cli("export", src, "-o", written)  # a file gets the data as it is, for the round trip
    assert "A\x1b]52;c;x\x07B" in written.read_text(encoding="utf-8-sig")


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(has_visible)  # names and titles need a visible character (orgdiff.model)
TAGS = st.lists(TEXT.filter(lambda s: "\n" not in s and "\r" not in s), max_size=2)


@st.composite
def rich_orgs(draw: st.DrawFn) -> str:
    """Org YAML with org-level fields, notes, tags, hostile and space-padded names."""
    from orgdiff import Department, Org, Post, Unit, dumps

    serial = iter(range(10**6))

    def units(depth: int) -> tuple[Unit, ...]:
        if depth > 2:
            return ()
        return tuple(
            Unit(
                id=f"u{next(serial)}",
                name=draw(TEXT),
                leader=draw(
                    st.none() | st.builds(Post, title=TEXT, cost=st.none() | st.integers(0, 10**6))
                ),
                fte=draw(st.none() | st.integers(0, 100) | st.sampled_from([0.5, 12.125, 1.2])),
                notes=draw(st.none() | TEXT),
                tags=tuple(draw(TAGS)),
                units=units(depth + 1),
            )
            for _ in range(draw(st.integers(0, 2)))
        )

    org = Org(
        organisation=draw(TEXT.filter(lambda s: "\n" not in s and "\r" not in s)),
        model="M",
        currency=draw(st.sampled_from(["DKK", "EUR"])),
        chef_post_cost=draw(st.none() | st.integers(0, 2_000_000)),
        lang=draw(st.sampled_from([None, "da", "en"])),
        notes=draw(st.none() | st.sampled_from(["Navn", "id", "x\ny"]) | TEXT),
        source=draw(st.none() | TEXT),
        departments=tuple(
            Department(
                id=f"d{next(serial)}",
                name=draw(TEXT),
                chef=draw(st.none() | st.builds(Post, title=TEXT, cost=st.none() | st.just(0))),
                notes=draw(st.none() | TEXT),
                tags=tuple(draw(TAGS)),
                units=units(1),
            )
            for _ in range(draw(st.integers(1, 3)))
        ),
    )
    return dumps(org)


@settings(max_examples=120)
@given(rich_orgs(), st.sampled_from([",", ";", "\t"]))
def test_round_trip_through_csv_keeps_everything(text: str, sep: str) -> None:
    from orgdiff import loads_structure
    from orgdiff.tabular import Columns, import_table, org_to_rows, read_book, to_csv

    s = loads_structure(text)
    data = ("\ufeff" + to_csv(org_to_rows(s, "," if sep == ";" else "."), sep)).encode()
    back = import_table(read_book("x.csv", data), "x.csv", Columns(), {}, {}).org
    assert back == s.org

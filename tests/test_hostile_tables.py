"""Workbooks for ``orgdiff import`` as an attacker (or a careless exporter) makes them.

- a sheet whose ``<dimension>`` is stale (many writers other than Excel leave it so): openpyxl's
  read-only mode trusted it and rows below it vanished without a word — a silently wrong
  organisation. Every row is read.
- a zip bomb: an .xlsx of a few hundred kilobytes that unpacks to gigabytes of XML is refused
  from the zip's directory, before anything is unpacked.
- cells out of nothing: rows padded out to column XFD, or an .ods row "repeated" thousands of
  times with thousands of repeated cells, turn a tiny file into millions of cells (1 KB ods →
  1.2 GB of memory and thousands of messages). The cells are counted against the file's size.
- a workbook cell over 1 MiB is refused at its row and column, as a CSV cell is.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from orgdiff.tableread import CELL_LIMIT

from .conftest import run_cli

openpyxl = pytest.importorskip("openpyxl")


def workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "name", "parent", "leader", "fte"])
    ws.append(["A", "Stab", "", "Chef", None])
    ws.append(["B", "Løn", "A", "Lønchef", 12.5])
    wb.save(path)
    return path


def patched(src: Path, dst: Path, rows: str, dimension: str | None = None) -> Path:
    """``src`` with ``rows`` added to its first sheet (and its <dimension> set, if given)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("</sheetData>", rows + "</sheetData>")
                if dimension:
                    text = re.sub(
                        r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', text
                    )
                data = text.encode()
            out.writestr(item, data)
    return dst


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_rows_below_a_stale_dimension_are_read(tmp_path: Path) -> None:
    row = f'<row r="4">{inline("A4", "C")}{inline("B4", "Kontrol")}{inline("C4", "A")}</row>'
    book = patched(workbook(tmp_path / "ok.xlsx"), tmp_path / "stale.xlsx", row)
    with zipfile.ZipFile(book) as z:  # the dimension still says three rows
        assert '<dimension ref="A1:E3"' in z.read("xl/worksheets/sheet1.xml").decode()
    result = run_cli("import", book, "-o", tmp_path / "out.yaml")
    assert result.code == 0, result.err
    assert "name: Kontrol" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    row = f'<row r="4">{inline("F4", "y" * (80 << 20))}</row>'
    book = patched(workbook(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx", row)
    assert book.stat().st_size < 1 << 20
    result = run_cli("import", book)
    assert result.code == 2 and "Traceback" not in result.err
    assert re.fullmatch(
        rf"{re.escape(str(book))}: a zip of [\d,]+ bytes that unpacks to [\d,]+: not an HR "
        r"export but a decompression bomb; save it .*\n",
        result.err,
    ), result.err


def test_rows_padded_to_the_last_column_are_refused(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(4, 300))
    book = patched(workbook(tmp_path / "ok.xlsx"), tmp_path / "pad.xlsx", rows, "A1:XFD299")
    result = run_cli("import", book)
    assert result.code == 2 and "Traceback" not in result.err
    assert "holds far more cells than the file's size allows" in result.err
    assert len(result.err.splitlines()) == 1


def ods(path: Path, rows: str) -> Path:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
            for c in row
        )
        + "</table:table-row>"
        for row in (("id", "name", "parent"), ("A", "Stab", ""), ("B", "Løn", "A"))
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Ark1">'
        f"{cells}{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
    return path


def test_an_ods_of_repeated_cells_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    plain = ods(tmp_path / "ok.ods", "")
    assert run_cli("import", plain).code == 0
    bomb = ods(
        tmp_path / "rep.ods",
        '<table:table-row table:number-rows-repeated="3000"><table:table-cell '
        'table:number-columns-repeated="3000" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>",
    )
    assert bomb.stat().st_size < 2000
    result = run_cli("import", bomb)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"{bomb}: sheet 'Ark1' holds far more cells than the file's size allows: not an HR "
        "export but a decompression bomb; save it from the spreadsheet as 'CSV UTF-8' or as .xlsx"
    ]


def test_a_huge_workbook_cell_is_refused_at_its_place(tmp_path: Path) -> None:
    huge = inline("F4", "z" * (CELL_LIMIT + 1))
    row = f'<row r="4">{inline("A4", "C")}{inline("B4", "K")}{huge}</row>'
    book = patched(workbook(tmp_path / "ok.xlsx"), tmp_path / "cell.xlsx", row, "A1:F4")
    result = run_cli("import", book)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err == f"{book}:4:6: a cell longer than 1,048,576 characters (sheet 'Sheet')\n"


def test_a_change_list_workbook_with_a_control_character_is_one_message(tmp_path: Path) -> None:
    """YAML allows "\\x01" in a name; a workbook cannot hold it (openpyxl raised)."""
    before = tmp_path / "b.yaml"
    before.write_text(
        'organisation: O\nmodel: M\ndepartments:\n  - name: D\n    units:\n      - name: "U\\x01"\n'
    )
    after = tmp_path / "a.yaml"
    after.write_text("organisation: O\nmodel: N\ndepartments:\n  - name: D\n    units: []\n")
    for args in (["-o", tmp_path / "cl.xlsx"], ["-f", "xlsx"]):
        result = run_cli("compare", before, after, *args)
        assert result.code == 2 and "Traceback" not in result.err
        assert result.err.startswith("cannot write .xlsx: row 2, column ")
        assert "control character U+0001" in result.err and "as .csv" in result.err
    assert not (tmp_path / "cl.xlsx").exists()
    assert run_cli("compare", before, after, "-o", tmp_path / "cl.csv").code == 0

"""An org structure as a flat table for spreadsheets: ``orgdiff export``.

Rows of organisation-level fields (``key:`` | value), an empty row, the header, then a row per
department followed by its units, parents by id; ``orgdiff import`` reads it back to the same
structure. Every text cell of a CSV passes the formula guard of :mod:`orgdiff.cells`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .cells import formula_safe
from .errors import UsageError
from .structure import Structure
from .tableread import delimiter_of

# --- org → rows -----------------------------------------------------------------------------------

EXPORT_HEADER = ("id", "name", "parent", "leader", "fte", "cost", "formerly", "tags", "notes")
EXPORT_ORG = ("organisation", "model", "date", "source", "currency", "chef_post_cost", "lang")


def org_to_rows(s: Structure, decimal: str = ".") -> list[list[str]]:
    """Organisation-level rows (``key:`` | value), an empty row, the header, then a row per
    department followed by its units, parents by id. Text cells are as they are (see
    :func:`to_csv` for the formula guard)."""
    org = s.org
    rows: list[list[str]] = []
    for key in EXPORT_ORG:
        value = getattr(org, key)
        if value is None or (key == "currency" and value == "DKK"):
            continue
        text = (
            value.isoformat()
            if hasattr(value, "isoformat")
            else _num(value, decimal)
            if isinstance(value, (int, float))
            else str(value)
        )
        rows.append([f"{key}:", text])
    if org.baseline:
        rows.append(["baseline:", "true"])
    if org.notes:
        rows.append(["notes:", org.notes])
    rows.append([])
    rows.append(list(EXPORT_HEADER))
    units = iter(s.units)
    pending = next(units, None)
    for d in s.depts:
        chef = d.chef
        rows.append(
            [
                d.id,
                d.name,
                "",
                chef.title if chef else "",
                "",
                _num(chef.cost, decimal) if chef and chef.cost is not None else "",
                " ".join(d.formerly),
                "\n".join(d.model.tags),
                d.model.notes or "",
            ]
        )
        while pending is not None and pending.dept == d.index:
            u = pending
            parent = s.units[u.parent].id if u.parent is not None else d.id
            leader = u.leader
            rows.append(
                [
                    u.id,
                    u.name,
                    parent,
                    leader.title if leader else "",
                    _num(u.model.fte, decimal) if u.model.fte is not None else "",
                    _num(leader.cost, decimal) if leader and leader.cost is not None else "",
                    " ".join(u.formerly),
                    "\n".join(u.model.tags),
                    u.model.notes or "",
                ]
            )
            pending = next(units, None)
    return rows


def _num(x: float | int | None, decimal: str = ".") -> str:
    """A number as text that reads back the same: ``12.1250``, not the ambiguous ``12.125``."""
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e16:
        return str(int(x))
    text = repr(float(x))
    whole, _, frac = text.partition(".")
    if len(frac) == 3 and frac.isdigit() and whole.lstrip("-") != "0":
        text += "0"
    return text.replace(".", ",") if decimal == "," and "e" not in text else text


def to_csv(rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    """CSV text, every cell guarded against formula injection (see :mod:`orgdiff.cells`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter_of(delimiter) or ",", lineterminator="\r\n")
    writer.writerows([formula_safe(c) for c in row] for row in rows)
    return out.getvalue()


_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot hold


def to_xlsx(rows: Iterable[Sequence[str]]) -> bytes:
    """An .xlsx workbook of the rows, numbers as numbers and text always as text (never a
    formula); byte-identical for the same rows (fixed dates inside)."""

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "orgdiff"
    table = [list(r) for r in rows]
    header = next((i for i, r in enumerate(table) if tuple(r) == EXPORT_HEADER), len(table))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            if text == "":
                continue
            numeric = (r > header and c in (4, 5)) or (r < header and row[0] == "chef_post_cost:")
            cell = ws.cell(row=r + 1, column=c + 1)
            if numeric and c > 0:
                cell.value = float(text) if "." in text or "e" in text else int(text)
            else:
                bad = _NOT_IN_XLSX.search(text)
                if bad:
                    raise UsageError(
                        f"cannot write .xlsx: row {r + 1}, column {c + 1} holds control character "
                        f"U+{ord(bad.group()):04X}, which a workbook cannot hold; export as CSV"
                    )
                cell.value = text
                cell.data_type = "s"  # text, even when it begins with '='
    return workbook_bytes(book)


def workbook_bytes(book: Any) -> bytes:
    """An openpyxl workbook as .xlsx bytes that are the same for the same content: no save
    time in its properties or in its zip entries (openpyxl writes the clock into both)."""
    import datetime as dt
    import zipfile

    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:modified[^>]*>[^<]*<",
                    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z<',
                    data,
                )
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed_info, data)
    return out.getvalue()

"""The change list as CSV or xlsx: the columns HR systems and spreadsheets read.

Presentation only: the rows come from :func:`orgdiff.changelist.change_list`. Text cells pass
:func:`orgdiff.cells.formula_safe`; numbers are numbers in xlsx and use the language's decimal
mark in CSV (``12,5`` in Danish).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..cells import formula_safe
from ..changelist import ChangeRow
from ..errors import UsageError
from ..i18n import Lang, t

COLUMNS = (
    "cl_kind",
    "cl_id",
    "cl_name",
    "cl_change",
    "cl_details",
    "cl_id_before",
    "cl_name_before",
    "cl_dept_before",
    "cl_parent_before",
    "cl_dept_after",
    "cl_parent_after",
    "cl_leader_before",
    "cl_leader_after",
    "cl_fte_before",
    "cl_fte_after",
    "cl_cost_before",
    "cl_cost_after",
)

Cell = str | float | None


def header(lang: Lang) -> list[str]:
    return [t(c, lang) for c in COLUMNS]


def cells(r: ChangeRow, lang: Lang) -> list[Cell]:
    """One row's cells in column order: text (formula-safe) or numbers (None when empty)."""
    text = [
        t(f"kind_{r.kind.value}", lang),
        r.id,
        r.name,
        t(f"ch_{r.change.value}", lang),
        ", ".join(t(f"dt_{d.value}", lang) for d in r.details),
        r.id_before,
        r.name_before,
        r.dept_before,
        r.parent_before,
        r.dept_after,
        r.parent_after,
        r.leader_before,
        r.leader_after,
    ]
    numbers: list[Cell] = [r.fte_before, r.fte_after, r.cost_before, r.cost_after]
    return [formula_safe(s) for s in text] + numbers


def _num(x: float, lang: Lang) -> str:
    s = str(int(x)) if float(x).is_integer() else repr(float(x))
    return s.replace(".", ",") if lang == "da" else s


def to_csv(rows: Sequence[ChangeRow], lang: Lang, delimiter: str | None = None) -> str:
    """CSV text with a BOM (so Excel reads æ ø å); ``;`` in Danish unless ``delimiter``."""
    sep = delimiter if delimiter is not None else (";" if lang == "da" else ",")
    if len(sep) != 1 or sep in '"\r\n':
        raise UsageError(f"--delimiter must be one character other than a quote: {sep!r}")
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    w.writerow(header(lang))
    for r in rows:
        w.writerow(
            [
                c if isinstance(c, str) else "" if c is None else _num(c, lang)
                for c in cells(r, lang)
            ]
        )
    return "\ufeff" + out.getvalue()


def to_xlsx(rows: Sequence[ChangeRow], lang: Lang) -> bytes:
    """An xlsx workbook: a bold header row, frozen below it, an autofilter over all columns."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise UsageError(
            "xlsx needs openpyxl: pip install 'orgdiff[xlsx]' (or write .csv)"
        ) from None
    wb = Workbook()
    ws = wb.active
    ws.title = t("cl_sheet", lang)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    ws.append(header(lang))
    for number, r in enumerate(rows, 2):
        row = cells(r, lang)
        for col, value in enumerate(row, 1):
            bad = ILLEGAL_CHARACTERS_RE.search(value) if isinstance(value, str) else None
            if bad:  # a name with a control character (YAML allows "\x01"): a workbook cannot
                raise UsageError(
                    f"cannot write .xlsx: row {number}, column {col} holds control character "
                    f"U+{ord(bad.group()):04X}, which a workbook cannot hold; write the change "
                    "list as .csv"
                )
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    for i, name in enumerate(header(lang), 1):
        longest = max([len(name), *(len(str(c.value or "")) for c in ws[get_column_letter(i)])])
        ws.column_dimensions[get_column_letter(i)].width = min(60, longest + 2)
    wb.properties.creator = "orgdiff"
    from ..tablewrite import workbook_bytes

    return workbook_bytes(wb)

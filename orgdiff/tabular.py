"""Flat tables (CSV, Excel) ↔ the org format: ``orgdiff import`` and ``orgdiff export``.

A table has one row per unit. Two layouts are read:

- **department rows**: a row with an empty parent is a department (its leader is the chef post);
  every other row names its parent by id (a department's or a unit's). ``export`` writes this.
- **a department column**: each top-level row names its department; nested rows name their
  parent unit by id.

Columns are found by their header (Danish or English, any case) or named with options.
Numbers may use a decimal comma (``12,5``) and thousands points (``1.200.000``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem, UsageError
from .names import normalise
from .structure import Structure

FIELDS = ("id", "name", "parent", "department", "leader", "fte", "cost", "formerly")

# Header words that name each field, compared after normalise() (case, diacritics, punctuation).
GUESSES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "unit id",
        "enhedsid",
        "enheds id",
        "enhed id",
        "nr",
        "nummer",
        "kode",
        "code",
        "org id",
        "orgid",
    ),
    "name": ("name", "navn", "enhed", "enhedsnavn", "unit", "unit name", "organisationsenhed"),
    "parent": (
        "parent",
        "parent id",
        "forælder",
        "foraelder",
        "overordnet",
        "overordnet enhed",
        "overordnet id",
        "reports to",
        "refererer til",
        "parent unit",
    ),
    "department": ("department", "afdeling", "chefområde", "chefomrade", "område", "division"),
    "leader": ("leader", "leder", "ledertitel", "manager", "leder titel", "title", "titel"),
    "fte": ("fte", "årsværk", "aarsvaerk", "arsvaerk", "normering", "stillinger", "headcount fte"),
    "cost": ("cost", "udgift", "lønudgift", "lonudgift", "omkostning", "leader cost", "løn"),
    "formerly": ("formerly", "tidligere", "tidligere id", "previous id", "former id"),
}


@dataclass(frozen=True)
class Columns:
    """Which column holds which field: header names given by the user; others are guessed."""

    given: dict[str, str] = field(default_factory=dict)

    def resolve(self, header: Sequence[str], path: str) -> dict[str, int]:
        found: dict[str, int] = {}
        norms = [normalise(h) for h in header]
        for name, wanted in self.given.items():
            if wanted not in header:
                close = ", ".join(h for h in header if h)
                raise InputError(
                    path,
                    [
                        Problem(
                            1,
                            1,
                            "",
                            f"no column '{wanted}' for --{name}-col; the columns are: {close}",
                        )
                    ],
                )
            found[name] = header.index(wanted)
        for name, words in GUESSES.items():
            if name in found:
                continue
            keys = {normalise(w) for w in words}
            for i, n in enumerate(norms):
                if n in keys and i not in found.values():
                    found[name] = i
                    break
        if "name" not in found:
            raise InputError(
                path,
                [
                    Problem(
                        1,
                        1,
                        "",
                        "no column for the unit's name (looked for "
                        "name/navn/enhed); name it with --name-col",
                    )
                ],
            )
        return found


# --- reading --------------------------------------------------------------------------------------


def read_table(
    path: Path, sheet: str | None = None, delimiter: str | None = None
) -> list[list[str]]:
    """The rows of a CSV file (any common dialect) or an .xlsx sheet, header first."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), [Problem(0, 0, "", "no such file")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # spreadsheets on Windows save "ANSI"
    return parse_csv(text, delimiter)


def parse_csv(text: str, delimiter: str | None = None) -> list[list[str]]:
    """Rows of CSV text; the separator (, ; tab |) is guessed from the header line."""
    if delimiter is None:
        first = text.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (";", ",", "\t", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(path: Path, sheet: str | None) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError:
        raise UsageError("reading .xlsx needs openpyxl: pip install 'orgdiff[xlsx]'") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(str(path), [Problem(0, 0, "", "no such file")]) from None
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(
            str(path), [Problem(0, 0, "", f"not a readable .xlsx file: {e}")]
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError(
            f"{path}: no sheet '{sheet}'; the sheets are: {', '.join(book.sheetnames)}"
        )
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    rows = [["" if v is None else _cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- rows → org -----------------------------------------------------------------------------------


_ID = re.compile(r"[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.:/-]*\Z")
_PLAIN = re.compile(r"-?\d+\Z")
_EXPONENT = re.compile(r"-?\d+(\.\d+)?[eE][-+]?\d+\Z")
_ONE_SEP = re.compile(r"-?(\d+)([.,])(\d+)\Z")
_GROUPED = re.compile(r"-?\d{1,3}(?P<sep>[., ])\d{3}((?P=sep)\d{3})*(?P<dec>[.,]\d+)?\Z")


class Ambiguous(ValueError):
    """``1.200`` or ``1,200``: 1.2 or 1200, depending on the file's convention."""


def number(text: str, decimal: str | None = None) -> float | int | None:
    """A number as spreadsheets write it: ``12,5``, ``12.5``, ``1.200.000``, ``1 200,5``, ``7``.

    ``decimal`` is the file's decimal mark ("," or "."), needed only for ``1.200`` / ``1,200``;
    without it those raise :class:`Ambiguous`. Empty → None; not a number → ValueError.
    """
    s = text.strip().replace("\u00a0", " ")
    if not s:
        return None
    if _PLAIN.match(s):
        return int(s)
    if _EXPONENT.match(s):
        return float(s)
    one = _ONE_SEP.match(s)
    if one:
        whole, sep, frac = one.groups()
        if len(frac) != 3 or whole.lstrip("-") == "0" or len(whole.lstrip("-")) > 3:
            return float(s.replace(",", "."))  # a decimal mark: 12,5  12.50  0,125  1234,567
        if decimal is None:
            raise Ambiguous(text)
        return float(s.replace(",", ".")) if sep == decimal else int(s.replace(sep, ""))
    grouped = _GROUPED.match(s)
    if grouped:
        sep, dec = grouped.group("sep"), grouped.group("dec")
        if dec and dec[0] == sep:
            raise ValueError(text)
        body = s[: len(s) - len(dec)] if dec else s
        value = body.replace(sep, "")
        return float(f"{value}.{dec[1:]}") if dec else int(value)
    raise ValueError(text)


def decimal_mark(cells: Iterable[str]) -> str | None:
    """The decimal mark a table's unambiguous numbers show: "," or ".", or None if none do."""
    marks = set()
    for text in cells:
        s = text.strip()
        one = _ONE_SEP.match(s)
        if one:
            whole, sep, frac = one.groups()
            if len(frac) != 3 or whole.lstrip("-") == "0" or len(whole.lstrip("-")) > 3:
                marks.add(sep)
            continue
        grouped = _GROUPED.match(s)
        if grouped and grouped.group("dec"):
            marks.add(grouped.group("dec")[0])
        elif grouped and grouped.group("sep") in ".,":
            marks.add("," if grouped.group("sep") == "." else ".")
        elif _EXPONENT.match(s):
            marks.add(".")
    return marks.pop() if len(marks) == 1 else None


def rows_to_org(
    rows: list[list[str]],
    path: str,
    columns: Columns,
    organisation: str,
    model: str,
    decimal: str | None = None,
) -> dict[str, Any]:
    """The org file's data for a table (to be validated like any org file).

    Every problem is reported with its CSV line and column: duplicate ids, unknown parents,
    cycles, bad numbers, rows without a name.
    """
    if not rows:
        raise InputError(path, [Problem(1, 1, "", "the table is empty")])
    header = [h.strip() for h in rows[0]]
    col = columns.resolve(header, path)
    problems: list[Problem] = []

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def problem(line: int, name: str, msg: str) -> None:
        column = header[col[name]] if name in col else name
        problems.append(Problem(line, col.get(name, 0) + 1, column, msg))

    if decimal is None:
        decimal = decimal_mark(cell(r, n) for r in rows[1:] for n in ("fte", "cost"))
    records: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        rec: dict[str, Any] = {"line": line}
        for name in ("id", "name", "parent", "department", "leader", "formerly"):
            rec[name] = cell(row, name)
        for name in ("fte", "cost"):
            try:
                rec[name] = number(cell(row, name), decimal)
            except Ambiguous:
                problem(
                    line,
                    name,
                    f"'{cell(row, name)}' could be a decimal or a whole number; "
                    "say which with --decimal comma or --decimal point",
                )
                rec[name] = None
            except ValueError:
                problem(line, name, f"'{cell(row, name)}' is not a number (write 12,5 or 12.5)")
                rec[name] = None
            if rec[name] is not None and rec[name] < 0:
                problem(line, name, f"must be 0 or more, got {cell(row, name)}")
        if not rec["name"]:
            problem(line, "name", "the unit has no name")
        if rec["cost"] is not None and not rec["leader"]:
            problem(line, "cost", "a cost belongs to a leader post, and this row has no leader")
        if "id" not in col:
            rec["id"] = f"row{line}"
        elif not rec["id"]:
            problem(line, "id", "the unit has no id")
        elif not _ID.match(rec["id"]):
            problem(
                line,
                "id",
                f"'{rec['id']}' is not a valid id: use letters, digits and - _ . : / (no spaces)",
            )
        elif rec["id"] in ids:
            problem(line, "id", f"duplicate id '{rec['id']}' (also at line {ids[rec['id']]})")
        else:
            ids[rec["id"]] = line
        records.append(rec)
    by_id: dict[str, dict[str, Any]] = {}
    for r in records:
        by_id.setdefault(r["id"], r)  # a duplicate is reported above; the first one counts
    layout_by_column = "department" in col
    for r in records:
        parent = r["parent"]
        if parent and parent not in by_id:
            problem(r["line"], "parent", f"unknown parent '{parent}': no row has that id")
        elif not parent and layout_by_column and not r["department"]:
            problem(r["line"], "department", "a top-level unit needs a department (or a parent)")
    problems += _cycles(list(by_id.values()), by_id, header, col)
    if problems:
        raise InputError(path, problems)
    return _assemble(records, by_id, layout_by_column, organisation, model)


def _cycles(
    records: list[dict[str, Any]],
    by_id: dict[str, dict[str, Any]],
    header: list[str],
    col: dict[str, int],
) -> list[Problem]:
    """Rows whose parents lead back to themselves; each cycle reported once."""
    state: dict[str, int] = {}  # 1: on the current path, 2: known to end at a root
    problems = []
    for r in records:
        path: list[str] = []
        node: str = r["id"]
        while node and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = by_id[node]["parent"] if node in by_id else ""
        if node and state.get(node) == 1:
            cycle = path[path.index(node) :]
            first = by_id[cycle[0]]
            chain = " → ".join([*cycle, cycle[0]])
            problems.append(
                Problem(
                    first["line"],
                    col.get("parent", 0) + 1,
                    header[col["parent"]],
                    f"parents form a cycle: {chain}",
                )
            )
        for n in path:
            state[n] = 2
    return problems


def _assemble(
    records: list[dict[str, Any]],
    by_id: dict[str, dict[str, Any]],
    layout_by_column: bool,
    organisation: str,
    model: str,
) -> dict[str, Any]:
    depts: dict[str, dict[str, Any]] = {}
    nodes: dict[str, dict[str, Any]] = {}
    dept_rows: set[str] = set()
    for r in records:
        if not r["parent"] and not layout_by_column:  # a department row
            dept_rows.add(r["id"])
            d: dict[str, Any] = {"id": r["id"], "name": r["name"], "units": []}
            if r["leader"]:
                d["chef"] = {"title": r["leader"], **({"cost": r["cost"]} if r["cost"] else {})}
            if r["formerly"]:
                d["formerly"] = _split_ids(r["formerly"])
            depts[r["id"]] = d
            nodes[r["id"]] = d
            continue
        u: dict[str, Any] = {"id": r["id"], "name": r["name"]}
        if r["leader"]:
            u["leader"] = (
                {"title": r["leader"], "cost": r["cost"]} if r["cost"] is not None else r["leader"]
            )
        if r["fte"] is not None:
            u["fte"] = r["fte"]
        if r["formerly"]:
            u["formerly"] = _split_ids(r["formerly"])
        u["units"] = []
        nodes[r["id"]] = u
    for r in records:
        node = nodes[r["id"]]
        if r["id"] in dept_rows:
            continue
        if r["parent"]:
            nodes[r["parent"]]["units"].append(node)
        else:
            name = r["department"]
            key = "name:" + name
            if key not in depts:
                depts[key] = {"name": name, "units": []}
            depts[key]["units"].append(node)
    for n in nodes.values():
        if not n["units"]:
            del n["units"]
    return {"organisation": organisation, "model": model, "departments": list(depts.values())}


def _split_ids(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,;]+", text) if p]


# --- org → rows -----------------------------------------------------------------------------------

EXPORT_HEADER = ("id", "name", "parent", "leader", "fte", "cost", "formerly")


def org_to_rows(s: Structure) -> list[list[str]]:
    """The department-rows layout: a row per department, then its units, parents by id."""
    rows: list[list[str]] = [list(EXPORT_HEADER)]
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
                _num(chef.cost) if chef and chef.cost is not None else "",
                " ".join(d.formerly),
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
                    _num(u.model.fte) if u.model.fte is not None else "",
                    _num(leader.cost) if leader and leader.cost is not None else "",
                    " ".join(u.formerly),
                ]
            )
            pending = next(units, None)
    return rows


def _num(x: float | int | None) -> str:
    """A number as text that reads back the same: ``12.1250``, not the ambiguous ``12.125``."""
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e16:
        return str(int(x))
    text = repr(float(x))
    whole, _, frac = text.partition(".")
    return f"{text}0" if len(frac) == 3 and frac.isdigit() and whole.lstrip("-") != "0" else text


def to_csv(rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()

"""Flat tables (CSV, Excel, LibreOffice) ↔ the org format: ``orgdiff import`` and ``export``.

A table has one row per unit. Two layouts are read:

- **department rows**: a row with an empty parent is a department (its leader is the chef post);
  every other row names its parent by id or by a unique name. ``export`` writes this.
- **a department column**: each top-level row names its department; nested rows name their
  parent unit by id or name.

Columns are found by their header (Danish or English variants, any case) in the first rows of
the first sheet that has one (title rows and cover sheets are skipped), or named with options.
Columns orgdiff has no field for are kept as unit tags (``Omkostningssted: 4711``). Rows above the
header of the form ``key: | value`` set organisation-level fields (``export`` writes them).
Numbers may use a decimal comma (``12,5``) and thousands points (``1.200.000``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import formula_unsafe
from .errors import InputError, Problem
from .tableread import Book, Sheet, parse_csv, read_book
from .tablewords import KEYS, ORG_KEYS, header_key
from .tablewrite import _num, org_to_rows, to_csv, to_xlsx

__all__ = [
    "Ambiguous",
    "Columns",
    "Imported",
    "import_table",
    "number",
    "org_to_rows",
    "parse_csv",
    "read_book",
    "rows_to_org",
    "to_csv",
    "to_xlsx",
]

HEADER_SCAN = 30  # rows looked at for the header
CYCLE = -(10**9)  # the depth of a row on a cycle of parents


@dataclass(frozen=True)
class Columns:
    """Which column holds which field: header names given by the user; others are guessed."""

    given: dict[str, str] = field(default_factory=dict)

    def guess(self, header: Sequence[str]) -> dict[str, list[int]]:
        """Every column each field could be (more than one is a duplicate to report)."""
        found: dict[str, list[int]] = {}
        taken: set[int] = set()
        for name, wanted in self.given.items():
            hits = [i for i, h in enumerate(header) if h.strip() == wanted.strip()]
            if hits:
                found[name] = hits
                taken.update(hits)
        for name, keys in KEYS.items():
            if name in self.given:
                continue
            hits = [i for i, h in enumerate(header) if i not in taken and header_key(h) in keys]
            if hits:
                found[name] = hits
        return found


@dataclass(frozen=True)
class Imported:
    """A table turned into org data (validated), and notes for the user about how."""

    data: dict[str, Any]
    notes: tuple[str, ...] = ()
    org: Any = None  # the validated orgdiff.model.Org (built once)


def _find_header(
    rows: list[list[str]], columns: Columns
) -> tuple[int, dict[str, list[int]]] | None:
    """The header row: the first with a name column and one more known field (or all given)."""
    for i, row in enumerate(rows[:HEADER_SCAN]):
        if _org_rows([row], 1):
            continue  # `notes:` | `Navn` is the organisation's notes, not a header
        found = columns.guess(row)
        if columns.given and not all(k in found for k in columns.given):
            continue
        if "name" in found and (len(found) >= 2 or columns.given):
            return i, found
    return None


def _choose_sheet(
    book: Book, columns: Columns, sheet: str | None, path: str
) -> tuple[Sheet, int, dict[str, list[int]], list[str]]:
    notes: list[str] = []
    if sheet is not None:
        chosen = [s for s in book.sheets if s.name == sheet]
        if not chosen:
            names = ", ".join(repr(s.name) for s in book.sheets)
            raise InputError(
                path, [Problem(0, 0, "", f"no sheet {sheet!r}; the sheets are: {names}")]
            )
        candidates = chosen
    else:
        candidates = list(book.sheets)
    for s in candidates:
        found = _find_header(s.rows, columns)
        if found is not None:
            if s is not book.sheets[0] and sheet is None:
                notes.append(f"{path}: read sheet {s.name!r}, the first with a table of units")
            return s, found[0], found[1], notes
    raise InputError(path, [_no_header(book, candidates, columns)])


def _no_header(book: Book, looked: list[Sheet], columns: Columns) -> Problem:
    first = next((r for s in looked for r in s.rows if any(c.strip() for c in r)), [])
    seen = ", ".join(repr(c.strip()) for c in first if c.strip()) or "none"
    if columns.given:
        wanted = ", ".join(f"--{k}-col {v!r}" for k, v in columns.given.items())
        what = f"no row has the columns named with {wanted}"
    else:
        what = (
            "no header row with a column for the unit's name (looked for "
            "navn/name/enhedsnavn/enhed) and one more known column (id, overordnet/parent, "
            "leder/leader, årsværk/fte, ...)"
        )
    msg = f"{what}; the first row's cells are: {seen}; name the columns with --name-col etc."
    if book.spreadsheet and len(book.sheets) > 1:
        names = ", ".join(repr(s.name) for s in book.sheets)
        msg += f"; the sheets are {names}: pick one with --sheet NAME"
    return Problem(1, 1, "", msg)


def _org_rows(rows: list[list[str]], upto: int) -> dict[str, tuple[str, int]]:
    """``key: | value`` rows above the header: organisation-level fields and their lines."""
    found: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(rows[:upto], start=1):
        cells = [c for c in row if c.strip()]
        if len(cells) != 2 or not cells[0].strip().endswith(":"):
            continue
        key = ORG_KEYS.get(cells[0].strip()[:-1].strip().lower())
        if key is not None:
            found[key] = (cells[1], line)  # as written: spaces may be meant
    return found


# --- numbers --------------------------------------------------------------------------------------


_ID = re.compile(r"[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.:/-]*\Z")
_PLAIN = re.compile(r"-?\d+\Z")
_EXPONENT = re.compile(r"-?\d+(\.\d+)?[eE][-+]?\d+\Z")
_ONE_SEP = re.compile(r"-?(\d+)([.,])(\d+)\Z")
_GROUPED = re.compile(r"-?\d{1,3}(?P<sep>[., ])\d{3}((?P=sep)\d{3})*(?P<dec>[.,]\d+)?\Z")
MAX_DIGITS = 20  # more digits than any FTE or yearly cost has


class Ambiguous(ValueError):
    """``1.200`` or ``1,200``: 1.2 or 1200, depending on the file's convention."""


class TooLarge(ValueError):
    """A number too large to be an FTE or a cost (``1e999``, 400 digits)."""


def number(text: str, decimal: str | None = None) -> float | int | None:
    """A number as spreadsheets write it: ``12,5``, ``12.5``, ``1.200.000``, ``1 200,5``, ``7``.

    ``decimal`` is the file's decimal mark ("," or "."), needed only for ``1.200`` / ``1,200``;
    without it those raise :class:`Ambiguous`. Empty → None; not a number → ValueError;
    more than 20 digits or beyond float range → :class:`TooLarge`.
    """
    s = text.strip().replace("\u00a0", " ")
    if not s:
        return None
    if sum(c.isdigit() for c in s) > MAX_DIGITS and not _EXPONENT.match(s):
        if re.fullmatch(r"[-\d., ]+", s):
            raise TooLarge(text)
    value = _number(s, text, decimal)
    if isinstance(value, float) and not math.isfinite(value):
        raise TooLarge(text)
    return value


def _number(s: str, text: str, decimal: str | None) -> float | int:
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


# --- rows → org -----------------------------------------------------------------------------------


def import_table(
    book: Book,
    path: str,
    columns: Columns,
    org_fields: Mapping[str, Any],
    defaults: Mapping[str, Any],
    *,
    sheet: str | None = None,
    decimal: str | None = None,
    max_depth: int = 50,
) -> Imported:
    """A workbook or CSV table as validated org data; every problem at its row and column.

    ``org_fields`` are organisation-level fields from the command line (they win over rows
    above the header); ``organisation`` and ``model`` default to the file's name there.
    """
    if not any(any(c.strip() for c in r) for s in book.sheets for r in s.rows):
        raise InputError(path, [Problem(1, 1, "", "the table is empty")])
    chosen, at, found, notes = _choose_sheet(book, columns, sheet, path)
    rows = (
        chosen.rows if book.spreadsheet else [[formula_unsafe(c) for c in r] for r in chosen.rows]
    )
    if not any(any(c.strip() for c in r) for r in rows):
        raise InputError(path, [Problem(1, 1, "", "the table is empty")])
    reader = _Reader(rows, path, at, found, decimal, max_depth)
    data = reader.org(org_fields, defaults)
    return Imported(data, tuple(notes), reader.validated)


def rows_to_org(
    rows: list[list[str]],
    path: str,
    columns: Columns,
    org_fields: Mapping[str, Any],
    defaults: Mapping[str, Any],
    decimal: str | None = None,
    max_depth: int = 50,
    *,
    header_at: int | None = None,
    found: dict[str, list[int]] | None = None,
) -> dict[str, Any]:
    """The org file's data for a table, validated as an org file is.

    Every problem is reported with the table's own line and column: duplicate ids or header
    columns, unknown or ambiguous parents, cycles, nesting too deep, bad numbers, rows without a
    name, and anything the org format refuses (a name too long, a bad currency ...).
    """
    if not any(any(c.strip() for c in r) for r in rows):
        raise InputError(path, [Problem(1, 1, "", "the table is empty")])
    if header_at is None or found is None:
        hit = _find_header(rows, columns)
        if hit is None:
            raise InputError(
                path, [_no_header(Book((Sheet("", rows),), False), [Sheet("", rows)], columns)]
            )
        header_at, found = hit
    return _Reader(rows, path, header_at, found, decimal, max_depth).org(org_fields, defaults)


class _Reader:
    """One table being read: its header, columns and records, and the problems found."""

    def __init__(
        self,
        rows: list[list[str]],
        path: str,
        header_at: int,
        found: dict[str, list[int]],
        decimal: str | None,
        max_depth: int,
    ) -> None:
        self.rows, self.path, self.max_depth = rows, path, max_depth
        self.header_line = header_at + 1
        self.header = [h.strip() for h in rows[header_at]]
        self.problems: list[Problem] = []
        self.col: dict[str, int] = {}
        for name, hits in found.items():
            self.col[name] = hits[0]
            if len(hits) > 1:
                cols = " and ".join(str(i + 1) for i in hits)
                self.problems.append(
                    Problem(
                        self.header_line,
                        hits[1] + 1,
                        self.header[hits[1]],
                        f"columns {cols} are both the unit's {name}; rename one, or say which "
                        f"with --{name}-col",
                    )
                )
        self.extras = [
            i
            for i, h in enumerate(self.header)
            if h and i not in {j for hits in found.values() for j in hits}
        ]
        body = rows[header_at + 1 :]
        self.decimal = decimal or decimal_mark(
            self.cell(r, n) for r in body for n in ("fte", "cost")
        )
        self.meta = _org_rows(rows, header_at)
        self.validated: Any = None

    # cells and problems

    def cell(self, row: Sequence[str], name: str) -> str:
        i = self.col.get(name)
        return row[i] if i is not None and i < len(row) else ""

    def problem(self, line: int, name: str, msg: str) -> None:
        column = self.header[self.col[name]] if name in self.col else name
        self.problems.append(Problem(line, self.col.get(name, 0) + 1, column, msg))

    def amount(self, line: int, row: Sequence[str], name: str) -> float | int | None:
        text = self.cell(row, name)
        shown = text if len(text) <= 40 else text[:37] + "..."
        try:
            value = number(text, self.decimal)
        except Ambiguous:
            self.problem(
                line,
                name,
                f"'{shown}' could be a decimal or a whole number; "
                "say which with --decimal comma or --decimal point",
            )
            return None
        except TooLarge:
            self.problem(line, name, f"'{shown}' is too large to be an FTE or a cost")
            return None
        except ValueError:
            self.problem(line, name, f"'{shown}' is not a number (write 12,5 or 12.5)")
            return None
        if value is not None and value < 0:
            self.problem(line, name, f"must be 0 or more, got {text.strip()}")
            return None
        return value

    # the records

    def records(self) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        ids: dict[str, int] = {}
        for line, row in enumerate(self.rows[self.header_line :], start=self.header_line + 1):
            if not any(c.strip() for c in row):
                continue
            rec: dict[str, Any] = {"line": line}
            for name in ("id", "parent", "department", "formerly"):
                rec[name] = self.cell(row, name).strip()
            for name in ("name", "leader", "notes"):
                text = self.cell(row, name)
                rec[name] = text if text.strip() else ""
            rec["fte"] = self.amount(line, row, "fte")
            rec["cost"] = self.amount(line, row, "cost")
            rec["tags"] = [t for t in self.cell(row, "tags").split("\n") if t.strip()]
            rec["tags"] += [
                f"{self.header[i]}: {row[i].strip()}"
                for i in self.extras
                if i < len(row) and row[i].strip()
            ]
            if not rec["name"]:
                self.problem(line, "name", "the unit has no name")
            if rec["cost"] is not None and not rec["leader"]:
                self.problem(
                    line, "cost", "a cost belongs to a leader post, and this row has no leader"
                )
            if "id" not in self.col:
                rec["key"] = f"row{line}"
            elif not rec["id"]:
                self.problem(line, "id", "the unit has no id")
                rec["key"] = f"row{line}"
            elif not _ID.match(rec["id"]):
                shown = rec["id"] if len(rec["id"]) <= 40 else rec["id"][:37] + "..."
                self.problem(
                    line,
                    "id",
                    f"'{shown}' is not a valid id: use letters, digits and - _ . : / (no spaces)",
                )
                rec["key"] = f"row{line}"
            elif rec["id"] in ids:
                self.problem(
                    line, "id", f"duplicate id '{rec['id']}' (also at line {ids[rec['id']]})"
                )
                rec["key"] = f"row{line}"
            else:
                ids[rec["id"]] = line
                rec["key"] = rec["id"]
            records.append(rec)
        return records

    def parents(self, records: list[dict[str, Any]]) -> dict[str, str]:
        """Each record's parent key: by id, else by a unique name (exact, then loosely)."""
        by_key = {r["key"]: r for r in records}
        by_name: dict[str, list[dict[str, Any]]] = {}
        by_loose: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_name.setdefault(r["name"].strip(), []).append(r)
            by_loose.setdefault(header_key(r["name"]), []).append(r)
        parent_of: dict[str, str] = {}
        unknown: list[dict[str, Any]] = []
        layout_by_column = "department" in self.col
        for r in records:
            p = r["parent"]
            if not p:
                if layout_by_column and not r["department"]:
                    self.problem(
                        r["line"], "department", "a top-level unit needs a department (or a parent)"
                    )
                continue
            if "id" in self.col and p in by_key:
                parent_of[r["key"]] = p
                continue
            same = by_name.get(p) or by_loose.get(header_key(p)) or []
            if len(same) == 1:
                parent_of[r["key"]] = same[0]["key"]
            elif len(same) > 1:
                lines = ", ".join(str(x["line"]) for x in same[:5])
                more = ", ..." if len(same) > 5 else ""
                self.problem(
                    r["line"],
                    "parent",
                    f"parent '{p}' is ambiguous: {len(same)} units have that name (lines "
                    f"{lines}{more}); give the parent's id instead",
                )
            else:
                unknown.append(r)
        if unknown and "id" not in self.col:
            first = unknown[0]
            self.problems.append(
                Problem(
                    self.header_line,
                    1,
                    "",
                    f"no column of unit ids (looked for id, enhedsnr, enhedsnummer, org.enhed, "
                    f"kode, ...), so parents were looked up by name, and {len(unknown)} "
                    f"parent(s) name no unit (the first: '{first['parent']}' at line "
                    f"{first['line']}); the headers are: {', '.join(h for h in self.header if h)}"
                    "; name the id column with --id-col",
                )
            )
        else:
            for r in unknown:
                self.problem(
                    r["line"],
                    "parent",
                    f"unknown parent '{r['parent']}': no row has that id or name",
                )
        return parent_of

    def chains(self, records: list[dict[str, Any]], parent_of: dict[str, str]) -> None:
        """Cycles among parents, and units nested deeper than the limit: reported at a row."""
        by_key = {r["key"]: r for r in records}
        depth: dict[str, int] = {}  # a department row 0, a unit under it 1, ...; CYCLE in one
        for r in records:
            path: list[str] = []
            node: str | None = r["key"]
            on_path: set[str] = set()
            while node is not None and node not in depth and node not in on_path:
                on_path.add(node)
                path.append(node)
                node = parent_of.get(node)
            if node is not None and node in on_path:
                cycle = path[path.index(node) :]
                chain = " → ".join(by_key[k]["id"] or by_key[k]["name"] for k in [*cycle, node])
                self.problem(by_key[cycle[0]]["line"], "parent", f"parents form a cycle: {chain}")
                for k in cycle:
                    depth[k] = CYCLE
                path = path[: path.index(node)]
            base = -1 if node is None else depth[node]
            for k in reversed(path):
                base = base + 1 if base != CYCLE else CYCLE
                depth[k] = base
        layout_by_column = "department" in self.col
        for r in records:
            d = depth[r["key"]] + (1 if layout_by_column else 0)
            if d == self.max_depth + 1:
                self.problem(
                    r["line"],
                    "parent",
                    f"units nested more than {self.max_depth} levels deep "
                    "(raise the limit with --max-depth)",
                )

    # assembling and validating

    def org(self, org_fields: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
        records = self.records()
        parent_of = self.parents(records)
        self.chains(records, parent_of)
        if self.problems:
            raise InputError(self.path, self.problems)
        where: dict[int, dict[str, Any]] = {}
        depts = self.assemble(records, parent_of, where)
        data = _org_values({key: value for key, (value, _) in self.meta.items()})
        data.update({k: v for k, v in org_fields.items() if v is not None})
        for key, value in defaults.items():
            data.setdefault(key, value)
        data["departments"] = depts
        self._validate(data, where)
        return data

    def assemble(
        self, records: list[dict[str, Any]], parent_of: dict[str, str], where: dict[int, Any]
    ) -> list[dict[str, Any]]:
        nodes: dict[str, dict[str, Any]] = {}
        depts: dict[str, dict[str, Any]] = {}
        dept_rows: set[str] = set()
        has_ids = "id" in self.col
        layout_by_column = "department" in self.col
        for r in records:
            node: dict[str, Any] = {}
            if has_ids:
                node["id"] = r["id"]
            node["name"] = r["name"]
            if not r["parent"] and not layout_by_column:  # a department row
                dept_rows.add(r["key"])
                if r["leader"]:
                    chef = {"title": r["leader"]}
                    if r["cost"] is not None:
                        chef["cost"] = r["cost"]
                    node["chef"] = chef
                depts[r["key"]] = node
            else:
                if r["leader"]:
                    node["leader"] = (
                        {"title": r["leader"], "cost": r["cost"]}
                        if r["cost"] is not None
                        else r["leader"]
                    )
                if r["fte"] is not None:
                    node["fte"] = r["fte"]
            if r["formerly"]:
                node["formerly"] = _split_ids(r["formerly"])
            if r["notes"]:
                node["notes"] = r["notes"]
            if r["tags"]:
                node["tags"] = r["tags"]
            node["units"] = []
            nodes[r["key"]] = node
            where[id(node)] = r
        for r in records:
            node = nodes[r["key"]]
            if r["key"] in dept_rows:
                continue
            parent = parent_of.get(r["key"])
            if parent is not None:
                nodes[parent]["units"].append(node)
            else:
                name = r["department"]
                key = "name:" + name
                if key not in depts:
                    depts[key] = {"name": name, "units": []}
                    where[id(depts[key])] = {**r, "dept_col": True}
                depts[key]["units"].append(node)
        self._dept_fte(records, dept_rows, nodes)
        for n in nodes.values():
            if not n["units"]:
                del n["units"]
        return list(depts.values())

    def _dept_fte(
        self, records: list[dict[str, Any]], dept_rows: set[str], nodes: dict[str, Any]
    ) -> None:
        """A department row's FTE must be its units' total: the format has no FTE of its own."""
        for r in records:
            if r["key"] not in dept_rows or r["fte"] is None:
                continue
            total = 0.0
            stack = list(nodes[r["key"]]["units"])
            while stack:
                u = stack.pop()
                total += u.get("fte") or 0
                stack.extend(u["units"])
            if abs(total - r["fte"]) > 0.005:
                self.problem(
                    r["line"],
                    "fte",
                    f"a department's FTE is the sum of its units' ({_num(total)} here), and this "
                    f"row says {_num(r['fte'])}; put the department's own staff in a unit row "
                    "under it (e.g. 'Sekretariat'), or leave the cell empty",
                )
        if self.problems:
            raise InputError(self.path, self.problems)

    def _validate(self, data: dict[str, Any], where: dict[int, Any]) -> None:
        """The org format's own checks, with every problem at the table's row and column."""
        from pydantic import ValidationError

        from .checks import check
        from .load import _from_pydantic, _parse_loc
        from .model import Org
        from .structure import build

        try:
            org = self.validated = Org.model_validate(data)
        except ValidationError as e:
            findings = [_from_pydantic(err) for err in e.errors()]
            raise InputError(
                self.path, [self._at(data, where, path, msg) for path, msg, _, _ in findings]
            ) from None
        broken = check(build(org))
        if broken:
            raise InputError(
                self.path, [self._at(data, where, _parse_loc(f.loc), f.msg) for f in broken]
            )

    def _at(
        self, data: dict[str, Any], where: dict[int, Any], path: tuple[str | int, ...], msg: str
    ) -> Problem:
        node: Any = data
        rec: dict[str, Any] | None = None
        rest: list[str | int] = []
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and id(node) in where:
                rec, rest = where[id(node)], []
            else:
                rest.append(part)
        fieldname = next((p for p in rest if isinstance(p, str)), "")
        column = {
            "chef": "leader",
            "title": "leader",
            "units": "parent",
        }.get(fieldname, fieldname)
        if rec is None:
            line = self.meta.get(fieldname, ("", 0))[1]
            return Problem(line, 2 if line else 0, fieldname, msg)
        if rec.get("dept_col"):
            column = "department"
        if fieldname == "cost" and "leader" in rest:
            column = "cost"
        if column not in self.col:
            column = "name"
        return Problem(rec["line"], self.col.get(column, 0) + 1, self.header[self.col[column]], msg)


def _org_values(meta: Mapping[str, str]) -> dict[str, Any]:
    """Organisation-level fields read from rows above the header, as the format wants them."""
    out: dict[str, Any] = {}
    for key, written in meta.items():
        text = written if key in ("organisation", "model", "source", "notes") else written.strip()
        if key == "chef_post_cost":
            try:
                out[key] = number(text)
            except ValueError:
                out[key] = text  # the format's check says what is wrong, at this row
        elif key == "baseline":
            out[key] = {"true": True, "ja": True, "yes": True, "false": False, "nej": False}.get(
                text.lower(), text
            )
        else:
            out[key] = text
    return out


def _split_ids(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,;]+", text) if p]

"""Reading a table as HR and payroll systems save it: bytes in, rows of text out.

What the file is comes from its bytes, not its name: an .xlsx or .ods workbook (a zip), an .xls
workbook (an OLE file), or text — UTF-8, UTF-16 ("Unicode text" from Excel) or a code page,
detected with charset-normalizer — whose CSV dialect csv.Sniffer tells. Every way a file can be
unreadable becomes one :class:`InputError` that says how to save the file instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError, Problem, UsageError

CELL_LIMIT = 1 << 20  # characters in one CSV cell; Excel's own limit is 32,767
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8' or as .xlsx"
# Bytes Windows-1252 leaves undefined: a file with them is not Windows-1252 text.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class Sheet:
    """One table: its name (a workbook's sheet, else "") and its rows of text, as written."""

    name: str
    rows: list[list[str]]


@dataclass(frozen=True)
class Book:
    """What a file holds: one sheet for a text table, every sheet for a workbook.

    ``spreadsheet``: the cells came typed from a workbook (no CSV formula guard to undo).
    ``encoding``: the text encoding a CSV file was read in ("" for workbooks).
    """

    sheets: tuple[Sheet, ...]
    spreadsheet: bool
    encoding: str = ""


def delimiter_of(text: str | None, option: str = "--delimiter") -> str | None:
    """A usable one-character CSV separator; ``tab`` and ``\\t`` name the tab."""
    if text is None:
        return None
    if text in ("tab", "\\t", "TAB"):
        return "\t"
    if len(text) != 1 or text in "\"'\r\n" or text.isalnum():
        shown = repr(text)
        raise UsageError(
            f"{option} must be one character such as , ; | or tab (not a letter, digit, quote "
            f"or line break), got {shown}"
        )
    return text


def read_book(
    name: str,
    data: bytes,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> Book:
    """The sheets of a workbook, or the one table of a text file."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return _zip_book(name, data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _calamine_book(name, data, ".xls")
    text, used = decode(name, data, encoding)
    if "\x00" in text[:4096]:
        raise InputError(name, [Problem(0, 0, "", f"is binary data, not a table; {SAVE_AS}")])
    return Book((Sheet("", parse_csv(text, delimiter, name)),), False, used)


# --- text ----------------------------------------------------------------------------------------


def decode(name: str, data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read in.

    A BOM decides (UTF-8, UTF-16); else strict UTF-8; else Windows-1252 (what Excel in Denmark
    saves as "CSV") when charset-normalizer finds it plausible; else charset-normalizer's best.
    """
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise UsageError(f"--encoding: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise _bad_byte(name, data, e.start, encoding) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise _bad_byte(name, data, e.start, "UTF-16") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _utf16_without_bom(data):
        raise InputError(name, [Problem(0, 0, "", f"is binary data, not a table; {SAVE_AS}")])
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        if data[e.start] in _CP1252_HOLES and b"\x00" not in data[:4096]:
            raise _bad_byte(name, data, e.start, "Windows-1252") from None
        text = ""
    from charset_normalizer import from_bytes  # loaded only for files that are not UTF-8

    matches = from_bytes(data[: 1 << 20])
    encodings = [m.encoding for m in matches]
    if text and ("cp1252" in encodings or not encodings):
        return text, "cp1252"
    best = matches.best()
    if best is None:
        raise InputError(
            name, [Problem(0, 0, "", f"the text encoding cannot be recognised; {SAVE_AS}")]
        )
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError as e:
        raise _bad_byte(name, data, e.start, best.encoding) from None


def _utf16_without_bom(data: bytes) -> bool:
    sample = data[:4096]
    return len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4


def _bad_byte(name: str, data: bytes, offset: int, encoding: str) -> InputError:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return InputError(
        name,
        [
            Problem(
                line,
                col,
                "",
                f"byte 0x{data[offset]:02X} is not a character in {encoding}, the encoding this "
                f"file seems to be in; {SAVE_AS}, or name the encoding with --encoding",
            )
        ],
    )


def sniff(text: str) -> str:
    """The separator of CSV text: csv.Sniffer on its first lines, among , ; tab and |."""
    lines = text[:65536].splitlines()[:50]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    # The sniffer wants a consistent count per line; title rows above the header break that.
    counts = {d: max((line.count(d) for line in lines), default=0) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv(text: str, delimiter: str | None = None, name: str = "<table>") -> list[list[str]]:
    """Rows of CSV text, strictly: an unclosed quote or an oversized cell is an error."""
    delimiter = delimiter_of(delimiter) or sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    old = csv.field_size_limit(CELL_LIMIT)
    start = 1
    try:
        for row in reader:
            rows.append(row)
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(name, [_csv_problem(str(e), start, reader.line_num)]) from None
    finally:
        csv.field_size_limit(old)
    return rows


def _csv_problem(error: str, start: int, now: int) -> Problem:
    if "field larger than field limit" in error:
        return Problem(
            start,
            1,
            "",
            f"a cell longer than {CELL_LIMIT:,} characters (an unclosed quote, or not a table)",
        )
    if "unexpected end of data" in error or "newline inside string" in error:
        return Problem(
            start,
            1,
            "",
            'a quote (") opened in this row is never closed, so every row after it would be '
            "one cell; close or remove the quote",
        )
    if "expected after" in error:
        return Problem(
            now,
            1,
            "",
            "a quoted cell goes on after its closing quote; write a quote inside a quoted "
            'cell as "" (two quotes)',
        )
    return Problem(now, 1, "", f"not readable as CSV: {error}")


# --- workbooks -----------------------------------------------------------------------------------


# A workbook is a zip of XML. What it unpacks to is bounded before anything is unpacked (a
# "zip bomb" of a few megabytes can hold gigabytes of XML), and the cells read are counted, so
# that a row padded out to column XFD, or an .ods row "repeated" a million times, cannot make a
# tiny file into billions of cells. The bounds are far above what an HR register needs (a
# million units of twenty columns) and scale with the file: a real workbook holds at least a
# byte for every few cells; a bomb holds thousands of cells per byte.
UNZIPPED_LIMIT = 1 << 30  # bytes of XML a workbook may unpack to, at most
UNZIPPED_RATIO = 200  # ... and more than 64 MiB only at most this many times its own size
CELLS_PER_BYTE = 4  # cells a workbook may hold per byte of the file (at least CELLS_MIN)
CELLS_MIN = 2_000_000


def _bomb(name: str, what: str) -> InputError:
    return InputError(
        name,
        [Problem(0, 0, "", f"{what}: not an HR export but a decompression bomb; {SAVE_AS}")],
    )


def _cell_budget(data: bytes) -> int:
    return max(CELLS_MIN, CELLS_PER_BYTE * len(data))


def _rows(name: str, sheet: str, rows: Any, budget: list[int]) -> list[list[str]]:
    """A sheet's rows as text, counting cells against ``budget`` and checking cell sizes."""
    out: list[list[str]] = []
    for number, row in enumerate(rows, 1):
        budget[0] -= len(row)
        if budget[0] < 0:
            raise _bomb(name, f"sheet '{sheet}' holds far more cells than the file's size allows")
        cells = [cell_text(v) for v in row]
        for col, cell in enumerate(cells, 1):
            if len(cell) > CELL_LIMIT:
                raise InputError(
                    name,
                    [
                        Problem(
                            number,
                            col,
                            "",
                            f"a cell longer than {CELL_LIMIT:,} characters (sheet '{sheet}')",
                        )
                    ],
                )
        out.append(cells)
    return out


def _zip_book(name: str, data: bytes) -> Book:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            unzipped = sum(info.file_size for info in z.infolist())
            if unzipped > UNZIPPED_LIMIT or (
                unzipped > 64 << 20 and unzipped > UNZIPPED_RATIO * len(data)
            ):
                raise _bomb(name, f"a zip of {len(data):,} bytes that unpacks to {unzipped:,}")
            mimetype = z.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        raise InputError(
            name, [Problem(0, 0, "", f"is a damaged zip file, not a workbook; {SAVE_AS}")]
        ) from None
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return _calamine_book(name, data, ".ods")
    if "xl/workbook.xml" in names:
        return _xlsx_book(name, data)
    raise InputError(name, [Problem(0, 0, "", f"is a zip file but not a workbook; {SAVE_AS}")])


def _xlsx_book(name: str, data: bytes) -> Book:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        budget = [_cell_budget(data)]
        sheets = []
        for ws in book.worksheets:
            # Read-only mode trusts the sheet's <dimension> element, which writers other than
            # Excel often leave stale: rows below it would be dropped without a word.
            ws.reset_dimensions()
            sheets.append(
                Sheet(ws.title, _rows(name, ws.title, ws.iter_rows(values_only=True), budget))
            )
        book.close()
    except InputError:
        raise
    except Exception as e:  # openpyxl raises many kinds for a damaged workbook
        raise InputError(
            name, [Problem(0, 0, "", f"not a readable .xlsx workbook ({e}); {SAVE_AS}")]
        ) from None
    return Book(tuple(sheets), True)


def _calamine_book(name: str, data: bytes, kind: str) -> Book:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise InputError(
            name,
            [
                Problem(
                    0,
                    0,
                    "",
                    f"is an {kind} workbook; reading it needs python-calamine "
                    f"(pip install python-calamine), or {SAVE_AS}",
                )
            ],
        ) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        budget = [_cell_budget(data)]
        sheets = []
        for n in book.sheet_names:
            sheet = book.get_sheet_by_name(n)
            if sheet.height * sheet.width > budget[0]:  # before a Python object is made
                raise _bomb(name, f"sheet '{n}' holds far more cells than the file's size allows")
            sheets.append(Sheet(n, _rows(name, n, sheet.iter_rows(), budget)))
    except InputError:
        raise
    except Exception as e:  # calamine's errors for a damaged file
        raise InputError(
            name, [Problem(0, 0, "", f"not a readable {kind} workbook ({e}); {SAVE_AS}")]
        ) from None
    return Book(tuple(sheets), True)


def cell_text(value: Any) -> str:
    """A workbook cell as text: ``12.0`` → ``12``, a date → ``2026-05-11``, empty → ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        text = repr(value)  # 12.125 → 12.1250: never read as twelve thousand
        whole, _, frac = text.partition(".")
        return text + "0" if len(frac) == 3 and frac.isdigit() else text
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else str(text)
    return str(value)


def sheet_names(book: Book) -> Sequence[str]:
    return [s.name for s in book.sheets]

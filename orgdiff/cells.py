"""Spreadsheet formula injection: the guard for every text cell orgdiff writes to a table.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some programs,
a tab or a carriage return) as a formula: a unit named ``=HYPERLINK(...)`` would become a link
or worse when an exported table is opened. As OWASP recommends ("CSV Injection"), such a cell is
written with a leading apostrophe, which spreadsheets show as text and do not display. The guard
is a bijection: a cell that already begins with apostrophes before such a character gets one
more, so :func:`formula_unsafe` gives back exactly the original text.
"""

from __future__ import annotations

TRIGGERS = frozenset("=+-@\t\r")


def _guarded(text: str) -> bool:
    """``text`` begins with zero or more apostrophes and then a formula trigger."""
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in TRIGGERS


def formula_safe(text: str) -> str:
    """``=1+2`` → ``'=1+2``; ``'=x`` → ``''=x``; any other text as it is."""
    return "'" + text if _guarded(text) else text


def formula_unsafe(text: str) -> str:
    """The inverse of :func:`formula_safe`: ``'=1+2`` → ``=1+2``; other text as it is."""
    if text.startswith("'") and _guarded(text[1:]):
        return text[1:]
    return text

"""Text for spreadsheet cells that a spreadsheet will not run as a formula (CSV injection).

OWASP's advice: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is prefixed with a single quote, so Excel and LibreOffice show it as text.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` as a cell that cannot start a formula: ``=SUM(A1)`` → ``'=SUM(A1)``."""
    return "'" + text if text.startswith(_TRIGGERS) else text

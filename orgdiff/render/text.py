"""Safe text for terminals: user-supplied names never reach the terminal raw."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is loaded only by the commands that draw with it
    from rich.text import Text


def clean(s: str) -> str:
    """Show control and format characters (escapes, bidi overrides) as visible ``\\uXXXX``."""
    if s.isprintable():
        return s
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if ch == "\n":
            out.append(" ")
        elif cat in ("Cc", "Cf") or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def text(s: str, style: str = "") -> Text:
    """A rich Text of user data: no markup is interpreted, no control character passes."""
    from rich.text import Text

    return Text(clean(s), style=style)

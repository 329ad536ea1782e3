"""Safe text for terminals: user-supplied names never reach the terminal raw.

One predicate, :func:`unsafe`, says which characters may not be written as they are: control
characters (C0 with ESC, DEL, C1), format characters (bidi overrides and isolates, zero-width
characters, the BOM, tag characters), line and paragraph separators, surrogates and private-use
or unassigned code points. Everything that reaches standard output or standard error passes it:

- :func:`clean` for one name on one line (the renderers use it for every name they print);
- :func:`clean_lines` for a block of text (a file printed by ``textconv``), keeping line breaks;
- :class:`SafeStream`, the CLI's boundary around ``sys.stdout`` and ``sys.stderr``: whatever a
  renderer, typer or click writes passes :func:`clean_stream`, which lets through only the
  colour codes (``ESC [ ... m``) orgdiff makes itself.

Unsafe characters are shown as ``\\uXXXX`` (``\\U000XXXXX`` beyond the BMP), so a reader sees
that they are there without the terminal acting on them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # rich is loaded only by the commands that draw with it
    from rich.text import Text

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def unsafe(ch: str) -> bool:
    """True for a character a terminal may act on or hide: controls, bidi, zero-width..."""
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def visible(ch: str) -> str:
    """``\\u202e`` for U+202E: an unsafe character as text a reader can see."""
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def clean(s: str) -> str:
    """One name on one line: line breaks become spaces, unsafe characters ``\\uXXXX``."""
    if s.isprintable():
        return s
    return "".join(" " if ch == "\n" else visible(ch) if unsafe(ch) else ch for ch in s)


# What may pass to a terminal untouched: the SGR colour codes rich and orgdiff make
# ("ESC [ 1;31 m", output streams only), CR LF line ends (CSV), and characters of ranges known
# to be safe (printable ASCII, line breaks, tabs, Latin letters, punctuation, arrows, box
# drawing). Anything else is looked at one by one; the scan runs in C, so big outputs stay fast.
_SAFE_RANGES = (
    "[^\x20-\x7e\n\t\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u257f]"
)
_CHECK_TEXT = re.compile("\r\n|" + _SAFE_RANGES)
_CHECK_JSON = re.compile(_SAFE_RANGES)
_CHECK_STREAM = re.compile("\x1b\\[[0-9;]*m|\r\n|" + _SAFE_RANGES)


def _visible_if_unsafe(match: re.Match[str]) -> str:
    found = match.group()
    return visible(found) if len(found) == 1 and unsafe(found) else found


def clean_lines(s: str) -> str:
    """A block of text (a file, a CSV table): line ends and tabs kept, the rest made visible.

    A byte order mark that begins the text (CSV for Excel) is kept: it is all a BOM can be there.
    """
    if s.startswith("\ufeff"):
        return "\ufeff" + _CHECK_TEXT.sub(_visible_if_unsafe, s[1:])
    return _CHECK_TEXT.sub(_visible_if_unsafe, s)


def clean_stream(s: str) -> str:
    """Output text made harmless: the colour codes orgdiff writes pass, nothing else unsafe."""
    return _CHECK_STREAM.sub(_visible_if_unsafe, s)


def _json_escape(match: re.Match[str]) -> str:
    found = match.group()
    if not unsafe(found):
        return found
    code = ord(found)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(s: str) -> str:
    """JSON text with every unsafe character as a JSON escape: the same data, nothing raw.

    Only strings hold such characters, and ``\\uXXXX`` means the same character there.
    """
    return _CHECK_JSON.sub(_json_escape, s)


class SafeStream:
    """A text stream that passes every write through :func:`clean_stream` to the real one.

    Installed over ``sys.stdout`` and ``sys.stderr`` by the CLI, it is the last boundary: no
    byte a file or an argument brought in reaches the terminal as a control sequence, whatever
    path it took (a report, an error message, typer's or click's own messages).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = False
        self._failed = False
        # A terminal or pipe whose encoding cannot hold every character (LANG=C without UTF-8
        # mode, PYTHONIOENCODING=latin-1, a Windows code page) gets \xb7-style escapes for the
        # characters it lacks instead of a UnicodeEncodeError in the middle of a report.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):  # pragma: no cover - a stream that cannot change
                pass

    def write(self, s: str) -> int:
        length = len(s)
        if self._failed:
            return length
        try:
            if not self._started and s:
                self._started = True
                if s.startswith("\ufeff"):  # a byte order mark that begins the output (CSV
                    self._stream.write("\ufeff")  # for Excel) is kept: all a BOM can be there
                    s = s[1:]
            self._stream.write(clean_stream(s))
        except OSError as e:
            self._give_up(e)
        return length

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._failed:
            return
        try:
            self._stream.flush()
        except OSError as e:
            self._give_up(e)

    def _give_up(self, e: OSError) -> None:
        """A stream that cannot be written (a full disk, ``>/dev/full``, a closed pipe): what
        is still buffered goes nowhere, so that Python's own flush at exit cannot fail again,
        and the run ends with one line on standard error and exit code 2 — no traceback. A
        closed pipe (``orgdiff show | head``) ends as click ends it, quietly."""
        import errno
        import os
        import sys

        self._failed = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # pragma: no cover - not a real file
            pass
        if e.errno == errno.EPIPE:
            raise e
        if self._stream is not sys.__stderr__ and not (
            isinstance(sys.stderr, SafeStream) and sys.stderr._failed
        ):
            which = "standard output" if self._stream is sys.__stdout__ else "output"
            sys.stderr.write(f"{which}: cannot write: {e.strerror or e}\n")
            sys.stderr.flush()
        raise SystemExit(2)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, ...
        return getattr(self._stream, name)


def text(s: str, style: str = "") -> Text:
    """A rich Text of user data: no markup is interpreted, no control character passes."""
    from rich.text import Text

    return Text(clean(s), style=style)

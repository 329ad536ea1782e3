"""One error family. Every failure orgdiff reports to a user is an :class:`OrgdiffError`.

The CLI is the only place that catches them, prints them and sets exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass


class OrgdiffError(Exception):
    """Base of every error orgdiff reports to its user (exit code 2)."""

    def lines(self) -> list[str]:
        """The message as the lines to print."""
        return [str(self)]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a place in it.

    ``line`` and ``col`` are 1-based; 0 means "no position" (e.g. the file does not exist).
    ``loc`` is the field path, e.g. ``departments[2].units[0].fte``; empty for the whole file.
    """

    line: int
    col: int
    loc: str
    msg: str

    def format(self, path: str) -> str:
        """``FILE:LINE:COL: field.path: message``, leaving out the parts that are unknown."""
        where = path if self.line <= 0 else f"{path}:{self.line}:{self.col}"
        return f"{where}: {self.loc}: {self.msg}" if self.loc else f"{where}: {self.msg}"


class InputError(OrgdiffError):
    """A file that cannot be used: all its problems at once, each with line and column."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line, p.col, p.loc, p.msg))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.format(self.path) for p in self.problems]


class UsageError(OrgdiffError):
    """A command line that asks for something impossible (not a problem inside a file)."""

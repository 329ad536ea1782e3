"""One configuration: ``orgdiff.toml``, or ``[tool.orgdiff]`` in ``pyproject.toml``, found in the
working folder or the nearest folder above it that has one. Command-line options win over it.

```toml
lang = "da"                 # language of reports: da or en
chef_post_cost = 1200000    # yearly cost of a chef post, for files that do not give one
currency = "DKK"
[import.columns]            # header names of an HR export, per field
id = "Enhedsnr"
parent = "Overordnet enhed"
[charts]                    # chart options: depth, changed_only, weight
depth = 3
[inference]                 # thresholds of the inference, passed on as they are
```
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem


@dataclass(frozen=True)
class Config:
    """What a configuration file says; empty where it says nothing."""

    path: Path | None = None
    lang: str | None = None
    chef_post_cost: float | int | None = None
    currency: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    charts: dict[str, Any] = field(default_factory=dict)
    inference: dict[str, Any] = field(default_factory=dict)


# A configuration file is a few lines; anything bigger is not one (and is not read whole).
MAX_CONFIG_BYTES = 1 << 20
CHART_SETTINGS = ("changed_only", "depth", "weight")
WEIGHTS = ("units", "fte")
# orgdiff.model.MAX_COST (not imported: reading settings needs no pydantic): a yearly cost.
MAX_COST = 1_000_000_000_000


def _trusted(path: Path) -> bool:
    """A settings file orgdiff may take: owned by the user running it or by root.

    Settings change results (costs, thresholds), so a file another user could have put in a
    shared parent folder (``/tmp/orgdiff.toml``) is not taken — as git refuses a repository
    owned by someone else.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows has no owners of this kind
        return True
    try:
        owner = path.stat().st_uid
    except OSError:
        return True  # unreadable: load() says so
    return owner in (getuid(), 0)


def _head(path: Path) -> bytes:
    """The start of a file, enough to tell whether a pyproject.toml has [tool.orgdiff]."""
    try:
        with open(path, "rb") as f:
            return f.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return b""


def find(start: Path | None = None) -> Path | None:
    """The nearest ``orgdiff.toml`` or ``pyproject.toml`` with ``[tool.orgdiff]``, upwards.

    A file in a folder *above* the working folder that another user owns (not root) is passed
    over with a note on standard error; the working folder's own file is taken whoever owns it
    (a checkout mounted into a container is often owned by another uid).
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "orgdiff.toml"
        project = folder / "pyproject.toml"
        for candidate in (own, project):
            if not candidate.is_file():
                continue
            if candidate is project and b"[tool.orgdiff" not in _head(project):
                continue
            if folder != here and not _trusted(candidate):  # the working folder's own: taken
                sys.stderr.write(
                    f"{candidate}: not used: owned by another user (uid "
                    f"{candidate.stat().st_uid}); orgdiff takes settings only from your own "
                    "files or root's\n"
                )
                continue
            return candidate
    return None


def load(start: Path | None = None) -> Config:
    """The configuration in force for the working folder (an empty one without a file)."""
    path = find(start)
    if path is None:
        return Config()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from .reading import read_limited

    raw = read_limited(path, MAX_CONFIG_BYTES)
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as e:
        raise InputError(str(path), [Problem(0, 0, "", f"not UTF-8 text: {e}")]) from None
    except tomllib.TOMLDecodeError as e:
        import re

        where = re.search(r"\s*\(at line (\d+), column (\d+)\)", str(e))
        line, col = (int(where.group(1)), int(where.group(2))) if where else (0, 0)
        msg = str(e).replace(where.group(0), "") if where else str(e)
        raise InputError(str(path), [Problem(line, col, "", f"not valid TOML: {msg}")]) from None
    except RecursionError:
        raise InputError(
            str(path), [Problem(0, 0, "", "not valid TOML: arrays or tables nested too deeply")]
        ) from None
    table = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        own = tool.get("orgdiff") if isinstance(tool, dict) else None
        table = "tool.orgdiff"
        if not isinstance(own, dict):
            line = _line_of(text, "tool", "orgdiff") or _line_of(text, "", "tool")
            raise InputError(str(path), [Problem(line, 1, table, "must be a table")])
        data = own
    return _config(path, data, text, table)


def _line_of(text: str, table: str, key: str) -> int:
    """The line of ``key`` in ``[table]`` (``key = ...``, or ``[table.key]``); 0 if not found."""
    import re

    current = ""
    wanted = f"{table}.{key}" if table else key
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            current = re.sub(r"\s*\.\s*", ".", header.group(1)).replace('"', "")
            if current == wanted:
                return number
            continue
        name = re.match(r'^"?([^"=\s]+)"?\s*=', stripped)
        if name and current == table and name.group(1) == key:
            return number
        if name and not table and not current and name.group(1).startswith(key + "."):
            return number
    return 0


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _config(path: Path, data: dict[str, Any], text: str = "", table: str = "") -> Config:
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        section, _, name = key.rpartition(".")
        full = f"{table}.{section}" if table and section else section or table
        line = _line_of(text, full, name) or _line_of(text, table, key.split(".")[0])
        problems.append(Problem(line, 1 if line else 0, key, msg))

    known = {"lang", "chef_post_cost", "currency", "import", "charts", "inference"}
    for key in data:
        if key not in known:
            bad(key, f"unknown setting; the settings are: {', '.join(sorted(known))}")
    lang = data.get("lang")
    if lang is not None and lang not in ("da", "en"):
        bad("lang", f"must be da or en, got {lang!r}")
    cost = data.get("chef_post_cost")
    if cost is not None and not (_number(cost) and 0 <= cost <= MAX_COST):
        bad("chef_post_cost", f"must be a number from 0 to {MAX_COST:,}, got {cost!r}")
    currency = data.get("currency")
    if currency is not None and not (
        isinstance(currency, str)
        and len(currency) == 3
        and currency.isascii()
        and currency.isalpha()
        and currency.isupper()
    ):
        bad("currency", f"must be a 3-letter code like DKK, got {currency!r}")
    columns: dict[str, Any] = {}
    imports = data.get("import", {})
    if not isinstance(imports, dict):
        bad("import", "must be a table ([import.columns])")
    else:
        for key in imports:
            if key != "columns":
                bad(f"import.{key}", "unknown setting; [import] has only columns")
        columns = imports.get("columns", {})
        if not isinstance(columns, dict):
            bad("import.columns", 'must be a table of field = "header"')
            columns = {}
    if columns:
        from .tablewords import GUESSES  # the fields a table column can hold: one list

        fields = tuple(GUESSES)
    for key, value in columns.items():
        if key not in fields or not isinstance(value, str):
            bad(f"import.columns.{key}", f'expected one of {", ".join(fields)} = "header"')
    for name in ("charts", "inference"):
        if not isinstance(data.get(name, {}), dict):
            bad(name, "must be a table")
    charts = data.get("charts", {}) if isinstance(data.get("charts", {}), dict) else {}
    for key, value in charts.items():
        if key not in CHART_SETTINGS:
            bad(f"charts.{key}", f"unknown setting; [charts] has {', '.join(CHART_SETTINGS)}")
        elif key == "depth" and not (isinstance(value, int) and not isinstance(value, bool)):
            bad("charts.depth", f"must be a whole number of levels, 1 or more, got {value!r}")
        elif key == "depth" and value < 1:
            bad("charts.depth", f"must be 1 or more, got {value!r}")
        elif key == "changed_only" and not isinstance(value, bool):
            bad("charts.changed_only", f"must be true or false, got {value!r}")
        elif key == "weight" and value not in WEIGHTS:
            bad("charts.weight", f'must be "units" or "fte", got {value!r}')
    inference = data.get("inference", {}) if isinstance(data.get("inference"), dict) else {}
    for key, value in inference.items():
        if not (_number(value) and 0 <= value <= 1):
            bad(f"inference.{key}", f"must be a number from 0 to 1, got {value!r}")
    if problems:
        raise InputError(str(path), problems)
    return Config(
        path=path,
        lang=lang,
        chef_post_cost=cost,
        currency=currency,
        columns=dict(columns),
        charts=dict(charts),
        inference=dict(inference),
    )


CONFIG_TEMPLATE = """\
# orgdiff's settings for the org files in this folder and below (orgdiff.toml).
# Options on the command line win over these. Delete what you do not need.

# Language of reports and charts: "da" or "en" (default: the file's `lang:`, else en).
lang = "da"

# Yearly cost of one chef post, for files that give none (in `currency`).
# chef_post_cost = 1200000
currency = "DKK"

# `orgdiff import`: which header of your HR export holds which field, when orgdiff's
# guesses (enhedsnr, enhedsnavn, overordnet enhed, leder, årsværk, ...) do not find it.
[import.columns]
# id = "Enhedsnr"
# name = "Enhedsnavn"
# parent = "Overordnet enhed"
# leader = "Leder"
# fte = "Årsværk"

# Charts (`orgdiff render`, `compare --chart`): depth, changed_only, weight ("units"/"fte").
[charts]
# depth = 3
# changed_only = false
# weight = "units"

# Thresholds of the inference (which departments merged, split or were renamed),
# passed on to it as they are.
[inference]
"""

CURRENT_TEMPLATE = """\
organisation: Min Kommune
model: Nuværende organisering
lang: da
departments:
  - id: stab
    name: Økonomi & Stab
    chef: Chef for Økonomi & Stab
    units:
      - id: loen
        name: Løn
        leader: Lønchef
        fte: 12
"""

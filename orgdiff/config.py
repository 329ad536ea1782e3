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


def find(start: Path | None = None) -> Path | None:
    """The nearest ``orgdiff.toml`` or ``pyproject.toml`` with ``[tool.orgdiff]``, upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "orgdiff.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and b"[tool.orgdiff" in project.read_bytes():
            return project
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
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(str(path), [Problem(0, 0, "", f"not valid TOML: {e}")]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("orgdiff", {})
    return _config(path, data)


def _config(path: Path, data: dict[str, Any]) -> Config:
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(0, 0, key, msg))

    known = {"lang", "chef_post_cost", "currency", "import", "charts", "inference"}
    for key in data:
        if key not in known:
            bad(key, f"unknown setting; the settings are: {', '.join(sorted(known))}")
    lang = data.get("lang")
    if lang is not None and lang not in ("da", "en"):
        bad("lang", f"must be da or en, got {lang!r}")
    cost = data.get("chef_post_cost")
    if cost is not None:
        from .model import MAX_COST  # the same bounds as a file's chef_post_cost

        if (
            isinstance(cost, bool)
            or not isinstance(cost, (int, float))
            or not 0 <= cost <= MAX_COST  # (false for nan too)
        ):
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
    columns = (
        data.get("import", {}).get("columns", {}) if isinstance(data.get("import"), dict) else {}
    )
    if columns:
        from .tablewords import GUESSES  # the fields a table column can hold: one list

        fields = tuple(GUESSES)
    for key, value in columns.items():
        if key not in fields or not isinstance(value, str):
            bad(f"import.columns.{key}", f'expected one of {", ".join(fields)} = "header"')
    for table in ("charts", "inference"):
        if not isinstance(data.get(table, {}), dict):
            bad(table, "must be a table")
    if problems:
        raise InputError(str(path), problems)
    return Config(
        path=path,
        lang=lang,
        chef_post_cost=cost,
        currency=currency,
        columns=dict(columns),
        charts=dict(data.get("charts", {})),
        inference=dict(data.get("inference", {})),
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

"""orgdiff: compare organisation structures (departments, units, chef posts) written as YAML.

The library is usable without the CLI::

    from orgdiff import load, compare
    diff = compare(load("orgs/albertslund/current.yaml"), load("orgs/albertslund/model1.yaml"))
    [m.target.name for m in diff.departments.merged]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# `load` is also a submodule's name: bound here, so importing orgdiff.load never shadows it.
from .errors import InputError, OrgdiffError, Problem, UsageError
from .load import Limits, load, load_structure, loads, loads_structure

if TYPE_CHECKING:
    from .changes import OrgDiff
    from .diff import compare
    from .dump import dumps
    from .match import Thresholds
    from .model import Department, Org, Post, Unit
    from .schema import json_schema
    from .structure import Structure, build

# The public API, imported on first use (PEP 562): a command loads only what it needs.
_WHERE = {
    "OrgDiff": "changes",
    "compare": "diff",
    "dumps": "dump",
    "InputError": "errors",
    "OrgdiffError": "errors",
    "Problem": "errors",
    "UsageError": "errors",
    "Limits": "load",
    "load": "load",
    "load_structure": "load",
    "loads": "load",
    "loads_structure": "load",
    "Thresholds": "match",
    "Department": "model",
    "Org": "model",
    "Post": "model",
    "Unit": "model",
    "json_schema": "schema",
    "Structure": "structure",
    "build": "structure",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'orgdiff' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Department",
    "InputError",
    "Limits",
    "Org",
    "OrgDiff",
    "OrgdiffError",
    "Post",
    "Problem",
    "Structure",
    "Thresholds",
    "Unit",
    "UsageError",
    "__version__",
    "build",
    "compare",
    "dumps",
    "json_schema",
    "load",
    "load_structure",
    "loads",
    "loads_structure",
]

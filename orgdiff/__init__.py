"""orgdiff: compare organisation structures (departments, units, chef posts) written as YAML.

The library is usable without the CLI::

    from orgdiff import load, compare
    diff = compare(load("orgs/albertslund/current.yaml"), load("orgs/albertslund/model1.yaml"))
    [m.target.name for m in diff.departments.merged]
"""

from __future__ import annotations

from .changes import OrgDiff
from .diff import compare
from .dump import dumps
from .errors import InputError, OrgdiffError, Problem, UsageError
from .load import Limits, load, load_structure, loads, loads_structure
from .match import Thresholds
from .model import Department, Org, Post, Unit
from .schema import json_schema
from .structure import Structure, build

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

"""orgdiff: compare organisation structures (departments, units, chef posts) written as YAML.

The library is usable without the CLI::

    from orgdiff import load
    org = load("orgs/albertslund/current.yaml")
"""

from __future__ import annotations

from .dump import dumps
from .errors import InputError, OrgdiffError, Problem, UsageError
from .load import Limits, load, load_structure, loads, loads_structure
from .model import Department, Org, Post, Unit
from .schema import json_schema
from .structure import Structure, build

__version__ = "0.1.0"

__all__ = [
    "Department",
    "InputError",
    "Limits",
    "Org",
    "OrgdiffError",
    "Post",
    "Problem",
    "Structure",
    "Unit",
    "UsageError",
    "__version__",
    "build",
    "dumps",
    "json_schema",
    "load",
    "load_structure",
    "loads",
    "loads_structure",
]

"""Model → YAML text, the inverse of :mod:`orgdiff.load` (``load(dump(org)) == org``)."""

from __future__ import annotations

from typing import Any

import yaml

from .model import Org

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dumps(org: Org) -> str:
    """The org as YAML, leaving out fields that have their default value."""
    data = org.model_dump(mode="json", exclude_defaults=True)
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))

"""Model → YAML text, the inverse of :mod:`orgdiff.load` (``load(dump(org)) == org``)."""

from __future__ import annotations

from typing import Any

import yaml

from .model import Org

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dumps(org: Org) -> str:
    """The org as YAML, leaving out fields that have their default value."""
    data = org.model_dump(mode="json", exclude_defaults=True)
    for dept in data["departments"]:
        _short_post(dept, "chef")
        stack = list(dept.get("units", []))
        while stack:
            unit = stack.pop()
            _short_post(unit, "leader")
            stack.extend(unit.get("units", []))
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))


def _short_post(node: dict[str, Any], key: str) -> None:
    """``leader: {title: X}`` is written ``leader: X``, as people write it."""
    post = node.get(key)
    if isinstance(post, dict) and list(post) == ["title"]:
        node[key] = post["title"]


def schema_line() -> str:
    """The first line that lets editors with the YAML language server check an org file."""
    from .schema import SCHEMA_ID

    return f"# yaml-language-server: $schema={SCHEMA_ID}\n"


def with_schema_line(text: str) -> str:
    """Org YAML text that starts with :func:`schema_line`."""
    return text if text.startswith("# yaml-language-server:") else schema_line() + text

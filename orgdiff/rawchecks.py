"""Rules checked on the parsed YAML before the model is built, so that a file with type errors
still gets its duplicate ids reported in the same run (``validate`` shows every problem of a
file at once). Pure: data in, findings out, in the loader's ``_Finding`` shape."""

from __future__ import annotations

from typing import Any

Finding = tuple[tuple[str | int, ...], str, bool, str | None]


def _loc(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def duplicate_ids(raw: Any) -> list[Finding]:
    """Explicit ids used twice, each with the place of the first use, in file order."""
    found: list[Finding] = []
    depts = raw.get("departments") if isinstance(raw, dict) else None
    if not isinstance(depts, list):
        return found
    first: dict[str, tuple[str | int, ...]] = {}
    stack: list[tuple[Any, tuple[str | int, ...]]] = [
        (d, ("departments", i)) for i, d in reversed(list(enumerate(depts)))
    ]
    while stack:
        node, path = stack.pop()
        if not isinstance(node, dict):
            continue
        ident = node.get("id")
        if isinstance(ident, (str, int)) and not isinstance(ident, bool):
            key = str(ident)
            if key in first:
                other = _loc((*first[key], "id"))
                found.append(((*path, "id"), f"duplicate id '{key}'", False, other))
            else:
                first[key] = path
        units = node.get("units")
        if isinstance(units, list):
            stack += [(u, (*path, "units", j)) for j, u in reversed(list(enumerate(units)))]
    return found

"""YAML → :class:`~orgdiff.model.Org`, with every problem reported as FILE:LINE:COL.

The fast path parses with libyaml (``CSafeLoader``) and validates once with pydantic. Only when
something is wrong is the text composed again with marks, to give each problem its line.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import fastyaml
from .checks import check
from .errors import InputError, Problem
from .model import Department, Org, Post, Unit
from .rawchecks import duplicate_ids
from .reading import read_limited, too_big
from .structure import Structure, build

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Keys whose plain values are text exactly as written (``id: 0042`` is "0042", not 34).
TEXT_KEYS = frozenset({"id", "formerly"})


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loading only (libyaml when available), reading scalars as :mod:`fastyaml` does.

    Used when the fast path hands over (merge keys, a key given twice): a key given twice is
    an error naming both lines, ids are text as written, odd numbers stay text.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == fastyaml.MERGE:
                continue
            first = seen.setdefault((key.tag, key.value), key)
            if first is not key:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"`{key.value}` is given twice in one mapping (lines "
                    f"{first.start_mark.line + 1} and {key.start_mark.line + 1}); keep one",
                    key.start_mark,
                )
            if key.value in TEXT_KEYS:
                _as_text(value)
        return super().construct_mapping(node, deep)


def _as_text(node: yaml.Node) -> None:
    """Make the plain scalars of ``node`` (an id, or a list of ids) text, except empty ones."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.tag != fastyaml.NULL:
            item.tag = fastyaml.STR


def _plain(loader: Any, node: yaml.ScalarNode) -> Any:
    return fastyaml.plain_scalar(node.tag, node.value)


def _tagged(loader: Any, node: yaml.ScalarNode) -> Any:
    return fastyaml.tagged_scalar(node.tag, node.value, node.start_mark)


for _tag in (fastyaml.INT, fastyaml.FLOAT, fastyaml.TIMESTAMP, fastyaml.VALUE):
    _Loader.add_constructor(_tag, _plain)
_Loader.add_constructor(fastyaml.BOOL, _tagged)


def _refused(loader: Any, node: yaml.Node) -> Any:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise fastyaml.BadScalar(
        f"unsupported YAML tag {tag}; org files are plain YAML", node.start_mark
    )


for _tag in ("binary", "set", "omap", "pairs"):  # PyYAML's extra types: not in org files
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refused)


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from exhausting the machine."""

    max_depth: int = 50  # nesting levels of units inside a department
    max_bytes: int = 1 << 30  # bytes read from a file, pipe, device or standard input


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Parsing a large file with it running spends most of the time walking the growing object
    graph; nothing made here forms cycles that need it.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(path: str | Path, limits: Limits = Limits()) -> Org:
    """Read, parse and validate one org file; raise :class:`InputError` listing every problem."""
    return load_structure(path, limits).org


def load_structure(path: str | Path, limits: Limits = Limits()) -> Structure:
    """Like :func:`load`, and return the indexed :class:`Structure` the checks already built."""
    return loads_structure(read_file(path, limits), str(path), limits)


def read_file(path: str | Path, limits: Limits = Limits()) -> bytes:
    """The bytes of a file, pipe, device or (``-``) standard input, read with the byte limit;
    an :class:`InputError` saying why it cannot be read."""
    return read_limited(path, limits.max_bytes)


def loads(data: bytes | str, name: str = "<string>", limits: Limits = Limits()) -> Org:
    """Parse and validate org YAML given as bytes or text; ``name`` is used in messages."""
    return loads_structure(data, name, limits).org


def loads_structure(
    data: bytes | str, name: str = "<string>", limits: Limits = Limits()
) -> Structure:
    """Like :func:`loads`, returning the indexed :class:`Structure`."""
    if len(data) > limits.max_bytes:
        raise _too_big(name, len(data), limits)
    text = decode(data, name) if isinstance(data, bytes) else data
    with no_gc():
        return _parse_and_check(text, name, limits)


def _too_big(name: str, size: int, limits: Limits) -> InputError:
    return too_big(name, size, limits.max_bytes)


def parse_yaml(text: str, name: str) -> tuple[Any, int]:
    """YAML text → Python data and its deepest nesting; every YAML problem as FILE:LINE:COL.

    Shared by org files and scenario files (:mod:`orgdiff.scenario`).
    """
    try:
        return _parse(text)
    except fastyaml.SharedNode:
        raise InputError(name, [_alias_problem(text)]) from None
    except yaml.MarkedYAMLError as e:
        raise InputError(name, [_yaml_problem(e)]) from None
    except UnicodeEncodeError as e:  # text given as str with a lone surrogate
        line, col = _line_col(text, e.start)
        raise InputError(
            name,
            [
                Problem(
                    line,
                    col,
                    "",
                    f"not valid Unicode text (a lone surrogate U+{ord(text[e.start]):04X})",
                )
            ],
        ) from None
    except yaml.reader.ReaderError as e:
        line, col = _line_col(text, e.position)
        char = e.character if isinstance(e.character, str) else chr(e.character)
        raise InputError(
            name,
            [
                Problem(
                    line,
                    col,
                    "",
                    f"character U+{ord(char):04X} is not "
                    "allowed in YAML (a control character); remove it",
                )
            ],
        ) from None
    except yaml.YAMLError as e:  # pragma: no cover - libyaml always gives marks
        raise InputError(name, [Problem(1, 1, "", f"YAML error: {e}")]) from None
    except RecursionError:
        raise InputError(name, [Problem(1, 1, "", "YAML nested too deeply")]) from None


def _parse_and_check(text: str, name: str, limits: Limits) -> Structure:
    raw, nesting = parse_yaml(text, name)
    if raw is None:
        raise InputError(
            name,
            [
                Problem(
                    1,
                    1,
                    "",
                    "file is empty; an org file needs `organisation`, `model` and `departments`",
                )
            ],
        )
    if not isinstance(raw, dict):
        raise InputError(
            name,
            [
                Problem(
                    1,
                    1,
                    "",
                    f"the top level must be a mapping with "
                    f"`organisation`, `model` and `departments`, not "
                    f"{_describe(raw)}",
                )
            ],
        )
    # Units nest two containers a level (a list of mappings): only a deep file needs the walk.
    findings = _too_deep(raw, limits.max_depth) if nesting > 2 * limits.max_depth else []
    if findings:
        raise _located(name, text, findings)
    try:
        org = Org.model_validate(raw)
    except ValidationError as e:
        findings = [_from_pydantic(err) for err in e.errors()] + duplicate_ids(raw)
        raise _located(name, text, findings) from None
    del raw  # the parsed dicts are no longer needed: free them before building the index
    structure = build(org)
    broken = check(structure)
    if broken:
        raise _located(name, text, [(_parse_loc(f.loc), f.msg, False, f.other) for f in broken])
    return structure


# --- reading -------------------------------------------------------------------------------------


def _parse(text: str) -> tuple[Any, int]:
    """YAML text → Python data and its deepest nesting; the fast path when it applies."""
    try:
        return fastyaml.load(text, _Loader, TEXT_KEYS)
    except fastyaml.Unsupported:
        raw = yaml.load(text, Loader=_Loader)  # PyYAML's own constructor: same data or error
        if "*" in text and _has_shared_containers(raw):
            raise fastyaml.SharedNode() from None
        return raw, _nesting(raw)


def _nesting(raw: Any) -> int:
    deepest, stack = 0, [(raw, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            values = item.values() if isinstance(item, dict) else item
            stack.extend((v, depth + 1) for v in values)
    return deepest


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without a BOM), else an :class:`InputError` at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _line_col(data, e.start)
        raise InputError(
            name,
            [
                Problem(
                    line,
                    col,
                    "",
                    f"not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8",
                )
            ],
        ) from None


def _line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    before = text[:offset]
    newline = "\n" if isinstance(before, str) else b"\n"
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]


def _yaml_problem(e: yaml.MarkedYAMLError) -> Problem:
    mark = e.problem_mark or e.context_mark
    what = e.problem or "invalid YAML"
    if isinstance(e, yaml.constructor.ConstructorError) and "constructor" not in what:
        pass  # orgdiff's own message: a bad tagged scalar, a key given twice
    elif "could not determine a constructor" in what:
        tag = what.split("tag", 1)[1].strip().replace("tag:yaml.org,2002:", "!!")
        what = f"unsupported YAML tag {tag}; org files are plain YAML"
    else:
        what = f"YAML syntax error: {what}" + (f" ({e.context})" if e.context else "")
    line, col = (1, 1) if mark is None else _position(mark)
    return Problem(line, col, "", what)


def _position(mark: Any) -> tuple[int, int]:
    """A libyaml mark (0-based) as a 1-based line and column."""
    return mark.line + 1, mark.column + 1


def _has_shared_containers(raw: Any) -> bool:
    """True when a mapping or list appears twice: a YAML alias (``*name``) repeated it.

    Aliases of containers let a tiny file expand to billions of nodes ("billion laughs").
    """
    seen: set[int] = set()
    stack = [raw]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def _alias_problem(text: str) -> Problem:
    anchors: set[str] = set()
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.anchor:
            anchors.add(event.anchor)
        elif isinstance(event, yaml.AliasEvent) and event.anchor in anchors:
            line, col = (1, 1) if event.start_mark is None else _position(event.start_mark)
            return Problem(
                line,
                col,
                "",
                f"YAML alias '*{event.anchor}' repeats "
                "a mapping or list; aliases of those are not allowed in org files "
                "(they can blow up the size)",
            )
    return Problem(
        1, 1, "", "YAML aliases of mappings or lists are not allowed"
    )  # pragma: no cover


def _too_deep(raw: dict[str, Any], limit: int) -> list[_Finding]:
    """Units nested deeper than ``limit``: one finding per department, at the first such unit."""
    found: list[_Finding] = []
    depts = raw.get("departments")
    if not isinstance(depts, list):
        return found
    for di, dept in enumerate(depts):
        if not isinstance(dept, dict):
            continue
        stack: list[tuple[Any, tuple[str | int, ...], int]] = [
            (dept.get("units"), ("departments", di), 1)
        ]
        while stack:
            units, loc, depth = stack.pop()
            if not isinstance(units, list):
                continue
            if depth > limit:
                found.append(
                    (
                        loc,
                        f"units nested more than {limit} levels deep "
                        "(raise the limit with --max-depth)",
                        False,
                        None,
                    )
                )
                break
            for i, unit in enumerate(units):
                if isinstance(unit, dict):
                    stack.append((unit.get("units"), (*loc, "units", i), depth + 1))
    return found


# --- pydantic errors → messages -------------------------------------------------------------------

# (path, message, point at the key rather than the value, another loc involved)
_Finding = tuple[tuple[str | int, ...], str, bool, str | None]

_FIELDS: dict[str, type[BaseModel]] = {
    "departments": Department,
    "units": Unit,
    "chef": Post,
    "leader": Post,
}


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel]:
    for part in reversed(path):
        if isinstance(part, str):
            return _FIELDS.get(part, Org)
    return Org


def _from_pydantic(err: ErrorDetails) -> _Finding:
    path = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    got = f", got {_describe(value)}"
    if kind == "missing":
        return path, "required field is missing", False, None
    if kind == "extra_forbidden":
        allowed = sorted(_model_at(path[:-1]).model_fields)
        key = str(path[-1])
        import difflib  # only for a misspelt field: a fast start

        near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean `{near[0]}`?" if near else f"; allowed: {', '.join(allowed)}"
        return path, f"unknown field `{key}`{hint}", True, None
    if kind == "number_type":
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip()):
            hint = f"; write {value.strip().replace(',', '.')} (a decimal point, not a comma)"
        elif isinstance(value, str):
            hint = _number_hint(value.strip())
        return path, f"{err['msg']}{got}{hint}", False, None
    if kind == "string_type":
        quote = " (put text in quotes)" if isinstance(value, (bool, int, float)) else ""
        return path, f"expected text{got}{quote}", False, None
    if kind in ("tuple_type", "list_type"):
        return path, f"expected a list{got}", False, None
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if field in ("chef", "leader"):
            return path, f"expected a title or {{title: ..., cost: ...}}{got}", False, None
        return path, f"expected a mapping (key: value){got}", False, None
    if kind == "string_pattern_mismatch":
        if field == "currency":
            return path, f"expected a 3-letter currency code like DKK{got}", False, None
        return (
            path,
            (
                f"{_describe(value)} is not a valid id: use letters, digits and - _ . : / "
                "(no spaces)"
            ),
            False,
            None,
        )
    if kind == "string_too_short":
        return path, "must not be empty", False, None
    if kind == "string_too_long":
        return path, f"is too long (at most {ctx.get('max_length')} characters)", False, None
    if kind == "literal_error":
        return path, f"must be one of {ctx.get('expected')}{got}", False, None
    if kind == "bool_type":
        return path, f"expected true or false{got}", False, None
    if kind in ("date_type", "blank", "negative", "out_of_range"):
        extra = got if kind == "date_type" else ""
        return path, f"{err['msg']}{extra}", False, None
    return path, err["msg"], False, None  # pragma: no cover - every type we emit is mapped above


def _number_hint(value: str) -> str:
    """How to write a number that YAML read as text (``1e3``, ``0042``, ``0x1F``, ``12:30``)."""
    if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+", value):
        try:
            x = float(value)
        except (ValueError, OverflowError):  # pragma: no cover - the pattern is a float
            x = math.inf
        if not math.isfinite(x) or abs(x) > 1e15:
            return "; the number is too large"
        plain = f"{x:.6f}".rstrip("0").rstrip(".")
        return f"; write {plain} (YAML reads {value} as text)"
    if re.fullmatch(r"[-+]?0[0-9_]+", value) and len(value) < 100:
        plain = value.replace("_", "").lstrip("+").lstrip("-").lstrip("0") or "0"
        sign = "-" if value.startswith("-") else ""
        return f"; write {sign}{plain} (a leading 0 makes YAML 1.1 read an octal number)"
    if re.fullmatch(r"[-+]?\d{4000,}", value):
        return "; the number is too large"
    if re.fullmatch(
        r"[-+]?(0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)", value
    ):
        return "; write numbers in decimal digits, like 12 or 12.5"
    return ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


# --- locations ------------------------------------------------------------------------------------


def format_loc(path: tuple[str | int, ...]) -> str:
    """``('departments', 2, 'units', 0, 'fte')`` → ``departments[2].units[0].fte``.

    Very deep paths keep their first and last levels: ``departments[0].units[0]...units[3]``.
    """
    if len(path) > 16:
        return f"{format_loc(path[:4])}...{format_loc(path[-4:])}"
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _parse_loc(loc: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", loc) if p)


def _located(name: str, text: str, findings: list[_Finding]) -> InputError:
    """Compose the text again, with marks, and give each finding its line and column."""
    root = yaml.compose(text, Loader=_Loader)
    assert root is not None  # the text parsed to a mapping before
    problems = []
    for path, msg, at_key, other in findings:
        line, col = _mark(root, path, at_key)
        if other is not None:
            oline, ocol = _mark(root, _parse_loc(other), False)
            msg = f"{msg} (also at line {oline}, {other})"
        problems.append(Problem(line, col, format_loc(path), msg))
    return InputError(name, problems)


def _mark(root: yaml.Node, path: tuple[str | int, ...], at_key: bool) -> tuple[int, int]:
    node = root
    mark = root.start_mark
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    mark = key.start_mark if (last and at_key) else value.start_mark
                    node = value
                    break
            else:
                return mark.line + 1, mark.column + 1  # missing key: point at its mapping
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1

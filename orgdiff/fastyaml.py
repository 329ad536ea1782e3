"""A faster way from YAML text to Python data, for the tags org files use.

libyaml (PyYAML's C parser) parses; PyYAML then composes a node tree and builds Python objects
with a general constructor written in Python, which is most of the time. :func:`load` builds
them directly from the parser's events for the plain tags (str, int, float, bool, null, timestamp,
mappings, sequences) and hands anything else (merge keys, a key given twice) to PyYAML's
constructor as :mod:`orgdiff.load` sets it up.

Scalars are read more strictly than YAML 1.1 does, the same way on both paths
(:func:`plain_scalar`, :func:`tagged_scalar`):

- a plain number is a number only when written in decimal (``42``, ``-1_000``, ``12.5``);
  YAML 1.1's octal, hex, binary and sexagesimal forms (``0042``, ``0x1F``, ``12:30``) and
  integers too long for Python (4,300+ digits) stay text, exactly as written;
- under the keys in ``text_keys`` (ids), every plain scalar but an empty one is text as written;
- a scalar with an explicit tag (``!!int abc``, ``!!bool maybe``, ``!!timestamp x``) that does
  not hold what the tag says, or a tag org files do not use (``!!binary``, ``!foo``), is a
  :class:`BadScalar` error at its line and column.

It reads libyaml's event stream, so no node tree is held in memory. It also refuses a mapping
or list that appears twice (an alias: "billion laughs") and reports how deeply containers nest,
both without a second pass.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE = yaml.constructor.SafeConstructor()

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_SIMPLE_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


class Unsupported(Exception):
    """Something the fast path does not build itself; PyYAML's constructor must."""


class DuplicateKey(Unsupported):
    """A mapping gives a key twice: PyYAML's constructor, as load sets it up, names both lines."""


class BadScalar(yaml.constructor.ConstructorError):
    """A tagged scalar that is not what its tag says, or a tag org files do not use."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(None, None, message, mark)


class SharedNode(Exception):
    """A mapping or list appears twice: an alias repeats it."""


def load(
    text: str, loader: Any = _Base, text_keys: frozenset[str] = frozenset()
) -> tuple[Any, int]:
    """Python data for a one-document YAML text, and the deepest container nesting.

    Built straight from libyaml's event stream: no node tree is kept, so memory holds only
    the result. Short strings (keys, repeated titles) are shared. Raises :class:`SharedNode`
    for a repeated mapping or list, :class:`Unsupported` for what PyYAML's constructor must build
    (a merge key, a key given twice), :class:`BadScalar` for a bad tagged scalar; YAML syntax
    errors are raised as by PyYAML. Plain scalars under ``text_keys`` stay text.
    """
    parser = loader(text)
    try:
        return _from_events(parser, loader.yaml_implicit_resolvers, text_keys)
    finally:
        parser.dispose()


def _from_events(
    parser: Any, resolvers: dict[Any, Any], text_keys: frozenset[str]
) -> tuple[Any, int]:
    strings: dict[str, str] = {}
    anchors: dict[str, Any] = {}
    collections: set[str] = set()
    # Each open container: [container, is mapping, pending key or _NO_KEY, items are text]
    stack: list[list[Any]] = []
    root: list[Any] = []
    deepest = 0
    documents = 0
    wildcard = resolvers.get(None, [])
    get_event = parser.get_event
    while True:
        event = get_event()
        cls = event.__class__
        if cls is yaml.ScalarEvent:
            textual = False
            if stack:
                top = stack[-1]
                textual = top[2] in text_keys if top[1] else top[3]
            value = _scalar_value(event, resolvers, wildcard, textual)
            if value.__class__ is str and len(value) <= 40:
                value = strings.setdefault(value, value)
            if event.anchor is not None:
                anchors[event.anchor] = value
            _add(stack, root, value, is_scalar=True)
        elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            mapping = cls is yaml.MappingStartEvent
            if event.tag not in (None, "!", MAP if mapping else SEQ):
                raise Unsupported(event.tag)
            container: Any = {} if mapping else []
            textual = not mapping and bool(stack) and stack[-1][1] and stack[-1][2] in text_keys
            _add(stack, root, container, is_scalar=False)
            if event.anchor is not None:
                anchors[event.anchor] = container
                collections.add(event.anchor)
            stack.append([container, mapping, _NO_KEY, textual])
            deepest = max(deepest, len(stack))
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
        elif cls is yaml.AliasEvent:
            if event.anchor in collections:
                raise SharedNode()
            if event.anchor not in anchors:
                raise Unsupported("undefined alias")  # PyYAML's own error, with its mark
            _add(stack, root, anchors[event.anchor], is_scalar=True)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise Unsupported("several documents")  # PyYAML's own error
        elif cls is yaml.StreamEndEvent:
            break
    return (root[0] if root else None), deepest


_NO_KEY = object()


def _add(stack: list[list[Any]], root: list[Any], value: Any, is_scalar: bool) -> None:
    if not stack:
        root.append(value)
        return
    top = stack[-1]
    container = top[0]
    if not top[1]:
        container.append(value)
    elif top[2] is _NO_KEY:
        if not is_scalar:
            raise Unsupported("a mapping or list as a key")
        top[2] = value
    else:
        if top[2] in container:
            raise DuplicateKey(top[2])
        container[top[2]] = value
        top[2] = _NO_KEY


def _scalar_value(event: Any, resolvers: dict[Any, Any], wildcard: list[Any], textual: bool) -> Any:
    value = event.value
    tag = event.tag
    if tag is None:
        if not event.implicit[0]:
            return value  # quoted: text
        tag = STR  # a plain scalar: its tag comes from how it looks
        for candidate, pattern in resolvers.get(value[0] if value else "", []) + wildcard:
            if pattern.match(value):
                tag = candidate
                break
        if tag == STR:
            return value
        if tag == MERGE:
            raise Unsupported(tag)
        if textual and tag != NULL:
            return value  # an id: text exactly as written
        return plain_scalar(tag, value)
    if tag == "!" or tag == STR:
        return value
    return tagged_scalar(tag, value, event.start_mark)


MERGE = "tag:yaml.org,2002:merge"
VALUE = "tag:yaml.org,2002:value"
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_MAX_DIGITS = 4000  # Python refuses to read integers of more than 4,300 digits
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def plain_scalar(tag: str, value: str) -> Any:
    """The value of an untagged scalar YAML 1.1 resolved to ``tag``; odd numbers stay text."""
    if tag == INT:
        if _DECIMAL.match(value):
            return int(value) if len(value) <= _MAX_DIGITS else value
        if _DECIMAL_INT.match(value) and len(value) <= _MAX_DIGITS:
            return int(value.replace("_", ""))
        return value  # 0042, 0x1F, 0b101, 12:30, or too long: text as written
    if tag == FLOAT:
        if _SIMPLE_FLOAT.match(value):
            return float(value)
        if ":" in value:
            return value  # sexagesimal (1:30.5): text as written
        try:
            result: float = _SAFE.construct_yaml_float(yaml.ScalarNode(tag, value))
            return result
        except ValueError:  # pragma: no cover - the resolver only lets floats through
            return value
    if tag == NULL:
        return None
    if tag == BOOL:
        return _BOOLS.get(value.lower(), value)
    if tag == TIMESTAMP:
        try:
            date: dt.date = _SAFE.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
            return date
        except ValueError:
            return value  # an impossible date stays text, for the model to report
    return value  # tag:yaml.org,2002:value ("="): text


def tagged_scalar(tag: str, value: str, mark: Any) -> Any:
    """The value of a scalar with an explicit tag; :class:`BadScalar` when it is not that."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if tag == INT:
        digits = value.replace("_", "")
        if _DECIMAL.match(digits) and len(digits) <= _MAX_DIGITS:
            return int(digits)
        raise BadScalar(f"!!int needs a whole number in decimal digits, got '{shown}'", mark)
    if tag == FLOAT:
        if ":" not in value:
            try:
                number: float = _SAFE.construct_yaml_float(yaml.ScalarNode(tag, value))
                return number
            except (ValueError, IndexError):
                pass
        raise BadScalar(f"!!float needs a number like 12.5, got '{shown}'", mark)
    if tag == BOOL:
        if value.lower() in _BOOLS:
            return _BOOLS[value.lower()]
        raise BadScalar(f"!!bool needs true or false, got '{shown}'", mark)
    if tag == NULL:
        return None
    if tag == TIMESTAMP:
        try:
            date: dt.date = _SAFE.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
            return date
        except (ValueError, TypeError, AttributeError):
            raise BadScalar(
                f"!!timestamp needs a date like 2026-05-11, got '{shown}'", mark
            ) from None
    raise BadScalar(f"unsupported YAML tag {short}; org files are plain YAML", mark)

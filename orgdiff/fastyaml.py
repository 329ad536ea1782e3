"""A faster way from YAML text to Python data, for the tags org files use.

libyaml (PyYAML's C parser) parses; PyYAML then composes a node tree and builds Python objects
with a general constructor written in Python, which is most of the time. :func:`load` builds
them directly from the parser's events for the plain tags (str, int, float, bool, null, timestamp,
mappings, sequences) and hands anything else (other tags, merge keys) to PyYAML's own safe
constructor, so the result is always what ``yaml.load(text, CSafeLoader)`` gives.

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


class SharedNode(Exception):
    """A mapping or list appears twice: an alias repeats it."""


def load(text: str, loader: Any = _Base) -> tuple[Any, int]:
    """Python data for a one-document YAML text, and the deepest container nesting.

    Built straight from libyaml's event stream: no node tree is kept, so memory holds only
    the result. Short strings (keys, repeated titles) are shared. Raises :class:`SharedNode`
    for a repeated mapping or list and :class:`Unsupported` for anything but the plain tags;
    YAML syntax errors are raised as by PyYAML.
    """
    parser = loader(text)
    try:
        return _from_events(parser, loader.yaml_implicit_resolvers)
    finally:
        parser.dispose()


def _from_events(parser: Any, resolvers: dict[Any, Any]) -> tuple[Any, int]:
    strings: dict[str, str] = {}
    anchors: dict[str, Any] = {}
    collections: set[str] = set()
    # Each open container: [container, is mapping, pending key or _NO_KEY]
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
            value = _scalar_value(event, resolvers, wildcard)
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
            _add(stack, root, container, is_scalar=False)
            if event.anchor is not None:
                anchors[event.anchor] = container
                collections.add(event.anchor)
            stack.append([container, mapping, _NO_KEY])
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
        container[top[2]] = value
        top[2] = _NO_KEY


def _scalar_value(event: Any, resolvers: dict[Any, Any], wildcard: list[Any]) -> Any:
    value = event.value
    tag = event.tag
    if tag is None:
        if event.implicit[0]:  # a plain scalar: its tag comes from how it looks
            tag = STR
            for candidate, pattern in resolvers.get(value[0] if value else "", []) + wildcard:
                if pattern.match(value):
                    tag = candidate
                    break
            if tag == "tag:yaml.org,2002:merge":
                raise Unsupported(tag)
        else:
            return value
    elif tag == "!":
        return value
    elif tag != STR:
        raise Unsupported(tag)
    return _scalar(yaml.ScalarNode(tag, value)) if tag != STR else value


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == STR:
        return value
    if tag == INT:
        return int(value) if _DECIMAL.match(value) else _SAFE.construct_yaml_int(node)
    if tag == FLOAT:
        return float(value) if _SIMPLE_FLOAT.match(value) else _SAFE.construct_yaml_float(node)
    if tag == NULL:
        return None
    if tag == BOOL:
        return _SAFE.construct_yaml_bool(node)
    if tag == TIMESTAMP:
        try:
            result: dt.date = _SAFE.construct_yaml_timestamp(node)
            return result
        except ValueError:
            return value  # an impossible date stays text, for the model to report
    raise Unsupported(tag)

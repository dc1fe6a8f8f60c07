"""A plain YAML document's data, straight from the parser's events, without a node tree.

Most scenario files are plain: text, numbers, true/false, null, lists and mappings,
no anchors, aliases, tags or merge keys, no duplicate keys, not deeply nested. For
them the data is built from the parser's events directly, which skips building
(and freeing) a node per value: a 10,000 x 12 scenario loads in about half the time.
Anything else gives None, and the file is read again by `yaml_loader.load_yaml`,
which keeps the node tree for file:line:col messages: every refusal, and every
problem found later, is located by that path, in the same words.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from optionscope.io.yaml_loader import MAX_DEPTH, _Loader

_STR = "tag:yaml.org,2002:str"
_BUILT = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))


class _NotPlain(Exception):
    """The document needs the full loader."""


def plain_data(text: str) -> Any | None:
    """The data of a plain mapping or list document, or None when it is not plain (or
    not valid YAML: the full loader says where and why)."""
    loader = _Loader(text)
    try:
        return _from_events(loader)
    except (_NotPlain, yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError,
            RecursionError):  # fmt: skip
        return None
    finally:
        loader.dispose()


def _from_events(loader: Any) -> Any:
    get = loader.get_event
    if not isinstance(get(), StreamStartEvent) or not isinstance(get(), DocumentStartEvent):
        raise _NotPlain
    first = get()
    root: Any
    if isinstance(first, MappingStartEvent):
        root = {}
    elif isinstance(first, SequenceStartEvent):
        root = []
    else:
        raise _NotPlain  # a scalar or an alias at the top: the full loader decides
    _plain_collection(first)
    constructors = loader.yaml_constructors
    resolve = loader.resolve
    # Each open collection, and for a mapping the key waiting for its value.
    stack: list[Any] = [root]
    keys: list[Any] = [_NO_KEY]
    while stack:
        event = get()
        if isinstance(event, ScalarEvent):
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NotPlain
            tag = resolve(ScalarNode, event.value, event.implicit)
            if tag == _STR:
                value: Any = event.value
            elif tag in _BUILT:
                value = constructors[tag](loader, ScalarNode(tag, event.value))
            else:
                raise _NotPlain  # a merge key, `=`, ...
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            _plain_collection(event)
            if len(stack) >= MAX_DEPTH:
                raise _NotPlain
            value = {} if isinstance(event, MappingStartEvent) else []
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
            keys.pop()
            continue
        else:  # an alias, or anything unexpected
            raise _NotPlain
        top = stack[-1]
        if isinstance(top, dict):
            key = keys[-1]
            if key is _NO_KEY:  # this value is a key
                if not isinstance(event, ScalarEvent) or value in top:
                    raise _NotPlain  # a collection as a key, or a duplicate key
                keys[-1] = value
                continue
            top[key] = value
            keys[-1] = _NO_KEY
        else:
            top.append(value)
        if not isinstance(event, ScalarEvent):
            stack.append(value)
            keys.append(_NO_KEY)
    if not isinstance(get(), DocumentEndEvent) or not isinstance(get(), StreamEndEvent):
        raise _NotPlain  # a second document
    return root


_NO_KEY = object()


def _plain_collection(event: MappingStartEvent | SequenceStartEvent) -> None:
    if event.anchor is not None or (event.tag is not None and event.tag != "!"):
        raise _NotPlain

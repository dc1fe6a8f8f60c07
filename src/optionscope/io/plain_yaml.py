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

from collections.abc import Callable
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

from optionscope.io.yaml_loader import MAX_DEPTH, MAX_VALUES, _Loader

_STR = "tag:yaml.org,2002:str"
_BUILT = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))


class _NotPlain(Exception):
    """The document needs the full loader."""


class TooManyValues(Exception):
    """The document holds more than `MAX_VALUES` values: the place of the first one past
    them (1-based line and column)."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line = line
        self.column = column


def plain_data(text: str) -> Any | None:
    """The data of a plain mapping or list document, or None when it is not plain (or
    not valid YAML: the full loader says where and why). Raises `TooManyValues` for a
    document of more than `MAX_VALUES` values, when reading reaches the first past them.

    A large document is read in halves side by side where a second process may run
    (see `plain_halves`)."""
    if len(text) >= HALVES_FROM:
        data = _in_halves(text)
        if data is not None:
            return data
    return _whole(text)


HALVES_FROM = 2_000_000
"""Documents from this size are read in halves where a second process may run (about
1.3 s of reading; the halves hand over in about 0.1 s, and forking takes a little)."""


def _in_halves(text: str) -> Any | None:
    """`plain_data` read in halves side by side; None if it is not (see `plain_halves`)."""
    from optionscope.io import forked, plain_halves

    cut = plain_halves.halves(text, len(text) // 2) if forked.may_fork() else None
    if cut is None:
        return None
    first, second, parent = cut
    (head, head_values), (tail, tail_values) = forked.side_by_side(
        lambda: _counted(first), lambda: _counted(second)
    )
    if head is None or tail is None or head_values + tail_values > MAX_VALUES:
        return None  # read whole: too many values are then refused where they pass the limit
    return plain_halves.joined(head, tail, parent)


_NOT_READ = (_NotPlain, yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError,
             RecursionError)  # fmt: skip


def _whole(text: str) -> Any | None:
    """`plain_data`, the document read at once."""
    loader = _Loader(text)
    try:
        return _from_events(loader)[0]
    except _NOT_READ:
        return None
    finally:
        loader.dispose()


def _counted(text: str) -> tuple[Any | None, int]:
    """`_whole`'s data (None if it is not plain, or holds too many values) and its number of
    values: a half of a document, whose places are not the document's."""
    loader = _Loader(text)
    try:
        return _from_events(loader)
    except TooManyValues:
        return None, MAX_VALUES + 1
    except _NOT_READ:
        return None, 0
    finally:
        loader.dispose()


def _from_events(loader: Any) -> tuple[Any, int]:
    """The document's data and its number of values (keys, items, texts and collections)."""
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
    known: dict[str, Any] = {}  # each plain text's value, for texts met before
    read_plain = _plain_reader(loader, known)
    # The open collection, whether it is a mapping, the key waiting for its value, and
    # the collections around it.
    top: Any = root
    in_mapping = isinstance(root, dict)
    key: Any = _NO_KEY
    around: list[tuple[Any, bool]] = []
    values = 1
    while True:
        event = get()
        kind = event.__class__  # exactly the parser's classes: compared, not isinstance'd
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            values += 1
            if values > MAX_VALUES:
                raise TooManyValues(event.start_mark.line + 1, event.start_mark.column + 1)
        if kind is ScalarEvent:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NotPlain
            # quoted (or a block): the text as written; plain: what YAML reads it as
            value: Any = event.value
            if event.implicit[0]:
                value = known.get(value, _UNREAD)
                if value is _UNREAD:
                    value = read_plain(event.value)
            if in_mapping:
                if key is _NO_KEY:  # this value is a key
                    if value in top:
                        raise _NotPlain  # a duplicate key
                    key = value
                else:
                    top[key] = value
                    key = _NO_KEY
            else:
                top.append(value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            _plain_collection(event)
            if len(around) + 1 >= MAX_DEPTH:
                raise _NotPlain
            value = {} if kind is MappingStartEvent else []
            if in_mapping:
                if key is _NO_KEY:
                    raise _NotPlain  # a collection as a key
                top[key] = value
            else:
                top.append(value)
            around.append((top, in_mapping))
            top, in_mapping, key = value, kind is MappingStartEvent, _NO_KEY
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            if not around:
                break
            top, in_mapping = around.pop()
            key = _NO_KEY
        else:  # an alias, or anything unexpected
            raise _NotPlain
    if not isinstance(get(), DocumentEndEvent) or not isinstance(get(), StreamEndEvent):
        raise _NotPlain  # a second document
    return root, values


def _plain_reader(loader: Any, known: dict[str, Any]) -> Callable[[str], Any]:
    """What YAML reads a plain (unquoted) text as, kept in `known`: each text is then
    resolved and built once. A scenario repeats its keys and words, and its figures, at
    three decimals, are a few thousand texts among hundreds of thousands of values."""
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    implicit = (True, False)

    def read_plain(text: str) -> Any:
        tag = resolve(ScalarNode, text, implicit)
        if tag == _STR:
            value: Any = text
        elif tag in _BUILT:
            value = constructors[tag](loader, ScalarNode(tag, text))
        else:
            raise _NotPlain  # a merge key, `=`, ...
        known[text] = value
        return value

    return read_plain


_NO_KEY = object()
_UNREAD = object()


def _plain_collection(event: MappingStartEvent | SequenceStartEvent) -> None:
    if event.anchor is not None or (event.tag is not None and event.tag != "!"):
        raise _NotPlain

"""A large plain YAML document read in two halves at once, the second in a forked process.

The parser reads some 700,000 events a second, one after the other: a 10,000 x 12
scenario is two seconds of one CPU while the other waits. Where the document is a
block mapping at the left margin, it is cut at the start of a line near its middle
that begins an item of the collection it is in:

- a key at the left margin (`profiles:`): the halves are two mappings of top-level keys;
- or an item of the block collection under the last top-level key before the cut, at
  the indentation of that collection's first item (`  o5000:` under `assessments:`, or
  `- id: o5000` under `options:`): the second half starts with that key's line again,
  and the two halves' collections are joined.

Such a line starts an item wherever it stands in the document. A block scalar's lines
are indented deeper than the key that holds it, a plain scalar's further lines deeper
than its item, and the top-level key is a bare `key:` line (never `key: |`). Only a
quoted scalar or a flow collection can run across such a line, and then the first half
ends inside it: not a document. Each half must be a plain mapping (see `plain_yaml`),
the joined collections of one kind and no key in both halves; otherwise the document
is read whole, as it would have been. So the data are those of the whole document.
"""

from __future__ import annotations

import re
from typing import Any

_TOP_LINE = re.compile(r"^[^ \t#\r\n].*", re.MULTILINE)
"""A line with content at the left margin (not a comment)."""

_TOP_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*:(?:[ \t]|\r?$)")
"""A top-level plain key, as a line starts."""

_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*:[ \t]*(?:#.*)?\r?$")
"""A top-level key line whose value, if any, is on the lines below."""

_DOCUMENT_START = re.compile(r"(?:---(?:[ \t].*)?|%.*)\r?$")
"""A directive or the document's start marker."""

_CONTENT = re.compile(r"^( *)([^ \t\r\n#])", re.MULTILINE)
"""A line with content: its indentation and first character."""

_ITEM_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.-]*:(?:[ \t]|\r?$)"
_ITEM_DASH = r"-(?:[ \t]|\r?$)"


def split_at(text: str, start: int) -> tuple[int, str | None] | None:
    """Where the second half starts: the first line from `start` that begins an item (see
    the module), and the top-level key line the item is in (None: the item is a top-level
    key); None where no such line follows."""
    line_start = text.find("\n", max(start - 1, 0))
    if line_start < 0:
        return None
    line_start += 1
    parent = None
    for m in _TOP_LINE.finditer(text, 0, line_start):
        line = m.group()
        if _DOCUMENT_START.fullmatch(line):
            continue
        if line.startswith("-") and not re.match(_ITEM_DASH, line):
            return None  # `---` further down, `-key:`: read whole
        if not line.startswith("-"):
            parent = m
    if parent is None:
        return None
    if _BARE_KEY.fullmatch(parent.group()):
        first = _CONTENT.search(text, parent.end())
        if first is None:
            return None
        indent = len(first.group(1))
        item = _ITEM_DASH if text.startswith("-", first.start(2)) else _ITEM_KEY
        if indent == 0 and item == _ITEM_KEY:  # no collection under the key
            return None
        top_end = r"(?=[^ \t#\r\n-]|-[^ \t\r\n])" if indent == 0 else r"(?=[^ \t#\r\n])"
        found = re.compile(rf"^(?:( {{{indent}}}(?={item}))|{top_end})", re.MULTILINE).search(
            text,
            max(line_start, first.end()),  # the first item stays in the first half
        )
        if found is not None and found.group(1) is not None:
            return found.start(), parent.group()
    else:
        found = _TOP_LINE.search(text, line_start)
    if found is None or not _TOP_KEY.match(text, found.start()):
        return None
    return found.start(), None


def joined(first: Any, second: Any, parent: str | None) -> dict[str, Any] | None:
    """The data of the whole document from those of its halves (`split_at`); None where
    they do not join (the document is then read whole)."""
    if not isinstance(first, dict) or not isinstance(second, dict) or not first:
        return None
    if parent is not None:
        key = next(iter(second), None)
        if key is None or key != next(reversed(first)):
            return None
        ours, theirs = first[key], second.pop(key)
        if type(ours) is dict and type(theirs) is dict:
            if not ours.keys().isdisjoint(theirs):
                return None  # a duplicate key: not plain
            ours.update(theirs)
        elif type(ours) is list and type(theirs) is list:
            ours.extend(theirs)
        else:
            return None
    if not first.keys().isdisjoint(second):
        return None
    first.update(second)
    return first


def halves(text: str, start: int) -> tuple[str, str, str | None] | None:
    """The two texts read for `text` cut from `start` on, and the parent key line; None
    where it is not cut."""
    split = split_at(text, start)
    if split is None:
        return None
    at, parent = split
    return text[:at], (f"{parent}\n" if parent is not None else "") + text[at:], parent

"""Safe YAML loading that remembers where every value came from.

The document is composed into a node tree (libyaml where available), checked
for what a safe loader lets through but a scenario file must not have
(duplicate keys, alias bombs, deep nesting), then constructed with PyYAML's
SafeConstructor. A map from each document path to its line and column lets
pydantic's error locations, and the cross-checks' paths, be reported as
`file:line:col`.
"""

from __future__ import annotations

from typing import Any, ClassVar

import yaml
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from optionscope.io.bulk import collector_paused
from optionscope.io.errors import InputError, Located
from optionscope.io.text_files import MAX_BYTES as MAX_BYTES
from optionscope.io.text_files import decode as decode
from optionscope.io.text_files import read_text as read_text
from optionscope.model.checks import dotted

MAX_DEPTH = 64
"""Deepest nesting accepted; scenario files need about 8."""
MAX_NODES = 2_000_000
"""Most values after aliases are expanded; stops 'billion laughs' documents."""
MAX_VALUES = 4_000_000
"""Most values a document may hold as written (keys, items, texts and collections): a
10,000 x 12 scenario holds about 1.7 million. Stops a file of millions of values, which
took half a minute and gigabytes to read, at the first value past them."""


def too_many_values(name: str, line: int, column: int) -> InputError:
    """The refusal of a document holding more than `MAX_VALUES` values, at the first past them."""
    return InputError.at(
        name,
        f"the file holds more than {MAX_VALUES:,} values (keys, items and texts), far more "
        "than any file optionscope reads needs; remove what does not belong in it",
        line,
        column,
    )


DocPath = tuple[str | int, ...]

_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader without the timestamp resolver: dates stay text, as the model expects."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class LocatedDocument:
    """A loaded document and the node tree that says where each of its values stands."""

    def __init__(self, file: str, data: Any, root: Node | None = None) -> None:
        self.file = file
        self.data = data
        self._root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}
        """Per mapping node (by id), its first key and value node by key text: built on the
        first lookup, so locating every problem of a large file stays linear."""

    def locate(self, path: DocPath) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest located parent.

        For a mapping key, the key's own position; looked up on demand, errors only.
        """
        return self._walk(path)[0]

    def _walk(self, path: DocPath) -> tuple[tuple[int, int], Node | None, Node | None]:
        """Where the value at `path` stands, its key node and its value node (None when
        the path leads nowhere: then where its nearest located parent stands)."""
        node = self._root
        if node is None:
            return (0, 0), None, None
        where = _mark(node)
        key: Node | None = None
        for part in path:
            child: Node | None = None
            key = None
            if isinstance(node, MappingNode):
                found = self._mapping_keys(node).get(str(part))
                if found is None:  # a key YAML read as a bool or null: compare as read
                    found = next(
                        (
                            (k, v)
                            for k, v in node.value
                            if isinstance(k, ScalarNode) and _key_is(k, part)
                        ),
                        None,
                    )
                if found is not None:
                    where = _mark(found[0])
                    key, child = found
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
                where = _mark(child)
            if child is None:
                return where, None, None
            node = child
        return where, key, node

    def yaml_surprise(
        self, path: DocPath, *, key: bool = False, expects: str = "", instead: str = ""
    ) -> str:
        """A hint when YAML read an unquoted word as something other than text.

        YAML 1.1 reads `yes`, `no`, `on`, `off` as true/false and `~` or nothing as
        null; `1.0` and `20230116` are numbers. "" when the value was text or quoted.

        `expects`: what the field takes when it is not text (e.g. "a number"): a null
        there is told to write one, not to quote it. `instead`: what else to write, for
        a key or value that must be text (e.g. "use the criterion's id").
        """
        _, key_node, value_node = self._walk(path)
        node = key_node if key else value_node
        if not isinstance(node, ScalarNode) or node.style:  # quoted: "" (libyaml) or None
            return ""
        read = {
            _BOOL: f"{node.value.lower() in _TRUE_WORDS}".lower(),
            _NULL: "null (nothing)",
            _INT: "a number",
            _FLOAT: "a number",
        }.get(node.tag)
        if read is None:
            return ""
        shown = node.value or "(nothing)"
        what = "the key" if key else ""
        if expects and node.tag == _NULL:
            written = (
                f"`{node.value}` was read as null (nothing)"
                if node.value
                else "nothing is written here"
            )
            return f"{what} {written}; write {expects}".strip()
        quoted = f'"{node.value}"' + (":" if key else "")
        advice = f"or {instead}" if instead else "if it is text"
        return f"{what} `{shown}` was read as {read}; quote it ({quoted}) {advice}".strip()

    def _mapping_keys(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    keys.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = keys
        return keys

    def problem(self, path: DocPath, field: str, message: str) -> Located:
        line, column = self.locate(path)
        return Located(self.file, line, column, field, message)


def load_yaml(text: str, name: str, *, counted: bool = False) -> LocatedDocument:
    """Parse one YAML document into Python data, keeping its node tree for locations.

    A document of more than `MAX_VALUES` values is refused before its tree is built
    (`counted`: its values are known to be within them)."""
    with collector_paused():  # millions of nodes, no cycles: see io.bulk
        if not counted and len(text) > MAX_VALUES:  # at most about one value a character
            _count_values(text, name)
        return _load(text, name)


_COUNTED = frozenset({ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent})


def _count_values(text: str, name: str) -> None:
    """Refuse a document of more than `MAX_VALUES` values at the first past them, from the
    parser's events (a tree of millions of nodes takes gigabytes); a document that is not
    valid YAML is left to the loader, which says where and why."""
    loader = _Loader(text)
    try:
        get = loader.get_event
        values = 0
        while True:
            event = get()
            kind = event.__class__
            if kind in _COUNTED:
                values += 1
                if values > MAX_VALUES:
                    mark = event.start_mark
                    raise too_many_values(name, mark.line + 1, mark.column + 1)
            elif kind is StreamEndEvent:
                return
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _load(text: str, name: str) -> LocatedDocument:
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as err:
            raise _yaml_error(err, name, text) from None
        except RecursionError:
            raise InputError.at(name, f"nesting is deeper than {MAX_DEPTH} levels") from None
        if root is None:
            raise InputError.at(name, "the file is empty", 1, 1)
        try:
            data = _build(root, loader, name)
        except yaml.YAMLError as err:
            raise _yaml_error(err, name) from None
    finally:
        loader.dispose()
    return LocatedDocument(name, data, root)


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TRUE_WORDS = frozenset({"yes", "true", "on"})


def _key_is(key_node: ScalarNode, part: object) -> bool:
    """Whether a mapping key, as written, is the key `part` the data holds."""
    if key_node.tag == _BOOL:  # pydantic may give True as 1 (they are equal keys)
        return part in (0, 1) and (key_node.value.lower() in _TRUE_WORDS) == bool(part)
    if key_node.tag == _NULL:
        return part is None or part == "None"
    return bool(key_node.value == str(part))


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")
)


def _build(root: Node, loader: Any, name: str) -> Any:
    """Check the node tree and build its data in one pass, without recursion.

    Refuses deep nesting and duplicate keys. A document with aliases or merge
    keys is first measured with aliases expanded (alias bombs are refused) and
    then built by PyYAML's SafeConstructor; a plain one is built here directly,
    which is several times faster for large scenarios.
    """
    seen: set[int] = set()
    shared = False
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError.at(name, f"nesting is deeper than {MAX_DEPTH} levels", *_mark(node))
        if node.tag not in _PLAIN_TAGS and node.tag != _MERGE:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise InputError.at(
                name,
                f"the tag '{tag}' is not allowed; scenario files hold plain data only "
                "(text, numbers, true/false, null, lists and mappings)",
                *_mark(node),
            )
        if isinstance(node, ScalarNode):
            continue
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise InputError.at(name, "a key must be a plain value", *_mark(key_node))
                if key_node.tag not in _PLAIN_TAGS and key_node.tag != _MERGE:
                    stack.append((key_node, depth + 1))
                if key_node.tag == _MERGE:
                    shared = True
                    stack.append((value_node, depth + 1))
                    continue
                key = key_node.value
                first = keys.get(key)
                if first is not None:
                    line, col = _mark(key_node)
                    raise InputError.at(
                        name,
                        f"duplicate key '{key}' (first at line {first.start_mark.line + 1}, "
                        f"again at line {line}); keep one",
                        line,
                        col,
                        dotted((*_path_to(root, node), key)),
                    )
                keys[key] = key_node
                stack.append((value_node, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in node.value)
    if shared:
        sizes = _expanded_sizes(root)
        if sizes[id(root)] > MAX_NODES:
            raise InputError.at(
                name,
                f"the document expands to more than {MAX_NODES:,} values through aliases; "
                "remove the repeated aliases (&/*)",
                *_mark(root),
            )
        if _expanded_depth(root) > MAX_DEPTH:  # an alias can reach below the depth checked
            raise InputError.at(
                name,
                f"nesting is deeper than {MAX_DEPTH} levels once aliases are expanded",
                *_mark(root),
            )
        try:
            return loader.construct_document(root)
        except (ValueError, TypeError, KeyError, OverflowError):
            _first_bad_scalar(root, _Loader(""), name)
            raise
    return _construct_plain(root, loader, name)


def _path_to(root: Node, target: Node) -> DocPath:
    """The document path of a node (for messages; searched only when there is an error)."""
    stack: list[tuple[Node, DocPath]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend((v, (*path, str(k.value))) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend((v, (*path, i)) for i, v in enumerate(node.value))
    return ()


def _construct_scalar(node: ScalarNode, loader: Any, name: str) -> Any:
    """A tagged scalar's value; a tag the text does not fit (`!!int x`) refused at its place."""
    try:
        # the tag's constructor directly: construct_object's bookkeeping (a record of
        # every node built, for aliases) is not needed for a plain scalar
        construct = loader.yaml_constructors.get(node.tag)
        if construct is None:
            return loader.construct_object(node)
        return construct(loader, node)
    except (ValueError, TypeError, KeyError, OverflowError, yaml.YAMLError):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise InputError.at(
            name,
            f"'{node.value}' is not a valid {tag}; remove the tag or correct the value",
            *_mark(node),
        ) from None


def _first_bad_scalar(root: Node, loader: Any, name: str) -> None:
    """Find and refuse the scalar a tag does not fit (searched only after a failure)."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode) and node.tag not in (_STR, _MERGE):
            _construct_scalar(node, loader, name)
        stack.extend(_children(node))


def _construct_plain(root: Node, loader: Any, name: str) -> Any:
    """Build data from a tree without aliases or merge keys, iteratively."""

    def scalar(node: ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        return _construct_scalar(node, loader, name)

    if isinstance(root, ScalarNode):
        return scalar(root)
    top: Any = {} if isinstance(root, MappingNode) else []
    stack: list[tuple[Node, Any]] = [(root, top)]
    while stack:
        node, out = stack.pop()
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = scalar(key_node)
                if isinstance(value_node, ScalarNode):
                    out[key] = scalar(value_node)
                else:
                    child: Any = {} if isinstance(value_node, MappingNode) else []
                    out[key] = child
                    stack.append((value_node, child))
        else:
            for item in node.value:
                if isinstance(item, ScalarNode):
                    out.append(scalar(item))
                else:
                    child = {} if isinstance(item, MappingNode) else []
                    out.append(child)
                    stack.append((item, child))
    return top


def _expanded_sizes(root: Node) -> dict[int, int]:
    """Size of each node with aliases expanded (capped), memoised, without recursion."""
    sizes: dict[int, int] = {}
    opened: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            total = 1 + sum(sizes.get(id(c), 0) for c in children)
            sizes[id(node)] = min(total, MAX_NODES + 1)
            continue
        if id(node) in opened:  # reached again below itself (&a [*a]): endless when expanded
            sizes[id(node)] = MAX_NODES + 1
            continue
        opened.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes


def _expanded_depth(root: Node) -> int:
    """Levels of nesting with aliases expanded, memoised, without recursion (no cycles left)."""
    heights: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in heights:
            continue
        children = _children(node)
        if done or not children:
            heights[id(node)] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in heights)
    return heights[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _yaml_error(err: yaml.YAMLError, name: str, text: str = "") -> InputError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML does not accept
        before = text[: err.position]
        line, col = before.count("\n") + 1, err.position - (before.rfind("\n") + 1) + 1
        char = err.character if isinstance(err.character, str) else chr(err.character)
        return InputError.at(
            name,
            f"the control character U+{ord(char):04X} is not allowed in YAML; delete it "
            "(or write it as an escape such as \\x07 inside double quotes)",
            line,
            col,
        )
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context = getattr(err, "context", None)
    message = f"{context}, {problem}" if context and problem else str(problem)
    if "nesting depth" in message:
        # The parser's own depth limit, met before ours on very deep flow collections:
        # the same refusal, in the same words, at the place the parser stopped.
        return InputError.at(name, f"nesting is deeper than {MAX_DEPTH} levels", line, col)
    if "could not determine a constructor" in message or "tag:yaml.org,2002:python" in message:
        message = (
            "this tag is not allowed; scenario files hold plain data only "
            f"({problem.strip() if problem else ''})"
        )
    return InputError.at(name, f"YAML syntax: {message}", line, col)

"""Safe YAML loading that remembers where every value came from.

The document is composed into a node tree (libyaml where available), checked
for what a safe loader lets through but a scenario file must not have
(duplicate keys, alias bombs, deep nesting), then constructed with PyYAML's
SafeConstructor. A map from each document path to its line and column lets
pydantic's error locations, and the cross-checks' paths, be reported as
`file:line:col`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from optionscope.io.errors import InputError, Located
from optionscope.model.checks import dotted

MAX_BYTES = 32 * 1024 * 1024
"""Largest file read (32 MiB); a 500-option x 60-criterion scenario is about 6 MiB."""
MAX_DEPTH = 64
"""Deepest nesting accepted; scenario files need about 8."""
MAX_NODES = 2_000_000
"""Most values after aliases are expanded; stops 'billion laughs' documents."""

DocPath = tuple[str | int, ...]

_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader without the timestamp resolver: dates stay text, as the model expects."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class LocatedDocument:
    """A loaded document and where each of its values stands in the file."""

    def __init__(self, file: str, data: Any, marks: dict[DocPath, tuple[int, int]]) -> None:
        self.file = file
        self.data = data
        self._marks = marks

    def locate(self, path: DocPath) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest located parent."""
        key = tuple(str(p) if not isinstance(p, int) else p for p in path)
        while key:
            if key in self._marks:
                return self._marks[key]
            key = key[:-1]
        return self._marks.get((), (1, 1))

    def problem(self, path: DocPath, field: str, message: str) -> Located:
        line, column = self.locate(path)
        return Located(self.file, line, column, field, message)


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, refusing what is not a readable, reasonably sized UTF-8 file."""
    name = display or str(path)
    if not path.exists():
        raise InputError.at(name, "no such file")
    if path.is_dir():
        raise InputError.at(name, "is a directory, not a scenario file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.at(
                name, f"file is {size / 2**20:.1f} MiB; the limit is {MAX_BYTES // 2**20} MiB"
            )
        raw = path.read_bytes()
    except OSError as err:
        raise InputError.at(name, f"cannot read: {err.strerror or err}") from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError.at(name, f"input is larger than {MAX_BYTES // 2**20} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.at(
            name,
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None
    return text


def load_yaml(text: str, name: str) -> LocatedDocument:
    """Parse one YAML document into Python data and a location map."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as err:
            raise _yaml_error(err, name) from None
        except RecursionError:
            raise InputError.at(name, f"nesting is deeper than {MAX_DEPTH} levels") from None
        if node is None:
            raise InputError.at(name, "the file is empty", 1, 1)
        marks = _check_and_locate(node, name)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as err:
            raise _yaml_error(err, name) from None
    finally:
        loader.dispose()
    return LocatedDocument(name, data, marks)


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _check_and_locate(root: Node, name: str) -> dict[DocPath, tuple[int, int]]:
    """Refuse duplicate keys, deep nesting and alias bombs; map paths to positions.

    Iterative, so that deep documents cannot exhaust the Python stack.
    """
    expanded = _expanded_sizes(root, name)
    if expanded[id(root)] > MAX_NODES:
        raise InputError.at(
            name,
            f"the document expands to more than {MAX_NODES:,} values through aliases; "
            "remove the repeated aliases (&/*)",
            *_mark(root),
        )
    marks: dict[DocPath, tuple[int, int]] = {}
    stack: list[tuple[Node, DocPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        marks.setdefault(path, _mark(node))
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    line, col = _mark(key_node)
                    raise InputError.at(name, "a key must be a plain value", line, col)
                key = str(key_node.value)
                if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    line, col = _mark(key_node)
                    raise InputError.at(
                        name,
                        f"duplicate key '{key}' (first at line {first}, again at line {line}); "
                        "keep one",
                        line,
                        col,
                        dotted((*path, key)),
                    )
                seen[key] = key_node
                child = (*path, key)
                marks[child] = _mark(key_node)
                stack.append((value_node, child))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, (*path, i)))
    return marks


def _expanded_sizes(root: Node, name: str) -> dict[int, int]:
    """Size of each node with aliases expanded, and a depth check, without recursion."""
    sizes: dict[int, int] = {}
    # (node, depth, children_done)
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise InputError.at(name, f"nesting is deeper than {MAX_DEPTH} levels", line, col)
        if id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            total = 1 + sum(sizes.get(id(c), 0) for c in children)
            sizes[id(node)] = min(total, MAX_NODES + 1)
            continue
        stack.append((node, depth, True))
        for child in children:
            if id(child) not in sizes:
                stack.append((child, depth + 1, False))
    return sizes


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _yaml_error(err: yaml.YAMLError, name: str) -> InputError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context = getattr(err, "context", None)
    message = f"{context}, {problem}" if context and problem else str(problem)
    if "could not determine a constructor" in message or "tag:yaml.org,2002:python" in message:
        message = (
            "this tag is not allowed; scenario files hold plain data only "
            f"({problem.strip() if problem else ''})"
        )
    return InputError.at(name, f"YAML syntax: {message}", line, col)

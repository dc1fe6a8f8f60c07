"""A large plain YAML document read in two halves gives the data of the whole document.

`plain_halves.halves` cuts a document at the start of a line that begins an item;
`joined` puts the halves' data together, or says they do not join (the document is
then read whole). Whatever the cut, the data are those of the document read at once.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.io import forked, plain_halves, plain_yaml

whole = plain_yaml._whole


def line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]


def read_in_halves(text: str, start: int) -> tuple[bool, Any]:
    """Whether the text was cut from `start`, and the data read (in halves, or whole)."""
    cut = plain_halves.halves(text, start)
    if cut is None:
        return False, whole(text)
    first, second, parent = cut
    data = plain_halves.joined(whole(first), whole(second), parent)
    return data is not None, data if data is not None else whole(text)


def assert_every_cut_reads_as_whole(text: str) -> int:
    """Every cut of `text` reads as the whole; how many cuts were made."""
    expected = whole(text)
    cuts = 0
    for start in line_starts(text):
        cut, data = read_in_halves(text, start)
        assert data == expected, (start, text)
        cuts += cut
    return cuts


TEXT = st.one_of(
    st.sampled_from(
        ["a", "o1: x", "- b", "key:", "x\no2: y", "  o3: z", "'q'", '"d"', "#c", "", " ", "|", "-"]
    ),
    st.text(alphabet=st.sampled_from(list("ab:-# \n'\"o1{}[],")), max_size=12),
)
KEY = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,4}", fullmatch=True), TEXT)
LEAF = st.one_of(TEXT, st.integers(-5, 5), st.floats(allow_nan=False), st.booleans(), st.none())
DATA = st.recursive(
    LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEY, DATA, min_size=1, max_size=5), st.booleans(), st.integers(0, 4))
def test_every_cut_of_a_dumped_document_reads_as_the_whole(
    data: dict[Any, Any], flow_strings: bool, style: int
) -> None:
    text = yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=True,
        width=8 if flow_strings else 80,  # long strings folded over several lines
        indent=[2, 2, 4, 3, 2][style],
        default_style=[None, None, None, None, '"'][style],
    )
    assert_every_cut_reads_as_whole(text)


SCENARIO_LIKE = """\
id: s
title: Many options
criteria:
- id: c0
  name: Cost
- id: c1
  name: Reach
options:
- id: o0
  name: Option 0
- id: o1
  name: Option 1
- id: o2
  name: Option 2
assessments:
  o0:
    c0:
      value: 1.5
      rationale: |
        Said so.
        o9: not a key
  o1:
    c0:
      value: 2
  o2:
    c1: {value: 3}
profiles:
- id: p
  weights: {c0: 1}
"""


def test_a_scenario_like_document_is_cut_within_its_collections() -> None:
    assert assert_every_cut_reads_as_whole(SCENARIO_LIKE) >= 8
    at, parent = plain_halves.split_at(SCENARIO_LIKE, SCENARIO_LIKE.index("  o0:"))  # type: ignore[misc]
    assert SCENARIO_LIKE[at:].startswith("  o1:") and parent == "assessments:"
    at, parent = plain_halves.split_at(SCENARIO_LIKE, SCENARIO_LIKE.index("- id: o1"))  # type: ignore[misc]
    assert SCENARIO_LIKE[at:].startswith("- id: o1") and parent == "options:"


@pytest.mark.parametrize(
    "text",
    [
        # a quoted scalar running over a line that looks like a key at the margin
        'a: "one\nb: two"\nc: 3\n',
        'a:\n  x: "one\n  y: two"\n  z: 3\n',
        # a block scalar under a top-level key, its lines like items
        "notes: |\n  o1: x\n  o2: y\nafter: 1\n",
        # a flow collection running over lines
        "a: {x: 1,\nb: 2}\nc: 3\n",
        "a:\n  x: [1,\n  y: 2]\n  z: 3\n",
        # a key in both halves, at the top and within the collection cut
        "a: 1\nb: 2\nc: 3\na: 4\n",
        "m:\n  x: 1\n  y: 2\n  x: 3\n",
        # an anchor and its alias on each side of a cut
        "m:\n  x: &k 1\n  y: 2\n  z: *k\n",
        # a second document, a start marker, directives, comments, CR LF line ends
        "a: 1\nb: 2\n---\nc: 3\n",
        "%YAML 1.1\n---\na: 1\nb:\n  x: 1\n  y: 2\n",
        "a: 1\r\nb:\r\n  x: 1\r\n  # y\r\n  y: 2\r\nc: 3\r\n",
        # a key with nothing under it, then keys at the margin
        "a:\nb: 1\nc: 2\n",
        # items of a sequence at the margin, and a key line that is not plain
        "s:\n- 1\n- 2\n-x: 3\n",
        "s:\n- 1\n- 2\n'q': 3\n",
        # a top-level list, a scalar document
        "- a: 1\n- b: 2\n",
        "just text\n",
        # items of a nested sequence at the item's indentation
        "m:\n  x:\n  - 1\n  - 2\n  y: 3\n",
        # a tab and a plain scalar over several lines
        "m:\n  x: one\n   two\n  y: 3\n",
        "m:\n\tx: 1\n  y: 2\n",
    ],
)
def test_a_tricky_document_reads_as_the_whole_however_cut(text: str) -> None:
    assert_every_cut_reads_as_whole(text)


def test_a_large_document_is_read_in_halves_elsewhere(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    monkeypatch.setattr(plain_yaml, "HALVES_FROM", 10)
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    assert plain_yaml.plain_data(SCENARIO_LIKE) == whole(SCENARIO_LIKE)
    assert len(forks) == 1
    pid = os.getpid()
    # halves that do not join (a key in both): the document is read whole, not plain
    doubled = "a: 1\nb: 2\nc: 3\na: 4\n"
    assert plain_yaml.plain_data(doubled) is None and len(forks) == 2
    assert os.getpid() == pid


def test_a_small_document_or_one_process_reads_it_whole(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    assert plain_yaml.plain_data(SCENARIO_LIKE) == whole(SCENARIO_LIKE)
    monkeypatch.setattr(plain_yaml, "HALVES_FROM", 10)
    monkeypatch.setattr(forked, "may_fork", lambda: False)
    assert plain_yaml.plain_data(SCENARIO_LIKE) == whole(SCENARIO_LIKE)
    assert not forks

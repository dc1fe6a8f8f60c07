"""A long ranking's tables are made in two processes and read as if made in one.

From `SIDE_BY_SIDE_CELLS` cells, `render_ranking` makes the contributions table's options
in two pieces, one in a forked copy of the process (`io.forked.side_by_side`) while this
one makes the ranking table and the other piece.
"""

from __future__ import annotations

import os
import sys

import pytest

from child_processes import children
from optionscope.analysis.ranking import rank
from optionscope.io import forked
from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.report import tables

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")

NAMES = ["Plain", "北方道路", "Esc \x1b[31mred\x1b[0m", "e\u0301tape", "| pipe |", "*bold*", "x"]


def _matrix() -> str:
    rows = ["option,Cost (min),Reach,Time (min)", "weight,1,2,1"]
    for i in range(45):
        name = f"{NAMES[i % len(NAMES)]} {i}"
        rows.append(f'"{name}",{(i * 37) % 101 / 7:.3f},{(i * 53) % 89},{-((i * 11) % 17)}')
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee"])
@pytest.mark.parametrize("fmt", ["table", "md"])
def test_the_tables_made_side_by_side_read_as_made_here(
    method: str, fmt: str, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    scenario = csv_matrix_from_text(_matrix(), "m.csv")
    ranking = rank(scenario, scenario.profiles[0].weights, method)
    here = tables.render_ranking(ranking, scenario, fmt, "w")
    assert not forks  # 45 options x 4 are far below the size worth a second process
    monkeypatch.setattr(tables, "SIDE_BY_SIDE_CELLS", 1)
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    before = children()
    assert tables.render_ranking(ranking, scenario, fmt, "w") == here
    pieces = 1 if ranking.ranking[0].contributions else 0  # TOPSIS has one table
    assert len(forks) == pieces and children() == before  # made elsewhere, and ended
    assert "\x1b" not in here


def test_what_the_copy_makes_elsewhere_is_handed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    big = "é" * 3_000_000  # longer than the pipe holds
    here, there = forked.side_by_side(os.getpid, lambda: (os.getpid(), big))
    assert here == os.getpid() and there[0] != os.getpid() and there[1] == big


def test_a_copy_that_fails_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    parent = os.getpid()

    def there() -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the copy")
        return os.getpid()

    before = children()
    assert forked.side_by_side(lambda: 1, there) == (1, parent)
    assert children() == before


def test_a_failure_here_ends_the_copy(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    before = children()

    def here() -> int:
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        forked.side_by_side(here, lambda: __import__("time").sleep(30))
    assert len(forks) == 1 and children() == before


def test_where_it_may_not_fork_both_are_made_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    monkeypatch.setattr(forked, "may_fork", lambda: False)
    assert forked.side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    assert not forks


@pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")
def test_a_forked_copy_does_not_fork_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy shares the CPUs with the process that made it: its own work stays in it."""
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    assert forked.may_fork()
    started = forked.fork(lambda: repr(forked.may_fork()).encode())
    assert started is not None and started.result() == b"False"

"""Tasks shared with forked copies of the process (`io.forked.in_order_forked`)."""

from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Iterator

import pytest

from child_processes import children
from optionscope.io import forked
from python_run import run_python

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")


def test_the_results_come_in_order_and_the_shares_are_done_elsewhere() -> None:
    before = children()
    results = list(forked.in_order_forked(lambda x: (x * x, os.getpid()), range(50), 3))
    assert [square for square, _ in results] == [x * x for x in range(50)]
    pids = [pid for _, pid in results]
    assert pids[0::3] == [os.getpid()] * 17  # this process does every third, from the first
    assert os.getpid() not in pids[1::3] + pids[2::3]
    assert len(set(pids[1::3])) == 1 and len(set(pids[2::3])) == 1
    assert set(pids[1::3]) != set(pids[2::3])
    assert children() == before  # every copy ended and waited for


def test_each_copy_goes_through_its_own_copy_of_a_generator() -> None:
    """The tasks come from a generator with state: every copy gets the same ones."""

    def tasks() -> Iterator[int]:
        state = 7
        for _ in range(20):
            state = state * 31 % 1009
            yield state

    expected = list(tasks())
    assert list(forked.in_order_forked(lambda x: x + 1, tasks(), 2)) == [x + 1 for x in expected]


def test_a_copy_that_fails_leaves_its_tasks_to_this_process() -> None:
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() != parent and x >= 5:
            os.kill(os.getpid(), signal.SIGKILL)
        return -x

    assert list(forked.in_order_forked(fn, range(12), 2)) == [-x for x in range(12)]


def test_an_error_in_a_copy_is_not_raised_here_but_one_here_is() -> None:
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("only in the copy")
        return x

    assert list(forked.in_order_forked(fn, range(6), 2)) == list(range(6))

    def here(x: int) -> int:
        if x == 4:
            raise ValueError("here")
        return x

    before = children()
    with pytest.raises(ValueError, match="here"):
        list(forked.in_order_forked(here, range(100), 2))
    assert children() == before


def test_results_left_unread_end_the_copies() -> None:
    before = children()
    shared = forked.in_order_forked(lambda x: x, range(10_000), 2)
    assert [next(shared) for _ in range(3)] == [0, 1, 2]
    shared.close()
    assert children() == before


def test_one_process_does_everything_here() -> None:
    assert list(forked.in_order_forked(lambda x: os.getpid(), range(4), 1)) == [os.getpid()] * 4


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_threads_python_did_not_start_rule_forking_out() -> None:
    """numpy's BLAS threads spin while they wait for work: a process forked beside them
    made a screened simulation several times slower, not faster."""
    code = textwrap.dedent(
        """
        import json, threading
        import numpy
        from optionscope.io import forked
        print(json.dumps([threading.active_count(), forked.threads(), forked.can_fork()]))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    python_threads, threads, can = run_python(code, env={**env, "OPENBLAS_NUM_THREADS": "2"})
    assert python_threads == 1 and threads > 1 and not can
    python_threads, threads, _ = run_python(code, env={**env, "OPENBLAS_NUM_THREADS": "1"})
    assert python_threads == 1 and threads == 1

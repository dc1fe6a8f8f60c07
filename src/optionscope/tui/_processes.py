"""Heavy numeric work in a separate process, so that it never holds the UI's GIL.

Why a process and not only a thread: the SMAA kernel interleaves numpy calls with
Python code, and a thread running it keeps the interpreter lock most of the time;
measured on the MINUSMA scenario, a key pressed during a 10^6-sample run in a
thread waited for the whole run (1.4 s). In a process the UI answers at once.

`ProcessRunner.run` is called from a thread worker: it submits the job to a
warm one-process pool (spawned on first use, about 0.3 s; later jobs start at
once), waits in short steps, and kills the process when the worker is
cancelled or a newer job replaces the one under way.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

POLL = 0.05
"""Seconds between checks for cancellation while a job runs."""


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    The tracker hands `sys.stderr.fileno()` to its process; while Textual runs,
    `sys.stderr` is Textual's capture, whose fileno is not a real descriptor, and
    the spawn fails ("bad value(s) in fds_to_keep"). The swap lasts only while the
    tracker starts (once per process).
    """
    from multiprocessing import resource_tracker

    captured = sys.stderr
    try:
        if captured is not None and captured.fileno() >= 0:
            resource_tracker.ensure_running()
            return
    except (OSError, ValueError, AttributeError):
        pass
    real = sys.__stderr__
    sys.stderr = real
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


class Cancelled(Exception):
    """The job was cancelled (or replaced by a newer one) before it finished."""


class ProcessRunner:
    """Runs one picklable function call at a time in a child process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._future: Future[Any] | None = None

    def run(
        self, cancelled: Callable[[], bool], fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> T:
        """`fn(*args, **kwargs)` in the child; raises `Cancelled` if `cancelled()` turns true
        (the child is killed) or a newer `run` replaced this one; re-raises the job's errors."""
        with self._lock:
            if self._future is not None and not self._future.done():
                self._kill()
            if self._executor is None:
                _start_resource_tracker()
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
            future: Future[T] = self._executor.submit(fn, *args, **kwargs)
            self._future = future
        while True:
            try:
                return future.result(timeout=POLL)
            except FutureTimeout:
                if cancelled():
                    self.cancel(future)
                    raise Cancelled from None
            except BrokenProcessPool:
                raise Cancelled from None
            except Exception as err:
                if future.cancelled():
                    raise Cancelled from err
                raise

    def cancel(self, future: Future[Any] | None = None) -> None:
        """Kill the job under way (only if it is still `future`, when one is given)."""
        with self._lock:
            if self._future is None or (future is not None and self._future is not future):
                return
            if not self._future.done():
                self._kill()

    def close(self) -> None:
        """Kill any job and the child process."""
        with self._lock:
            if self._executor is not None:
                self._kill()

    def _kill(self) -> None:
        executor = self._executor
        self._executor = None
        self._future = None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

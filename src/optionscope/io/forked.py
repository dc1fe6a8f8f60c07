"""Work done in a forked process, its result handed back through a pipe.

Reading a scenario (importing the model, parsing, checking) can run on a second CPU while
this process does something else: reads another file (`diff`), or starts the terminal UI.
The forked process writes nothing to the terminal and never returns: it hands its bytes
over and exits. Anything it fails at is done again, and said, by this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optionscope.io.bulk import built_to_last, collector_paused

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking can help and is safe: `os.fork`, a second CPU, and no other thread (a
    forked copy of a threaded process may hang on a lock another thread held)."""
    return hasattr(os, "fork") and usable_cpus() > 1 and threading.active_count() == 1


@dataclass
class Forked:
    """A forked process at work, and the end of the pipe it hands its result over by."""

    pid: int
    pipe: int

    def result(self) -> bytes | None:
        """What the process handed over, once it has ended; None if it failed."""
        try:
            with os.fdopen(self.pipe, "rb") as pipe:
                data = pipe.read()
        finally:
            ended = self._end(stop=False)
        return data if ended else None

    def stop(self) -> None:
        """End the process, its result unread."""
        os.close(self.pipe)
        self._end(stop=True)

    def _end(self, *, stop: bool) -> bool:
        with suppress(ProcessLookupError, ChildProcessError):  # ended and waited for already
            if stop:
                os.kill(self.pid, signal.SIGTERM)
            return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1]) == 0
        return False


def fork(work: Callable[[], bytes]) -> Forked | None:
    """Run `work` in a forked process (see `can_fork`), its result handed back; None if no
    process could be started."""
    try:
        ours, theirs = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(ours)
        os.close(theirs)
        return None
    if pid:
        os.close(theirs)
        return Forked(pid, ours)
    status = 1  # the forked process, from here on: it never returns
    try:
        gc.disable()  # it ends once its work is handed over: nothing to collect before
        os.close(ours)
        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing of it reaches the terminal
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        data = work()
        with os.fdopen(theirs, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def handed_over(scenario: Scenario, reference: str) -> bytes:
    """What a forked process hands back of the scenario it has read from `reference`:
    nothing when reading kept it in the scenario cache (`taken_over` loads it from there:
    pickling it again would double the store's cost, most of a second at 10,000 options),
    else the scenario pickled as the cache keeps one."""
    from optionscope.io.scenario_files import kept_in_cache

    if kept_in_cache(reference):
        return b""
    return pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL)


def taken_over(data: bytes, reference: str) -> Scenario:
    """The scenario a forked process handed over (`handed_over`), rebuilt as the cache
    rebuilds one; or, handed nothing, `reference` loaded here (from the cache)."""
    from optionscope.model.scenario import Scenario

    if data:
        with collector_paused():  # no reference cycles: see io.bulk
            try:
                scenario = pickle.loads(data)
            except Exception:
                scenario = None
            else:
                built_to_last()
        if isinstance(scenario, Scenario):
            return scenario
    from optionscope.io.scenario_files import load_scenario

    return load_scenario(reference)

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
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, TypeVar

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
    return hasattr(os, "fork") and usable_cpus() > 1 and threads() == 1


def may_fork() -> bool:
    """`can_fork`, on Linux: where a process forked without `exec` is known to be safe to
    use (elsewhere system libraries may hold locks or threads that a copy lacks); and not
    in a forked copy, which shares the CPUs with the process that made it."""
    return sys.platform == "linux" and not _IN_COPY["copy"] and can_fork()


_IN_COPY = {"copy": False}
"""Whether this process is a forked copy (`_fork_streaming`)."""


def threads() -> int:
    """The threads of this process, those Python did not start included where the system
    says (a BLAS library's: a process forked beside them competes with them for the CPUs,
    and they wait for work by spinning)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


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

    def write(pipe: BinaryIO) -> None:
        pipe.write(work())

    return _fork_streaming(write)


Here = TypeVar("Here")
There = TypeVar("There")


def side_by_side(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """`(here(), there())`, `there` run in a forked copy of this process meanwhile where it
    may fork (see `may_fork`); run here after `here` if it may not, or if the copy failed.

    For two long pieces of work on the same data (the two halves of a wide table): the
    copy shares the data and hands back only its result, pickled."""
    started = None
    if may_fork():
        started = fork(lambda: pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))
    try:
        first = here()
    except BaseException:
        if started is not None:
            started.stop()
        raise
    data = started.result() if started is not None else None
    if data:
        with suppress(Exception):
            second: There = pickle.loads(data)
            return first, second
    return first, there()


Task = TypeVar("Task")
Result = TypeVar("Result")

_LENGTH = struct.Struct("<Q")
PIPE_BYTES = 1 << 20
"""How much a forked process may hand over ahead of this one reading it (Linux)."""


def in_order_forked(fn: Callable[[Task], Result], tasks: Iterable[Task], processes: int
                    ) -> Iterator[Result]:  # fmt: skip
    """`fn` of each task, in order, shared round-robin with `processes - 1` forked copies of
    this process (see `can_fork`; with none, here alone).

    Each forked copy goes through its own copy of `tasks` from the start and hands back, in
    order, the results of its share (tasks i with i % processes equal to its number); this
    process does the rest and reads theirs as their turns come. So `tasks` must give the
    same tasks in every copy (drawn from a seeded generator, not read from outside), and
    `fn` must give the same result wherever it runs. A task whose process failed or could
    not be started is done here: the results are the same in any case.
    """
    ahead: list[tuple[Forked, BinaryIO] | None] = [None]
    for number in range(1, max(1, processes)):
        ahead.append(_start_share(fn, tasks, number, processes))
    try:
        for i, task in enumerate(tasks):
            share = ahead[i % len(ahead)]
            result: tuple[Result] | None = _next_result(share) if share is not None else None
            if result is None:
                if share is not None:
                    ahead[i % len(ahead)] = None
                    _stop(share)
                result = (fn(task),)
            yield result[0]
    finally:
        for share in ahead:
            if share is not None:
                _stop(share)


def _start_share(fn: Callable[[Task], Result], tasks: Iterable[Task], number: int, every: int
                 ) -> tuple[Forked, BinaryIO] | None:  # fmt: skip
    def work(pipe: BinaryIO) -> None:
        for i, task in enumerate(tasks):
            if i % every == number:
                data = pickle.dumps(fn(task), protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(_LENGTH.pack(len(data)))
                pipe.write(data)
                pipe.flush()

    started = _fork_streaming(work)
    return None if started is None else (started, os.fdopen(started.pipe, "rb"))


def _next_result(share: tuple[Forked, BinaryIO]) -> tuple[Result] | None:
    """The next result a forked process hands over, or None if it ended or failed."""
    pipe = share[1]
    try:
        head = pipe.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        data = pipe.read(_LENGTH.unpack(head)[0])
        return (pickle.loads(data),)
    except Exception:
        return None


def _stop(share: tuple[Forked, BinaryIO]) -> None:
    forked, pipe = share
    with suppress(OSError):
        pipe.close()  # closes `forked.pipe`
    forked._end(stop=True)


def _fork_streaming(work: Callable[[BinaryIO], None]) -> Forked | None:
    """Run `work` in a forked process, which writes to the pipe handed to it as it goes (a
    buffer of `PIPE_BYTES` where the system allows it); None if no process could be
    started."""
    try:
        ours, theirs = os.pipe()
    except OSError:
        return None
    with suppress(AttributeError, OSError):
        import fcntl

        fcntl.fcntl(theirs, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
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
    _IN_COPY["copy"] = True
    try:
        gc.disable()  # it ends once its work is handed over: nothing to collect before
        os.close(ours)
        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing of it reaches the terminal
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        with os.fdopen(theirs, "wb") as pipe:
            work(pipe)
        status = 0
        # what the command keeps at its end, which a copy never reaches: its work handed
        # over, the text it compiled (see `optionscope._compiled_text`)
        compiled_text = sys.modules.get("optionscope._compiled_text")
        if compiled_text is not None:
            compiled_text.keep_new()
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
    scenario = rebuilt(data)
    if scenario is not None:
        return scenario
    from optionscope.io.scenario_files import load_scenario

    return load_scenario(reference)


def rebuilt(data: bytes) -> Scenario | None:
    """The scenario pickled in `data` (`handed_over`), rebuilt as the cache rebuilds one;
    None if `data` holds none."""
    if not data:
        return None
    from optionscope.model.scenario import Scenario

    with collector_paused():  # no reference cycles: see io.bulk
        try:
            scenario = pickle.loads(data)
        except Exception:
            return None
        built_to_last()
    return scenario if isinstance(scenario, Scenario) else None

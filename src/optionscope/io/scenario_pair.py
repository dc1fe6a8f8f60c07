"""Two scenarios for one command, the second read ahead in a second process.

A large scenario file read for the first time costs seconds (10,000 options x 12
criteria: about 3 s of CPU), and comparing two versions of one decision reads two.
Where this process may use a second CPU, a forked process reads the second file
while this one reads the first. With the scenario cache on (io/scenario_cache.py) it
keeps the scenario there, and this process loads it from there, as any command loads
a file read before; with the cache off it hands the scenario over, pickled, as the
cache would keep it. A second file with any problem is read again here: every
problem with either file (located as file:line:col, the first file's first) comes
from `load_scenario` in this process, so results and messages are those of reading
the files one after the other.

The files are read one after the other on one CPU, without `os.fork`, for a small
second file or a CSV matrix (read quickly: forking would save little), for the same
file twice with the cache on (the second is then read from the cache), and while
other threads run.
"""

from __future__ import annotations

import os
import pickle
import signal
import stat
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from optionscope.io import scenario_cache
from optionscope.io.bulk import built_to_last, collector_paused
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import first_read, load_scenario, resolve_path

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

READ_AHEAD_BYTES = 1024 * 1024
"""Smallest second file read ahead: about a fifth of a second to read (600 options x
12), a few times what forking and rebuilding the scenario handed over cost."""


def load_scenario_pair(a: str, b: str) -> tuple[Scenario, Scenario]:
    """`load_scenario(a), load_scenario(b)`, with `b` read ahead when that saves time."""
    ahead = _read_ahead(a, b)
    if ahead is None:
        return load_scenario(a), load_scenario(b)
    pid, handed = ahead
    try:
        first = load_scenario(a)
    except BaseException:  # a problem with the first file, or Ctrl-C: the second can wait
        os.close(handed)
        _end(pid, stop=True)
        raise
    try:
        with os.fdopen(handed, "rb") as pipe:
            data = pipe.read()
    finally:
        ended = _end(pid, stop=False)
    second = _unpickled(data) if data and ended else None
    return first, second if second is not None else load_scenario(b)


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _read_ahead(a: str, b: str) -> tuple[int, int] | None:
    """A process reading `b` ahead, and the pipe it hands the scenario over by (nothing
    when it is kept in the cache, or has a problem); None when none was started."""
    fork = getattr(os, "fork", None)
    if fork is None or usable_cpus() < 2:
        return None
    if threading.active_count() > 1:  # a forked copy of a threaded process may hang
        return None
    cached = scenario_cache.cache_dir() is not None
    try:
        path_a, path_b = resolve_path(a), resolve_path(b)
        info = path_b.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size < READ_AHEAD_BYTES:
            return None  # small, or a pipe or device, which only one reader may read
        if path_b.suffix.lower() == ".csv" or (cached and _same_file(path_a, path_b)):
            return None
    except (InputError, OSError):  # said by `load_scenario`, in the order of the files
        return None
    try:
        handed, handing = os.pipe()
    except OSError:
        return None
    try:
        pid: int = fork()
    except OSError:
        os.close(handed)
        os.close(handing)
        return None
    if pid == 0:  # the forked process: read, hand over or store, say nothing, never return
        status = 1
        try:
            os.close(handed)
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            scenario = first_read(path_b)  # kept in the cache, if it is on
            if scenario is not None and not cached:
                with os.fdopen(handing, "wb") as pipe:
                    pipe.write(pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(handing)
    return pid, handed


def _unpickled(data: bytes) -> Scenario | None:
    """The scenario handed over, rebuilt as the cache rebuilds one (None if it is not one)."""
    from optionscope.model.scenario import Scenario

    with collector_paused():  # no reference cycles: see io.bulk
        try:
            scenario = pickle.loads(data)
        except Exception:
            return None
        built_to_last()
    return scenario if isinstance(scenario, Scenario) else None


def _end(pid: int, *, stop: bool) -> bool:
    """Wait for the process reading ahead to end (stopping it first if `stop`): whether it
    ended well, having handed over all it had to."""
    with suppress(ProcessLookupError, ChildProcessError):  # ended and waited for already
        if stop:
            os.kill(pid, signal.SIGTERM)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False

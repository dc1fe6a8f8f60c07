"""Two scenarios for one command, the second read ahead in a second process.

A large scenario file read for the first time costs seconds (10,000 options x 12
criteria: about 3 s of CPU), and comparing two versions of one decision reads two.
Where this process may use a second CPU, a forked process reads the second file
while this one reads the first, and keeps it in the scenario cache
(io/scenario_cache.py); this process then loads it from there, as any command loads a
file read before. The forked process only fills the cache: both scenarios, and every
problem with either file (located as file:line:col, the first file's first), come
from `load_scenario` in this process, so results and messages are those of reading
the files one after the other.

The files are read one after the other on one CPU, without `os.fork`, with the cache
off, for a small second file (forking would cost more than it saves), for the same
file twice (the second is then read from the cache), and while other threads run.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from optionscope.io import scenario_cache
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario, resolve_path, store_first_read

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

READ_AHEAD_BYTES = 1024 * 1024
"""Smallest second file read ahead: about a quarter of a second to read, over ten
times the cost of forking this process and of loading the scenario from the cache."""


def load_scenario_pair(a: str, b: str) -> tuple[Scenario, Scenario]:
    """`load_scenario(a), load_scenario(b)`, with `b` read ahead when that saves time."""
    ahead = _read_ahead(a, b)
    try:
        first = load_scenario(a)
    except BaseException:  # a problem with the first file, or Ctrl-C: the second can wait
        if ahead is not None:
            _end(ahead, stop=True)
        raise
    if ahead is not None:
        _end(ahead, stop=False)
    return first, load_scenario(b)


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _read_ahead(a: str, b: str) -> int | None:
    """The id of a process storing `b`'s scenario in the cache, or None when none was
    started."""
    fork = getattr(os, "fork", None)
    if fork is None or usable_cpus() < 2 or scenario_cache.cache_dir() is None:
        return None
    if threading.active_count() > 1:  # a forked copy of a threaded process may hang
        return None
    try:
        path_a, path_b = resolve_path(a), resolve_path(b)
        info = path_b.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size < READ_AHEAD_BYTES:
            return None  # small, or a pipe or device, which only one reader may read
        if path_b.suffix.lower() == ".csv" or _same_file(path_a, path_b):
            return None
    except (InputError, OSError):  # said by `load_scenario`, in the order of the files
        return None
    try:
        pid: int = fork()
    except OSError:
        return None
    if pid == 0:  # the forked process: store the scenario, say nothing, never return
        status = 1
        try:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            store_first_read(path_b)
            status = 0
        finally:
            os._exit(status)
    return pid


def _end(pid: int, *, stop: bool) -> None:
    """Wait for the process reading ahead to end (stopping it first if `stop`)."""
    with suppress(ProcessLookupError, ChildProcessError):  # ended and waited for already
        if stop:
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False

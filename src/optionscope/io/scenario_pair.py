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

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from optionscope.io import scenario_cache
from optionscope.io.errors import InputError
from optionscope.io.forked import Forked, fork, handed_over, may_fork, taken_over
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
    try:
        first = load_scenario(a)
    except BaseException:  # a problem with the first file, or Ctrl-C: the second can wait
        ahead.stop()
        raise
    return first, taken_over(ahead.result() or b"", b)  # nothing handed over: read here


def _read_ahead(a: str, b: str) -> Forked | None:
    """A process reading `b` ahead (see `io.forked`); None when none was started."""
    if not may_fork():
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

    def work() -> bytes:
        scenario = first_read(path_b)  # kept in the cache, if it is on
        if scenario is None:
            raise ValueError("read again, and its problems said, by load_scenario")
        return handed_over(scenario, b)

    return fork(work)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False

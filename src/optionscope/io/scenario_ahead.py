"""A command's scenario read in a second process while this one makes the command ready.

A scenario file read for the first time (not in the scenario cache, or with the cache
off) is parsed and checked: about 50 ms for a bundled pack, on top of some 200 ms of
start-up. Most of that start-up (click, numpy, the analysis) does not need the scenario.
So where a fork is safe and a second CPU can take the work (`io.forked.may_fork`), the
command line names its scenario (`read_ahead`) as soon as the model is imported; a forked
copy of the process reads it, while this one goes on making the command ready, and
`load_scenario` takes it when the command asks for that reference: from the cache,
where the copy kept it, or handed over pickled with the cache off, as `diff` takes its
second file (`io.scenario_pair`).

Only what `load_scenario` would give is taken: the same reference, read as strictly. A
file with any problem is read again here, and its problems said as usual. The command
ends a reading it did not take (`end_unused`): a later reading of the file, perhaps
changed since, is never given an old one. Not read ahead: a scenario the cache
holds (loading it is quick), a CSV matrix, anything but a regular file (a pipe's text
can be read only once), a file of `LARGEST_BYTES` or more (handing a large scenario
over costs more than the start-up it overlaps).
"""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

from optionscope.io.forked import Forked, fork, handed_over, may_fork, rebuilt

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

LARGEST_BYTES = 1024 * 1024
"""Files this size or larger are read here: a scenario of 1 MiB (600 options x 12) takes
about a fifth of a second to read, and longer to hand over than the start-up it
overlaps (some 80 ms)."""

_AHEAD: dict[tuple[str, bool], Forked] = {}


def read_ahead(reference: str, *, strict: bool = False) -> bool:
    """Start reading `reference` in a forked process, where that can save time (see the
    module's notes); whether one was started. Imports the model, which the forked copy
    then shares."""
    if (reference, strict) in _AHEAD or not may_fork():
        return False
    from optionscope.io import scenario_cache
    from optionscope.io.bulk import built_to_last, collector_paused
    from optionscope.io.errors import InputError
    from optionscope.io.text_files import read_text

    with collector_paused():  # the model's classes make no garbage: see io.bulk
        from optionscope.io.scenario_files import first_read, resolve_path

        built_to_last()  # and live as long as the process: frozen before the fork
    try:
        path = resolve_path(reference)
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size >= LARGEST_BYTES:
            return False
        if path.suffix.lower() == ".csv":
            return False
        cached = scenario_cache.cache_dir() is not None
        if cached and scenario_cache.has(scenario_cache.key(read_text(path), strict=strict)):
            return False
    except (InputError, OSError):  # said when the command reads it
        return False

    def work() -> bytes:
        scenario = first_read(path, strict=strict)  # kept in the cache, if it is on
        if scenario is None:
            raise ValueError("read again, and its problems said, by load_scenario")
        return handed_over(scenario, reference)

    forked = fork(work)
    if forked is None:
        return False
    _AHEAD[reference, strict] = forked
    return True


def taken(reference: str, *, strict: bool) -> Scenario | None:
    """The scenario read ahead for `reference`, if one was and the other process handed
    it over; None (the caller reads it, from the cache where that process kept it)."""
    forked = _AHEAD.pop((reference, strict), None)
    if forked is None:
        return None
    return rebuilt(forked.result() or b"")


def end_unused() -> None:
    """End every reading ahead not taken (the command failed before it asked, or read
    another scenario)."""
    while _AHEAD:
        _AHEAD.popitem()[1].stop()

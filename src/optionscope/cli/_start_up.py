"""What the `optionscope` process sets up before any command. It imports no click: the
interactive session opens without it (`cli.session_start`)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager

_START_UP = {"freeze": False}


def freeze_what_start_up_makes() -> None:
    """Called by the `optionscope` entry point, whose process this is: the analysis core
    may then be frozen out of the garbage collector once imported (`ranking_methods`),
    and each scenario once loaded (`optionscope.io.bulk.freeze_what_lasts`)."""
    _START_UP["freeze"] = True
    from optionscope.io.bulk import freeze_what_lasts

    freeze_what_lasts()


def ranking_methods() -> Collection[str]:
    """The ranking methods, from the analysis core: imported on first use, with numpy,
    pydantic's model machinery and the scenario model's classes.

    That import makes some 20,000 objects the cyclic collector tracks, all living as long
    as the process: the collector is paused while it runs, rather than scanning them
    again and again as they age, and in the `optionscope` process they are then frozen
    out of every later collection (about 10 ms of `rank`).
    """
    if "optionscope.analysis.ranking" not in sys.modules:
        from optionscope.io.bulk import collector_paused

        with collector_paused():
            import optionscope.analysis.ranking  # noqa: F401

            if _START_UP["freeze"]:
                gc.freeze()  # before the collector resumes, or it would scan them all once
    from optionscope.analysis.ranking import METHODS

    return METHODS


SCENARIO_FIRST = frozenset(
    {"compare", "diff", "frontier", "gates", "rank", "report", "sensitivity", "show",
     "simulate", "sources", "validate"}
)  # fmt: skip
"""The commands whose first argument is a scenario to read (`tui` reads its own ahead)."""


@contextmanager
def scenario_read_ahead(args: Sequence[str]) -> Iterator[None]:
    """Around the command, before click reads its line: where the line names a command's
    scenario first (`rank S ...`), the scenario is read in another process while click,
    numpy and the command are made ready (`io.scenario_ahead`); the reading is ended when
    the command returns if it was not taken. Options before the scenario (`rank --method
    topsis S`) are click's to read: the scenario is then read when the command asks."""
    if len(args) < 2 or args[0] not in SCENARIO_FIRST or args[1].startswith("-"):
        yield
        return
    from optionscope.io import scenario_ahead

    scenario_ahead.read_ahead(args[1], strict="--strict" in args[2:])
    try:
        yield
    finally:
        scenario_ahead.end_unused()

"""What the `optionscope` process sets up before any command. It imports no click: the
interactive session opens without it (`cli.session_start`)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Collection

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

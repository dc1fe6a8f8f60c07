"""Building large acyclic structures (node trees, scenario models) without GC pauses.

CPython's cyclic collector runs after every few hundred new containers and, as the
structure grows, scans more and more of it: loading a 10,000 x 12 scenario spent
four fifths of its time there (16 s of 19). A scenario file makes no reference
cycles, so the collector is paused while one is read and resumed afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; nested blocks resume it once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_LASTING = {"freeze": False}


def freeze_what_lasts() -> None:
    """In this process, keep each scenario loaded out of the collector's later scans.

    For a process in which a loaded scenario lives until it exits (the command line):
    a 10,000 x 12 scenario is some 150,000 tracked objects, and every full collection
    after its load scanned them all again (about 0.8 s of a `simulate`). Frozen objects
    are still freed when nothing refers to them (a scenario has no cycles)."""
    _LASTING["freeze"] = True


def built_to_last() -> None:
    """Everything built so far lives on: out of later collections, if `freeze_what_lasts`."""
    if _LASTING["freeze"]:
        gc.freeze()

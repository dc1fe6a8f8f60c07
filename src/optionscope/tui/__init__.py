"""The terminal UI (Textual). The only package of optionscope that imports textual or rich.

`run_app(scenario)` runs the interactive session; `create_app(scenario, **settings)`
builds the app (tests and benchmarks drive it headless with `run_test`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optionscope.io.settings import Settings
    from optionscope.model.scenario import Scenario
    from optionscope.tui._outline import Reading
    from optionscope.tui._read_ahead import ReadAhead
    from optionscope.tui.app import OptionscopeApp


NOT_A_TERMINAL = (
    "the interactive session needs a terminal, and standard input or output is not one; "
    "run it in a terminal, or use rank, report or show for output to a file or a pipe"
)


def refuse_without_a_terminal() -> None:
    """Refuse to start a session whose input or output is not a terminal (a pipe, a file,
    /dev/null): it would write screens of escape sequences there, and wait for keys that
    never come. Served to a browser (textual-serve sets TEXTUAL_DRIVER), it has none."""
    import os
    import sys

    if os.environ.get("TEXTUAL_DRIVER"):
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from optionscope.io.errors import InputError

        raise InputError.at("tui", NOT_A_TERMINAL)


def create_app(scenario: Scenario, **settings: Any) -> OptionscopeApp:
    from optionscope.tui.app import create_app as _create

    return _create(scenario, **settings)


_STARTING: list[bool] = []
"""Whether each start in progress turns the collector on again at the first frame."""


@contextmanager
def starting() -> Iterator[bool]:
    """Textual and the app imported, and the first frame drawn, with no garbage collection
    (a tenth of the time to the first frame): what is made until then is kept, the app's
    and the screen's. Yields whether the app turns the collector on again once its first
    frame is drawn: not if the caller had it off. Within another start, that start's.
    (`optionscope tui` starts while its scenario is read ahead, see `tui._read_ahead`.)"""
    if _STARTING:
        yield _STARTING[-1]
        return
    collect = gc.isenabled()
    gc.disable()
    _STARTING.append(collect)
    try:
        import optionscope.tui.app  # noqa: F401

        yield collect
    finally:
        _STARTING.pop()
        if collect:
            gc.enable()


def run_app(
    scenario: Scenario | Reading | ReadAhead,
    *,
    resume: bool = False,
    method: str = "wsm",
    settings: Settings | None = None,
) -> None:
    with starting() as collect:
        from optionscope.tui.app import run_app as _run

        _run(scenario, resume=resume, method=method, settings=settings, collect_when_drawn=collect)


__all__ = ["create_app", "refuse_without_a_terminal", "run_app", "starting"]

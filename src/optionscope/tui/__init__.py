"""The terminal UI (Textual). The only package of optionscope that imports textual or rich.

`run_app(scenario)` runs the interactive session; `create_app(scenario, **settings)`
builds the app (tests and benchmarks drive it headless with `run_test`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optionscope.io.settings import Settings
    from optionscope.model.scenario import Scenario
    from optionscope.tui.app import OptionscopeApp


def create_app(scenario: Scenario, **settings: Any) -> OptionscopeApp:
    from optionscope.tui.app import create_app as _create

    return _create(scenario, **settings)


def run_app(
    scenario: Scenario,
    *,
    resume: bool = False,
    method: str = "wsm",
    settings: Settings | None = None,
) -> None:
    import gc

    if not gc.isenabled():  # the caller's choice, kept
        from optionscope.tui.app import run_app as _run

        _run(scenario, resume=resume, method=method, settings=settings)
        return
    # No collection while Textual is imported and the first screen made and drawn (a
    # tenth of the time to it): what is made then is kept, the app's and the screen's.
    # The app collects again once its first frame is on the terminal.
    gc.disable()
    try:
        from optionscope.tui.app import run_app as _run

        _run(scenario, resume=resume, method=method, settings=settings, collect_when_drawn=True)
    finally:
        gc.enable()


__all__ = ["create_app", "run_app"]

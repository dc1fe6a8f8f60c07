"""The scenario read in a second process while the terminal UI starts.

Starting Textual and importing the model (numpy, pydantic and the scenario's classes) take
about as long each, and the first frame needs both. Where there is a second CPU, a forked
process (`io.forked`) reads the scenario (parsing and checking it, or taking it from the
cache, as any read does), ranks it, and hands back the session's outline and the
scenario; this process meanwhile starts Textual, draws the first frame from the outline,
and then takes the scenario. If the other process cannot read it, this one reads it
again, and its error is the one shown, located as usual.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optionscope.io.forked import Forked, can_fork, fork, pickled_scenario, unpickled_scenario

if TYPE_CHECKING:  # imported once forked: the other process starts the sooner
    from optionscope.model.scenario import Scenario
    from optionscope.tui._outline import Reading


def can_read_ahead() -> bool:
    """A second process can help (`io.forked.can_fork`), on Linux (where a process forked
    without `exec` is safe to use), with a terminal to start the UI on."""
    return sys.platform == "linux" and can_fork() and sys.stdin.isatty() and sys.stdout.isatty()


@dataclass
class ReadAhead:
    """The process reading a scenario ahead."""

    forked: Forked

    def reading(self) -> Reading | None:
        """The outline and the scenario, once handed over; None if they could not be read."""
        from optionscope.tui._outline import Outline, Reading

        data = self.forked.result()
        if not data:
            return None
        outline, scenario = pickle.loads(data)
        if not isinstance(outline, Outline) or not isinstance(scenario, bytes):
            return None
        return Reading(outline, lambda: _scenario(scenario))


def read_ahead(reference: str, method: str) -> ReadAhead | None:
    """Start reading the scenario `reference` in a forked process (see `can_read_ahead`);
    None if no process could be started."""

    def work() -> bytes:
        from optionscope.io.scenario_files import load_scenario
        from optionscope.tui._outline import outline
        from optionscope.tui._session import Session

        scenario = load_scenario(reference)
        session = Session(scenario, method=method)
        return pickle.dumps((outline(session), pickled_scenario(scenario)), protocol=5)

    forked = fork(work)
    return ReadAhead(forked) if forked is not None else None


def _scenario(data: bytes) -> Scenario:
    scenario = unpickled_scenario(data)
    if scenario is None:
        raise TypeError("the reading process handed over no scenario")
    return scenario

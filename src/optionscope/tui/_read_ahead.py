"""The scenario read in a second process while the terminal UI starts.

Starting Textual and importing the model (numpy, pydantic and the scenario's classes) take
about as long each, and the first frame needs both. Where there is a second CPU, a forked
process (`io.forked`) reads the scenario (parsing and checking it, or taking it from the
cache, as any read does), ranks it, and hands back the session's outline and the
scenario (or leaves it in the cache); this process meanwhile starts Textual, draws the
first frame from the outline, and then takes the scenario. If the other process cannot
read it, this one reads it again, and its error is the one shown, located as usual.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from optionscope.io.forked import Forked, fork, handed_over, may_fork, taken_over

if TYPE_CHECKING:  # imported once forked: the other process starts the sooner
    from optionscope.tui._outline import Reading


def can_read_ahead() -> bool:
    """A second process can help and is safe (`io.forked.may_fork`), with a terminal to
    start the UI on."""
    return may_fork() and sys.stdin.isatty() and sys.stdout.isatty()


@dataclass
class ReadAhead:
    """The process reading a scenario ahead."""

    forked: Forked
    reference: str
    taken: bool = False

    def reading(self) -> Reading | None:
        """The outline and the scenario, once handed over; None if they could not be read."""
        from optionscope.tui._outline import Outline, Reading

        self.taken = True
        data = self.forked.result()
        if not data:
            return None
        outline, scenario = pickle.loads(data)
        if not isinstance(outline, Outline) or not isinstance(scenario, bytes):
            return None
        return Reading(outline, partial(taken_over, scenario, self.reference))

    def close(self) -> None:
        """End the reading if it was not taken (the app did not start)."""
        if not self.taken:
            self.taken = True
            self.forked.stop()


def read_ahead(reference: str, method: str) -> ReadAhead | None:
    """Start reading the scenario `reference` in a forked process (see `can_read_ahead`);
    None if no process could be started."""

    def work() -> bytes:
        from optionscope.io.scenario_files import load_scenario
        from optionscope.tui._outline import outline
        from optionscope.tui._session import Session

        scenario = load_scenario(reference)
        session = Session(scenario, method=method)
        return pickle.dumps((outline(session), handed_over(scenario, reference)), protocol=5)

    from optionscope.io.text_files import remember_input

    remember_input(reference)  # read over there: never replaced by a file saved here
    forked = fork(work)
    return ReadAhead(forked, reference) if forked is not None else None

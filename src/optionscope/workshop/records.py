"""Rounds are records: a closed round keeps its results exactly as they were shown.

When the facilitator opens the next round (or reveals the outcome, after which
no weights are taken) the round that closes is stored as the
`workshop results --format json` document of that moment: the weights, the
events in force, the rankings, agreement, minority views and movement. The
export and the after-action report read these records, so a later release of
an event, a change to the analysis code or a re-read of the scenario cannot
change what a closed round showed.
"""

from __future__ import annotations

from typing import Any

from optionscope.workshop.session import Workshop


def keep_record(workshop: Workshop, round_number: int) -> None:
    """Store the round's results as shown now (names included), unless already stored.

    The inputs of a closed round cannot change (submissions to it are refused
    and events released later are in force from a later round), so the record
    is the same whether it is taken at the moment of closing or, after a crash
    between closing and recording, on the next read.
    """
    from optionscope.workshop.results import results_json

    if round_number < 1 or workshop.store.round_record(round_number) is not None:
        return
    workshop.store.keep_round_record(
        round_number, results_json(workshop.results(round_number, show_names=True))
    )


def closed_rounds(workshop: Workshop) -> list[int]:
    """The rounds that are over: all but the current one, and that one too after the reveal."""
    current = workshop.store.current_round()
    last = current if workshop.revealed() else current - 1
    return list(range(1, last + 1))


def round_as_shown(workshop: Workshop, round_number: int) -> dict[str, Any]:
    """A round's results: the stored record of a closed round, the live results of an open one."""
    from optionscope.workshop.results import results_json

    if round_number in closed_rounds(workshop):
        keep_record(workshop, round_number)
        stored = workshop.store.round_record(round_number)
        if stored is not None:
            recorded_at, results = stored
            return {**results, "recorded_at": recorded_at}
    return {**results_json(workshop.results(round_number, show_names=True)), "recorded_at": None}

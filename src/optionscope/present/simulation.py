"""The uncertainty simulation in words: what the feasibility gates did to the shares."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from optionscope.analysis.smaa import SmaaResult
from optionscope.present.numbers import percent
from optionscope.present.ranking import join_names

Label = Callable[[str], str]

GATES_FAILED = (
    "Share of simulations in which an option fails at least one feasibility gate (gates "
    "independent, each at its judged probability): {shares}. An option that fails ranks after "
    "every option that passes; options that all fail rank among themselves by score, so "
    "switching the gates on moves first places from options likely to fail to the others."
)
GATES_NONE_FAILED = "With the gates simulated, no option failed a feasibility gate."
GATES_IGNORED = (
    "Gates ignored: every option is taken to clear its preconditions; simulating them ranks an "
    "option that fails one after every option that passes."
)
OPTION_SHARE = "{option} {share}"


def mean_rank(rank: float) -> str:
    """An option's mean (expected) rank over the simulations: `4.41`; `-` when only the
    first ranks were counted."""
    return f"{rank:.2f}" if np.isfinite(rank) else "-"


def gates_sentence(result: SmaaResult, label: Label) -> str:
    """What the feasibility gates did in this simulation, or that they were left out."""
    if not result.gates:
        return GATES_IGNORED
    failing = [
        OPTION_SHARE.format(
            option=label(result.options[i]), share=percent(float(result.infeasible[i]))
        )
        for i in np.argsort(-result.infeasible, kind="stable")
        if result.infeasible[i] > 0
    ]
    if not failing:
        return GATES_NONE_FAILED
    return GATES_FAILED.format(shares=join_names(failing))


TOP_RANKS_ONLY = (
    "With {options:,} options, only ranks 1 to {ranks} are counted: {simulated:,} options "
    "could reach them in some simulation and were drawn in those (an exact screen, simulation "
    "by simulation, on each option's most favourable score); {never:,} never ranked in the "
    "top {ranks} in any simulation. Mean ranks are not computed."
)
CONFIDENCE_LEADERS_ONLY = (
    " Confidence factors are computed for the {leaders:,} options most often first only, "
    "from {confidence:,} simulations each."
)
CONFIDENCE_SIMULATIONS = " Confidence factors are computed from {confidence:,} simulations each."
ROWS_LEFT_OUT = (
    "{hidden:,} more options not shown: {never:,} of them never ranked in the top {ranks}."
)


def top_ranks_sentence(result: SmaaResult) -> str | None:
    """That only the first ranks were counted, and for how many options, or None."""
    if not result.bounded:
        return None
    never = int((result.rank_acceptability.sum(axis=1) == 0).sum())
    m = len(result.options)
    simulated = m if result.simulated is None else result.simulated
    text = TOP_RANKS_ONLY.format(options=m, ranks=result.ranks, simulated=simulated, never=never)
    leaders = int(np.isfinite(result.confidence_factors).sum())
    if leaders:
        confidence = result.confidence_samples
        ever_first = int((result.rank_acceptability[:, 0] > 0).sum())
        sentence = CONFIDENCE_LEADERS_ONLY if leaders < ever_first else CONFIDENCE_SIMULATIONS
        text += sentence.format(leaders=leaders, confidence=confidence)
    return text


def acceptability_order(result: SmaaResult) -> list[int]:
    """Option positions most often first, then by the following ranks (or the mean rank)."""
    acc = result.rank_acceptability
    m = len(result.options)
    if result.bounded:
        keys = [-acc[:, r] for r in reversed(range(result.ranks))]
        return [int(i) for i in np.lexsort(keys)]
    expected = acc @ np.arange(1, m + 1)
    return sorted(range(m), key=lambda i: (-acc[i, 0], expected[i]))


def rows_shown(result: SmaaResult, limit: int) -> tuple[list[int], str | None]:
    """The options a table lists (most often first; all but those never in the counted ranks
    when only the first ranks were counted, at most `limit`), and a line for the others."""
    order = acceptability_order(result)
    if not result.bounded:
        return order, None
    reached = result.rank_acceptability.sum(axis=1) > 0
    shown = [i for i in order if reached[i]][:limit]
    hidden = len(order) - len(shown)
    if not hidden:
        return shown, None
    never = int((~reached).sum())
    return shown, ROWS_LEFT_OUT.format(hidden=hidden, never=never, ranks=result.ranks)

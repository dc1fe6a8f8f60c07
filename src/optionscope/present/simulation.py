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

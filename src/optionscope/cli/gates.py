"""`optionscope gates`: the judged chance that each option's preconditions hold."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import click

from optionscope.cli._common import emit, format_option

if TYPE_CHECKING:
    pass


# gates -----------------------------------------------------------------------------


@click.command()
@click.argument("scenario")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="A gate below this probability is reported as likely to fail.",
)
@format_option()
def gates(scenario: str, threshold: float, fmt: str) -> None:
    """Feasibility gates: can each option be carried out, and whose first choice may not be?

    Per option, the probability that all its gates (host consent, force
    generation, Council, budget, ...) pass, assuming they are independent;
    then, for each stakeholder profile, which gates its first choice is
    likely to fail.
    """
    from optionscope.analysis.gates import first_choice_gates, gate_probabilities
    from optionscope.io.scenario_files import load_scenario
    from optionscope.report.gates_text import render_gates

    if math.isnan(threshold):
        raise click.BadParameter("must be a probability between 0 and 1", param_hint="--threshold")
    s = load_scenario(scenario)
    emit(
        render_gates(
            gate_probabilities(s), first_choice_gates(s, threshold=threshold), s, threshold, fmt
        ),
        fmt,
    )

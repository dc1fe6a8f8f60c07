"""`optionscope frontier`: dominance and value against cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from optionscope.cli._common import emit, format_option, weight_options
from optionscope.io.errors import InputError

if TYPE_CHECKING:
    pass

from optionscope.cli._checks import (
    check_criteria,
)

# frontier --------------------------------------------------------------------------


NO_COST_DECLARED = (
    "; the scenario declares no cost_criterion: declare one, or pass --cost-criterion ID"
)


@click.command()
@click.argument("scenario")
@weight_options
@click.option(
    "--cost-criterion",
    metavar="ID",
    help="A 'min' criterion that is the cost (default: the scenario's cost_criterion).",
)
@click.option(
    "--cost-label",
    metavar="TEXT",
    help="Use the options' cost entries with this label instead of a criterion.",
)
@click.option(
    "--stated-costs",
    type=click.Choice(["one-off", "recurring"]),
    help="Use the options' stated total costs of this timing instead of a criterion "
    "(an addition counts from the option it adds to).",
)
@format_option()
def frontier(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    cost_criterion: str | None,
    cost_label: str | None,
    stated_costs: str | None,
    fmt: str,
) -> None:
    """Dominated options, and value against cost: which options are efficient.

    An option is dominated when another is at least as good on every
    criterion and better on one. On the value-for-money frontier, no other
    option gives at least as much value for no more cost. With a cost
    criterion the value leaves it out (the other weights renormalised).
    Stated costs are set against value on one basis: totals, one-off or
    recurring over one period, in one currency and price year.
    """
    from optionscope.analysis.cost_basis import MissingCosts, stated_timings
    from optionscope.analysis.dominance import dominated_options, value_cost_frontier
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.model.costs import StatedTimings
    from optionscope.present.ranking import join_names
    from optionscope.report.frontier_text import render_frontier
    from optionscope.report.text_blocks import labeller

    s = load_scenario(scenario)
    if cost_criterion is not None and cost_label is not None:
        raise InputError.at("--cost-criterion", "give --cost-criterion or --cost-label, not both")
    if cost_criterion is not None and stated_costs is not None:
        raise InputError.at("--cost-criterion", "give --cost-criterion or --stated-costs, not both")
    timing: StatedTimings | None = None
    if stated_costs is not None:
        found = [t for t in stated_timings(s) if t.timing == stated_costs]
        if not found:
            raise InputError.at("--stated-costs", f"not every option states a {stated_costs} cost")
        timing = found[0]
    if cost_criterion is not None:
        check_criteria(s, [cost_criterion], "--cost-criterion")
    elif cost_label is None and stated_costs is None:
        cost_criterion = s.cost_criterion
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    try:
        f = value_cost_frontier(
            s, weights, cost_criterion=cost_criterion, cost_label=cost_label, timing=timing
        )
    except ValueError as err:
        where = (
            "--cost-criterion"
            if cost_criterion
            else ("--cost-label" if cost_label else ("--stated-costs" if timing else scenario))
        )
        # options named as the frontier names them, not by their ids
        message = str(err)
        if isinstance(err, MissingCosts):
            name = labeller(s)
            message = err.named(join_names([name(o) for o in err.options]))
        if cost_criterion is None and cost_label is None and timing is None:
            message += NO_COST_DECLARED
        raise InputError.at(where, message) from None
    emit(render_frontier(dominated_options(s), f, s, label, fmt), fmt)

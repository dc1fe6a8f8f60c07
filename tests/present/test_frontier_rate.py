"""What a step along the frontier buys for its cost reads in whole points or tenths.

Rates were given per 100 units of cost whenever costs ran to thousands: steps of 26
million USD read "0.0001 value points per 100 USD", one significant digit.
"""

from __future__ import annotations

import dataclasses

import pytest

from optionscope.analysis.dominance import CostFrontier, FrontierStep, value_cost_frontier
from optionscope.io.scenario_files import load_scenario
from optionscope.present.dominance import rate_per, step_rate


def frontier_with(steps: list[tuple[float, float]], unit: str = "USD") -> CostFrontier:
    s = load_scenario("minusma-2023")
    f = value_cost_frontier(s, s.profiles[0].weights)
    made = tuple(FrontierStep("a", "b", value, cost) for value, cost in steps)
    return dataclasses.replace(f, steps=made, unit=unit)


@pytest.mark.parametrize(
    ("steps", "per", "rate"),
    [
        ([(25.64, 26_000_000.0)], 10_000_000, "9.86 value points per 10,000,000 USD"),
        ([(1.4, 1115.0), (0.5, 177.0), (0.5, 148.0)], 100, "0.13 value points per 100 USD"),
        ([(3.0, 0.4)], 1, "7.50 value points per USD"),
        ([(2.0, 45.0), (4.0, 60.0)], 10, "0.44 value points per 10 USD"),
    ],
)
def test_a_rate_is_given_per_a_round_amount_near_the_steps_cost(
    steps: list[tuple[float, float]], per: int, rate: str
) -> None:
    f = frontier_with(steps)
    assert rate_per(f) == per
    assert step_rate(f.steps[0], f) == rate

"""Costs are compared on their own scale: an option that costs nothing is efficient
against any option that costs more, however little more.

A tester's scenario with one option at 0.00002 EUR million beside others of up to 2,400
said the option at 0 was off the frontier: "Warning gives at least as much value for no
more cost", though Warning cost more. Costs within 10^-8 of the largest cost were tied.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from optionscope.analysis.dominance import (
    beaten_by,
    beats_on_value_for_cost,
    efficient_frontier,
    value_cost_frontier,
)
from optionscope.io.scenario_files import load_scenario

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"

VALUE = np.array([35.0, 40.0, 69.3, 77.0, 87.8])
COST = np.array([0.0, 0.00002, 320.0, 850.0, 2400.0])


def tiny_cost_flood(folder: Path) -> Path:
    """The flood scenario with the early warning's cost at 0.00002 EUR million."""
    text = FLOOD.read_text(encoding="utf-8")
    text = text.replace("amount: 0.35\n        low: 0.3\n        high: 0.5", "amount: 0.00002\n"
                        "        low: 0.00001\n        high: 0.00003")  # fmt: skip
    text = text.replace("value: 0.35, low: 0.3, high: 0.5", "value: 0.00002, low: 0.00001, "
                        "high: 0.00003")  # fmt: skip
    assert "0.35" not in text
    path = folder / "flood-tinycost.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_option_that_costs_nothing_is_not_beaten_by_one_that_costs_a_little() -> None:
    np.testing.assert_array_equal(efficient_frontier(VALUE, COST), [True] * 5)
    assert not beats_on_value_for_cost(VALUE, COST)[:, 0].any()
    assert beaten_by(VALUE, COST, 0).tolist() == []


@pytest.mark.parametrize("factor", [1e-12, 1e-6, 1.0, 1e6, 1e12])
def test_the_frontier_does_not_depend_on_the_unit_of_cost(factor: float) -> None:
    # the same costs in another unit (EUR, EUR billion, ...) give the same frontier
    value = np.array([35.0, 40.0, 40.0, 69.3, 60.0])
    cost = np.array([0.0, 0.00002, 0.00003, 320.0, 320.0]) * factor
    np.testing.assert_array_equal(efficient_frontier(value, cost), [True, True, False, True, False])
    pairwise = ~beats_on_value_for_cost(value, cost).any(axis=0)
    np.testing.assert_array_equal(pairwise, [True, True, False, True, False])


def test_costs_equal_but_for_float_noise_are_still_one_cost() -> None:
    # 0.1 + 0.2 is 0.30000000000000004: the same cost as 0.3, large or small
    for scale in (1.0, 1e-9, 1e9):
        cost = np.array([0.3, 0.1 + 0.2, 5.0]) * scale
        same = np.array([50.0, 50.0, 60.0])
        np.testing.assert_array_equal(efficient_frontier(same, cost), [True, True, True])
        better = np.array([50.0, 51.0, 60.0])
        np.testing.assert_array_equal(efficient_frontier(better, cost), [False, True, True])
        assert beaten_by(better, cost, 0).tolist() == [1]


def test_the_status_quo_at_no_cost_is_on_the_frontier(tmp_path: Path) -> None:
    s = load_scenario(str(tiny_cost_flood(tmp_path)))
    f = value_cost_frontier(s, s.profile("treasury").weights)
    point = {p.option: p for p in f.points}
    assert point["status-quo"].cost == 0.0 and point["early-warning"].cost == 0.00002
    assert point["status-quo"].efficient and point["status-quo"].beaten_by == ()
    assert f.frontier[:2] == ("status-quo", "early-warning")
    assert f.steps[0].extra_cost == 0.00002


def test_options_at_one_cost_and_value_are_handled_as_before(tmp_path: Path) -> None:
    """Two options of equal (tiny) cost and equal value are both efficient; a third at that
    cost with less value is beaten by both."""
    s = load_scenario(str(tiny_cost_flood(tmp_path)))
    same = {("status-quo", c): v for c, v in
            (("capex", 0.00002), ("damage", 85.0), ("disruption", 1.0))}  # fmt: skip
    worse = {("room-for-river", c): v for c, v in (("capex", 0.00002), ("damage", 90.0),
             ("protection", 10.0), ("ecology", 5.0), ("disruption", 1.0))}  # fmt: skip
    weights = s.profile("treasury").weights
    f = value_cost_frontier(s, weights, cost_criterion="capex", overrides={**same, **worse})
    point = {p.option: p for p in f.points}
    assert point["status-quo"].value == point["early-warning"].value
    assert point["status-quo"].efficient and point["early-warning"].efficient
    assert point["room-for-river"].beaten_by == ("early-warning", "status-quo")
    assert [st.extra_cost for st in f.steps if st.extra_cost <= 0] == [0.0]

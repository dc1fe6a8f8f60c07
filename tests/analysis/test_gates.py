"""Feasibility gates: probabilities and the first choices that would fail them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from optionscope.analysis.gates import (
    feasibility_probabilities,
    first_choice_gates,
    gate_probabilities,
)
from optionscope.model.scenario import Scenario

Factory = Callable[..., Scenario]


def test_all_gates_pass_with_the_product_of_their_probabilities(three_options: Scenario) -> None:
    gates = gate_probabilities(three_options)
    assert [g.probability_all for g in gates] == pytest.approx([0.3, 0.72, 1.0])
    weakest = gates[1].weakest
    assert weakest is not None and weakest.id == "troops"
    assert gates[2].weakest is None
    np.testing.assert_allclose(feasibility_probabilities(three_options), [0.3, 0.72, 1.0])


def test_gates_without_a_probability_count_as_passed_and_are_listed(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory(
        [[1], [2]],
        preconditions={
            0: [
                {"id": "vote", "text": "Council vote", "gate": "council"},
                {"id": "money", "text": "Budget", "gate": "budget", "probability": 0.6},
            ]
        },
    )
    gates = gate_probabilities(scenario)[0]
    assert gates.probability_all == pytest.approx(0.6)
    assert gates.unknown == ("vote",)


def test_a_profiles_first_choice_that_would_fail_a_gate_is_found(
    three_options: Scenario,
) -> None:
    checks = {c.profile: c for c in first_choice_gates(three_options)}
    security = checks["security"]
    assert security.option == "o0"
    assert security.at_risk
    assert [g.id for g in security.failing] == ["consent"]
    thrift = checks["thrift"]
    assert thrift.option == "o1" and not thrift.at_risk
    assert thrift.probability_all == pytest.approx(0.72)


def test_the_threshold_decides_what_counts_as_likely_to_fail(three_options: Scenario) -> None:
    checks = first_choice_gates(three_options, threshold=0.85)
    thrift = next(c for c in checks if c.profile == "thrift")
    assert [g.id for g in thrift.failing] == ["troops"]
    with pytest.raises(ValueError, match="probability"):
        first_choice_gates(three_options, threshold=1.5)


def test_a_scenario_without_profiles_is_checked_with_equal_weights(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory([[90], [10]])
    (check,) = first_choice_gates(scenario)
    assert check.profile_name == "equal weights" and check.option == "o0"
    assert check.failing == () and check.probability_all == 1.0

"""Every analysis runs on the bundled MINUSMA scenario; a pack that fails to load fails."""

from __future__ import annotations

import numpy as np
import pytest

from optionscope.analysis.dominance import dominated_options
from optionscope.analysis.gates import first_choice_gates, gate_probabilities
from optionscope.analysis.ranking import METHODS, rank
from optionscope.analysis.sensitivity import (
    stability_intervals,
    tornado,
    what_would_have_to_be_true,
)
from optionscope.analysis.smaa import smaa
from optionscope.model.scenario import Scenario


@pytest.fixture(scope="module")
def minusma() -> Scenario:
    # A bundled pack that fails to load fails here: it ships with the tool.
    from optionscope.io import load_scenario

    return load_scenario("minusma-2023")


def test_every_analysis_runs_on_the_bundled_scenario(minusma: Scenario) -> None:
    profiles = minusma.profiles or []
    weights = profiles[0].weights if profiles else {c: 1.0 for c in minusma.criterion_ids}
    for method in METHODS:
        ranking = rank(minusma, weights, method)
        assert len(ranking.ranking) == len(minusma.options)
    stability = stability_intervals(minusma, weights)
    assert all(c.lower <= c.weight <= c.upper for c in stability.criteria)
    assert tornado(minusma, weights).bars
    for option in minusma.option_ids:
        assert what_would_have_to_be_true(minusma, weights, option).option == option
    dominated_options(minusma)
    assert len(gate_probabilities(minusma)) == len(minusma.options)
    assert first_choice_gates(minusma)
    result = smaa(minusma, weights, samples=5000, seed=1, gates=True)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)

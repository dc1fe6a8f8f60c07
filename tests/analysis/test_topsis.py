"""TOPSIS against pymcdm, a published worked example and its own invariants."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from optionscope.analysis.ranking import METHODS, rank
from optionscope.analysis.topsis import rank_topsis, topsis, topsis_analysis
from optionscope.model.scenario import Scenario


def test_topsis_matches_pymcdm_on_random_matrices() -> None:
    rng = np.random.default_rng(20230116)
    reference = TOPSIS(normalization_function=vector_normalization)
    for _ in range(200):
        m, n = int(rng.integers(2, 12)), int(rng.integers(1, 9))
        matrix = rng.uniform(0.5, 100.0, (m, n))
        weights = rng.dirichlet(np.ones(n))
        types = rng.choice([1, -1], n)
        expected = reference(matrix, weights, types, validation=False)
        got = topsis(matrix, weights, types == 1).closeness
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_topsis_reproduces_the_tzeng_and_huang_worked_example() -> None:
    """Tzeng, G.-H. & Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods
    and Applications, CRC Press: four alternatives, three benefit criteria, weights
    (0.3, 0.4, 0.3), vector normalisation. Published closeness coefficients
    0.5037, 0.6581, 0.7482, 0.3340 (four decimals), hence the 1e-4 tolerance.
    """
    matrix = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    steps = topsis(matrix, np.array([0.3, 0.4, 0.3]), np.array([True, True, True]))
    np.testing.assert_allclose(steps.closeness, [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4)


def test_the_ideal_takes_the_minimum_on_a_min_criterion() -> None:
    matrix = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
    steps = topsis(matrix, np.array([0.5, 0.5]), np.array([False, True]))
    assert steps.ideal[0] == pytest.approx(steps.weighted[0, 0])
    assert steps.anti_ideal[0] == pytest.approx(steps.weighted[2, 0])
    assert steps.ideal[1] == pytest.approx(steps.weighted[2, 1])


def test_an_all_zero_column_moves_no_distance() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.uniform(1, 10, (5, 3))
    with_zero = np.hstack([matrix, np.zeros((5, 1))])
    w = np.array([0.2, 0.3, 0.1, 0.4])
    steps = topsis(with_zero, w, np.array([True, False, True, True]))
    assert np.all(np.isfinite(steps.closeness))
    assert np.all(steps.normalised[:, 3] == 0)
    alone = topsis(matrix, w[:3], np.array([True, False, True]))
    np.testing.assert_allclose(steps.closeness, alone.closeness, atol=1e-12)


def test_identical_options_all_get_the_neutral_closeness() -> None:
    steps = topsis(np.ones((3, 2)), np.array([0.5, 0.5]), np.array([True, True]))
    np.testing.assert_array_equal(steps.closeness, [0.5, 0.5, 0.5])


def test_the_kernel_is_vectorised_over_leading_axes() -> None:
    rng = np.random.default_rng(5)
    batch = rng.uniform(1, 10, (4, 6, 3))
    weights = rng.dirichlet(np.ones(3), size=4)
    up = np.array([True, False, True])
    together = topsis(batch, weights, up).closeness
    for k in range(4):
        np.testing.assert_allclose(together[k], topsis(batch[k], weights[k], up).closeness)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 8),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
    st.floats(0.01, 1000.0),
)
def test_closeness_lies_in_zero_one_and_ignores_the_unit_of_a_criterion(
    m: int, n: int, seed: int, factor: float
) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(0.1, 50, (m, n))
    w = rng.dirichlet(np.ones(n))
    up = rng.random(n) < 0.5
    base = topsis(matrix, w, up).closeness
    assert np.all((base >= 0) & (base <= 1))
    rescaled = matrix.copy()
    rescaled[:, 0] *= factor
    np.testing.assert_allclose(topsis(rescaled, w, up).closeness, base, atol=1e-9)


def test_rank_topsis_scores_are_closeness_on_a_0_to_1_scale(
    scenario_factory: Callable[..., Scenario],
) -> None:
    scenario = scenario_factory([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], scale=(0.0, 10.0))
    weights = {"c0": 3, "c1": 4, "c2": 3}
    ranking = rank_topsis(scenario, weights)
    assert [r.option for r in ranking.ranking] == ["o2", "o1", "o0", "o3"]
    assert ranking.by_option("o2").score == pytest.approx(0.7482, abs=0.0001)
    assert ranking.scale.kind == "closeness"
    assert ranking.method == "topsis"
    assert all(r.contributions == {} for r in ranking.ranking)
    assert sum(ranking.weights.values()) == pytest.approx(1.0)


def test_topsis_is_registered_as_a_ranking_method(three_options: Scenario) -> None:
    assert "topsis" in METHODS
    weights = {"c0": 1, "c1": 1, "c2": 1}
    via_registry = rank(three_options, weights, "topsis")
    assert via_registry == rank_topsis(three_options, weights)


def test_topsis_analysis_keeps_its_steps_and_applies_overrides(three_options: Scenario) -> None:
    analysis = topsis_analysis(three_options, {"c0": 1}, {("o2", "c0"): 95.0})
    assert analysis.performance[2, 0] == 95.0
    assert analysis.steps.weighted.shape == (3, 3)
    assert analysis.ranking.leader.option == "o2"

"""PROMETHEE II against pymcdm, a documented example worked by hand, and its invariants."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.methods import PROMETHEE_II

from optionscope.analysis.promethee import (
    PreferenceFunction,
    gaussian,
    level,
    linear,
    promethee_analysis,
    promethee_ii,
    rank_promethee,
    u_shape,
    usual,
    v_shape,
)
from optionscope.analysis.ranking import METHODS, rank
from optionscope.model.scenario import Scenario
from optionscope.present.ranking import preference_function_label

Problem = tuple[np.ndarray, np.ndarray, np.ndarray]


def _random_problem(rng: np.random.Generator) -> Problem:
    m, n = int(rng.integers(2, 10)), int(rng.integers(1, 7))
    # Integers make ties (d = 0) and threshold hits (d = q, d = p) common.
    matrix = rng.integers(0, 12, (m, n)).astype(float)
    weights = rng.dirichlet(np.ones(n))
    types = rng.choice([1, -1], n)
    return matrix, weights, types


def test_promethee_ii_matches_pymcdm_with_the_usual_function_on_random_matrices() -> None:
    rng = np.random.default_rng(1985)
    for _ in range(200):
        matrix, weights, types = _random_problem(rng)
        expected = PROMETHEE_II("usual")(matrix, weights, types, validation=False)
        got = promethee_ii(matrix, weights, types == 1).net_flow
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("kind", "seed"), [("ushape", 1), ("vshape", 2), ("level", 3), ("vshape_2", 4)]
)
def test_promethee_ii_matches_pymcdm_with_thresholds_on_random_matrices(
    kind: str, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(100):
        matrix, weights, types = _random_problem(rng)
        n = matrix.shape[1]
        q = rng.integers(0, 4, n).astype(float)
        p = q + rng.integers(1, 5, n)
        if kind == "ushape":
            ours = [u_shape(x) for x in q]
            reference = PROMETHEE_II("ushape", q=list(q))
        elif kind == "vshape":
            ours = [v_shape(x) for x in p]
            reference = PROMETHEE_II("vshape", p=list(p))
        elif kind == "level":
            ours = [level(a, b) for a, b in zip(q, p, strict=True)]
            reference = PROMETHEE_II("level", p=list(p), q=list(q))
        else:
            ours = [linear(a, b) for a, b in zip(q, p, strict=True)]
            reference = PROMETHEE_II("vshape_2", p=list(p), q=list(q))
        expected = reference(matrix, weights, types, validation=False)
        got = promethee_ii(matrix, weights, types == 1, ours).net_flow
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_promethee_reproduces_the_documented_three_option_example() -> None:
    """The PROMETHEE I/II example of the pymcdm documentation (Kizielewicz,
    Shekhovtsov & Salabun, pymcdm, SoftwareX 22, 2023; docstrings of
    `PROMETHEE_I` and `PROMETHEE_II`): options (4, 3, 2), (3, 2, 4), (5, 1, 3),
    weights (0.5, 0.3, 0.2), benefit criteria, usual functions; published flows
    phi+ = (0.55, 0.35, 0.60), phi- = (0.45, 0.65, 0.40), phi = (0.1, -0.3, 0.2).

    Worked by hand: pi(A1, A2) = 0.5 + 0.3 = 0.8, pi(A1, A3) = 0.3,
    pi(A2, A1) = 0.2, pi(A2, A3) = 0.3 + 0.2 = 0.5, pi(A3, A1) = 0.5 + 0.2 = 0.7,
    pi(A3, A2) = 0.5; flows are row and column means over the 2 other options.
    """
    matrix = np.array([[4, 3, 2], [3, 2, 4], [5, 1, 3]], dtype=float)
    steps = promethee_ii(matrix, np.array([0.5, 0.3, 0.2]), np.array([True] * 3))
    np.testing.assert_allclose(
        steps.preference_index, [[0, 0.8, 0.3], [0.2, 0, 0.5], [0.7, 0.5, 0]], atol=1e-12
    )
    np.testing.assert_allclose(steps.positive_flow, [0.55, 0.35, 0.60], atol=1e-12)
    np.testing.assert_allclose(steps.negative_flow, [0.45, 0.65, 0.40], atol=1e-12)
    np.testing.assert_allclose(steps.net_flow, [0.1, -0.3, 0.2], atol=1e-12)


def test_the_gaussian_function_follows_its_formula() -> None:
    fn = gaussian(2.0)
    d = np.array([-1.0, 0.0, 1.0, 2.0, 10.0])
    expected = [0.0, 0.0, 1 - np.exp(-1 / 8), 1 - np.exp(-0.5), 1 - np.exp(-12.5)]
    np.testing.assert_allclose(fn(d), expected, atol=1e-15)


@pytest.mark.parametrize(
    ("fn", "d", "expected"),
    [
        (usual(), [-1, 0, 0.1, 5], [0, 0, 1, 1]),
        (u_shape(2), [1, 2, 2.5], [0, 0, 1]),
        (v_shape(4), [0, 2, 4, 6], [0, 0.5, 1, 1]),
        (level(1, 3), [1, 2, 3, 4], [0, 0.5, 0.5, 1]),
        (linear(1, 3), [1, 2, 3, 4], [0, 0.5, 1, 1]),
    ],
)
def test_each_preference_function_has_its_textbook_shape(
    fn: PreferenceFunction, d: list[float], expected: list[float]
) -> None:
    np.testing.assert_allclose(fn(np.array(d, dtype=float)), expected)


@pytest.mark.parametrize(
    "make",
    [
        lambda: v_shape(0),
        lambda: level(3, 3),
        lambda: linear(4, 2),
        lambda: gaussian(0),
        lambda: u_shape(-1),
    ],
)
def test_impossible_thresholds_are_refused(make: Callable[[], PreferenceFunction]) -> None:
    with pytest.raises(ValueError):
        make()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 8), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_net_flows_sum_to_zero_and_split_into_criterion_flows(m: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.normal(size=(m, n))
    w = rng.dirichlet(np.ones(n))
    steps = promethee_ii(matrix, w, rng.random(n) < 0.5, [v_shape(1.0)] * n)
    assert abs(steps.net_flow.sum()) < 1e-12
    assert np.all(np.abs(steps.net_flow) <= 1 + 1e-12)
    np.testing.assert_allclose(steps.criterion_flows @ w, steps.net_flow, atol=1e-12)


def test_rank_promethee_contributions_add_up_to_the_net_flow(three_options: Scenario) -> None:
    ranking = rank_promethee(three_options, {"c0": 2, "c1": 1, "c2": 1})
    for row in ranking.ranking:
        assert sum(row.contributions.values()) == pytest.approx(row.score, abs=1e-12)
    assert ranking.method == "promethee"


def test_promethee_is_registered_and_uses_usual_functions_by_default(
    three_options: Scenario,
) -> None:
    assert "promethee" in METHODS
    weights = {"c0": 1, "c1": 1, "c2": 1}
    assert rank(three_options, weights, "promethee") == rank_promethee(three_options, weights)
    analysis = promethee_analysis(three_options, weights)
    assert all(fn.kind == "usual" for fn in analysis.functions)


def test_per_criterion_functions_are_passed_by_criterion_id(three_options: Scenario) -> None:
    weights = {"c0": 1, "c1": 1, "c2": 1}
    # With a wide indifference threshold c0 stops telling the options apart.
    analysis = promethee_analysis(three_options, weights, functions={"c0": u_shape(100.0)})
    assert np.all(analysis.steps.criterion_flows[:, 0] == 0)
    assert preference_function_label(analysis.functions[0]) == "u-shape (q=100)"
    with pytest.raises(ValueError, match="unknown criteria: nope"):
        promethee_analysis(three_options, weights, functions={"nope": usual()})


def test_min_criteria_prefer_lower_performances(
    scenario_factory: Callable[..., Scenario],
) -> None:
    scenario = scenario_factory([[10], [20]], directions=["min"])
    ranking = rank_promethee(scenario, {"c0": 1})
    assert ranking.leader.option == "o0"
    assert ranking.leader.score == pytest.approx(1.0)

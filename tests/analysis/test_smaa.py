"""SMAA-2: reproducibility, invariants, chunking, distributions and gates."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.analysis.smaa import (
    BLOCK,
    PerformanceModel,
    SmaaResult,
    WeightModel,
    performance_model,
    smaa,
)
from optionscope.analysis.smaa_ranks import rank_shares
from optionscope.analysis.smaa_sampling import Sampler
from optionscope.model.scenario import Scenario
from seeded_words import whole_values, words_cell_by_cell

Factory = Callable[..., Scenario]

WEIGHTS = {"c0": 2, "c1": 1, "c2": 1}


def _same(a: SmaaResult, b: SmaaResult) -> None:
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_array_equal(a.confidence_factors, b.confidence_factors)
    np.testing.assert_array_equal(a.infeasible, b.infeasible)
    np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-12, atol=0)


def test_smaa_is_reproducible_for_a_seed(three_options: Scenario) -> None:
    first = smaa(three_options, WEIGHTS, samples=5000, seed=7)
    again = smaa(three_options, WEIGHTS, samples=5000, seed=7)
    other = smaa(three_options, WEIGHTS, samples=5000, seed=8)
    _same(first, again)
    assert not np.array_equal(first.rank_acceptability, other.rank_acceptability)
    assert first.seed == 7


def test_without_a_seed_the_seed_used_is_reported_and_reproduces_the_run(
    three_options: Scenario,
) -> None:
    result = smaa(three_options, WEIGHTS, samples=2000)
    _same(result, smaa(three_options, WEIGHTS, samples=2000, seed=result.seed))


def test_acceptability_rows_and_columns_sum_to_one(three_options: Scenario) -> None:
    for weights in (WEIGHTS, None):
        result = smaa(three_options, weights, samples=20_000, seed=1, gates=True)
        np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
        np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)


def test_a_dominating_option_is_always_first_and_fully_confident(
    factory_dominant: Scenario,
) -> None:
    result = smaa(factory_dominant, None, samples=10_000, seed=3)
    assert result.rank_acceptability[0, 0] == 1.0
    assert result.confidence_factors[0] == 1.0
    assert np.all(np.isnan(result.central_weights[1:]))
    assert np.all(np.isnan(result.confidence_factors[1:]))
    # Weights uniform on the simplex: the central weights of the always-first
    # option are the mean of the simplex, 1/n each.
    np.testing.assert_allclose(result.central_weights[0], 1 / 3, atol=0.01)


@pytest.fixture
def factory_dominant(scenario_factory: Factory) -> Scenario:
    """o0's whole range lies above every other option's range on every criterion."""
    return scenario_factory(
        [[90, 90, 90], [50, 60, 40], [40, 30, 70]],
        low=[[85, 85, 85], [30, 40, 20], [20, 10, 50]],
        high=[[95, 95, 95], [70, 80, 60], [60, 50, 84]],
        confidence=[["low", "medium", "high"]] * 3,
    )


@pytest.mark.parametrize(("chunk", "workers"), [(1000, 1), (4097, 2), (BLOCK, 3), (None, 2)])
def test_the_result_does_not_depend_on_chunk_size_or_workers(
    three_options: Scenario, chunk: int | None, workers: int
) -> None:
    samples = 2 * BLOCK + 1234  # three blocks, the last one short
    reference = smaa(
        three_options, WEIGHTS, samples=samples, seed=11, chunk_size=777, workers=1, gates=True
    )
    result = smaa(
        three_options,
        WEIGHTS,
        samples=samples,
        seed=11,
        chunk_size=chunk,
        workers=workers,
        gates=True,
    )
    _same(reference, result)


def test_gates_send_failed_options_to_the_bottom_and_are_counted(three_options: Scenario) -> None:
    samples = 40_000
    result = smaa(three_options, WEIGHTS, samples=samples, seed=5, gates=True)
    # o0 passes with 0.3; o1 with 0.8 x 0.9 = 0.72; o2 has no gates.
    expected = np.array([0.7, 0.28, 0.0])
    se = np.sqrt(expected * (1 - expected) / samples)
    assert np.all(np.abs(result.infeasible - expected) <= 4 * se + 1e-12)
    without = smaa(three_options, WEIGHTS, samples=samples, seed=5)
    assert result.rank_acceptability[0, 0] < without.rank_acceptability[0, 0]
    assert np.all(without.infeasible == 0)


def test_an_option_that_always_fails_a_gate_always_ranks_last(scenario_factory: Factory) -> None:
    gate = {"id": "never", "text": "Impossible consent", "gate": "host-consent", "probability": 0.0}
    scenario = scenario_factory([[90, 90], [50, 50], [10, 10]], preconditions={0: [gate]})
    result = smaa(scenario, {"c0": 1, "c1": 1}, samples=3000, seed=2, gates=True)
    assert result.rank_acceptability[0, 2] == 1.0
    assert result.infeasible[0] == 1.0
    assert result.rank_acceptability[1, 0] == 1.0


def test_identical_options_split_their_ranks_evenly(scenario_factory: Factory) -> None:
    scenario = scenario_factory([[70, 30], [70, 30], [10, 10]])
    result = smaa(scenario, {"c0": 1, "c1": 1}, samples=1000, seed=4)
    np.testing.assert_allclose(result.rank_acceptability[:2, :2], 0.5)
    np.testing.assert_allclose(result.rank_acceptability[2], [0, 0, 1])
    np.testing.assert_allclose(result.confidence_factors[:2], 0.5)


def test_without_uncertainty_and_with_fixed_weights_smaa_is_the_ranking(
    scenario_factory: Factory,
) -> None:
    scenario = scenario_factory([[70, 30], [40, 80], [10, 10]])
    result = smaa(scenario, {"c0": 1, "c1": 1}, samples=500, seed=4, concentration=None)
    np.testing.assert_array_equal(result.rank_acceptability, [[0, 1, 0], [1, 0, 0], [0, 0, 1]])
    np.testing.assert_allclose(result.central_weights[1], [0.5, 0.5])


def test_weights_are_drawn_around_the_profile(three_options: Scenario) -> None:
    rng = np.random.default_rng(0)
    centre = np.array([0.5, 0.3, 0.2, 0.0])
    model = WeightModel(4, centre, 50.0)
    draws = model.sample(rng, 200_000)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    np.testing.assert_allclose(draws.mean(axis=0), centre, atol=2e-3)
    np.testing.assert_allclose(draws.std(axis=0), np.sqrt(centre * (1 - centre) / 51), atol=2e-3)
    assert np.all(draws[:, 3] == 0)
    uniform = WeightModel(3, None, None).sample(rng, 200_000)
    np.testing.assert_allclose(uniform.mean(axis=0), 1 / 3, atol=3e-3)


def _one_cell_model(confidence: str, low: float, mode: float, high: float) -> PerformanceModel:
    from optionscope.model.scenario import Criterion

    criterion = Criterion.model_validate({"id": "c", "name": "c", "scale": {"min": 0, "max": 100}})
    kind = {"low": "uniform", "medium": "triangular", "high": "pert"}[confidence]
    return performance_model(
        np.array([[mode]]), np.array([[low]]), np.array([[high]]), [[kind]], [criterion]
    )


@pytest.mark.parametrize(
    ("confidence", "mean", "var"),
    [
        # uniform on [10, 40]
        ("low", 25.0, 30.0**2 / 12),
        # triangular(10, 20, 40): mean (a + b + c) / 3, variance (a²+b²+c²-ab-ac-bc) / 18
        ("medium", 70 / 3, (100 + 400 + 1600 - 200 - 400 - 800) / 18),
        # PERT(10, 20, 40): beta(alpha = 1 + 4/3, beta = 1 + 8/3) on [10, 40]
        ("high", (10 + 4 * 20 + 40) / 6, None),
    ],
)
def test_each_confidence_level_samples_its_distribution(
    confidence: str, mean: float, var: float | None
) -> None:
    model = _one_cell_model(confidence, 10.0, 20.0, 40.0)
    assert model.draws == (2 if confidence == "medium" else 1)
    u = np.random.default_rng(9).random((model.draws, 400_000))  # draws x samples
    x = model.sample_values(u)[0]  # value = performance on a 0-100 linear scale
    assert x.min() >= 10 and x.max() <= 40
    assert x.mean() == pytest.approx(mean, abs=0.05)
    if var is None:
        a, b = 1 + 4 / 3, 1 + 8 / 3
        var = 30.0**2 * a * b / ((a + b) ** 2 * (a + b + 1))
    assert x.var() == pytest.approx(var, rel=0.01)


def test_the_triangular_draws_follow_the_triangular_distribution() -> None:
    from scipy import stats

    model = _one_cell_model("medium", 0.0, 20.0, 100.0)
    u = np.random.default_rng(2).random((model.draws, 200_000))
    x = model.sample_values(u)[0] / 100
    assert stats.kstest(x, stats.triang(0.2).cdf).statistic < 0.005


def test_the_pert_table_matches_the_beta_distribution() -> None:
    from scipy import stats

    model = _one_cell_model("high", 0.0, 70.0, 100.0)
    u = np.random.default_rng(1).random((model.draws, 200_000))
    x = model.sample_values(u)[0] / 100
    statistic = stats.kstest(x, stats.beta(1 + 4 * 0.7, 1 + 4 * 0.3).cdf).statistic
    assert statistic < 0.005


def test_sampled_performances_go_through_the_value_function(scenario_factory: Factory) -> None:
    scenario = scenario_factory([[50], [50]], low=[[0], [50]], high=[[100], [50]])
    data = scenario.model_dump()
    data["criteria"][0]["value_function"] = {"points": [[0, 0], [50, 100], [100, 100]]}
    bent = Scenario.model_validate(data)
    criterion = bent.criteria[0]
    model = performance_model(
        np.array([[50.0], [50.0]]),
        np.array([[0.0], [50.0]]),
        np.array([[100.0], [50.0]]),
        [["uniform"], ["uniform"]],
        [criterion],
    )
    values = model.sample_values(np.linspace(0, 1, 11)[None, :])[0]
    np.testing.assert_allclose(values, [0, 20, 40, 60, 80, 100, 100, 100, 100, 100, 100])
    result = smaa(bent, {"c0": 1}, samples=4000, seed=1)
    # o1 is fixed at 100; o0 reaches 100 only when its draw is at or above 50.
    assert result.rank_acceptability[1, 0] > result.rank_acceptability[0, 0] > 0.2


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 7), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_rank_shares_give_each_option_one_unit_spread_over_the_ranks_it_ties_for(
    m: int, b: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 3, (b, m)).astype(float)  # many ties
    counts, first = rank_shares(scores)
    np.testing.assert_allclose(counts.sum(axis=1), b)
    np.testing.assert_allclose(counts.sum(axis=0), b)
    np.testing.assert_allclose(first.sum(axis=1), 1.0)
    for row in range(b):
        best = scores[row] == scores[row].max()
        np.testing.assert_allclose(first[row], best / best.sum())


def test_the_result_serialises_to_plain_data(three_options: Scenario) -> None:
    result = smaa(three_options, WEIGHTS, samples=1000, seed=1)
    data = result.as_dict()
    assert data["seed"] == 1 and data["samples"] == 1000
    assert [o["option"] for o in data["options"]] == ["o0", "o1", "o2"]
    assert sum(result.first_rank().values()) == pytest.approx(1.0)
    assert set(result.expected_ranks()) == {"o0", "o1", "o2"}


def test_bad_arguments_are_refused(three_options: Scenario) -> None:
    with pytest.raises(ValueError, match="samples"):
        smaa(three_options, samples=0)
    with pytest.raises(ValueError, match="concentration"):
        smaa(three_options, WEIGHTS, concentration=0)
    with pytest.raises(ValueError, match="chunk_size"):
        smaa(three_options, chunk_size=0)


def test_drawing_from_32_bit_words_gives_the_values_of_their_uniforms_to_the_last_bit(
    scenario_factory: Factory,
) -> None:
    # the simulation turns the generator's words into numbers k and folds 2^-32 into the
    # parameters (`for_words`); every distribution, and a bent value function, must give
    # exactly what the uniforms k / 2^32 give
    scenario = scenario_factory(
        [[50, 20, 70, 30], [40, 60, 10, 80]],
        low=[[0, 5, 40, 10], [10, 30, 0, 60]],
        high=[[100, 45, 90, 55], [90, 95, 30, 99]],
        confidence=[["low", "medium", "high", "low"], ["medium", "high", "low", "medium"]],
    )
    data = scenario.model_dump()
    data["criteria"][0]["value_function"] = {"points": [[0, 0], [50, 90], [100, 100]]}
    bent = Scenario.model_validate(data)
    kinds = {"low": "uniform", "medium": "triangular", "high": "pert"}
    conf = [["low", "medium", "high", "low"], ["medium", "high", "low", "medium"]]
    model = performance_model(
        np.array([[50, 20, 70, 30], [40, 60, 10, 80]], dtype=float),
        np.array([[0, 5, 40, 10], [10, 30, 0, 60]], dtype=float),
        np.array([[100, 45, 90, 55], [90, 95, 30, 99]], dtype=float),
        [[kinds[c] for c in row] for row in conf],
        bent.criteria,
    )
    assert model.general  # the bent criterion is sampled as performances
    words = np.random.default_rng(4).integers(0, 2**32, (model.draws, 5000)).astype(float)
    words[:, 0], words[:, 1] = 0.0, 2.0**32 - 1  # the ends of the range
    from_words = model.for_words().sample_values(words.copy())
    from_uniforms = model.sample_values(words * 2.0**-32)
    np.testing.assert_array_equal(from_words, from_uniforms)
    # the sampler draws its words a tile of samples at a time, cell by cell, and turns
    # them into values: the values of their uniforms, to the last bit
    b = 3000
    drawn = whole_values(Sampler(model, b), np.random.default_rng(5), b)
    drawn = drawn.reshape(-1, b)[model.flat]
    cells = model.m * model.n
    words = words_cell_by_cell(np.random.default_rng(5), model.draws, b, cells).astype(float)
    np.testing.assert_array_equal(drawn, model.sample_values(words * 2.0**-32))


@pytest.mark.parametrize(("cpus", "threads"), [(1, 1), (2, 2), (3, 3), (4, 4), (16, 4)])
def test_the_simulation_uses_a_thread_per_cpu_up_to_four(
    monkeypatch: pytest.MonkeyPatch, cpus: int, threads: int
) -> None:
    # on two idle cores a second thread halves the time (benchmarks/ratios.py measures it)
    import os

    from optionscope.analysis import smaa as module

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    assert module.default_workers() == threads


@pytest.mark.parametrize("scenario_id", ["minusma-2023", "monusco-2024"])
def test_the_simulation_agrees_with_a_plain_one_drawn_by_numpys_own_samplers(
    scenario_id: str,
) -> None:
    """The kernel draws words a tile at a time, weights criterion by criterion, keeps the
    affine cells' constant terms apart and sums first places as a matrix product; a plain
    simulation of the same model (NumPy's uniform, triangular, beta and Dirichlet, each
    sample ranked by sorting) gives the same shares within sampling error."""
    from optionscope.analysis.smaa_sampling import DISTRIBUTIONS, PERT_SHAPE
    from optionscope.analysis.value import (
        criterion_values,
        performance_matrix,
        range_matrices,
        weight_vector,
    )
    from optionscope.io.scenario_files import load_scenario

    s = load_scenario(scenario_id)
    profile = s.profiles[0]
    samples = 200_000
    result = smaa(s, dict(profile.weights), samples=samples, seed=11, workers=2)
    rng = np.random.default_rng(12)
    central, (low, high) = performance_matrix(s), range_matrices(s)
    m, n = central.shape
    values = np.empty((samples, m, n))
    for i, option in enumerate(s.options):
        for j, criterion in enumerate(s.criteria):
            lo, hi, c = min(low[i, j], high[i, j]), max(low[i, j], high[i, j]), central[i, j]
            kind = DISTRIBUTIONS[s.assessments[option.id][criterion.id].confidence]
            if hi <= lo:
                x = np.full(samples, c)
            elif kind == "uniform":
                x = rng.uniform(lo, hi, samples)
            elif kind == "triangular":
                x = rng.triangular(lo, min(max(c, lo), hi), hi, samples)
            else:
                p = (min(max(c, lo), hi) - lo) / (hi - lo)
                x = lo + (hi - lo) * rng.beta(1 + PERT_SHAPE * p, 1 + PERT_SHAPE * (1 - p), samples)
            values[:, i, j] = criterion_values(x, criterion)
    centre = weight_vector(s, dict(profile.weights))
    w = np.zeros((samples, n))
    w[:, centre > 0] = rng.dirichlet(50.0 * centre[centre > 0], samples)
    scores = np.einsum("sij,sj->si", values, w)
    ranks = np.argsort(np.argsort(-scores, axis=1), axis=1)  # ties: measure zero here
    plain = np.stack([np.bincount(ranks[:, i], minlength=m) for i in range(m)]) / samples
    error = np.sqrt(plain * (1 - plain) / samples + result.rank_acceptability
                    * (1 - result.rank_acceptability) / samples)  # fmt: skip
    assert np.all(np.abs(result.rank_acceptability - plain) <= 5 * error + 1e-4)
    first = ranks[:, :] == 0
    for i in np.flatnonzero(first.mean(axis=0) > 0.05):
        plain_central = w[first[:, i]].mean(axis=0)
        np.testing.assert_allclose(result.central_weights[i], plain_central, atol=0.004)

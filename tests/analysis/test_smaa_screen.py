"""SMAA on many options: the exact screen gives the numbers of the unscreened run."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.analysis import smaa as sm
from optionscope.analysis import smaa_screen as screen
from optionscope.analysis import smaa_screen_run as screen_run
from optionscope.analysis.smaa_ranks import rank_shares, top_ranks
from optionscope.analysis.value import weight_vector
from optionscope.model.scenario import Scenario

Factory = Callable[..., Scenario]


KINDS = ("low", "medium", "high")


def _scenario(
    make_scenario: Factory, seed: int, m: int, n: int, spread: float, gates: bool
) -> Scenario:
    rng = np.random.default_rng(seed)
    perf = rng.uniform(0, 100, (m, n))
    width = rng.uniform(0, spread, (m, n)) * (rng.random((m, n)) < 0.8)
    confidence = [[KINDS[int(k)] for k in row] for row in rng.integers(0, 3, (m, n))]
    preconditions = (
        {
            i: [{"id": "g", "text": "Gate", "gate": "budget", "probability": 0.7}]
            for i in range(0, m, 3)
        }
        if gates
        else None
    )
    return make_scenario(
        perf.tolist(),
        low=np.clip(perf - width, 0, 100).tolist(),
        high=np.clip(perf + width, 0, 100).tolist(),
        confidence=confidence,
        directions=["max" if j % 2 else "min" for j in range(n)],
        preconditions=preconditions,
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 10_000),
    m=st.integers(55, 140),
    n=st.integers(2, 5),
    spread=st.sampled_from([0.0, 3.0, 15.0]),
    weights=st.sampled_from(["profile", "uniform", "fixed"]),
    gates=st.booleans(),
    ranks=st.integers(1, 4),
)
def test_the_screened_run_equals_the_unscreened_one(
    scenario_factory: Factory,
    seed: int,
    m: int,
    n: int,
    spread: float,
    weights: str,
    gates: bool,
    ranks: int,
) -> None:
    s = _scenario(scenario_factory, seed, m, n, spread, gates)
    raw = {f"c{j}": float(j + 1) for j in range(n)}
    centre = None if weights == "uniform" else weight_vector(s, raw)
    model = sm.WeightModel(n, centre, 50.0 if weights == "profile" else None)
    feasibility = sm.feasibility_probabilities(s) if gates else None
    inputs = sm.scenario_screen_inputs(s)

    def run(screened: bool, chunk: int | None = None) -> sm.SmaaArrays:
        return screen_run.simulate_screened(
            inputs, model, samples=700, seed=seed, feasibility=feasibility,
            confidence_samples=300, ranks=ranks, screen=screened, chunk_size=chunk,
        )  # fmt: skip

    full, part = run(False), run(True, 128)
    np.testing.assert_array_equal(part.rank_acceptability, full.rank_acceptability)
    np.testing.assert_array_equal(part.confidence_factors, full.confidence_factors)
    np.testing.assert_allclose(part.central_weights, full.central_weights, rtol=1e-12)
    simulated = ~np.isnan(part.infeasible)
    np.testing.assert_array_equal(part.infeasible[simulated], full.infeasible[simulated])
    assert full.simulated == m and part.simulated is not None and part.simulated <= m
    np.testing.assert_allclose(part.rank_acceptability.sum(axis=0), np.ones(ranks))
    # an option never drawn never reached the counted ranks
    assert np.all(part.rank_acceptability[~simulated].sum(axis=1) == 0) if gates else True


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    m=st.integers(2, 30),
    k=st.integers(1, 5),
    levels=st.integers(2, 12),
)
def test_the_first_ranks_are_the_first_columns_of_every_rank(
    seed: int, m: int, k: int, levels: int
) -> None:
    """Ties (few distinct scores) included, across the k-th rank too."""
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, levels, (50, m)).astype(float)
    full, first_full = rank_shares(scores)
    counts = np.zeros((m, min(k, m)))
    lead, rows, options, shares = top_ranks(scores, min(k, m), counts)
    np.testing.assert_allclose(counts, full[:, : min(k, m)], atol=1e-12)
    first = np.zeros_like(first_full)
    clean = np.flatnonzero(lead >= 0)
    first[clean, lead[clean]] = 1.0
    np.add.at(first, (rows, options), shares)
    np.testing.assert_allclose(first, first_full, atol=1e-12)


def test_the_screen_draws_only_the_options_that_can_reach_the_first_ranks(
    scenario_factory: Factory,
) -> None:
    """Five options far ahead of 55 others: only they are drawn."""
    rng = np.random.default_rng(2)
    perf = np.vstack([rng.uniform(85, 95, (5, 3)), rng.uniform(5, 40, (55, 3))])
    s = scenario_factory(perf.tolist(), low=(perf - 2).tolist(), high=(perf + 2).tolist())
    result = sm.smaa(s, {"c0": 1, "c1": 1, "c2": 1}, samples=2000, seed=1)
    assert result.simulated == 5 and result.bounded and result.ranks == screen.TOP_RANKS
    assert result.rank_acceptability[5:].sum() == 0
    assert np.isnan(result.expected_ranks()["o0"])


def test_at_most_fifty_options_every_rank_is_counted_as_before(
    scenario_factory: Factory,
) -> None:
    rng = np.random.default_rng(3)
    perf = rng.uniform(0, 100, (screen.SCREEN_ABOVE, 2))
    s = scenario_factory(perf.tolist(), low=(perf - 5).tolist(), high=(perf + 5).tolist())
    result = sm.smaa(s, None, samples=500, seed=1)
    assert result.ranks == screen.SCREEN_ABOVE and result.simulated is None
    assert not result.bounded


@pytest.mark.parametrize("weights", ["uniform", "profile"])
def test_the_screen_multiplies_blocks_of_options_only_where_they_can_reach(
    scenario_factory: Factory, monkeypatch: pytest.MonkeyPatch, weights: str
) -> None:
    """Small blocks, many of them left out in most simulations: the candidates are the
    pairs whose most favourable score reaches the threshold, simulation by simulation, in
    order, and the run gives the unscreened numbers."""
    monkeypatch.setattr(screen_run, "CANDIDATE_BLOCK", 7)
    monkeypatch.setattr(screen_run, "CANDIDATE_TIER", 30)
    m, n = 300, 4
    s = _scenario(scenario_factory, 11, m, n, 10.0, gates=True)
    centre = (
        None if weights == "uniform" else weight_vector(s, {"c0": 3, "c1": 1, "c2": 1, "c3": 2})
    )
    model = sm.WeightModel(n, centre, 50.0 if centre is not None else None)
    inputs = sm.scenario_screen_inputs(s)
    run = screen_run.ScreenedRun(inputs, model, 4, 0, None, screen.TOP_RANKS, True)
    blocks = [block for *_, block, _ in run.blocks]
    assert len(blocks) > 40
    np.testing.assert_array_equal(np.sort(np.concatenate(blocks)), run.others)
    w = model.sample(np.random.default_rng(4), 500)
    best = w @ inputs.most.T  # simulations x options
    threshold = np.sort(best[:, run.pilots], axis=1)[:, -3] - 2.0
    rows, options, scores = run.candidates(w, threshold)
    assert np.all(np.diff(rows * m + options) > 0)  # by simulation, then option
    assert not np.isin(options, run.pilots).any()
    np.testing.assert_allclose(scores, best[rows, options], atol=1e-4)
    found = np.zeros_like(best, dtype=bool)
    found[rows, options] = True
    reach = best - threshold[:, None]
    reach[:, run.pilots] = -1.0
    assert found[reach > 1e-4].all() and not found[reach < -1e-4].any()
    assert found.sum() < best.size // 4

    feasibility = sm.feasibility_probabilities(s)

    def simulate(screened: bool) -> sm.SmaaArrays:
        return screen_run.simulate_screened(
            inputs, model, samples=1500, seed=6, feasibility=feasibility,
            confidence_samples=200, screen=screened, chunk_size=300,
        )  # fmt: skip

    full, part = simulate(False), simulate(True)
    np.testing.assert_array_equal(part.rank_acceptability, full.rank_acceptability)
    np.testing.assert_array_equal(part.confidence_factors, full.confidence_factors)
    np.testing.assert_allclose(part.central_weights, full.central_weights, rtol=1e-12)
    assert part.simulated is not None and part.simulated < m


def test_staged_scores_from_a_bound_keep_the_pairs_reaching_the_threshold(
    scenario_factory: Factory,
) -> None:
    """Started from the most favourable scores (as the screen has them, in float32), the
    staged draws give every pair reaching the threshold its full score, to the last bit."""
    m, n = 120, 5
    s = _scenario(scenario_factory, 3, m, n, 15.0, gates=False)
    inputs = sm.scenario_screen_inputs(s)
    rng = np.random.default_rng(9)
    b = 200
    w = rng.dirichlet(np.ones(n), b)
    w_t = np.ascontiguousarray(w.T)
    sims = np.arange(b, dtype=np.uint64) + np.uint64(10**6)
    rows, options = np.repeat(np.arange(b), m), np.tile(np.arange(m), b)
    most_t = np.ascontiguousarray(inputs.most.T)
    order = screen.draw_order(inputs, np.full(n, 1.0 / n))
    key = np.uint64(77)
    args = (inputs.cells, key, sims, rows, options, w_t, order, most_t)
    everything, full = screen.staged_scores(*args, None)
    assert np.array_equal(everything, np.arange(rows.size))
    best = (inputs.most.astype(np.float32) @ w.T.astype(np.float32)).T.reshape(-1)
    threshold = np.sort(full.reshape(b, m), axis=1)[:, -10][rows]
    reaching = np.flatnonzero(full >= threshold + 1e-9)  # past the sums' rounding
    for bound in (None, best.astype(np.float64) + screen.FLOAT32_SLACK):
        kept, scores = screen.staged_scores(*args, threshold, bound)
        np.testing.assert_array_equal(scores, full[kept])
        assert np.isin(reaching, kept).all()
        assert np.all(full[kept] >= threshold[kept] - 2 * screen.FLOAT32_SLACK)
        assert kept.size < rows.size // 4


@pytest.mark.parametrize(("weights", "ranks"), [("uniform", 3), ("profile", 3), ("profile", 1)])
def test_pilots_below_the_scouts_least_score_are_left_out(
    scenario_factory: Factory, weights: str, ranks: int
) -> None:
    """The k pilots best at their central values are drawn whole; a pilot is then drawn only
    while it can reach the least of their scores: every pilot kept has its full score to the
    last bit, every one left out is below the threshold, and the threshold is the same."""
    m, n, b = 150, 5, 400
    s = _scenario(scenario_factory, 5, m, n, 15.0, gates=False)
    centre = None if weights == "uniform" else weight_vector(s, {"c0": 3, "c1": 1, "c2": 2})
    model = sm.WeightModel(n, centre, 50.0 if centre is not None else None)
    inputs = sm.scenario_screen_inputs(s)
    run = screen_run.ScreenedRun(inputs, model, 8, 0, None, ranks, True)
    w = model.sample(np.random.default_rng(8), b)
    w_t = np.ascontiguousarray(w.T)
    sims = np.arange(b, dtype=np.uint64)
    pilots = run.pilots
    assert pilots.size == screen.PILOTS
    everyone = np.repeat(np.arange(b), pilots.size)
    _, _, full = run.scores(sims, w_t, everyone, np.tile(pilots, b), None)
    full = full.reshape(b, pilots.size)
    kept = run.pilot_scores(sims, w, w_t)
    drawn = kept != screen.PAD
    np.testing.assert_array_equal(kept[drawn], full[drawn])
    threshold = screen.kth_best(full, ranks) - screen.SCREEN_MARGIN
    np.testing.assert_array_equal(screen.kth_best(kept, ranks), threshold + screen.SCREEN_MARGIN)
    assert np.all(full[~drawn] < np.broadcast_to(threshold[:, None], full.shape)[~drawn])
    assert drawn.sum(axis=1).min() >= ranks and (~drawn).sum() > b  # some left out


@pytest.mark.parametrize("centre", [None, [0.5, 0.0, 0.3, 0.2], [0.0, 0.0, 1.0, 0.0]])
@pytest.mark.parametrize("concentration", [None, 0.5, 50.0])
def test_drawn_weights_are_never_negative(
    centre: list[float] | None, concentration: float | None
) -> None:
    """The screen's bounds (a score is at most the weighted sum of its most favourable
    values) hold only for weights that are never negative, in every kind of draw."""
    c = None if centre is None else np.array(centre)
    model = sm.WeightModel(4, c, None if c is None else concentration)
    for w in (
        model.sample(np.random.default_rng(1), 3000),
        model.draws(np.random.default_rng(1)).take(3000),
    ):
        assert np.all(w >= 0.0)
        np.testing.assert_allclose(w.sum(axis=0 if w.shape[0] == 4 else 1), 1.0)


def test_staged_scores_without_ranges_keep_exactly_the_pairs_reaching_the_threshold(
    scenario_factory: Factory,
) -> None:
    """Every value certain: the scores are summed whole, in the same order as drawn, and
    the pairs kept are those reaching the threshold."""
    m, n, b = 80, 4, 50
    s = _scenario(scenario_factory, 4, m, n, 0.0, gates=False)
    inputs = sm.scenario_screen_inputs(s)
    assert not inputs.cells.uncertain.any()
    w_t = np.ascontiguousarray(np.random.default_rng(3).dirichlet(np.ones(n), b).T)
    sims = np.arange(b, dtype=np.uint64)
    rows, options = np.repeat(np.arange(b), m), np.tile(np.arange(m), b)
    order = screen.draw_order(inputs, np.full(n, 1.0 / n))
    most_t = np.ascontiguousarray(inputs.most.T)
    args = (inputs.cells, np.uint64(5), sims, rows, options, w_t, order, most_t)
    _, full = screen.staged_scores(*args, None)
    threshold = np.sort(full.reshape(b, m), axis=1)[:, -4][rows]
    kept, scores = screen.staged_scores(*args, threshold)
    np.testing.assert_array_equal(kept, np.flatnonzero(full >= threshold))
    np.testing.assert_array_equal(scores, full[kept])


@pytest.mark.parametrize(
    ("m", "b"), [(1, 1), (7, 300), (10_000, 4_096), (70_000, 50), (30, 70_000)]
)
def test_pairs_are_ordered_by_row_then_option_as_one_sort_orders_them(m: int, b: int) -> None:
    """`pair_order` sorts 16-bit keys twice where they fit, else once: the same order."""
    rng = np.random.default_rng(m + b)
    for size in (0, 1, 50, 5_000):
        keys = rng.choice(m * b, size=min(size, m * b), replace=False)
        rows, options = np.divmod(keys, m)
        order = screen_run.pair_order(rows, options, m)
        assert np.array_equal(order, np.argsort(rows * m + options))


def test_the_kth_best_score_of_each_row_is_the_kth_from_the_top_when_sorted() -> None:
    rng = np.random.default_rng(3)
    for width in (1, 2, 3, 8, 40, 390):
        scores = np.round(rng.normal(size=(60, width)), 1)  # ties
        scores[rng.random(scores.shape) < 0.2] = screen.PAD
        for k in (1, 3, 8):
            expected = (
                np.sort(scores, axis=1)[:, ::-1][:, k - 1]
                if width >= k
                else np.full(60, screen.PAD)
            )
            np.testing.assert_array_equal(screen.kth_best(scores, k), expected)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), b=st.integers(1, 40), k=st.integers(1, 9))
def test_the_kth_best_most_favourable_score_is_the_kth_from_the_top_of_its_row(
    seed: int, b: int, k: int
) -> None:
    """In float32, laid out negated: the k-th best of each simulation's scores, as the
    float64 layout finds it; -inf where a simulation has fewer than k."""
    rng = np.random.default_rng(seed)
    per = rng.integers(0, 3 * k, b) * (rng.random(b) < 0.8)
    rows = np.repeat(np.arange(b), per)
    scores = np.round(rng.uniform(0, 100, rows.size), 1).astype(np.float32)  # ties
    got = screen.kth_best_most(b, k, rows, scores)
    want = screen.kth_best_by_row(b, k, rows, scores.astype(np.float64))
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, np.where(want == screen.PAD, -np.inf, want))
